/*
 * matrix.c: Framework charts.  A chart is a view over one main theme: a row
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
#include "fw/codebook.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"
#include <ctype.h>
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
	sqlite3_stmt *st, *kv;
	if (fw_prepare(
		    p, &st,
		    "SELECT c.id, c.name, v.value, c.is_group, c.sort, "
		    "(SELECT min(c2.sort) FROM \"case\" c2 JOIN case_value v2 ON "
		    "v2.case_id=c2.id AND v2.attribute_id=v.attribute_id AND "
		    "v2.value=v.value) FROM \"case\" c LEFT JOIN case_value v "
		    "ON v.case_id=c.id AND v.attribute_id=(SELECT id FROM "
		    "attribute WHERE name=?)",
		    err))
		return FW_EIO;
	if (fw_prepare(p, &kv,
		       "SELECT v.value FROM case_value v JOIN attribute a ON "
		       "a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
		       err)) {
		sqlite3_finalize(st);
		return FW_EIO;
	}
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
		for (size_t i = 0; i < nsort; i++) {
			sqlite3_reset(kv);
			sqlite3_bind_int64(kv, 1, x->c.id);
			sqlite3_bind_text(kv, 2, sort[i], -1, SQLITE_TRANSIENT);
			if (fw_row(p, kv))
				x->c.keys[i] = fw_xstrdup(
					(const char *)sqlite3_column_text(kv,
									  0));
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(kv);
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
	if (fw_prepare(p, &st, "SELECT depth, name FROM code WHERE id=?", err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, tid);
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
	if (fw_prepare(p, &st,
		       "SELECT id, number, name FROM code WHERE parent_id=? "
		       "ORDER BY sort, id",
		       err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, tid);
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
	for (size_t i = 0; i < n; i++) {
		free(c[i].number);
		free(c[i].name);
	}
	free(c);
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

int fw_chart_build(fw_table **out, fw_project *p, const char *theme,
		   const fw_chart_opts *opts, fw_error *err)
{
	*out = NULL;
	column *cols = NULL;
	size_t ncols = 0;
	char *tname = NULL;
	int rc = theme_columns(p, theme, &cols, &ncols, &tname, err);
	if (rc)
		return rc;
	free(tname);
	if (opts && opts->code) {
		size_t keep = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (!strcmp(cols[c].number, opts->code))
				keep = c;
		if (keep == ncols) {
			columns_free(cols, ncols);
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "%s is not a sub-theme of theme %s",
					    opts->code, theme);
		}
		column one = cols[keep];
		for (size_t c = 0; c < ncols; c++)
			if (c != keep) {
				free(cols[c].number);
				free(cols[c].name);
			}
		cols[0] = one;
		ncols = 1;
	}
	if (opts && (rc = fw_where_check(opts->where, opts->nwhere, err))) {
		columns_free(cols, ncols);
		return rc;
	}
	for (size_t i = 0; opts && i < opts->nshow; i++)
		if (!fw_attribute_id(p, opts->show[i], 0, NULL)) {
			columns_free(cols, ncols);
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to show",
					    opts->show[i]);
		}
	char *attr = fw_group_attribute(p);
	fw_chart_case *cases = NULL;
	size_t ncases = 0, nsort = opts ? opts->nsort : 0;
	rc = fw_chart_cases(&cases, &ncases, p, attr, opts ? opts->sort : NULL,
			    nsort, err);
	if (rc) {
		free(attr);
		columns_free(cols, ncols);
		return rc;
	}
	/* references: fw_lrefs per (case index, column) */
	fw_lrefs *refs = fw_xcalloc(ncases * ncols + 1, sizeof *refs);
	char **summ = fw_xcalloc(ncases * ncols + 1, sizeof *summ);
	sqlite3_stmt *st;
	rc = fw_prepare(
		p, &st,
		"SELECT x.case_id, k.number, g.line_start, g.line_end, "
		"s.name FROM coding g JOIN code k ON k.id=g.code_id "
		"JOIN source s ON s.id=g.source_id JOIN coding_case x ON "
		"x.coding_id=g.id WHERE k.number=?1 OR k.number "
		"LIKE ?1||'.%'",
		err);
	if (!rc) {
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
		while (fw_row(p, st)) {
			long long cid = sqlite3_column_int64(st, 0);
			int col = column_of(
				cols, ncols,
				(const char *)sqlite3_column_text(st, 1));
			if (col < 0)
				continue;
			for (size_t i = 0; i < ncases; i++)
				if (cases[i].id == cid) {
					fw_lrefs_add(
						&refs[i * ncols + (size_t)col],
						(const char *)
							sqlite3_column_text(st,
									    4),
						sqlite3_column_int(st, 2),
						sqlite3_column_int(st, 3), 0);
					break;
				}
		}
		sqlite3_finalize(st);
	}
	if (!rc && !(opts && opts->refs_only)) {
		rc = fw_prepare(
			p, &st,
			"SELECT l.case_id, l.code_id, l.summary, l.agreement, "
			"l.draft FROM cell l "
			"JOIN code k ON k.id=l.code_id WHERE l.summary<>'' "
			"AND (k.parent_id=(SELECT id FROM code WHERE number=?1) "
			"OR k.number=?1)",
			err);
		if (!rc) {
			sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
			while (fw_row(p, st)) {
				long long cid = sqlite3_column_int64(st, 0);
				long long kid = sqlite3_column_int64(st, 1);
				const char *s =
					(const char *)sqlite3_column_text(st,
									  2);
				const char *ag =
					(const char *)sqlite3_column_text(st,
									  3);
				int draft = sqlite3_column_int(st, 4);
				if (!s || !*s)
					continue;
				/* drafts are marked until a researcher accepts
				 * them; a group row shows how the group held
				 * the view */
				fw_buf shown;
				fw_buf_init(&shown);
				fw_buf_printf(&shown, "%s%s",
					      draft ? "(draft) " : "", s);
				if (ag && *ag)
					fw_buf_printf(&shown, " [%s]", ag);
				for (size_t c = 0; c < ncols; c++) {
					if (cols[c].id != kid)
						continue;
					for (size_t i = 0; i < ncases; i++)
						if (cases[i].id == cid)
							summ[i * ncols + c] =
								fw_xstrdup(
									shown.ptr);
				}
				fw_buf_dispose(&shown);
			}
			sqlite3_finalize(st);
		}
	}
	if (!rc) {
		size_t nshow = opts ? opts->nshow : 0, x0 = 2 + nshow;
		size_t nc = ncols + x0;
		char **names = fw_xcalloc(nc, sizeof *names);
		names[0] = fw_xstrdup("case");
		names[1] = fw_xstrdup(attr);
		for (size_t k = 0; k < nshow; k++)
			names[2 + k] = fw_xstrdup(opts->show[k]);
		for (size_t c = 0; c < ncols; c++) {
			fw_buf b;
			fw_buf_init(&b);
			fw_buf_printf(&b, "%s %s", cols[c].number,
				      cols[c].name);
			names[c + x0] = fw_buf_detach(&b);
		}
		sqlite3_stmt *kv = NULL;
		fw_prepare(
			p, &kv,
			"SELECT v.value FROM case_value v JOIN attribute a ON "
			"a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
			NULL);
		char **vals = fw_xcalloc(nshow + 1, sizeof *vals);
		fw_table *t = fw_table_new(nc, (const char *const *)names);
		const char **row = fw_xcalloc(nc, sizeof *row);
		const char *prev = NULL;
		int first = 1;
		for (size_t i = 0; i < ncases; i++) {
			const char *g = cases[i].group;
			int keep = !opts ||
				   fw_where_keep(p, cases[i].id, opts->where,
						 opts->nwhere);
			if (!keep)
				continue;
			if (first || (g && !prev) || (!g && prev) ||
			    (g && prev && strcmp(g, prev))) {
				memset(row, 0, nc * sizeof *row);
				char label[300];
				snprintf(label, sizeof label, "%s",
					 g ? g : "(none)");
				row[0] = label;
				fw_table_add(t, FW_ROW_GROUP, row);
				first = 0;
			}
			prev = g;
			char **cell = fw_xcalloc(ncols, sizeof *cell);
			row[0] = cases[i].name;
			row[1] = g;
			for (size_t k = 0; k < nshow; k++) {
				free(vals[k]);
				vals[k] = NULL;
				sqlite3_reset(kv);
				sqlite3_bind_int64(kv, 1, cases[i].id);
				sqlite3_bind_text(kv, 2, opts->show[k], -1,
						  SQLITE_TRANSIENT);
				if (fw_row(p, kv))
					vals[k] = fw_xstrdup(
						(const char *)
							sqlite3_column_text(kv,
									    0));
				row[2 + k] = vals[k];
			}
			for (size_t c = 0; c < ncols; c++) {
				size_t k = i * ncols + c;
				cell[c] = summ[k] ? fw_xstrdup(summ[k])
						  : fw_lrefs_format(&refs[k]);
				row[c + x0] = cell[c];
			}
			fw_table_add(t, FW_ROW_DATA, row);
			for (size_t c = 0; c < ncols; c++)
				free(cell[c]);
			free(cell);
		}
		free(row);
		for (size_t k = 0; k < nshow; k++)
			free(vals[k]);
		free(vals);
		sqlite3_finalize(kv);
		for (size_t c = 0; c < nc; c++)
			free(names[c]);
		free(names);
		*out = t;
	}
	for (size_t k = 0; k < ncases * ncols; k++) {
		fw_lrefs_dispose(&refs[k]);
		free(summ[k]);
	}
	free(refs);
	free(summ);
	fw_chart_cases_free(cases, ncases, nsort);
	columns_free(cols, ncols);
	free(attr);
	return rc ? rc : fw_rows_ok(p, err);
}
