/*
 * cross.c: the chapter across the groups: a heat map, per theme a table
 * of sub-themes by group in prevalence words and a bar chart, and where the
 * groups' views converge and diverge.
 */
#include "compose.h"
#include "doc.h"
#include "redact.h"
#include "svg.h"
#include "words.h"
#include "alloc.h"
#include "buf.h"
#include "fw/report_data.h"
#include "table.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- across the groups --------------------------------------------------- */

/* A group's share of sub-theme ki on the text's base (-1: none spoke
 * about it), and the words the text uses for it in lab ("most", or "most
 * (5 of 6)" with --numbers; empty when there is no base). */
static double share_of(const rp_ctx *c, const rp_chap *h, size_t ki,
		       char lab[64])
{
	int n, base;
	rp_count_chap(c, h, ki, &n, &base, c->o->base_all);
	lab[0] = 0;
	if (!base)
		return -1;
	const char *w = rp_words_word(&c->in->words, n, base);
	if (c->o->numbers)
		snprintf(lab, 64, "%s (%d of %d)", w, n, base);
	else
		snprintf(lab, 64, "%s", w);
	return (double)n / base;
}

/* The figures' legend (shaded: the heat map; else the bars' axis): the
 * same base as the tables and the text. */
static const char *figure_key(const rp_ctx *c, int shaded)
{
	static const char *const k[2][2] = {
		{"bars: the share of the group's cases that spoke about the "
		 "theme (words as in Appendix A)",
		 "bars: the share of the group's cases (words as in Appendix "
		 "A)"},
		{"shaded by the share of the group's cases that spoke about "
		 "the theme (words as in Appendix A)",
		 "shaded by the share of the group's cases (words as in "
		 "Appendix A)"}};
	return k[shaded != 0][c->o->base_all != 0];
}

static void first_sentence(const char *s, char *out, size_t n)
{
	size_t i = 0;
	while (s[i] && !(strchr(".;", s[i]) && (!s[i + 1] || s[i + 1] == ' ')))
		i++;
	if (i > 200)
		i = 200;
	while (i && s[i - 1] == ' ')
		i--;
	snprintf(out, n, "%.*s", (int)i, s);
}

/* A table with a sub-theme column and a column per group. */
static fw_table *group_table(const char *const *gnames, size_t G)
{
	const char **cols = fw_xcalloc(G + 1, sizeof *cols);
	cols[0] = "Sub-theme";
	for (size_t g = 0; g < G; g++)
		cols[g + 1] = gnames[g];
	fw_table *t = fw_table_new(G + 1, cols);
	free(cols);
	return t;
}

/* One theme of the chapter across the groups, as it is composed: the
 * groups with data on it, the sub-themes' rows and shares, and where the
 * groups converge and diverge. */
typedef struct xtheme {
	const fw_rtheme *th;
	const char *const *gnames; /* group titles */
	size_t G;
	int with[64], nwith;
	const char **rows;
	char (*lab)[200];
	double *sh;       /* th->n x G: shares of the text's base */
	char (*wlab)[64]; /* th->n x G: their words */
	const char **words;
	fw_buf conv, divg;
	int nconv, ndiv;
	size_t conv_k[3];
} xtheme;

static void cross_intro(rp_ctx *c, size_t ch)
{
	char id[64], text[600];
	snprintf(id, sizeof id, "ch%zu", ch);
	snprintf(text, sizeof text, "%zu Views across the groups", ch);
	rp_doc_heading(&c->doc, 1, id, text);
	c->res->chapters++;
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(
		p,
		"This chapter sets the groups side by side, theme by "
		"theme: where their accounts converge (a sub-theme raised "
		"widely in every group that spoke about the theme) and "
		"where they diverge (raised widely in one group, by few or "
		"none in another).  The tables give each group's "
		"prevalence in the words of Appendix A, on the same base "
		"as the chapters; the figures shade the same words by the "
		"share of that base.",
		NULL, 0);
}

