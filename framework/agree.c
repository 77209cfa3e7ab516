/*
 * agree.c: inter-coder agreement on a project.  The coders (or groups of
 * coders) are resolved; a first pass over the confirmed codings finds
 * which groups coded in each source and which codes they used; then the
 * unit (agree_units.c) reads what it needs, a source or a case at a time,
 * and tallies the values every group gave.  The rows come from the
 * tallies.
 */
#include "agree.h"

#include "fw/codebook.h"
#include "fw/lineref.h"
#include "lines.h"
#include "natcmp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tallies ------------------------------------------------------------- */

void ag_tally_init(ag_tally *t)
{
	memset(t, 0, sizeof *t);
	fw_alpha_init(&t->al);
}

void ag_tally_dispose(ag_tally *t)
{
	fw_alpha_dispose(&t->al);
	free(t->marg);
	memset(t, 0, sizeof *t);
}

void ag_tally_unit(ag_tally *t, const int *vals, size_t ng, double w)
{
	size_t present = 0;
	int same = 1, first = -1, top = -1;
	for (size_t g = 0; g < ng; g++) {
		if (vals[g] < 0)
			continue;
		present++;
		if (first < 0)
			first = vals[g];
		else if (vals[g] != first)
			same = 0;
		if (vals[g] > top)
			top = vals[g];
	}
	if (present < 2 || w <= 0)
		return;
	fw_alpha_unit(&t->al, vals, ng, w);
	t->units += w;
	t->agree += same ? w : 0;
	if (ng != 2)
		return;
	/* the two groups' marginals per category, for Cohen's chance */
	if ((size_t)top + 1 > t->ncat) {
		size_t cap = t->ncat ? t->ncat : 4;
		while (cap < (size_t)top + 1)
			cap *= 2;
		t->marg = fw_xrealloc(t->marg, 2 * cap * sizeof *t->marg);
		memset(t->marg + 2 * t->ncat, 0,
		       2 * (cap - t->ncat) * sizeof *t->marg);
		t->ncat = cap;
	}
	t->marg[2 * vals[0]] += w;
	t->marg[2 * vals[1] + 1] += w;
	if (vals[0] && vals[1])
		t->a += w;
	else if (vals[0])
		t->b += w;
	else if (vals[1])
		t->c += w;
	else
		t->d += w;
}

void ag_tally_stat(fw_agree_stat *s, const ag_tally *t, size_t ng, int q)
{
	memset(s, 0, sizeof *s);
	s->n = t->units;
	s->q = q;
	s->po = t->units > 0 ? t->agree / t->units : NAN;
	s->alpha = fw_alpha_value(&t->al);
	s->kappa = s->bp = NAN;
	if (ng != 2 || t->units <= 0)
		return;
	double pe = 0;
	for (size_t c = 0; c < t->ncat; c++)
		pe += t->marg[2 * c] * t->marg[2 * c + 1];
	pe /= t->units * t->units;
	s->kappa = pe >= 1.0 ? 1.0 : (s->po - pe) / (1.0 - pe);
	s->bp = fw_agree_bp(s->po, q);
}

/* ---- the coders, codes and sources compared ------------------------------ */

static long long max_id(fw_project *p, const char *table)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT max(id) FROM \"%s\"", table);
	return fw_query_int(p, 0, sql, "");
}

/* An array of n ints by id, each -1. */
static int *by_id(size_t n)
{
	int *v = fw_xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = -1;
	return v;
}

/* Each argument is a coder or a group "a,b", its members' ids mapped to
 * the group's place. */
