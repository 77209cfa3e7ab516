/*
 * cmd_project.c: init, status, sources.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

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
                     int (*fn)(fw_project *, fw_table **, fw_error *))
{
	if (want_help(argc, argv, help))
		return EXIT_OK;
	static const struct option lo[] = {{"format", required_argument, 0, 'f'},
	                                   {0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(help, "bad option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(help, "unexpected argument '%s'", argv[optind]);
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_table *t;
	fw_error e;
	fw_error_clear(&e);
	int rc = fn(p, &t, &e);
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
	static const struct option lo[] = {{"format", required_argument, 0, 'f'},
	                                   {0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(turns_help, "bad option '%s'", argv[optind - 1]);
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
	int rc = fw_source_turns(p, argv[optind], &t, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}
