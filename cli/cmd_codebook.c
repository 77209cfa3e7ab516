/*
 * cmd_codebook.c: charter codebook import, list and export: the thematic
 * framework.
 */
#include "cli.h"
#include "fw/codebook.h"
#include "fw/refi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A REFI-QDA codebook is XML: its first byte (after a BOM and space) is
 * '<'. */
static int looks_xml(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char head[8] = {0};
	size_t hn = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	size_t k = hn >= 3 && head[0] == 0xEF && head[1] == 0xBB ? 3 : 0;
	while (k < hn && (head[k] == ' ' || head[k] == '\n' || head[k] == '\r'))
		k++;
	return k < hn && head[k] == '<';
}

/* A codebook imported into a project that has one: the difference,
 * applied with --apply. */
static int reimport(cli_job *j, const char *file, int apply, fw_table **themes)
{
	fw_table_free(*themes);
	*themes = NULL;
	fw_codebook_result r;
	fw_table *d = NULL;
	int rc = fw_codebook_reimport(&d, &r, j->p, file, apply, &j->e);
	if ((rc = job_close(j, rc)))
		return rc;
	if (!d->nrows)
		printf("%s: the same codebook; nothing to change\n", file);
	else
		rc = print_table(d, FW_FMT_TEXT);
	if (!rc && d->nrows && apply)
		printf("applied: %d themes, %d added; %d rules\n", r.themes,
		       r.added, r.rules);
	else if (!rc && d->nrows)
		printf("nothing changed: charter codebook import --apply %s "
		       "applies it\n",
		       file);
	fw_table_free(d);
	return rc;
}

/* A REFI-QDA codebook: read as it is into a project with no codebook;
 * into one with a codebook, the difference by GUID, kept with --apply
 * (rolled back without). */
static int import_refi(cli_job *j, const char *file, int apply)
{
	fw_table *themes = NULL, *d = NULL;
	fw_refi_result rr;
	memset(&rr, 0, sizeof rr);
	int rc = fw_theme_list(&themes, j->p, &j->e);
	int had = !rc && themes->nrows;
	fw_table_free(themes);
	if (!rc && !had)
		rc = fw_refi_import(&rr, j->p, file, &j->e);
	else if (!rc)
		rc = fw_codebook_diff_refi(&d, &rr, j->p, file, &j->e);
	if (!rc && d && apply)
		rc = fw_codebook_apply_removed(j->p, d, &j->e);
	if (!rc && d && !apply) {
		fw_project_rollback(j->p); /* the difference alone */
		j->write = 0;
	}
	if (!(rc = job_close(j, rc)) && !d) {
		printf("%s: %d codes added, %d matched by GUID\n", file,
		       rr.codes, rr.codes_matched);
		print_diag_list("dropped:", &rr.diags, FW_DIAG_NOTE, stdout);
	} else if (!rc) {
		if (!d->nrows)
			printf("%s: the same codebook; nothing to change\n",
			       file);
		else
			rc = print_table(d, FW_FMT_TEXT);
		if (!rc && d->nrows && apply)
			printf("applied: %d codes added, %d matched by GUID\n",
			       rr.codes, rr.codes_matched);
		else if (!rc && d->nrows)
			printf("nothing changed: charter codebook import "
			       "--apply %s applies it\n",
			       file);
	}
	fw_table_free(d);
	fw_refi_result_dispose(&rr);
	return rc;
}

