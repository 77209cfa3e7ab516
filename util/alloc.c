/*
 * alloc.c: allocation that aborts with a message instead of returning NULL.
 */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *p)
{
	if (!p) {
		fputs("charter: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *fw_xmalloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *fw_xrealloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

void *fw_xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

char *fw_xstrdup(const char *s)
{
	return s ? fw_xstrndup(s, strlen(s)) : NULL;
}

char *fw_xstrndup(const char *s, size_t n)
{
	char *d = fw_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void *fw_xgrow(void *v, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap)
		return v;
	size_t c = *cap ? *cap : first;
	while (c < need)
		c *= 2;
	if (c > ((size_t)-1) / size) {
		fputs("charter: out of memory\n", stderr);
		abort();
	}
	*cap = c;
	return fw_xrealloc(v, c * size);
}

void *fw_xpush(void *v, size_t n, size_t size)
{
	if (n == 0)
		v = fw_xrealloc(v, 8 * size);
	else if (n >= 8 && (n & (n - 1)) == 0)
		v = fw_xrealloc(v, 2 * n * size);
	memset((char *)v + n * size, 0, size);
	return v;
}

void fw_strv_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void fw_free_strs(void *obj, const size_t *offs, size_t noffs)
{
	for (size_t k = 0; obj && k < noffs; k++)
		free(*(char **)((char *)obj + offs[k]));
}

void fw_free_fields(void *rows, size_t n, size_t size, const size_t *offs,
		    size_t noffs)
{
	for (size_t i = 0; rows && i < n; i++)
		fw_free_strs((char *)rows + i * size, offs, noffs);
	free(rows);
}
