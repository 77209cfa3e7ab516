/*
 * cmd_memo.c: charter memo add, list, show, edit and rm.
 */
#include "cli.h"
#include "fw/memo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The options that say what a memo is about. */
typedef struct target_opts {
	fw_memo_target t;
	const char *lines, *theme;
} target_opts;

#define TARGET_OPTS(o)                                                          \
	{OPT_STRING,                                                            \
	 "source",                                                              \
	 &(o).t.source,                                                         \
	 "NAME",                                                                \
	 "a transcript (with --lines, a span of it)",                           \
	 0,                                                                     \
	 0,                                                                     \
	 0},                                                                    \
		{OPT_STRING,                                                    \
		 "lines",                                                       \
		 &(o).lines,                                                    \
		 "A-B",                                                         \
		 "lines of the --source",                                       \
		 0,                                                             \
		 0,                                                             \
		 0},                                                            \
		{OPT_STRING,                                                    \
		 "case",                                                        \
		 &(o).t.case_name,                                              \
		 "CASE",                                                        \
		 "a case (with --code, its cell)",                              \
		 0,                                                             \
		 0,                                                             \
		 0},                                                            \
		{OPT_STRING, "code", &(o).t.code, "CODE", "a code", 0, 0, 0},   \
		{OPT_STRING,                                                    \
		 "theme",                                                       \
		 &(o).theme,                                                    \
		 "THEME",                                                       \
		 "a main theme (with --group, within an actor group)",          \
		 0,                                                             \
		 0,                                                             \
		 0},                                                            \
	{                                                                       \
		OPT_STRING, "group", &(o).t.group, "GROUP",                     \
			"an actor group (a value of the grouping attribute):\n" \
			"alone, the group as a whole; with --theme, the\n"      \
			"theme or sub-theme within it",                         \
			0, 0, 0                                                 \
	}

static int target_done(target_opts *o)
{
	if (o->theme && o->t.code)
		return die("--theme and --code name the same thing: give one");
	if (o->theme)
		o->t.code = o->theme;
	if (o->lines) {
		char *end;
		o->t.line_start = (int)strtol(o->lines, &end, 10);
		o->t.line_end = *end == '-' ? (int)strtol(end + 1, &end, 10)
					    : o->t.line_start;
		if (*end || o->t.line_start < 1 ||
		    o->t.line_end < o->t.line_start)
			return die("--lines takes A or A-B, as 12 or 12-18");
	}
	return 0;
}

/* The text a memo is given: the argument, standard input ("-"), or what
 * the researcher writes in $EDITOR (start: what is there now). */
static char *memo_text(const char *arg, const char *start)
{
	fw_buf b;
	fw_buf_init(&b);
	if (arg && strcmp(arg, "-")) {
		fw_buf_puts(&b, arg);
		return fw_buf_detach(&b);
	}
	if (arg) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			fw_buf_put(&b, chunk, n);
	} else {
		char path[] = "/tmp/charter-memo-XXXXXX";
		int fd = mkstemp(path);
		FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!fp)
			return NULL;
		fputs(start ? start : "", fp);
		fclose(fp);
		int failed = run_editor(path);
		fp = failed ? NULL : fopen(path, "r");
		char chunk[4096];
		size_t n;
		while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			fw_buf_put(&b, chunk, n);
		if (fp)
			fclose(fp);
		unlink(path);
		if (failed) {
			fw_buf_dispose(&b);
			return NULL;
		}
	}
	fw_buf_rtrim(&b);
	return fw_buf_detach(&b);
}

static int memo_add(void *ctx, int argc, char **argv)
{
	target_opts o = {0};
	const char *kind = NULL, *title = NULL, *text = NULL, *coder = NULL;
	int k = -1;
	cli_opt opts[] = {
		TARGET_OPTS(o),
		{OPT_CHOICE, "kind", &k, "analytic|method|reflexive|note",
		 "what sort of memo (default note)", 0, 0, 0},
		{OPT_STRING, "title", &title, "TEXT", "its title", 0, 0, 0},
		OPT_CODER(coder),
		{OPT_ARG, "[TEXT]", &text, 0, 0, 0, 0, 0},
		{0}};
	PARSE(cli_cmd_find("memo add"), opts, argc, argv);
	static const char *const kinds[] = {"analytic", "method", "reflexive",
					    "note"};
	kind = k >= 0 ? kinds[k] : NULL;
	if (target_done(&o))
		return EXIT_FAIL;
	char *body = memo_text(text, NULL);
	if (!body)
		return die("the editor failed; no memo was added");
	JOB_OPEN(j, ctx, JOB_WRITE);
	long long id = 0;
	int rc = job_close(&j, fw_memo_add(&id, j.p, &o.t, kind, title, body,
					   coder, &j.e));
	free(body);
	if (!rc)
		printf("memo %lld\n", id);
	return rc;
}

static int memo_list(void *ctx, int argc, char **argv)
{
	target_opts o = {0};
	int fmt = FW_FMT_TEXT, k = -1;
	cli_opt opts[] = {TARGET_OPTS(o),
			  {OPT_CHOICE, "kind", &k,
			   "analytic|method|reflexive|note",
			   "only memos of this kind", 0, 0, 0},
			  OPT_FORMAT(fmt),
			  {0}};
	PARSE(cli_cmd_find("memo list"), opts, argc, argv);
	static const char *const kinds[] = {"analytic", "method", "reflexive",
					    "note"};
	if (target_done(&o))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(
		&j, fw_memo_list(&t, j.p, &o.t, k >= 0 ? kinds[k] : NULL, &j.e),
		&t, fmt);
}

