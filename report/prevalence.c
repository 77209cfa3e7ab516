/*
 * prevalence.c: how many of a sub-group raised a sub-theme, in words:
 * counting cases with data, prevalence sentences ("Most TPPMs, one Contract
 * Manager and advisers in all six groups raised this.") and what group
 * discussions' agreement markers say.
 */
#include "compose.h"
#include "words.h"
#include "buf.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const small[] = {"no",   "one",    "two",   "three", "four",
				    "five", "six",    "seven", "eight", "nine",
				    "ten",  "eleven", "twelve"};

void rp_cap_first(char *s)
{
	if (*s)
		*s = (char)toupper((unsigned char)*s);
}

/* ---- counting ------------------------------------------------------------ */

const char *rp_case_label(const rp_ctx *c, size_t ci)
{
	return *c->case_label[ci] ? c->case_label[ci] : "participant";
}

const char *rp_case_who(const rp_ctx *c, size_t ci)
{
	return c->o->case_ids ? c->d->cases[ci].name : rp_case_label(c, ci);
}

const fw_rcell *rp_cell_at(const rp_ctx *c, size_t ci, size_t ki)
{
	return &c->d->cells[ci * c->d->ncodes + ki];
}

static int has_data(const rp_ctx *c, size_t ci, size_t ki)
{
	const fw_rcell *x = rp_cell_at(c, ci, ki);
	return x->codings > 0 || x->summary;
}

int rp_theme_data(const rp_ctx *c, size_t ci, size_t t)
{
	return c->d->theme_data[ci * c->d->nthemes + t];
}

/* n: the cases (of a sub-group or a chapter) with data on sub-theme ki;
 * base: the cases it is out of (those with data on the theme, or all). */
static void count(const rp_ctx *c, const size_t *cases, size_t ncases,
		  size_t ki, int base_all, int *n, int *base)
{
	size_t t = c->d->codes[ki].theme;
	*n = *base = 0;
	for (size_t i = 0; i < ncases; i++) {
		if (base_all || rp_theme_data(c, cases[i], t))
			(*base)++;
		if (has_data(c, cases[i], ki))
			(*n)++;
	}
}

static void count_sub(const rp_ctx *c, const rp_sub *s, size_t ki, int *n,
		      int *base)
{
	count(c, s->cases, s->n, ki, c->o->base_all, n, base);
}

void rp_count_chap(const rp_ctx *c, const rp_chap *h, size_t ki, int *n,
		   int *base, int base_all)
{
	count(c, h->cases, h->n, ki, base_all, n, base);
}

/* ---- prevalence sentences ------------------------------------------------ */

/* A count as a reader would say it: "six", "30". */
static const char *num_word(int k, char buf[16])
{
	if (k >= 0 && k <= 12)
		return small[k];
	snprintf(buf, 16, "%d", k);
	return buf;
}

/* One sub-group's share, its base said in words: "the only TPPM", "both
 * clients", "all six TPPMs", "two of the three managers", "most of the
 * 30 clients", "Jobcentre Plus advisers in four of the six groups"; the
 * base is those who spoke about the theme unless --base all, and the
 * sentence says so when that is not the whole sub-group. */
static void part_for(const rp_ctx *c, const rp_sub *s, int n, int base,
		     fw_buf *b)
{
	const char *w = rp_words_word(&c->in->words, n, base);
	char num[48] = "", bn[16], nn[16];
	if (c->o->numbers)
		snprintf(num, sizeof num, " (%d of %d)", n, base);
	const char *bw = num_word(base, bn), *nw = num_word(n, nn);
	int part = !c->o->base_all && base < (int)s->n;
	if (s->unit_group) {
		const char *who = part ? " that discussed the theme" : "";
		if (base == 1)
			fw_buf_printf(b, "%s in the only group%s%s", s->many,
				      who, num);
		else if (n == base && base == 2)
			fw_buf_printf(b, "%s in both groups%s%s", s->many, who,
				      num);
		else if (n == base)
			fw_buf_printf(b, "%s in all %s groups%s%s", s->many, bw,
				      who, num);
		else if (base <= 12)
			fw_buf_printf(b, "%s in %s of the %s groups%s%s",
				      s->many, nw, bw, who, num);
		else
			fw_buf_printf(b, "%s in %s of the %s groups%s%s",
				      s->many, w, bw, who, num);
		return;
	}
	const char *who = part ? " who spoke about the theme" : "";
	if (n == 1 && base == 1)
		fw_buf_printf(b, "the only %s%s%s", s->one,
			      c->o->base_all ? " in the study"
					     : " who spoke about the theme",
			      num);
	else if (n == base && base == 2)
		fw_buf_printf(b, "both %s%s%s", s->many, who, num);
	else if (n == base)
		fw_buf_printf(b, "all %s %s%s%s", bw, s->many, who, num);
	else if (n == 1 || base < 5)
		fw_buf_printf(b, "%s of the %s %s%s%s", nw, bw, s->many, who,
			      num);
	else
		fw_buf_printf(b, "%s of the %s %s%s%s", w, bw, s->many, who,
			      num);
}