/* The heat map of every sub-theme by group, with its table. */
static void cross_heatmap(rp_ctx *c, const char *const *gnames, size_t ch)
{
	size_t G = c->nchaps, K = c->d->ncodes;
	const char **rows = fw_xcalloc(K ? K : 1, sizeof *rows);
	char(*lab)[200] = fw_xcalloc(K ? K : 1, sizeof *lab);
	double *sh = fw_xcalloc((K ? K : 1) * (G ? G : 1), sizeof *sh);
	const char **cells = fw_xcalloc(G + 1, sizeof *cells);
	char(*pc)[64] = fw_xcalloc((K ? K : 1) * (G ? G : 1), sizeof *pc);
	const char **words =
		fw_xcalloc((K ? K : 1) * (G ? G : 1), sizeof *words);
	fw_table *ft = group_table(gnames, G);
	for (size_t k = 0; k < K; k++) {
		snprintf(lab[k], sizeof lab[k], "%s %s", c->d->codes[k].number,
			 c->d->codes[k].name);
		rows[k] = lab[k];
		cells[0] = lab[k];
		for (size_t g = 0; g < G; g++) {
			sh[k * G + g] =
				share_of(c, &c->chaps[g], k, pc[k * G + g]);
			words[k * G + g] = pc[k * G + g];
			cells[g + 1] =
				sh[k * G + g] >= 0 ? pc[k * G + g] : "\u2013";
		}
		fw_table_add(ft, FW_ROW_DATA, cells);
	}
	char text[600];
	rp_block *f = rp_doc_add(&c->doc, RP_FIGURE);
	snprintf(text, sizeof text,
		 "Figure %zu.1 How widely each sub-theme was raised, by group",
		 ch);
	f->caption = fw_xstrdup(text);
	f->svg = rp_svg_heatmap(rows, K, gnames, G, sh, words, figure_key(c, 1),
				text);
	f->figname = fw_xstrdup("heatmap.svg");
	f->table = ft;
	free(cells);
	free(pc);
	free(words);
	free(rows);
	free(lab);
	free(sh);
}

/* Notes sub-theme k as converging or diverging, from its lowest and
 * highest shares across the groups that spoke about the theme. */
static void xtheme_compare(xtheme *x, rp_ctx *c, size_t k, double lo,
			   size_t glo, double hi, size_t ghi)
{
	if (x->nwith > 1 && lo >= 0.5) {
		if (x->nconv < 3)
			x->conv_k[x->nconv] = k;
		fw_buf_printf(&x->conv, "%s%s", x->nconv++ ? "; " : "",
			      c->d->codes[k].name);
	} else if (x->nwith > 1 && hi >= 0.5 && lo <= 0.25) {
		int n1, b1, n2, b2;
		rp_count_chap(c, &c->chaps[ghi], k, &n1, &b1, c->o->base_all);
		rp_count_chap(c, &c->chaps[glo], k, &n2, &b2, c->o->base_all);
		const char *w2 = rp_words_word(&c->in->words, n2, b2);
		fw_buf_printf(&x->divg,
			      "%s%s (raised by %s of the %s, by %s of the %s)",
			      x->ndiv++ ? "; " : "", c->d->codes[k].name,
			      rp_words_word(&c->in->words, n1, b1),
			      c->chaps[ghi].many, w2, c->chaps[glo].many);
	}
}

