/*
 * cmd_speaker.c: charter speakers: a source's speakers after ingest, and
 * the corrections when a label was misread (rename, merge, role,
 * not-speaker, case).
 */
#include "cli.h"
#include "fw/speaker.h"

#include <stdio.h>
#include <string.h>

static int speakers_list(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("speakers list");
	int fmt = FW_FMT_TEXT;
	const char *source = NULL;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_ARG, "SOURCE", &source, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_speaker_list(&t, j.p, source, &j.e), &t, fmt);
}

/* A correction: SOURCE LABEL [WHAT], done in one transaction. */
typedef int (*edit_fn)(fw_project *p, const char *source, const char *label,
		       const char *what, fw_error *err);

static int speaker_edit(void *ctx, int argc, char **argv, const char *name,
			const char *what_meta, edit_fn fn, const char *done)
{
	const cli_cmd *cmd = cli_cmd_find(name);
	const char *source = NULL, *label = NULL, *what = NULL;
	cli_opt opts[] = {{OPT_ARG, "SOURCE", &source, 0, 0, 1, 0, 0},
			  {OPT_ARG, "LABEL", &label, 0, 0, 1, 0, 0},
			  {OPT_ARG, what_meta, &what, 0, 0, 1, 0, 0},
			  {0}};
	if (!what_meta)
		opts[2] = (cli_opt){0};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = job_close(&j, fn(j.p, source, label, what, &j.e));
	if (!rc)
		printf("%s: '%s' %s%s%s%s\n", source, label, done,
		       what ? " '" : "", what ? what : "", what ? "'" : "");
	return rc;
}

static int not_speaker(fw_project *p, const char *source, const char *label,
		       const char *what, fw_error *err)
{
	(void)what;
	return fw_speaker_not(p, source, label, err);
}

static int speakers_rename(void *ctx, int argc, char **argv)
{
	return speaker_edit(ctx, argc, argv, "speakers rename", "NEW",
			    fw_speaker_rename, "is now");
}

static int speakers_merge(void *ctx, int argc, char **argv)
{
	return speaker_edit(ctx, argc, argv, "speakers merge", "INTO",
			    fw_speaker_merge, "is merged into");
}

static int speakers_role(void *ctx, int argc, char **argv)
{
	return speaker_edit(ctx, argc, argv, "speakers role", "ROLE",
			    fw_speaker_role, "has the role");
}

static int speakers_not(void *ctx, int argc, char **argv)
{
	return speaker_edit(ctx, argc, argv, "speakers not-speaker", NULL,
			    not_speaker,
			    "is no speaker; its words joined the turns "
			    "before them");
}

static int speakers_case(void *ctx, int argc, char **argv)
{
	return speaker_edit(ctx, argc, argv, "speakers case", "CASE",
			    fw_speaker_case, "now counts for the case");
}

int cmd_speakers(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"list", speakers_list},
				       {"rename", speakers_rename},
				       {"merge", speakers_merge},
				       {"role", speakers_role},
				       {"not-speaker", speakers_not},
				       {"case", speakers_case},
				       {0}};
	/* `charter speakers [SOURCE]` lists */
	int sub = 0;
	for (const cli_sub *s = subs; argc > 1 && s->name; s++)
		sub |= !strcmp(argv[1], s->name);
	if (argc == 1 || (!sub && argv[1][0] != '-'))
		return speakers_list(c, argc, argv);
	return cli_dispatch("speakers", subs, c, argc, argv);
}
