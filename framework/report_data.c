/*
 * report_data.c: everything a report is written from, read in one pass:
 * the cases with their attributes, the themes and sub-themes, and for each
 * case and sub-theme how many codings it has and the researcher's summary.
 * Quotes are read on demand for the cells a report shows (fw_rdata_starred,
 * fw_rdata_passages, fw_rdata_quote).
 *
 * Codings to deeper codes (8.1.2) count for their sub-theme (8.1); codings
 * to a main theme itself count as data on the theme but on no sub-theme.
 * Drafts (`chart summarise` output not yet accepted) are left out: a
 * report states what a researcher wrote.  Pending suggestions are counted
 * apart (what the report would otherwise rest on), and the analytic memos
 * a report's chapters, sections and conclusions are written from are read
 * with the rest.
 */
#include "fw/report_data.h"
#include "natcmp.h"
#include "chart.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "idmap.h"
#include "fw/project.h"

#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void qstmts_free(void *v);

static int code_cmp_number(const char *num, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(num, prefix, n) && (num[n] == 0 || num[n] == '.');
}

static void load_cases(fw_project *p, const char *attr, fw_rdata *d,
		       fw_error *err)
{
	fw_chart_case *cc;
	size_t n;
	if (fw_chart_cases(&cc, &n, p, attr, NULL, 0, err))
		return;
	d->cases = fw_xcalloc(n ? n : 1, sizeof *d->cases);
	d->ncases = n;
	for (size_t i = 0; i < n; i++) {
		fw_rcase *c = &d->cases[i];
		c->id = cc[i].id;
		c->name = fw_xstrdup(cc[i].name);
		c->group = cc[i].group ? fw_xstrdup(cc[i].group) : NULL;
		c->is_group = cc[i].is_group;
		c->participants = 1;
		c->sort = cc[i].sort;
	}
	fw_chart_cases_free(cc, n, 0);
}

/* A case's place in chart order, -1 if it is not in the report. */
static long case_index(const fw_rdata *d, long long id)
{
	return fw_idmap_get(d->index, id, -1);
}

static long code_index(const fw_rdata *d, long long id)
{
	for (size_t i = 0; i < d->ncodes; i++)
		if (d->codes[i].id == id)
			return (long)i;
	return -1;
}

/* Runs sql (its first column a case id) and hands each row of a case in
 * the report to fn with the case's index. */
static int each_case_row(fw_rdata *d, fw_project *p, const char *sql,
			 void (*fn)(fw_rdata *d, size_t ci, sqlite3_stmt *st),
			 fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st, sql, err);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		long ci = case_index(d, sqlite3_column_int64(st, 0));
		if (ci >= 0)
			fn(d, (size_t)ci, st);
	}
	sqlite3_finalize(st);
	return 0;
}

/* A case's attribute; a `participants` value sets its size. */
static void on_attribute(fw_rdata *d, size_t ci, sqlite3_stmt *st)
{
	fw_rcase *c = &d->cases[ci];
	const char *k = (const char *)sqlite3_column_text(st, 1);
	const char *v = (const char *)sqlite3_column_text(st, 2);
	c->keys = fw_xrealloc(c->keys, (c->nattrs + 1) * sizeof *c->keys);
	c->vals = fw_xrealloc(c->vals, (c->nattrs + 1) * sizeof *c->vals);
	c->keys[c->nattrs] = fw_xstrdup(k);
	c->vals[c->nattrs] = fw_xstrdup(v ? v : "");
	c->nattrs++;
	if (!strcmp(k, "participants") && v && atoi(v) > 0)
		c->participants = atoi(v);
}

/* A group discussion with no `participants` value counts its speakers. */
static void on_speakers(fw_rdata *d, size_t ci, sqlite3_stmt *st)
{
	if (d->cases[ci].is_group &&
	    !fw_rcase_attr(&d->cases[ci], "participants"))
		d->cases[ci].participants = sqlite3_column_int(st, 1);
}

/* A source of the case, the first kept for links to its transcript. */
static void on_source(fw_rdata *d, size_t ci, sqlite3_stmt *st)
{
	if (!d->cases[ci].source)
		d->cases[ci].source =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
}

