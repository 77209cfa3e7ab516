/*
 * utf8.c: UTF-8 encoding, validation and offsets, and decoding of raw
 * text bytes (BOMs, UTF-16, Windows-1252, line ends) into normalised text.
 */
#include "utf8.h"
#include "alloc.h"

#include <stdint.h>
#include <string.h>

void fw_utf8_put(fw_buf *b, unsigned long cp)
{
	char o[4];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		fw_buf_putc(b, (int)cp);
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		fw_buf_put(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		fw_buf_put(b, o, 3);
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		fw_buf_put(b, o, 4);
	}
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if invalid. */
static int utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int fw_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		int k = utf8_seq(u + i, len - i);
		if (!k) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

long fw_utf8_count(const char *s, size_t len)
{
	long n = 0;
	size_t i = 0;
	/* eight ASCII bytes at a time: the common case in transcripts */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (!(w & 0x8080808080808080ULL)) {
			n += 8;
			continue;
		}
		for (size_t k = i; k < i + 8; k++)
			if (((unsigned char)s[k] & 0xC0) != 0x80)
				n++;
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

size_t fw_utf8_byte_at(const char *s, size_t len, long cp)
{
	long n = 0;
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
	}
	return len;
}

size_t fw_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/* ---- decoding ------------------------------------------------------------ */

/* Windows-1252's 0x80-0x9F; 0 where the code page leaves a hole. */
static const unsigned short cp1252_hi[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static int line_of(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			line++;
	return line;
}

/* Append text with CRLF and CR normalised to LF. */
static void put_normalised(fw_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			fw_buf_put(b, s + run, i - run);
			fw_buf_putc(b, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			run = i + 1;
		}
	}
	fw_buf_put(b, s + run, n - run);
}

/* UTF-16 without a byte-order mark: most code units of a transcript are
 * ASCII, so one byte of each pair is NUL.  Returns 1 for BE, -1 for LE, 0
 * when the bytes do not look like UTF-16. */
static int utf16_guess(const unsigned char *u, size_t len)
{
	if (len < 4 || len % 2)
		return 0;
	size_t n = len < 512 ? len : 512, ze = 0, zo = 0;
	for (size_t i = 0; i < n; i += 2) {
		ze += u[i] == 0;
		zo += u[i + 1] == 0;
	}
	size_t pairs = n / 2;
	if (zo * 10 >= pairs * 7 && ze * 10 <= pairs)
		return -1;
	if (ze * 10 >= pairs * 7 && zo * 10 <= pairs)
		return 1;
	return 0;
}

static int decode_utf16(fw_buf *raw, const unsigned char *u, size_t len, int be,
			const char *label, fw_error *err)
{
	if (len % 2)
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "UTF-16 text has an odd number of bytes "
				    "(truncated file?)");
	for (size_t i = 0; i < len; i += 2) {
		unsigned long c =
			be ? (u[i] << 8 | u[i + 1]) : (u[i + 1] << 8 | u[i]);
		if (c >= 0xD800 && c < 0xDC00) {
			if (i + 3 >= len)
				return fw_error_set(
					err, FW_EPARSE, label, 0,
					"UTF-16 text ends inside a surrogate pair "
					"(byte %zu)",
					i);
			unsigned long d = be ? (u[i + 2] << 8 | u[i + 3])
					     : (u[i + 3] << 8 | u[i + 2]);
			if (d < 0xDC00 || d > 0xDFFF)
				return fw_error_set(
					err, FW_EPARSE, label, 0,
					"invalid UTF-16 surrogate at byte %zu",
					i);
			c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
			i += 2;
		} else if (c >= 0xDC00 && c <= 0xDFFF) {
			return fw_error_set(
				err, FW_EPARSE, label, 0,
				"invalid UTF-16 surrogate at byte %zu", i);
		} else if (c == 0) {
			return fw_error_set(
				err, FW_EPARSE, label, 0,
				"NUL character at byte %zu: not a text file",
				i);
		}
		fw_utf8_put(raw, c);
	}
	return 0;
}

static int decode_cp1252(fw_buf *raw, const char *s, size_t n,
			 const char *label, fw_error *err)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		unsigned long m = c;
		if (c >= 0x80 && c < 0xA0 && !(m = cp1252_hi[c - 0x80]))
			return fw_error_set(err, FW_EPARSE, label,
					    line_of(s, i),
					    "byte 0x%02X at offset %zu is "
					    "neither UTF-8 nor Windows-1252",
					    c, i);
		fw_utf8_put(raw, m);
	}
	return 0;
}

/* The bytes after a UTF-8 BOM, or without one: UTF-8, else Windows-1252
 * when mode allows. */
static int decode_8bit(fw_buf *raw, const char **encoding, const char *data,
		       size_t len, const char *label, int mode, fw_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	int bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	const char *s = data + (bom ? 3 : 0);
	size_t n = len - (bom ? 3 : 0);
	const char *nul = memchr(s, 0, n);
	if (nul)
		return fw_error_set(err, FW_EPARSE, label,
				    line_of(s, (size_t)(nul - s)),
				    "NUL byte at offset %zu: not a text file "
				    "(UTF-16 without a byte-order mark?)",
				    (size_t)(nul - s) + (bom ? 3 : 0));
	size_t bad = 0;
	if (fw_utf8_valid(s, n, &bad)) { /* also under cp1252: batch-safe */
		fw_buf_put(raw, s, n);
		*encoding = bom ? "UTF-8 BOM" : "UTF-8";
		return 0;
	}
	if (mode == FW_ENC_UTF8 || bom)
		return fw_error_set(err, FW_EPARSE, label, line_of(s, bad),
				    "invalid UTF-8 at byte offset %zu "
				    "(use --encoding cp1252 to convert)",
				    bad + (bom ? 3 : 0));
	*encoding = "windows-1252";
	return decode_cp1252(raw, s, n, label, err);
}

int fw_text_decode(char **out, size_t *out_len, const char **encoding,
		   const char *data, size_t len, const char *label, int mode,
		   fw_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	*out = NULL;
	*out_len = 0;
	fw_buf raw;
	fw_buf_init(&raw);
	int rc, be = 0,
		bom = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
				   (u[0] == 0xFE && u[1] == 0xFF));
	if (bom) {
		be = u[0] == 0xFE;
		rc = decode_utf16(&raw, u + 2, len - 2, be, label, err);
		*encoding = be ? "UTF-16BE" : "UTF-16LE";
	} else if ((be = utf16_guess(u, len)) != 0) {
		be = be > 0;
		rc = decode_utf16(&raw, u, len, be, label, err);
		*encoding = be ? "UTF-16BE" : "UTF-16LE";
	} else {
		rc = decode_8bit(&raw, encoding, data, len, label, mode, err);
	}
	if (rc) {
		fw_buf_dispose(&raw);
		return rc;
	}
	fw_buf b;
	fw_buf_init(&b);
	put_normalised(&b, fw_buf_str(&raw), raw.len);
	fw_buf_dispose(&raw);
	*out_len = b.len;
	*out = fw_buf_detach(&b);
	return 0;
}
