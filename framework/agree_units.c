/*
 * agree_units.c: the four units agreement is measured on.
 *
 * characters: per code and source, each code point of the source (or,
 *   with coded_only, of the text any group coded with a compared code)
 *   is a unit, coded or not by each group;
 * segments: each group's coded spans, a group's span matched to another
 *   group's when their intersection over union reaches the threshold;
 *   per code, coded or not; over all codes, the set of codes each group
 *   gave the segment;
 * cases and sources: per case (or source) and code, whether each group
 *   coded it there.
 * A group that coded nothing in a source has no value there.
 */
#include "agree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared -------------------------------------------------------------- */

/* The values of a unit no group coded: 0 where present, else missing. */
static void zero_values(int *vals, size_t ng, uint64_t present)
{
	for (size_t g = 0; g < ng; g++)
		vals[g] = present >> g & 1 ? 0 : -1;
}

/* Rows per code of tallies t[0..nc), then over all of them. */
static void code_rows(agx *x, ag_tally *t, const ag_tally *all, int q_all,
		      const char *where)
{
	fw_agree_stat s;
	for (size_t k = 0; k < x->nc; k++) {
		ag_tally_stat(&s, &t[k], x->ng, 2);
		ag_row(x, x->cnum[k], where, &s, &t[k]);
	}
	if (all && x->nc > 1) {
		ag_tally_stat(&s, all, x->ng, q_all);
		ag_row(x, "all codes", where, &s, all);
	}
}

static int by_code_grp_start(const void *pa, const void *pb)
{
	const ag_seg *a = pa, *b = pb;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	if (a->grp != b->grp)
		return a->grp < b->grp ? -1 : 1;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

static int by_start(const void *pa, const void *pb)
{
	const ag_seg *a = pa, *b = pb;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

/* Spans [s, e) of one group, merged where they touch or overlap. */
typedef struct ival {
	long s, e;
} ival;

static size_t merge_into(ival *out, const ag_seg *v, size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].e <= v[i].s)
			continue;
		if (m && v[i].s <= out[m - 1].e) {
			if (v[i].e > out[m - 1].e)
				out[m - 1].e = v[i].e;
		} else {
			out[m++] = (ival){v[i].s, v[i].e};
		}
	}
	return m;
}

static int cmp_long(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;
	return (a > b) - (a < b);
}

/* The compared codes group g applied over position pos of this source. */
static char *codes_at(const agx *x, int g, long pos)
{
	int *list = fw_xmalloc((x->nseg + 1) * sizeof *list);
	size_t n = 0;
	for (size_t i = 0; i < x->nseg; i++) {
		const ag_seg *v = &x->seg[i];
		if (v->grp != g || v->s > pos || v->e <= pos || v->code < 0)
			continue;
		size_t j = 0;
		while (j < n && list[j] != v->code)
			j++;
		if (j == n)
			list[n++] = v->code;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && list[j] < list[j - 1]; j--) {
			int t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
		}
	char *s = ag_codes(x, list, n);
	free(list);
	return s;
}

/* ---- characters ---------------------------------------------------------- */

typedef struct crow {
	int code;
	long long src;
	fw_agree_stat s;
	ag_tally t; /* its counts only */
} crow;

typedef struct cstate {
	crow *rows;
	size_t n;
	char **names; /* by source id, once seen */
} cstate;

static void chars_start(agx *x)
{
	cstate *c = fw_xcalloc(1, sizeof *c);
	c->names = fw_xcalloc(x->nsrc, sizeof *c->names);
	x->unit = c;
}

/* One code's sweep over the points where some group's coding or the
 * universe starts or ends. */
