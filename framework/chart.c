/*
 * chart.c: Framework charts.  A chart is a view over one main theme: a row
 * per case, ordered by the grouping attribute (groups in the order the
 * classification sheet first shows them), then the --sort attributes, then
 * the case name; a column per sub-theme.  A cell shows its researcher-written
 * summary, or failing that the line references of the case's codings.
 */

#include "chart.h"
#include "fw/chart.h"
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "idmap.h"
#include "fw/codebook.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct ranked {
	fw_chart_case c;
	int grank;
} ranked;

/* qsort_r's comparison: arg points at the number of sort keys. */
static int ranked_cmp(const void *x, const void *y, void *arg)
{
	const ranked *a = x, *b = y;
	size_t nsort = *(const size_t *)arg;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	for (size_t i = 0; i < nsort; i++) {
		const char *u = a->c.keys[i], *v = b->c.keys[i];
		if (!u || !v) {
			if (u != v)
				return u ? -1 : 1;
			continue;
		}
		int c = fw_natcmp(u, v);
		if (c)
			return c;
	}
	return fw_natcmp(a->c.name, b->c.name);
}

int fw_chart_cases(fw_chart_case **out, size_t *n, fw_project *p,
		   const char *attr, const char *const *sort, size_t nsort,
		   fw_error *err)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < nsort; i++)
		if (!fw_attribute_id(p, sort[i], 0, NULL))
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to sort by",
					    sort[i]);
	sqlite3_stmt *st;
	int rc = fw_prepare(
		p, &st,
		/* a group ranks by its first case in the sheet: one window
		 * over the cases, not a search of every case per case */
		"SELECT c.id, c.name, v.value, c.is_group, c.sort, "
		"min(c.sort) OVER (PARTITION BY v.value) FROM \"case\" c "
		"LEFT JOIN case_value v ON v.case_id=c.id AND "
		"v.attribute_id=(SELECT id FROM attribute WHERE name=?)",
		err);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, attr, -1, SQLITE_TRANSIENT);
	ranked *r = NULL;
	size_t nr = 0, cap = 0;
	while (fw_row(p, st)) {
		if (nr == cap) {
			cap = cap ? cap * 2 : 64;
			r = fw_xrealloc(r, cap * sizeof *r);
		}
		ranked *x = &r[nr++];
		memset(x, 0, sizeof *x);
		x->c.id = sqlite3_column_int64(st, 0);
		x->c.name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		const char *g = (const char *)sqlite3_column_text(st, 2);
		x->c.group = g ? fw_xstrdup(g) : NULL;
		x->c.is_group = sqlite3_column_int(st, 3);
		x->c.sort = sqlite3_column_int(st, 4);
		x->grank = g ? sqlite3_column_int(st, 5) : 2000000000;
		x->c.keys = fw_xcalloc(nsort ? nsort : 1, sizeof *x->c.keys);
		for (size_t i = 0; i < nsort; i++)
			x->c.keys[i] = fw_case_value(p, x->c.id, sort[i]);
	}
	sqlite3_finalize(st);
	if (nr)
		qsort_r(r, nr, sizeof *r, ranked_cmp, &nsort);
	fw_chart_case *c = fw_xcalloc(nr ? nr : 1, sizeof *c);
	for (size_t i = 0; i < nr; i++)
		c[i] = r[i].c;
	free(r);
	*out = c;
	*n = nr;
	return fw_rows_ok(p, err);
}

void fw_chart_cases_free(fw_chart_case *c, size_t n, size_t nsort)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].group);
		for (size_t k = 0; k < nsort; k++)
			free(c[i].keys[k]);
		free(c[i].keys);
	}
	free(c);
}

/* ---- columns: the sub-themes of a main theme ----------------------------- */

typedef struct column {
	long long id;
	char *number, *name;
} column;

