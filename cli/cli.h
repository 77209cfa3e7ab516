/*
 * cli.h: what the verbs of the charter command share.
 */
#ifndef CHARTER_CLI_H
#define CHARTER_CLI_H

#include "fw.h"

/* Exit codes: 0 done, 1 the input or the project said no, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *project; /* -p, $CHARTER_PROJECT or ./study.charter */
	const char *prog;
} cli;

typedef int (*verb_fn)(cli *c, int argc, char **argv);

int cmd_init(cli *c, int argc, char **argv);
int cmd_ingest(cli *c, int argc, char **argv);
int cmd_sources(cli *c, int argc, char **argv);
int cmd_turns(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_case(cli *c, int argc, char **argv);
int cmd_sql(cli *c, int argc, char **argv);
int cmd_query(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_cases(cli *c, int argc, char **argv);
int cmd_codebook(cli *c, int argc, char **argv);
int cmd_autocode(cli *c, int argc, char **argv);
int cmd_code(cli *c, int argc, char **argv);
int cmd_codings(cli *c, int argc, char **argv);
int cmd_chart(cli *c, int argc, char **argv);
int cmd_cell(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_table(cli *c, int argc, char **argv);
int cmd_status(cli *c, int argc, char **argv);

/* Print "charter: msg" to stderr; returns EXIT_FAIL. */
int die(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Print a usage error and the verb's usage line; returns EXIT_USAGE. */
int usage_error(const char *usage, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Print the fw_error; returns EXIT_FAIL. */
int fail(const fw_error *e);
/* Is argv[i] "--help" or "-h"?  Then print help and return 1. */
int want_help(int argc, char **argv, const char *help);
/* Open the project for reading or writing; prints the error. */
fw_project *open_project(cli *c, int readonly);
/* Parse --format; -1 and a message if bad. */
int parse_format(const char *s);
/* The diagnostics of one severity as a list under a heading (nothing when
 * there are none). */
void print_diag_list(const char *head, const fw_diags *d, int severity,
		     FILE *fp);
/* A sink on stdout for a table in fmt, or NULL when fmt does not stream
 * (text aligns its columns over all rows). */
fw_sink *stream_sink(fw_sink *s, int fmt);
/* Write a table to stdout in fmt (or end a streamed one), or fail. */
int print_table(fw_table *t, int fmt);
/* Finish a writing verb: commit on rc == 0, else roll back. */
int finish(fw_project *p, int rc, fw_error *err);

#endif
