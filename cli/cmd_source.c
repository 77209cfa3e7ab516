/*
 * cmd_source.c: charter ingest, sources and turns: transcripts in.
 */
#include "cli.h"
#include "fw/query.h"
#include "alloc.h"
#include "fileio.h"
#include "fw/source.h"
#include "fw/transcript.h"
#include "utf8.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct paths {
	char **v;
	size_t n, cap;
} paths;

static void paths_add(paths *p, const char *s)
{
	p->v = fw_xgrow(p->v, &p->cap, p->n + 1, sizeof *p->v, 16);
	p->v[p->n++] = fw_xstrdup(s);
}

static void paths_free(paths *p)
{
	fw_strv_free(p->v, p->n);
	memset(p, 0, sizeof *p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's transcripts and those of its sub-folders, by name (at
 * most 16 folders deep, not following links); other files are listed in
 * skipped with the reason, hidden ones passed over. */
static void walk_dir(paths *p, paths *skipped, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		fw_buf why;
		fw_buf_init(&why);
		fw_buf_printf(&why, "%s: cannot read the folder", dir);
		paths_add(skipped, why.ptr);
		fw_buf_dispose(&why);
		return;
	}
	paths here = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			fw_buf full;
			fw_buf_init(&full);
			fw_buf_printf(&full, "%s%s%s", dir,
				      dir[strlen(dir) - 1] == '/' ? "" : "/",
				      e->d_name);
			paths_add(&here, full.ptr);
			fw_buf_dispose(&full);
		}
	closedir(d);
	if (here.n)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		const char *f = here.v[i];
		const char *why = NULL;
		if (lstat(f, &st))
			why = "cannot be read";
		else if (S_ISLNK(st.st_mode))
			why = "a link (not followed)";
		else if (S_ISDIR(st.st_mode) && depth < 16)
			walk_dir(p, skipped, f, depth + 1);
		else if (S_ISDIR(st.st_mode))
			why = "a folder more than 16 deep";
		else if (!S_ISREG(st.st_mode))
			why = "not a regular file";
		else if (!fw_format_known_ext(f))
			why = "not a transcript format charter reads";
		else
			paths_add(p, f);
		if (why) {
			fw_buf line;
			fw_buf_init(&line);
			fw_buf_printf(&line, "%s: %s", f, why);
			paths_add(skipped, line.ptr);
			fw_buf_dispose(&line);
		}
	}
	paths_free(&here);
}

/* The files to read: each file named, and the transcripts in and below
 * each folder named; what a folder holds that is no transcript is listed
 * on standard error. */
static int collect(paths *files, const cli_list *args)
{
	paths skipped = {0}, empty = {0};
	int bad = 0;
	for (size_t i = 0; i < args->n; i++) {
		struct stat st;
		int there = !stat(args->v[i], &st);
		if (!there || !S_ISDIR(st.st_mode)) {
			/* a pipe or device is refused here, before the
			 * project is locked for writing (a missing file is
			 * said by the reader) */
			if (there && input_file(args->v[i]))
				bad++;
			else
				paths_add(files, args->v[i]);
			continue;
		}
		size_t before = files->n;
		walk_dir(files, &skipped, args->v[i], 0);
		if (files->n == before)
			paths_add(&empty, args->v[i]);
	}
	for (size_t i = 0; i < skipped.n; i++) {
		fputs("charter: note: ", stderr);
		fw_term_put(stderr, skipped.v[i]);
		fputs("; skipped\n", stderr);
	}
	for (size_t i = 0; i < empty.n; i++)
		die("%s: no transcripts in the folder or below it", empty.v[i]);
	int rc = empty.n || bad ? EXIT_FAIL : EXIT_OK;
	paths_free(&skipped);
	paths_free(&empty);
	return rc;
}

typedef struct tally {
	int added, dup;
	paths skipped; /* "file: why", with --keep-going */
} tally;

