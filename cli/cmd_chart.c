/*
 * cmd_chart.c: charter chart (a theme's chart, or every chart) and its
 * sub-verbs export, check and summarise.
 */
#include "cli.h"
#include "fw/case.h"
#include "fileio.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_chart(fw_project *p, const char *theme, const char *name,
		       const fw_chart_opts *o, int fmt, FILE *fp, fw_error *e)
{
	fw_table *t;
	/* CSV and JSON rows are written as they are made (Markdown's heading
	 * waits for the chart to be found) */
	fw_sink sink;
	fw_chart_opts so = o ? *o : (fw_chart_opts){0};
	if (fmt == FW_FMT_CSV || fmt == FW_FMT_JSON) {
		fw_sink_init(&sink, fp, fmt);
		so.sink = &sink;
	}
	int rc = fw_chart_build(&t, p, theme, &so, e);
	if (rc)
		return rc;
	if (fmt == FW_FMT_MD)
		fprintf(fp, "## Chart %s: %s\n\n", theme, name ? name : "");
	rc = fw_table_write(t, fmt, fp);
	fw_table_free(t);
	if (rc)
		return fw_error_set(e, FW_EIO, NULL, 0,
				    "cannot write the chart");
	return 0;
}

/* HTML: the chart page(s) and a page per transcript in sources/. */
static int write_html(fw_project *p, const char *theme, const fw_chart_opts *o,
		      const char *out, int all, fw_error *e)
{
	if (!out)
		return fw_error_set(e, FW_EINVAL, NULL, 0,
				    "--format html needs --out (a file, or a "
				    "directory with --all)");
	char dir[1024];
	if (all) {
		snprintf(dir, sizeof dir, "%s", out);
	} else {
		snprintf(dir, sizeof dir, "%s", out);
		char *sl = strrchr(dir, '/');
		if (sl)
			*sl = 0;
		else
			snprintf(dir, sizeof dir, ".");
	}
	int rc = fw_mkdirs(dir, e);
	fw_table *themes = NULL;
	if (!rc)
		rc = fw_theme_list(&themes, p, e);
	int pages = 0;
	for (size_t i = 0; !rc && i < themes->nrows; i++) {
		const char *num = themes->rows[i][0];
		if (!all && strcmp(num, theme))
			continue;
		fw_buf b;
		fw_buf_init(&b);
		rc = fw_chart_html(&b, p, num, o, e);
		if (!rc) {
			char path[1400];
			if (all) {
				char slug[128];
				fw_path_slug(slug, sizeof slug,
					     themes->rows[i][1]);
				snprintf(path, sizeof path,
					 "%s/chart-%s-%s.html", dir, num, slug);
			} else {
				snprintf(path, sizeof path, "%s", out);
			}
			rc = fw_file_write(path, fw_buf_str(&b), b.len, e);
			pages++;
		}
		fw_buf_dispose(&b);
	}
	if (!rc && !all && !pages)
		rc = fw_error_set(e, FW_ENOTFOUND, NULL, 0, "no theme %s",
				  theme);
	fw_table_free(themes);
	/* the transcripts the references open */
	fw_table *src = NULL;
	if (!rc)
		rc = fw_source_list(&src, p, e);
	char sdir[1100];
	snprintf(sdir, sizeof sdir, "%s/sources", dir);
	if (!rc)
		rc = fw_mkdirs(sdir, e);
	for (size_t i = 0; !rc && src && i < src->nrows; i++) {
		fw_buf b;
		fw_buf_init(&b);
		char page[300];
		rc = fw_source_html(&b, page, sizeof page, p, src->rows[i][0],
				    e);
		if (!rc) {
			char path[1500];
			snprintf(path, sizeof path, "%s/%s", sdir, page);
			rc = fw_file_write(path, fw_buf_str(&b), b.len, e);
		}
		fw_buf_dispose(&b);
	}
	if (!rc)
		printf("wrote %d chart%s and %zu transcript pages to %s\n",
		       pages, pages == 1 ? "" : "s", src ? src->nrows : 0, dir);
	fw_table_free(src);
	return rc;
}

