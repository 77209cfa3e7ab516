/*
 * charter.c: the command-line tool.  `charter [-p PROJECT] VERB [ARGS]`,
 * and `charter help VERB [SUB-VERB]`.
 */
#include "cli.h"
#include "fileio.h"
#include "fw/coder.h"
#include "fw/history.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	verb_fn fn;
} verbs[] = {
	{"init", cmd_init},         {"ingest", cmd_ingest},
	{"sources", cmd_sources},   {"turns", cmd_turns},
	{"speakers", cmd_speakers}, {"source", cmd_source},
	{"cases", cmd_cases},       {"case", cmd_case},
	{"table", cmd_table},       {"codebook", cmd_codebook},
	{"autocode", cmd_autocode}, {"code", cmd_code},
	{"codings", cmd_codings},   {"uncode", cmd_uncode},
	{"chart", cmd_chart},       {"cell", cmd_cell},
	{"query", cmd_query},       {"sql", cmd_sql},
	{"report", cmd_report},     {"export", cmd_export},
	{"import", cmd_import},     {"status", cmd_status},
	{"log", cmd_log},           {"undo", cmd_undo},
	{"review", cmd_review},     {"memo", cmd_memo},
	{"coders", cmd_coders},     {"coder", cmd_coder},
	{"agree", cmd_agree},       {"merge", cmd_merge},
	{"views", cmd_views},       {"redo", cmd_redo},
	{"serve", cmd_serve},
};
#define NVERBS (sizeof verbs / sizeof verbs[0])

static void usage(FILE *fp)
{
	fputs("usage: charter [-p PROJECT] [--coder NAME | --as NAME] VERB "
	      "[ARGS]\n"
	      "\n"
	      "The Framework method from transcripts to report.  PROJECT\n"
	      "defaults to $CHARTER_PROJECT, then ./study.charter.  NAME is\n"
	      "the coder writing verbs record (default $CHARTER_CODER, then\n"
	      "the login name); --as NAME codes blind: only NAME's codings\n"
	      "and cells are shown.\n"
	      "\n"
	      "verbs:\n",
	      fp);
	for (size_t k = 0; k < NVERBS; k++)
		fprintf(fp, "  %-10s %s\n", verbs[k].name,
			cli_cmd_find(verbs[k].name)->summary);
	fputs("\n`charter help VERB` explains a verb.\n", fp);
}

static verb_fn find_verb(const char *name)
{
	for (size_t k = 0; k < NVERBS; k++)
		if (!strcmp(name, verbs[k].name))
			return verbs[k].fn;
	return NULL;
}

/* "charter: WHAT ARG" and the usage, on standard error. */
static int top_usage(const char *what, const char *arg)
{
	fprintf(stderr, arg ? "charter: %s '%s'\n" : "charter: %s\n", what,
		arg);
	usage(stderr);
	return EXIT_USAGE;
}

/* charter help [VERB [SUB-VERB]]: the verb's own --help. */
static int help(cli *c, int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	verb_fn fn = find_verb(argv[1]);
	if (!fn)
		return top_usage("no verb", argv[1]);
	char *args[4] = {argv[1], NULL, NULL, NULL};
	int n = 1;
	if (argc > 2)
		args[n++] = argv[2];
	args[n++] = "--help";
	return fn(c, n, args);
}

static int run(cli *c, int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "--project")) {
			if (++i >= argc)
				return top_usage("a project file must follow",
						 argv[i - 1]);
			c->project = argv[i];
		} else if (!strncmp(argv[i], "--project=", 10)) {
			c->project = argv[i] + 10;
		} else if (!strcmp(argv[i], "--coder") ||
			   !strcmp(argv[i], "--as")) {
			if (++i >= argc || !argv[i][0])
				return top_usage("a coder's name must follow",
						 argv[i - 1]);
			const char **to =
				argv[i - 1][2] == 'a' ? &c->as : &c->coder;
			*to = argv[i];
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("charter %s (project schema %d)\n", FW_VERSION,
			       fw_schema_version());
			return EXIT_OK;
		} else {
			return top_usage("unknown option", argv[i]);
		}
	}
	if (c->as && c->coder && strcmp(c->as, c->coder))
		return top_usage("--as and --coder name two coders; coding "
				 "blind as a coder writes as that coder",
				 NULL);
	/* the coder every writing verb records, as $CHARTER_CODER would */
	if (c->as || c->coder)
		setenv("CHARTER_CODER", c->as ? c->as : c->coder, 1);
	if (i >= argc)
		return top_usage("no verb given", NULL);
	if (!strcmp(argv[i], "help"))
		return help(c, argc - i, argv + i);
	verb_fn fn = find_verb(argv[i]);
	if (!fn)
		return top_usage("unknown verb", argv[i]);
	c->argc = argc - i;
	c->argv = argv + i;
	return fn(c, argc - i, argv + i);
}

