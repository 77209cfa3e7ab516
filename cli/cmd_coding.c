/*
 * cmd_coding.c: autocode, code add, codings.
 */
#include "cli.h"
#include "errors.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char autocode_help[] =
	"usage: charter autocode [--dry-run] [--format text|csv|json|md]\n"
	"\n"
	"Apply every rule of the codebook.  A match codes its scope unit (the\n"
	"sentence, paragraph or whole turn); interviewer turns are left out\n"
	"unless a rule says speaker=interviewer or speaker=any.  Codings of one\n"
	"code that overlap or touch merge.  Running it again changes nothing\n"
	"unless the rules or transcripts changed.  Prints codings per code.\n"
	"\n"
	"  --dry-run   show what would change and write nothing\n";

int cmd_autocode(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, autocode_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"dry-run", no_argument, 0, 'n'},
		{"format", required_argument, 0, 'f'},
		{0, 0, 0, 0}};
	int dry = 0, fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":nf:", lo, NULL)) != -1) {
		if (ch == 'n')
			dry = 1;
		else if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else
			return usage_error(autocode_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (optind < argc)
		return usage_error(autocode_help, "unexpected argument '%s'",
				   argv[optind]);
	fw_project *p = open_project(c, dry);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_autocode_result r;
	memset(&r, 0, sizeof r);
	int rc = dry ? 0 : fw_project_begin(p, &e);
	if (!rc)
		rc = fw_autocode_run(&r, p, dry, &e);
	if (dry) {
		fw_project_free(p);
		if (rc)
			return fail(&e);
	} else if ((rc = finish(p, rc, &e))) {
		fw_table_free(r.per_code);
		return rc;
	}
	rc = print_table(r.per_code, fmt);
	if (fmt == FW_FMT_TEXT)
		printf("%s%ld added, %ld removed, %ld unchanged\n",
		       dry ? "dry run: would have " : "", r.added, r.removed,
		       r.kept);
	fw_table_free(r.per_code);
	return rc;
}

static const char code_help[] =
	"usage: charter code add CASE --lines A-B CODE [--source NAME] [--coder NAME]\n"
	"       charter code add --source NAME --span START-END CODE [--coder NAME]\n"
	"\n"
	"Index a passage by hand: lines A to B (inclusive, as numbered in\n"
	"charter's view of the transcript) of the case's transcript, or\n"
	"code-point offsets START to END (end exclusive) of a source.\n";

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

int cmd_code(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, code_help))
		return EXIT_OK;
	if (argc < 2 || strcmp(argv[1], "add"))
		return usage_error(code_help, "code needs the subverb add");
	static const struct option lo[] = {
		{"lines", required_argument, 0, 'l'},
		{"span", required_argument, 0, 's'},
		{"source", required_argument, 0, 'S'},
		{"coder", required_argument, 0, 'c'},
		{0, 0, 0, 0}};
	const char *lines = NULL, *span = NULL, *source = NULL, *coder = NULL;
	int ch;
	argc--, argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":l:s:S:c:", lo, NULL)) != -1) {
		switch (ch) {
		case 'l': lines = optarg; break;
		case 's': span = optarg; break;
		case 'S': source = optarg; break;
		case 'c': coder = optarg; break;
		default:
			return usage_error(code_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	int npos = argc - optind;
	long a, b;
	if (lines && span)
		return usage_error(code_help,
				   "give --lines or --span, not both");
	if (!lines && !span)
		return usage_error(code_help,
				   "say what to code with --lines or --span");
	if (lines && npos != 2)
		return usage_error(code_help,
				   "code add --lines needs CASE and CODE");
	if (span && (npos != 1 || !source))
		return usage_error(code_help,
				   "code add --span needs --source and CODE");
	if (parse_range(lines ? lines : span, &a, &b))
		return usage_error(code_help,
				   "'%s' is not a range like 112-118",
				   lines ? lines : span);
	fw_project *p = open_project(c, 0);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	long long id = 0;
	int rc = fw_project_begin(p, &e);
	const char *code = argv[argc - 1];
	if (!rc && lines) {
		if (a > 100000000 || b > 100000000)
			rc = fw_error_set(&e, FW_EINVAL, NULL, 0,
					  "line %ld is too large", b);
		else
			rc = fw_code_lines(&id, p, argv[optind], source, (int)a,
					   (int)b, code, coder, &e);
	} else if (!rc) {
		rc = fw_code_span(&id, p, source, a, b, code, coder, &e);
	}
	rc = finish(p, rc, &e);
	if (!rc)
		printf("coding %lld: %s %s %s\n", id,
		       lines ? argv[optind] : source, lines ? lines : span,
		       code);
	return rc;
}

static const char codings_help[] =
	"usage: charter codings [--case CASE] [--code CODE] [--format text|csv|json|md]\n"
	"\n"
	"The coded passages (of a code and its sub-codes, of a case), with\n"
	"their line references, offsets, origin (manual or rule) and text.\n";

int cmd_codings(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, codings_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"case", required_argument, 0, 'c'},
		{"code", required_argument, 0, 'k'},
		{"format", required_argument, 0, 'f'},
		{0, 0, 0, 0}};
	const char *cs = NULL, *code = NULL;
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":c:k:f:", lo, NULL)) != -1) {
		if (ch == 'c')
			cs = optarg;
		else if (ch == 'k')
			code = optarg;
		else if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else
			return usage_error(codings_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (optind < argc)
		return usage_error(codings_help, "unexpected argument '%s'",
				   argv[optind]);
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *t;
	int rc = fw_coding_list(&t, p, cs, code, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}
