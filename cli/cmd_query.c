/*
 * cmd_query.c: charter query matrix, retrieve, search, cooccur and
 * typology: asking the indexed data.
 */
#include "cli.h"
#include "report.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "fw/case.h"
#include "fw/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WHERE_OPT(l)                                                           \
	{                                                                      \
		OPT_LIST, "where", &(l), "A=V",                                \
			"only cases whose attribute A is V; repeat to narrow", \
			0, 0, 0                                                \
	}

static int query_matrix(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query matrix");
	fw_matrix_opts mo;
	memset(&mo, 0, sizeof mo);
	int fmt = FW_FMT_TEXT, percent = 0;
	const char *cell = NULL;
	cli_list where = {0};
	cli_opt opts[] = {
		OPT_SUGGESTED(ctx),
		{OPT_STRING, "rows", &mo.rows, "SPEC", "the rows", 1, 0, 0},
		{OPT_STRING, "cols", &mo.cols, "SPEC", "the columns", 1, 0, 0},
		WHERE_OPT(where),
		{OPT_CHOICE, "count", &mo.count, "cases|codings|words",
		 "what a cell counts (default cases)", 0, 0, 0},
		{OPT_CHOICE, "percent", &percent, "none|row|col",
		 "percentages of the row or the column", 0, 0, 0},
		{OPT_STRING, "cell", &cell, "R,C",
		 "the passages behind one cell (from 1)", 0, 0, 0},
		OPT_FORMAT(fmt),
		{0}};
	PARSE(cmd, opts, argc, argv);
	mo.percent = percent == 1 ? 'r' : percent == 2 ? 'c' : 0;
	if (cell && (sscanf(cell, "%d,%d", &mo.cell_row, &mo.cell_col) != 2 ||
		     mo.cell_row < 1 || mo.cell_col < 1))
		return cli_usage(cmd, "--cell is ROW,COL (from 1)");
	mo.where = where.v;
	mo.nwhere = where.n;
	JOB_OPEN(j, ctx, JOB_READ);
	fw_where_unmatched(j.p, (const char *const *)where.v, where.n, &j.dg);
	fw_table *t = NULL;
	return job_print(&j, fw_query_matrix(&t, j.p, &mo, &j.e), &t, fmt);
}

