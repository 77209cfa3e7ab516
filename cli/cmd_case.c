/*
 * cmd_case.c: charter cases (the classification sheet) and charter case
 * show (one case across every theme).
 */
#include "cli.h"
#include "fw/case.h"

#include <stdio.h>
#include <stdlib.h>

static int cases_import(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cases import");
	const char *file = NULL, *group_by = NULL;
	cli_opt opts[] = {
		{OPT_STRING, "group-by", &group_by, "ATTRIBUTE",
		 "the attribute that groups charts and makes chapters", 0, 0,
		 0},
		{OPT_ARG, "FILE.csv", &file, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	if (input_file(file))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_WRITE);
	fw_cases_result r;
	int rc = fw_cases_import(&r, j.p, file, &j.e);
	if (!rc && group_by)
		rc = fw_setting_set(j.p, "group_by", group_by, &j.e);
	if (!rc) {
		char *g = fw_group_attribute(j.p);
		fw_table *gl = NULL;
		if (!fw_group_list(&gl, j.p, g, &j.e) && gl->nrows == 0)
			fprintf(stderr,
				"charter: warning: no case has a value for the "
				"grouping attribute '%s' (set it with "
				"--group-by)\n",
				g);
		fw_table_free(gl);
		free(g);
	}
	if (!(rc = job_close(&j, rc)))
		printf("%d rows: %d cases added, %d updated; %d attributes\n",
		       r.rows, r.created, r.updated, r.attributes);
	return rc;
}

static int cases_list(void *ctx, int argc, char **argv)
{
	return list_verb("cases list", ctx, argc, argv, fw_cases_list);
}

int cmd_cases(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"import", cases_import}, {"list", cases_list}, {0}};
	return cli_dispatch("cases", subs, c, argc, argv);
}

static int case_show(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("case show");
	int fmt = FW_FMT_TEXT;
	const char *name = NULL;
	cli_opt opts[] = {OPT_SUGGESTED(ctx),
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "CASE", &name, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_case_profile(&t, j.p, name, &j.e), &t, fmt);
}

/* case rename NAME NEW, case merge FROM INTO: one transaction each */
static int case_pair(void *ctx, int argc, char **argv, int merge)
{
	const cli_cmd *cmd = cli_cmd_find(merge ? "case merge" : "case rename");
	const char *a = NULL, *b = NULL;
	cli_opt opts[] = {{OPT_ARG, merge ? "FROM" : "CASE", &a, 0, 0, 1, 0, 0},
			  {OPT_ARG, merge ? "INTO" : "NEW", &b, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = merge ? fw_case_merge(j.p, a, b, &j.dg, &j.e)
		       : fw_case_rename(j.p, a, b, &j.e);
	if (!(rc = job_close(&j, rc)))
		printf(merge ? "%s merged into %s\n" : "%s is now %s\n", a, b);
	return rc;
}

static int case_rename(void *ctx, int argc, char **argv)
{
	return case_pair(ctx, argc, argv, 0);
}

static int case_merge(void *ctx, int argc, char **argv)
{
	return case_pair(ctx, argc, argv, 1);
}

int cmd_case(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"show", case_show},
				       {"rename", case_rename},
				       {"merge", case_merge},
				       {0}};
	return cli_dispatch("case", subs, c, argc, argv);
}
