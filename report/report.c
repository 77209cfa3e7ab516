/*
 * report.c: composing the report from the charts.
 *
 *   Chapter per value of the chapter attribute (actor group), in sheet order
 *     section per main theme the group has data on
 *       sub-section per sub-theme the group raised:
 *         a prevalence sentence, by the sub-groups of the `within`
 *         attribute (role): "Most TPPMs, one Contract Manager and Jobcentre
 *         Plus advisers in all six groups raised this."
 *         for group discussions, what their agreement markers say
 *         the group's cell summaries, case by case, references linked
 *         up to N quotes: '*' references first, then short coded passages
 *   Chapter across the groups: a heat map, per theme a table of sub-themes
 *     by group in prevalence words, a bar chart, and where the groups'
 *     views converge and diverge
 *   Appendix A: the sample tables, the analysis, the word table, quotes.
 *
 * Words, not numbers: counts appear in prose only with --numbers; tables
 * and figures carry the counts for those who want them.
 */
#include "report.h"
#include "doc.h"
#include "names.h"
#include "redact.h"
#include "svg.h"
#include "words.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/chart.h"
#include "fw/project.h"
#include "fw/report_data.h"
#include "fw/sample.h"
#include "table.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


/* A sub-group of a chapter: the cases with one value of `within`. */
typedef struct sub {
	char *value;
	int sort; /* the first of its cases in the sheet */
	char one[128], many[128];
	int unit_group; /* its cases are group discussions */
	size_t *cases;  /* indexes into d->cases */
	size_t n;
} sub;

typedef struct chap {
	char *value;
	const char *title;
	char one[128], many[128];
	sub *subs;
	size_t nsubs;
	size_t *cases;
	size_t n;
} chap;

/* A sample table for the appendix: ROWS[:COL][:participants][=TITLE]. */
typedef struct tspec {
	char *rows[8];
	size_t nrows;
	char *col;
	int participants;
	char *title;
} tspec;

typedef struct used_quote {
	char *source;
	int line;
} used_quote;

typedef struct ctx {
	fw_project *p;
	const rp_report_opts *o;
	fw_rdata *d;
	rp_words words;
	rp_names names;
	int have_names;
	chap *chaps;
	size_t nchaps;
	const char *within;
	char label[512];
	const char *pages;
	rp_doc doc;
	rp_report_result *res;
	used_quote *used;
	size_t nused;
	fw_buf refused;      /* labels that single out a person (strict) */
	size_t *case_chap;   /* the chapter of each case (SIZE_MAX: none) */
	rp_redact names_out; /* names replaced with [name] */
	tspec *tables;       /* the appendix's sample tables, checked */
	size_t ntables;
	char **case_label;      /* each case's attribution label */
	int listed_names;       /* how many came from --redact */
	fw_rpassage **passages; /* per sub-theme, loaded when first needed */
	size_t *npassages;
	char **warned;
	size_t nwarned;
} ctx;

static const char *const small[] = {"no",   "one",    "two",   "three", "four",
				    "five", "six",    "seven", "eight", "nine",
				    "ten",  "eleven", "twelve"};

static void cap_first(char *s)
{
	if (*s)
		*s = (char)toupper((unsigned char)*s);
}

/* ---- counting ------------------------------------------------------------ */

static const fw_rcell *cell_at(const ctx *c, size_t ci, size_t ki)
{
	return &c->d->cells[ci * c->d->ncodes + ki];
}

static int has_data(const ctx *c, size_t ci, size_t ki)
{
	const fw_rcell *x = cell_at(c, ci, ki);
	return x->codings > 0 || x->summary;
}

static int theme_data(const ctx *c, size_t ci, size_t t)
{
	return c->d->theme_data[ci * c->d->nthemes + t];
}

/* n: the cases (of a sub-group or a chapter) with data on sub-theme ki;
 * base: the cases it is out of (those with data on the theme, or all). */
static void count(const ctx *c, const size_t *cases, size_t ncases, size_t ki,
		  int base_all, int *n, int *base)
{
	size_t t = c->d->codes[ki].theme;
	*n = *base = 0;
	for (size_t i = 0; i < ncases; i++) {
		if (base_all || theme_data(c, cases[i], t))
			(*base)++;
		if (has_data(c, cases[i], ki))
			(*n)++;
	}
}

static void count_sub(const ctx *c, const sub *s, size_t ki, int *n, int *base)
{
	count(c, s->cases, s->n, ki, c->o->base_all, n, base);
}

static void count_chap(const ctx *c, const chap *h, size_t ki, int *n,
		       int *base, int base_all)
{
	count(c, h->cases, h->n, ki, base_all, n, base);
}

/* ---- prevalence sentences ------------------------------------------------ */

static void part_for(const ctx *c, const sub *s, int n, int base, fw_buf *b)
{
	const char *w = rp_words_word(&c->words, n, base);
	char num[48] = "";
	if (c->o->numbers)
		snprintf(num, sizeof num, " (%d of %d)", n, base);
	if (s->unit_group) {
		if (n == base && n > 1 && !strcmp(w, "all"))
			fw_buf_printf(b, "%s in all %s groups%s", s->many,
				      n <= 12 ? small[n] : "the", num);
		else if (n == 1)
			fw_buf_printf(b, "%s in one group%s", s->many, num);
		else
			fw_buf_printf(b, "%s in %s groups%s", s->many, w, num);
	} else {
		if (n == 1 && base == 1)
			fw_buf_printf(b, "the only %s%s%s", s->one,
				      c->o->base_all
					      ? " in the study"
					      : " who spoke about the theme",
				      num);
		else if (n == 1)
			fw_buf_printf(b, "one %s%s", s->one, num);
		else if (!strcmp(w, "all"))
			fw_buf_printf(b, "all the %s%s", s->many, num);
		else
			fw_buf_printf(b, "%s %s%s", w, s->many, num);
	}
}

/* "Most TPPMs, one Contract Manager and advisers in all six groups raised
 * this."  Returns 0 when nobody did. */
