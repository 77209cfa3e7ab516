/*
 * cmd_project.c: init, status, sources.
 */
#include "cli.h"
#include "buf.h"
#include "errors.h"
#include "fw/project.h"
#include "fw/refi.h"
#include "fw/source.h"
#include "fw/sql.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char init_help[] =
	"usage: charter init [PATH]\n"
	"\n"
	"Create an empty project (default: -p, $CHARTER_PROJECT or\n"
	"./study.charter).  An existing file is never overwritten.\n";

int cmd_init(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, init_help))
		return EXIT_OK;
	if (argc > 2)
		return usage_error(init_help, "init takes one path");
	const char *path = argc == 2 ? argv[1] : c->project;
	fw_project *p;
	fw_error e;
	fw_error_clear(&e);
	if (fw_project_create(&p, path, &e))
		return fail(&e);
	fw_project_free(p);
	printf("created %s (schema %d)\n", path, fw_schema_version());
	return EXIT_OK;
}

static const char status_help[] =
	"usage: charter status [--format text|csv|json|md]\n"
	"\n"
	"Counts of sources, words, cases, themes, rules, codings and cells.\n";

static int list_verb(cli *c, int argc, char **argv, const char *help,
		     int (*fn)(fw_table **, fw_project *, fw_error *))
{
	if (want_help(argc, argv, help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'}, {0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(help, "unexpected argument '%s'",
				   argv[optind]);
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_table *t;
	fw_error e;
	fw_error_clear(&e);
	int rc = fn(&t, p, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}

int cmd_status(cli *c, int argc, char **argv)
{
	return list_verb(c, argc, argv, status_help, fw_project_status);
}

static const char sources_help[] =
	"usage: charter sources [--format text|csv|json|md]\n"
	"\n"
	"The transcripts in the project: case, format, encoding, lines, words,\n"
	"turns and speakers with their roles.\n";

int cmd_sources(cli *c, int argc, char **argv)
{
	return list_verb(c, argc, argv, sources_help, fw_source_list);
}

static const char turns_help[] =
	"usage: charter turns SOURCE [--format text|csv|json|md]\n"
	"\n"
	"A transcript as charter holds it: each turn with its speaker, role,\n"
	"case, line numbers, start and end times (where the format has them),\n"
	"code-point offsets and text.\n";

int cmd_turns(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, turns_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'}, {0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(turns_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error(turns_help, "name one source");
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_table *t;
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_source_turns(&t, p, argv[optind], &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}

static const char export_help[] =
	"usage: charter export FILE.qdpx\n"
	"\n"
	"Write the project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti,\n"
	"MAXQDA, QualCoder and other tools: the codebook with definitions, the\n"
	"sources as plain text, cases with their attributes, codings, coders,\n"
	"and chart summaries and auto-code rules as notes (docs/FORMATS.md).\n"
	"GUIDs are kept, so exporting again or importing back matches.\n";

int cmd_export(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, export_help))
		return EXIT_OK;
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(export_help, "name the .qdpx file to write");
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_refi_counts n;
	int rc = fw_refi_export(&n, p, argv[1], &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	printf("%s: %d codes, %d sources, %d cases, %d variables, %d codings, "
	       "%d chart summaries, %d users\n",
	       argv[1], n.codes, n.sources, n.cases, n.variables, n.codings,
	       n.summaries, n.users);
	return EXIT_OK;
}

static const char import_help[] =
	"usage: charter import FILE.qdpx|FILE.qde|FILE.qdc [--into PROJECT]\n"
	"\n"
	"Read a REFI-QDA project or codebook written by NVivo, ATLAS.ti, MAXQDA,\n"
	"QualCoder, Taguette or charter.  Codes, sources, cases, coders and\n"
	"codings already in the project are matched by GUID; the rest is added.\n"
	"A new project is created if PROJECT does not exist.  Selection\n"
	"positions are converted from the unit the producer used (code points,\n"
	"UTF-16 units as NVivo writes them, CRLF counted once or twice).  What\n"
	"charter has no place for is listed as dropped.\n";

int cmd_import(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, import_help))
		return EXIT_OK;
	static const struct option lo[] = {{"into", required_argument, 0, 'i'},
					   {0, 0, 0, 0}};
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":i:", lo, NULL)) != -1) {
		if (ch == 'i')
			c->project = optarg;
		else
			return usage_error(import_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (optind + 1 != argc)
		return usage_error(import_help, "name one file to import");
	const char *file = argv[optind];
	fw_error e;
	fw_error_clear(&e);
	fw_project *p = NULL;
	struct stat sb;
	int created = 0;
	if (stat(c->project, &sb) != 0) {
		if (fw_project_create(&p, c->project, &e))
			return fail(&e);
		created = 1;
	} else if (!(p = open_project(c, 0))) {
		return EXIT_FAIL;
	}
	fw_refi_result r;
	int rc = fw_project_begin(p, &e);
	if (!rc)
		rc = fw_refi_import(&r, p, file, &e);
	rc = finish(p, rc, &e);
	if (rc) {
		if (created)
			unlink(c->project);
		return rc;
	}
	printf("%s: %d codes, %d sources, %d cases, %d variables, %d values, "
	       "%d users, %d codings, %d chart summaries, %d rules, %d memos "
	       "added\n",
	       file, r.codes, r.sources, r.cases, r.variables, r.values,
	       r.users, r.codings, r.summaries, r.rules, r.memos);
	if (r.codes_matched || r.sources_matched || r.cases_matched ||
	    r.codings_matched)
		printf("matched by GUID: %d codes, %d sources, %d cases, %d codings\n",
		       r.codes_matched, r.sources_matched, r.cases_matched,
		       r.codings_matched);
	if (r.codings_duplicate)
		printf("%d duplicate selections merged\n", r.codings_duplicate);
	if (r.selections_snapped)
		printf("%d selection%s ending inside a word moved to the word's edge\n",
		       r.selections_snapped,
		       r.selections_snapped == 1 ? "" : "s");
	print_diag_list("charter: warnings:", &r.diags, FW_DIAG_WARNING,
			stderr);
	print_diag_list("dropped (no place for them in charter):", &r.diags,
			FW_DIAG_NOTE, stdout);
	fw_refi_result_dispose(&r);
	return EXIT_OK;
}

static const char sql_help[] =
	"usage: charter sql \"SELECT ...\" [--format text|csv|json|md] [--limit N]\n"
	"\n"
	"Run one read-only SQL statement on the project.  The connection is\n"
	"opened read-only, so no statement can change the project.  The views\n"
	"v_cases, v_utterances, v_codings, v_coded, v_cells and v_case_attributes\n"
	"are documented in docs/SQL.md.  With --format csv or json the rows are\n"
	"written as they come, so large results stream.\n";

int cmd_sql(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, sql_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'},
		{"limit", required_argument, 0, 'l'},
		{0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	long limit = 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:l:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else if (ch == 'l') {
			limit = atol(optarg);
		} else {
			return usage_error(sql_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error(sql_help, "give one SQL statement");
	/* bring an older project up to date first, then read it read-only */
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_project_free(p);
	fw_error e;
	fw_error_clear(&e);
	if (fw_project_open(&p, c->project, FW_OPEN_READONLY | FW_OPEN_STRICT,
			    &e))
		return fail(&e);
	fw_table *t;
	fw_sink sink;
	/* rows are written as SQLite yields them: large results stream */
	int rc =
		fw_sql_query(&t, p, argv[optind], limit > 0 ? (size_t)limit : 0,
			     stream_sink(&sink, fmt), &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}