static void chars_code(agx *x, int k, const ival *gi, const size_t *goff,
		       const ival *u, size_t nu)
{
	size_t ng = x->ng, total = goff[ng];
	long *pt = fw_xmalloc((2 * (total + nu) + 1) * sizeof *pt);
	size_t np = 0;
	for (size_t i = 0; i < total; i++)
		pt[np++] = gi[i].s, pt[np++] = gi[i].e;
	for (size_t i = 0; i < nu; i++)
		pt[np++] = u[i].s, pt[np++] = u[i].e;
	qsort(pt, np, sizeof *pt, cmp_long);
	uint64_t present = ag_present(x, x->src);
	size_t *at = fw_xcalloc(ng, sizeof *at), uj = 0;
	int vals[FW_AGREE_MAX_CODERS];
	ag_tally t;
	ag_tally_init(&t);
	long run_s = -1, run_e = -1;
	for (size_t i = 0; i + 1 < np; i++) {
		long a = pt[i], b = pt[i + 1];
		if (a == b)
			continue;
		while (uj < nu && u[uj].e <= a)
			uj++;
		if (uj >= nu || u[uj].s > a)
			continue;
		for (size_t g = 0; g < ng; g++) {
			size_t end = goff[g + 1];
			while (goff[g] + at[g] < end &&
			       gi[goff[g] + at[g]].e <= a)
				at[g]++;
			int in = goff[g] + at[g] < end &&
				 gi[goff[g] + at[g]].s <= a;
			vals[g] = present >> g & 1 ? in : -1;
		}
		ag_tally_unit(&t, vals, ng, (double)(b - a));
		int differ = x->listing && vals[0] >= 0 && vals[1] >= 0 &&
			     vals[0] != vals[1];
		if (differ && run_e == a) {
			run_e = b;
		} else if (differ) {
			if (run_s >= 0) {
				char *ca = codes_at(x, 0, run_s),
				     *cb = codes_at(x, 1, run_s);
				ag_disagree(x, x->src, 0, run_s, run_e,
					    x->cnum[k], ca, cb);
				free(ca);
				free(cb);
			}
			run_s = a, run_e = b;
		}
	}
	if (run_s >= 0) {
		char *ca = codes_at(x, 0, run_s), *cb = codes_at(x, 1, run_s);
		ag_disagree(x, x->src, 0, run_s, run_e, x->cnum[k], ca, cb);
		free(ca);
		free(cb);
	}
	cstate *c = x->unit;
	c->rows = fw_xpush(c->rows, c->n, sizeof *c->rows);
	crow *r = &c->rows[c->n++];
	r->code = k;
	r->src = x->src;
	ag_tally_stat(&r->s, &t, ng, 2);
	r->t.a = t.a, r->t.b = t.b, r->t.c = t.c, r->t.d = t.d;
	r->t.units = t.units;
	ag_tally_dispose(&t);
	free(at);
	free(pt);
}

static int chars_source(agx *x)
{
	size_t n = x->nseg, ng = x->ng;
	for (size_t i = 0; i < n; i++) {
		ag_seg *v = &x->seg[i];
		v->s = v->s < 0 ? 0 : v->s > x->chars ? x->chars : v->s;
		v->e = v->e < v->s ? v->s : v->e > x->chars ? x->chars : v->e;
	}
	/* the universe: the source, or what any group coded */
	ival *u = fw_xmalloc((n + 1) * sizeof *u);
	size_t nu = 1;
	u[0] = (ival){0, x->chars};
	if (x->o->coded_only) {
		qsort(x->seg, n, sizeof *x->seg, by_start);
		nu = merge_into(u, x->seg, n);
	}
	qsort(x->seg, n, sizeof *x->seg, by_code_grp_start);
	ival *gi = fw_xmalloc((n + 1) * sizeof *gi);
	size_t goff[FW_AGREE_MAX_CODERS + 1];
	for (size_t i = 0; i < n;) {
		int k = x->seg[i].code;
		size_t m = 0;
		for (size_t g = 0; g < ng; g++) {
			goff[g] = m;
			size_t j = i;
			while (j < n && x->seg[j].code == k &&
			       x->seg[j].grp == (int)g)
				j++;
			m += merge_into(gi + m, x->seg + i, j - i);
			i = j;
		}
		goff[ng] = m;
		while (i < n && x->seg[i].code == k)
			i++; /* groups past ng: none */
		chars_code(x, k, gi, goff, u, nu);
	}
	free(gi);
	free(u);
	return 0;
}