/* Every chart, one file each in dir. */
static int write_all(fw_project *p, const fw_chart_opts *o, int fmt,
		     const char *dir, fw_error *e)
{
	static const char *const ext[] = {"txt", "csv", "json", "md"};
	fw_table *themes = NULL;
	int rc = fw_theme_list(&themes, p, e);
	if (!rc)
		rc = fw_mkdirs(dir, e);
	for (size_t i = 0; !rc && i < themes->nrows; i++) {
		char slug[128], path[1200];
		fw_path_slug(slug, sizeof slug, themes->rows[i][1]);
		snprintf(path, sizeof path, "%s/chart-%s-%s.%s", dir,
			 themes->rows[i][0], slug, ext[fmt]);
		fw_atomic a;
		if ((rc = fw_atomic_begin(&a, path, e)))
			break;
		rc = write_chart(p, themes->rows[i][0], themes->rows[i][1], o,
				 fmt, a.fp, e);
		if (rc)
			fw_atomic_abort(&a);
		else if (!(rc = fw_atomic_commit(&a, e)))
			printf("%s\n", path);
	}
	fw_table_free(themes);
	return rc;
}

/* One chart, to out or standard output. */
static int write_one(fw_project *p, const char *theme, const fw_chart_opts *o,
		     int fmt, const char *out, fw_error *e)
{
	fw_table *themes = NULL;
	int rc = fw_theme_list(&themes, p, e);
	const char *name = NULL;
	for (size_t i = 0; !rc && i < themes->nrows; i++)
		if (!strcmp(themes->rows[i][0], theme))
			name = themes->rows[i][1];
	fw_atomic a;
	FILE *fp = stdout;
	if (!rc && out && !(rc = fw_atomic_begin(&a, out, e)))
		fp = a.fp;
	if (!rc)
		rc = write_chart(p, theme, name, o, fmt, fp, e);
	if (fp != stdout && rc)
		fw_atomic_abort(&a);
	else if (fp != stdout)
		rc = fw_atomic_commit(&a, e);
	fw_table_free(themes);
	return rc;
}

static int chart_show(cli *c, int argc, char **argv)
{
	fw_chart_opts o;
	memset(&o, 0, sizeof o);
	int fmt = FW_FMT_MD, all = 0; /* html: 4, after md */
	const char *theme = NULL, *out = NULL, *sort = NULL, *show = NULL;
	cli_list where = {0};
	cli_opt opts[] = {
		OPT_SUGGESTED(c),
		{OPT_CHOICE, "format", &fmt, "text|csv|json|md|html",
		 "how to write the chart (default md)", 0, 0, 0},
		{OPT_STRING, "sort", &sort, "ATTR,...",
		 "order the rows by these attributes after the group", 0, 0, 0},
		{OPT_LIST, "where", &where, "A=V",
		 "only cases whose attribute A is V (or has V among its\n"
		 "';'-separated values); repeat to narrow further",
		 0, 0, 0},
		{OPT_STRING, "show", &show, "ATTR,...",
		 "attribute columns after the group column", 0, 0, 0},
		{OPT_STRING, "code", &o.code, "N.M",
		 "one sub-theme down all the cases", 0, 0, 0},
		{OPT_FLAG, "refs", &o.refs_only, 0,
		 "show references even where a summary is written", 0, 0, 0},
		{OPT_FLAG, "all", &all, 0,
		 "every main theme, one file each in the --out directory", 0, 0,
		 0},
		{OPT_STRING, "out", &out, "FILE|DIR",
		 "write here instead of standard output", 0, 0, 0},
		{OPT_ARG, "THEME", &theme, 0, 0, 0, 0, 0},
		{0}};
	PARSE(cli_cmd_find("chart"), opts, argc, argv);
	if (all ? theme || !out : !theme)
		return cli_usage(cli_cmd_find("chart"),
				 all ? "chart --all needs --out DIR "
				       "and no THEME"
				     : "chart needs one THEME");
	cli_names sv, shv;
	names_split(&sv, sort);
	names_split(&shv, show);
	o.sort = sv.v;
	o.nsort = sv.n;
	o.show = shv.v;
	o.nshow = shv.n;
	o.where = where.v;
	o.nwhere = where.n;
	JOB_OPEN(j, c, JOB_READ);
	fw_where_unmatched(j.p, (const char *const *)where.v, where.n, &j.dg);
	fw_project *p = j.p;
	return job_close(&j, fmt == 4 ? write_html(p, theme, &o, out, all, &j.e)
			     : all    ? write_all(p, &o, fmt, out, &j.e)
				   : write_one(p, theme, &o, fmt, out, &j.e));
}