static int prevalence_sentence(const ctx *c, const chap *h, size_t ki,
			       fw_buf *out)
{
	fw_buf parts[32];
	size_t np = 0;
	for (size_t s = 0; s < h->nsubs && np < 32; s++) {
		int n, base;
		count_sub(c, &h->subs[s], ki, &n, &base);
		if (!n)
			continue;
		fw_buf_init(&parts[np]);
		part_for(c, &h->subs[s], n, base, &parts[np]);
		np++;
	}
	if (!np)
		return 0;
	fw_buf b;
	fw_buf_init(&b);
	for (size_t i = 0; i < np; i++) {
		if (i)
			fw_buf_puts(&b, i + 1 == np ? " and " : ", ");
		fw_buf_put(&b, parts[i].ptr, parts[i].len);
		fw_buf_dispose(&parts[i]);
	}
	fw_buf_puts(&b, " raised this.");
	cap_first(b.ptr);
	fw_buf_put(out, b.ptr, b.len);
	fw_buf_dispose(&b);
	return 1;
}

/* What the agreement markers of a sub-group's discussions say. */
static int agreement_sentence(const ctx *c, const sub *s, size_t ki,
			      fw_buf *out)
{
	int con = 0, maj = 0, div = 0, one = 0, tot = 0;
	for (size_t i = 0; i < s->n; i++) {
		const fw_rcell *x = cell_at(c, s->cases[i], ki);
		if (!x->summary || !x->agreement)
			continue;
		tot++;
		if (!strcmp(x->agreement, "consensus"))
			con++;
		else if (!strcmp(x->agreement, "majority"))
			maj++;
		else if (!strcmp(x->agreement, "divergent"))
			div++;
		else if (!strncmp(x->agreement, "single", 6))
			one++;
		else
			tot--;
	}
	if (!tot)
		return 0;
	char nm[48] = "";
	fw_buf b;
	fw_buf_init(&b);
	int clauses = 0;
#define CLAUSE() (clauses++ ? "; " : "")
#define W(k)     rp_words_word(&c->words, (k), tot)
#define NUM(k)                                                                 \
	(c->o->numbers                                                         \
		 ? (snprintf(nm, sizeof nm, " (%d of %d)", (k), tot), nm)      \
		 : "")
	int raised, base;
	count_sub(c, s, ki, &raised, &base);
	if (tot == 1) {
		/* one discussion records it: say what happened in it */
		const char *where =
			raised > 1 ? "in one of these groups" : "in that group";
		if (con)
			fw_buf_printf(&b, "%s, the %s agreed", where, s->many);
		else if (maj)
			fw_buf_printf(&b, "%s, a majority shared the view",
				      where);
		else if (div)
			fw_buf_printf(&b, "%s, views were divided", where);
		else
			fw_buf_printf(&b, "%s, a single %s raised it", where,
				      s->one);
	} else if (con == tot) {
		fw_buf_printf(&b, "%s in all these groups agreed%s", s->many,
			      NUM(con));
	} else if (maj == tot) {
		fw_buf_printf(
			&b, "in all these groups, a majority shared the view%s",
			NUM(maj));
	} else if (div == tot) {
		fw_buf_printf(&b, "views were divided in all these groups%s",
			      NUM(div));
	} else if (one == tot) {
		fw_buf_printf(
			&b, "in each of these groups, a single %s raised it%s",
			s->one, NUM(one));
	} else {
		fw_buf_puts(&b, "among these groups, ");
		if (con)
			fw_buf_printf(&b, "%sthe %s agreed in %s%s", CLAUSE(),
				      s->many, con == 1 ? "one" : W(con),
				      NUM(con));
		if (maj)
			fw_buf_printf(
				&b, "%sa majority shared the view in %s%s",
				CLAUSE(), maj == 1 ? "one" : W(maj), NUM(maj));
		if (div)
			fw_buf_printf(&b, "%sviews were divided in %s%s",
				      CLAUSE(), div == 1 ? "one" : W(div),
				      NUM(div));
		if (one)
			fw_buf_printf(&b, "%sa single %s raised it in %s%s",
				      CLAUSE(), s->one,
				      one == 1 ? "one" : W(one), NUM(one));
	}
#undef CLAUSE
#undef W
#undef NUM
	fw_buf_putc(&b, '.');
	cap_first(b.ptr);
	fw_buf_put(out, b.ptr, b.len);
	fw_buf_dispose(&b);
	return 1;
}

/* ---- quotes -------------------------------------------------------------- */

static int quote_used(const ctx *c, const char *src, int line)
{
	for (size_t i = 0; i < c->nused; i++)
		if (c->used[i].line == line && !strcmp(c->used[i].source, src))
			return 1;
	return 0;
}

static void quote_use(ctx *c, const char *src, int line)
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

static void page_href(const ctx *c, const char *source, int line, char *out,
		      size_t n)
{
	char page[300];
	fw_source_page(page, sizeof page, source);
	if (line > 0)
		snprintf(out, n, "%s%s#L%d", c->pages, page, line);
	else
		snprintf(out, n, "%s%s", c->pages, page);
}

/* Warn (and, with --strict, refuse) when the label of case ci describes
 * one person in the whole study. */
static void check_label(ctx *c, size_t ci)
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
	fw_buf_printf(
		&c->res->warnings,
		"quote label \"%s\" (%s) matches one person in the study: "
		"choose a --label with fewer attributes\n",
		label, case_name);
	fw_buf_printf(&c->refused, "%s\"%s\" (%s)", c->refused.len ? "; " : "",
		      label, case_name);
}

static void emit_quote(ctx *c, size_t ci, const fw_rquote *q)
{
	const fw_rcase *cs = &c->d->cases[ci];
	fw_buf lab;
	fw_buf_init(&lab);
	fw_buf_puts(&lab,
		    *c->case_label[ci] ? c->case_label[ci] : "participant");
	check_label(c, ci);
	char href[700];
	page_href(c, q->source, q->line, href, sizeof href);
	char *t = trim_quote(q->text);
	char *r = rp_redact_apply(&c->names_out, t, &c->res->redacted);
	rp_block *b = rp_doc_add(&c->doc, RP_QUOTE);
	rp_block_span(b, r, NULL, 0);
	free(t);
	free(r);
	fw_buf_printf(&lab, "; %s", cs->name);
	b->attrib = fw_buf_detach(&lab);
	b->attrib_href = fw_xstrdup(href);
	quote_use(c, q->source, q->line);
	c->res->quotes++;
}

/* Up to o->quotes quotes for a sub-theme in a chapter: the '*' references
 * of the group's cells, then coded passages of 8 to 80 words, shortest
 * first; one per case while there are cases enough. */
