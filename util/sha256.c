/*
 * sha256.c: SHA-256 by OpenSSL's libcrypto, which uses the processor's
 * SHA instructions where it has them (a transcript's hash was a fifth of
 * ingesting it when computed here by hand).
 */
#include "sha256.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

/* The digest is fetched once: fetching it by name on every call would
 * cost more than hashing a short key. */
static void sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

void fw_sha256_hex(char hex[65], const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int n = 0;
	pthread_once(&sha256_once, sha256_fetch);
	if (!sha256_md || !EVP_Digest(data, len, md, &n, sha256_md, NULL) ||
	    n != sizeof md)
		abort(); /* libcrypto without SHA-256: nothing sensible to do */
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = 0;
}