/* The speakers' labels (names, often), kept for redaction. */
static int load_labels(fw_rdata *d, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st,
			    "SELECT DISTINCT label FROM speaker WHERE "
			    "role<>'interviewer' ORDER BY label",
			    err);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		d->speakers = fw_xpush(d->speakers, d->nspeakers,
				       sizeof *d->speakers);
		d->speakers[d->nspeakers++] =
			fw_xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return 0;
}

/* The cases' attributes, sizes, labels and sources. */
static int load_case_data(fw_rdata *d, fw_project *p, fw_error *err)
{
	int rc;
	if ((rc = each_case_row(d, p,
				"SELECT v.case_id, a.name, v.value FROM "
				"case_value v JOIN attribute a ON "
				"a.id=v.attribute_id ORDER BY v.case_id, "
				"a.sort, a.id",
				on_attribute, err)) ||
	    (rc = each_case_row(d, p,
				"SELECT k.case_id, count(DISTINCT k.label) "
				"FROM speaker k WHERE k.role<>'interviewer' "
				"AND k.case_id IS NOT NULL GROUP BY 1",
				on_speakers, err)) ||
	    (rc = load_labels(d, p, err)))
		return rc;
	return each_case_row(d, p,
			     "SELECT x.case_id, s.name FROM case_source x JOIN "
			     "source s ON s.id=x.source_id ORDER BY "
			     "x.by_speaker, s.id",
			     on_source, err);
}

/* Themes and sub-themes in codebook order. */
static int load_codes(fw_rdata *d, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st,
			    "SELECT id, number, name FROM code WHERE depth=1 "
			    "ORDER BY sort, id",
			    err);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		d->themes = fw_xpush(d->themes, d->nthemes, sizeof *d->themes);
		fw_rtheme *t = &d->themes[d->nthemes++];
		fw_columns(st, "itt", &t->id, &t->number, &t->name);
	}
	sqlite3_finalize(st);
	if ((rc = fw_prepare(p, &st,
			     "SELECT id, number, name FROM code WHERE "
			     "parent_id=? ORDER BY sort, id",
			     err)))
		return rc;
	for (size_t t = 0; t < d->nthemes; t++) {
		d->themes[t].first = d->ncodes;
		fw_rebind(st, "i", (long long)d->themes[t].id);
		while (fw_row(p, st)) {
			d->codes =
				fw_xpush(d->codes, d->ncodes, sizeof *d->codes);
			fw_rcode *k = &d->codes[d->ncodes++];
			fw_columns(st, "itt", &k->id, &k->number, &k->name);
			k->theme = t;
		}
		d->themes[t].n = d->ncodes - d->themes[t].first;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Every code id to its sub-theme's index, or -1 - theme for a main theme;
 * codes below neither are left out. */
static int load_kmap(fw_idmap *m, const fw_rdata *d, fw_project *p,
		     fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st, "SELECT id, number FROM code", err);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		const char *num = (const char *)sqlite3_column_text(st, 1);
		long to = LONG_MIN;
		for (size_t k = 0; k < d->ncodes && to == LONG_MIN; k++)
			if (code_cmp_number(num, d->codes[k].number))
				to = (long)k;
		for (size_t t = 0; t < d->nthemes && to == LONG_MIN; t++)
			if (!strcmp(num, d->themes[t].number))
				to = -1 - (long)t;
		if (to != LONG_MIN)
			fw_idmap_add(m, sqlite3_column_int64(st, 0), to);
	}
	sqlite3_finalize(st);
	fw_idmap_sort(m);
	return 0;
}

/* How many codings each case has per sub-theme, and which themes it has
 * data on; or (pending) how many suggestions await review. */