static int chart_export(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("chart export");
	int fmt = 0;
	const char *out = NULL, *sort = NULL, *show = NULL;
	cli_opt opts[] = {
		OPT_SUGGESTED(ctx),
		{OPT_CHOICE, "format", &fmt, "xlsx|csv", "the file's kind", 1,
		 0, 0},
		{OPT_STRING, "out", &out, "FILE", "the file to write", 1, 0, 0},
		{OPT_STRING, "sort", &sort, "ATTR,...",
		 "order the rows by these attributes", 0, 0, 0},
		{OPT_STRING, "show", &show, "ATTR,...",
		 "attribute columns after the group column", 0, 0, 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	cli_names sv, shv;
	names_split(&sv, sort);
	names_split(&shv, show);
	JOB_OPEN(j, ctx, JOB_READ);
	int n = 0;
	int rc = job_close(&j,
			   fmt ? fw_chart_export_csv(&n, j.p, out, &j.e)
			       : fw_chart_export_xlsx(&n, j.p, out, sv.v, sv.n,
						      shv.v, shv.n, &j.e));
	if (!rc)
		printf(fmt ? "%s: %d cells\n" : "%s: %d charts\n", out, n);
	return rc;
}

static int chart_check(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("chart check");
	int fmt = FW_FMT_TEXT;
	const char *theme = NULL;
	cli_opt opts[] = {OPT_SUGGESTED(ctx),
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "THEME", &theme, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	fw_table *t = NULL;
	int rc = fw_chart_check(&t, j.p, theme, &j.e);
	size_t n = t ? t->nrows : 0;
	if ((rc = job_print(&j, rc, &t, fmt)))
		return rc;
	if (fmt == FW_FMT_TEXT)
		fprintf(stderr, "charter: %zu problem%s\n", n,
			n == 1 ? "" : "s");
	return n ? EXIT_FAIL : EXIT_OK;
}

static int chart_summarise(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("chart summarise");
	const char *theme = NULL, *cases = NULL;
	cli_opt opts[] = {{OPT_STRING, "cases", &cases, "CASE,...",
			   "only these cases", 0, 0, 0},
			  {OPT_ARG, "THEME", &theme, 0, 0, 1, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	cli_names cv;
	names_split(&cv, cases);
	JOB_OPEN(j, ctx, JOB_WRITE);
	int n = 0;
	int rc = job_close(
		&j, fw_chart_summarise(&n, j.p, theme, cv.v, cv.n, &j.e));
	if (!rc)
		printf("%d cells drafted (marked as drafts; review them, then "
		       "set or accept)\n",
		       n);
	return rc;
}

static int chart_code_cited(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("chart code-cited");
	const char *theme = NULL, *coder = NULL;
	int dry = 0, fmt = FW_FMT_TEXT;
	cli_opt opts[] = {{OPT_FLAG, "dry-run", &dry, 0,
			   "list what would be coded, code nothing", 0, 0, 0},
			  OPT_CODER(coder),
			  OPT_FORMAT(fmt),
			  {OPT_ARG, "THEME", &theme, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, dry ? JOB_READ : JOB_WRITE);
	fw_table *t = NULL;
	int rc = fw_chart_code_cited(&t, j.p, theme, dry, coder, &j.e);
	size_t n = t ? t->nrows : 0;
	if ((rc = job_print(&j, rc, &t, fmt)))
		return rc;
	if (fmt == FW_FMT_TEXT)
		fprintf(stderr, "charter: %zu reference%s %s by hand\n", n,
			n == 1 ? "" : "s", dry ? "would be coded" : "coded");
	return EXIT_OK;
}

int cmd_chart(cli *c, int argc, char **argv)
{
	static const cli_sub subs[] = {{"export", chart_export},
				       {"check", chart_check},
				       {"summarise", chart_summarise},
				       {"summarize", chart_summarise},
				       {"code-cited", chart_code_cited},
				       {0}};
	for (const cli_sub *s = subs; argc > 1 && s->name; s++)
		if (!strcmp(argv[1], s->name))
			return s->fn(c, argc - 1, argv + 1);
	return chart_show(c, argc, argv);
}
