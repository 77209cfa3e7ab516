/*
 * cmd_sql.c: charter sql, one read-only statement on the project.
 */
#include "cli.h"
#include "fw/sql.h"

int cmd_sql(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("sql");
	int fmt = FW_FMT_TEXT, limit = 0;
	const char *sql = NULL;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_INT, "limit", &limit, "N",
			   "at most N rows (0: all)", 0, 0, 2000000000},
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
	return job_print(&j,
			 fw_sql_query(&t, j.p, sql, (size_t)limit,
				      stream_sink(&sink, fmt), &j.e),
			 &t, fmt);
}
