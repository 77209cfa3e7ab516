/*
 * cmd_sql.c: charter sql, one read-only statement on the project, within
 * a time, memory and row bound.
 */
#include "cli.h"
#include "fw/sql.h"

#include <stdio.h>

int cmd_sql(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("sql");
	int fmt = FW_FMT_TEXT, limit = FW_SQL_ROWS, timeout = FW_SQL_SECONDS,
	    memory = FW_SQL_HEAP_MB;
	const char *sql = NULL;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_INT, "limit", &limit, "N",
			   "at most N rows (default 1000000; 0: all)", 0, 0,
			   2000000000},
			  {OPT_INT, "timeout", &timeout, "S",
			   "stop the statement after S seconds (default 60; "
			   "0: never)",
			   0, 0, 86400},
			  {OPT_INT, "memory", &memory, "MB",
			   "SQLite's memory for the statement (default 1024; "
			   "0: unbounded)",
			   0, 0, 1048576},
			  {OPT_ARG, "\"SELECT ...\"", &sql, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	/* bring an older project up to date first, then read it read-only */
	cli_job j;
	if (job_open(&j, c, JOB_READ) || job_close(&j, 0) ||
	    job_open(&j, c, JOB_SQL))
		return EXIT_FAIL;
	fw_table *t = NULL;
	fw_sink sink;
	/* rows are written as SQLite yields them: large results stream */
	fw_sql_opts o = {(size_t)limit, timeout, memory,
			 stream_sink(&sink, fmt), 0};
	int rc = job_print(&j, fw_sql_run(&t, j.p, sql, &o, &j.e), &t, fmt);
	if (o.truncated)
		fprintf(stderr,
			"charter: note: stopped after %d rows (--limit N for "
			"more, --limit 0 for all)\n",
			limit);
	return rc;
}
