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
	static const cli_cmd cmd = {
		"cases import", "read a classification sheet",
		"Read a classification sheet (CSV, RFC 4180): a column 'id' or\n"
		"'case' names the case, every other column is an attribute;\n"
		"items of a multi-valued attribute are separated by ';'.  Rows\n"
		"keep the sheet's order, and the grouping attribute (default\n"
		"actor_group) orders charts and makes report chapters.\n"};
	const char *file = NULL, *group_by = NULL;
	cli_opt opts[] = {
		{OPT_STRING, "group-by", &group_by, "ATTRIBUTE",
		 "the attribute that groups charts and makes chapters", 0, 0,
		 0},
		{OPT_ARG, "FILE.csv", &file, 0, 0, 1, 0, 0},
		{0}};
	PARSE(&cmd, opts, argc, argv);
	cli_job j;
	if (job_open(&j, ctx, JOB_WRITE))
		return EXIT_FAIL;
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
	static const cli_cmd cmd = {"cases list", "cases in chart order",
				    "The cases with their attributes, in chart "
				    "order.\n"};
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {OPT_FORMAT(fmt), {0}};
	PARSE(&cmd, opts, argc, argv);
	return list_table(ctx, fmt, fw_cases_list);
}

int cmd_cases(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"import", cases_import, "read a classification sheet (CSV)"},
		{"list", cases_list, "the cases with their attributes"},
		{0}};
	return cli_dispatch("cases", "The classification sheet.\n", subs, c,
			    argc, argv);
}

static int case_show(void *ctx, int argc, char **argv)
{
	static const cli_cmd cmd = {
		"case show", "one case across every theme",
		"A case profile: the case across every theme, each sub-theme's\n"
		"summary (drafts marked, a group's agreement in brackets) and the\n"
		"lines coded to it.\n"};
	int fmt = FW_FMT_TEXT;
	const char *name = NULL;
	cli_opt opts[] = {
		OPT_FORMAT(fmt), {OPT_ARG, "CASE", &name, 0, 0, 1, 0, 0}, {0}};
	PARSE(&cmd, opts, argc, argv);
	cli_job j;
	if (job_open(&j, ctx, JOB_READ))
		return EXIT_FAIL;
	fw_table *t = NULL;
	return job_print(&j, fw_case_profile(&t, j.p, name, &j.e), &t, fmt);
}

int cmd_case(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"show", case_show, "one case across every theme"}, {0}};
	return cli_dispatch("case", "One case.\n", subs, c, argc, argv);
}
