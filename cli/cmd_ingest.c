/*
 * cmd_ingest.c: charter ingest.
 */
#include "cli.h"
#include "errors.h"
#include "fw/project.h"
#include "fw/source.h"
#include "fw/transcript.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help[] =
	"usage: charter ingest [--case NAME] [--group | --participant-cases]\n"
	"                      [--format FMT] [--encoding auto|utf-8|cp1252]\n"
	"                      [--interviewer LABEL]... [--speaker-pattern REGEX]\n"
	"                      [--name NAME] [--keep-going] FILE|DIR...\n"
	"\n"
	"Add transcripts: plain text, Markdown, Word (.docx), OpenDocument (.odt),\n"
	"HTML, WebVTT, SRT, TEI, ELAN (.eaf), Transcriber (.trs) and tab-separated\n"
	"exports.  The format is detected from the content, then the extension.\n"
	"Speaker turns come from labels (NAME:, [Name], **Name:**, Speaker 1\n"
	"(00:01:02):, Q:/A:, bold runs, table columns, voice tags, tiers) with\n"
	"times kept where the format has them; interviewers are recognised so\n"
	"that auto-coding leaves their turns out.  A directory adds every\n"
	"transcript in it.  All files are added in one transaction: if one fails,\n"
	"none is added, unless --keep-going.\n"
	"\n"
	"  --case NAME          the case the transcript belongs to (default: the\n"
	"                       file name without its extension)\n"
	"  --group              a group discussion: one case, every speaker who is\n"
	"                       not the facilitator is a participant\n"
	"  --participant-cases  a group discussion where each participant is a\n"
	"                       case of their own, named CASE/Label, inheriting\n"
	"                       the group case's attributes\n"
	"  --format FMT         txt, md, docx, odt, html, vtt, srt, tei, eaf, trs\n"
	"                       or tsv, instead of detecting it\n"
	"  --encoding ENC       auto (UTF-8 or UTF-16; plain text that is neither\n"
	"                       is read as Windows-1252 with a warning), utf-8\n"
	"                       (strict) or cp1252 (convert text that is not UTF-8)\n"
	"  --interviewer LABEL  this label is the interviewer (repeatable)\n"
	"  --speaker-pattern RE a PCRE2 pattern matched at each line start, with\n"
	"                       (?<speaker>...) and optionally (?<time>...)\n"
	"  --name NAME          the source's name (default: the file name)\n"
	"  --keep-going         skip files that cannot be read, keep the rest, and\n"
	"                       list the skipped ones at the end (exit status 1)\n";

typedef struct paths {
	char **v;
	size_t n, cap;
} paths;

static void paths_add(paths *p, const char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v)
			abort();
	}
	p->v[p->n++] = strdup(s);
}

static void paths_free(paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
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
	if (!d) {
		fprintf(stderr, "charter: %s: cannot read the directory\n",
			dir);
		return -1;
	}
	paths here = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !fw_format_known_ext(e->d_name))
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *full = malloc(n);
		if (!full)
			abort();
		snprintf(full, n, "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		struct stat st;
		if (!stat(full, &st) && S_ISREG(st.st_mode))
			paths_add(&here, full);
		free(full);
	}
	closedir(d);
	if (here.n)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++)
		paths_add(p, here.v[i]);
	if (!here.n)
		fprintf(stderr,
			"charter: %s: no transcripts in the directory\n", dir);
	int rc = here.n ? 0 : -1;
	paths_free(&here);
	return rc;
}