static int resolve_coders(agx *x, fw_error *err)
{
	const fw_agree_opts *o = x->o;
	if (o->ncoders < 2)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "agreement needs two coders (or two "
				    "groups of coders, written a,b)");
	if (o->ncoders > FW_AGREE_MAX_CODERS)
		return fw_error_set(err, FW_ELIMIT, NULL, 0,
				    "at most %d coders or groups can be "
				    "compared",
				    FW_AGREE_MAX_CODERS);
	x->ngrp = (size_t)max_id(x->p, "coder") + 1;
	x->grp = by_id(x->ngrp);
	fw_buf all;
	fw_buf_init(&all);
	int rc = 0;
	for (size_t g = 0; g < o->ncoders && !rc; g++) {
		char *list = fw_xstrdup(o->coders[g]), *save = NULL;
		int members = 0;
		for (char *name = strtok_r(list, ",", &save); name && !rc;
		     name = strtok_r(NULL, ",", &save)) {
			long long id = fw_lookup_id(x->p, FW_Q_CODER_ID, name);
			if (id <= 0 || (size_t)id >= x->ngrp)
				rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
						  "no coder '%s' (charter "
						  "coders lists them)",
						  name);
			else if (x->grp[id] >= 0)
				rc = fw_error_set(err, FW_EINVAL, NULL, 0,
						  "coder '%s' is named twice",
						  name);
			else
				x->grp[id] = (int)g, members++;
		}
		free(list);
		if (!rc && !members)
			rc = fw_error_set(err, FW_EINVAL, NULL, 0,
					  "a coder's name is empty");
		fw_buf_printf(&all, "%s%s", g ? " | " : "", o->coders[g]);
	}
	x->ng = o->ncoders;
	x->coders = fw_buf_detach(&all);
	return rc;
}

/* The sources asked for (by name, or as a case's), each marked. */
static int resolve_sources(agx *x, fw_error *err)
{
	const fw_agree_opts *o = x->o;
	x->nsrc = (size_t)max_id(x->p, "source") + 1;
	x->want = fw_xcalloc(x->nsrc, 1);
	x->mask = fw_xcalloc(x->nsrc, sizeof *x->mask);
	int all = !o->nsources && !o->ncases;
	for (size_t i = 0; i < x->nsrc; i++)
		x->want[i] = (unsigned char)all;
	for (size_t i = 0; i < o->nsources; i++) {
		long long id;
		int rc = fw_find_id(&id, x->p, FW_Q_SOURCE_ID, o->sources[i],
				    "source", err);
		if (rc)
			return rc;
		if ((size_t)id < x->nsrc)
			x->want[id] = 1;
	}
	x->cases = fw_xcalloc(o->ncases + 1, sizeof *x->cases);
	for (size_t i = 0; i < o->ncases; i++) {
		long long id;
		int rc = fw_find_id(&id, x->p, FW_Q_CASE_ID, o->cases[i],
				    "case", err);
		if (rc)
			return rc;
		x->cases[x->ncases++] = id;
		sqlite3_stmt *st;
		if ((rc = fw_query(&st, x->p, err,
				   "SELECT source_id FROM case_source WHERE "
				   "case_id = ?1",
				   "i", id)))
			return rc;
		while (fw_row(x->p, st)) {
			long long s = sqlite3_column_int64(st, 0);
			if (s > 0 && (size_t)s < x->nsrc)
				x->want[s] = 1;
		}
		sqlite3_finalize(st);
	}
	return fw_rows_ok(x->p, err);
}

/* A source is compared when two groups coded in it (for two groups:
 * both). */
static int compared(const agx *x, long long src)
{
	return ag_popcount(ag_present(x, src)) >= 2;
}

/* The codes compared: those named (a theme with its sub-themes), else
 * every code a group used in a compared source; in codebook order. */
static int resolve_codes(agx *x, const unsigned char *used, fw_error *err)
{
	const fw_agree_opts *o = x->o;
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, err,
			  "SELECT id, number FROM code ORDER BY sort, id", "");
	if (rc)
		return rc;
	unsigned char *named = fw_xcalloc(x->ncix, 1);
	for (size_t i = 0; i < o->ncodes && !rc; i++) {
		long long id;
		if ((rc = fw_code_find(&id, x->p, o->codes[i], err)))
			break;
		sqlite3_stmt *sub;
		if ((rc = fw_query(&sub, x->p, err,
				   "SELECT id FROM code WHERE number LIKE "
				   "(SELECT number FROM code WHERE id = ?1) || "
				   "'.%' OR (id = ?1 AND NOT EXISTS (SELECT 1 "
				   "FROM code WHERE parent_id = ?1))",
				   "i", id)))
			break;
		while (fw_row(x->p, sub)) {
			long long c = sqlite3_column_int64(sub, 0);
			if (c > 0 && (size_t)c < x->ncix)
				named[c] = 1;
		}
		sqlite3_finalize(sub);
	}
	size_t cap = 0;
	while (!rc && fw_row(x->p, st)) {
		long long id = sqlite3_column_int64(st, 0);
		if (id <= 0 || (size_t)id >= x->ncix ||
		    !(o->ncodes ? named[id] : used[id]))
			continue;
		x->cid = fw_xgrow(x->cid, &cap, x->nc + 1, sizeof *x->cid, 16);
		x->cnum = fw_xrealloc(x->cnum, cap * sizeof *x->cnum);
		x->cid[x->nc] = id;
		x->cnum[x->nc] =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		x->cix[id] = (int)x->nc++;
	}
	sqlite3_finalize(st);
	free(named);
	return rc ? rc : fw_rows_ok(x->p, err);
}

