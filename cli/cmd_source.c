/*
 * cmd_source.c: charter ingest, sources and turns: transcripts in.
 */
#include "cli.h"
#include "alloc.h"
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

/* A directory's transcripts, by name; other files (sheets, codebooks,
 * hidden files) are left alone. */
static int add_dir(paths *p, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return die("%s: cannot read the directory", dir);
	paths here = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !fw_format_known_ext(e->d_name))
			continue;
		fw_buf full;
		fw_buf_init(&full);
		fw_buf_printf(&full, "%s%s%s", dir,
			      dir[strlen(dir) - 1] == '/' ? "" : "/",
			      e->d_name);
		struct stat st;
		if (!stat(full.ptr, &st) && S_ISREG(st.st_mode))
			paths_add(&here, full.ptr);
		fw_buf_dispose(&full);
	}
	closedir(d);
	if (here.n)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++)
		paths_add(p, here.v[i]);
	int rc = here.n ? 0 : die("%s: no transcripts in the directory", dir);
	paths_free(&here);
	return rc;
}

/* The files to read: each file named, and the transcripts of each
 * directory named. */
static int collect(paths *files, const cli_list *args, int keep_going)
{
	for (size_t i = 0; i < args->n; i++) {
		struct stat st;
		if (stat(args->v[i], &st) || !S_ISDIR(st.st_mode))
			paths_add(files, args->v[i]);
		else if (add_dir(files, args->v[i]) && !keep_going)
			return EXIT_FAIL;
	}
	return EXIT_OK;
}

typedef struct tally {
	int added, dup;
	paths skipped; /* "file: why", with --keep-going */
} tally;

/* One file, in its own savepoint when going on past failures. */
static int ingest_one(tally *n, fw_project *p, const char *path,
		      const fw_ingest_opts *o, int keep_going, fw_error *e)
{
	fw_ingest_result r;
	int rc = keep_going ? fw_project_savepoint(p, e) : 0;
	if (rc)
		return rc;
	fw_diags dg;
	fw_diags_init(&dg);
	rc = fw_source_ingest(&r, &dg, p, path, o, e);
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
	printf("%s: %s, %d turns, %d speakers, %ld words (%s)\n", r.name,
	       r.format, r.turns, r.speakers, r.words, r.encoding);
	n->added++;
	return 0;
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
	for (size_t i = 0; i < n->skipped.n; i++)
		fprintf(stderr, "  %s\n", n->skipped.v[i]);
	return EXIT_FAIL;
}

int cmd_ingest(cli *c, int argc, char **argv)
{
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	const char *format = NULL;
	int encoding = 0, keep_going = 0, per_person = 0;
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
		 "txt, md, docx, odt, html, vtt, srt, tei, eaf, trs or\n"
		 "tsv, instead of detecting it",
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
	if (collect(&files, &args, keep_going)) {
		paths_free(&files);
		return EXIT_FAIL;
	}
	if (o.name && files.n > 1) {
		paths_free(&files);
		return cli_usage(cli_cmd_find("ingest"),
				 "--name names one file only");
	}
	cli_job j;
	if (job_open(&j, c, JOB_WRITE)) {
		paths_free(&files);
		return EXIT_FAIL;
	}
	tally n = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < files.n; i++)
		rc = ingest_one(&n, j.p, files.v[i], &o, keep_going, &j.e);
	paths_free(&files);
	if (!(rc = job_close(&j, rc)))
		rc = report_tally(&n);
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
