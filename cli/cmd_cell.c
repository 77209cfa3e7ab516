/*
 * cmd_cell.c: charter cell: a chart cell's summary set, imported, shown,
 * edited, cleared or accepted.
 */
#include "cli.h"
#include "buf.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/coding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define EDIT_MARK "# ---- below this line is not saved ----"

/* Row r of a coding list (fw_coding_list) counts: confirmed, or a
 * suggestion with --include-suggested; marked "?" when a suggestion. */
static int passage_counts(const fw_table *cod, size_t r, int suggested)
{
	const char *st = fw_table_cell(cod, r, 7);
	return !strcmp(st, "confirmed") ||
	       (suggested && !strcmp(st, "suggested"));
}

static const char *passage_mark(const fw_table *cod, size_t r)
{
	return strcmp(fw_table_cell(cod, r, 7), "suggested") ? "" : "?";
}

/* The file the editor opens: the summary, the agreement line, and the
 * cell's coded passages below the marker. */
static int write_edit_file(FILE *fp, const fw_table *cod, const char *sum,
			   const char *ag, const char *case_name,
			   const char *code, int suggested)
{
	fprintf(fp, "%s\n", sum);
	if (*ag)
		fprintf(fp, "agreement: %s\n", ag);
	fprintf(fp,
		"%s\n# %s %s: write the summary above, with line references "
		"(L12, L12-18, L12-18* for a quote)%s.\n# Coded passages:\n",
		EDIT_MARK, case_name, code,
		*ag ? " and the agreement line" : "");
	for (size_t r = 0; r < cod->nrows; r++) {
		if (!passage_counts(cod, r, suggested))
			continue;
		fprintf(fp, "# %s L%s%s", cod->rows[r][2], cod->rows[r][3] + 1,
			passage_mark(cod, r));
		fputs(": ", fp);
		for (const char *q = cod->rows[r][8] ? cod->rows[r][8] : ""; *q;
		     q++)
			fputc(*q == '\n' ? ' ' : *q, fp);
		fputc('\n', fp);
	}
	return fclose(fp);
}

/* What the researcher wrote above the marker: the summary in b, the
 * agreement line (if any) in *agl. */
static void read_edit_file(fw_buf *b, char **agl, const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[8192];
	while (fp && fgets(line, sizeof line, fp)) {
		if (!strncmp(line, EDIT_MARK, strlen(EDIT_MARK)))
			break;
		fw_buf_puts(b, line);
	}
	if (fp)
		fclose(fp);
	if (!b->ptr)
		fw_buf_putc(b, 0);
	char *text = b->ptr;
	while (b->len && (text[b->len - 1] == '\n' || text[b->len - 1] == ' '))
		text[--b->len] = 0;
	char *nl = strrchr(text, '\n');
	const char *lastline = nl ? nl + 1 : text;
	if (!strncmp(lastline, "agreement: ", 11)) {
		*agl = fw_xstrdup(lastline + 11);
		if (nl)
			*nl = 0;
		else
			text[0] = 0;
	}
}

/* The cell as it is now: its summary and agreement ("" for none). */
static int cell_now(fw_project *p, const char *case_name, const char *code,
		    char **sum, char **ag, fw_error *err)
{
	fw_table *cell = NULL;
	int rc = fw_cell_get(&cell, p, case_name, code, err);
	if (rc)
		return rc;
	*sum = fw_xstrdup(cell->rows[0][2] ? cell->rows[0][2] : "");
	*ag = fw_xstrdup(cell->rows[0][3] ? cell->rows[0][3] : "");
	fw_table_free(cell);
	return 0;
}

/* $EDITOR on the summary, the project not held while the editor is open:
 * the cell is read, edited, and saved only if no one changed it
 * meanwhile (else refused, the edited text kept in its file). */