static int theme_columns(fw_project *p, const char *theme, column **cols,
			 size_t *ncols, char **theme_name, fw_error *err)
{
	long long tid;
	int rc = fw_code_find(&tid, p, theme, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT depth, name FROM code WHERE id=?", "i",
			   (long long)tid)))
		return rc;
	fw_done(p, st);
	int depth = sqlite3_column_int(st, 0);
	if (theme_name)
		*theme_name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (depth != 1) {
		if (theme_name) {
			free(*theme_name);
			*theme_name = NULL;
		}
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"%s is a sub-theme; a chart is drawn for a main "
			"theme (%.*s)",
			theme, (int)strcspn(theme, "."), theme);
	}
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT id, number, name FROM code WHERE parent_id=? "
		     "ORDER BY sort, id",
		     "i", (long long)tid)))
		return rc;
	column *c = NULL;
	size_t n = 0;
	while (fw_row(p, st)) {
		c = fw_xrealloc(c, (n + 1) * sizeof *c);
		c[n].id = sqlite3_column_int64(st, 0);
		c[n].number =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		c[n].name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_finalize(st);
	if (!n) { /* a theme without sub-themes is its own single column */
		c = fw_xmalloc(sizeof *c);
		c[0].id = tid;
		c[0].number = fw_xstrdup(theme);
		c[0].name = fw_xstrdup(theme_name && *theme_name ? *theme_name
								 : theme);
		n = 1;
	}
	*cols = c;
	*ncols = n;
	return 0;
}

static void columns_free(column *c, size_t n)
{
	FW_FREE_FIELDS(c, n, column, offsetof(column, number),
		       offsetof(column, name));
}

/* Column index for a code number: the column itself or a descendant. */
static int column_of(const column *c, size_t n, const char *number)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(c[i].number);
		if (!strncmp(number, c[i].number, l) &&
		    (number[l] == 0 || number[l] == '.'))
			return (int)i;
	}
	return -1;
}

/* ---- the chart ----------------------------------------------------------- */

/* One chart being built: its columns, its cases in order, and per (case,
 * column) the references and the summary shown. */
typedef struct chart_w {
	fw_project *p;
	const fw_chart_opts *o; /* may be NULL */
	const char *theme;
	column *cols;
	size_t ncols;
	char *attr; /* the grouping attribute */
	fw_chart_case *cases;
	size_t ncases, nsort, nshow;
	fw_idmap index; /* case id -> row */
	fw_lrefs *refs; /* ncases: one column's, naming sources from names */
	char **cell;    /* ncases x ncols: the references, formatted,
			 * where no summary is shown */
	char **summ;    /* ncases x ncols */
	char **names;   /* the sources' names, by source */
	size_t nnames;
} chart_w;

/* The theme's sub-themes as columns, or only --code's. */
static int chart_columns(chart_w *w, fw_error *err)
{
	char *tname = NULL;
	int rc =
		theme_columns(w->p, w->theme, &w->cols, &w->ncols, &tname, err);
	free(tname);
	if (rc || !w->o || !w->o->code)
		return rc;
	size_t keep = w->ncols;
	for (size_t c = 0; c < w->ncols; c++)
		if (!strcmp(w->cols[c].number, w->o->code))
			keep = c;
	if (keep == w->ncols)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "%s is not a sub-theme of theme %s",
				    w->o->code, w->theme);
	column one = w->cols[keep];
	for (size_t c = 0; c < w->ncols; c++)
		if (c != keep) {
			free(w->cols[c].number);
			free(w->cols[c].name);
		}
	w->cols[0] = one;
	w->ncols = 1;
	return 0;
}

static long chart_case_index(const chart_w *w, long long cid)
{
	return fw_idmap_get(&w->index, cid, -1);
}

/* The names of the sources, by id: read once, not per reference. */
static int source_names(fw_project *p, fw_idmap *ix, char ***names, size_t *n,
			fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st, "SELECT id, name FROM source", err);
	while (!rc && fw_row(p, st)) {
		*names = fw_xpush(*names, *n, sizeof **names);
		(*names)[*n] =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		fw_idmap_add(ix, sqlite3_column_int64(st, 0), (long)(*n)++);
	}
	sqlite3_finalize(st);
	fw_idmap_sort(ix);
	return rc ? rc : fw_rows_ok(p, err);
}

/* What a column's references are read with: the theme's names, the
 * sources' cases, and the column's statements. */
