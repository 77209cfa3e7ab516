/*
 * cmd_refi.c: charter export and import, REFI-QDA interchange with other
 * QDA tools.
 */
#include "cli.h"
#include "fw/refi.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_export(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("export");
	const char *file = NULL;
	cli_opt opts[] = {OPT_SUGGESTED(c),
			  {OPT_ARG, "FILE.qdpx", &file, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	fw_refi_counts n;
	int rc = job_close(&j, fw_refi_export(&n, j.p, file, &j.e));
	if (rc)
		return rc;
	printf("%s: %d codes, %d sources, %d cases, %d variables, %d codings, "
	       "%d chart summaries, %d users",
	       file, n.codes, n.sources, n.cases, n.variables, n.codings,
	       n.summaries, n.users);
	if (n.suggestions)
		printf(" (and %d suggestion%s not counted, kept for charter)",
		       n.suggestions, n.suggestions == 1 ? "" : "s");
	putchar('\n');
	return EXIT_OK;
}

static void print_result(const char *file, const fw_refi_result *r)
{
	printf("%s: %d codes, %d sources, %d cases, %d variables, %d values, "
	       "%d users, %d codings, %d chart summaries, %d rules, %d memos "
	       "added\n",
	       file, r->codes, r->sources, r->cases, r->variables, r->values,
	       r->users, r->codings, r->summaries, r->rules, r->memos);
	if (r->codes_matched || r->sources_matched || r->cases_matched ||
	    r->codings_matched)
		printf("matched by GUID: %d codes, %d sources, %d cases, %d "
		       "codings\n",
		       r->codes_matched, r->sources_matched, r->cases_matched,
		       r->codings_matched);
	if (r->codings_duplicate)
		printf("%d duplicate selections merged\n",
		       r->codings_duplicate);
	if (r->selections_snapped)
		printf("%d selection%s ending inside a word moved to the word's "
		       "edge\n",
		       r->selections_snapped,
		       r->selections_snapped == 1 ? "" : "s");
	print_diag_list("charter: warnings:", &r->diags, FW_DIAG_WARNING,
			stderr);
	print_diag_list("dropped (no place for them in charter):", &r->diags,
			FW_DIAG_NOTE, stdout);
}

int cmd_import(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("import");
	const char *file = NULL, *into = NULL;
	cli_opt opts[] = {
		{OPT_STRING, "into", &into, "PROJECT",
		 "the project to import into (as -p)", 0, 0, 0},
		{OPT_ARG, "FILE.qdpx|FILE.qde|FILE.qdc", &file, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	if (input_file(file))
		return EXIT_FAIL;
	if (into)
		c->project = into;
	struct stat sb;
	int created = 0;
	if (stat(c->project, &sb) != 0) {
		fw_project *p;
		fw_error e;
		fw_error_clear(&e);
		if (fw_project_create(&p, c->project, &e))
			return fail(&e);
		fw_project_free(p);
		created = 1;
	}
	cli_job j;
	if (job_open(&j, c, JOB_WRITE)) {
		if (created)
			unlink(c->project);
		return EXIT_FAIL;
	}
	fw_refi_result r;
	memset(&r, 0, sizeof r);
	int rc = job_close(&j, fw_refi_import(&r, j.p, file, &j.e));
	if (rc && created)
		unlink(c->project);
	if (!rc)
		print_result(file, &r);
	fw_refi_result_dispose(&r);
	return rc;
}