static int memo_id(const char *s, long long *id)
{
	char *end;
	*id = strtoll(s, &end, 10);
	if (*end || *id <= 0)
		return die("'%s' is not a memo id (charter memo list)", s);
	return 0;
}

static int memo_show(void *ctx, int argc, char **argv)
{
	const char *arg = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {
		OPT_FORMAT(fmt), {OPT_ARG, "ID", &arg, 0, 0, 1, 0, 0}, {0}};
	PARSE(cli_cmd_find("memo show"), opts, argc, argv);
	long long id;
	if (memo_id(arg, &id))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	int rc = job_close(&j, fw_memo_get(&t, j.p, id, &j.e));
	if (!rc && fmt != FW_FMT_TEXT)
		rc = print_table(t, fmt);
	else if (!rc) {
		const char *title = fw_table_cell(t, 0, 3);
		printf("memo %s (%s) on %s, by %s, %s%s%s\n", arg,
		       fw_table_cell(t, 0, 1), fw_table_cell(t, 0, 2),
		       fw_table_cell(t, 0, 4), fw_table_cell(t, 0, 5),
		       *fw_table_cell(t, 0, 6) ? "; changed " : "",
		       fw_table_cell(t, 0, 6));
		if (*title)
			printf("\n%s\n", title);
		printf("\n%s\n", fw_table_cell(t, 0, 7));
	}
	fw_table_free(t);
	return rc;
}

static int memo_edit(void *ctx, int argc, char **argv)
{
	const char *arg = NULL, *text = NULL, *title = NULL;
	cli_opt opts[] = {
		{OPT_STRING, "text", &text, "TEXT",
		 "the new text (- reads it from standard input;\n"
		 "without: $EDITOR)",
		 0, 0, 0},
		{OPT_STRING, "title", &title, "TEXT", "a new title", 0, 0, 0},
		{OPT_ARG, "ID", &arg, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cli_cmd_find("memo edit"), opts, argc, argv);
	long long id;
	if (memo_id(arg, &id))
		return EXIT_FAIL;
	/* the memo read, then edited with the project let go (the editor
	 * may stay open an hour), then saved only if no one changed it */
	JOB_OPEN(r, ctx, JOB_READ);
	fw_table *t = NULL;
	int rc = fw_memo_get(&t, r.p, id, &r.e);
	char *before = rc ? NULL : fw_xstrdup(fw_table_cell(t, 0, 7));
	fw_table_free(t);
	t = NULL;
	if ((rc = job_close(&r, rc)) != EXIT_OK)
		return rc;
	char *body = memo_text(text, before);
	if (!body) {
		free(before);
		return die("the editor failed; the memo is unchanged");
	}
	JOB_OPEN(j, ctx, JOB_WRITE);
	rc = fw_memo_get(&t, j.p, id, &j.e);
	if (!rc && strcmp(before, fw_table_cell(t, 0, 7))) {
		char kept[] = "/tmp/charter-memo-kept-XXXXXX";
		int fd = mkstemp(kept);
		FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (fp) {
			fputs(body, fp);
			fclose(fp);
		}
		rc = fw_error_set(&j.e, FW_EBUSY, NULL, 0,
				  "memo %lld changed while it was being "
				  "edited; nothing saved%s%s",
				  id, fp ? ", your text is kept in " : "",
				  fp ? kept : "");
	}
	int same = !rc && !strcmp(body, before) && !title;
	if (!rc && !same)
		rc = fw_memo_set(j.p, id, title, body, &j.e);
	fw_table_free(t);
	free(body);
	free(before);
	if (!(rc = job_close(&j, rc)))
		printf(same ? "memo %lld: no change\n" : "memo %lld changed\n",
		       id);
	return rc;
}

static int memo_rm(void *ctx, int argc, char **argv)
{
	const char *arg = NULL;
	cli_opt opts[] = {{OPT_ARG, "ID", &arg, 0, 0, 1, 0, 0}, {0}};
	PARSE(cli_cmd_find("memo rm"), opts, argc, argv);
	long long id;
	if (memo_id(arg, &id))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fw_memo_remove(j.p, id, &j.e));
	if (!rc)
		printf("memo %lld removed\n", id);
	return rc;
}

static int memo_import(void *ctx, int argc, char **argv)
{
	const char *file = NULL, *coder = NULL;
	cli_opt opts[] = {OPT_CODER(coder),
			  {OPT_ARG, "FILE.csv", &file, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("memo import"), opts, argc, argv);
	if (input_file(file))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_WRITE);
	fw_memo_import_result r;
	int rc = job_close(&j, fw_memo_import(&r, j.p, file, coder, &j.e));
	if (!rc)
		printf("%d memos added, %d changed, %d unchanged\n", r.added,
		       r.updated, r.unchanged);
	return rc;
}

int cmd_memo(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"add", memo_add},
				       {"list", memo_list},
				       {"show", memo_show},
				       {"edit", memo_edit},
				       {"rm", memo_rm},
				       {"import", memo_import},
				       {0}};
	return cli_dispatch("memo", subs, c, argc, argv);
}