/* One file, in its own savepoint when going on past failures. */
static int ingest_one(tally *n, fw_project *p, fw_source_reader *rd,
		      const char *path, int keep_going, fw_error *e)
{
	fw_ingest_result r;
	int rc = keep_going ? fw_project_savepoint(p, e) : 0;
	if (rc)
		return rc;
	fw_diags dg;
	fw_diags_init(&dg);
	rc = fw_source_reader_ingest(rd, &r, &dg, p, e);
	fw_diags_print(&dg, stderr);
	fw_diags_dispose(&dg);
	if (keep_going) {
		int frc = fw_project_release(p, rc == 0, e);
		if (rc) {
			/* remember why, then go on with the next file */
			char line[1200];
			fw_error_format(line, sizeof line, e);
			paths_add(&n->skipped, line);
			fw_error_clear(e);
			return 0;
		}
		rc = frc;
	}
	if (rc)
		return rc;
	if (r.duplicate) {
		fprintf(stderr,
			"charter: %s: already in the project as '%s' "
			"(identical content); skipped\n",
			path, r.name);
		n->dup++;
		return 0;
	}
	fw_term_put(stdout, r.name);
	printf(": %s, %d turns, %d speakers, %ld words (%s)\n", r.format,
	       r.turns, r.speakers, r.words, r.encoding);
	n->added++;
	return 0;
}

/* What a file would be read as, shown and not stored: its format and
 * label style, its details, and each speaker with their role, turns and
 * first words. */
static int dry_run_one(const char *path, const fw_ingest_opts *o)
{
	char *data;
	size_t len;
	fw_error e;
	fw_error_clear(&e);
	fw_transcript *t = NULL;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, &e);
	if (!rc) {
		rc = fw_transcript_parse(&t, data, len, path, o, &e);
		free(data);
	}
	if (rc) {
		fw_error_print(&e, stderr);
		return EXIT_FAIL;
	}
	fw_diags named;
	fw_diags_init(&named);
	fw_diags_append(&named, &t->diags, path);
	fflush(stdout);
	fw_diags_print(&named, stderr);
	fw_diags_dispose(&named);
	size_t turns = 0;
	for (size_t k = 0; k < t->nturns; k++)
		turns += t->turns[k].speaker >= 0;
	fw_term_put(stdout, path);
	printf(": %s, labels \"%s\", %zu turns, %zu speakers (%s)\n", t->format,
	       t->label_style ? t->label_style : "of the format", turns,
	       t->nspeakers, t->encoding);
	for (size_t i = 0; i < t->nmeta; i++)
		printf("  %s: %s\n", t->meta_keys[i], t->meta_values[i]);
	/* each speaker's first turn, in one pass */
	const fw_turn **firsts = fw_xcalloc(t->nspeakers + 1, sizeof *firsts);
	for (size_t k = 0; k < t->nturns; k++)
		if (t->turns[k].speaker >= 0 && !firsts[t->turns[k].speaker])
			firsts[t->turns[k].speaker] = &t->turns[k];
	for (size_t i = 0; i < t->nspeakers; i++) {
		const fw_turn *first = firsts[i];
		/* the first words, on one line */
		fw_buf words;
		fw_buf_init(&words);
		if (first)
			fw_buf_put_collapsed(&words, t->text + first->bstart,
					     first->bend - first->bstart);
		size_t cut =
			fw_utf8_cut(words.ptr ? words.ptr : "", words.len, 60);
		printf("  %-20s %-12s %4d turn%s  \"%.*s%s\"\n",
		       t->speakers[i].label, fw_role_name(t->speakers[i].role),
		       t->speakers[i].turns,
		       t->speakers[i].turns == 1 ? " " : "s", (int)cut,
		       words.ptr ? words.ptr : "",
		       cut < words.len ? "..." : "");
		fw_buf_dispose(&words);
	}
	free(firsts);
	fw_transcript_free(t);
	return EXIT_OK;
}