/* The theme's table: each sub-theme's prevalence by group. */
static fw_table *xtheme_table(xtheme *x, rp_ctx *c)
{
	size_t G = x->G;
	fw_table *tt = group_table(x->gnames, G);
	const char **cells = fw_xcalloc(G + 1, sizeof *cells);
	char(*cv)[64] = fw_xcalloc(G ? G : 1, sizeof *cv);
	for (size_t j = 0; j < x->th->n; j++) {
		size_t k = x->th->first + j;
		snprintf(x->lab[j], sizeof x->lab[j], "%s %s",
			 c->d->codes[k].number, c->d->codes[k].name);
		x->rows[j] = x->lab[j];
		cells[0] = x->lab[j];
		double lo = 2, hi = -1;
		size_t glo = 0, ghi = 0;
		for (size_t g = 0; g < G; g++) {
			int n, base;
			rp_count_chap(c, &c->chaps[g], k, &n, &base,
				      c->o->base_all);
			x->sh[j * G + g] = share_of(c, &c->chaps[g], k,
						    x->wlab[j * G + g]);
			x->words[j * G + g] = x->sh[j * G + g] >= 0
						      ? x->wlab[j * G + g]
						      : NULL;
			if (!x->with[g])
				snprintf(cv[g], 64, "\u2013");
			else if (c->o->numbers)
				snprintf(cv[g], 64, "%d of %d", n, base);
			else
				snprintf(cv[g], 64, "%s",
					 rp_words_word(&c->in->words, n, base));
			cells[g + 1] = cv[g];
			if (x->with[g] && base) {
				double s = (double)n / base;
				if (s < lo)
					lo = s, glo = g;
				if (s > hi)
					hi = s, ghi = g;
			}
		}
		fw_table_add(tt, FW_ROW_DATA, cells);
		xtheme_compare(x, c, k, lo, glo, hi, ghi);
	}
	free(cells);
	free(cv);
	return tt;
}

/* The paragraph on where the groups converged and diverged. */
static void xtheme_summary(xtheme *x, rp_ctx *c)
{
	fw_buf b;
	fw_buf_init(&b);
	if (x->nwith == 1) {
		for (size_t g = 0; g < x->G; g++)
			if (x->with[g])
				fw_buf_printf(&b,
					      "Only %s spoke about this theme; "
					      "chapter %zu reports it.",
					      x->gnames[g], g + 1);
	} else {
		if (x->nconv)
			fw_buf_printf(&b,
				      "The groups converged on %s: each group "
				      "that spoke about the theme raised %s "
				      "widely.  ",
				      x->conv.ptr,
				      x->nconv > 1 ? "these" : "this");
		if (x->ndiv)
			fw_buf_printf(&b, "They diverged on %s.", x->divg.ptr);
		if (!x->nconv && !x->ndiv)
			fw_buf_puts(
				&b,
				"No sub-theme was raised widely by every "
				"group, and none split the groups sharply: "
				"the groups' emphases differ by degree (see "
				"the table).");
	}
	rp_doc_para(&c->doc, b.ptr, 0);
	fw_buf_dispose(&b);
}

/* Whether any case in any group has a summary for sub-theme k. */
static int any_summary(rp_ctx *c, size_t k)
{
	for (size_t g = 0; g < c->nchaps; g++)
		for (size_t i = 0; i < c->chaps[g].n; i++)
			if (rp_cell_at(c, c->chaps[g].cases[i], k)->summary)
				return 1;
	return 0;
}

/* What each group said on a sub-theme they converged on: the first
 * sentence of the first summary in each group, linked to its case. */
static void xtheme_voices(rp_ctx *c, const char *const *gnames, size_t k)
{
	char text[600];
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	snprintf(text, sizeof text, "%s: ", c->d->codes[k].name);
	rp_block_span(p, text, NULL, RP_BOLD);
	int first = 1;
	for (size_t g = 0; g < c->nchaps; g++) {
		const rp_chap *h = &c->chaps[g];
		for (size_t i = 0; i < h->n; i++) {
			const fw_rcell *cl = rp_cell_at(c, h->cases[i], k);
			if (!cl->summary)
				continue;
			const fw_rcase *cs = &c->d->cases[h->cases[i]];
			char fs[240], href[700];
			char *sm = rp_redact_apply(&c->names_out, cl->summary,
						   &c->res->redacted);
			first_sentence(sm, fs, sizeof fs);
			free(sm);
			const char *who = rp_case_who(c, h->cases[i]);
			int same = !strcasecmp(who, gnames[g]);
			snprintf(text, sizeof text, "%s%s%s", first ? "" : "; ",
				 same ? "" : gnames[g], same ? "" : " (");
			rp_block_span(p, text, NULL, 0);
			if (cs->source)
				rp_page_href(href, sizeof href, c, cs->source,
					     0);
			rp_block_span(p, same ? gnames[g] : who,
				      cs->source ? href : NULL, 0);
			snprintf(text, sizeof text, "%s: %s", same ? "" : ")",
				 fs);
			rp_block_span(p, text, NULL, 0);
			first = 0;
			break;
		}
	}
	rp_block_span(p, ".", NULL, 0);
}

