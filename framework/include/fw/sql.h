/*
 * fw/sql.h: read-only SQL on a project (docs/SQL.md).
 */
#ifndef FW_SQL_H
#define FW_SQL_H

#include "fw/common.h"
#include "fw/project.h"

/* The bounds of one statement (0: none). */
#define FW_SQL_SECONDS 60
#define FW_SQL_HEAP_MB 1024
#define FW_SQL_ROWS    1000000

typedef struct fw_sql_opts {
	size_t max_rows;   /* stop after this many rows (0: all) */
	double seconds;    /* interrupt the statement after this long */
	long long heap_mb; /* SQLite's heap for the statement, in MB */
	fw_sink *sink;     /* rows written there as SQLite yields them */
	int truncated;     /* out: max_rows stopped the rows */
} fw_sql_opts;

/** Run one read-only SQL statement (the project must have been opened
 *  with FW_OPEN_READONLY|FW_OPEN_STRICT, so nothing can write) within
 *  o's bounds; rows as a table, or written to o->sink as SQLite yields
 *  them (so large results never sit in memory).  ATTACH, DETACH and the
 *  functions that reach outside the project (fts3_tokenizer,
 *  load_extension) are refused.  Columns whose first value is a number
 *  are numeric. */
int fw_sql_run(fw_table **out, fw_project *p, const char *sql, fw_sql_opts *o,
	       fw_error *err);

/** fw_sql_run with at most max_rows rows (0: all), the default time
 *  and memory bounds, and sink (may be NULL). */
int fw_sql_query(fw_table **out, fw_project *p, const char *sql,
		 size_t max_rows, fw_sink *sink, fw_error *err);

#endif
