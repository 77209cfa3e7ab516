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
#include <string.h>
#include <strings.h>
#include <time.h>

/* Past the statement: spaces, line ends, semicolons and comments only? */
static int only_trailing(const char *t)
{
	while (t && *t) {
		if (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t' ||
		    *t == '\f' || *t == ';') {
			t++;
		} else if (t[0] == '-' && t[1] == '-') {
			t += strcspn(t, "\n");
		} else if (t[0] == '/' && t[1] == '*') {
			const char *e = strstr(t + 2, "*/");
			if (!e)
				return 1; /* an unclosed comment ends the text
					   */
			t = e + 2;
		} else {
			return 0;
		}
	}
	return 1;
}

/* What the statement may touch: not other files, not the tokenizer
 * pointer function, not extensions. */
static int authorize(void *ctx, int action, const char *a, const char *b,
		     const char *db, const char *trigger)
{
	int *denied = ctx;
	(void)a;
	(void)db;
	(void)trigger;
	if (action == SQLITE_ATTACH || action == SQLITE_DETACH ||
	    (action == SQLITE_FUNCTION && b &&
	     (!strcasecmp(b, "fts3_tokenizer") ||
	      !strcasecmp(b, "load_extension")))) {
		*denied = 1;
		return SQLITE_DENY;
	}
	return SQLITE_OK;
}

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
	int denied = 0;
	sqlite3_set_authorizer(p->db, authorize, &denied);
	int prc = sqlite3_prepare_v2(p->db, sql, -1, st, &tail);
	sqlite3_set_authorizer(p->db, NULL, NULL);
	if (prc != SQLITE_OK && denied)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "sql: %s (a query reads this project "
				    "only)",
				    sqlite3_errmsg(p->db));
	if (prc != SQLITE_OK)
		return fw_error_set(err, FW_EPARSE, NULL, 0, "sql: %s",
				    sqlite3_errmsg(p->db));
	if (!*st)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "sql: an empty statement");
	const char *why = !only_trailing(tail) ? "sql: one statement at a time"
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

typedef struct clock_bound {
	struct timespec t0;
	double seconds;
	int expired;
} clock_bound;

static int progress(void *ctx)
{
	clock_bound *c = ctx;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double el = (double)(now.tv_sec - c->t0.tv_sec) +
		    (double)(now.tv_nsec - c->t0.tv_nsec) / 1e9;
	return c->expired = el > c->seconds;
}

/* The error a failed step means, in the user's terms. */
static int step_error(fw_project *p, int step, const clock_bound *cb,
		      const fw_sql_opts *o, fw_error *err)
{
	if (step == SQLITE_INTERRUPT && cb->expired)
		return fw_error_set(err, FW_ELIMIT, NULL, 0,
				    "sql: the statement ran longer than %g s "
				    "and was stopped (charter sql --timeout "
				    "to allow more)",
				    o->seconds);
	if (step == SQLITE_NOMEM)
		return fw_error_set(err, FW_ELIMIT, NULL, 0,
				    "sql: the statement needed more than "
				    "%lld MB and was stopped (charter sql "
				    "--memory to allow more)",
				    o->heap_mb);
	return fw_error_set(err, FW_EPARSE, NULL, 0, "sql: %s",
			    sqlite3_errmsg(p->db));
}

int fw_sql_run(fw_table **out, fw_project *p, const char *sql, fw_sql_opts *o,
	       fw_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	o->truncated = 0;
	int rc = sql_prepare(p, sql, &st, err);
	if (rc)
		return rc;
	int nc = sqlite3_column_count(st);
	const char **names = fw_xcalloc((size_t)nc + 1, sizeof *names);
	for (int i = 0; i < nc; i++)
		names[i] = sqlite3_column_name(st, i);
	if (!nc)
		names[0] = "result";
	fw_table *t = fw_table_new_sink(o->sink, (size_t)(nc ? nc : 1), names);
	free(names);
	const char **row = fw_xcalloc((size_t)nc + 1, sizeof *row);
	clock_bound cb = {{0, 0}, o->seconds, 0};
	clock_gettime(CLOCK_MONOTONIC, &cb.t0);
	if (o->seconds > 0)
		sqlite3_progress_handler(p->db, 10000, progress, &cb);
	sqlite3_int64 heap = sqlite3_hard_heap_limit64(-1);
	if (o->heap_mb > 0)
		sqlite3_hard_heap_limit64(o->heap_mb << 20);
	int step;
	size_t n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (o->max_rows && n >= o->max_rows) {
			o->truncated = 1;
			break;
		}
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
		rc = step_error(p, step, &cb, o, err);
	sqlite3_progress_handler(p->db, 0, NULL, NULL);
	sqlite3_hard_heap_limit64(heap);
	free(row);
	sqlite3_finalize(st);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int fw_sql_query(fw_table **out, fw_project *p, const char *sql,
		 size_t max_rows, fw_sink *sink, fw_error *err)
{
	fw_sql_opts o = {max_rows, FW_SQL_SECONDS, FW_SQL_HEAP_MB, sink, 0};
	return fw_sql_run(out, p, sql, &o, err);
}
