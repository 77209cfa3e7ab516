/*
 * opt.h: a verb's options declared once, in a table from which both the
 * parser and the verb's --help come (as libgit2's cli_opt_spec).  An
 * option a verb does not declare is a usage error, as is a missing
 * required one, a value outside its choices or bounds, or an argument too
 * many.
 */
#ifndef CHARTER_OPT_H
#define CHARTER_OPT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum {
	OPT_END = 0, /* ends a table */
	OPT_FLAG,    /* --name: *(int *)dest = 1 */
	OPT_STRING,  /* --name VALUE: *(const char **)dest */
	OPT_INT,     /* --name N: *(int *)dest, from min to max */
	OPT_CHOICE,  /* --name WORD: *(int *)dest = WORD's place in value */
	OPT_LIST,    /* --name VALUE, repeatable: cli_list *dest */
	OPT_ARG,     /* a positional argument: *(const char **)dest */
	OPT_ARGS     /* the positional arguments left: cli_list *dest */
};

#define CLI_LIST_MAX 256

/* Values of a repeatable option, or the arguments left; they point into
 * argv. */
typedef struct cli_list {
	const char *v[CLI_LIST_MAX];
	size_t n;
} cli_list;

typedef struct cli_opt {
	int type;
	const char *name; /* long name without "--"; an argument's NAME */
	void *dest;
	const char *value; /* the value's name in help; choices "a|b|c" */
	const char *help;  /* what it does, for --help */
	int required;      /* must be given */
	int min, max;      /* bounds of an OPT_INT */
} cli_opt;

/* A verb or sub-verb: "query matrix", its line for the verb list, and the
 * paragraphs --help prints after the options; written in cli/help.txt. */
typedef struct cli_cmd {
	const char *name;
	const char *summary;
	const char *about;
} cli_cmd;

/* The verb or sub-verb NAME ("cell set"); every verb has one. */
const cli_cmd *cli_cmd_find(const char *name);

/* Parse argv[1..] (argv[0] is the verb) by the table: 0 when parsed,
 * CLI_HELP when --help was asked and printed (the verb returns 0), or the
 * usage exit status after saying what is wrong. */
#define CLI_HELP (-1)
int cli_parse(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv);
/* "charter: MSG" on standard error. */
void cli_vsay(const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 0)))
#endif
	;
/* A usage error for this command: "charter: MSG" and how to get help. */
int cli_usage(const cli_cmd *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The command's usage line, options and about text. */
void cli_help(const cli_cmd *cmd, const cli_opt *opts, FILE *fp);

/* A verb with sub-verbs dispatches on argv[1]. */
typedef struct cli_sub {
	const char *name;
	int (*fn)(void *ctx, int argc, char **argv);
} cli_sub;
/* Run the sub-verb argv[1] names (with argv + 1), or print the sub-verbs
 * with their summaries (--help, or none given). */
int cli_dispatch(const char *verb, const cli_sub *subs, void *ctx, int argc,
		 char **argv);

#endif