/* First pass: which groups coded in each source asked for, and which
 * codes they used where two or more coded. */
static int first_pass(agx *x, fw_error *err)
{
	x->ncix = (size_t)max_id(x->p, "code") + 1;
	x->cix = by_id(x->ncix);
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, err,
			  "SELECT g.source_id, g.code_id, " AG_OWNER
			  " FROM coding g WHERE g.status = 'confirmed' "
			  "GROUP BY 1, 2, 3",
			  "");
	if (rc)
		return rc;
	typedef struct use {
		long long src, code;
	} use;
	use *u = NULL;
	size_t n = 0, cap = 0;
	while (fw_row(x->p, st)) {
		long long src = sqlite3_column_int64(st, 0);
		long long code = sqlite3_column_int64(st, 1);
		long long who = sqlite3_column_int64(st, 2);
		if (src <= 0 || (size_t)src >= x->nsrc || !x->want[src] ||
		    who <= 0 || (size_t)who >= x->ngrp || x->grp[who] < 0)
			continue;
		x->mask[src] |= (uint64_t)1 << x->grp[who];
		u = fw_xgrow(u, &cap, n + 1, sizeof *u, 256);
		u[n++] = (use){src, code};
	}
	sqlite3_finalize(st);
	unsigned char *used = fw_xcalloc(x->ncix, 1);
	for (size_t i = 0; i < n; i++)
		if (compared(x, u[i].src) && u[i].code > 0 &&
		    (size_t)u[i].code < x->ncix)
			used[u[i].code] = 1;
	free(u);
	rc = fw_rows_ok(x->p, err);
	if (!rc)
		rc = resolve_codes(x, used, err);
	free(used);
	return rc;
}

/* ---- reading the spans, a source at a time ------------------------------- */

static int read_spans(agx *x, const ag_unit *u, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, err,
			  "SELECT g.source_id, g.code_id, " AG_OWNER
			  ", g.start, g.\"end\", s.chars FROM coding g "
			  "JOIN source s ON s.id = g.source_id WHERE "
			  "g.status = 'confirmed' ORDER BY g.source_id",
			  "");
	if (rc)
		return rc;
	x->src = 0;
	for (int more = 1; more && !rc;) {
		more = fw_row(x->p, st);
		long long src = more ? sqlite3_column_int64(st, 0) : -1;
		if (src != x->src && x->src > 0 && x->nseg)
			rc = u->source(x);
		if (src != x->src)
			x->nseg = 0, x->src = src;
		if (!more || !compared(x, src))
			continue;
		long long code = sqlite3_column_int64(st, 1);
		long long who = sqlite3_column_int64(st, 2);
		if (who <= 0 || (size_t)who >= x->ngrp || x->grp[who] < 0 ||
		    code <= 0 || (size_t)code >= x->ncix || x->cix[code] < 0)
			continue;
		x->seg = fw_xgrow(x->seg, &x->segcap, x->nseg + 1,
				  sizeof *x->seg, 256);
		x->seg[x->nseg++] = (ag_seg){
			.code = x->cix[code],
			.grp = x->grp[who],
			.s = (long)sqlite3_column_int64(st, 3),
			.e = (long)sqlite3_column_int64(st, 4),
		};
		x->chars = (long)sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(x->p, err);
}

/* ---- rows ---------------------------------------------------------------- */