static int add_quotes(ctx *c, size_t g, size_t ki, fw_error *err)
{
	const chap *h = &c->chaps[g];
	int want = c->o->quotes, shown = 0, rc = 0;
	if (want <= 0)
		return 0;
	unsigned char *has_quote = fw_xcalloc(c->d->ncases, 1);
	for (int round = 0; round < 2 && shown < want && !rc; round++) {
		/* the researchers' choices, case by case */
		for (size_t i = 0; i < h->n && shown < want && !rc; i++) {
			size_t ci = h->cases[i];
			if (!cell_at(c, ci, ki)->summary ||
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

/* ---- chapters ------------------------------------------------------------ */

static void summaries(ctx *c, const chap *h, size_t ki)
{
	for (size_t i = 0; i < h->n; i++) {
		size_t ci = h->cases[i];
		const fw_rcell *x = cell_at(c, ci, ki);
		if (!x->summary)
			continue;
		const fw_rcase *cs = &c->d->cases[ci];
		char href[700], page[700];
		rp_block *b = rp_doc_add(&c->doc, RP_PARA);
		b->style_class = 1;
		if (cs->source) {
			page_href(c, cs->source, 0, href, sizeof href);
			snprintf(page, sizeof page, "%s", href);
		}
		rp_block_span(b, cs->name, cs->source ? href : NULL, RP_BOLD);
		if (x->agreement) {
			char ag[160];
			const char *a = x->agreement;
			if (!strcmp(a, "consensus"))
				a = "all agreed";
			else if (!strcmp(a, "majority"))
				a = "most agreed";
			else if (!strcmp(a, "divergent"))
				a = "views divided";
			else if (!strncmp(a, "single", 6))
				a = "one participant";
			snprintf(ag, sizeof ag, " (%s)", a);
			rp_block_span(b, ag, NULL, 0);
		}
		rp_block_span(b, ": ", NULL, 0);
		char *sm = rp_redact_apply(&c->names_out, x->summary,
					   &c->res->redacted);
		rp_block_linked(b, sm, cs->source ? page : NULL);
		free(sm);
		c->res->summaries++;
	}
}

static void join_names(const char *const *v, size_t n, fw_buf *b)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fw_buf_puts(b, i + 1 == n ? " and " : ", ");
		fw_buf_puts(b, v[i]);
	}
}

/* An italic paragraph: prefix, then the names joined, then a stop. */
static void list_para(ctx *c, const char *prefix, const char *const *names,
		      size_t n)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, prefix);
	join_names(names, n, &b);
	fw_buf_putc(&b, '.');
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, b.ptr, NULL, RP_ITALIC);
	fw_buf_dispose(&b);
}

static int chapter(ctx *c, size_t g, fw_error *err)
{
	chap *h = &c->chaps[g];
	char id[64], num[32], text[600];
	snprintf(id, sizeof id, "ch%zu", g + 1);
	snprintf(text, sizeof text, "%zu %s", g + 1, h->title);
	rp_doc_heading(&c->doc, 1, id, text);
	c->res->chapters++;
	/* who the chapter draws on, in words */
	{
		const char *ind[32], *grp[32];
		size_t ni = 0, ng = 0;
		for (size_t s = 0; s < h->nsubs && s < 32; s++) {
			if (h->subs[s].unit_group)
				grp[ng++] = h->subs[s].many;
			else
				ind[ni++] = h->subs[s].many;
		}
		fw_buf b;
		fw_buf_init(&b);
		fw_buf_puts(&b, "This chapter draws on ");
		if (ni) {
			fw_buf_puts(&b, "the interviews with ");
			join_names(ind, ni, &b);
		}
		if (ng) {
			fw_buf_puts(&b, ni ? " and " : "");
			fw_buf_puts(&b, "the group discussions with ");
			join_names(grp, ng, &b);
		}
		fw_buf_puts(
			&b,
			" (Appendix A describes the sample).  It follows the "
			"thematic framework: a section per theme, and within "
			"it each sub-theme this group raised, with how widely "
			"it was raised, the researchers' chart summaries for "
			"each case, and illustrative quotes.");
		rp_block *p = rp_doc_add(&c->doc, RP_PARA);
		rp_block_span(p, b.ptr, NULL, 0);
		fw_buf_dispose(&b);
	}
	size_t sec = 0;
	const char *silent[64];
	size_t nsilent = 0;
	for (size_t t = 0; t < c->d->nthemes; t++) {
		const fw_rtheme *th = &c->d->themes[t];
		int any = 0;
		for (size_t i = 0; i < h->n && !any; i++)
			any = theme_data(c, h->cases[i], t);
		if (!any) {
			if (nsilent < 64)
				silent[nsilent++] = th->name;
			continue;
		}
		sec++;
		snprintf(id, sizeof id, "ch%zu-%zu", g + 1, sec);
		snprintf(text, sizeof text, "%zu.%zu %s", g + 1, sec, th->name);
		rp_doc_heading(&c->doc, 2, id, text);
		c->res->sections++;
		{
			fw_buf b;
			fw_buf_init(&b);
			fw_buf_printf(&b, "Theme %s in the framework.  ",
				      th->number);
			if (c->o->base_all)
				fw_buf_puts(
					&b,
					"How widely each sub-theme was raised is "
					"out of every case in this group.");
			else
				fw_buf_puts(
					&b,
					"How widely each sub-theme was raised is "
					"out of those in this group who spoke about "
					"the theme.");
			rp_block *p = rp_doc_add(&c->doc, RP_PARA);
			rp_block_span(p, b.ptr, NULL, RP_ITALIC);
			fw_buf_dispose(&b);
		}
		size_t subn = 0;
		const char *quiet[64];
		size_t nquiet = 0;
		for (size_t k = th->first; k < th->first + th->n; k++) {
			fw_buf sent;
			fw_buf_init(&sent);
			if (!prevalence_sentence(c, h, k, &sent)) {
				fw_buf_dispose(&sent);
				if (nquiet < 64)
					quiet[nquiet++] = c->d->codes[k].name;
				continue;
			}
			subn++;
			snprintf(id, sizeof id, "ch%zu-%zu-%zu", g + 1, sec,
				 subn);
			snprintf(num, sizeof num, "%zu.%zu.%zu", g + 1, sec,
				 subn);
			snprintf(text, sizeof text, "%s %s", num,
				 c->d->codes[k].name);
			rp_doc_heading(&c->doc, 3, id, text);
			for (size_t s = 0; s < h->nsubs; s++)
				if (h->subs[s].unit_group) {
					fw_buf_putc(&sent, ' ');
					if (!agreement_sentence(c, &h->subs[s],
								k, &sent))
						sent.len--,
							sent.ptr[sent.len] = 0;
				}
			rp_block *p = rp_doc_add(&c->doc, RP_PARA);
			rp_block_span(p, sent.ptr, NULL, 0);
			fw_buf_dispose(&sent);
			summaries(c, h, k);
			int rc = add_quotes(c, g, k, err);
			if (rc)
				return rc;
		}
		if (nquiet)
			list_para(c, "Not raised in this group: ", quiet,
				  nquiet);
	}
	if (nsilent)
		list_para(c, "Nothing from this group was indexed under ",
			  silent, nsilent);
	return 0;
}