typedef struct refs_r {
	fw_idmap srcix;
	fw_srccases sc;
	sqlite3_stmt *by_source, *by_speaker;
} refs_r;

/* One column's codings from the code index (which covers source, status
 * and lines), each given to its source's cases from the case links read
 * once (by_speaker = 0); then, in SQL, the participants whose turns a
 * coding overlaps (by_speaker = 1), CROSS JOIN keeping that order. */
static int column_refs(chart_w *w, refs_r *q, size_t c, fw_error *err)
{
	sqlite3_stmt *st = q->by_source;
	fw_rebind(st, "tt", w->theme, w->cols[c].number);
	const char *last = NULL;
	int col = -1;
	while (fw_row(w->p, st)) {
		const char *num = (const char *)sqlite3_column_text(st, 0);
		if (!last || strcmp(last, num)) { /* rows come code by code */
			col = column_of(w->cols, w->ncols, num);
			free((char *)last);
			last = fw_xstrdup(num);
		}
		long long sid = sqlite3_column_int64(st, 3);
		long s = fw_idmap_get(&q->srcix, sid, -1);
		if (col != (int)c || s < 0)
			continue;
		for (size_t k = fw_srccases_first(&q->sc, sid);
		     k < q->sc.n && q->sc.src[k] == sid; k++) {
			long i = chart_case_index(w, q->sc.cs[k]);
			if (i >= 0)
				fw_lrefs_add(&w->refs[i], w->names[s],
					     sqlite3_column_int(st, 1),
					     sqlite3_column_int(st, 2),
					     sqlite3_column_int(st, 4)
						     ? FW_LREF_SUGGESTED
						     : 0);
		}
	}
	free((char *)last);
	int rc = fw_rows_ok(w->p, err);
	st = q->by_speaker;
	fw_rebind(st, "tt", w->theme, w->cols[c].number);
	while (!rc && fw_row(w->p, st)) {
		col = column_of(w->cols, w->ncols,
				(const char *)sqlite3_column_text(st, 1));
		long i = chart_case_index(w, sqlite3_column_int64(st, 0));
		long s = fw_idmap_get(&q->srcix, sqlite3_column_int64(st, 4),
				      -1);
		if (col != (int)c || i < 0 || s < 0)
			continue;
		fw_lrefs_add(&w->refs[i], w->names[s],
			     sqlite3_column_int(st, 2),
			     sqlite3_column_int(st, 3),
			     sqlite3_column_int(st, 5) ? FW_LREF_SUGGESTED : 0);
	}
	return rc ? rc : fw_rows_ok(w->p, err);
}

/* Every coding's line reference, in the cell of its case and column,
 * column by column: a column's references are formatted before the next
 * column's are read, so only one column's are held at a time. */
static int chart_refs(chart_w *w, fw_error *err)
{
	refs_r q = {0};
	int rc = source_names(w->p, &q.srcix, &w->names, &w->nnames, err);
	if (!rc)
		rc = fw_srccases_load(&q.sc, w->p, err);
	if (!rc)
		rc = fw_prepare(
			w->p, &q.by_source,
			"SELECT k.number, g.line_start, g.line_end, "
			"g.source_id, g.status = 'suggested' FROM code k "
			"CROSS JOIN counted g ON g.code_id = k.id WHERE "
			"(k.number = ?1 OR k.number LIKE ?1||'.%') AND "
			"(k.number = ?2 OR k.number LIKE ?2||'.%')",
			err);
	if (!rc)
		rc = fw_exec(w->p, "PRAGMA automatic_index = OFF", err);
	if (!rc)
		rc = fw_prepare(
			w->p, &q.by_speaker,
			"SELECT DISTINCT x.case_id, "
			"k.number, g.line_start, g.line_end, g.source_id, "
			"g.status = 'suggested', g.id FROM main.case_source x "
			"CROSS JOIN code k CROSS JOIN counted g ON g.code_id = "
			"k.id AND g.source_id = x.source_id " FW_SQL_SPEAKER_CASE_CROSS
			"WHERE x.by_speaker = 1 AND (k.number = ?1 OR k.number "
			"LIKE ?1||'.%') AND (k.number = ?2 OR k.number LIKE "
			"?2||'.%')",
			err);
	/* planned without automatic indexes: one over every coding, for the
	 * participants' branch, costs more than the code index it displaces */
	if (!rc)
		fw_exec(w->p, "PRAGMA automatic_index = ON", NULL);
	for (size_t c = 0; !rc && c < w->ncols; c++) {
		rc = column_refs(w, &q, c, err);
		for (size_t i = 0; i < w->ncases; i++) {
			size_t k = i * w->ncols + c;
			if (!rc && !w->summ[k])
				w->cell[k] = fw_lrefs_format(&w->refs[i]);
			w->refs[i].n = 0; /* names borrowed: none to free */
		}
	}
	sqlite3_finalize(q.by_source);
	sqlite3_finalize(q.by_speaker);
	fw_srccases_dispose(&q.sc);
	fw_idmap_dispose(&q.srcix);
	return rc;
}

