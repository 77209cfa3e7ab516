/*
 * cmd_ingest.c: charter ingest.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"usage: charter ingest [--case NAME] [--group] [--name NAME]\n"
	"                      [--interviewer LABEL]... [--speaker-pattern REGEX]\n"
	"                      [--encoding auto|utf-8|cp1252] FILE...\n"
	"\n"
	"Add plain-text transcripts.  Speaker turns are found from their labels\n"
	"(NAME:, [Name], **Name:**, Speaker 1 (00:01:02):, Q:/A:, IV:/R:, with\n"
	"[hh:mm:ss] times kept); the interviewer's turns are recognised so that\n"
	"auto-coding leaves them out.  All files are added in one transaction:\n"
	"if one fails, none is added.\n"
	"\n"
	"  --case NAME          the case the transcript belongs to (default: the\n"
	"                       file name without its extension)\n"
	"  --group              a group discussion: one case, every speaker who is\n"
	"                       not the facilitator is a participant\n"
	"  --name NAME          the source's name (default: the file name)\n"
	"  --interviewer LABEL  this label is the interviewer (repeatable)\n"
	"  --speaker-pattern RE a PCRE2 pattern matched at each line start, with\n"
	"                       (?<speaker>...) and optionally (?<time>...)\n"
	"  --encoding ENC       auto (UTF-8 or UTF-16 by BOM, else Windows-1252\n"
	"                       with a warning), utf-8 (strict) or cp1252\n";

int cmd_ingest(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"case", required_argument, 0, 'c'},
		{"group", no_argument, 0, 'g'},
		{"name", required_argument, 0, 'n'},
		{"interviewer", required_argument, 0, 'i'},
		{"speaker-pattern", required_argument, 0, 's'},
		{"encoding", required_argument, 0, 'e'},
		{0, 0, 0, 0}};
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.allow_cp1252 = 1;
	const char **iv = calloc((size_t)argc, sizeof *iv);
	size_t niv = 0;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":c:gn:i:s:e:", lo, NULL)) != -1) {
		switch (ch) {
		case 'c': o.case_name = optarg; break;
		case 'g': o.group = 1; break;
		case 'n': o.name = optarg; break;
		case 'i': iv[niv++] = optarg; break;
		case 's': o.speaker_pattern = optarg; break;
		case 'e':
			if (!strcmp(optarg, "utf-8") || !strcmp(optarg, "utf8"))
				o.allow_cp1252 = 0;
			else if (!strcmp(optarg, "auto") || !strcmp(optarg, "cp1252") ||
			         !strcmp(optarg, "windows-1252"))
				o.allow_cp1252 = 1;
			else {
				free(iv);
				return usage_error(help, "unknown encoding '%s'", optarg);
			}
			break;
		default:
			free(iv);
			return usage_error(help, "bad option '%s'", argv[optind - 1]);
		}
	}
	o.interviewers = iv;
	o.ninterviewers = niv;
	if (optind >= argc) {
		free(iv);
		return usage_error(help, "no file to ingest");
	}
	if (o.name && argc - optind > 1) {
		free(iv);
		return usage_error(help, "--name names one file only");
	}
	fw_project *p = open_project(c, 0);
	if (!p) {
		free(iv);
		return EXIT_FAIL;
	}
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_project_begin(p, &e);
	int added = 0, dup = 0;
	for (int i = optind; !rc && i < argc; i++) {
		fw_ingest_result r;
		rc = fw_source_ingest(p, argv[i], &o, &r, &e);
		if (rc)
			break;
		if (r.duplicate) {
			fprintf(stderr, "charter: %s: already in the project as '%s' "
			                "(identical content); skipped\n",
			        argv[i], r.name);
			dup++;
			continue;
		}
		if (r.warning[0])
			fprintf(stderr, "charter: warning: %s: %s\n", argv[i], r.warning);
		printf("%s: %d turns, %d speakers, %ld words (%s)\n", r.name, r.turns,
		       r.speakers, r.words, r.encoding);
		added++;
	}
	free(iv);
	rc = finish(p, rc, &e);
	if (!rc && (added + dup) > 1)
		printf("%d added, %d already present\n", added, dup);
	return rc;
}
