/*
 * api_chart.c: the workbench's charts: a theme's matrix as charter chart
 * builds it (cases grouped by actor group, filtered and sorted), chart
 * check's findings on their cells, one cell with its coded passages, a
 * summary written back (refused as a conflict when someone changed the
 * cell since the browser opened it), drafts accepted, and the matrix
 * query.
 */
#include "sv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void themes(sv_ctx *x)
{
	fw_table *t = NULL;
	fw_error err;
	fw_error_clear(&err);
	if (fw_theme_list(&t, x->app->p, &err))
		return sv_fail_error(x, &err);
	json_t *j = sv_table_json(t);
	fw_table_free(t);
	sv_json(x, 200, j);
}

/* A table's rows as arrays, group header rows as {"group": label}. */
static json_t *rows_json(const fw_table *t)
{
	json_t *rows = json_array();
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->kinds && t->kinds[r] == FW_ROW_GROUP) {
			json_array_append_new(
				rows, json_pack("{ss}", "group",
						fw_table_cell(t, r, 0)));
			continue;
		}
		json_t *a = json_array();
		for (size_t c = 0; c < t->ncols; c++) {
			json_t *s = json_string(fw_table_cell(t, r, c));
			json_array_append_new(a, s ? s : json_string(""));
		}
		json_array_append_new(rows, json_pack("{so}", "cells", a));
	}
	return rows;
}

static json_t *cols_json(const fw_table *t)
{
	json_t *a = json_array();
	for (size_t c = 0; c < t->ncols; c++)
		json_array_append_new(a, json_string(t->cols[c]));
	return a;
}

/* ?theme=N[&where=attr=value ...][&sort=attr] */
static void chart(sv_ctx *x)
{
	char theme[64], sort[100];
	sv_where w;
	if (sv_param(x, "theme", theme, sizeof theme) != 1 || !*theme)
		return sv_fail(x, 400, "parameter 'theme' is missing");
	if (sv_param(x, "sort", sort, sizeof sort) < 0)
		return sv_fail(x, 400, "a malformed parameter");
	if (sv_wheres(x, &w))
		return sv_fail(x, 400, "where is attr=value");
	const char *s[] = {sort};
	fw_chart_opts o = {
		.where = w.v, .nwhere = w.n, .sort = s, .nsort = *sort ? 1 : 0};
	fw_table *t = NULL, *chk = NULL;
	fw_error err;
	fw_error_clear(&err);
	if (fw_chart_build(&t, x->app->p, theme, &o, &err) ||
	    fw_chart_check(&chk, x->app->p, theme, &err)) {
		fw_table_free(t);
		return sv_fail_error(x, &err);
	}
	json_t *agr = sv_sql(x, &err,
			     "SELECT \"case\", code, agreement FROM v_cells "
			     "WHERE coalesce(agreement, '') <> '' AND code "
			     "LIKE %Q || '.%%'",
			     theme);
	if (!agr) {
		fw_table_free(t);
		fw_table_free(chk);
		return sv_fail_error(x, &err);
	}
	char *group = fw_group_attribute(x->app->p);
	json_t *j =
		json_pack("{ss ss so so so so}", "theme", theme, "group_by",
			  group, "columns", cols_json(t), "rows", rows_json(t),
			  "checks", sv_table_json(chk), "agreements", agr);
	free(group);
	fw_table_free(t);
	fw_table_free(chk);
	sv_json(x, 200, j);
}

/* Who last wrote the cell and whether it is a draft: [{coder, draft}],
 * empty when nobody has. */
static json_t *cell_who(sv_ctx *x, fw_error *err, const char *cs,
			const char *code)
{
	return sv_sql(
		x, err,
		"SELECT coalesce(d.name, '') AS coder, l.draft FROM cell l "
		"JOIN \"case\" c ON c.id=l.case_id JOIN code k ON "
		"k.id=l.code_id LEFT JOIN coder d ON d.id=l.coder_id "
		"WHERE c.name=%Q AND k.number=%Q",
		cs, code);
}

/* ?case=C&code=N: the summary, its agreement and when it was written,
 * the references coded to it, and its coded passages with their text. */
static void cell(sv_ctx *x)
{
	char cs[256], code[64];
	if (sv_param(x, "case", cs, sizeof cs) != 1 || !*cs ||
	    sv_param(x, "code", code, sizeof code) != 1 || !*code)
		return sv_fail(x, 400, "a cell is named by case and code");
	fw_table *t = NULL;
	fw_error err;
	fw_error_clear(&err);
	if (fw_cell_get(&t, x->app->p, cs, code, &err))
		return sv_fail_error(x, &err);
	json_t *passages = sv_sql(
		x, &err,
		"SELECT g.source, g.line_start, g.line_end, g.origin, g.text, "
		"coalesce((SELECT u.speaker FROM v_utterances u WHERE "
		"u.source=g.source AND u.line_start <= g.line_start AND "
		"g.line_start <= u.line_end LIMIT 1), '') AS speaker FROM "
		"v_coded g WHERE g.\"case\"=%Q AND (g.code=%Q OR g.code LIKE "
		"%Q || '.%%') AND g.status='confirmed' ORDER BY g.source, "
		"g.line_start",
		cs, code, code);
	json_t *who = passages ? cell_who(x, &err, cs, code) : NULL;
	if (!who) {
		fw_table_free(t);
		json_decref(passages);
		return sv_fail_error(x, &err);
	}
	json_t *w = json_array_get(who, 0);
	const char *by = json_string_value(json_object_get(w, "coder"));
	json_t *j = json_pack(
		"{ss ss ss ss ss ss ss sb so}", "case", cs, "code", code,
		"summary", fw_table_cell(t, 0, 2), "agreement",
		fw_table_cell(t, 0, 3), "coded", fw_table_cell(t, 0, 4),
		"updated", fw_table_cell(t, 0, 5), "coder", by ? by : "",
		"draft",
		w && json_integer_value(json_object_get(w, "draft")) != 0,
		"passages", passages);
	json_decref(who);
	fw_table_free(t);
	sv_json(x, 200, j);
}