static int load_counts(fw_rdata *d, fw_project *p, int pending, fw_error *err)
{
	fw_idmap m = {0};
	sqlite3_stmt *st = NULL;
	int rc;
	const char *sql =
		pending ? "SELECT x.case_id, g.code_id, count(*) FROM visible g "
			  "JOIN case_source x ON x.source_id = g.source_id AND "
			  "x.by_speaker = 0 WHERE g.status = 'suggested' GROUP "
			  "BY 1, 2 UNION ALL SELECT x.case_id, g.code_id, "
			  "count(DISTINCT g.id) FROM case_source x CROSS JOIN "
			  "visible g ON g.source_id = x.source_id " FW_SQL_SPEAKER_CASE
			  "WHERE x.by_speaker = 1 AND g.status = 'suggested' "
			  "GROUP BY 1, 2"
			: "SELECT x.case_id, g.code_id, count(*) FROM counted g "
			  "JOIN counted_case x ON x.coding_id=g.id GROUP BY 1, 2";
	if ((rc = load_kmap(&m, d, p, err)) ||
	    (rc = fw_prepare(p, &st, sql, err)))
		goto out;
	while (fw_row(p, st)) {
		long ci = case_index(d, sqlite3_column_int64(st, 0));
		long to =
			fw_idmap_get(&m, sqlite3_column_int64(st, 1), LONG_MIN);
		if (ci < 0 || to == LONG_MIN)
			continue;
		fw_rcell *cell =
			to >= 0 ? &d->cells[(size_t)ci * d->ncodes + (size_t)to]
				: NULL;
		if (pending) {
			if (cell)
				cell->pending += sqlite3_column_int(st, 2);
			continue;
		}
		if (cell)
			cell->codings += sqlite3_column_int(st, 2);
		d->theme_data[(size_t)ci * d->nthemes +
			      (cell ? d->codes[to].theme : (size_t)(-1 - to))] =
			1;
	}
out:
	sqlite3_finalize(st);
	fw_idmap_dispose(&m);
	return rc;
}

/* The analytic memos on the project, on an actor group, or on a theme or
 * sub-theme within one. */
static int load_memos(fw_rdata *d, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(
		p, &st,
		"SELECT m.target, m.grp, k.number, m.title, m.text FROM memo m "
		"LEFT JOIN code k ON k.id = m.code_id WHERE m.kind = "
		"'analytic' AND (m.target IN ('project', 'group') OR (m.target "
		"= 'theme' AND k.id IS NOT NULL)) ORDER BY m.id",
		err);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		const char *target = (const char *)sqlite3_column_text(st, 0);
		const char *num = (const char *)sqlite3_column_text(st, 2);
		fw_rmemo m = {.what = *target == 'p' ? 'P' : 'G'};
		if (!strcmp(target, "theme")) {
			m.what = 0;
			for (size_t t = 0; t < d->nthemes && !m.what; t++)
				if (!strcmp(d->themes[t].number, num))
					m.what = 'T', m.index = t;
			for (size_t k = 0; k < d->ncodes && !m.what; k++)
				if (!strcmp(d->codes[k].number, num))
					m.what = 'S', m.index = k;
			if (!m.what) /* deeper than a sub-theme */
				continue;
		}
		d->memos = fw_xpush(d->memos, d->nmemos, sizeof *d->memos);
		fw_columns(st, "-t-tt", &m.group, &m.title, &m.text);
		d->memos[d->nmemos++] = m;
	}
	sqlite3_finalize(st);
	return 0;
}

/* The researchers' summaries; drafts are counted, not kept. */
static void on_summary(fw_rdata *d, size_t ci, sqlite3_stmt *st)
{
	long ki = code_index(d, sqlite3_column_int64(st, 1));
	if (ki < 0)
		return;
	fw_rcell *cell = &d->cells[ci * d->ncodes + (size_t)ki];
	if (sqlite3_column_int(st, 4)) {
		d->drafts++;
		cell->draft = 1;
		return;
	}
	cell->summary = fw_xstrdup((const char *)sqlite3_column_text(st, 2));
	const char *a = (const char *)sqlite3_column_text(st, 3);
	cell->agreement = a && *a ? fw_xstrdup(a) : NULL;
	d->theme_data[ci * d->nthemes + d->codes[ki].theme] = 1;
}