/* ---- across the groups --------------------------------------------------- */

static double share_all(const ctx *c, const chap *h, size_t ki)
{
	int n, base;
	count_chap(c, h, ki, &n, &base, 1);
	return base ? (double)n / base : -1;
}

static void first_sentence(const char *s, char *out, size_t n)
{
	size_t i = 0;
	while (s[i] && !(strchr(".;", s[i]) && (!s[i + 1] || s[i + 1] == ' ')))
		i++;
	if (i > 200)
		i = 200;
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

static void cross_chapter(ctx *c)
{
	size_t G = c->nchaps, ch = G + 1;
	char id[64], text[600];
	snprintf(id, sizeof id, "ch%zu", ch);
	snprintf(text, sizeof text, "%zu Views across the groups", ch);
	rp_doc_heading(&c->doc, 1, id, text);
	c->res->chapters++;
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p,
		    "This chapter sets the groups side by side, theme by "
		    "theme: where their accounts converge (a sub-theme raised "
		    "widely in every group that spoke about the theme) and "
		    "where they diverge (raised widely in one group, by few or "
		    "none in another).  The tables give each group's "
		    "prevalence in the words of Appendix A; the figures show "
		    "the share of each group's cases coded to each sub-theme.",
		    NULL, 0);
	const char **gnames = fw_xcalloc(G ? G : 1, sizeof *gnames);
	for (size_t g = 0; g < G; g++)
		gnames[g] = c->chaps[g].title;
	/* the heat map of every sub-theme */
	{
		size_t K = c->d->ncodes;
		const char **rows = fw_xcalloc(K ? K : 1, sizeof *rows);
		char(*lab)[200] = fw_xcalloc(K ? K : 1, sizeof *lab);
		double *sh = fw_xcalloc((K ? K : 1) * (G ? G : 1), sizeof *sh);
		fw_table *ft = group_table(gnames, G);
		for (size_t k = 0; k < K; k++) {
			snprintf(lab[k], sizeof lab[k], "%s %s",
				 c->d->codes[k].number, c->d->codes[k].name);
			rows[k] = lab[k];
			const char **cells = fw_xcalloc(G + 1, sizeof *cells);
			char(*pc)[16] = fw_xcalloc(G ? G : 1, sizeof *pc);
			cells[0] = lab[k];
			for (size_t g = 0; g < G; g++) {
				sh[k * G + g] = share_all(c, &c->chaps[g], k);
				if (sh[k * G + g] >= 0)
					snprintf(pc[g], 16, "%.0f%%",
						 sh[k * G + g] * 100);
				cells[g + 1] = pc[g];
			}
			fw_table_add(ft, FW_ROW_DATA, cells);
			free(cells);
			free(pc);
		}
		rp_block *f = rp_doc_add(&c->doc, RP_FIGURE);
		snprintf(text, sizeof text,
			 "Figure %zu.1 Share of each group's cases "
			 "coded to each sub-theme",
			 ch);
		f->caption = fw_xstrdup(text);
		f->svg = rp_svg_heatmap(rows, K, gnames, G, sh, text);
		f->figname = fw_xstrdup("heatmap.svg");
		f->table = ft;
		free(rows);
		free(lab);
		free(sh);
	}
	size_t sec = 0, fig = 1;
	for (size_t t = 0; t < c->d->nthemes; t++) {
		const fw_rtheme *th = &c->d->themes[t];
		/* groups with data on the theme */
		int with[64] = {0}, nwith = 0;
		for (size_t g = 0; g < G && g < 64; g++)
			for (size_t i = 0; i < c->chaps[g].n && !with[g]; i++)
				if (theme_data(c, c->chaps[g].cases[i], t))
					with[g] = 1, nwith++;
		if (!nwith || !th->n)
			continue;
		sec++;
		snprintf(id, sizeof id, "ch%zu-%zu", ch, sec);
		snprintf(text, sizeof text, "%zu.%zu %s", ch, sec, th->name);
		rp_doc_heading(&c->doc, 2, id, text);
		c->res->sections++;
		/* the theme table */
		fw_table *tt = group_table(gnames, G);
		const char **rows = fw_xcalloc(th->n, sizeof *rows);
		char(*lab)[200] = fw_xcalloc(th->n, sizeof *lab);
		double *sh = fw_xcalloc(th->n * (G ? G : 1), sizeof *sh);
		fw_buf conv, divg;
		fw_buf_init(&conv);
		fw_buf_init(&divg);
		int nconv = 0, ndiv = 0;
		size_t conv_k[3];
		for (size_t j = 0; j < th->n; j++) {
			size_t k = th->first + j;
			snprintf(lab[j], sizeof lab[j], "%s %s",
				 c->d->codes[k].number, c->d->codes[k].name);
			rows[j] = lab[j];
			const char **cells = fw_xcalloc(G + 1, sizeof *cells);
			char(*cv)[64] = fw_xcalloc(G ? G : 1, sizeof *cv);
			cells[0] = lab[j];
			double lo = 2, hi = -1;
			size_t glo = 0, ghi = 0;
			for (size_t g = 0; g < G; g++) {
				int n, base;
				count_chap(c, &c->chaps[g], k, &n, &base,
					   c->o->base_all);
				sh[j * G + g] = share_all(c, &c->chaps[g], k);
				if (!with[g]) {
					snprintf(cv[g], 64, "\u2013");
				} else if (c->o->numbers) {
					snprintf(cv[g], 64, "%d of %d", n,
						 base);
				} else {
					snprintf(cv[g], 64, "%s",
						 rp_words_word(&c->words, n,
								base));
				}
				cells[g + 1] = cv[g];
				if (with[g] && base) {
					double s = (double)n / base;
					if (s < lo)
						lo = s, glo = g;
					if (s > hi)
						hi = s, ghi = g;
				}
			}
			fw_table_add(tt, FW_ROW_DATA, cells);
			free(cells);
			free(cv);
			if (nwith > 1 && lo >= 0.5) {
				if (nconv < 3)
					conv_k[nconv] = k;
				fw_buf_printf(&conv, "%s%s",
					      nconv++ ? "; " : "",
					      c->d->codes[k].name);
			} else if (nwith > 1 && hi >= 0.5 && lo <= 0.25) {
				int n1, b1, n2, b2;
				count_chap(c, &c->chaps[ghi], k, &n1, &b1,
					   c->o->base_all);
				count_chap(c, &c->chaps[glo], k, &n2, &b2,
					   c->o->base_all);
				const char *w2 =
					rp_words_word(&c->words, n2, b2);
				fw_buf_printf(
					&divg,
					"%s%s (raised by %s of the %s, by %s "
					"of the %s)",
					ndiv++ ? "; " : "", c->d->codes[k].name,
					rp_words_word(&c->words, n1, b1),
					c->chaps[ghi].many, w2,
					c->chaps[glo].many);
			}
		}
		rp_block *tb = rp_doc_add(&c->doc, RP_TABLE);
		snprintf(text, sizeof text,
			 "Table %zu.%zu %s: how widely each "
			 "sub-theme was raised, by group",
			 ch, sec, th->name);
		tb->caption = fw_xstrdup(text);
		tb->table = tt;
		tb->note = fw_xstrdup(
			c->o->base_all
				? "Out of every case in the group; \u2013: the "
				  "group did not speak about the theme."
				: "Out of the group's cases that spoke about the "
				  "theme; \u2013: the group did not speak about "
				  "it.");
		fig++;
		rp_block *f = rp_doc_add(&c->doc, RP_FIGURE);
		snprintf(text, sizeof text,
			 "Figure %zu.%zu %s: share of each "
			 "group's cases coded",
			 ch, fig, th->name);
		f->caption = fw_xstrdup(text);
		f->svg = rp_svg_bars(rows, th->n, gnames, G, sh, text);
		char fname[64];
		snprintf(fname, sizeof fname, "theme-%s.svg", th->number);
		f->figname = fw_xstrdup(fname);
		/* no fallback table: the theme table above carries the data */
		fw_buf b;
		fw_buf_init(&b);
		if (nwith == 1) {
			for (size_t g = 0; g < G; g++)
				if (with[g])
					fw_buf_printf(
						&b,
						"Only %s spoke about this theme; "
						"chapter %zu reports it.",
						gnames[g], g + 1);
		} else {
			if (nconv)
				fw_buf_printf(
					&b,
					"The groups converged on %s: each group "
					"that spoke about the theme raised %s "
					"widely.  ",
					conv.ptr, nconv > 1 ? "these" : "this");
			if (ndiv)
				fw_buf_printf(&b, "They diverged on %s.",
					      divg.ptr);
			if (!nconv && !ndiv)
				fw_buf_puts(
					&b,
					"No sub-theme was raised widely by every "
					"group, and none split the groups sharply: "
					"the groups' emphases differ by degree (see "
					"the table).");
		}
		p = rp_doc_add(&c->doc, RP_PARA);
		rp_block_span(p, b.ptr, NULL, 0);
		fw_buf_dispose(&b);
		/* what each group said where they converged */
		for (int x = 0; x < nconv && x < 3; x++) {
			size_t k = conv_k[x];
			int written = 0;
			for (size_t g = 0; g < G && !written; g++)
				for (size_t i = 0;
				     i < c->chaps[g].n && !written; i++)
					written =
						cell_at(c, c->chaps[g].cases[i],
							k)
							->summary != NULL;
			if (!written)
				continue;
			p = rp_doc_add(&c->doc, RP_PARA);
			snprintf(text, sizeof text,
				 "%s: ", c->d->codes[k].name);
			rp_block_span(p, text, NULL, RP_BOLD);
			int first = 1;
			for (size_t g = 0; g < G; g++) {
				const chap *h = &c->chaps[g];
				for (size_t i = 0; i < h->n; i++) {
					const fw_rcell *cl =
						cell_at(c, h->cases[i], k);
					if (!cl->summary)
						continue;
					const fw_rcase *cs =
						&c->d->cases[h->cases[i]];
					char fs[240], href[700];
					char *sm = rp_redact_apply(
						&c->names_out, cl->summary,
						&c->res->redacted);
					first_sentence(sm, fs, sizeof fs);
					free(sm);
					snprintf(text, sizeof text, "%s%s, ",
						 first ? "" : "; ", gnames[g]);
					rp_block_span(p, text, NULL, 0);
					if (cs->source)
						page_href(c, cs->source, 0,
							  href, sizeof href);
					rp_block_span(p, cs->name,
						    cs->source ? href : NULL,
						    0);
					snprintf(text, sizeof text,
						 ": \u201c%s\u201d", fs);
					rp_block_span(p, text, NULL, 0);
					first = 0;
					break;
				}
			}
			rp_block_span(p, ".", NULL, 0);
		}
		fw_buf_dispose(&conv);
		fw_buf_dispose(&divg);
		free(rows);
		free(lab);
		free(sh);
	}
	free(gnames);
}

