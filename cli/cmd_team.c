/*
 * cmd_team.c: charter coders and charter agree: a team's coders, and how
 * far their indexing agrees.
 */
#include "cli.h"
#include "fw/agree.h"
#include "fw/coder.h"
#include "fw/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_coders(cli *c, int argc, char **argv)
{
	return list_verb("coders", c, argc, argv, fw_coders_list);
}

/* charter coder blind / reveal: the project's blind setting. */
static int coder_set(cli *c, int argc, char **argv, const char *name, int on)
{
	cli_opt opts[] = {{0}};
	PARSE(cli_cmd_find(name), opts, argc, argv);
	JOB_OPEN(j, c, JOB_WRITE);
	int rc = fw_coders_blind(j.p, on, &j.e);
	if (!rc)
		printf(on ? "coding blind: each coder sees only their own "
			    "codings and cells ($CHARTER_CODER or --coder "
			    "says who)\n"
			  : "blind coding ended: every coder's codings and "
			    "cells are shown\n");
	return job_close(&j, rc);
}

static int coder_blind(void *ctx, int argc, char **argv)
{
	return coder_set(ctx, argc, argv, "coder blind", 1);
}

static int coder_reveal(void *ctx, int argc, char **argv)
{
	return coder_set(ctx, argc, argv, "coder reveal", 0);
}

int cmd_coder(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {
		{"blind", coder_blind}, {"reveal", coder_reveal}, {0}};
	return cli_dispatch("coder", subs, c, argc, argv);
}

int cmd_agree(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("agree");
	fw_agree_opts o;
	memset(&o, 0, sizeof o);
	int fmt = FW_FMT_TEXT, disagreements = 0;
	const char *threshold = NULL;
	cli_list coders = {0}, codes = {0}, sources = {0}, cases = {0};
	cli_opt opts[] = {
		{OPT_CHOICE, "unit", &o.unit,
		 "characters|segments|cases|sources",
		 "what a unit is (default characters)", 0, 0, 0},
		{OPT_LIST, "code", &codes, "CODE",
		 "compare this code (a theme: with its sub-themes); repeat", 0,
		 0, 0},
		{OPT_LIST, "source", &sources, "NAME",
		 "only this transcript; repeat", 0, 0, 0},
		{OPT_LIST, "case", &cases, "NAME",
		 "only this case's transcripts; repeat", 0, 0, 0},
		{OPT_STRING, "threshold", &threshold, "X",
		 "segments: the overlap (intersection over union) that\n"
		 "makes two segments one (default 0.9)",
		 0, 0, 0},
		{OPT_FLAG, "coded-only", &o.coded_only, 0,
		 "characters: only text a coder coded", 0, 0, 0},
		{OPT_FLAG, "disagreements", &disagreements, 0,
		 "list where the two coders disagree, with the text", 0, 0, 0},
		OPT_FORMAT(fmt),
		{OPT_ARGS, "CODER", &coders, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	if (threshold) {
		char *end;
		o.threshold = strtod(threshold, &end);
		if (*end || end == threshold || !(o.threshold > 0) ||
		    o.threshold > 1)
			return cli_usage(cmd,
					 "--threshold is a number above "
					 "0 and at most 1, not '%s'",
					 threshold);
	}
	if (coders.n < 2)
		return cli_usage(cmd, "name two coders (or groups a,b) to "
				      "compare");
	o.coders = coders.v;
	o.ncoders = coders.n;
	o.codes = codes.v;
	o.ncodes = codes.n;
	o.sources = sources.v;
	o.nsources = sources.n;
	o.cases = cases.v;
	o.ncases = cases.n;
	fw_sink sink;
	o.sink = stream_sink(&sink, fmt);
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	int rc = disagreements ? fw_agree_disagreements(&t, j.p, &o, &j.e)
			       : fw_agree(&t, j.p, &o, &j.e);
	return job_print(&j, rc, &t, fmt);
}

/* One line of the merge's account: what, and its counts in words. */
static void merge_line(const char *what, long added, const char *a, long b,
		       const char *bw, long c, const char *cw)
{
	printf("  %-18s %6ld %s", what, added, a);
	if (bw)
		printf(", %ld %s", b, bw);
	if (cw)
		printf(", %ld %s", c, cw);
	putchar('\n');
}

int cmd_merge(cli *c, int argc, char **argv)
{
	const char *other = NULL;
	int dry = 0;
	cli_opt opts[] = {{OPT_FLAG, "dry-run", &dry, 0,
			   "say what would come in, changing nothing", 0, 0, 0},
			  OPT_CODER(c->coder),
			  {OPT_ARG, "OTHER.charter", &other, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("merge"), opts, argc, argv);
	if (input_file(other))
		return EXIT_FAIL;
	JOB_OPEN(j, c, JOB_OWN);
	char *args = cli_args(c, NULL);
	fw_merge_result r;
	int rc = fw_merge(&r, j.p, other, dry, args, c->coder, &j.e);
	free(args);
	for (size_t i = 0; i < r.diags.n; i++)
		fw_diags_add(&j.dg, r.diags.v[i].severity, NULL, 0, "%s",
			     r.diags.v[i].msg);
	if (!rc) {
		printf("%s %s:\n", dry ? "would merge from" : "merged from",
		       other);
		merge_line("sources", r.sources_added, "added",
			   r.sources_matched, "already here (same text)",
			   r.sources_renamed, "under another name");
		merge_line("codes", r.codes_added, "added", r.codes_matched,
			   "matched", r.codes_kept_back, "kept back");
		merge_line("cases", r.cases_added, "added", r.cases_matched,
			   "matched", r.values_differing,
			   "attribute values kept as here");
		merge_line("coders", r.coders_added, "added", 0, NULL, 0, NULL);
		merge_line("codings", r.codings_added, "added", r.codings_there,
			   "already here", r.codings_kept_back, "kept back");
		if (r.codings_decided)
			merge_line("decisions", r.codings_decided,
				   "taken on pending suggestions", 0, NULL, 0,
				   NULL);
		merge_line("cells", r.cells_added, "filled", r.cells_same,
			   "the same", r.cells_conflicting,
			   "conflicts kept to resolve");
		merge_line("memos", r.memos_added, "added", r.memos_there,
			   "already here", r.memos_kept_back, "kept back");
		merge_line("framework changes", r.changes_carried, "carried", 0,
			   NULL, 0, NULL);
		merge_line("log entries", r.log_carried,
			   "carried (charter log --carried)", 0, NULL, 0, NULL);
		if (dry)
			printf("dry run: nothing was changed\n");
	}
	fw_merge_result_dispose(&r);
	return job_close(&j, rc);
}
