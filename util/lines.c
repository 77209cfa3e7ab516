/*
 * lines.c: the line index.
 */
#include "lines.h"

#include <string.h>
#include "alloc.h"

#include <stdlib.h>

void fw_lines_build(fw_lines *li, const char *text, size_t len)
{
	size_t cap = 64;
	li->start = fw_xmalloc(cap * sizeof *li->start);
	li->n = 0;
	li->start[li->n++] = 0;
	/* memchr finds each newline a word or more at a time */
	const char *nl = len ? memchr(text, '\n', len) : NULL;
	while (nl) {
		size_t i = (size_t)(nl - text);
		if (i + 1 >= len)
			break;
		if ((size_t)li->n == cap) {
			cap *= 2;
			li->start =
				fw_xrealloc(li->start, cap * sizeof *li->start);
		}
		li->start[li->n++] = i + 1;
		nl = memchr(nl + 1, '\n', len - i - 1);
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

int fw_line_next(fw_line_iter *it, const char **s, size_t *n, int crlf)
{
	if (it->pos >= it->len)
		return 0;
	const char *b = it->text + it->pos;
	const char *nl = memchr(b, '\n', it->len - it->pos);
	size_t l = nl ? (size_t)(nl - b) : it->len - it->pos;
	it->pos += l + 1;
	it->line++;
	if (crlf && l && b[l - 1] == '\r')
		l--;
	*s = b;
	*n = l;
	return 1;
}