static int load_summaries(fw_rdata *d, fw_project *p, fw_error *err)
{
	return each_case_row(d, p,
			     "SELECT case_id, code_id, summary, agreement, "
			     "draft FROM charted WHERE summary<>''",
			     on_summary, err);
}

int fw_rdata_load(fw_rdata **out, fw_project *p, const char *attr,
		  fw_error *err)
{
	*out = NULL;
	fw_rdata *d = fw_xcalloc(1, sizeof *d);
	fw_error_clear(err);
	load_cases(p, attr, d, err);
	int rc = err->code;
	if (rc)
		goto fail;
	fw_idmap *ix = fw_xcalloc(1, sizeof *ix);
	for (size_t i = 0; i < d->ncases; i++)
		fw_idmap_add(ix, d->cases[i].id, (long)i);
	fw_idmap_sort(ix);
	d->index = ix;
	if ((rc = load_case_data(d, p, err)) || (rc = load_codes(d, p, err)))
		goto fail;
	size_t nc = d->ncases ? d->ncases : 1;
	d->cells =
		fw_xcalloc(nc * (d->ncodes ? d->ncodes : 1), sizeof *d->cells);
	d->theme_data = fw_xcalloc(nc * (d->nthemes ? d->nthemes : 1), 1);
	if ((rc = load_counts(d, p, 0, err)) ||
	    (rc = load_counts(d, p, 1, err)) ||
	    (rc = load_summaries(d, p, err)) || (rc = load_memos(d, p, err)) ||
	    (rc = fw_rows_ok(p, err)))
		goto fail;
	char *title = NULL;
	fw_setting_get(&title, p, "codebook_title", NULL);
	d->title = title;
	*out = d;
	return 0;
fail:
	fw_rdata_free(d);
	return rc;
}

void fw_rdata_free(fw_rdata *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->ncases; i++) {
		fw_rcase *c = &d->cases[i];
		free(c->name);
		free(c->group);
		free(c->source);
		for (size_t a = 0; a < c->nattrs; a++) {
			free(c->keys[a]);
			free(c->vals[a]);
		}
		free(c->keys);
		free(c->vals);
		for (size_t k = 0; k < d->ncodes && d->cells; k++) {
			free(d->cells[i * d->ncodes + k].summary);
			free(d->cells[i * d->ncodes + k].agreement);
		}
	}
	FW_FREE_FIELDS(d->themes, d->nthemes, fw_rtheme,
		       offsetof(fw_rtheme, number), offsetof(fw_rtheme, name));
	FW_FREE_FIELDS(d->codes, d->ncodes, fw_rcode,
		       offsetof(fw_rcode, number), offsetof(fw_rcode, name));
	free(d->cases);
	free(d->cells);
	free(d->theme_data);
	free(d->title);
	qstmts_free(d->stmts);
	if (d->index)
		fw_idmap_dispose(d->index);
	free(d->index);
	fw_strv_free(d->speakers, d->nspeakers);
	for (size_t i = 0; i < d->nmemos; i++) {
		free(d->memos[i].group);
		free(d->memos[i].title);
		free(d->memos[i].text);
	}
	free(d->memos);
	free(d);
}

const char *fw_rcase_attr(const fw_rcase *c, const char *name)
{
	for (size_t a = 0; a < c->nattrs; a++)
		if (!strcmp(c->keys[a], name))
			return c->vals[a];
	return NULL;
}

/* ---- quotes -------------------------------------------------------------- */

static int words_in(const char *s)
{
	int n = 0, in = 0;
	for (; *s; s++) {
		int w = !isspace((unsigned char)*s);
		n += w && !in;
		in = w;
	}
	return n;
}

/* The respondents' words on lines [ls, le] of a source: the turns there
 * that are not the interviewer's, without their speaker labels. */
static char *turn_text(fw_project *p, sqlite3_stmt *ut, long long sid, int ls,
		       int le, int *first_line)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_rebind(ut, "inn", (long long)sid, (int)le, (int)ls);
	*first_line = 0;
	while (fw_row(p, ut)) {
		const char *t = (const char *)sqlite3_column_text(ut, 0);
		if (!*first_line)
			*first_line = sqlite3_column_int(ut, 1);
		if (b.len)
			fw_buf_putc(&b, ' ');
		fw_buf_put_collapsed(&b, t, strlen(t));
	}
	return fw_buf_detach(&b);
}

