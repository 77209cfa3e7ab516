/*
 * guid.c: UUID version 7 for new objects, version 8 derived from a key.
 */
#include "guid.h"
#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>
#include <time.h>

/* Random bytes come from the kernel a page at a time: one system call per
 * 256 GUIDs rather than one each. */
static unsigned char guid_pool[4096];
static size_t guid_left;

void fw_guid_new(char out[37])
{
	static const char hex[] = "0123456789ABCDEF";
	if (guid_left < 16) {
		size_t got = 0;
		while (got < sizeof guid_pool) {
			ssize_t n = getrandom(guid_pool + got,
					      sizeof guid_pool - got, 0);
			if (n <= 0)
				abort(); /* no entropy source: nothing sensible
					    to do */
			got += (size_t)n;
		}
		guid_left = sizeof guid_pool;
	}
	unsigned char r[16];
	memcpy(r, guid_pool + sizeof guid_pool - guid_left, 16);
	guid_left -= 16;
	/* UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a
	 * 12-bit counter that keeps GUIDs made in one millisecond in order,
	 * then random bits.  Time-ordered GUIDs append to the project's GUID
	 * indexes instead of scattering across them. */
	static unsigned long long last_ms;
	static unsigned counter;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long long ms = (unsigned long long)ts.tv_sec * 1000u +
				(unsigned long long)ts.tv_nsec / 1000000u;
	if (ms <= last_ms) {
		if (++counter > 0xFFF) { /* counter spent: borrow the next ms */
			last_ms++;
			counter = 0;
		}
		ms = last_ms;
	} else {
		last_ms = ms;
		counter = r[6] & 0x7F; /* random start, room to count up */
	}
	for (int i = 0; i < 6; i++)
		r[i] = (unsigned char)(ms >> (40 - 8 * i));
	r[6] = (unsigned char)(0x70 | (counter >> 8));
	r[7] = (unsigned char)(counter & 0xFF);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	size_t j = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[r[i] >> 4];
		out[j++] = hex[r[i] & 15];
	}
	out[j] = 0;
}

void fw_guid_derive(char out[37], const char *key)
{
	char hex[65];
	fw_sha256_hex(hex, key, strlen(key));
	char h[33];
	for (int i = 0; i < 32; i++)
		h[i] = (char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i]);
	h[12] = '8';
	static const char var[] = "89AB";
	int v = (h[16] >= 'A' ? h[16] - 'A' + 10 : h[16] - '0') & 3;
	h[16] = var[v];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16,
		 h + 20);
}
