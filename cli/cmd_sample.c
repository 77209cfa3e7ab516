/*
 * cmd_sample.c: charter table, sample tables from the classification
 * sheet.
 */
#include "cli.h"
#include "fw/case.h"
#include "fw/sample.h"
#include "report.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* charter table --file FILE [NUMBER...]: the tables file's tables. */
static int tables_from_file(cli_job *j, const char *file, const char *names,
			    char **nums, size_t nnums, int fmt)
{
	rp_table_built *v = NULL;
	size_t n = 0;
	int rc = rp_tables_build(&v, &n, j->p, file, names,
				 (const char *const *)nums, nnums, &j->e);
	int text = fmt == FW_FMT_TEXT || fmt == FW_FMT_MD;
	if (!rc && n > 1 && !text)
		rc = fw_error_set(&j->e, FW_EINVAL, NULL, 0,
				  "csv and json hold one table: name its "
				  "number");
	if ((rc = job_close(j, rc))) {
		rp_tables_built_free(v, n);
		return rc;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		if (text)
			printf("%s%s\n\n", i ? "\n" : "", v[i].caption);
		rc = print_table(v[i].table, fmt);
		if (!rc && text && v[i].note)
			printf("\nnote: %s\n", v[i].note);
	}
	rp_tables_built_free(v, n);
	return rc;
}

int cmd_table(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("table");
	int fmt = FW_FMT_TEXT, count = 0, order = FW_ORDER_SHEET;
	const char *rowspec = NULL, *col = NULL, *file = NULL, *names = NULL;
	cli_list where = {0};
	cli_opt opts[] = {
		{OPT_STRING, "file", &file, "FILE",
		 "the tables of a tables file (the arguments: their\n"
		 "numbers, or none for all)",
		 0, 0, 0},
		{OPT_STRING, "names", &names, "FILE",
		 "value,label CSV: headings and values in its words", 0, 0, 0},
		{OPT_CHOICE, "count", &count, "cases|participants",
		 "what a cell counts (default cases)", 0, 0, 0},
		{OPT_LIST, "where", &where, "A=V",
		 "only cases whose attribute A is V", 0, 0, 0},
		{OPT_CHOICE, "order", &order, "sheet|name|count",
		 "the rows' order (default as the sheet shows them)", 0, 0, 0},
		OPT_FORMAT(fmt),
		{OPT_ARG, "ROWATTR[,ROWATTR...]|NUMBER", &rowspec, 0, 0, 0, 0,
		 0},
		{OPT_ARG, "COLATTR", &col, 0, 0, 0, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	if (file) {
		char *nums[2] = {(char *)rowspec, (char *)col};
		size_t nn = rowspec ? 1 + (col != NULL) : 0;
		if (input_file(file) || (names && input_file(names)))
			return EXIT_FAIL;
		JOB_OPEN(j, c, JOB_READ);
		return tables_from_file(&j, file, names, nums, nn, fmt);
	}
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
		       "counted, and totals that would not add up are left "
		       "out.\n");
	return rc;
}