/* ---- appendix ------------------------------------------------------------ */

static void tspec_dispose(tspec *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		free(t->rows[r]);
	free(t->col);
	free(t->title);
	memset(t, 0, sizeof *t);
}

static int parse_table_spec(const char *spec, tspec *t, fw_error *err)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", spec);
	memset(t, 0, sizeof *t);
	char **rows = t->rows, **col = &t->col, **title = &t->title;
	int *participants = &t->participants;
	size_t *nrows = &t->nrows;
	char *eq = strchr(buf, '=');
	if (eq) {
		*eq = 0;
		*title = fw_xstrdup(eq + 1);
	}
	char *part[3] = {buf, NULL, NULL};
	int np = 1;
	for (char *q = buf; *q && np < 3; q++)
		if (*q == ':') {
			*q = 0;
			part[np++] = q + 1;
		}
	for (int i = 1; i < np; i++) {
		if (!strcmp(part[i], "participants"))
			*participants = 1;
		else if (!strcmp(part[i], "cases"))
			;
		else if (i == 1 && *part[i])
			*col = fw_xstrdup(part[i]);
		else {
			free(*title);
			free(*col);
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--table %s: expected ROWS[:COL][:participants]"
				"[=TITLE]",
				spec);
		}
	}
	for (char *r = strtok(part[0], ","); r && *nrows < 8;
	     r = strtok(NULL, ","))
		if (*r)
			rows[(*nrows)++] = fw_xstrdup(r);
	if (!*nrows) {
		free(*title);
		free(*col);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "--table %s: no attribute for the rows",
				    spec);
	}
	return 0;
}