/* A theme's section: table, bar chart, comparison and voices. */
static void cross_theme(rp_ctx *c, xtheme *x, size_t ch, size_t sec, size_t fig)
{
	const fw_rtheme *th = x->th;
	size_t G = x->G;
	char id[64], text[600];
	snprintf(id, sizeof id, "ch%zu-%zu", ch, sec);
	snprintf(text, sizeof text, "%zu.%zu %s", ch, sec, th->name);
	rp_doc_heading(&c->doc, 2, id, text);
	c->res->sections++;
	x->rows = fw_xcalloc(th->n, sizeof *x->rows);
	x->lab = fw_xcalloc(th->n, sizeof *x->lab);
	x->sh = fw_xcalloc(th->n * (G ? G : 1), sizeof *x->sh);
	x->wlab = fw_xcalloc(th->n * (G ? G : 1), sizeof *x->wlab);
	x->words = fw_xcalloc(th->n * (G ? G : 1), sizeof *x->words);
	fw_buf_init(&x->conv);
	fw_buf_init(&x->divg);
	rp_block *tb = rp_doc_add(&c->doc, RP_TABLE);
	snprintf(text, sizeof text,
		 "Table %zu.%zu %s: how widely each sub-theme was raised, by "
		 "group",
		 ch, sec, th->name);
	tb->caption = fw_xstrdup(text);
	tb->table = xtheme_table(x, c);
	tb->note = fw_xstrdup(
		c->o->base_all
			? "Out of every case in the group; \u2013: the group "
			  "did not speak about the theme."
			: "Out of the group's cases that spoke about the "
			  "theme; \u2013: the group did not speak about it.");
	rp_block *f = rp_doc_add(&c->doc, RP_FIGURE);
	snprintf(text, sizeof text,
		 "Figure %zu.%zu %s: how widely each sub-theme was raised, "
		 "by group",
		 ch, fig, th->name);
	f->caption = fw_xstrdup(text);
	f->svg = rp_svg_bars(x->rows, th->n, x->gnames, G, x->sh, x->words,
			     figure_key(c, 0), text);
	char fname[64];
	snprintf(fname, sizeof fname, "theme-%s.svg", th->number);
	f->figname = fw_xstrdup(fname);
	/* no fallback table: the theme table above carries the data */
	xtheme_summary(x, c);
	for (int v = 0; v < x->nconv && v < 3; v++)
		if (any_summary(c, x->conv_k[v]))
			xtheme_voices(c, x->gnames, x->conv_k[v]);
	fw_buf_dispose(&x->conv);
	fw_buf_dispose(&x->divg);
	free(x->rows);
	free(x->lab);
	free(x->sh);
	free(x->wlab);
	free(x->words);
}

void rp_cross_chapter(rp_ctx *c)
{
	size_t G = c->nchaps, ch = G + 1;
	cross_intro(c, ch);
	const char **gnames = fw_xcalloc(G ? G : 1, sizeof *gnames);
	for (size_t g = 0; g < G; g++)
		gnames[g] = c->chaps[g].title;
	cross_heatmap(c, gnames, ch);
	size_t sec = 0, fig = 1;
	for (size_t t = 0; t < c->d->nthemes; t++) {
		xtheme x = {.th = &c->d->themes[t], .gnames = gnames, .G = G};
		/* groups with data on the theme */
		for (size_t g = 0; g < G && g < 64; g++)
			for (size_t i = 0; i < c->chaps[g].n && !x.with[g]; i++)
				if (rp_theme_data(c, c->chaps[g].cases[i], t))
					x.with[g] = 1, x.nwith++;
		if (!x.nwith || !x.th->n)
			continue;
		cross_theme(c, &x, ch, ++sec, ++fig);
	}
	free(gnames);
}