static int edit_cell(cli *c, const char *case_name, const char *code,
		     const char *coder)
{
	char *sum = NULL, *ag = NULL, *agl = NULL;
	fw_table *cod = NULL;
	char path[] = "/tmp/charter-cell-XXXXXX";
	JOB_OPEN(r, c, JOB_READ);
	int rc = cell_now(r.p, case_name, code, &sum, &ag, &r.e);
	if (!rc)
		rc = fw_coding_list(&cod, r.p, case_name, code, &r.e);
	int fd = rc ? -1 : mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!rc && !fp)
		rc = fw_error_set(&r.e, FW_EIO, NULL, 0,
				  "cannot create a temporary file");
	if (!rc &&
	    write_edit_file(fp, cod, sum, ag, case_name, code, c->suggested))
		rc = fw_error_set(&r.e, FW_EIO, path, 0,
				  "cannot write the file to edit");
	fw_table_free(cod);
	if ((rc = job_close(&r, rc)) != EXIT_OK) {
		free(sum);
		free(ag);
		return rc;
	}
	if (run_editor(path)) {
		unlink(path);
		free(sum);
		free(ag);
		return die("the editor failed; the cell is unchanged");
	}
	fw_buf b;
	fw_buf_init(&b);
	read_edit_file(&b, &agl, path);
	cli_job j;
	char *sum2 = NULL, *ag2 = NULL;
	if (job_open(&j, c, JOB_WRITE)) {
		fprintf(stderr, "charter: your text is kept in %s\n", path);
		rc = EXIT_FAIL;
		goto out;
	}
	rc = cell_now(j.p, case_name, code, &sum2, &ag2, &j.e);
	if (!rc && (strcmp(sum, sum2) || strcmp(ag, ag2))) {
		rc = fw_error_set(&j.e, FW_EBUSY, NULL, 0,
				  "%s %s changed while the editor was open "
				  "(it now reads \"%.60s%s\"); nothing saved, "
				  "your text is kept in %s",
				  case_name, code, sum2,
				  strlen(sum2) > 60 ? "..." : "", path);
	} else if (!rc) {
		unlink(path);
		if (!strcmp(b.ptr, sum) && !strcmp(agl ? agl : "", ag))
			printf("%s %s: no change\n", case_name, code);
		else
			rc = fw_cell_set(&j.dg, j.p, case_name, code, b.ptr,
					 agl, coder, &j.e);
	}
	rc = job_close(&j, rc);
out:
	free(sum);
	free(ag);
	free(sum2);
	free(ag2);
	free(agl);
	fw_buf_dispose(&b);
	return rc;
}

#define CASE_CODE(cs, code)                                                    \
	{OPT_ARG, "CASE", &(cs), 0, 0, 1, 0, 0},                               \
	{                                                                      \
		OPT_ARG, "CODE", &(code), 0, 0, 1, 0, 0                        \
	}