static void name_table(const ctx *c, fw_table *t)
{
	for (size_t k = 0; k < t->ncols; k++) {
		const char *v = rp_names_label(&c->names, t->cols[k]);
		if (v != t->cols[k]) {
			free(t->cols[k]);
			t->cols[k] = fw_xstrdup(v);
		}
	}
	for (size_t r = 0; r < t->nrows; r++) {
		char *v = t->rows[r][0];
		if (!v)
			continue;
		const char *l = rp_names_label(&c->names, v);
		if (l != v) {
			t->rows[r][0] = fw_xstrdup(l);
			free(v);
		}
	}
}

static int appendix(ctx *c, fw_error *err)
{
	char text[1200];
	rp_doc_heading(&c->doc, 1, "appA", "Appendix A Method");
	rp_doc_heading(&c->doc, 2, "appA-1", "A.1 The sample");
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, "The tables are counted from the classification sheet.",
		    NULL, 0);
	for (size_t i = 0; i < c->ntables; i++) {
		const tspec *ts = &c->tables[i];
		fw_table *t;
		int multi;
		int rc = fw_sample_table(&t, &multi, c->p,
					 (const char *const *)ts->rows,
					 ts->nrows, ts->col, ts->participants,
					 FW_ORDER_SHEET, NULL, 0, err);
		if (rc)
			return rc;
		name_table(c, t);
		rp_block *b = rp_doc_add(&c->doc, RP_TABLE);
		fw_buf cap;
		fw_buf_init(&cap);
		fw_buf_printf(&cap, "Table A.%zu ", i + 1);
		if (ts->title) {
			fw_buf_puts(&cap, ts->title);
		} else {
			for (size_t r = 0; r < ts->nrows; r++)
				fw_buf_printf(
					&cap, "%s%s",
					r ? (r + 1 == ts->nrows ? " and "
								: ", ")
					  : "",
					rp_names_label(&c->names, ts->rows[r]));
			if (ts->col)
				fw_buf_printf(
					&cap, " by %s",
					rp_names_label(&c->names, ts->col));
			if (ts->participants)
				fw_buf_puts(&cap, " (participants)");
		}
		b->caption = fw_buf_detach(&cap);
		b->table = t;
		if (multi)
			b->note = fw_xstrdup(
				"Some cases have several values (for example "
				"more than one health condition): each value "
				"is counted, so a column can add up to more "
				"than its cases.");
		else if (ts->participants)
			b->note = fw_xstrdup(
				"Participants: group discussions count "
				"everyone who took part.");
	}
	rp_doc_heading(&c->doc, 2, "appA-2", "A.2 The analysis");
	int summ = 0, coded = 0;
	for (size_t i = 0; i < c->d->ncases * c->d->ncodes; i++) {
		summ += c->d->cells[i].summary != NULL;
		coded += c->d->cells[i].codings > 0;
	}
	snprintf(
		text, sizeof text,
		"The transcripts were indexed with a thematic framework of %zu "
		"themes and %zu sub-themes and charted: a chart per theme, a row "
		"per case, a column per sub-theme, with the researcher's "
		"summary and line references in each cell.  This report draws "
		"on %zu cases, %d indexed cells and %d written summaries%s.  "
		"Every summary names the transcript lines behind it, linked to "
		"the transcript.",
		c->d->nthemes, c->d->ncodes, c->d->ncases, coded, summ,
		c->d->drafts
			? " (draft summaries not yet accepted are left out)"
			: "");
	p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, text, NULL, 0);
	rp_doc_heading(&c->doc, 2, "appA-3", "A.3 How prevalence is reported");
	snprintf(
		text, sizeof text,
		"Findings say how widely a view was held in words rather than "
		"numbers, because counts from a small purposive sample invite "
		"readings as proportions of a population.  A sub-theme counts "
		"as raised by a case when the case's transcript was indexed to "
		"it or its chart cell has a summary.  The base is %s.  A group "
		"discussion counts as one group, whatever its size; where the "
		"chart records whether its members agreed (consensus, majority, "
		"divergent, or a single member), the text says so.  The words "
		"follow this table: the first rule that holds names the count.",
		c->o->base_all
			? "every case in the group"
			: "the cases in the group that spoke about the "
			  "theme (indexed or summarised anywhere in it)");
	p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, text, NULL, 0);
	{
		static const char *const cols[] = {"Word", "Used when"};
		fw_table *t = fw_table_new(2, cols);
		for (size_t i = 0; i < c->words.n; i++) {
			const rp_word *r = &c->words.r[i];
			char rule[80];
			if (!r->share)
				snprintf(rule, sizeof rule, "exactly %.0f",
					 r->v);
			else if (r->v >= 100)
				snprintf(rule, sizeof rule,
					 "every case of the base");
			else if (r->v <= 0)
				snprintf(rule, sizeof rule, "any other count");
			else
				snprintf(rule, sizeof rule,
					 "at least %g%% of the base", r->v);
			const char *row[2] = {r->word, rule};
			fw_table_add(t, FW_ROW_DATA, row);
		}
		rp_block *b = rp_doc_add(&c->doc, RP_TABLE);
		snprintf(text, sizeof text, "Table A.%zu Words for prevalence",
			 c->ntables + 1);
		b->caption = fw_xstrdup(text);
		b->table = t;
	}
	rp_doc_heading(&c->doc, 2, "appA-4", "A.4 Quotes");
	snprintf(
		text, sizeof text,
		"Quotes are the passages the researchers marked as good quotes "
		"in the chart summaries, then other indexed passages of eight to "
		"eighty words, shortest first, at most %d per sub-theme and one "
		"per case where there are enough cases.  Each is attributed with "
		"the label \"%s\" and the case, and links to its place in the "
		"transcript.  %s",
		c->o->quotes, c->label,
		c->nwarned ? "Some labels match a single person in the study "
			     "(see the warnings charter printed); choose a "
			     "label with fewer attributes before publishing."
			   : "No label used matches a single person in the "
			     "study.");
	p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, text, NULL, 0);
	if (c->o->keep_names)
		snprintf(text, sizeof text,
			 "Names in quotes and summaries are left as spoken and "
			 "written: check them before publishing.");
	else
		snprintf(
			text, sizeof text,
			"Participants' names (the speaker labels of the "
			"transcripts that are personal names)%s are replaced with "
			"[name] in quotes and summaries.  Other names spoken in "
			"interviews, of staff or places, are left unless listed: "
			"read the quotes before publishing.",
			c->listed_names
				? " and the names the researchers listed"
				: "");
	p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p, text, NULL, 0);
	return 0;
}

