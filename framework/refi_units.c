/*
 * refi_units.c: REFI-QDA selection positions.  Producers count them in
 * different units (code points, code points with CRLF as one, UTF-16 code
 * units, bytes); each unit maps positions of the raw text to code points
 * of the normalised text, and is scored by how many selections fall on
 * word boundaries under it.
 */
#include "refi.h"
#include "alloc.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const refi_unit_names[U_N] = {"code points",
					  "code points with CRLF as one",
					  "UTF-16 code units", "bytes"};

void refi_unit_map(const char *raw, size_t len, int unit, unitmap *m)
{
	long units = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)raw[i];
		int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + (size_t)k > len)
			k = 1;
		if (unit == U_CP_LF && c == '\r' && i + 1 < len &&
		    raw[i + 1] == '\n') {
			i++;
			continue;
		}
		units += unit == U_BYTES   ? k
			 : unit == U_UTF16 ? (k == 4 ? 2 : 1)
					   : 1;
		i += (size_t)k;
	}
	m->n = units;
	m->to = fw_xmalloc(((size_t)units + 1) * sizeof *m->to);
	long u = 0, cp = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)raw[i];
		int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + (size_t)k > len)
			k = 1;
		if (c == '\r' && i + 1 < len && raw[i + 1] == '\n') {
			/* CR of a CRLF: no code point of its own in the
			 * normalised text */
			if (unit != U_CP_LF)
				m->to[u++] = cp;
			i++;
			continue;
		}
		int w = unit == U_BYTES   ? k
			: unit == U_UTF16 ? (k == 4 ? 2 : 1)
					  : 1;
		for (int j = 0; j < w; j++)
			m->to[u++] = cp;
		cp++;
		i += (size_t)k;
	}
	m->to[u] = cp;
}

static int wordch(const char *t, size_t b)
{
	unsigned char c = (unsigned char)t[b];
	return isalnum(c) || c >= 0x80 || c == '\'';
}

/* How many selection ends fall on word boundaries under a unit. */
double refi_unit_score(const unitmap *m, const sel *s, size_t ns,
		       const char *norm, size_t nlen, int *bad)
{
	long chars = fw_utf8_count(norm, nlen);
	size_t *byte_at = NULL;
	(void)chars;
	int good = 0, total = 0;
	*bad = 0;
	/* code point -> byte offset, built once */
	byte_at = fw_xmalloc(((size_t)chars + 1) * sizeof *byte_at);
	long cp = 0;
	for (size_t i = 0; i < nlen; i++)
		if (((unsigned char)norm[i] & 0xC0) != 0x80)
			byte_at[cp++] = i;
	byte_at[cp] = nlen;
	for (size_t i = 0; i < ns; i++) {
		total += 2;
		if (s[i].a < 0 || s[i].b > m->n || s[i].a > s[i].b) {
			(*bad)++;
			continue;
		}
		long a = m->to[s[i].a], b = m->to[s[i].b];
		size_t ba = byte_at[a], bb = byte_at[b];
		if (ba == 0 || !wordch(norm, ba - 1) || !wordch(norm, ba))
			good++;
		if (bb >= nlen || !wordch(norm, bb) ||
		    (bb > 0 && !wordch(norm, bb - 1)))
			good++;
	}
	free(byte_at);
	return total ? (double)good / total : 1.0;
}

/* Is code point k of the text inside a word (word characters on both
 * sides)?  cpb: the byte of each code point. */
static int inside_word(const char *t, const size_t *cpb, long k, long chars)
{
	if (k <= 0 || k >= chars)
		return 0;
	size_t b = cpb[k];
	size_t pb = b;
	do
		pb--;
	while (pb > 0 && ((unsigned char)t[pb] & 0xC0) == 0x80);
	return wordch(t, pb) && wordch(t, b);
}

long refi_snap(const char *t, const size_t *cpb, long k, long chars)
{
	if (!inside_word(t, cpb, k, chars))
		return k;
	for (long d = 1; d <= 3; d++) {
		if (!inside_word(t, cpb, k - d, chars))
			return k - d;
		if (!inside_word(t, cpb, k + d, chars))
			return k + d;
	}
	return k;
}

size_t *refi_cp_bytes(const char *t, size_t len, long *chars)
{
	long n = fw_utf8_count(t, len);
	size_t *v = fw_xmalloc(((size_t)n + 1) * sizeof *v);
	long k = 0;
	for (size_t b = 0; b < len; b++)
		if (((unsigned char)t[b] & 0xC0) != 0x80 && k < n)
			v[k++] = b;
	v[n] = len;
	*chars = n;
	return v;
}
