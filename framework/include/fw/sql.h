/*
 * fw/sql.h: read-only SQL on a project (docs/SQL.md).
 */
#ifndef FW_SQL_H
#define FW_SQL_H

#include "fw/common.h"
#include "fw/project.h"

/** Run one read-only SQL statement (the project must have been opened
 *  with FW_OPEN_READONLY|FW_OPEN_STRICT, so nothing can write); rows as a
 *  table, at most max_rows (0: no limit), written to sink as SQLite yields
 *  them when one is given (so large results never sit in memory).
 *  Columns whose first value is a number are numeric. */
int fw_sql_query(fw_table **out, fw_project *p, const char *sql,
		 size_t max_rows, fw_sink *sink, fw_error *err);

#endif