/* ---- setting up ---------------------------------------------------------- */

static int any_attr(const fw_rdata *d, const char *name)
{
	for (size_t i = 0; i < d->ncases; i++)
		if (fw_rcase_attr(&d->cases[i], name))
			return 1;
	return 0;
}

static int sub_cmp(const void *a, const void *b)
{
	const sub *x = a, *y = b;
	return (x->sort > y->sort) - (x->sort < y->sort);
}

static void build_chapters(ctx *c)
{
	for (size_t i = 0; i < c->d->ncases; i++) {
		const fw_rcase *cs = &c->d->cases[i];
		if (!cs->group || !*cs->group)
			continue;
		size_t g = 0;
		while (g < c->nchaps && strcmp(c->chaps[g].value, cs->group))
			g++;
		if (g == c->nchaps) {
			c->chaps = fw_xrealloc(
				c->chaps, (c->nchaps + 1) * sizeof *c->chaps);
			memset(&c->chaps[g], 0, sizeof *c->chaps);
			c->chaps[g].value = fw_xstrdup(cs->group);
			c->chaps[g].title =
				rp_names_label(&c->names, cs->group);
			rp_names_nouns(&c->names, cs->group, c->chaps[g].one,
				       sizeof c->chaps[g].one, c->chaps[g].many,
				       sizeof c->chaps[g].many);
			c->nchaps++;
		}
		chap *h = &c->chaps[g];
		h->cases = fw_xrealloc(h->cases, (h->n + 1) * sizeof *h->cases);
		h->cases[h->n++] = i;
		const char *wv =
			c->within ? fw_rcase_attr(cs, c->within) : NULL;
		if (!wv || !*wv)
			wv = cs->group;
		size_t s = 0;
		while (s < h->nsubs && strcmp(h->subs[s].value, wv))
			s++;
		if (s == h->nsubs) {
			h->subs = fw_xrealloc(h->subs,
					      (h->nsubs + 1) * sizeof *h->subs);
			memset(&h->subs[s], 0, sizeof *h->subs);
			h->subs[s].value = fw_xstrdup(wv);
			h->subs[s].sort = cs->sort;
			rp_names_nouns(&c->names, wv, h->subs[s].one,
				       sizeof h->subs[s].one, h->subs[s].many,
				       sizeof h->subs[s].many);
			h->nsubs++;
		}
		sub *sb = &h->subs[s];
		if (cs->sort < sb->sort)
			sb->sort = cs->sort;
		sb->cases =
			fw_xrealloc(sb->cases, (sb->n + 1) * sizeof *sb->cases);
		sb->cases[sb->n++] = i;
	}
	for (size_t g = 0; g < c->nchaps; g++)
		qsort(c->chaps[g].subs, c->chaps[g].nsubs, sizeof(sub),
		      sub_cmp);
	for (size_t g = 0; g < c->nchaps; g++)
		for (size_t s = 0; s < c->chaps[g].nsubs; s++) {
			sub *sb = &c->chaps[g].subs[s];
			size_t grp = 0;
			for (size_t i = 0; i < sb->n; i++)
				grp += c->d->cases[sb->cases[i]].is_group;
			sb->unit_group = grp * 2 > sb->n;
		}
}

static void ctx_dispose(ctx *c)
{
	for (size_t k = 0; c->passages && k < c->d->ncodes; k++)
		free(c->passages[k]);
	free(c->passages);
	free(c->npassages);
	free(c->case_chap);
	for (size_t g = 0; g < c->nchaps; g++) {
		for (size_t s = 0; s < c->chaps[g].nsubs; s++) {
			free(c->chaps[g].subs[s].value);
			free(c->chaps[g].subs[s].cases);
		}
		free(c->chaps[g].subs);
		free(c->chaps[g].cases);
		free(c->chaps[g].value);
	}
	free(c->chaps);
	for (size_t i = 0; i < c->nused; i++)
		free(c->used[i].source);
	free(c->used);
	for (size_t i = 0; i < c->nwarned; i++)
		free(c->warned[i]);
	free(c->warned);
	fw_buf_dispose(&c->refused);
	rp_redact_dispose(&c->names_out);
	for (size_t i = 0; i < c->ntables; i++)
		tspec_dispose(&c->tables[i]);
	free(c->tables);
	for (size_t i = 0; c->case_label && i < c->d->ncases; i++)
		free(c->case_label[i]);
	free(c->case_label);
	rp_words_dispose(&c->words);
	if (c->have_names)
		rp_names_dispose(&c->names);
	rp_doc_dispose(&c->doc);
	fw_rdata_free(c->d);
}

void rp_report_result_dispose(rp_report_result *r)
{
	fw_buf_dispose(&r->warnings);
}