static int query_retrieve(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query retrieve");
	int fmt = FW_FMT_TEXT, deep = 0, context = 0;
	const char *show_attrs = NULL;
	cli_list where = {0}, expr = {0};
	cli_opt opts[] = {OPT_SUGGESTED(ctx),
			  {OPT_FLAG, "deep", &deep, 0,
			   "with each code's sub-codes", 0, 0, 0},
			  WHERE_OPT(where),
			  {OPT_INT, "context", &context, "N",
			   "lines around each passage", 0, 0, 10000},
			  {OPT_STRING, "show", &show_attrs, "ATTR,...",
			   "attribution attributes after the case", 0, 0, 0},
			  OPT_FORMAT(fmt),
			  {OPT_ARGS, "EXPR", &expr, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	fw_buf ex;
	fw_buf_init(&ex);
	for (size_t i = 0; i < expr.n; i++)
		fw_buf_printf(&ex, "%s%s", i ? " " : "", expr.v[i]);
	cli_names shv;
	names_split(&shv, show_attrs);
	fw_sink sink;
	fw_retrieve_opts ro = {ex.ptr, deep, where.v, where.n, context, shv.v,
			       shv.n,
			       /* passages can be many: they stream */
			       stream_sink(&sink, fmt)};
	cli_job j;
	int rc = EXIT_FAIL;
	if (!job_open(&j, ctx, JOB_READ)) {
		fw_table *t = NULL;
		fw_where_unmatched(j.p, (const char *const *)where.v, where.n,
				   &j.dg);
		rc = job_print(&j, fw_query_retrieve(&t, j.p, &ro, &j.e), &t,
			       fmt);
	}
	fw_buf_dispose(&ex);
	return rc;
}

static int query_search(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query search");
	fw_search_opts so;
	memset(&so, 0, sizeof so);
	int fmt = FW_FMT_TEXT, speaker = 0;
	cli_list where = {0};
	cli_opt opts[] = {
		WHERE_OPT(where),
		{OPT_CHOICE, "speaker", &speaker, "respondent|interviewer|all",
		 "whose turns (default respondent)", 0, 0, 0},
		{OPT_STRING, "code", &so.code, "CODE",
		 "code every hit's sentence (or --scope turn) to\n"
		 "this code",
		 0, 0, 0},
		{OPT_CHOICE, "scope", &so.scope_turn, "sentence|turn",
		 "what --code codes round a hit (default sentence)", 0, 0, 0},
		OPT_CODER(so.coder),
		OPT_FORMAT(fmt),
		{OPT_ARG, "TEXT|/REGEX/", &so.query, 0, 0, 1, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	static const char *const speakers[] = {"respondent", "interviewer",
					       "all"};
	so.speaker = speakers[speaker];
	so.where = where.v;
	so.nwhere = where.n;
	fw_sink sink;
	so.sink = stream_sink(&sink, fmt);
	JOB_OPEN(j, ctx, so.code ? JOB_WRITE : JOB_READ);
	fw_where_unmatched(j.p, (const char *const *)where.v, where.n, &j.dg);
	fw_table *t = NULL;
	int coded = 0;
	int rc = job_print(&j, fw_query_search(&t, &coded, j.p, &so, &j.e), &t,
			   fmt);
	if (!rc && so.code)
		fprintf(stderr, "charter: %d hit%s coded to %s\n", coded,
			coded == 1 ? "" : "s", so.code);
	return rc;
}

static int query_cooccur(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query cooccur");
	int fmt = FW_FMT_TEXT, pairs = 0, within = FW_WITHIN_TURN;
	const char *theme = NULL, *w = NULL;
	cli_opt opts[] = {OPT_SUGGESTED(ctx),
			  {OPT_STRING, "within", &w, "turn|case|N",
			   "where codes count as together (default turn)", 0, 0,
			   0},
			  {OPT_FLAG, "pairs", &pairs, 0,
			   "the turns where two or more codes meet", 0, 0, 0},
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "THEME", &theme, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if (w && !strcmp(w, "case"))
		within = FW_WITHIN_CASE;
	else if (w && atoi(w) > 0)
		within = atoi(w);
	else if (w && strcmp(w, "turn") && strcmp(w, "utterance"))
		return cli_usage(cmd, "--within is turn, case or N (lines)");
	if (pairs && w)
		return cli_usage(cmd, "--pairs and --within do not go "
				      "together");
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	int rc = pairs ? fw_query_cooccur_pairs(&t, j.p, theme, &j.e)
		       : fw_query_cooccur(&t, j.p, theme, within, &j.e);
	return job_print(&j, rc, &t, fmt);
}

/* CASE,VALUE rows of a CSV (a header row "case,..." is skipped) added to
 * pairs as CASE=VALUE. */
static int pairs_from_csv(cli_list *pairs, fw_buf *store, const char *path,
			  fw_error *e)
{
	fw_csv *cv;
	int rc = fw_csv_open(&cv, path, e);
	char **f;
	size_t nf;
	int line, first = 1;
	size_t *offs = NULL, n = 0;
	while (!rc && (rc = fw_csv_next(&f, &nf, &line, cv, e)) > 0) {
		rc = 0;
		if (nf < 2)
			rc = fw_error_set(e, FW_EPARSE, path, line,
					  "a typology row is CASE,VALUE");
		else if (!(first && (!strcasecmp(f[0], "case") ||
				     !strcasecmp(f[0], "id")))) {
			offs = fw_xrealloc(offs, (n + 1) * sizeof *offs);
			offs[n++] = store->len;
			fw_buf_printf(store, "%s=%s", f[0], f[1]);
			fw_buf_putc(store, 0);
		}
		first = 0;
	}
	fw_csv_free(cv);
	for (size_t i = 0; !rc && i < n && pairs->n < CLI_LIST_MAX; i++)
		pairs->v[pairs->n++] = store->ptr + offs[i];
	free(offs);
	return rc < 0 ? rc : 0;
}

/* query typology NAME --rules FILE: types from the evidence, each case's
 * shown, the cases that fit no type or several listed. */
static int typology_rules(void *ctx, const char *name, const char *rules,
			  int dry, int fmt)
{
	if (input_file(rules))
		return EXIT_FAIL;
	JOB_OPEN(j, ctx, dry ? JOB_READ : JOB_WRITE);
	char *g = fw_group_attribute(j.p);
	fw_table *t = NULL;
	int saved = 0;
	int rc = rp_typology_build(&t, &saved, j.p, g, rules, dry ? NULL : name,
				   &j.e);
	free(g);
	if ((rc = job_close(&j, rc)))
		return rc;
	rc = print_table(t, fmt);
	if (!rc && fmt == FW_FMT_TEXT) {
		int none = 0, several = 0;
		fw_buf nb, sb;
		fw_buf_init(&nb);
		fw_buf_init(&sb);
		for (size_t r = 0; r < t->nrows; r++) {
			const char *f = fw_table_cell(t, r, 3);
			fw_buf *b = !strcmp(f, "none")      ? &nb
				    : !strcmp(f, "several") ? &sb
							    : NULL;
			if (!b)
				continue;
			fw_buf_printf(b, "%s%s", b->len ? ", " : "",
				      fw_table_cell(t, r, 0));
			none += b == &nb;
			several += b == &sb;
		}
		printf("\n%zu cases: %zu fit one type; %d fit none%s%s%s; %d "
		       "fit several%s%s%s\n",
		       t->nrows, t->nrows - (size_t)none - (size_t)several,
		       none, none ? " (" : "", fw_buf_str(&nb), none ? ")" : "",
		       several, several ? " (" : "", fw_buf_str(&sb),
		       several ? ")" : "");
		if (dry)
			printf("(dry run: nothing stored)\n");
		else
			printf("typology '%s': %d case%s\n", name, saved,
			       saved == 1 ? "" : "s");
		fw_buf_dispose(&nb);
		fw_buf_dispose(&sb);
	}
	fw_table_free(t);
	return rc;
}

static int query_typology(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query typology");
	const char *name = NULL, *from_csv = NULL, *rules = NULL;
	int dry = 0, fmt = FW_FMT_TEXT;
	cli_list pairs = {0};
	cli_opt opts[] = {{OPT_LIST, "case", &pairs, "CASE=VALUE",
			   "one case's value", 0, 0, 0},
			  {OPT_STRING, "from-csv", &from_csv, "FILE",
			   "a CSV of case,value rows", 0, 0, 0},
			  {OPT_STRING, "rules", &rules, "FILE",
			   "build it from the evidence: rules over codings,\n"
			   "summaries and attributes (docs/REPORTS.md)",
			   0, 0, 0},
			  {OPT_FLAG, "dry-run", &dry, 0,
			   "with --rules: show the types, store nothing", 0, 0,
			   0},
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "NAME", &name, 0, 0, 1, 0, 0},
			  {OPT_ARGS, "CASE=VALUE", &pairs, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	if (rules)
		return typology_rules(ctx, name, rules, dry, fmt);
	if (!pairs.n && !from_csv)
		return cli_usage(cmd, "typology needs CASE=VALUE pairs, "
				      "--from-csv FILE or --rules FILE");
	JOB_OPEN(j, ctx, JOB_WRITE);
	fw_buf store;
	fw_buf_init(&store);
	int set = 0;
	int rc = from_csv ? pairs_from_csv(&pairs, &store, from_csv, &j.e) : 0;
	if (!rc)
		rc = fw_typology_set(&set, j.p, name, pairs.v, pairs.n, &j.e);
	rc = job_close(&j, rc);
	fw_buf_dispose(&store);
	if (!rc)
		printf("typology '%s': %d cases\n", name, set);
	return rc;
}

static int query_associate(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("query associate");
	const char *code = NULL, *attr = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_ARG, "CODE", &code, 0, 0, 1, 0, 0},
			  {OPT_ARG, "ATTR", &attr, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j, rp_associate(&t, j.p, code, attr, &j.e), &t, fmt);
}

int cmd_query(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"matrix", query_matrix},
				       {"retrieve", query_retrieve},
				       {"search", query_search},
				       {"cooccur", query_cooccur},
				       {"typology", query_typology},
				       {"associate", query_associate},
				       {0}};
	return cli_dispatch("query", subs, c, argc, argv);
}

/* charter views CODE: the range of views on a sub-theme */
int cmd_views(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("views");
	const char *code = NULL, *attr = NULL;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {{OPT_STRING, "by", &attr, "ATTR",
			   "grouped by this attribute (default: the grouping "
			   "attribute)",
			   0, 0, 0},
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "CODE", &code, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	char *g = attr ? NULL : fw_group_attribute(j.p);
	fw_table *t = NULL;
	int rc = rp_views(&t, j.p, attr ? attr : g, code, &j.e);
	free(g);
	return job_print(&j, rc, &t, fmt);
}
