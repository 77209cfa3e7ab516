/*
 * doc.c: the report document model: blocks of linked, styled spans.
 */
#include "doc.h"
#include "buf.h"
#include "alloc.h"
#include "fw/lineref.h"
#include "table.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void rp_doc_init(rp_doc *d, const char *title, const char *subtitle)
{
	memset(d, 0, sizeof *d);
	d->title = fw_xstrdup(title);
	d->subtitle = fw_xstrdup(subtitle);
}

void rp_doc_dispose(rp_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		rp_block *b = &d->b[i];
		FW_FREE_FIELDS(b->spans, b->nspans, rp_span,
			       offsetof(rp_span, text),
			       offsetof(rp_span, href));
		FW_FREE_STRS(
			b, offsetof(rp_block, id), offsetof(rp_block, attrib),
			offsetof(rp_block, attrib_href),
			offsetof(rp_block, caption), offsetof(rp_block, note),
			offsetof(rp_block, svg), offsetof(rp_block, figname));
		fw_table_free(b->table);
	}
	free(d->b);
	free(d->title);
	free(d->subtitle);
	memset(d, 0, sizeof *d);
}

rp_block *rp_doc_para(rp_doc *d, const char *text, int style)
{
	rp_block *p = rp_doc_add(d, RP_PARA);
	rp_block_span(p, text, NULL, style);
	return p;
}

rp_block *rp_doc_paraf(rp_doc *d, const char *fmt, ...)
{
	fw_buf b;
	fw_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rp_block *p = rp_doc_para(d, b.ptr, 0);
	fw_buf_dispose(&b);
	return p;
}

rp_block *rp_doc_add(rp_doc *d, int kind)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->b = fw_xrealloc(d->b, d->cap * sizeof *d->b);
	}
	rp_block *b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

rp_block *rp_doc_heading(rp_doc *d, int level, const char *id, const char *text)
{
	rp_block *b = rp_doc_add(d, RP_HEADING);
	b->level = level;
	b->id = fw_xstrdup(id);
	rp_block_span(b, text, NULL, 0);
	return b;
}

void rp_block_span(rp_block *b, const char *text, const char *href, int style)
{
	if (!text || !*text)
		return;
	b->spans = fw_xrealloc(b->spans, (b->nspans + 1) * sizeof *b->spans);
	rp_span *s = &b->spans[b->nspans++];
	s->text = fw_xstrdup(text);
	s->href = fw_xstrdup(href);
	s->style = style;
}

void rp_block_linked(rp_block *b, const char *text, const char *page)
{
	fw_lref_hit h;
	const char *p = text;
	while (page && fw_lref_scan(&h, text, p)) {
		if (h.start > p) {
			char *t = fw_xstrndup(p, (size_t)(h.start - p));
			rp_block_span(b, t, NULL, 0);
			free(t);
		}
		char href[600],
			*t = fw_xstrndup(h.start, (size_t)(h.end - h.start));
		snprintf(href, sizeof href, "%s#L%d", page, h.a);
		rp_block_span(b, t, href, 0);
		free(t);
		p = h.end;
	}
	if (*p)
		rp_block_span(b, p, NULL, 0);
}

int rp_is_count(const char *s)
{
	if (!s || !*s || !strchr("0123456789", *s))
		return 0;
	for (; *s; s++)
		if (!strchr("0123456789.,% ", *s))
			return !strncmp(s, "in ", 3) || !strncmp(s, "of ", 3);
	return 1;
}
