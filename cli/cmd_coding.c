/*
 * cmd_coding.c: charter autocode, code add and codings: indexing.
 */
#include "cli.h"
#include "fw/coding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_autocode(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("autocode");
	int dry = 0, fmt = FW_FMT_TEXT;
	cli_opt opts[] = {{OPT_FLAG, "dry-run", &dry, 0,
			   "show what would change and write nothing", 0, 0, 0},
			  OPT_FORMAT(fmt),
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, dry ? JOB_READ : JOB_WRITE);
	fw_autocode_result r;
	memset(&r, 0, sizeof r);
	int rc = job_close(&j, fw_autocode_run(&r, j.p, dry, &j.e));
	if (!rc)
		rc = print_table(r.per_code, fmt);
	if (!rc && fmt == FW_FMT_TEXT)
		printf("%s%ld added, %ld removed, %ld unchanged\n",
		       dry ? "dry run: would have " : "", r.added, r.removed,
		       r.kept);
	fw_table_free(r.per_code);
	return rc;
}

/* "112-118" or "112". */
static int parse_range(const char *s, long *a, long *b)
{
	char *e;
	*a = strtol(s, &e, 10);
	if (e == s)
		return -1;
	if (*e == 0) {
		*b = *a;
		return 0;
	}
	if (*e != '-')
		return -1;
	const char *t = e + 1;
	*b = strtol(t, &e, 10);
	return e == t || *e ? -1 : 0;
}

static int code_add(void *ctx, int argc, char **argv)
{
	const char *lines = NULL, *span = NULL, *source = NULL, *coder = NULL,
		   *quote = NULL;
	int turn = 0;
	cli_list args = {0};
	cli_opt opts[] = {
		{OPT_STRING, "lines", &lines, "A-B",
		 "lines of the case's transcript", 0, 0, 0},
		{OPT_STRING, "quote", &quote, "WORDS",
		 "the exact words, found in the case's transcript", 0, 0, 0},
		{OPT_INT, "turn", &turn, "N",
		 "turn N of the case's transcript (charter turns)", 0, 0,
		 10000000},
		{OPT_STRING, "span", &span, "START-END",
		 "code-point offsets of the source", 0, 0, 0},
		{OPT_STRING, "source", &source, "NAME",
		 "the source (needed with --span, or when the case has\n"
		 "several)",
		 0, 0, 0},
		OPT_CODER(coder),
		{OPT_ARGS, "[CASE] CODE", &args, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cli_cmd_find("code add"), opts, argc, argv);
	long a, b;
	if ((lines != NULL) + (span != NULL) + (quote != NULL) + (turn > 0) > 1)
		return cli_usage(cli_cmd_find("code add"),
				 "give one of --lines, --span, --quote or "
				 "--turn");
	if (quote || turn > 0) {
		if (args.n != 2)
			return cli_usage(
				cli_cmd_find("code add"),
				"code add --quote or --turn needs CASE "
				"and CODE");
		JOB_OPEN(j, ctx, JOB_WRITE);
		long long qid = 0;
		int qrc = job_close(
			&j, quote ? fw_code_quote(&qid, j.p, args.v[0], source,
						  quote, args.v[1], coder, &j.e)
				  : fw_code_turn(&qid, j.p, args.v[0], source,
						 turn, args.v[1], coder, &j.e));
		if (!qrc && quote)
			printf("coding %lld: %s \"%s\" %s\n", qid, args.v[0],
			       quote, args.v[1]);
		else if (!qrc)
			printf("coding %lld: %s turn %d %s\n", qid, args.v[0],
			       turn, args.v[1]);
		return qrc;
	}
	if (!lines && !span)
		return cli_usage(cli_cmd_find("code add"),
				 "say what to code with --lines, --span, "
				 "--quote or --turn");
	if (lines && args.n != 2)
		return cli_usage(cli_cmd_find("code add"),
				 "code add --lines needs CASE and CODE");
	if (span && (args.n != 1 || !source))
		return cli_usage(cli_cmd_find("code add"),
				 "code add --span needs --source and CODE");
	if (parse_range(lines ? lines : span, &a, &b))
		return cli_usage(cli_cmd_find("code add"),
				 "'%s' is not a range like 112-118",
				 lines ? lines : span);
	if (lines && (a > 100000000 || b > 100000000))
		return die("line %ld is too large", b);
	JOB_OPEN(j, ctx, JOB_WRITE);
	long long id = 0;
	const char *code = args.v[args.n - 1];
	int rc =
		lines ? fw_code_lines(&id, j.p, args.v[0], source, (int)a,
				      (int)b, code, coder, &j.e)
		      : fw_code_span(&id, j.p, source, a, b, code, coder, &j.e);
	if (!(rc = job_close(&j, rc)))
		printf("coding %lld: %s %s %s\n", id,
		       lines ? args.v[0] : source, lines ? lines : span, code);
	return rc;
}

static int code_remove(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("code remove");
	const char *ids = NULL;
	cli_opt opts[] = {{OPT_ARG, "ID", &ids, 0, 0, 1, 0, 0}, {0}};
	PARSE(cmd, opts, argc, argv);
	char *end;
	long long id = strtoll(ids, &end, 10);
	if (*end || id <= 0)
		return cli_usage(cmd, "'%s' is not a coding's id", ids);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_coding_remove(j.p, id, &j.e));
	if (!rc)
		printf("coding %lld removed\n", id);
	return rc;
}

int cmd_code(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"add", code_add}, {"remove", code_remove}, {0}};
	return cli_dispatch("code", subs, c, argc, argv);
}

int cmd_codings(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("codings");
	const char *cs = NULL, *code = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {
		{OPT_STRING, "case", &cs, "CASE", "only this case's", 0, 0, 0},
		{OPT_STRING, "code", &code, "CODE",
		 "only this code's (and its sub-codes')", 0, 0, 0},
		OPT_FORMAT(fmt),
		{0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_coding_list(&t, j.p, cs, code, &j.e), &t, fmt);
}