/* "Most TPPMs, one Contract Manager and advisers in all six groups raised
 * this."  Returns 0 when nobody did. */
int rp_prevalence_sentence(const rp_ctx *c, const rp_chap *h, size_t ki,
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
	rp_cap_first(b.ptr);
	fw_buf_put(out, b.ptr, b.len);
	fw_buf_dispose(&b);
	return 1;
}

/* What the agreement markers of a sub-group's discussions say. */
int rp_agreement_sentence(const rp_ctx *c, const rp_sub *s, size_t ki,
			  fw_buf *out)
{
	int con = 0, maj = 0, div = 0, one = 0, tot = 0;
	for (size_t i = 0; i < s->n; i++) {
		const fw_rcell *x = rp_cell_at(c, s->cases[i], ki);
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
	char nm[48] = "", tw[16];
	int raised, base;
	count_sub(c, s, ki, &raised, &base);
	if (raised < tot)
		raised = tot;
		/* one base for the sentence: the groups that discussed it */
#define NUM(k)                                                                 \
	(c->o->numbers                                                         \
		 ? (snprintf(nm, sizeof nm, " (%d of %d)", (k), raised), nm)   \
		 : "")
	fw_buf b;
	fw_buf_init(&b);
	const int k[5] = {con, maj, div, one, raised - tot};
	int m = 0;
	for (int i = 0; i < 5; i++)
		m += k[i] > 0;
	const char *every = raised == 2 ? "both" : "all";
	if (raised == 1) {
		/* one discussion records it: say what happened in it */
		if (con)
			fw_buf_printf(&b, "in that group, the %s agreed",
				      s->many);
		else if (maj)
			fw_buf_puts(
				&b,
				"in that group, a majority shared the view");
		else if (div)
			fw_buf_puts(&b, "in that group, views were divided");
		else
			fw_buf_printf(&b,
				      "in that group, a single %s raised it",
				      s->one);
	} else if (con == raised) {
		fw_buf_printf(&b, "in %s%s%s groups, the %s agreed%s", every,
			      raised == 2 ? "" : " ",
			      raised == 2 ? "" : num_word(raised, tw), s->many,
			      NUM(con));
	} else if (maj == raised) {
		fw_buf_printf(&b,
			      "in %s%s%s groups, a majority shared the "
			      "view%s",
			      every, raised == 2 ? "" : " ",
			      raised == 2 ? "" : num_word(raised, tw),
			      NUM(maj));
	} else if (div == raised) {
		fw_buf_printf(&b, "views were divided in %s%s%s groups%s",
			      every, raised == 2 ? "" : " ",
			      raised == 2 ? "" : num_word(raised, tw),
			      NUM(div));
	} else if (one == raised) {
		fw_buf_printf(&b,
			      "in each of the %s groups, a single %s raised "
			      "it%s",
			      num_word(raised, tw), s->one, NUM(one));
	} else {
		fw_buf_printf(&b, "of the %s groups, ", num_word(raised, tw));
		for (int i = 0, j = 0; i < 5; i++) {
			if (!k[i])
				continue;
			char kw[16];
			const char *n = num_word(k[i], kw);
			fw_buf_puts(&b, !j ? "" : j == m - 1 ? " and " : ", ");
			j++;
			if (i == 0)
				fw_buf_printf(&b, "the %s agreed in %s",
					      s->many, n);
			else if (i == 1)
				fw_buf_printf(
					&b, "a majority shared the view in %s",
					n);
			else if (i == 2)
				fw_buf_printf(&b, "views were divided in %s",
					      n);
			else if (i == 3)
				fw_buf_printf(&b, "a single %s raised it in %s",
					      s->one, n);
			else
				fw_buf_printf(&b, "%s recorded no agreement",
					      n);
			fw_buf_puts(&b, NUM(k[i]));
		}
	}
#undef NUM
	fw_buf_putc(&b, '.');
	rp_cap_first(b.ptr);
	fw_buf_put(out, b.ptr, b.len);
	fw_buf_dispose(&b);
	return 1;
}