static const char *src_name(agx *x, cstate *c, long long src)
{
	if (!c->names[src]) {
		sqlite3_stmt *st;
		if (!fw_query(&st, x->p, NULL,
			      "SELECT name FROM source WHERE id = ?1", "i",
			      src)) {
			if (fw_row(x->p, st))
				c->names[src] = fw_xstrdup(
					(const char *)sqlite3_column_text(st,
									  0));
			sqlite3_finalize(st);
		}
		if (!c->names[src])
			c->names[src] = fw_xstrdup("?");
	}
	return c->names[src];
}

static int crow_cmp(const void *pa, const void *pb)
{
	const crow *a = pa, *b = pb;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	return (a->src > b->src) - (a->src < b->src);
}

/* The mean of rows [i, j), weighted by their length or not. */
static void chars_mean(agx *x, const crow *r, size_t n, const char *code)
{
	double w[2][3] = {{0}}, sum[2][3] = {{0}};
	ag_tally t;
	memset(&t, 0, sizeof t);
	for (size_t i = 0; i < n; i++) {
		const double v[3] = {r[i].s.po, r[i].s.kappa, r[i].s.alpha};
		for (int m = 0; m < 3; m++) {
			if (isnan(v[m]))
				continue;
			sum[0][m] += r[i].s.n * v[m], w[0][m] += r[i].s.n;
			sum[1][m] += v[m], w[1][m] += 1;
		}
		t.a += r[i].t.a, t.b += r[i].t.b, t.c += r[i].t.c;
		t.d += r[i].t.d, t.units += r[i].t.units;
	}
	static const char *const label[2] = {"all (weighted by length)",
					     "all (mean)"};
	for (int k = 0; k < 2; k++) {
		fw_agree_stat s = {.n = t.units, .q = 2};
		double *out[3] = {&s.po, &s.kappa, &s.alpha};
		for (int m = 0; m < 3; m++)
			*out[m] = w[k][m] > 0 ? sum[k][m] / w[k][m] : NAN;
		s.bp = x->ng == 2 ? fw_agree_bp(s.po, 2) : NAN;
		if (x->ng != 2)
			s.kappa = NAN;
		ag_row(x, code, label[k], &s, &t);
	}
}

static int chars_finish(agx *x, fw_error *err)
{
	(void)err;
	cstate *c = x->unit;
	if (c->n)
		qsort(c->rows, c->n, sizeof *c->rows, crow_cmp);
	for (size_t i = 0; i < c->n;) {
		size_t j = i;
		while (j < c->n && c->rows[j].code == c->rows[i].code)
			j++;
		for (size_t r = i; r < j; r++)
			ag_row(x, x->cnum[c->rows[r].code],
			       src_name(x, c, c->rows[r].src), &c->rows[r].s,
			       &c->rows[r].t);
		chars_mean(x, c->rows + i, j - i, x->cnum[c->rows[i].code]);
		i = j;
	}
	if (x->nc > 1 && c->n)
		chars_mean(x, c->rows, c->n, "all codes");
	for (size_t s = 0; s < x->nsrc; s++)
		free(c->names[s]);
	free(c->names);
	free(c->rows);
	free(c);
	x->unit = NULL;
	return 0;
}

const ag_unit ag_chars = {chars_start, chars_source, chars_finish, 1};

/* ---- segments ------------------------------------------------------------ */

/* A group's distinct span, with the compared codes it gave it. */
typedef struct span {
	long s, e;
	int *codes;
	size_t n;
} span;

typedef struct sunit {
	long s, e; /* the first member's span */
	int member[FW_AGREE_MAX_CODERS];
} sunit;

/* Code lists as categories: the empty list is 0. */
typedef struct catmap {
	char **keys;
	size_t n, cap; /* open addressing, cap a power of two */
	int *ids;
	int next;
} catmap;

typedef struct sstate {
	ag_tally *t; /* per code */
	ag_tally all;
	double *touched; /* per code, this source */
	catmap cats;
} sstate;

