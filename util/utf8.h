/*
 * utf8.h: the one UTF-8 encoder and validator, code-point offsets, and
 * the decoding of raw text bytes into charter's normalised text (UTF-8,
 * LF line ends, no byte-order mark) from UTF-8, UTF-16 or Windows-1252.
 */
#ifndef FW_UTF8_H
#define FW_UTF8_H

#include <stddef.h>

#include "buf.h"
#include "errors.h"

/** Append code point cp as UTF-8; NUL, surrogates and values past
 *  U+10FFFF become U+FFFD. */
void fw_utf8_put(fw_buf *b, unsigned long cp);
/** 1 if len bytes are valid UTF-8 (no overlongs, no surrogates); else 0
 *  with the offset of the first bad byte in *bad_offset (may be NULL). */
int fw_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/** Number of code points in len bytes of valid UTF-8. */
long fw_utf8_count(const char *s, size_t len);
/** Byte offset of code point cp in s (len when past the end). */
size_t fw_utf8_byte_at(const char *s, size_t len, long cp);
/** The longest prefix of s no longer than max bytes that does not cut a
 *  UTF-8 sequence. */
size_t fw_utf8_cut(const char *s, size_t len, size_t max);

/** How bytes that are not UTF-8 are treated by fw_text_decode. */
enum {
	FW_ENC_UTF8 = 0,  /* strict: invalid UTF-8 is an error */
	FW_ENC_AUTO = 1,  /* invalid UTF-8 (no BOM) is read as Windows-1252 */
	FW_ENC_CP1252 = 2 /* the bytes are Windows-1252 */
};

/** Decode raw bytes to normalised UTF-8: BOMs (UTF-8, UTF-16LE/BE) and
 *  UTF-16 without one honoured, CRLF and CR turned into LF, NUL bytes
 *  refused.  Invalid UTF-8 without a BOM is read as Windows-1252 when
 *  mode allows, setting *encoding to "windows-1252"; otherwise it is an
 *  error naming the line and byte.  *out is NUL-terminated, the
 *  caller's. */
int fw_text_decode(char **out, size_t *out_len, const char **encoding,
		   const char *data, size_t len, const char *label, int mode,
		   fw_error *err);

#endif