typedef struct qstmts {
	sqlite3_stmt *refs, *ut, *cod, *src;
} qstmts;

static void qstmts_free(void *v)
{
	qstmts *q = v;
	if (!q)
		return;
	sqlite3_finalize(q->refs);
	sqlite3_finalize(q->ut);
	sqlite3_finalize(q->cod);
	sqlite3_finalize(q->src);
	free(q);
}

static int stmts(fw_project *p, fw_rdata *d, qstmts **out, fw_error *err)
{
	if (d->stmts) {
		*out = d->stmts;
		return 0;
	}
	qstmts *q = fw_xcalloc(1, sizeof *q);
	int rc = FW_PREPARE_ALL(
		p, err,
		{&q->refs, "SELECT r.source_id, r.line_start, r.line_end FROM "
			   "cell_ref r JOIN cell l ON l.id=r.cell_id WHERE "
			   "l.case_id=? AND l.code_id=? AND r.quote=1 AND "
			   "l.draft=0 ORDER BY r.id"},
		{&q->ut, "SELECT substr(s.text, u.start+1, u.\"end\"-u.start), "
			 "u.line_start FROM utterance u JOIN source s ON "
			 "s.id=u.source_id LEFT JOIN speaker k ON "
			 "k.id=u.speaker_id WHERE u.source_id=?1 AND "
			 "u.line_start<=?2 AND u.line_end>=?3 AND "
			 "coalesce(k.role,'')<>'interviewer' ORDER BY u.seq"},
		{&q->cod, /* the sub-theme's codings first (coding_code),
			   * then each one's case by its source
			   * (case_source_source: '+' keeps SQLite off the
			   * by_speaker index); participants' links apart */
		 "SELECT x.case_id, g.source_id, g.line_start, "
		 "g.line_end, (SELECT u.\"end\"-u.start FROM utterance u WHERE "
		 "u.source_id=g.source_id AND u.start<=g.start ORDER "
		 "BY u.start DESC LIMIT 1) FROM code k CROSS JOIN "
		 "counted g ON g.code_id=k.id CROSS JOIN case_source x "
		 "ON x.source_id=g.source_id AND +x.by_speaker=0 WHERE "
		 "k.id=?1 OR k.number LIKE ?2 UNION ALL SELECT DISTINCT "
		 "sp.case_id, g.source_id, g.line_start, g.line_end, "
		 "(SELECT u.\"end\"-u.start FROM utterance u WHERE "
		 "u.source_id=g.source_id AND u.start<=g.start ORDER "
		 "BY u.start DESC LIMIT 1) FROM case_source x CROSS JOIN "
		 "counted g ON g.source_id=x.source_id JOIN code k ON "
		 "k.id=g.code_id" FW_SQL_SPEAKER_CASE "WHERE "
		 "x.by_speaker=1 AND (k.id=?1 OR k.number LIKE ?2)"},
		{&q->src, "SELECT name FROM source WHERE id=?"});
	if (rc) {
		qstmts_free(q);
		return rc;
	}
	d->stmts = *out = q;
	return 0;
}

static int fill(fw_project *p, fw_rdata *d, long long sid, int ls, int le,
		int starred, fw_rquote *out, fw_error *err)
{
	qstmts *q;
	int rc = stmts(p, d, &q, err);
	if (rc)
		return rc;
	int line;
	out->text = turn_text(p, q->ut, sid, ls, le, &line);
	fw_rebind(q->src, "i", (long long)sid);
	out->source = fw_xstrdup(
		fw_row(p, q->src) ? (const char *)sqlite3_column_text(q->src, 0)
				  : "");
	sqlite3_reset(q->src);
	out->line = line ? line : ls;
	out->starred = starred;
	out->words = words_in(out->text);
	return 0;
}