static int cell_set(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell set");
	const char *cs = NULL, *code = NULL, *summary = NULL, *agreement = NULL,
		   *coder = NULL;
	cli_opt opts[] = {
		{OPT_STRING, "agreement", &agreement, "A",
		 "for a group discussion: consensus, majority, divergent\n"
		 "or single:SPEAKER",
		 0, 0, 0},
		OPT_CODER(coder),
		CASE_CODE(cs, code),
		{OPT_ARG, "SUMMARY", &summary, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	return job_close(&j, fw_cell_set(&j.dg, j.p, cs, code, summary,
					 agreement, coder, &j.e));
}

/* A CSV written by chart export carries ids: it merges like a workbook. */
static int is_id_csv(const char *path)
{
	FILE *hf = fopen(path, "rb");
	char head[16] = "";
	if (hf) {
		size_t hn = fread(head, 1, sizeof head - 1, hf);
		head[hn] = 0;
		fclose(hf);
	}
	return !strncmp(head, "case_id,", 8) || !strncmp(head,
							 "\xEF\xBB\xBF"
							 "case_id,",
							 11);
}

/* A workbook or CSV from chart export, merged by the ids it keeps. */
static int import_merge(cli_job *j, const char *file, int idcsv, int force)
{
	fw_xlsx_result xr;
	memset(&xr, 0, sizeof xr);
	int rc = idcsv ? fw_cell_import_idcsv(&xr, j->p, file, force, &j->e)
		       : fw_cell_import_xlsx(&xr, j->p, file, force, &j->e);
	rc = job_close(j, rc);
	if (!rc) {
		fw_diags_print(&xr.diags, stderr);
		printf("%d cells updated, %d cleared, %d unchanged, %d "
		       "conflicts, %d rejected\n",
		       xr.updated, xr.cleared, xr.unchanged, xr.conflicts,
		       xr.rejected);
		if (xr.conflicts || xr.rejected)
			rc = EXIT_FAIL;
	}
	fw_diags_dispose(&xr.diags);
	return rc;
}

static int cell_import(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell import");
	const char *file = NULL;
	int force = 0;
	cli_opt opts[] = {{OPT_FLAG, "force", &force, 0,
			   "take the edited cell even where the project's\n"
			   "changed since the export",
			   0, 0, 0},
			  {OPT_ARG, "FILE.csv|FILE.xlsx", &file, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if (input_file(file))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, JOB_WRITE);
	size_t pl = strlen(file);
	int idcsv = is_id_csv(file);
	if ((pl > 5 && !strcasecmp(file + pl - 5, ".xlsx")) || idcsv)
		return import_merge(&j, file, idcsv, force);
	int count = 0;
	int rc = fw_cell_import(&count, &j.dg, j.p, file, &j.e);
	size_t warned = j.dg.n;
	if (!(rc = job_close(&j, rc)))
		printf("%d cells imported (%zu with warnings)\n", count,
		       warned);
	return rc;
}

static int cell_show(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell show");
	const char *cs = NULL, *code = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {
		OPT_SUGGESTED(ctx), OPT_FORMAT(fmt), CASE_CODE(cs, code), {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL, *cod = NULL;
	int rc = fw_cell_get(&t, j.p, cs, code, &j.e);
	if (!rc && fmt == FW_FMT_TEXT)
		rc = fw_coding_list(&cod, j.p, cs, code, &j.e);
	if (!(rc = job_close(&j, rc)))
		rc = print_table(t, fmt);
	fw_table_free(t);
	/* the passages the summary rests on */
	for (size_t r = 0, n = 0; !rc && cod && r < cod->nrows; r++)
		if (passage_counts(cod, r, ((cli *)ctx)->suggested))
			printf("%s%s L%s%s: %s\n",
			       n++ ? "" : "\ncoded passages:\n",
			       cod->rows[r][2], cod->rows[r][3] + 1,
			       passage_mark(cod, r),
			       cod->rows[r][8] ? cod->rows[r][8] : "");
	fw_table_free(cod);
	/* what a merge left beside it */
	fw_table *cf = NULL;
	if (!rc && fmt == FW_FMT_TEXT) {
		JOB_OPEN(k, ctx, JOB_READ);
		rc = job_close(&k, fw_cell_conflicts(&cf, k.p, cs, code, &k.e));
	}
	for (size_t r = 0; !rc && cf && r < cf->nrows; r++)
		printf("%sconflicting summary %s (%s%s%s): %s\n", r ? "" : "\n",
		       fw_table_cell(cf, r, 2), fw_table_cell(cf, r, 3),
		       fw_table_cell(cf, r, 3)[0] ? ", from " : "from ",
		       fw_table_cell(cf, r, 4), fw_table_cell(cf, r, 6));
	if (cf && cf->nrows)
		printf("(charter cell resolve %s %s --take N, --keep or "
		       "--text)\n",
		       cs, code);
	fw_table_free(cf);
	return rc;
}

static int cell_conflicts(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell conflicts");
	const char *cs = NULL, *code = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_ARG, "[CASE]", &cs, 0, 0, 0, 0, 0},
			  {OPT_ARG, "[CODE]", &code, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if (cs && !code)
		return cli_usage(cmd, "name the cell's case and code, or "
				      "neither");
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, fw_cell_conflicts(&t, j.p, cs, code, &j.e), &t,
			 fmt);
}

static int cell_resolve(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell resolve");
	const char *cs = NULL, *code = NULL, *coder = NULL, *text = NULL;
	int take = 0, keep = 0;
	cli_opt opts[] = {{OPT_INT, "take", &take, "N",
			   "make conflicting summary N the cell's", 0, 1,
			   1000000},
			  {OPT_FLAG, "keep", &keep, 0,
			   "keep the cell's own summary", 0, 0, 0},
			  {OPT_STRING, "text", &text, "SUMMARY",
			   "write another summary (the two combined)", 0, 0, 0},
			  OPT_CODER(coder),
			  CASE_CODE(cs, code),
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if ((take > 0) + keep + (text != NULL) != 1)
		return cli_usage(cmd, "say one of --take N, --keep or --text");
	JOB_OPEN(j, ctx, JOB_WRITE);
	int rc = fw_cell_resolve(&j.dg, j.p, cs, code, take, text, coder, &j.e);
	if (!rc)
		printf("%s %s resolved: %s\n", cs, code,
		       take   ? "the conflicting summary taken"
		       : keep ? "its own summary kept"
			      : "the summary written");
	return job_close(&j, rc);
}

static int cell_edit(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell edit");
	const char *cs = NULL, *code = NULL, *coder = NULL;
	cli_opt opts[] = {OPT_CODER(coder), CASE_CODE(cs, code), {0}};
	PARSE(cmd, opts, argc, argv);
	return edit_cell(ctx, cs, code, coder);
}

/* clear or accept: one cell, no options. */
static int cell_change(void *ctx, int argc, char **argv, const cli_cmd *cmd,
		       int accept)
{
	const char *cs = NULL, *code = NULL, *coder = NULL;
	cli_opt opts[] = {OPT_CODER(coder), CASE_CODE(cs, code), {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_WRITE);
	return job_close(&j, accept ? fw_cell_accept(j.p, cs, code, &j.e)
				    : fw_cell_set(NULL, j.p, cs, code, "", NULL,
						  coder, &j.e));
}

static int cell_clear(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell clear");
	return cell_change(ctx, argc, argv, cmd, 0);
}

static int cell_accept(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("cell accept");
	return cell_change(ctx, argc, argv, cmd, 1);
}

int cmd_cell(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"set", cell_set},
				       {"import", cell_import},
				       {"show", cell_show},
				       {"edit", cell_edit},
				       {"clear", cell_clear},
				       {"accept", cell_accept},
				       {"conflicts", cell_conflicts},
				       {"resolve", cell_resolve},
				       {0}};
	return cli_dispatch("cell", subs, c, argc, argv);
}