static unsigned long hash_str(const char *s)
{
	unsigned long h = 1469598103934665603UL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

static int cat_of(catmap *m, const int *codes, size_t n)
{
	if (!n)
		return 0;
	fw_buf b;
	fw_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		fw_buf_printf(&b, "%d,", codes[i]);
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		char **keys = fw_xcalloc(cap, sizeof *keys);
		int *ids = fw_xcalloc(cap, sizeof *ids);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t h = hash_str(m->keys[i]) & (cap - 1);
			while (keys[h])
				h = (h + 1) & (cap - 1);
			keys[h] = m->keys[i], ids[h] = m->ids[i];
		}
		free(m->keys);
		free(m->ids);
		m->keys = keys, m->ids = ids, m->cap = cap;
	}
	size_t h = hash_str(fw_buf_str(&b)) & (m->cap - 1);
	while (m->keys[h] && strcmp(m->keys[h], fw_buf_str(&b)))
		h = (h + 1) & (m->cap - 1);
	if (!m->keys[h]) {
		m->keys[h] = fw_buf_detach(&b);
		m->ids[h] = ++m->next;
		m->n++;
	}
	fw_buf_dispose(&b);
	return m->ids[h];
}

static void segments_start(agx *x)
{
	sstate *s = fw_xcalloc(1, sizeof *s);
	s->t = fw_xcalloc(x->nc + 1, sizeof *s->t);
	for (size_t k = 0; k < x->nc; k++)
		ag_tally_init(&s->t[k]);
	ag_tally_init(&s->all);
	s->touched = fw_xcalloc(x->nc + 1, sizeof *s->touched);
	x->unit = s;
}

static int by_grp_span_code(const void *pa, const void *pb)
{
	const ag_seg *a = pa, *b = pb;
	if (a->grp != b->grp)
		return a->grp < b->grp ? -1 : 1;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	if (a->e != b->e)
		return a->e < b->e ? -1 : 1;
	return (a->code > b->code) - (a->code < b->code);
}

/* The distinct spans of each group, from the sorted codings. */
static span *group_spans(const agx *x, size_t *goff)
{
	span *v = fw_xcalloc(x->nseg + 1, sizeof *v);
	int *codes = fw_xmalloc((x->nseg + 1) * sizeof *codes);
	size_t n = 0, nc = 0;
	for (size_t g = 0, i = 0; g < x->ng; g++) {
		goff[g] = n;
		for (; i < x->nseg && x->seg[i].grp == (int)g; i++) {
			const ag_seg *c = &x->seg[i];
			if (!n || n == goff[g] || v[n - 1].s != c->s ||
			    v[n - 1].e != c->e)
				v[n++] = (span){c->s, c->e, codes + nc, 0};
			span *last = &v[n - 1];
			if (!last->n || last->codes[last->n - 1] != c->code)
				last->codes[last->n++] = c->code, nc++;
		}
	}
	goff[x->ng] = n;
	return v; /* codes is v[0].codes' array */
}

typedef struct cand {
	double iou;
	size_t u, j;
} cand;

static int cand_cmp(const void *pa, const void *pb)
{
	const cand *a = pa, *b = pb;
	if (a->iou != b->iou)
		return a->iou > b->iou ? -1 : 1;
	if (a->u != b->u)
		return a->u < b->u ? -1 : 1;
	return (a->j > b->j) - (a->j < b->j);
}

/* A unit's span, for finding the units a span overlaps. */
typedef struct uref {
	long s, e;
	size_t u;
} uref;

static int uref_cmp(const void *pa, const void *pb)
{
	const uref *a = pa, *b = pb;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return (a->u > b->u) - (a->u < b->u);
}

/* Match group g's spans v[0..n) to the units so far, best overlap first,
 * one to one; the rest become units of their own. */
