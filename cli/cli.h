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
#include "progress.h"
#include "table.h"

/* Exit codes: 0 done, 1 the input or the project said no, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *project; /* -p, $CHARTER_PROJECT or ./study.charter */
	int argc;            /* the verb and its arguments, for the history */
	char **argv;
	int suggested; /* --include-suggested: count pending suggestions */
	const char *coder; /* --coder NAME before the verb */
	const char *as;    /* --as NAME: coding blind as NAME */
} cli;

/* A verb: charter VERB ARGS (argv[0] is VERB). */
typedef int (*verb_fn)(cli *c, int argc, char **argv);

int cmd_init(cli *c, int argc, char **argv);
int cmd_status(cli *c, int argc, char **argv);
int cmd_ingest(cli *c, int argc, char **argv);
int cmd_sources(cli *c, int argc, char **argv);
int cmd_turns(cli *c, int argc, char **argv);
int cmd_speakers(cli *c, int argc, char **argv);
int cmd_source(cli *c, int argc, char **argv);
int cmd_cases(cli *c, int argc, char **argv);
int cmd_case(cli *c, int argc, char **argv);
int cmd_table(cli *c, int argc, char **argv);
int cmd_codebook(cli *c, int argc, char **argv);
int cmd_autocode(cli *c, int argc, char **argv);
int cmd_code(cli *c, int argc, char **argv);
int cmd_codings(cli *c, int argc, char **argv);
int cmd_uncode(cli *c, int argc, char **argv);
int cmd_chart(cli *c, int argc, char **argv);
int cmd_cell(cli *c, int argc, char **argv);
int cmd_query(cli *c, int argc, char **argv);
int cmd_sql(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_log(cli *c, int argc, char **argv);
int cmd_review(cli *c, int argc, char **argv);
int cmd_memo(cli *c, int argc, char **argv);
int cmd_undo(cli *c, int argc, char **argv);
int cmd_redo(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_coders(cli *c, int argc, char **argv);
int cmd_agree(cli *c, int argc, char **argv);
int cmd_coder(cli *c, int argc, char **argv);
int cmd_merge(cli *c, int argc, char **argv);
int cmd_views(cli *c, int argc, char **argv);

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

/* The verb's arguments as the history keeps them (shell-quoted), and in
 * *coder (if asked) the coder its --coder names; the caller frees. */
char *cli_args(const cli *c, const char **coder);
/* Print "charter: msg" to stderr; returns EXIT_FAIL. */
int die(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Print the fw_error; returns EXIT_FAIL. */
int fail(const fw_error *e);
/** EXIT_OK when path is a regular file, else the error printed and
 *  EXIT_FAIL: a verb checks its input before it locks the project. */
int input_file(const char *path);
/* A verb's work on the project: the project, opened to read or inside a
 * transaction to write, and the error and warnings the work gathers. */
typedef struct cli_job {
	fw_project *p;
	fw_error e;
	fw_diags dg;
	int write;
	fw_progress_bar pr; /* drawn on a terminal (or $CHARTER_PROGRESS=1) */
} cli_job;
/* JOB_WRITE: in a transaction, recorded in the history as one entry;
 * JOB_SQL: read-only, and the project must be up to date (charter sql);
 * JOB_OWN: opened to write, the work making its own transaction */
enum { JOB_READ = 0, JOB_WRITE = 1, JOB_SQL = 2, JOB_OWN = 3 };
/* Open the project (and, to write, begin a transaction); 0, or EXIT_FAIL
 * with the error printed. */
int job_open(cli_job *j, cli *c, int write);
/* Declare and open the job j in a verb, or return from it with the
 * failure. */
#define JOB_OPEN(j, c, mode)                                                   \
	cli_job j;                                                             \
	if (job_open(&j, c, mode))                                             \
	return EXIT_FAIL
/* End the job: to write, commit when rc is 0 and roll back otherwise;
 * print the warnings, and the error when rc is not 0; free the project.
 * Returns the exit status. */
int job_close(cli_job *j, int rc);
/* End a reading job whose work made *t, then print *t in fmt; frees it. */
int job_print(cli_job *j, int rc, fw_table **t, int fmt);
/* $VISUAL, else $EDITOR, else vi, on the file at path; 0 when it
 * exited well. */
int run_editor(const char *path);
/* A sink on stdout for a table in fmt, or NULL when fmt does not stream
 * (text aligns its columns over all rows). */
fw_sink *stream_sink(fw_sink *s, int fmt);
/* Write a table to stdout in fmt (or end a streamed one), or fail. */
int print_table(fw_table *t, int fmt);
/* The usual --coder option of a verb that writes. */
#define OPT_CODER(dest)                                                        \
	{                                                                      \
		OPT_STRING, "coder", &(dest), "NAME",                          \
			"the coder (default $CHARTER_CODER, then the login)",  \
			0,                                                     \
			0, 0                                                   \
	}

/* --include-suggested, for the verbs that count codings (ctx: the cli):
 * the job opened counts pending suggestions too. */
#define OPT_SUGGESTED(ctx)                                                     \
	{                                                                      \
		OPT_FLAG, "include-suggested", &((cli *)(ctx))->suggested, 0,  \
			"count auto-coding's suggestions not yet reviewed\n"   \
			"too (marked ?)",                                      \
			0, 0, 0                                                \
	}

/* A verb that lists a table and takes only --format: parse, open the
 * project read-only, make the table with fn, print it. */
int list_verb(const char *name, cli *c, int argc, char **argv,
	      int (*fn)(fw_table **, fw_project *, fw_error *));
/* The diagnostics of one severity as a list under a heading (nothing when
 * there are none). */
void print_diag_list(const char *head, const fw_diags *d, int severity,
		     FILE *fp);
/* An option's "a,b,c" split into names (empty items dropped). */
typedef struct cli_names {
	char buf[4096];
	const char *v[256];
	size_t n;
} cli_names;
void names_split(cli_names *l, const char *s);

#endif