/* {case, code, summary, agreement, base}: base is the summary as the
 * browser opened it. */
static int cell_set(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *cs = sv_in_str(x, "case"), *code = sv_in_str(x, "code");
	const char *summary = sv_in_str(x, "summary");
	const char *base = sv_in_str(x, "base");
	if (!cs || !code || !summary)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a cell needs case, code and summary");
	fw_table *t = NULL;
	int rc = fw_cell_get(&t, x->app->p, cs, code, err);
	if (rc)
		return rc;
	if (base && strcmp(base, fw_table_cell(t, 0, 2))) {
		json_t *who = cell_who(x, err, cs, code);
		const char *by = json_string_value(
			json_object_get(json_array_get(who, 0), "coder"));
		x->extra = json_pack("{s{ss ss ss}}", "conflict", "summary",
				     fw_table_cell(t, 0, 2), "by", by ? by : "",
				     "at", fw_table_cell(t, 0, 5));
		json_decref(who);
		fw_table_free(t);
		return fw_error_set(err, FW_EEXISTS, NULL, 0,
				    "the cell %s x %s was changed since you "
				    "opened it: yours is kept in the editor, "
				    "theirs is shown beside it",
				    cs, code);
	}
	fw_table_free(t);
	fw_diags dg;
	fw_diags_init(&dg);
	const char *agr = sv_in_str(x, "agreement");
	rc = fw_cell_set(&dg, x->app->p, cs, code, summary,
			 agr && *agr ? agr : NULL, x->coder, err);
	if (!rc) {
		json_t *notes = json_array();
		for (size_t i = 0; i < dg.n; i++)
			json_array_append_new(notes, json_string(dg.v[i].msg));
		*out = json_pack("{sb so}", "ok", 1, "notes", notes);
	}
	fw_diags_dispose(&dg);
	return rc;
}

static const char *const cell_keys[] = {"case", "code", NULL};

static void post_cell(sv_ctx *x)
{
	char args[400];
	sv_args(x, args, sizeof args, cell_keys);
	sv_write(x, "cell set", args, cell_set);
}

static int cell_accept(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *cs = sv_in_str(x, "case"), *code = sv_in_str(x, "code");
	if (!cs || !code)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a cell needs case and code");
	return fw_cell_accept(x->app->p, cs, code, err);
}

static void post_cell_accept(sv_ctx *x)
{
	char args[400];
	sv_args(x, args, sizeof args, cell_keys);
	sv_write(x, "cell accept", args, cell_accept);
}

/* ?rows=R&cols=C[&count=cases|codings|words][&where=attr=value] */
static void matrix(sv_ctx *x)
{
	char rows[100], cols[100], count[16];
	sv_where w;
	if (sv_param(x, "rows", rows, sizeof rows) != 1 || !*rows ||
	    sv_param(x, "cols", cols, sizeof cols) != 1 || !*cols)
		return sv_fail(x, 400, "a matrix needs rows and cols");
	if (sv_param(x, "count", count, sizeof count) < 0 || sv_wheres(x, &w))
		return sv_fail(x, 400, "a malformed parameter");
	fw_matrix_opts o = {.rows = rows,
			    .cols = cols,
			    .where = w.v,
			    .nwhere = w.n,
			    .count =
				    !strcmp(count, "codings") ? FW_COUNT_CODINGS
				    : !strcmp(count, "words") ? FW_COUNT_WORDS
							      : FW_COUNT_CASES};
	fw_table *t = NULL;
	fw_error err;
	fw_error_clear(&err);
	if (fw_query_matrix(&t, x->app->p, &o, &err))
		return sv_fail_error(x, &err);
	json_t *j = json_pack("{so so}", "columns", cols_json(t), "rows",
			      rows_json(t));
	fw_table_free(t);
	sv_json(x, 200, j);
}

const sv_route sv_chart_routes[] = {
	{"GET", "/api/themes", themes},
	{"GET", "/api/chart", chart},
	{"GET", "/api/cell", cell},
	{"GET", "/api/matrix", matrix},
	{"POST", "/api/cell", post_cell},
	{"POST", "/api/cell/accept", post_cell_accept},
	{NULL, NULL, NULL}};
