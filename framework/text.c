/*
 * text.c: UTF-8 validation, decoding of raw transcript bytes into charter's
 * normalised text (UTF-8, LF line ends, no BOM), code-point offsets, the
 * line index, and time stamps.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

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
	size_t i = 0;
	long n = 0;
	while (i < len) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
		i++;
	}
	return len;
}

static void put_utf8(fw_buf *b, unsigned long cp)
{
	char o[4];
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

/* Append text with CRLF/CR normalised to LF. */
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

static int decode_utf16(const unsigned char *u, size_t len, int be,
			const char *label, fw_buf *raw, fw_error *err)
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
		put_utf8(raw, c);
	}
	return 0;
}

int fw_text_decode(const char *data, size_t len, const char *label,
		   int allow_cp1252, char **out, size_t *out_len,
		   const char **encoding, fw_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	fw_buf b;
	fw_buf_init(&b);
	*out = NULL;
	*out_len = 0;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
			 (u[0] == 0xFE && u[1] == 0xFF))) {
		int be = u[0] == 0xFE;
		fw_buf raw;
		fw_buf_init(&raw);
		int rc = decode_utf16(u + 2, len - 2, be, label, &raw, err);
		if (rc) {
			fw_buf_dispose(&raw);
			return rc;
		}
		put_normalised(&b, raw.ptr, raw.len);
		fw_buf_dispose(&raw);
		*encoding = be ? "UTF-16BE" : "UTF-16LE";
	} else if (utf16_guess(u, len) != 0) {
		int be = utf16_guess(u, len) > 0;
		fw_buf raw;
		fw_buf_init(&raw);
		int rc = decode_utf16(u, len, be, label, &raw, err);
		if (rc) {
			fw_buf_dispose(&raw);
			return rc;
		}
		put_normalised(&b, raw.ptr, raw.len);
		fw_buf_dispose(&raw);
		*encoding = be ? "UTF-16BE" : "UTF-16LE";
	} else {
		int bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB &&
			  u[2] == 0xBF;
		const char *s = data + (bom ? 3 : 0);
		size_t n = len - (bom ? 3 : 0);
		const char *nul = memchr(s, 0, n);
		if (nul)
			return fw_error_set(
				err, FW_EPARSE, label,
				line_of(s, (size_t)(nul - s)),
				"NUL byte at offset %zu: not a text file "
				"(UTF-16 without a byte-order mark?)",
				(size_t)(nul - s) + (bom ? 3 : 0));
		size_t bad = 0;
		if (fw_utf8_valid(s, n,
				  &bad)) { /* also under cp1252: batch-safe */
			put_normalised(&b, s, n);
			*encoding = bom ? "UTF-8 BOM" : "UTF-8";
		} else if (allow_cp1252 && !bom) {
			fw_buf raw;
			fw_buf_init(&raw);
			for (size_t i = 0; i < n; i++) {
				unsigned c = (unsigned char)s[i];
				if (c >= 0x80 && c < 0xA0) {
					unsigned long m = cp1252_hi[c - 0x80];
					if (!m) {
						fw_buf_dispose(&raw);
						return fw_error_set(
							err, FW_EPARSE, label,
							line_of(s, i),
							"byte 0x%02X at offset %zu is neither "
							"UTF-8 nor Windows-1252",
							c, i);
					}
					put_utf8(&raw, m);
				} else {
					put_utf8(&raw, c);
				}
			}
			put_normalised(&b, raw.ptr, raw.len);
			fw_buf_dispose(&raw);
			*encoding = "windows-1252";
		} else {
			return fw_error_set(
				err, FW_EPARSE, label, line_of(s, bad),
				"invalid UTF-8 at byte offset %zu "
				"(use --encoding cp1252 to convert)",
				bad + (bom ? 3 : 0));
		}
	}
	*out_len = b.len;
	if (!b.ptr)
		fw_buf_putc(&b, 0), b.len = 0;
	*out = fw_buf_detach(&b);
	return 0;
}

/* ---- line index ---------------------------------------------------------- */

void fw_lines_build(fw_lines *li, const char *text, size_t len)
{
	size_t cap = 64;
	li->start = fw_xmalloc(cap * sizeof *li->start);
	li->n = 0;
	li->start[li->n++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n' && i + 1 < len) {
			if ((size_t)li->n == cap) {
				cap *= 2;
				li->start = fw_xrealloc(
					li->start, cap * sizeof *li->start);
			}
			li->start[li->n++] = i + 1;
		}
	}
}

void fw_lines_dispose(fw_lines *li)
{
	free(li->start);
	li->start = NULL;
	li->n = 0;
}

int fw_lines_at(const fw_lines *li, size_t b)
{
	int lo = 0, hi = li->n - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (li->start[mid] <= b)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo + 1;
}

/* ---- times --------------------------------------------------------------- */

long fw_time_parse(const char *s, size_t len)
{
	long parts[3];
	int np = 0;
	size_t i = 0;
	while (np < 3) {
		size_t st = i;
		long v = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - st < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == st)
			return -1;
		parts[np++] = v;
		if (i < len && s[i] == ':')
			i++;
		else
			break;
	}
	if (np < 2)
		return -1;
	long ms = 0;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		i++;
		int digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			ms = ms * 10 + (s[i++] - '0');
			digits++;
		}
		if (!digits)
			return -1;
		while (digits++ < 3)
			ms *= 10;
	}
	if (i != len)
		return -1;
	long h = np == 3 ? parts[0] : 0, m = parts[np - 2], sec = parts[np - 1];
	if (m > 59 || sec > 59)
		return -1;
	return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}