static int report_tally(const tally *n)
{
	if (n->added + n->dup + (int)n->skipped.n > 1)
		printf("%d added, %d already present%s", n->added, n->dup,
		       n->skipped.n ? "" : "\n");
	if (!n->skipped.n)
		return EXIT_OK;
	printf(", %zu skipped\n", n->skipped.n);
	fprintf(stderr, "charter: skipped %zu file%s:\n", n->skipped.n,
		n->skipped.n == 1 ? "" : "s");
	for (size_t i = 0; i < n->skipped.n; i++) {
		fputs("  ", stderr);
		fw_term_put(stderr, n->skipped.v[i]);
		fputc('\n', stderr);
	}
	return EXIT_FAIL;
}

int cmd_ingest(cli *c, int argc, char **argv)
{
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	const char *format = NULL;
	int encoding = 0, keep_going = 0, per_person = 0, dry = 0;
	cli_list iv = {0}, args = {0};
	cli_opt opts[] = {
		{OPT_STRING, "case", &o.case_name, "NAME",
		 "the case the transcript belongs to (default: the\n"
		 "file name without its extension)",
		 0, 0, 0},
		{OPT_FLAG, "group", &o.group, 0,
		 "a group discussion: one case, every speaker who is\n"
		 "not the facilitator is a participant",
		 0, 0, 0},
		{OPT_FLAG, "participant-cases", &per_person, 0,
		 "a group discussion where each participant is a case\n"
		 "of their own, named CASE/Label, inheriting the group\n"
		 "case's attributes",
		 0, 0, 0},
		{OPT_STRING, "format", &format, "FMT",
		 "txt, md, docx, odt, pdf, rtf, html, vtt, srt, tei,\n"
		 "eaf, trs, tsv, chat, textgrid or whisper, instead of\n"
		 "detecting it",
		 0, 0, 0},
		{OPT_CHOICE, "encoding", &encoding,
		 "auto|utf-8|cp1252|utf8|windows-1252",
		 "auto (UTF-8 or UTF-16; plain text that is neither is\n"
		 "read as Windows-1252 with a warning), utf-8 (strict)\n"
		 "or cp1252 (convert text that is not UTF-8)",
		 0, 0, 0},
		{OPT_LIST, "interviewer", &iv, "LABEL",
		 "this label is the interviewer (repeatable)", 0, 0, 0},
		{OPT_STRING, "speaker-pattern", &o.speaker_pattern, "REGEX",
		 "a PCRE2 pattern matched at each line start, with\n"
		 "(?<speaker>...) and optionally (?<time>...)",
		 0, 0, 0},
		{OPT_STRING, "name", &o.name, "NAME",
		 "the source's name (default: the file name)", 0, 0, 0},
		{OPT_FLAG, "strict", &o.strict, 0,
		 "refuse a file charter had to guess about (any warning\n"
		 "about its reading), instead of warning",
		 0, 0, 0},
		{OPT_FLAG, "dry-run", &dry, 0,
		 "show what each file would be read as (format, label\n"
		 "style, speakers, roles) and store nothing",
		 0, 0, 0},
		{OPT_FLAG, "keep-going", &keep_going, 0,
		 "skip files that cannot be read, keep the rest, and\n"
		 "list the skipped ones at the end (exit status 1)",
		 0, 0, 0},
		{OPT_ARGS, "FILE|DIR", &args, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cli_cmd_find("ingest"), opts, argc, argv);
	static const int modes[] = {FW_ENC_AUTO, FW_ENC_UTF8, FW_ENC_CP1252,
				    FW_ENC_UTF8, FW_ENC_CP1252};
	o.allow_cp1252 = modes[encoding];
	o.participant_cases = per_person;
	o.group |= per_person;
	o.interviewers = iv.v;
	o.ninterviewers = iv.n;
	if (format && (o.format = fw_format_from_name(format)) <= 0)
		return cli_usage(cli_cmd_find("ingest"), "unknown format '%s'",
				 format);
	paths files = {0};
	if (collect(&files, &args) && !keep_going) {
		paths_free(&files);
		return EXIT_FAIL;
	}
	if (o.case_name && files.n > 1)
		fprintf(stderr,
			"charter: warning: --case %s puts all %zu files in "
			"one case\n",
			o.case_name, files.n);
	if (o.name && files.n > 1) {
		paths_free(&files);
		return cli_usage(cli_cmd_find("ingest"),
				 "--name names one file only");
	}
	if (dry) {
		int drc = EXIT_OK;
		for (size_t i = 0; i < files.n; i++)
			if (dry_run_one(files.v[i], &o))
				drc = EXIT_FAIL;
		paths_free(&files);
		return drc;
	}
	cli_job j;
	if (job_open(&j, c, JOB_WRITE)) {
		paths_free(&files);
		return EXIT_FAIL;
	}
	tally n = {0};
	int rc = 0;
	/* the next files read and parsed while one is stored */
	fw_source_reader *rd =
		fw_source_reader_new((const char *const *)files.v, files.n, &o);
	for (size_t i = 0; !rc && i < files.n; i++) {
		if (files.n > 1)
			fw_progress(j.p, "ingest", "files", i, files.n);
		rc = ingest_one(&n, j.p, rd, files.v[i], keep_going, &j.e);
	}
	fw_source_reader_free(rd);
	if (files.n > 1)
		fw_progress(j.p, "ingest", "files", files.n, files.n);
	paths_free(&files);
	/* the search index with the turns, in the same transaction */
	if (!rc && n.added)
		rc = fw_search_index_update(j.p, &j.e);
	int failed = rc != 0;
	if (!(rc = job_close(&j, rc)))
		rc = report_tally(&n);
	else if (failed && n.added)
		fprintf(stderr,
			"charter: nothing was stored: the %d file%s read before "
			"it %s rolled back too (--keep-going keeps them)\n",
			n.added, n.added == 1 ? "" : "s",
			n.added == 1 ? "was" : "were");
	if (!rc && n.added + n.dup == 0)
		rc = die("nothing was ingested");
	paths_free(&n.skipped);
	return rc;
}

int cmd_sources(cli *c, int argc, char **argv)
{
	return list_verb("sources", c, argc, argv, fw_source_list);
}

int cmd_turns(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("turns");
	int fmt = FW_FMT_TEXT;
	const char *source = NULL;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_ARG, "SOURCE", &source, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_source_turns(&t, j.p, source, &j.e), &t, fmt);
}