static sunit *match_group(sunit *units, size_t *nunits, size_t g, const span *v,
			  size_t n, size_t base, double t)
{
	size_t nu = *nunits;
	uref *r = fw_xmalloc((nu + 1) * sizeof *r);
	long longest = 0;
	for (size_t i = 0; i < nu; i++) {
		r[i] = (uref){units[i].s, units[i].e, i};
		if (units[i].e - units[i].s > longest)
			longest = units[i].e - units[i].s;
	}
	if (nu)
		qsort(r, nu, sizeof *r, uref_cmp);
	cand *c = NULL;
	size_t nc = 0, cap = 0;
	for (size_t j = 0; j < n; j++) {
		/* the units starting before the span ends, back to those that
		 * could still reach it */
		size_t lo = 0, hi = nu;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (r[mid].s < v[j].e)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i-- > 0 && r[i].s + longest > v[j].s;) {
			long in = (r[i].e < v[j].e ? r[i].e : v[j].e) -
				  (r[i].s > v[j].s ? r[i].s : v[j].s);
			if (in <= 0)
				continue;
			long un = (r[i].e > v[j].e ? r[i].e : v[j].e) -
				  (r[i].s < v[j].s ? r[i].s : v[j].s);
			double iou = (double)in / (double)un;
			if (iou + 1e-12 < t)
				continue;
			c = fw_xgrow(c, &cap, nc + 1, sizeof *c, 64);
			c[nc++] = (cand){iou, r[i].u, j};
		}
	}
	if (nc)
		qsort(c, nc, sizeof *c, cand_cmp);
	unsigned char *taken = fw_xcalloc(n + 1, 1);
	for (size_t i = 0; i < nc; i++) {
		sunit *u = &units[c[i].u];
		if (u->member[g] >= 0 || taken[c[i].j])
			continue;
		u->member[g] = (int)(base + c[i].j);
		taken[c[i].j] = 1;
	}
	for (size_t j = 0; j < n; j++) {
		if (taken[j])
			continue;
		units = fw_xpush(units, nu, sizeof *units);
		sunit *u = &units[nu++];
		u->s = v[j].s, u->e = v[j].e;
		for (size_t k = 0; k < FW_AGREE_MAX_CODERS; k++)
			u->member[k] = -1;
		u->member[g] = (int)(base + j);
	}
	free(taken);
	free(c);
	free(r);
	*nunits = nu;
	return units;
}

/* One unit's values: per code it or another group touched, and its
 * category over all codes. */
static void segment_unit(agx *x, sstate *st, const sunit *u, const span *v,
			 uint64_t present)
{
	size_t ng = x->ng;
	int vals[FW_AGREE_MAX_CODERS], cats[FW_AGREE_MAX_CODERS];
	static const int none[1] = {0};
	for (size_t g = 0; g < ng; g++) {
		const span *m = u->member[g] >= 0 ? &v[u->member[g]] : NULL;
		cats[g] = !(present >> g & 1) ? -1
			  : m ? cat_of(&st->cats, m->codes, m->n)
			      : cat_of(&st->cats, none, 0);
	}
	ag_tally_unit(&st->all, cats, ng, 1);
	/* the codes in any member's list, each once */
	for (size_t g = 0; g < ng; g++) {
		const span *m = u->member[g] >= 0 ? &v[u->member[g]] : NULL;
		for (size_t i = 0; m && i < m->n; i++) {
			int k = m->codes[i], seen = 0;
			for (size_t h = 0; h < g && !seen; h++) {
				const span *o = u->member[h] >= 0
							? &v[u->member[h]]
							: NULL;
				for (size_t j = 0; o && j < o->n; j++)
					seen |= o->codes[j] == k;
			}
			if (seen)
				continue;
			for (size_t h = 0; h < ng; h++) {
				const span *o = u->member[h] >= 0
							? &v[u->member[h]]
							: NULL;
				int in = 0;
				for (size_t j = 0; o && j < o->n; j++)
					in |= o->codes[j] == k;
				vals[h] = present >> h & 1 ? in : -1;
			}
			ag_tally_unit(&st->t[k], vals, ng, 1);
			st->touched[k] += 1;
		}
	}
	if (!x->listing || cats[0] < 0 || cats[1] < 0 || cats[0] == cats[1])
		return;
	const span *a = u->member[0] >= 0 ? &v[u->member[0]] : NULL;
	const span *b = u->member[1] >= 0 ? &v[u->member[1]] : NULL;
	long s = a && b ? (a->s < b->s ? a->s : b->s) : a ? a->s : b->s;
	long e = a && b ? (a->e > b->e ? a->e : b->e) : a ? a->e : b->e;
	/* the codes on which they differ */
	int diff[2 * 64];
	size_t nd = 0;
	for (int side = 0; side < 2; side++) {
		const span *p = side ? b : a, *q = side ? a : b;
		for (size_t i = 0; p && i < p->n && nd < 128; i++) {
			int in = 0;
			for (size_t j = 0; q && j < q->n; j++)
				in |= q->codes[j] == p->codes[i];
			if (!in)
				diff[nd++] = p->codes[i];
		}
	}
	char *cd = ag_codes(x, diff, nd);
	char *ca = a ? ag_codes(x, a->codes, a->n) : fw_xstrdup("-");
	char *cb = b ? ag_codes(x, b->codes, b->n) : fw_xstrdup("-");
	ag_disagree(x, x->src, 0, s, e, cd, ca, cb);
	free(cd);
	free(ca);
	free(cb);
}

