/*
 * cmd_review.c: charter review: walking the pending suggestions one by
 * one (the turn with the coded words marked, the code's definition and
 * guidance, a key per decision), and deciding them by script (accept,
 * reject, reset), listing them and counting them.
 */
#include "cli.h"
#include "fw/history.h"
#include "fw/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The filter options every review sub-verb takes. */
typedef struct filter_opts {
	fw_review_filter f;
	int rule, id;
} filter_opts;

#define LINE_MAX_ 100000000

#define FILTER_OPTS(o)                                                         \
	{OPT_STRING,                                                           \
	 "code",                                                               \
	 &(o).f.code,                                                          \
	 "CODE",                                                               \
	 "the suggestions for CODE and its sub-themes",                        \
	 0,                                                                    \
	 0,                                                                    \
	 0},                                                                   \
		{OPT_STRING,                                                   \
		 "source",                                                     \
		 &(o).f.source,                                                \
		 "NAME",                                                       \
		 "the suggestions in one transcript",                          \
		 0,                                                            \
		 0,                                                            \
		 0},                                                           \
		{OPT_STRING,                                                   \
		 "case",                                                       \
		 &(o).f.case_name,                                             \
		 "CASE",                                                       \
		 "the suggestions that count for one case",                    \
		 0,                                                            \
		 0,                                                            \
		 0},                                                           \
		{OPT_INT,                                                      \
		 "rule",                                                       \
		 &(o).rule,                                                    \
		 "N",                                                          \
		 "the suggestions rule N made (review list shows rules)",      \
		 0,                                                            \
		 1,                                                            \
		 2000000000},                                                  \
		{OPT_INT,                                                      \
		 "id",                                                         \
		 &(o).id,                                                      \
		 "ID",                                                         \
		 "one coding, whatever was decided of it",                     \
		 0,                                                            \
		 1,                                                            \
		 2000000000},                                                  \
	{                                                                      \
		OPT_INT, "line", &(o).f.line, "N",                             \
			"the suggestions that cover line N (with --source)",   \
			0, 1, LINE_MAX_                                        \
	}

static void filter_done(filter_opts *o)
{
	o->f.rule = o->rule;
	o->f.id = o->id;
}

static int filtered(const filter_opts *o)
{
	return o->f.code || o->f.source || o->f.case_name || o->rule || o->id ||
	       o->f.line;
}

/* accept / reject / reset: one decision over every selected coding */
static int decide(void *ctx, int argc, char **argv, const char *sub, int status)
{
	char name[32];
	snprintf(name, sizeof name, "review %s", sub);
	filter_opts o = {0};
	const char *coder = NULL;
	int all = 0;
	cli_opt opts[] = {
		FILTER_OPTS(o),
		{OPT_FLAG, "all", &all, 0,
		 "every pending suggestion (needed when no other option\n"
		 "says which)",
		 0, 0, 0},
		OPT_CODER(coder),
		{0}};
	PARSE(cli_cmd_find(name), opts, argc, argv);
	filter_done(&o);
	if (!filtered(&o) && !all)
		return die("say which suggestions to %s: --code, --source, "
			   "--case, --rule, --id, or --all",
			   sub);
	JOB_OPEN(j, ctx, JOB_WRITE);
	long n = 0;
	int rc = fw_review_decide(&n, j.p, &o.f, status, coder, &j.e);
	long left = 0;
	if (!rc)
		rc = fw_review_pending(&left, j.p, &j.e);
	if (!(rc = job_close(&j, rc)))
		printf("%ld %s %s; %ld pending\n", n,
		       n == 1 ? "coding" : "codings",
		       status == FW_CONFIRMED  ? "accepted"
		       : status == FW_REJECTED ? "rejected"
					       : "back to pending",
		       left);
	return rc;
}

static int review_accept(void *ctx, int argc, char **argv)
{
	return decide(ctx, argc, argv, "accept", FW_CONFIRMED);
}

static int review_reject(void *ctx, int argc, char **argv)
{
	return decide(ctx, argc, argv, "reject", FW_REJECTED);
}

static int review_reset(void *ctx, int argc, char **argv)
{
	return decide(ctx, argc, argv, "reset", FW_SUGGESTED);
}

static int review_list(void *ctx, int argc, char **argv)
{
	filter_opts o = {0};
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {FILTER_OPTS(o), OPT_FORMAT(fmt), {0}};
	PARSE(cli_cmd_find("review list"), opts, argc, argv);
	filter_done(&o);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_review_list(&t, j.p, &o.f, &j.e), &t, fmt);
}

static int review_status(void *ctx, int argc, char **argv)
{
	return list_verb("review status", ctx, argc, argv, fw_review_summary);
}

/* ---- the walk ------------------------------------------------------------ */

