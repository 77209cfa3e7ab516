/*
 * sql.c: one read-only SQL statement on a strictly read-only connection
 * (docs/SQL.md), its rows kept or streamed as SQLite yields them.
 */
#include "fw/sql.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "table.h"

#include <stdlib.h>

/* The statement, checked: one, and reading only. */
static int sql_prepare(fw_project *p, const char *sql, sqlite3_stmt **st,
		       fw_error *err)
{
	const char *tail = NULL;
	*st = NULL;
	if (!p->readonly)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "queries run on a read-only connection "
				    "only");
	if (sqlite3_prepare_v2(p->db, sql, -1, st, &tail) != SQLITE_OK)
		return fw_error_set(err, FW_EPARSE, NULL, 0, "sql: %s",
				    sqlite3_errmsg(p->db));
	if (!*st)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "sql: an empty statement");
	while (tail &&
	       (*tail == ' ' || *tail == '\n' || *tail == ';' || *tail == '\t'))
		tail++;
	const char *why = tail && *tail ? "sql: one statement at a time"
			  : !sqlite3_stmt_readonly(*st)
				  ? "sql: only reading statements are allowed"
				  : NULL;
	if (why) {
		sqlite3_finalize(*st);
		*st = NULL;
		return fw_error_set(err, FW_EINVAL, NULL, 0, "%s", why);
	}
	return 0;
}

int fw_sql_query(fw_table **out, fw_project *p, const char *sql,
		 size_t max_rows, fw_sink *sink, fw_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	int rc = sql_prepare(p, sql, &st, err);
	if (rc)
		return rc;
	int nc = sqlite3_column_count(st);
	const char **names = fw_xcalloc((size_t)nc + 1, sizeof *names);
	for (int i = 0; i < nc; i++)
		names[i] = sqlite3_column_name(st, i);
	if (!nc)
		names[0] = "result";
	fw_table *t = fw_table_new_sink(sink, (size_t)(nc ? nc : 1), names);
	free(names);
	const char **row = fw_xcalloc((size_t)nc + 1, sizeof *row);
	int step;
	size_t n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (max_rows && n >= max_rows)
			break;
		for (int i = 0; i < nc; i++) {
			int ty = sqlite3_column_type(st, i);
			if (!n && (ty == SQLITE_INTEGER || ty == SQLITE_FLOAT))
				fw_table_numeric(t, (size_t)i);
			row[i] = (const char *)sqlite3_column_text(st, i);
		}
		fw_table_add(t, FW_ROW_DATA, row);
		n++;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = fw_error_set(err, FW_EPARSE, NULL, 0, "sql: %s",
				  sqlite3_errmsg(p->db));
	free(row);
	sqlite3_finalize(st);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