static int segments_source(agx *x)
{
	sstate *st = x->unit;
	size_t ng = x->ng, goff[FW_AGREE_MAX_CODERS + 1];
	qsort(x->seg, x->nseg, sizeof *x->seg, by_grp_span_code);
	span *v = group_spans(x, goff);
	uint64_t present = ag_present(x, x->src);
	sunit *units = NULL;
	size_t nu = 0;
	double t = x->o->threshold > 0 ? x->o->threshold : 0.9;
	for (size_t g = 0; g < ng; g++)
		if (present >> g & 1)
			units = match_group(units, &nu, g, v + goff[g],
					    goff[g + 1] - goff[g], goff[g], t);
	memset(st->touched, 0, (x->nc + 1) * sizeof *st->touched);
	for (size_t i = 0; i < nu; i++)
		segment_unit(x, st, &units[i], v, present);
	int vals[FW_AGREE_MAX_CODERS];
	zero_values(vals, ng, present);
	for (size_t k = 0; k < x->nc; k++)
		ag_tally_unit(&st->t[k], vals, ng, (double)nu - st->touched[k]);
	free(units);
	free(v[0].codes);
	free(v);
	return 0;
}

static void sstate_free(agx *x, sstate *st)
{
	for (size_t k = 0; k < x->nc; k++)
		ag_tally_dispose(&st->t[k]);
	free(st->t);
	ag_tally_dispose(&st->all);
	free(st->touched);
	for (size_t i = 0; i < st->cats.cap; i++)
		free(st->cats.keys[i]);
	free(st->cats.keys);
	free(st->cats.ids);
	free(st);
	x->unit = NULL;
}

static int segments_finish(agx *x, fw_error *err)
{
	(void)err;
	sstate *st = x->unit;
	code_rows(x, st->t, &st->all, x->nc < 2 ? 2 : (int)x->nc, "all");
	sstate_free(x, st);
	return 0;
}

const ag_unit ag_segments = {segments_start, segments_source, segments_finish,
			     1};

/* ---- presence per case or source ----------------------------------------- */

/* One case's (or source's) codes: each code's groups (a mask), from rows
 * (unit, code place, group) read in unit order. */
static void presence_unit(agx *x, sstate *st, long long cas, long long src,
			  uint64_t present, const uint64_t *by_code)
{
	size_t ng = x->ng;
	int vals[FW_AGREE_MAX_CODERS];
	double untouched = 0;
	for (size_t k = 0; k < x->nc; k++) {
		if (!by_code[k]) {
			untouched += 1;
			continue;
		}
		for (size_t g = 0; g < ng; g++)
			vals[g] = present >> g & 1 ? (int)(by_code[k] >> g & 1)
						   : -1;
		ag_tally_unit(&st->t[k], vals, ng, 1);
		ag_tally_unit(&st->all, vals, ng, 1);
		if (x->listing && vals[0] >= 0 && vals[1] >= 0 &&
		    vals[0] != vals[1])
			ag_disagree(x, src, cas, -1, -1, x->cnum[k],
				    vals[0] ? x->cnum[k] : "-",
				    vals[1] ? x->cnum[k] : "-");
	}
	zero_values(vals, ng, present);
	for (size_t k = 0; k < x->nc; k++)
		if (!by_code[k])
			ag_tally_unit(&st->t[k], vals, ng, 1);
	ag_tally_unit(&st->all, vals, ng, untouched);
}