static const char *const cols[] = {
	"unit",      "code",  "source", "n",  "a", "b",   "both",   "neither",
	"agreement", "kappa", "alpha",  "bp", "q", "low", "coders", "codebook"};
#define NCOLS (sizeof cols / sizeof cols[0])

static const char *const unit_names[] = {"characters", "segments", "cases",
					 "sources"};

static void num(char *buf, size_t n, double v, int places)
{
	if (isnan(v))
		buf[0] = 0;
	else
		snprintf(buf, n, "%.*f", places, v);
}

void ag_row(agx *x, const char *code, const char *where, const fw_agree_stat *s,
	    const ag_tally *t)
{
	char v[12][32], low[48] = "";
	int two = x->ng == 2;
	num(v[0], 32, s->n, 0);
	num(v[1], 32, two ? t->a + t->b : NAN, 0);
	num(v[2], 32, two ? t->a + t->c : NAN, 0);
	num(v[3], 32, two ? t->a : NAN, 0);
	num(v[4], 32, two ? t->d : NAN, 0);
	num(v[5], 32, s->po, 4);
	num(v[6], 32, s->kappa, 4);
	num(v[7], 32, s->alpha, 4);
	num(v[8], 32, s->bp, 4);
	snprintf(v[9], 32, "%d", s->q);
	const char *names[] = {"kappa", "alpha", "bp"};
	const double vals[] = {s->kappa, s->alpha, s->bp};
	for (int i = 0; i < 3; i++)
		if (!isnan(vals[i]) && vals[i] < FW_AGREE_LOW)
			snprintf(low + strlen(low), sizeof low - strlen(low),
				 "%s%s", low[0] ? "," : "", names[i]);
	const char *cells[NCOLS] = {unit_names[x->o->unit],
				    code,
				    where,
				    v[0],
				    v[1],
				    v[2],
				    v[3],
				    v[4],
				    v[5],
				    v[6],
				    v[7],
				    v[8],
				    two ? v[9] : NULL,
				    low,
				    x->coders,
				    x->version};
	for (size_t c = 0; c < NCOLS; c++)
		if (cells[c] && !cells[c][0] && c >= 3 && c <= 12)
			cells[c] = NULL;
	fw_table_add(x->t, FW_ROW_DATA, cells);
}

char *ag_codes(const agx *x, const int *list, size_t n)
{
	if (!n)
		return fw_xstrdup("-");
	fw_buf b;
	fw_buf_init(&b);
	for (size_t i = 0; i < n; i++)
		fw_buf_printf(&b, "%s%s", i ? ", " : "", x->cnum[list[i]]);
	return fw_buf_detach(&b);
}

void ag_disagree(agx *x, long long src, long long cas, long s, long e,
		 const char *code, const char *a, const char *b)
{
	x->dis = fw_xpush(x->dis, x->ndis, sizeof *x->dis);
	x->dis[x->ndis++] = (ag_dis){
		src, cas, s, e, fw_xstrdup(code), fw_xstrdup(a), fw_xstrdup(b)};
}

/* ---- the whole --------------------------------------------------------- */

static const ag_unit *units[] = {&ag_chars, &ag_segments, &ag_cases,
				 &ag_sources};

static void agx_dispose(agx *x)
{
	free(x->coders);
	free(x->grp);
	free(x->cix);
	free(x->cid);
	fw_strv_free(x->cnum, x->nc);
	free(x->mask);
	free(x->want);
	free(x->cases);
	free(x->seg);
	for (size_t i = 0; i < x->ndis; i++) {
		free(x->dis[i].code);
		free(x->dis[i].a);
		free(x->dis[i].b);
	}
	free(x->dis);
}

