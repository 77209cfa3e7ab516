/*
 * buf.c: the growable byte buffer every writer in charter appends to.
 */
#include "buf.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fw_buf_init(fw_buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
}

static void buf_grow(fw_buf *b, size_t extra)
{
	b->ptr = fw_xgrow(b->ptr, &b->cap, b->len + extra + 1, 1, 64);
}

char *fw_buf_reserve(fw_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) { /* exactly: the caller knows its size */
		b->cap = b->len + n + 1;
		b->ptr = fw_xrealloc(b->ptr, b->cap);
		b->ptr[b->len] = '\0'; /* still a string if nothing is added */
	}
	return b->ptr + b->len;
}

void fw_buf_put(fw_buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void fw_buf_puts(fw_buf *b, const char *s)
{
	fw_buf_put(b, s, strlen(s));
}

void fw_buf_putc(fw_buf *b, int c)
{
	char ch = (char)c;
	fw_buf_put(b, &ch, 1);
}

void fw_buf_vprintf(fw_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void fw_buf_printf(fw_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fw_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void fw_buf_put_collapsed(fw_buf *b, const char *s, size_t n)
{
	int sp = b->len == 0 || b->ptr[b->len - 1] == ' ' ||
		 b->ptr[b->len - 1] == '\n';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			if (!sp)
				fw_buf_putc(b, ' ');
			sp = 1;
		} else {
			fw_buf_putc(b, c);
			sp = 0;
		}
	}
}

void fw_buf_rtrim(fw_buf *b)
{
	while (b->len && b->ptr[b->len - 1] == ' ')
		b->ptr[--b->len] = '\0';
}

void fw_buf_clear(fw_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

const char *fw_buf_str(const fw_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *fw_buf_detach(fw_buf *b)
{
	char *p = b->ptr;
	if (!p)
		p = fw_xstrdup("");
	fw_buf_init(b);
	return p;
}

void fw_buf_dispose(fw_buf *b)
{
	free(b->ptr);
	fw_buf_init(b);
}

void fw_buf_put_int(fw_buf *b, long long v)
{
	char tmp[24];
	size_t at = sizeof tmp;
	unsigned long long u =
		v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[--at] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--at] = '-';
	fw_buf_put(b, tmp + at, sizeof tmp - at);
}
