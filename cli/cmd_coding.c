/*
 * cmd_coding.c: charter autocode, code add and codings: indexing.
 */
#include "cli.h"
#include "fw/review.h"
#include "fw/coding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_autocode(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("autocode");
	int dry = 0, explain = 0, engine = 0, fmt = FW_FMT_TEXT;
	cli_opt opts[] = {
		{OPT_FLAG, "dry-run", &dry, 0,
		 "show what would change and write nothing", 0, 0, 0},
		{OPT_FLAG, "explain", &explain, 0,
		 "say which engine reads each rule, and why", 0, 0, 0},
		{OPT_CHOICE, "engine", &engine, "auto|hyperscan|pcre2",
		 "which engine reads the rules (auto: hyperscan "
		 "from 2 MB of text)",
		 0, 0, 0},
		OPT_FORMAT(fmt),
		{0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, dry || explain ? JOB_READ : JOB_WRITE);
	if (explain) {
		fw_table *t = NULL;
		int rc = job_close(&j,
				   fw_autocode_explain(&t, j.p, engine, &j.e));
		if (!rc)
			rc = print_table(t, fmt);
		fw_table_free(t);
		return rc;
	}
	fw_autocode_result r;
	memset(&r, 0, sizeof r);
	fw_autocode_opts o = {.dry_run = dry, .engine = engine};
	int rc = job_close(&j, fw_autocode_run_with(&r, j.p, &o, &j.e));
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

/* What code add and uncode say to code: lines, words, a turn or offsets
 * of a case's (or a source's) transcript. */
typedef struct what {
	const char *lines, *span, *source, *coder, *quote;
	int turn, sentence;
	cli_list args;
	long a, b;
} what;

/* The passage as a coding of the code (made if new) in *id. */
static int passage(cli_job *j, const what *w, long long *id)
{
	const char *cs = w->args.v[0], *code = w->args.v[w->args.n - 1];
	int rc = w->quote ? fw_code_quote(id, j->p, cs, w->source, w->quote,
					  code, w->coder, &j->e)
		 : w->turn > 0 ? fw_code_turn(id, j->p, cs, w->source, w->turn,
					      code, w->coder, &j->e)
		 : w->lines ? fw_code_lines(id, j->p, cs, w->source, (int)w->a,
					    (int)w->b, code, w->coder, &j->e)
			    : fw_code_span(id, j->p, w->source, w->a, w->b,
					   code, w->coder, &j->e);
	if (!rc && w->sentence)
		rc = fw_coding_widen(j->p, *id, &j->e);
	return rc;
}

/* Check what the options say; 0, or the usage status. */
static int what_check(const cli_cmd *cmd, what *w)
{
	if ((w->lines != NULL) + (w->span != NULL) + (w->quote != NULL) +
		    (w->turn > 0) >
	    1)
		return cli_usage(cmd, "give one of --lines, --span, --quote "
				      "or --turn");
	if (!w->lines && !w->span && !w->quote && w->turn <= 0)
		return cli_usage(cmd, "say what with --lines, --span, --quote "
				      "or --turn");
	if (!w->span && w->args.n != 2)
		return cli_usage(cmd, "--lines, --quote and --turn need CASE "
				      "and CODE");
	if (w->span && (w->args.n != 1 || !w->source))
		return cli_usage(cmd, "--span needs --source and CODE");
	if ((w->lines || w->span) &&
	    parse_range(w->lines ? w->lines : w->span, &w->a, &w->b))
		return cli_usage(cmd, "'%s' is not a range like 112-118",
				 w->lines ? w->lines : w->span);
	if (w->lines && (w->a > 100000000 || w->b > 100000000))
		return cli_usage(cmd, "line %ld is too large", w->b);
	return 0;
}

/* code add, and uncode (taking the code off the passage instead) */
static int code_passage(void *ctx, int argc, char **argv, int uncode)
{
	const cli_cmd *cmd = cli_cmd_find(uncode ? "uncode" : "code add");
	what w = {0};
	cli_opt opts[] = {
		{OPT_STRING, "lines", &w.lines, "A-B",
		 "lines of the case's transcript", 0, 0, 0},
		{OPT_STRING, "quote", &w.quote, "WORDS",
		 "the exact words, found in the case's transcript", 0, 0, 0},
		{OPT_INT, "turn", &w.turn, "N",
		 "turn N of the case's transcript (charter turns)", 0, 0,
		 10000000},
		{OPT_STRING, "span", &w.span, "START-END",
		 "code-point offsets of the source", 0, 0, 0},
		{OPT_STRING, "source", &w.source, "NAME",
		 "the source (needed with --span, or when the case has\n"
		 "several)",
		 0, 0, 0},
		{OPT_FLAG, "sentence", &w.sentence, 0,
		 "widen to the whole sentences the passage touches", 0, 0, 0},
		OPT_CODER(w.coder),
		{OPT_ARGS, "[CASE] CODE", &w.args, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	int urc = what_check(cmd, &w);
	if (urc)
		return urc;
	JOB_OPEN(j, ctx, JOB_WRITE);
	long long id = 0, sid = 0, kid = 0, before = 0;
	long a = 0, b = 0, changed = 0;
	/* uncode makes the passage a coding to find it: not one it took off */
	if (uncode)
		before = fw_coding_last_id(j.p);
	int rc = passage(&j, &w, &id);
	if (!rc && uncode)
		rc = fw_coding_where(&sid, &kid, &a, &b, j.p, id, &j.e);
	if (!rc && uncode)
		rc = fw_uncode_span(&changed, j.p, sid, kid, a, b, &j.e);
	if (!rc && uncode && id > before)
		changed--;
	if ((rc = job_close(&j, rc)))
		return rc;
	const char *where = w.quote ? w.quote : w.lines ? w.lines : w.span;
	char turn[32];
	snprintf(turn, sizeof turn, "turn %d", w.turn);
	if (uncode)
		printf("%s %s: %s off %ld coding%s\n", w.args.v[0],
		       w.turn ? turn : where, w.args.v[w.args.n - 1], changed,
		       changed == 1 ? "" : "s");
	else
		printf(w.quote ? "coding %lld: %s \"%s\" %s\n"
			       : "coding %lld: %s %s %s\n",
		       id, w.span ? w.source : w.args.v[0],
		       w.turn ? turn : where, w.args.v[w.args.n - 1]);
	return EXIT_OK;
}

static int code_add(void *ctx, int argc, char **argv)
{
	return code_passage(ctx, argc, argv, 0);
}

int cmd_uncode(cli *c, int argc, char **argv)
{
	return code_passage(c, argc, argv, 1);
}

/* code remove ID, or code remove CASE CODE --lines A-B */
static int code_remove(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("code remove");
	const char *lines = NULL;
	cli_list args = {0};
	cli_opt opts[] = {{OPT_STRING, "lines", &lines, "A-B",
			   "the codings within these lines (with CASE CODE)", 0,
			   0, 0},
			  {OPT_ARGS, "ID | CASE CODE", &args, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	long a = 0, b = 0;
	long long id = 0;
	if (lines) {
		if (args.n != 2 || parse_range(lines, &a, &b) || b > 100000000)
			return cli_usage(cmd, "code remove CASE CODE --lines "
					      "A-B");
	} else {
		char *end;
		id = args.n == 1 ? strtoll(args.v[0], &end, 10) : 0;
		if (args.n != 1 || *end || id <= 0)
			return cli_usage(cmd, "'%s' is not a coding's id",
					 args.v[0]);
	}
	JOB_OPEN(j, ctx, JOB_WRITE);
	long n = 1;
	int rc = job_close(&j, lines ? fw_coding_remove_lines(
					       &n, j.p, args.v[0], args.v[1],
					       (int)a, (int)b, &j.e)
				     : fw_coding_remove(j.p, id, &j.e));
	if (!rc && lines)
		printf("%ld coding%s of %s removed from %s\n", n,
		       n == 1 ? "" : "s", args.v[1], args.v[0]);
	else if (!rc)
		printf("coding %lld removed\n", id);
	return rc;
}

static int code_move(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("code move");
	const char *ids = NULL, *code = NULL, *coder = NULL;
	cli_opt opts[] = {OPT_CODER(coder),
			  {OPT_ARG, "ID", &ids, 0, 0, 1, 0, 0},
			  {OPT_ARG, "CODE", &code, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	char *end;
	long long id = strtoll(ids, &end, 10);
	if (*end || id <= 0)
		return cli_usage(cmd, "'%s' is not a coding's id", ids);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_coding_move(j.p, id, code, coder, &j.e));
	if (!rc)
		printf("coding %lld now codes %s\n", id, code);
	return rc;
}

int cmd_code(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"add", code_add},
				       {"remove", code_remove},
				       {"move", code_move},
				       {0}};
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
