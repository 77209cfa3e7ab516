/*
 * alloc.h: memory that cannot fail.  On exhaustion charter says so on
 * standard error and aborts; there is nothing sensible a half-built
 * chart could do instead.
 */
#ifndef FW_ALLOC_H
#define FW_ALLOC_H

#include <stddef.h>

void *fw_xmalloc(size_t n);
void *fw_xrealloc(void *p, size_t n);
void *fw_xcalloc(size_t n, size_t size);
/** A copy of s; fw_xstrdup(NULL) is NULL. */
char *fw_xstrdup(const char *s);
/** The first n bytes of s, NUL-terminated. */
char *fw_xstrndup(const char *s, size_t n);
/** Grow an array of `size`-byte items so that it holds `need` (doubling,
 *  from `first`); *cap is updated.  Returns the (maybe moved) array. */
void *fw_xgrow(void *v, size_t *cap, size_t need, size_t size, size_t first);

/** Makes room for item n of an array of `size`-byte items grown only by
 *  this function (its capacity doubles when n reaches a power of two, from
 *  8), zeroes the item and returns the (maybe moved) array. */
void *fw_xpush(void *v, size_t n, size_t size);

/** Frees the n strings of v, then v. */
void fw_strv_free(char **v, size_t n);
/** Frees, in each of the n rows of `size` bytes at rows, the strings at
 *  the byte offsets offs[0..noffs), then rows (a table of loaded rows whose
 *  fields are owned strings). */
void fw_free_fields(void *rows, size_t n, size_t size, const size_t *offs,
		    size_t noffs);
/** Frees the strings at offs[0..noffs) of one struct at obj (not obj). */
void fw_free_strs(void *obj, const size_t *offs, size_t noffs);
#define FW_FREE_STRS(obj, ...)                                                 \
	fw_free_strs(obj, (const size_t[]){__VA_ARGS__},                       \
		     sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t))
/** fw_free_fields with the offsets listed: FW_FREE_FIELDS(v, n, T,
 *  offsetof(T, a), offsetof(T, b)). */
#define FW_FREE_FIELDS(rows, n, T, ...)                                        \
	fw_free_fields(rows, n, sizeof(T), (const size_t[]){__VA_ARGS__},      \
		       sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t))

#endif
