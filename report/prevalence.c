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

static void cap_first(char *s)
{
	if (*s)
		*s = (char)toupper((unsigned char)*s);
}

/* ---- counting ------------------------------------------------------------ */

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

static void part_for(const rp_ctx *c, const rp_sub *s, int n, int base,
		     fw_buf *b)
{
	const char *w = rp_words_word(&c->in->words, n, base);
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
	cap_first(b.ptr);
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
	char nm[48] = "";
	fw_buf b;
	fw_buf_init(&b);
	int clauses = 0;
#define CLAUSE() (clauses++ ? "; " : "")
#define W(k)     rp_words_word(&c->in->words, (k), tot)
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