int cmd_ingest(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"case", required_argument, 0, 'c'},
		{"group", no_argument, 0, 'g'},
		{"participant-cases", no_argument, 0, 'P'},
		{"name", required_argument, 0, 'n'},
		{"interviewer", required_argument, 0, 'i'},
		{"speaker-pattern", required_argument, 0, 's'},
		{"encoding", required_argument, 0, 'e'},
		{"format", required_argument, 0, 'f'},
		{"keep-going", no_argument, 0, 'k'},
		{0, 0, 0, 0}};
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.allow_cp1252 = 1;
	const char **iv = calloc((size_t)argc, sizeof *iv);
	size_t niv = 0;
	int ch, keep_going = 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":c:gPn:i:s:e:f:k", lo, NULL)) !=
	       -1) {
		switch (ch) {
		case 'c': o.case_name = optarg; break;
		case 'g': o.group = 1; break;
		case 'P':
			o.participant_cases = 1;
			o.group = 1;
			break;
		case 'n': o.name = optarg; break;
		case 'i': iv[niv++] = optarg; break;
		case 's': o.speaker_pattern = optarg; break;
		case 'k': keep_going = 1; break;
		case 'f':
			o.format = fw_format_from_name(optarg);
			if (o.format <= 0) {
				free(iv);
				return usage_error(help, "unknown format '%s'",
						   optarg);
			}
			break;
		case 'e':
			if (!strcmp(optarg, "utf-8") || !strcmp(optarg, "utf8"))
				o.allow_cp1252 = 0;
			else if (!strcmp(optarg, "auto"))
				o.allow_cp1252 = 1;
			else if (!strcmp(optarg, "cp1252") ||
				 !strcmp(optarg, "windows-1252"))
				o.allow_cp1252 = 2;
			else {
				free(iv);
				return usage_error(
					help, "unknown encoding '%s'", optarg);
			}
			break;
		default:
			free(iv);
			return usage_error(help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	o.interviewers = iv;
	o.ninterviewers = niv;
	if (optind >= argc) {
		free(iv);
		return usage_error(help, "no file to ingest");
	}
	paths files = {0};
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			if (add_dir(&files, argv[i]) && !keep_going) {
				paths_free(&files);
				free(iv);
				return EXIT_FAIL;
			}
		} else {
			paths_add(&files, argv[i]);
		}
	}
	if (o.name && files.n > 1) {
		paths_free(&files);
		free(iv);
		return usage_error(help, "--name names one file only");
	}
	fw_project *p = open_project(c, 0);
	if (!p) {
		paths_free(&files);
		free(iv);
		return EXIT_FAIL;
	}
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_project_begin(p, &e);
	int added = 0, dup = 0;
	paths skipped = {0};
	for (size_t i = 0; !rc && i < files.n; i++) {
		fw_ingest_result r;
		if (keep_going && (rc = fw_project_savepoint(p, &e)))
			break;
		fw_diags dg;
		fw_diags_init(&dg);
		rc = fw_source_ingest(&r, &dg, p, files.v[i], &o, &e);
		fw_diags_print(&dg, stderr);
		fw_diags_dispose(&dg);
		if (keep_going) {
			int frc = fw_project_release(p, rc == 0, &e);
			if (rc) {
				/* remember why, then go on with the next file
				 */
				char line[1200];
				fw_error_format(line, sizeof line, &e);
				paths_add(&skipped, line);
				fw_error_clear(&e);
				rc = 0;
				continue;
			}
			if ((rc = frc))
				break;
		}
		if (rc)
			break;
		if (r.duplicate) {
			fprintf(stderr,
				"charter: %s: already in the project as '%s' "
				"(identical content); skipped\n",
				files.v[i], r.name);
			dup++;
			continue;
		}
		printf("%s: %s, %d turns, %d speakers, %ld words (%s)\n",
		       r.name, r.format, r.turns, r.speakers, r.words,
		       r.encoding);
		added++;
	}
	paths_free(&files);
	free(iv);
	rc = finish(p, rc, &e);
	if (!rc && (added + dup + (int)skipped.n) > 1)
		printf("%d added, %d already present%s", added, dup,
		       skipped.n ? "" : "\n");
	if (!rc && skipped.n) {
		printf(", %zu skipped\n", skipped.n);
		fprintf(stderr, "charter: skipped %zu file%s:\n", skipped.n,
			skipped.n == 1 ? "" : "s");
		for (size_t i = 0; i < skipped.n; i++)
			fprintf(stderr, "  %s\n", skipped.v[i]);
		rc = EXIT_FAIL;
	}
	paths_free(&skipped);
	return rc;
}