static int chart_summaries(chart_w *w, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, w->p, err,
			  "SELECT l.case_id, l.code_id, l.summary, "
			  "l.agreement, l.draft FROM charted l JOIN code k ON "
			  "k.id=l.code_id WHERE l.summary<>'' AND "
			  "(k.parent_id=(SELECT id FROM code WHERE "
			  "number=?1) OR k.number=?1)",
			  "t", w->theme);
	if (rc)
		return rc;
	while (fw_row(w->p, st)) {
		long long kid = sqlite3_column_int64(st, 1);
		const char *s = (const char *)sqlite3_column_text(st, 2);
		const char *ag = (const char *)sqlite3_column_text(st, 3);
		long i = chart_case_index(w, sqlite3_column_int64(st, 0));
		if (!s || !*s || i < 0)
			continue;
		for (size_t c = 0; c < w->ncols; c++) {
			if (w->cols[c].id != kid)
				continue;
			fw_buf shown;
			fw_buf_init(&shown);
			fw_buf_printf(
				&shown, "%s%s",
				sqlite3_column_int(st, 4) ? "(draft) " : "", s);
			if (ag && *ag)
				fw_buf_printf(&shown, " [%s]", ag);
			char **slot = &w->summ[(size_t)i * w->ncols + c];
			free(*slot);
			*slot = fw_buf_detach(&shown);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* The table's columns: case, the grouping attribute, the shown
 * attributes, then "NUMBER NAME" per sub-theme. */
static fw_table *chart_new_table(const chart_w *w)
{
	size_t x0 = 2 + w->nshow, nc = w->ncols + x0;
	char **names = fw_xcalloc(nc, sizeof *names);
	names[0] = fw_xstrdup("case");
	names[1] = fw_xstrdup(w->attr);
	for (size_t k = 0; k < w->nshow; k++)
		names[2 + k] = fw_xstrdup(w->o->show[k]);
	for (size_t c = 0; c < w->ncols; c++) {
		fw_buf b;
		fw_buf_init(&b);
		fw_buf_printf(&b, "%s %s", w->cols[c].number, w->cols[c].name);
		names[c + x0] = fw_buf_detach(&b);
	}
	fw_table *t = fw_table_new_sink(w->o ? w->o->sink : NULL, nc,
					(const char *const *)names);
	fw_strv_free(names, nc);
	return t;
}

/* One case's row: name, group, shown attributes, then each cell's summary
 * or, where there is none, its references. */
static void chart_case_row(fw_table *t, const chart_w *w, size_t i,
			   const char **row)
{
	size_t x0 = 2 + w->nshow;
	char **own = fw_xcalloc(w->nshow + w->ncols + 1, sizeof *own);
	row[0] = w->cases[i].name;
	row[1] = w->cases[i].group;
	for (size_t k = 0; k < w->nshow; k++)
		row[2 + k] = own[k] =
			fw_case_value(w->p, w->cases[i].id, w->o->show[k]);
	for (size_t c = 0; c < w->ncols; c++) {
		size_t k = i * w->ncols + c;
		char **o = &own[w->nshow + c];
		*o = w->summ[k]   ? fw_xstrdup(w->summ[k])
		     : w->cell[k] ? fw_xstrdup(w->cell[k])
				  : NULL;
		row[c + x0] = *o;
	}
	fw_table_add(t, FW_ROW_DATA, row);
	for (size_t k = 0; k < w->nshow + w->ncols; k++)
		free(own[k]);
	free(own);
}

/* The chart: the cases --where keeps, under a row per group. */
static fw_table *chart_table(const chart_w *w)
{
	const fw_chart_opts *o = w->o;
	fw_table *t = chart_new_table(w);
	size_t nc = w->ncols + 2 + w->nshow;
	const char **row = fw_xcalloc(nc, sizeof *row);
	const char *prev = NULL;
	int first = 1;
	for (size_t i = 0; i < w->ncases; i++) {
		const char *g = w->cases[i].group;
		if (o &&
		    !fw_where_keep(w->p, w->cases[i].id, o->where, o->nwhere))
			continue;
		if (first || (g && !prev) || (!g && prev) ||
		    (g && prev && strcmp(g, prev))) {
			memset(row, 0, nc * sizeof *row);
			char label[300];
			snprintf(label, sizeof label, "%s", g ? g : "(none)");
			row[0] = label;
			fw_table_add(t, FW_ROW_GROUP, row);
			first = 0;
		}
		prev = g;
		chart_case_row(t, w, i, row);
	}
	free(row);
	return t;
}

int fw_chart_build(fw_table **out, fw_project *p, const char *theme,
		   const fw_chart_opts *opts, fw_error *err)
{
	*out = NULL;
	chart_w w = {.p = p,
		     .o = opts,
		     .theme = theme,
		     .nsort = opts ? opts->nsort : 0,
		     .nshow = opts ? opts->nshow : 0};
	fw_table *t = NULL;
	int rc;
	if ((rc = chart_columns(&w, err)) ||
	    (opts && (rc = fw_where_check(opts->where, opts->nwhere, err))))
		goto out;
	for (size_t i = 0; i < w.nshow; i++)
		if (!fw_attribute_id(p, opts->show[i], 0, NULL)) {
			rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					  "no attribute '%s' to show",
					  opts->show[i]);
			goto out;
		}
	w.attr = fw_group_attribute(p);
	if ((rc = fw_chart_cases(&w.cases, &w.ncases, p, w.attr,
				 opts ? opts->sort : NULL, w.nsort, err)))
		goto out;
	for (size_t i = 0; i < w.ncases; i++)
		fw_idmap_add(&w.index, w.cases[i].id, (long)i);
	fw_idmap_sort(&w.index);
	w.refs = fw_xcalloc(w.ncases + 1, sizeof *w.refs);
	/* a reference names its source by pointer, one name per source
	 * rather than one copy per coding */
	for (size_t k = 0; k < w.ncases; k++)
		w.refs[k].borrowed = 1;
	w.cell = fw_xcalloc(w.ncases * w.ncols + 1, sizeof *w.cell);
	w.summ = fw_xcalloc(w.ncases * w.ncols + 1, sizeof *w.summ);
	/* summaries first: a summarised cell's references are not formatted */
	if ((!(opts && opts->refs_only) && (rc = chart_summaries(&w, err))) ||
	    (rc = chart_refs(&w, err)))
		goto out;
	t = chart_table(&w);
	if ((rc = fw_rows_ok(p, err))) {
		fw_table_free(t);
		t = NULL;
	}
out:
	for (size_t k = 0; w.refs && k < w.ncases; k++)
		fw_lrefs_dispose(&w.refs[k]);
	for (size_t k = 0; w.cell && k < w.ncases * w.ncols; k++) {
		free(w.cell[k]);
		free(w.summ[k]);
	}
	free(w.refs);
	free(w.cell);
	free(w.summ);
	fw_strv_free(w.names, w.nnames);
	fw_chart_cases_free(w.cases, w.ncases, w.nsort);
	fw_idmap_dispose(&w.index);
	columns_free(w.cols, w.ncols);
	free(w.attr);
	*out = t;
	return rc;
}