static int codebook_import(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("codebook import");
	const char *file = NULL;
	int apply = 0;
	cli_opt opts[] = {{OPT_FLAG, "apply", &apply, 0,
			   "apply the difference to the project's codebook", 0,
			   0, 0},
			  {OPT_ARG, "FILE", &file, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if (input_file(file))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc;
	if (looks_xml(file))
		return import_refi(&j, file, apply);
	fw_codebook_result r;
	fw_table *themes = NULL;
	rc = fw_theme_list(&themes, j.p, &j.e);
	if (!rc && themes->nrows)
		return reimport(&j, file, apply, &themes);
	fw_table_free(themes);
	rc = job_close(&j, rc ? rc : fw_codebook_import(&r, j.p, file, &j.e));
	if (!rc)
		printf("%d themes: %d added, %d updated; %d rules\n", r.themes,
		       r.added, r.updated, r.rules);
	return rc;
}

static int codebook_list(void *ctx, int argc, char **argv)
{
	return list_verb("codebook list", ctx, argc, argv, fw_codebook_list);
}

static int codebook_export(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("codebook export");
	int fmt = 0;
	cli_opt opts[] = {{OPT_CHOICE, "format", &fmt, "qdc",
			   "the format (qdc, the REFI-QDA codebook)", 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_buf b;
	fw_buf_init(&b);
	int rc = job_close(&j, fw_refi_codebook(&b, j.p, &j.e));
	if (!rc)
		fwrite(b.ptr, 1, b.len, stdout);
	fw_buf_dispose(&b);
	return rc;
}

static int codebook_add(void *ctx, int argc, char **argv)
{
	const char *num = NULL, *name = NULL, *def = NULL;
	cli_opt opts[] = {{OPT_STRING, "definition", &def, "TEXT",
			   "what the code means", 0, 0, 0},
			  {OPT_ARG, "NUMBER", &num, 0, 0, 1, 0, 0},
			  {OPT_ARG, "NAME", &name, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook add"), opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_codebook_add(j.p, num, name, def, &j.e));
	if (!rc)
		printf("added %s %s\n", num, name);
	return rc;
}

static int codebook_rename(void *ctx, int argc, char **argv)
{
	const char *num = NULL, *name = NULL;
	cli_opt opts[] = {{OPT_ARG, "CODE", &num, 0, 0, 1, 0, 0},
			  {OPT_ARG, "NAME", &name, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook rename"), opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_codebook_rename(j.p, num, name, &j.e));
	if (!rc)
		printf("renamed %s to %s\n", num, name);
	return rc;
}

static int codebook_define(void *ctx, int argc, char **argv)
{
	const char *num = NULL, *text[4] = {0};
	static const char *const fields[] = {"definition", "use", "not",
					     "example"};
	cli_opt opts[] = {{OPT_STRING, "definition", &text[0], "TEXT",
			   "what the code means", 0, 0, 0},
			  {OPT_STRING, "use", &text[1], "TEXT",
			   "when to use it", 0, 0, 0},
			  {OPT_STRING, "not", &text[2], "TEXT",
			   "when not to (and what instead)", 0, 0, 0},
			  {OPT_STRING, "example", &text[3], "TEXT",
			   "an example", 0, 0, 0},
			  {OPT_ARG, "CODE", &num, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook define"), opts, argc, argv);
	if (!text[0] && !text[1] && !text[2] && !text[3])
		return die("codebook define changes --definition, --use, --not "
			   "or --example");
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = 0;
	for (int k = 0; k < 4 && !rc; k++)
		if (text[k])
			rc = fw_codebook_define(j.p, num, fields[k], text[k],
						&j.e);
	if (!(rc = job_close(&j, rc)))
		printf("changed %s's guidance\n", num);
	return rc;
}

static int codebook_rule(void *ctx, int argc, char **argv)
{
	const char *num = NULL, *rule = NULL;
	int remove = 0;
	cli_opt opts[] = {{OPT_INT, "remove", &remove, "N",
			   "remove rule N (autocode --explain lists them)", 0,
			   1, 1000000000},
			  {OPT_ARG, "[CODE]", &num, 0, 0, 0, 0, 0},
			  {OPT_ARG, "[RULE]", &rule, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook rule"), opts, argc, argv);
	if (!remove && (!num || !rule))
		return die("codebook rule CODE '/PATTERN/FLAGS ...', or "
			   "--remove N");
	if (remove && num)
		return die("--remove takes the rule's number alone");
	JOB_OPEN(j, ctx, JOB_WRITE);
	long long id = remove;
	int rc = remove ? fw_codebook_rule_remove(j.p, id, &j.e)
			: fw_codebook_rule_add(&id, j.p, num, rule, &j.e);
	if (!(rc = job_close(&j, rc))) {
		if (remove)
			printf("removed rule %lld\n", id);
		else
			printf("rule %lld: %s %s\n", id, num, rule);
	}
	return rc;
}

static int codebook_renumber(void *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	cli_opt opts[] = {{OPT_ARG, "CODE", &from, 0, 0, 1, 0, 0},
			  {OPT_ARG, "NUMBER", &to, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook renumber"), opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_codebook_renumber(j.p, from, to, &j.e));
	if (!rc)
		printf("%s is now %s\n", from, to);
	return rc;
}

static int codebook_move(void *ctx, int argc, char **argv)
{
	const char *from = NULL, *under = NULL;
	int theme = 0;
	cli_opt opts[] = {
		{OPT_STRING, "under", &under, "THEME", "the code it goes under",
		 0, 0, 0},
		{OPT_FLAG, "theme", &theme, 0, "make it a main theme", 0, 0, 0},
		{OPT_ARG, "CODE", &from, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cli_cmd_find("codebook move"), opts, argc, argv);
	if (!under == !theme)
		return die("say where: --under THEME or --theme");
	JOB_OPEN(j, ctx, JOB_WRITE);
	char *to = NULL;
	int rc = job_close(&j, fw_codebook_move(&to, j.p, from, under, &j.e));
	if (!rc)
		printf("%s is now %s\n", from, to);
	free(to);
	return rc;
}

static int codebook_merge(void *ctx, int argc, char **argv)
{
	const char *from = NULL, *into = NULL;
	cli_opt opts[] = {{OPT_ARG, "FROM", &from, 0, 0, 1, 0, 0},
			  {OPT_ARG, "INTO", &into, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook merge"), opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	long moved = 0;
	int rc =
		job_close(&j, fw_codebook_merge(&moved, j.p, from, into, &j.e));
	if (!rc)
		printf("merged %s into %s: %ld codings moved\n", from, into,
		       moved);
	return rc;
}

static int codebook_delete(void *ctx, int argc, char **argv)
{
	const char *num = NULL;
	int force = 0;
	cli_opt opts[] = {{OPT_FLAG, "force", &force, 0,
			   "delete its codings and summaries with it", 0, 0, 0},
			  {OPT_ARG, "CODE", &num, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("codebook delete"), opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	long codings = 0, cells = 0;
	int rc = job_close(&j, fw_codebook_delete(&codings, &cells, j.p, num,
						  force, &j.e));
	if (!rc)
		printf("deleted %s with %ld codings and %ld summaries\n", num,
		       codings, cells);
	return rc;
}

static int codebook_changes(void *ctx, int argc, char **argv)
{
	return list_verb("codebook changes", ctx, argc, argv,
			 fw_framework_changes);
}

int cmd_codebook(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"import", codebook_import},
				       {"list", codebook_list},
				       {"export", codebook_export},
				       {"add", codebook_add},
				       {"rename", codebook_rename},
				       {"define", codebook_define},
				       {"rule", codebook_rule},
				       {"renumber", codebook_renumber},
				       {"move", codebook_move},
				       {"merge", codebook_merge},
				       {"delete", codebook_delete},
				       {"changes", codebook_changes},
				       {0}};
	return cli_dispatch("codebook", subs, c, argc, argv);
}