/* The keyboard: one key at a time from a terminal (raw, restored after),
 * or the characters of standard input, white space passed over. */
typedef struct keys {
	int tty;
	struct termios saved;
} keys;

static void keys_open(keys *k)
{
	k->tty = isatty(0) && tcgetattr(0, &k->saved) == 0;
	if (k->tty) {
		struct termios raw = k->saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &raw);
	}
}

static void keys_close(keys *k)
{
	if (k->tty)
		tcsetattr(0, TCSANOW, &k->saved);
}

static int key_next(keys *k)
{
	for (;;) {
		int c = getchar();
		if (c == EOF || c == 3 || c == 4) /* end, ^C, ^D: quit */
			return 'q';
		if (!k->tty &&
		    (c == ' ' || c == '\n' || c == '\t' || c == '\r'))
			continue;
		return c;
	}
}

/* A line typed after a key (the code to recode to), echoed. */
static void key_line(keys *k, char *buf, size_t n)
{
	if (k->tty)
		tcsetattr(0, TCSANOW, &k->saved);
	buf[0] = 0;
	while (buf[0] == 0 && fgets(buf, (int)n, stdin)) {
		buf[strcspn(buf, "\r\n")] = 0;
		char *s = buf;
		while (*s == ' ' || *s == '\t')
			s++;
		memmove(buf, s, strlen(s) + 1);
		if (!k->tty)
			break;
	}
	if (k->tty)
		keys_open(k);
}

static void show(const fw_review_item *it, int tty)
{
	char lines[40];
	snprintf(lines, sizeof lines,
		 it->line_end > it->line_start ? "L%d-%d" : "L%d",
		 it->line_start, it->line_end);
	printf("\n-- suggestion %ld of %ld: coding %lld, %s %s, case %s\n",
	       it->position, it->pending, it->id, it->source, lines,
	       it->case_name ? it->case_name : "(none)");
	printf("%s %s", it->code, it->code_name);
	if (it->definition && *it->definition)
		printf(": %s", it->definition);
	putchar('\n');
	if (it->use_when && *it->use_when)
		printf("  use when: %s\n", it->use_when);
	if (it->not_when && *it->not_when)
		printf("  not when: %s\n", it->not_when);
	if (it->rule && *it->rule)
		printf("  rule: %s\n", it->rule);
	/* the coded words marked, what the rule matched in them marked
	 * again: reverse video and bold on a terminal, [[ {{ }} ]] else */
	const char *sp = it->span ? it->span : "";
	size_t at = it->match_len ? it->match_at : strlen(sp),
	       n = it->match_len;
	printf("\n%s%s%s%s%.*s%s%.*s%s%s%s%s\n\n",
	       it->speaker ? it->speaker : "", it->speaker ? ": " : "",
	       it->before ? it->before : "", tty ? "\033[7m" : "[[", (int)at,
	       sp, n ? (tty ? "\033[1m" : "{{") : "", (int)n, sp + at,
	       n ? (tty ? "\033[22m" : "}}") : "", sp + at + n,
	       tty ? "\033[0m" : "]]", it->after ? it->after : "");
	fputs("[a]ccept [r]eject [s]kip [c]ode to... [u]ndo [q]uit > ", stdout);
	fflush(stdout);
}

typedef struct tally {
	long accepted, rejected, recoded, skipped;
} tally;

/* One decision as its own transaction and history entry. */
static int walk_decide(fw_project *p, long long id, int key, const char *code,
		       const char *coder, fw_error *e)
{
	char args[160];
	snprintf(args, sizeof args, "%s --id %lld%s%s",
		 key == 'a'   ? "accept"
		 : key == 'r' ? "reject"
			      : "recode",
		 id, code ? " --code " : "", code ? code : "");
	int rc = fw_project_begin(p, e);
	if (rc)
		return rc;
	rc = fw_history_record(p, "review", args, coder, e);
	fw_review_filter f = {.id = id};
	long n;
	if (!rc)
		rc = key == 'c' ? fw_coding_move(p, id, code, coder, e)
				: fw_review_decide(&n, p, &f,
						   key == 'a' ? FW_CONFIRMED
							      : FW_REJECTED,
						   coder, e);
	rc = rc ? rc : fw_project_commit(p, e);
	if (rc)
		fw_project_rollback(p);
	return rc;
}

/* Where the walk stopped, kept outside the history (it is no decision). */
static void remember(fw_project *p, long long id)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", id);
	fw_setting_set(p, "review_at", v, NULL);
}