static int agree_run(agx *x, fw_project *p, const fw_agree_opts *o, int listing,
		     fw_error *err)
{
	memset(x, 0, sizeof *x);
	x->p = p;
	x->o = o;
	x->listing = listing;
	if (o->unit < FW_AGREE_CHARS || o->unit > FW_AGREE_SOURCES)
		return fw_error_set(err, FW_EINVAL, NULL, 0, "no such unit");
	if (o->unit == FW_AGREE_SEGMENTS &&
	    (o->threshold < 0 || o->threshold > 1))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the overlap threshold is between 0 and 1 "
				    "(intersection over union), not %g",
				    o->threshold);
	if (fw_project_blind_coder(p))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "coding blind as %s: agreement would show "
				    "every coder's codings (charter coder "
				    "reveal ends blind coding)",
				    fw_project_blind_coder(p));
	if (listing && o->ncoders != 2)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "disagreements are listed between two "
				    "coders (or two groups)");
	snprintf(
		x->version, sizeof x->version, "v%lld",
		fw_query_int(p, 0, "SELECT max(id) FROM framework_change", ""));
	int rc;
	if ((rc = resolve_coders(x, err)) || (rc = resolve_sources(x, err)) ||
	    (rc = first_pass(x, err)))
		return rc;
	const ag_unit *u = units[o->unit];
	x->t = fw_table_new_sink(listing ? NULL : o->sink, NCOLS, cols);
	for (size_t c = 3; c <= 12; c++)
		fw_table_numeric(x->t, c);
	u->start(x);
	if (u->spans)
		rc = read_spans(x, u, err);
	fw_error later;
	fw_error_clear(&later);
	int frc = u->finish(x, rc ? &later : err);
	return rc ? rc : frc;
}

int fw_agree(fw_table **out, fw_project *p, const fw_agree_opts *o,
	     fw_error *err)
{
	agx x;
	*out = NULL;
	int rc = agree_run(&x, p, o, 0, err);
	if (!rc)
		*out = x.t, x.t = NULL;
	fw_table_free(x.t);
	agx_dispose(&x);
	return rc;
}

/* ---- disagreements ------------------------------------------------------- */

static int dis_cmp(const void *pa, const void *pb)
{
	const ag_dis *a = pa, *b = pb;
	if (a->cas != b->cas)
		return a->cas < b->cas ? -1 : 1;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	if (a->e != b->e)
		return a->e < b->e ? -1 : 1;
	/* a whole case or source: a row per code */
	return a->s < 0 ? fw_natcmp(a->code, b->code) : 0;
}

/* Move a (code point, byte) cursor forward to code point cp. */
static void walk_to(const char *t, size_t len, long *cp, size_t *byte, long to)
{
	while (*cp < to && *byte < len) {
		(*byte)++;
		while (*byte < len && ((unsigned char)t[*byte] & 0xC0) == 0x80)
			(*byte)++;
		(*cp)++;
	}
}

typedef struct dis_src {
	long long id;
	char *name, *text;
	size_t len;
	fw_lines li;
	long cp;
	size_t byte;
} dis_src;

static void dis_src_load(fw_project *p, dis_src *d, long long id)
{
	free(d->name);
	free(d->text);
	if (d->li.start)
		fw_lines_dispose(&d->li);
	memset(d, 0, sizeof *d);
	d->id = id;
	sqlite3_stmt *st;
	if (!fw_query(&st, p, NULL, "SELECT name, text FROM source WHERE id=?1",
		      "i", id)) {
		if (fw_row(p, st)) {
			d->name = fw_xstrdup(
				(const char *)sqlite3_column_text(st, 0));
			d->len = (size_t)sqlite3_column_bytes(st, 1);
			d->text = fw_xstrndup(
				(const char *)sqlite3_column_text(st, 1),
				d->len);
		}
		sqlite3_finalize(st);
	}
	if (!d->name)
		d->name = fw_xstrdup("?"), d->text = fw_xstrdup("");
	fw_lines_build(&d->li, d->text, d->len);
}

/* The speaker of the turn at code point s, and the case it counts for. */
static void dis_turn(fw_project *p, sqlite3_stmt *turn, sqlite3_stmt *src_case,
		     long long src, long s, char **speaker, char **cas)
{
	*speaker = *cas = NULL;
	fw_rebind(turn, "ii", src, (long long)s);
	if (fw_row(p, turn))
		fw_columns(turn, "tt", speaker, cas);
	sqlite3_reset(turn);
	if (*cas)
		return;
	fw_rebind(src_case, "i", src);
	if (fw_row(p, src_case))
		fw_columns(src_case, "t", cas);
	sqlite3_reset(src_case);
}