int main(int argc, char **argv)
{
	cli c = {0};
	c.project = getenv("CHARTER_PROJECT");
	if (!c.project || !*c.project)
		c.project = "study.charter";
	int rc = run(&c, argc, argv);
	/* output that could not all be written is a failure */
	if (fflush(stdout) || ferror(stdout)) {
		fputs("charter: cannot write the output\n", stderr);
		return EXIT_FAIL;
	}
	return rc;
}

/* ---- shared by the verbs ------------------------------------------------- */

int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vsay(fmt, ap);
	va_end(ap);
	return EXIT_FAIL;
}

int input_file(const char *path)
{
	fw_error e;
	fw_error_clear(&e);
	return fw_file_regular(path, &e) ? fail(&e) : EXIT_OK;
}

int fail(const fw_error *e)
{
	fw_error_print(e, stderr);
	return EXIT_FAIL;
}

/* The verb's arguments as a shell would take them back: words quoted
 * when they hold anything but letters, digits and -_./,:=+@% */
static void quote_arg(fw_buf *b, const char *a)
{
	int plain = *a != 0;
	for (const char *s = a; *s && plain; s++)
		plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			(*s >= '0' && *s <= '9') || strchr("-_./,:=+@%", *s) ||
			(unsigned char)*s >= 0x80;
	if (plain) {
		fw_buf_puts(b, a);
		return;
	}
	fw_buf_putc(b, '\'');
	for (const char *s = a; *s; s++)
		if (*s == '\'')
			fw_buf_puts(b, "'\\''");
		else
			fw_buf_putc(b, *s);
	fw_buf_putc(b, '\'');
}

char *cli_args(const cli *c, const char **coder)
{
	fw_buf args;
	fw_buf_init(&args);
	if (coder)
		*coder = NULL;
	for (int i = 1; i < c->argc; i++) {
		if (i > 1)
			fw_buf_putc(&args, ' ');
		quote_arg(&args, c->argv[i]);
		if (!coder)
			continue;
		if (!strcmp(c->argv[i], "--coder") && i + 1 < c->argc)
			*coder = c->argv[i + 1];
		else if (!strncmp(c->argv[i], "--coder=", 8))
			*coder = c->argv[i] + 8;
	}
	return fw_buf_detach(&args);
}

/* Record the writing verb in the history: its arguments, and the coder
 * its --coder names (else the default coder). */
static int record(cli_job *j, const cli *c)
{
	const char *coder;
	char *args = cli_args(c, &coder);
	int rc = fw_history_record(j->p, c->argc ? c->argv[0] : "?", args,
				   coder, &j->e);
	free(args);
	return rc;
}

static void draw_progress(void *ctx, const char *what, const char *unit,
			  size_t done, size_t total)
{
	fw_progress_draw(ctx, what, unit, done, total);
}

/* Progress on standard error when it is a terminal, or when
 * $CHARTER_PROGRESS is 1 (tests); never into a file or a pipe else. */
static void job_progress(cli_job *j)
{
	const char *force = getenv("CHARTER_PROGRESS");
	int on = force && *force ? !strcmp(force, "1") : isatty(2);
	fw_progress_start(&j->pr, on ? stderr : NULL);
	if (on)
		fw_project_on_progress(j->p, draw_progress, &j->pr);
}

static void tell_wait(void *ctx, const char *who)
{
	(void)ctx;
	fprintf(stderr, "charter: waiting for %s to finish writing ...\n",
		who[0] ? who : "another charter");
}

