/*
 * cmd_sample.c: charter table, sample tables from the classification
 * sheet.
 */
#include "cli.h"
#include "fw/case.h"
#include "fw/sample.h"

#include <stdio.h>
#include <string.h>

int cmd_table(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("table");
	int fmt = FW_FMT_TEXT, count = 0, order = FW_ORDER_SHEET;
	const char *rowspec = NULL, *col = NULL;
	cli_list where = {0};
	cli_opt opts[] = {
		{OPT_CHOICE, "count", &count, "cases|participants",
		 "what a cell counts (default cases)", 0, 0, 0},
		{OPT_LIST, "where", &where, "A=V",
		 "only cases whose attribute A is V", 0, 0, 0},
		{OPT_CHOICE, "order", &order, "sheet|name|count",
		 "the rows' order (default as the sheet shows them)", 0, 0, 0},
		OPT_FORMAT(fmt),
		{OPT_ARG, "ROWATTR[,ROWATTR...]", &rowspec, 0, 0, 1, 0, 0},
		{OPT_ARG, "COLATTR", &col, 0, 0, 0, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	cli_names rows;
	names_split(&rows, rowspec);
	if (!rows.n)
		return cli_usage(cmd, "table needs an attribute for its rows");
	JOB_OPEN(j, c, JOB_READ);
	fw_where_unmatched(j.p, (const char *const *)where.v, where.n, &j.dg);
	fw_table *t = NULL;
	int multi = 0;
	int rc = fw_sample_table(&t, &multi, j.p, rows.v, rows.n, col, count,
				 order, where.v, where.n, &j.e);
	rc = job_print(&j, rc, &t, fmt);
	if (!rc && multi && (fmt == FW_FMT_TEXT || fmt == FW_FMT_MD))
		printf("\nnote: some cases have several values; each value is "
		       "counted, totals count each case once.\n");
	return rc;
}
