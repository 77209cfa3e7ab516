/*
 * quotes.c: choosing and attributing quotes: a cell's starred references
 * first, then coded turns of a quote's length, never the same passage
 * twice, each labelled (its attributes, never its case id) and checked
 * against identifying one person.
 */
#include "compose.h"
#include "doc.h"
#include "redact.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/chart.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- quotes -------------------------------------------------------------- */

static int quote_used(const rp_ctx *c, const char *src, int line)
{
	for (size_t i = 0; i < c->nused; i++)
		if (c->used[i].line == line && !strcmp(c->used[i].source, src))
			return 1;
	return 0;
}

static void quote_use(rp_ctx *c, const char *src, int line)
{
	c->used = fw_xrealloc(c->used, (c->nused + 1) * sizeof *c->used);
	c->used[c->nused].source = fw_xstrdup(src);
	c->used[c->nused].line = line;
	c->nused++;
}

/* At most 70 words: whole sentences while they fit, else the first 70
 * words, with an ellipsis where words were left out. */
static char *trim_quote(const char *t)
{
	fw_buf b;
	fw_buf_init(&b);
	int words = 0, in = 0;
	const char *cut = NULL, *sent = NULL;
	for (const char *p = t; *p; p++) {
		int w = !isspace((unsigned char)*p);
		if (w && !in && ++words > 70) {
			cut = p;
			break;
		}
		in = w;
		if (strchr(".?!", *p) &&
		    (!p[1] || isspace((unsigned char)p[1])))
			sent = p + 1;
	}
	if (!cut) {
		fw_buf_puts(&b, t);
	} else if (sent && sent - t > 40) {
		fw_buf_put(&b, t, (size_t)(sent - t));
		fw_buf_puts(&b, " \u2026");
	} else {
		const char *e = cut;
		while (e > t && isspace((unsigned char)e[-1]))
			e--;
		fw_buf_put(&b, t, (size_t)(e - t));
		fw_buf_puts(&b, " \u2026");
	}
	return fw_buf_detach(&b);
}

void rp_page_href(char *out, size_t n, rp_ctx *c, const char *source, int line)
{
	size_t i = 0;
	while (i < c->npages && strcmp(c->page_src[i], source))
		i++;
	if (i == c->npages) {
		c->page_src =
			fw_xpush(c->page_src, c->npages, sizeof *c->page_src);
		c->page_src[c->npages++] = fw_xstrdup(source);
	}
	if (line > 0)
		snprintf(out, n, "%st%02zu.html#L%d", c->pages, i + 1, line);
	else
		snprintf(out, n, "%st%02zu.html", c->pages, i + 1);
}

/* Warn (and, with --strict, refuse) when the label of case ci describes
 * one person in the whole study. */
static void check_label(rp_ctx *c, size_t ci)
{
	const char *label = c->case_label[ci],
		   *case_name = c->d->cases[ci].name;
	if (!*label)
		return;
	int people = 0;
	for (size_t i = 0; i < c->d->ncases; i++)
		if (!strcmp(c->case_label[i], label))
			people += c->d->cases[i].participants;
	if (people != 1)
		return;
	for (size_t i = 0; i < c->nwarned; i++)
		if (!strcmp(c->warned[i], label))
			return;
	c->warned =
		fw_xrealloc(c->warned, (c->nwarned + 1) * sizeof *c->warned);
	c->warned[c->nwarned++] = fw_xstrdup(label);
	fw_diags_add(&c->res->diags, FW_DIAG_WARNING, NULL, 0,
		     "quote label \"%s\" (%s) matches one person in the study: "
		     "choose a --label with fewer attributes",
		     label, case_name);
	fw_buf_printf(&c->refused, "%s\"%s\" (%s)", c->refused.len ? "; " : "",
		      label, case_name);
}

static void emit_quote(rp_ctx *c, size_t ci, const fw_rquote *q)
{
	fw_buf lab;
	fw_buf_init(&lab);
	fw_buf_puts(&lab,
		    *c->case_label[ci] ? c->case_label[ci] : "participant");
	check_label(c, ci);
	char href[700];
	rp_page_href(href, sizeof href, c, q->source, q->line);
	char *t = trim_quote(q->text);
	char *r = rp_redact_apply(&c->names_out, t, &c->res->redacted);
	rp_block *b = rp_doc_add(&c->doc, RP_QUOTE);
	rp_block_span(b, r, NULL, 0);
	free(t);
	free(r);
	/* the label alone: a case id (with its district) would name the
	 * person to anyone who knows the sample */
	b->attrib = fw_buf_detach(&lab);
	b->attrib_href = fw_xstrdup(href);
	quote_use(c, q->source, q->line);
	c->res->quotes++;
}

/* Up to o->quotes quotes for a sub-theme in a chapter: the '*' references
 * of the group's cells, then coded respondents' turns of 8 to 80 words,
 * those nearest a quote's length (about 45 words) first; one per case
 * while there are cases enough. */
int rp_add_quotes(rp_ctx *c, size_t g, size_t ki, fw_error *err)
{
	const rp_chap *h = &c->chaps[g];
	int want = c->o->quotes, shown = 0, rc = 0;
	if (want <= 0)
		return 0;
	unsigned char *has_quote = fw_xcalloc(c->d->ncases, 1);
	for (int round = 0; round < 2 && shown < want && !rc; round++) {
		/* the researchers' choices, case by case */
		for (size_t i = 0; i < h->n && shown < want && !rc; i++) {
			size_t ci = h->cases[i];
			if (!rp_cell_at(c, ci, ki)->summary ||
			    (round == 0 && has_quote[ci]))
				continue;
			fw_rquote *q;
			size_t nq;
			if ((rc = fw_rdata_starred(&q, &nq, c->p, c->d, ci, ki,
						   err)))
				break;
			for (size_t k = 0; k < nq && shown < want; k++) {
				if (quote_used(c, q[k].source, q[k].line))
					continue;
				emit_quote(c, ci, &q[k]);
				has_quote[ci] = 1;
				shown++;
				if (round == 0)
					break;
			}
			fw_rquotes_free(q, nq);
		}
		if (rc || shown >= want)
			break;
		/* then the shortest informative coded passages */
		if (!c->passages[ki] && !c->npassages[ki]) {
			if ((rc = fw_rdata_passages(&c->passages[ki],
						    &c->npassages[ki], c->p,
						    c->d, ki, err)))
				break;
		}
		/* passages in turns of a quote's length first (40 to 600
		 * characters, about 8 to 80 words), then the rest; reading a
		 * turn costs a query, so give up after 50 */
		size_t tried = 0, np = c->npassages[ki];
		for (size_t k = 0; k < 2 * np && shown < want && tried < 50;
		     k++) {
			const fw_rpassage *x = &c->passages[ki][k % np];
			int fits = x->chars >= 40 && x->chars <= 600;
			if ((k < np) != fits)
				continue;
			if (c->case_chap[x->ci] != g ||
			    (round == 0 && has_quote[x->ci]))
				continue;
			tried++;
			fw_rquote q;
			if ((rc = fw_rdata_quote(&q, c->p, c->d, x, err)))
				break;
			if (q.words >= 8 && q.words <= 80 &&
			    !quote_used(c, q.source, q.line)) {
				emit_quote(c, x->ci, &q);
				has_quote[x->ci] = 1;
				shown++;
			}
			free(q.text);
			free(q.source);
		}
	}
	free(has_quote);
	return rc;
}