/* source remove NAME, source rename NAME NEW */
static int source_edit(void *ctx, int argc, char **argv, int rename)
{
	const cli_cmd *cmd =
		cli_cmd_find(rename ? "source rename" : "source remove");
	const char *name = NULL, *to = NULL;
	cli_opt opts[] = {{OPT_ARG, "SOURCE", &name, 0, 0, 1, 0, 0},
			  {OPT_ARG, "NEW", &to, 0, 0, 1, 0, 0},
			  {0}};
	if (!rename)
		opts[1] = (cli_opt){0};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int codings = 0, refs = 0;
	int rc = rename ? fw_source_rename(j.p, name, to, &j.e)
			: fw_source_remove(j.p, name, &codings, &refs, &j.e);
	if ((rc = job_close(&j, rc)))
		return rc;
	if (rename)
		printf("%s is now %s\n", name, to);
	else
		printf("removed %s with its %d coding%s and %d chart "
		       "reference%s\n",
		       name, codings, codings == 1 ? "" : "s", refs,
		       refs == 1 ? "" : "s");
	return rc;
}

static int source_remove(void *ctx, int argc, char **argv)
{
	return source_edit(ctx, argc, argv, 0);
}

static int source_rename(void *ctx, int argc, char **argv)
{
	return source_edit(ctx, argc, argv, 1);
}

int cmd_source(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"remove", source_remove}, {"rename", source_rename}, {0}};
	return cli_dispatch("source", subs, c, argc, argv);
}
