/*
 * cli.h: what the verbs of the charter command share.  Each verb group
 * has a file named for the framework module it drives (cmd_source.c for
 * sources, cmd_chart.c for charts ...); every verb declares its options in
 * a table (opt.h) from which its parsing and its --help come.
 */
#ifndef CHARTER_CLI_H
#define CHARTER_CLI_H

#include "opt.h"

#include "errors.h"
#include "fw/project.h"
#include "table.h"

/* Exit codes: 0 done, 1 the input or the project said no, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *project; /* -p, $CHARTER_PROJECT or ./study.charter */
} cli;

/* A verb: charter VERB ARGS (argv[0] is VERB). */
typedef int (*verb_fn)(cli *c, int argc, char **argv);

int cmd_init(cli *c, int argc, char **argv);
int cmd_status(cli *c, int argc, char **argv);
int cmd_ingest(cli *c, int argc, char **argv);
int cmd_sources(cli *c, int argc, char **argv);
int cmd_turns(cli *c, int argc, char **argv);
int cmd_cases(cli *c, int argc, char **argv);
int cmd_case(cli *c, int argc, char **argv);
int cmd_table(cli *c, int argc, char **argv);
int cmd_codebook(cli *c, int argc, char **argv);
int cmd_autocode(cli *c, int argc, char **argv);
int cmd_code(cli *c, int argc, char **argv);
int cmd_codings(cli *c, int argc, char **argv);
int cmd_chart(cli *c, int argc, char **argv);
int cmd_cell(cli *c, int argc, char **argv);
int cmd_query(cli *c, int argc, char **argv);
int cmd_sql(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);

/* The usual --format option of a verb that lists rows. */
#define FORMAT_CHOICES "text|csv|json|md"
#define OPT_FORMAT(dest)                                                       \
	{                                                                      \
		OPT_CHOICE, "format", &(dest), FORMAT_CHOICES,                 \
			"how to write the rows (default text)", 0, 0, 0        \
	}

/* Parse; on help or a usage error return from the verb with its status. */
#define PARSE(cmd, opts, argc, argv)                                           \
	do {                                                                   \
		int parse_rc_ = cli_parse(cmd, opts, argc, argv);              \
		if (parse_rc_)                                                 \
			return parse_rc_ == CLI_HELP ? EXIT_OK : parse_rc_;    \
	} while (0)

/* Print "charter: msg" to stderr; returns EXIT_FAIL. */
int die(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Print the fw_error; returns EXIT_FAIL. */
int fail(const fw_error *e);
/* Open the project for reading or writing; prints the error. */
fw_project *open_project(cli *c, int readonly);
/* Finish a writing verb: commit on rc == 0, else roll back; frees p. */
int finish(fw_project *p, int rc, fw_error *err);
/* A sink on stdout for a table in fmt, or NULL when fmt does not stream
 * (text aligns its columns over all rows). */
fw_sink *stream_sink(fw_sink *s, int fmt);
/* Write a table to stdout in fmt (or end a streamed one), or fail. */
int print_table(fw_table *t, int fmt);
/* Open the project read-only, make a table with fn, print it. */
int list_table(cli *c, int fmt,
	       int (*fn)(fw_table **, fw_project *, fw_error *));
/* The diagnostics of one severity as a list under a heading (nothing when
 * there are none). */
void print_diag_list(const char *head, const fw_diags *d, int severity,
		     FILE *fp);
/* Split "a,b,c" (changed in place) into v; returns how many. */
size_t split_commas(char *s, const char **v, size_t max);

#endif