/* Coding blind: --as NAME, or the project's blind setting with the coder
 * $CHARTER_CODER (or the login name) says. */
static int job_blind(cli_job *j, cli *c)
{
	const char *who = c->as;
	char *on = NULL;
	if (!who && !fw_setting_get(&on, j->p, "blind", NULL) && on &&
	    !strcmp(on, "on"))
		who = fw_coder_name(NULL);
	free(on);
	return who ? fw_project_blind(j->p, who, &j->e) : 0;
}

int job_open(cli_job *j, cli *c, int write)
{
	memset(j, 0, sizeof *j);
	fw_error_clear(&j->e);
	fw_diags_init(&j->dg);
	j->write = write == JOB_WRITE;
	int how = write == JOB_WRITE || write == JOB_OWN ? FW_OPEN_RW
		  : write == JOB_SQL ? FW_OPEN_READONLY | FW_OPEN_STRICT
				     : FW_OPEN_READONLY;
	if (fw_project_open(&j->p, c->project, how, &j->e))
		return fail(&j->e);
	if (fw_project_notice(j->p))
		fprintf(stderr, "charter: note: %s\n", fw_project_notice(j->p));
	/* $CHARTER_WAIT: seconds to wait for another writer (default 60) */
	const char *w = getenv("CHARTER_WAIT");
	if (w && *w) {
		double s = atof(w);
		fw_project_busy_timeout(
			j->p,
			s > 0 ? (int)((s < 86400 ? s : 86400) * 1000) : 0);
	}
	fw_project_on_wait(j->p, tell_wait, NULL);
	job_progress(j);
	if ((c->suggested && fw_project_count_suggested(j->p, 1, &j->e)) ||
	    job_blind(j, c)) {
		fw_project_free(j->p);
		return fail(&j->e);
	}
	if (j->write && (fw_project_begin(j->p, &j->e) || record(j, c))) {
		fw_project_free(j->p);
		return fail(&j->e);
	}
	return 0;
}

int job_close(cli_job *j, int rc)
{
	fw_progress_end(&j->pr);
	if (j->write && !rc && fw_project_commit(j->p, &j->e))
		rc = FW_EIO;
	if (j->write && rc)
		fw_project_rollback(j->p);
	fw_project_free(j->p);
	j->p = NULL;
	fw_diags_print(&j->dg, stderr);
	fw_diags_dispose(&j->dg);
	return rc ? fail(&j->e) : EXIT_OK;
}

int run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "%s '%s'", ed, path);
	return system(cmd) != 0;
}

fw_sink *stream_sink(fw_sink *s, int fmt)
{
	if (!fw_format_streams(fmt))
		return NULL;
	fw_sink_init(s, stdout, fmt);
	return s;
}

int print_table(fw_table *t, int fmt)
{
	if (fw_table_write(t, fmt, stdout) || fflush(stdout))
		return die("cannot write output");
	return EXIT_OK;
}

int job_print(cli_job *j, int rc, fw_table **t, int fmt)
{
	if (!(rc = job_close(j, rc)))
		rc = print_table(*t, fmt);
	fw_table_free(*t);
	*t = NULL;
	return rc;
}

int list_verb(const char *name, cli *c, int argc, char **argv,
	      int (*fn)(fw_table **, fw_project *, fw_error *))
{
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {OPT_FORMAT(fmt), {0}};
	PARSE(cli_cmd_find(name), opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fn(&t, j.p, &j.e), &t, fmt);
}

void print_diag_list(const char *head, const fw_diags *d, int severity,
		     FILE *fp)
{
	int any = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity != severity)
			continue;
		if (!any++)
			fprintf(fp, "%s\n", head);
		fprintf(fp, "  %s\n", d->v[i].msg);
	}
}

void names_split(cli_names *l, const char *s)
{
	snprintf(l->buf, sizeof l->buf, "%s", s ? s : "");
	l->n = 0;
	for (char *tok = strtok(l->buf, ","); tok && l->n < 256;
	     tok = strtok(NULL, ","))
		if (*tok)
			l->v[l->n++] = tok;
}
