/*
 * cmd_codebook.c: charter codebook import, list and export: the thematic
 * framework.
 */
#include "cli.h"
#include "fw/codebook.h"
#include "fw/refi.h"

#include <stdio.h>
#include <string.h>

/* A REFI-QDA codebook is XML: its first byte (after a BOM and space) is
 * '<'. */
static int looks_xml(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char head[8] = {0};
	size_t hn = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	size_t k = hn >= 3 && head[0] == 0xEF && head[1] == 0xBB ? 3 : 0;
	while (k < hn && (head[k] == ' ' || head[k] == '\n' || head[k] == '\r'))
		k++;
	return k < hn && head[k] == '<';
}

static int codebook_import(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("codebook import");
	const char *file = NULL;
	cli_opt opts[] = {{OPT_ARG, "FILE", &file, 0, 0, 1, 0, 0}, {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc;
	if (looks_xml(file)) {
		fw_refi_result rr;
		memset(&rr, 0, sizeof rr);
		rc = job_close(&j, fw_refi_import(&rr, j.p, file, &j.e));
		if (!rc) {
			printf("%s: %d codes added, %d matched by GUID\n", file,
			       rr.codes, rr.codes_matched);
			print_diag_list("dropped:", &rr.diags, FW_DIAG_NOTE,
					stdout);
		}
		fw_refi_result_dispose(&rr);
		return rc;
	}
	fw_codebook_result r;
	rc = job_close(&j, fw_codebook_import(&r, j.p, file, &j.e));
	if (!rc)
		printf("%d themes: %d added, %d updated; %d rules\n", r.themes,
		       r.added, r.updated, r.rules);
	return rc;
}

static int codebook_list(void *ctx, int argc, char **argv)
{
	return list_verb("codebook list", ctx, argc, argv, fw_codebook_list);
}

static int codebook_export(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("codebook export");
	int fmt = 0;
	cli_opt opts[] = {{OPT_CHOICE, "format", &fmt, "qdc",
			   "the format (qdc, the REFI-QDA codebook)", 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_buf b;
	fw_buf_init(&b);
	int rc = job_close(&j, fw_refi_codebook(&b, j.p, &j.e));
	if (!rc)
		fwrite(b.ptr, 1, b.len, stdout);
	fw_buf_dispose(&b);
	return rc;
}

int cmd_codebook(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"import", codebook_import},
				       {"list", codebook_list},
				       {"export", codebook_export},
				       {0}};
	return cli_dispatch("codebook", subs, c, argc, argv);
}
