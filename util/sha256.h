/*
 * sha256.h: SHA-256 (FIPS 180-4), for source identity, chart snapshots
 * and derived GUIDs.
 */
#ifndef FW_SHA256_H
#define FW_SHA256_H

#include <stddef.h>

/** Lower-case hex SHA-256 of len bytes into hex (65 bytes). */
void fw_sha256_hex(char hex[65], const void *data, size_t len);

#endif
