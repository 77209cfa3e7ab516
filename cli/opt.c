/*
 * opt.c: parsing a verb's options by its table, and its --help.
 */
#include "opt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_USAGE_ = 2 };

void cli_vsay(const char *fmt, va_list ap)
{
	fputs("charter: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage(const cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	fprintf(stderr, "(charter help %s says how to use it)\n", cmd->name);
	return EXIT_USAGE_;
}

static const cli_opt *find(const cli_opt *opts, const char *name, size_t n)
{
	for (const cli_opt *o = opts; o->type; o++)
		if (o->type != OPT_ARG && o->type != OPT_ARGS &&
		    strlen(o->name) == n && !strncmp(o->name, name, n))
			return o;
	return NULL;
}

/* The place of word among "a|b|c", -1 if none. */
static int choice(const char *choices, const char *word)
{
	size_t wl = strlen(word);
	int k = 0;
	for (const char *p = choices; *p; k++) {
		size_t l = strcspn(p, "|");
		if (l == wl && !strncmp(p, word, l))
			return k;
		p += l + (p[l] == '|');
	}
	return -1;
}

static int list_add(const cli_cmd *cmd, cli_list *l, const char *v,
		    const char *what)
{
	if (l->n == CLI_LIST_MAX)
		return cli_usage(cmd, "too many %s", what);
	l->v[l->n++] = v;
	return 0;
}

/* One option and its value (val may be NULL: none given). */
static int take(const cli_cmd *cmd, const cli_opt *o, const char *val)
{
	char *end;
	long n;
	switch (o->type) {
	case OPT_FLAG:
		if (val)
			return cli_usage(cmd, "--%s takes no value", o->name);
		*(int *)o->dest = 1;
		return 0;
	case OPT_STRING: *(const char **)o->dest = val; return 0;
	case OPT_INT:
		n = strtol(val, &end, 10);
		if (end == val || *end || n < o->min || n > o->max)
			return cli_usage(cmd,
					 "--%s takes a number from %d to %d",
					 o->name, o->min, o->max);
		*(int *)o->dest = (int)n;
		return 0;
	case OPT_CHOICE:
		if ((n = choice(o->value, val)) < 0)
			return cli_usage(cmd, "--%s is one of %s, not '%s'",
					 o->name, o->value, val);
		*(int *)o->dest = (int)n;
		return 0;
	default: {
		char what[64];
		snprintf(what, sizeof what, "--%s", o->name);
		return list_add(cmd, o->dest, val, what);
	}
	}
}

static int positional(const cli_cmd *cmd, const cli_opt *opts, size_t *next,
		      const char *arg)
{
	size_t k = 0;
	for (const cli_opt *o = opts; o->type; o++) {
		if (o->type == OPT_ARGS)
			return list_add(cmd, o->dest, arg, "arguments");
		if (o->type == OPT_ARG && k++ == *next) {
			(*next)++;
			*(const char **)o->dest = arg;
			return 0;
		}
	}
	return cli_usage(cmd, "unexpected argument '%s'", arg);
}

/* Every required option and argument given. */
static int check_required(const cli_cmd *cmd, const cli_opt *opts, size_t nargs,
			  const unsigned char *seen)
{
	size_t k = 0, i = 0;
	for (const cli_opt *o = opts; o->type; o++, i++) {
		int given = o->type == OPT_ARG    ? k++ < nargs
			    : o->type == OPT_ARGS ? ((cli_list *)o->dest)->n > 0
						  : seen[i];
		if (o->required && !given)
			return o->type == OPT_ARG || o->type == OPT_ARGS
				       ? cli_usage(cmd, "%s needs %s",
						   cmd->name, o->name)
				       : cli_usage(cmd, "%s needs --%s %s",
						   cmd->name, o->name,
						   o->value ? o->value : "");
	}
	return 0;
}

int cli_parse(const cli_cmd *cmd, const cli_opt *opts, int argc, char **argv)
{
	unsigned char seen[64] = {0};
	size_t nargs = 0;
	int only_args = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			int rc = positional(cmd, opts, &nargs, a);
			if (rc)
				return rc;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_help(cmd, opts, stdout);
			return CLI_HELP;
		}
		if (a[1] != '-')
			return cli_usage(cmd, "unknown option '%s'", a);
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		const cli_opt *o = find(opts, name, nl);
		if (!o)
			return cli_usage(cmd, "%s takes no option '--%.*s'",
					 cmd->name, (int)nl, name);
		const char *val = eq ? eq + 1 : NULL;
		if (o->type != OPT_FLAG && !val) {
			if (i + 1 >= argc)
				return cli_usage(cmd, "--%s needs %s", o->name,
						 o->value ? o->value
							  : "a value");
			val = argv[++i];
		}
		int rc = take(cmd, o, val);
		if (rc)
			return rc;
		size_t idx = (size_t)(o - opts);
		if (idx < sizeof seen)
			seen[idx] = 1;
	}
	return check_required(cmd, opts, nargs, seen);
}

