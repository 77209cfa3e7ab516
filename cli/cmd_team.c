/*
 * cmd_team.c: charter coders and charter agree: a team's coders, and how
 * far their indexing agrees.
 */
#include "cli.h"
#include "fw/agree.h"
#include "fw/coder.h"

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
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	int rc = disagreements ? fw_agree_disagreements(&t, j.p, &o, &j.e)
			       : fw_agree(&t, j.p, &o, &j.e);
	return job_print(&j, rc, &t, fmt);
}
