/*
 * lineref.c: finding, collecting and writing line references (L12-18*).
 */

#include "fw/lineref.h"
#include "natcmp.h"
#include "alloc.h"
#include "buf.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 1000000000L

/* After a reference's first number: the range's end, if one follows. */
static const char *range_end(const char *e, long *b)
{
	const char *q = NULL;
	if (*e == '-')
		q = e + 1;
	else if (!strncmp(e, "\xE2\x80\x93", 3)) /* an en dash */
		q = e + 3;
	if (!q)
		return e;
	if (*q == 'L' && isdigit((unsigned char)q[1]))
		q++;
	if (!isdigit((unsigned char)*q))
		return e;
	char *end;
	*b = strtol(q, &end, 10);
	return end;
}

int fw_lref_scan(fw_lref_hit *hit, const char *s, const char *from)
{
	for (const char *p = from; *p; p++) {
		if (*p != 'L' || !isdigit((unsigned char)p[1]))
			continue;
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		char *e;
		long a = strtol(p + 1, &e, 10), b = a;
		const char *end = range_end(e, &b);
		int quote = *end == '*';
		if (isalpha((unsigned char)*end)) {
			p = end - 1; /* "L2A": not a reference */
			continue;
		}
		if (a > MAX_LINE || b > MAX_LINE)
			a = b = MAX_LINE;
		hit->start = p;
		hit->end = end + quote;
		hit->a = (int)a;
		hit->b = (int)b;
		hit->quote = quote;
		return 1;
	}
	return 0;
}

void fw_lrefs_add(fw_lrefs *r, const char *source, int a, int b, int quote)
{
	r->v = fw_xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v, 8);
	fw_lref *x = &r->v[r->n++];
	x->source = r->borrowed ? (char *)(source ? source : "")
				: fw_xstrdup(source ? source : "");
	x->a = a;
	x->b = b;
	x->quote = quote;
}

void fw_lrefs_parse(fw_lrefs *r, const char *s)
{
	fw_lref_hit h;
	for (const char *p = s; s && fw_lref_scan(&h, s, p); p = h.end)
		fw_lrefs_add(r, NULL, h.a, h.b, h.quote);
}

static int lref_cmp(const void *x, const void *y)
{
	const fw_lref *a = x, *b = y;
	return fw_cmp_then(
		a->source == b->source ? 0 : strcmp(a->source, b->source),
		fw_cmp_then(FW_CMP_BY(a, b, a), FW_CMP_BY(a, b, b)));
}

char *fw_lrefs_format(fw_lrefs *r)
{
	if (!r->n)
		return NULL;
	qsort(r->v, r->n, sizeof *r->v, lref_cmp);
	int several = 0;
	for (size_t i = 1; i < r->n; i++)
		several |= strcmp(r->v[i].source, r->v[0].source) != 0;
	fw_buf b;
	fw_buf_init(&b);
	const char *last = NULL;
	for (size_t i = 0, j; i < r->n; i = j) {
		int a = r->v[i].a, e = r->v[i].b;
		for (j = i + 1;
		     j < r->n && !strcmp(r->v[j].source, r->v[i].source) &&
		     r->v[j].a <= e + 1;
		     j++)
			if (r->v[j].b > e)
				e = r->v[j].b;
		int sugg = 1; /* every reference of the run a suggestion */
		for (size_t k = i; k < j; k++)
			sugg &= r->v[k].quote == FW_LREF_SUGGESTED;
		if (b.len)
			fw_buf_puts(&b, ", ");
		if (several && (!last || strcmp(last, r->v[i].source))) {
			fw_buf_puts(&b, r->v[i].source);
			fw_buf_putc(&b, ' ');
		}
		last = r->v[i].source;
		fw_buf_putc(&b, 'L');
		fw_buf_put_int(&b, a);
		if (a != e) {
			fw_buf_putc(&b, '-');
			fw_buf_put_int(&b, e);
		}
		if (sugg)
			fw_buf_putc(&b, '?');
	}
	return fw_buf_detach(&b);
}

void fw_lrefs_dispose(fw_lrefs *r)
{
	for (size_t i = 0; i < r->n && !r->borrowed; i++)
		free(r->v[i].source);
	free(r->v);
	memset(r, 0, sizeof *r);
}

void fw_lref_label(char *buf, size_t n, int a, int b)
{
	if (a == b)
		snprintf(buf, n, "L%d", a);
	else
		snprintf(buf, n, "L%d-%d", a, b);
}
