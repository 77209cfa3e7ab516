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

/* A quote is whole sentences, verbatim: as many as fit in 70 words (a
 * first sentence of up to 100 words is kept whole), and at least eight
 * words in all; the end of the turn ends a sentence too.  NULL when the
 * turn has no such sentences. */
static char *whole_sentences(const char *t)
{
	int words = 0, in = 0, best_words = 0;
	const char *best = NULL, *first = NULL;
	int first_words = 0;
	const char *p = t;
	for (;; p++) {
		int w = *p && !isspace((unsigned char)*p);
		if (w && !in)
			words++;
		in = w;
		int stop = !*p || (strchr(".?!", *p) &&
				   (!p[1] || isspace((unsigned char)p[1]) ||
				    p[1] == '"' || p[1] == '\''));
		if (stop && words > 0) {
			const char *e = *p ? p + 1 : p;
			if (!first) {
				first = e;
				first_words = words;
			}
			if (words <= 70) {
				best = e;
				best_words = words;
			}
		}
		if (!*p || words > 100)
			break;
	}
	if (!best && first && first_words <= 100) {
		best = first;
		best_words = first_words;
	}
	if (!best || best_words < 8)
		return NULL;
	while (best > t && isspace((unsigned char)best[-1]))
		best--;
	return fw_xstrndup(t, (size_t)(best - t));
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
	rp_todo(c, "label names one person", label,
		"charter report --label with fewer attributes", NULL);
	fw_buf_printf(&c->refused, "%s\"%s\" (%s)", c->refused.len ? "; " : "",
		      label, case_name);
}

/* Quote q for case ci; 0 (nothing shown) when the passage holds no whole
 * sentences of a quote's length, unless the researcher starred it. */
static int emit_quote(rp_ctx *c, size_t ci, size_t ki, const fw_rquote *q)
{
	char *t = whole_sentences(q->text);
	if (!t && !q->starred)
		return 0;
	if (!t)
		t = fw_xstrdup(q->text);
	int kinds[RP_REDACT_NKINDS] = {0}, named = 0;
	char *r = rp_redact_apply_kinds(&c->names_out, t, kinds);
	for (int k = 0; k < RP_REDACT_NKINDS; k++)
		named += kinds[k];
	if (named && !q->starred) {
		/* a passage naming someone is never the report's own pick */
		free(r);
		free(t);
		return 0;
	}
	if (kinds[RP_REDACT_NAME]) {
		const char *cn = c->d->cases[ci].name,
			   *num = c->d->codes[ki].number;
		fw_diags_add(&c->res->diags, FW_DIAG_WARNING, q->source,
			     q->line,
			     "starred quote names a person: shown as [name]; "
			     "star another passage of %s's if the words "
			     "around it still tell who it is",
			     cn);
		char about[300], how[400];
		snprintf(about, sizeof about, "%s x %s, L%d", cn, num, q->line);
		snprintf(how, sizeof how,
			 "charter cell edit %s %s (star another line than "
			 "L%d)",
			 cn, num, q->line);
		rp_todo(c, "quote names a person", about, how, NULL);
	}
	c->res->redacted += named;
	fw_buf lab;
	fw_buf_init(&lab);
	fw_buf_puts(&lab, rp_case_label(c, ci));
	check_label(c, ci);
	char href[700];
	rp_page_href(href, sizeof href, c, q->source, q->line);
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
	return 1;
}

/* Up to o->quotes quotes for a sub-theme in a chapter: the '*' references
 * of the group's cells, then coded respondents' turns, those nearest a
 * quote's length (about 45 words) first, each as whole sentences; one per
 * sub-group (role) while there are sub-groups enough, then one per case,
 * then any. */
int rp_add_quotes(rp_ctx *c, size_t g, size_t ki, fw_error *err)
{
	const rp_chap *h = &c->chaps[g];
	int want = c->o->quotes, shown = 0, rc = 0;
	if (want <= 0)
		return 0;
	unsigned char *has_quote = fw_xcalloc(c->d->ncases, 1);
	/* spread across the chapter's sub-groups (roles) first, then across
	 * cases, then any */
	size_t *sub_of = fw_xcalloc(c->d->ncases, sizeof *sub_of);
	unsigned char *sub_quoted = fw_xcalloc(h->nsubs + 1, 1);
	for (size_t sg = 0; sg < h->nsubs; sg++)
		for (size_t i = 0; i < h->subs[sg].n; i++)
			sub_of[h->subs[sg].cases[i]] = sg;
#define SKIP(ci)                                                               \
	((round < 2 && has_quote[ci]) ||                                       \
	 (round == 0 && h->nsubs > 1 && sub_quoted[sub_of[ci]]))
	for (int round = 0; round < 3 && shown < want && !rc; round++) {
		/* the researchers' choices, case by case */
		for (size_t i = 0; i < h->n && shown < want && !rc; i++) {
			size_t ci = h->cases[i];
			if (!rp_cell_at(c, ci, ki)->summary || SKIP(ci))
				continue;
			fw_rquote *q;
			size_t nq;
			if ((rc = fw_rdata_starred(&q, &nq, c->p, c->d, ci, ki,
						   err)))
				break;
			for (size_t k = 0; k < nq && shown < want; k++) {
				if (quote_used(c, q[k].source, q[k].line) ||
				    !emit_quote(c, ci, ki, &q[k]))
					continue;
				has_quote[ci] = 1;
				sub_quoted[sub_of[ci]] = 1;
				shown++;
				if (round < 2)
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
			if (c->case_chap[x->ci] != g || SKIP(x->ci))
				continue;
			tried++;
			fw_rquote q;
			if ((rc = fw_rdata_quote(&q, c->p, c->d, x, err)))
				break;
			if (q.words >= 8 && q.words <= 120 &&
			    !quote_used(c, q.source, q.line) &&
			    emit_quote(c, x->ci, ki, &q)) {
				has_quote[x->ci] = 1;
				sub_quoted[sub_of[x->ci]] = 1;
				shown++;
			}
			free(q.text);
			free(q.source);
		}
	}
#undef SKIP
	free(sub_quoted);
	free(sub_of);
	free(has_quote);
	return rc;
}