static int walk_one(cli_job *j, const fw_review_item *it, keys *k,
		    const char *coder, tally *t)
{
	for (;;) {
		int key = key_next(k);
		if (k->tty)
			printf("%c\n", key);
		char code[64] = "";
		if (key == 'c') {
			fputs("code: ", stdout);
			fflush(stdout);
			key_line(k, code, sizeof code);
			if (!code[0])
				continue;
		}
		if (key == 'a' || key == 'r' || key == 'c') {
			fw_error_clear(&j->e);
			if (walk_decide(j->p, it->id, key,
					key == 'c' ? code : NULL, coder,
					&j->e)) {
				fw_error_print(&j->e, stdout);
				fputs("> ", stdout);
				fflush(stdout);
				continue;
			}
			*(key == 'a'   ? &t->accepted
			  : key == 'r' ? &t->rejected
				       : &t->recoded) += 1;
			return key;
		}
		if (key == 's' || key == 'q' || key == 'u') {
			if (key == 's')
				t->skipped++;
			return key;
		}
		fputs("a: it is this code; r: it is not; s: decide later; "
		      "c: it is another code; u: take back the last decision; "
		      "q: stop here\n> ",
		      stdout);
		fflush(stdout);
	}
}

/* Ids of the suggestions skipped in this walk: meeting one again means
 * every pending suggestion has been seen. */
typedef struct seen {
	long long *v;
	size_t n;
} seen;

static int seen_has(const seen *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	return 0;
}

/* 'u': take back the walk's last decision (its coding and key), to be
 * shown again; 1 when taken back. */
static int walk_undo(cli_job *j, const char *coder, long long *after,
		     long long last, int key, tally *t)
{
	fw_table *u = NULL;
	int done = 0;
	if (!last)
		puts("no decision of this walk to take back");
	else if (fw_history_undo(&u, j->p, 0, 0, coder, &j->e))
		fw_error_print(&j->e, stdout);
	else {
		printf("took back %s\n", fw_table_cell(u, 0, 1));
		*after = last - 1;
		*(key == 'a'   ? &t->accepted
		  : key == 'r' ? &t->rejected
			       : &t->recoded) -= 1;
		done = 1;
	}
	fw_table_free(u);
	fw_error_clear(&j->e);
	return done;
}

static int review_walk(void *ctx, int argc, char **argv)
{
	filter_opts o = {0};
	const char *coder = NULL;
	cli_opt opts[] = {FILTER_OPTS(o), OPT_CODER(coder), {0}};
	PARSE(cli_cmd_find("review walk"), opts, argc, argv);
	filter_done(&o);
	o.f.id = 0;
	JOB_OPEN(j, ctx, JOB_OWN);
	char *at = NULL;
	fw_setting_get(&at, j.p, "review_at", NULL);
	long long after = at ? atoll(at) : 0, last = 0;
	int last_key = 0;
	free(at);
	keys k;
	keys_open(&k);
	tally t = {0};
	seen skipped = {0};
	int rc = 0, key = 0, tty = isatty(1), shown = 0;
	fw_review_item it;
	while (key != 'q' &&
	       (rc = fw_review_next(&it, j.p, &o.f, after, &j.e)) > 0) {
		if (seen_has(&skipped, it.id)) {
			fw_review_item_dispose(&it);
			break;
		}
		shown++;
		show(&it, tty);
		key = walk_one(&j, &it, &k, coder, &t);
		if (key == 's') {
			skipped.v = fw_xpush(skipped.v, skipped.n,
					     sizeof *skipped.v);
			skipped.v[skipped.n++] = it.id;
		}
		if (key == 'u') {
			if (walk_undo(&j, coder, &after, last, last_key, &t))
				last = 0; /* one step back only */
		} else if (key == 'q')
			after = it.id - 1; /* shown again next time */
		else
			after = it.id;
		if (key == 'a' || key == 'r' || key == 'c') {
			last = it.id;
			last_key = key;
		}
		remember(j.p, after);
		fw_review_item_dispose(&it);
	}
	keys_close(&k);
	free(skipped.v);
	if (rc < 0)
		return job_close(&j, rc);
	long left = 0;
	if (!shown)
		printf("nothing to review%s\n",
		       filtered(&o) ? " among the suggestions chosen" : "");
	else if (!fw_review_pending(&left, j.p, &j.e))
		printf("\naccepted %ld, rejected %ld, recoded %ld, skipped "
		       "%ld; %ld pending\n",
		       t.accepted, t.rejected, t.recoded, t.skipped, left);
	return job_close(&j, 0);
}

int cmd_review(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"walk", review_walk},
				       {"accept", review_accept},
				       {"reject", review_reject},
				       {"reset", review_reset},
				       {"list", review_list},
				       {"status", review_status},
				       {0}};
	/* `charter review [OPTIONS]` walks */
	if (argc < 2 || (argv[1][0] == '-' && strcmp(argv[1], "--help") &&
			 strcmp(argv[1], "-h")))
		return review_walk(c, argc, argv);
	return cli_dispatch("review", subs, c, argc, argv);
}