/* Rows (unit, code id, owner, source) in unit order, over every unit
 * id below nunit that two groups coded (unit_mask): each unit's codes
 * gathered and tallied, a unit with none of them too. */
static int presence_read(agx *x, sqlite3_stmt *st, int cases,
			 const uint64_t *unit_mask, size_t nunit, fw_error *err)
{
	sstate *s = x->unit;
	uint64_t *by_code = fw_xcalloc(x->nc + 1, sizeof *by_code);
	int have = fw_row(x->p, st);
	for (size_t id = 1; id < nunit; id++) {
		memset(by_code, 0, (x->nc + 1) * sizeof *by_code);
		while (have && sqlite3_column_int64(st, 0) < (long long)id)
			have = fw_row(x->p, st);
		for (; have && sqlite3_column_int64(st, 0) == (long long)id;
		     have = fw_row(x->p, st)) {
			long long code = sqlite3_column_int64(st, 1);
			long long who = sqlite3_column_int64(st, 2);
			long long src = sqlite3_column_int64(st, 3);
			if (code > 0 && (size_t)code < x->ncix &&
			    x->cix[code] >= 0 && who > 0 &&
			    (size_t)who < x->ngrp && x->grp[who] >= 0 &&
			    src > 0 && (size_t)src < x->nsrc && x->want[src])
				by_code[x->cix[code]] |= (uint64_t)1
							 << x->grp[who];
		}
		if (ag_popcount(unit_mask[id]) >= 2)
			presence_unit(x, s, cases ? (long long)id : 0,
				      cases ? 0 : (long long)id, unit_mask[id],
				      by_code);
	}
	sqlite3_finalize(st);
	free(by_code);
	return fw_rows_ok(x->p, err);
}

static int cases_finish(agx *x, fw_error *err)
{
	sstate *s = x->unit;
	size_t ncase = (size_t)fw_query_int(
			       x->p, 0, "SELECT max(id) FROM \"case\"", "") +
		       1;
	uint64_t *mask = fw_xcalloc(ncase, sizeof *mask);
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, err,
			  "SELECT case_id, source_id FROM case_source", "");
	while (!rc && fw_row(x->p, st)) {
		long long c = sqlite3_column_int64(st, 0);
		long long src = sqlite3_column_int64(st, 1);
		int asked = !x->ncases;
		for (size_t i = 0; i < x->ncases && !asked; i++)
			asked = x->cases[i] == c;
		if (asked && c > 0 && (size_t)c < ncase && src > 0 &&
		    (size_t)src < x->nsrc && x->want[src])
			mask[c] |= ag_present(x, src);
	}
	if (!rc) {
		sqlite3_finalize(st);
		rc = fw_rows_ok(x->p, err);
	}
	if (!rc)
		rc = fw_query(&st, x->p, err,
			      "SELECT x.case_id, g.code_id, " AG_OWNER
			      ", g.source_id FROM coding_case x JOIN coding g "
			      "ON g.id = x.coding_id WHERE g.status = "
			      "'confirmed' ORDER BY 1",
			      "");
	if (!rc)
		rc = presence_read(x, st, 1, mask, ncase, err);
	if (!rc)
		code_rows(x, s->t, &s->all, 2, "all cases");
	free(mask);
	sstate_free(x, s);
	return rc;
}

static int sources_finish(agx *x, fw_error *err)
{
	sstate *s = x->unit;
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, err,
			  "SELECT g.source_id, g.code_id, " AG_OWNER
			  ", g.source_id FROM coding g WHERE g.status = "
			  "'confirmed' ORDER BY 1",
			  "");
	if (!rc)
		rc = presence_read(x, st, 0, x->mask, x->nsrc, err);
	if (!rc)
		code_rows(x, s->t, &s->all, 2, "all sources");
	sstate_free(x, s);
	return rc;
}

static int no_spans(agx *x)
{
	(void)x;
	return 0;
}

const ag_unit ag_cases = {segments_start, no_spans, cases_finish, 0};
const ag_unit ag_sources = {segments_start, no_spans, sources_finish, 0};