static const char *const dis_cols[] = {
	"unit", "case", "source", "lines", "code", "a", "b", "speaker", "text"};

static int dis_table(fw_table **out, agx *x, fw_error *err)
{
	fw_project *p = x->p;
	sqlite3_stmt *turn = NULL, *src_case = NULL, *name = NULL;
	int rc = FW_PREPARE_ALL(
		p, err,
		{&turn, "SELECT sp.label, c.name FROM utterance u LEFT JOIN "
			"speaker sp ON sp.id = u.speaker_id LEFT JOIN \"case\" "
			"c ON c.id = sp.case_id WHERE u.source_id = ?1 AND "
			"u.start <= ?2 ORDER BY u.start DESC LIMIT 1"},
		{&src_case,
		 "SELECT group_concat(c.name, ', ') FROM case_source "
		 "x JOIN \"case\" c ON c.id = x.case_id WHERE "
		 "x.source_id = ?1 AND x.by_speaker = 0"},
		{&name, "SELECT name FROM \"case\" WHERE id = ?1"});
	if (x->ndis)
		qsort(x->dis, x->ndis, sizeof *x->dis, dis_cmp);
	fw_table *t = fw_table_new_sink(x->o->sink, 9, dis_cols);
	dis_src d;
	memset(&d, 0, sizeof d);
	for (size_t i = 0; !rc && i < x->ndis;) {
		ag_dis *v = &x->dis[i];
		fw_buf codes;
		fw_buf_init(&codes);
		size_t j = i;
		for (; j < x->ndis && !dis_cmp(&x->dis[j], v); j++)
			fw_buf_printf(&codes, "%s%s", j > i ? ", " : "",
				      x->dis[j].code);
		char *speaker = NULL, *cas = NULL, *text = NULL;
		char lines[48] = "";
		if (v->src && v->src != d.id)
			dis_src_load(p, &d, v->src);
		int blank = 0;
		if (v->s >= 0) {
			walk_to(d.text, d.len, &d.cp, &d.byte, v->s);
			size_t bs = d.byte, be = d.byte;
			long cp = d.cp, s0 = v->s;
			walk_to(d.text, d.len, &cp, &be, v->e);
			/* the words: white space at either end is no passage,
			 * and a run of white space alone no disagreement */
			while (bs < be && strchr(" \t\r\n", d.text[bs]))
				bs++, s0++;
			while (be > bs && strchr(" \t\r\n", d.text[be - 1]))
				be--;
			blank = bs == be;
			fw_lref_label(
				lines, sizeof lines, fw_lines_at(&d.li, bs),
				fw_lines_at(&d.li, be > bs ? be - 1 : bs));
			text = fw_xstrndup(d.text + bs, be - bs);
			if (!blank)
				dis_turn(p, turn, src_case, v->src, s0,
					 &speaker, &cas);
		} else if (v->cas) {
			fw_rebind(name, "i", v->cas);
			if (fw_row(p, name))
				fw_columns(name, "t", &cas);
			sqlite3_reset(name);
		}
		const char *cells[9] = {unit_names[x->o->unit],
					cas,
					v->src ? d.name : NULL,
					lines[0] ? lines : NULL,
					fw_buf_str(&codes),
					v->a,
					v->b,
					speaker,
					text};
		if (!blank)
			fw_table_add(t, FW_ROW_DATA, cells);
		free(speaker);
		free(cas);
		free(text);
		fw_buf_dispose(&codes);
		i = j;
	}
	free(d.name);
	free(d.text);
	if (d.li.start)
		fw_lines_dispose(&d.li);
	sqlite3_finalize(turn);
	sqlite3_finalize(src_case);
	sqlite3_finalize(name);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	return fw_table_done(out, t, p, err);
}

int fw_agree_disagreements(fw_table **out, fw_project *p,
			   const fw_agree_opts *o, fw_error *err)
{
	agx x;
	*out = NULL;
	int rc = agree_run(&x, p, o, 1, err);
	fw_table_free(x.t);
	x.t = NULL;
	if (!rc)
		rc = dis_table(out, &x, err);
	agx_dispose(&x);
	return rc;
}
