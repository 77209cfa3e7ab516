/*
 * buf.h: a growable, always NUL-terminated byte buffer.
 */
#ifndef FW_BUF_H
#define FW_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct fw_buf {
	char *ptr;
	size_t len;
	size_t cap;
} fw_buf;

void fw_buf_init(fw_buf *b);
/** Append n bytes; aborts on out-of-memory. */
void fw_buf_put(fw_buf *b, const void *data, size_t n);
void fw_buf_puts(fw_buf *b, const char *s);
/** Room for exactly n more bytes (and the NUL) at the end, returned for
 *  the caller to fill before adding what it wrote to b->len. */
char *fw_buf_reserve(fw_buf *b, size_t n);
void fw_buf_putc(fw_buf *b, int c);
/** A whole number in decimal (what "%lld" writes, without printf's cost:
 *  line references are written hundreds of thousands at a time). */
void fw_buf_put_int(fw_buf *b, long long v);
/** Append printf-style text (the va_list form below). */
void fw_buf_vprintf(fw_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;
void fw_buf_printf(fw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/** Append s with white-space runs (newlines too) as one space; no space
 *  at the start of the buffer or after a space or newline. */
void fw_buf_put_collapsed(fw_buf *b, const char *s, size_t n);
/** Drop trailing spaces. */
void fw_buf_rtrim(fw_buf *b);
/** Empty the buffer, keeping its memory. */
void fw_buf_clear(fw_buf *b);
/** The bytes, "" when nothing was put. */
const char *fw_buf_str(const fw_buf *b);
/** Hand the bytes to the caller (who frees them) and reset the buffer. */
char *fw_buf_detach(fw_buf *b);
void fw_buf_dispose(fw_buf *b);

#endif