/* ---- help ---------------------------------------------------------------- */

/* "--name VALUE" (or "NAME" for an argument), as usage and help show it. */
static void spell(char *out, size_t n, const cli_opt *o)
{
	if (o->type == OPT_ARG)
		snprintf(out, n, "%s", o->name);
	else if (o->type == OPT_ARGS)
		snprintf(out, n, "%s...", o->name);
	else if (o->type == OPT_FLAG)
		snprintf(out, n, "--%s", o->name);
	else
		snprintf(out, n, "--%s %s%s", o->name,
			 o->value ? o->value : "VALUE",
			 o->type == OPT_LIST ? "..." : "");
}

static void usage_line(const cli_cmd *cmd, const cli_opt *opts, FILE *fp)
{
	char line[4096];
	int col = snprintf(line, sizeof line, "usage: charter %s", cmd->name);
	int indent = col;
	fputs(line, fp);
	for (const cli_opt *o = opts; o->type; o++) {
		char w[200], item[220];
		spell(w, sizeof w, o);
		int rep = o->type == OPT_LIST;
		if (rep)
			w[strlen(w) - 3] = 0; /* [--where A=V]... */
		snprintf(item, sizeof item, o->required ? " %s%s" : " [%s]%s",
			 w, rep ? "..." : "");
		int len = (int)strlen(item);
		if (col + len > 78) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
		}
		fputs(item, fp);
		col += len;
	}
	fputc('\n', fp);
}

void cli_help(const cli_cmd *cmd, const cli_opt *opts, FILE *fp)
{
	usage_line(cmd, opts, fp);
	if (cmd->about)
		fprintf(fp, "\n%s", cmd->about);
	int any = 0;
	for (const cli_opt *o = opts; o->type; o++) {
		if (!o->help)
			continue;
		if (!any++)
			fputc('\n', fp);
		char w[200];
		spell(w, sizeof w, o);
		/* the help's lines under one another, after a column */
		if (strlen(w) > 22) {
			fprintf(fp, "  %s\n", w);
			w[0] = 0;
		}
		for (const char *h = o->help; *h; w[0] = 0) {
			size_t l = strcspn(h, "\n");
			fprintf(fp, "  %-22s %.*s\n", w, (int)l, h);
			h += l + (h[l] == '\n');
		}
	}
}

int cli_dispatch(const char *verb, const cli_sub *subs, void *ctx, int argc,
		 char **argv)
{
	const char *want = argc > 1 ? argv[1] : NULL;
	if (want && strcmp(want, "--help") && strcmp(want, "-h"))
		for (const cli_sub *s = subs; s->name; s++)
			if (!strcmp(s->name, want))
				return s->fn(ctx, argc - 1, argv + 1);
	FILE *fp = want && (!strcmp(want, "--help") || !strcmp(want, "-h"))
			   ? stdout
			   : stderr;
	if (fp == stderr)
		fprintf(fp,
			want ? "charter: %s has no sub-verb '%s'\n"
			     : "charter: %s needs a sub-verb\n",
			verb, want);
	fprintf(fp, "usage: charter %s SUB-VERB [ARGS]\n\n", verb);
	fprintf(fp, "%s\n", cli_cmd_find(verb)->about);
	for (const cli_sub *s = subs; s->name; s++) {
		char full[64];
		snprintf(full, sizeof full, "%s %s", verb, s->name);
		fprintf(fp, "  %-12s %s\n", s->name,
			cli_cmd_find(full)->summary);
	}
	fprintf(fp, "\n`charter help %s SUB-VERB` explains one.\n", verb);
	return fp == stdout ? 0 : EXIT_USAGE_;
}