int fw_rdata_starred(fw_rquote **out, size_t *n, fw_project *p, fw_rdata *d,
		     size_t ci, size_t ki, fw_error *err)
{
	*out = NULL;
	*n = 0;
	qstmts *q;
	int rc = stmts(p, d, &q, err);
	if (rc)
		return rc;
	fw_rebind(q->refs, "ii", (long long)d->cases[ci].id,
		  (long long)d->codes[ki].id);
	fw_rquote *v = NULL;
	size_t nv = 0;
	/* collect first: fill() uses other statements */
	long long(*r)[3] = NULL;
	size_t nr = 0;
	while (fw_row(p, q->refs)) {
		r = fw_xrealloc(r, (nr + 1) * sizeof *r);
		r[nr][0] = sqlite3_column_int64(q->refs, 0);
		r[nr][1] = sqlite3_column_int(q->refs, 1);
		r[nr][2] = sqlite3_column_int(q->refs, 2);
		nr++;
	}
	sqlite3_reset(q->refs);
	for (size_t i = 0; i < nr && !rc; i++) {
		fw_rquote x;
		if ((rc = fill(p, d, r[i][0], (int)r[i][1], (int)r[i][2], 1, &x,
			       err)))
			break;
		int dup = !*x.text;
		for (size_t k = 0; k < nv && !dup; k++)
			dup = !strcmp(v[k].text, x.text);
		if (dup) {
			free(x.text);
			free(x.source);
			continue;
		}
		v = fw_xrealloc(v, (nv + 1) * sizeof *v);
		v[nv++] = x;
	}
	free(r);
	if (rc) {
		fw_rquotes_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return fw_rows_ok(p, err);
}

/* How far a turn's length is from a quote's (about 45 words): a turn of
 * a few words says little, a long one is cut. */
#define QUOTE_CHARS 250
static long from_quote(const fw_rpassage *x)
{
	long d = (long)x->chars - QUOTE_CHARS;
	return d < 0 ? -d : d;
}

static int passage_cmp(const void *a, const void *b)
{
	const fw_rpassage *x = a, *y = b;
	return fw_cmp_then(fw_cmp_then(FW_CMP(from_quote(x), from_quote(y)),
				       FW_CMP_BY(x, y, ci)),
			   fw_cmp_then(FW_CMP_BY(x, y, source_id),
				       FW_CMP_BY(x, y, line_start)));
}

int fw_rdata_passages(fw_rpassage **out, size_t *n, fw_project *p, fw_rdata *d,
		      size_t ki, fw_error *err)
{
	*out = NULL;
	*n = 0;
	qstmts *q;
	int rc = stmts(p, d, &q, err);
	if (rc)
		return rc;
	char like[80];
	snprintf(like, sizeof like, "%s.%%", d->codes[ki].number);
	fw_rebind(q->cod, "it", (long long)d->codes[ki].id, like);
	fw_rpassage *v = NULL;
	size_t nv = 0, cap = 0;
	while (fw_row(p, q->cod)) {
		long ci = case_index(d, sqlite3_column_int64(q->cod, 0));
		if (ci < 0)
			continue;
		if (nv == cap) {
			cap = cap ? cap * 2 : 64;
			v = fw_xrealloc(v, cap * sizeof *v);
		}
		v[nv].ci = (size_t)ci;
		v[nv].source_id = sqlite3_column_int64(q->cod, 1);
		v[nv].line_start = sqlite3_column_int(q->cod, 2);
		v[nv].line_end = sqlite3_column_int(q->cod, 3);
		v[nv].chars = sqlite3_column_int64(q->cod, 4);
		nv++;
	}
	sqlite3_reset(q->cod);
	if (nv)
		qsort(v, nv, sizeof *v, passage_cmp);
	*out = v;
	*n = nv;
	return fw_rows_ok(p, err);
}

int fw_rdata_quote(fw_rquote *out, fw_project *p, fw_rdata *d,
		   const fw_rpassage *x, fw_error *err)
{
	return fill(p, d, x->source_id, x->line_start, x->line_end, 0, out,
		    err);
}

void fw_rquotes_free(fw_rquote *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].text);
		free(q[i].source);
	}
	free(q);
}