int rp_report_write(fw_project *p, const rp_report_opts *o,
		    rp_report_result *res, fw_error *err)
{
	memset(res, 0, sizeof *res);
	fw_buf_init(&res->warnings);
	ctx c;
	memset(&c, 0, sizeof c);
	c.p = p;
	c.o = o;
	c.res = res;
	fw_buf_init(&c.refused);
	int rc = 0;
	if (o->words)
		rc = rp_words_load(&c.words, o->words, err);
	else
		rp_words_default(&c.words);
	if (!rc && o->names) {
		rc = rp_names_load(&c.names, o->names, err);
		c.have_names = !rc;
	}
	if (!rc)
		rc = fw_rdata_load(&c.d, p, o->attr, err);
	if (rc) {
		ctx_dispose(&c);
		return rc;
	}
	if (!c.d->ncases || !any_attr(c.d, o->attr)) {
		ctx_dispose(&c);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "no case has a value for '%s': import a "
				    "classification sheet first",
				    o->attr);
	}
	if (!c.d->nthemes) {
		ctx_dispose(&c);
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"the project has no themes: import a codebook "
			"first");
	}
	c.within = o->within               ? o->within
		   : any_attr(c.d, "role") ? "role"
					   : NULL;
	if (c.within && !any_attr(c.d, c.within)) {
		ctx_dispose(&c);
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "--within: no case has a value for '%s'",
				    c.within);
	}
	if (o->label) {
		snprintf(c.label, sizeof c.label, "%s", o->label);
	} else {
		/* role, sex and age band, as far as the sheet has them */
		static const char *const parts[] = {"role", "sex", "age_band"};
		for (size_t i = 0; i < 3; i++)
			if (any_attr(c.d, parts[i]))
				snprintf(c.label + strlen(c.label),
					 sizeof c.label - strlen(c.label),
					 "%s{%s}", *c.label ? ", " : "",
					 parts[i]);
		if (!*c.label)
			snprintf(c.label, sizeof c.label, "{%s}",
				 c.within ? c.within : o->attr);
	}
	if ((rc = rp_label_check(c.d, c.label, err))) {
		ctx_dispose(&c);
		return rc;
	}
	/* the sample tables (by default one of the within attribute, counting
	 * participants), checked before anything is composed */
	{
		char defspec[200];
		const char *deflt[1] = {defspec};
		const char *const *specs = o->tables;
		size_t nspecs = o->ntables;
		if (!nspecs) {
			snprintf(defspec, sizeof defspec, "%s:participants",
				 c.within ? c.within : o->attr);
			specs = deflt;
			nspecs = 1;
		}
		c.tables = fw_xcalloc(nspecs, sizeof *c.tables);
		for (size_t i = 0; i < nspecs && !rc; i++) {
			if ((rc = parse_table_spec(specs[i], &c.tables[i],
						   err)))
				break;
			c.ntables++;
			const tspec *ts = &c.tables[i];
			for (size_t r = 0; r <= ts->nrows && !rc; r++) {
				const char *a =
					r < ts->nrows ? ts->rows[r] : ts->col;
				if (a && !any_attr(c.d, a))
					rc = fw_error_set(
						err, FW_ENOTFOUND, NULL, 0,
						"--table %s: no case has a value for "
						"'%s'",
						specs[i], a);
			}
		}
		if (rc) {
			ctx_dispose(&c);
			return rc;
		}
	}
	rp_redact_init(&c.names_out);
	if (!o->keep_names) {
		if (o->redact) {
			if ((rc = rp_redact_load(&c.names_out, o->redact,
						 err))) {
				ctx_dispose(&c);
				return rc;
			}
			c.listed_names = (int)c.names_out.n;
		}
		for (size_t i = 0; i < c.d->nspeakers; i++)
			if (rp_redact_namelike(c.d->speakers[i]))
				rp_redact_add(&c.names_out, c.d->speakers[i]);
		rp_redact_sort(&c.names_out);
	}
	c.case_label = fw_xcalloc(c.d->ncases, sizeof *c.case_label);
	for (size_t i = 0; i < c.d->ncases; i++) {
		fw_buf b;
		fw_buf_init(&b);
		rp_label_render(c.label, &c.d->cases[i], &b);
		c.case_label[i] = b.ptr ? fw_buf_detach(&b) : fw_xstrdup("");
	}
	c.pages = o->pages ? o->pages : "../charts/sources/";
	build_chapters(&c);
	c.case_chap =
		fw_xcalloc(c.d->ncases ? c.d->ncases : 1, sizeof *c.case_chap);
	c.passages =
		fw_xcalloc(c.d->ncodes ? c.d->ncodes : 1, sizeof *c.passages);
	c.npassages =
		fw_xcalloc(c.d->ncodes ? c.d->ncodes : 1, sizeof *c.npassages);
	for (size_t i = 0; i < c.d->ncases; i++)
		c.case_chap[i] = SIZE_MAX;
	for (size_t g = 0; g < c.nchaps; g++)
		for (size_t i = 0; i < c.chaps[g].n; i++)
			c.case_chap[c.chaps[g].cases[i]] = g;
	char subtitle[300];
	snprintf(subtitle, sizeof subtitle,
		 "Findings by %s, drafted by charter from the "
		 "charts",
		 rp_names_label(&c.names, o->attr));
	rp_doc_init(&c.doc, c.d->title ? c.d->title : "Report", subtitle);
	rp_doc_add(&c.doc, RP_CONTENTS);
	for (size_t g = 0; !rc && g < c.nchaps; g++)
		rc = chapter(&c, g, err);
	if (!rc) {
		cross_chapter(&c);
		rc = appendix(&c, err);
	}
	if (!rc && o->strict && c.refused.len) {
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "--strict: quote labels single out a person, "
				  "nothing written: %s",
				  c.refused.ptr);
	}
	int formats = o->formats ? o->formats : RP_MD;
	if (!rc)
		rc = fw_mkdirs(o->outdir, err);
	char path[1200];
	if (!rc && (formats & RP_MD)) {
		char figdir[1100];
		snprintf(path, sizeof path, "%s/report.md", o->outdir);
		snprintf(figdir, sizeof figdir, "%s/figures", o->outdir);
		rc = rp_write_md(&c.doc, path, figdir, err);
		if (!rc)
			res->files++;
	}
	if (!rc && (formats & RP_HTML)) {
		snprintf(path, sizeof path, "%s/report.html", o->outdir);
		rc = rp_write_html(&c.doc, path, err);
		if (!rc)
			res->files++;
	}
	if (!rc && (formats & RP_DOCX)) {
		snprintf(path, sizeof path, "%s/report.docx", o->outdir);
		rc = rp_write_docx(&c.doc, path, err);
		if (!rc)
			res->files++;
	}
	ctx_dispose(&c);
	return rc;
}
