/*
 * cmd_chart.c: chart and cell.
 */
#include "cli.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/source.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

static const char chart_help[] =
	"usage: charter chart THEME [--format md|csv|json|text|html] [--sort ATTR,...]\n"
	"                     [--where ATTR=VALUE]... [--show ATTR,...]\n"
	"                     [--code N.M] [--refs] [--out FILE]\n"
	"       charter chart --all --out DIR [--format md|csv] [--sort ATTR,...]\n"
	"       charter chart export --format xlsx|csv --out FILE [--sort ATTR,...]\n"
	"                     [--show ATTR,...]\n"
	"       charter chart check [THEME] [--format text|csv|json|md]\n"
	"       charter chart summarise THEME [--cases CASE,...]\n"
	"\n"
	"The chart of a main theme: a row per case, grouped by the grouping\n"
	"attribute (then --sort attributes, then name), a column per sub-theme.\n"
	"A cell shows the summary written for it, or else the line references\n"
	"of the case's codings (L112-118, L240-251).\n"
	"\n"
	"  --refs      show references even where a summary is written\n"
	"  --where A=V only cases whose attribute A is V (or has V among its\n"
	"              ';'-separated values); repeat to narrow further\n"
	"  --show A,B  attribute columns after the group column\n"
	"  --code N.M  one sub-theme down all the cases\n"
	"  --all       every main theme, one file each in DIR\n"
	"\n"
	"export writes every chart to one workbook, a worksheet per main theme,\n"
	"to edit in a spreadsheet and bring back with charter cell import.\n"
	"check lists cells coded but not summarised, summaries without a\n"
	"reference, references to lines not coded to the cell, and summaries\n"
	"that copy 12 or more words of the transcript in a row (exit status 1\n"
	"when it finds any).  summarise drafts the empty cells of a theme from\n"
	"their coded text, the respondent's own key phrases with references,\n"
	"marked (draft) until set or accepted (charter cell accept); it never\n"
	"touches a cell that has a summary.\n";

static int split_sort(char *s, const char ***out, size_t *n)
{
	size_t cap = 1;
	for (char *p = s; *p; p++)
		cap += *p == ',';
	const char **v = calloc(cap, sizeof *v);
	size_t k = 0;
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		if (*tok)
			v[k++] = tok;
	*out = v;
	*n = k;
	return 0;
}

static int write_chart(fw_project *p, const char *theme, const char *name,
		       const fw_chart_opts *o, int fmt, FILE *fp, fw_error *e)
{
	fw_table *t;
	int rc = fw_chart_build(&t, p, theme, o, e);
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

static int chart_export(cli *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'},
		{"sort", required_argument, 0, 's'},
		{"out", required_argument, 0, 'o'},
		{"show", required_argument, 0, 'S'},
		{0, 0, 0, 0}};
	const char *out = NULL, *format = NULL;
	char *sort = NULL, *show = NULL;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:s:o:S:", lo, NULL)) != -1) {
		if (ch == 'S')
			show = optarg;
		else if (ch == 'f')
			format = optarg;
		else if (ch == 's')
			sort = optarg;
		else if (ch == 'o')
			out = optarg;
		else
			return usage_error(chart_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (!format || (strcmp(format, "xlsx") && strcmp(format, "csv")))
		return usage_error(chart_help,
				   "chart export needs --format xlsx or csv");
	if (!out || optind != argc)
		return usage_error(chart_help,
				   "chart export needs --out FILE.xlsx");
	const char **sv = NULL, **shv = NULL;
	size_t nsort = 0, nshow = 0;
	char *sortcopy = sort ? strdup(sort) : NULL;
	char *showcopy = show ? strdup(show) : NULL;
	if (sortcopy)
		split_sort(sortcopy, &sv, &nsort);
	if (showcopy)
		split_sort(showcopy, &shv, &nshow);
	fw_project *p = open_project(c, 1);
	if (!p) {
		free(sv);
		free(sortcopy);
		free(shv);
		free(showcopy);
		return EXIT_FAIL;
	}
	fw_error e;
	fw_error_clear(&e);
	int sheets = 0;
	int csv = !strcmp(format, "csv");
	int rc = csv ? fw_chart_export_csv(&sheets, p, out, &e)
		     : fw_chart_export_xlsx(&sheets, p, out, sv, nsort, shv,
					    nshow, &e);
	fw_project_free(p);
	free(sv);
	free(sortcopy);
	free(shv);
	free(showcopy);
	if (rc)
		return fail(&e);
	printf(csv ? "%s: %d cells\n" : "%s: %d charts\n", out, sheets);
	return EXIT_OK;
}

static int chart_check(cli *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'}, {0, 0, 0, 0}};
	int fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(chart_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error(chart_help,
				   "chart check takes at most one THEME");
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *t;
	int rc = fw_chart_check(&t, p, optind < argc ? argv[optind] : NULL, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	size_t n = t->nrows;
	rc = print_table(t, fmt);
	fw_table_free(t);
	if (rc)
		return rc;
	if (fmt == FW_FMT_TEXT)
		fprintf(stderr, "charter: %zu problem%s\n", n,
			n == 1 ? "" : "s");
	return n ? EXIT_FAIL : EXIT_OK;
}

static int chart_summarise(cli *c, int argc, char **argv)
{
	static const struct option lo[] = {{"cases", required_argument, 0, 'c'},
					   {0, 0, 0, 0}};
	char *cases = NULL;
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":c:", lo, NULL)) != -1) {
		if (ch == 'c')
			cases = optarg;
		else
			return usage_error(chart_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (argc - optind != 1)
		return usage_error(chart_help,
				   "chart summarise needs one THEME");
	const char **cv = NULL;
	size_t ncv = 0;
	char *copy = cases ? strdup(cases) : NULL;
	if (copy)
		split_sort(copy, &cv, &ncv);
	fw_project *p = open_project(c, 0);
	if (!p) {
		free(cv);
		free(copy);
		return EXIT_FAIL;
	}
	fw_error e;
	fw_error_clear(&e);
	int n = 0;
	int rc = fw_project_begin(p, &e);
	if (!rc)
		rc = fw_chart_summarise(&n, p, argv[optind], cv, ncv, &e);
	rc = finish(p, rc, &e);
	free(cv);
	free(copy);
	if (!rc)
		printf("%d cells drafted (marked as drafts; review them, then set or "
		       "accept)\n",
		       n);
	return rc;
}

int cmd_chart(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, chart_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'},
		{"sort", required_argument, 0, 's'},
		{"refs", no_argument, 0, 'r'},
		{"out", required_argument, 0, 'o'},
		{"all", no_argument, 0, 'a'},
		{"where", required_argument, 0, 'w'},
		{"show", required_argument, 0, 'S'},
		{"code", required_argument, 0, 'k'},
		{0, 0, 0, 0}};
	int fmt = FW_FMT_MD, ch, all = 0;
	if (argc > 1 && !strcmp(argv[1], "export"))
		return chart_export(c, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "check"))
		return chart_check(c, argc - 1, argv + 1);
	if (argc > 1 &&
	    (!strcmp(argv[1], "summarise") || !strcmp(argv[1], "summarize")))
		return chart_summarise(c, argc - 1, argv + 1);
	/* --where values point into argv: at most argc of them */
	const char *wv[256];
	size_t nw = 0;
	char *show = NULL;
	fw_chart_opts o;
	memset(&o, 0, sizeof o);
	const char *out = NULL;
	char *sort = NULL;
	optind = 0;
	int html = 0;
	while ((ch = getopt_long(argc, argv, ":f:s:ro:aw:S:k:", lo, NULL)) !=
	       -1) {
		if (ch == 'f' && !strcmp(optarg, "html")) {
			html = 1;
			continue;
		}
		switch (ch) {
		case 'w':
			if (nw == sizeof wv / sizeof wv[0])
				return usage_error(chart_help,
						   "too many --where");
			wv[nw++] = optarg;
			break;
		case 'S': show = optarg; break;
		case 'k': o.code = optarg; break;
		case 'f':
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
			break;
		case 's': sort = optarg; break;
		case 'r': o.refs_only = 1; break;
		case 'o': out = optarg; break;
		case 'a': all = 1; break;
		default:
			return usage_error(chart_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (all ? (optind != argc || !out) : optind != argc - 1)
		return usage_error(chart_help,
				   all ? "chart --all needs --out DIR"
				       : "chart needs one THEME");
	const char **sv = NULL, **shv = NULL;
	char *sortcopy = sort ? strdup(sort) : NULL;
	char *showcopy = show ? strdup(show) : NULL;
	if (sortcopy)
		split_sort(sortcopy, &sv, &o.nsort);
	if (showcopy)
		split_sort(showcopy, &shv, &o.nshow);
	o.sort = sv;
	o.show = shv;
	o.where = wv;
	o.nwhere = nw;
	fw_project *p = open_project(c, 1);
	if (!p) {
		free(sv);
		free(sortcopy);
		free(shv);
		free(showcopy);
		return EXIT_FAIL;
	}
	fw_error e;
	fw_error_clear(&e);
	if (html) {
		int rc = write_html(p, all ? NULL : argv[optind], &o, out, all,
				    &e);
		fw_project_free(p);
		free(sv);
		free(sortcopy);
		free(shv);
		free(showcopy);
		return rc ? fail(&e) : EXIT_OK;
	}
	fw_table *themes = NULL;
	int rc = fw_theme_list(&themes, p, &e);
	if (!rc && all)
		rc = fw_mkdirs(out, &e);
	if (!rc && all) {
		for (size_t i = 0; !rc && i < themes->nrows; i++) {
			char slug[128], path[1200];
			fw_path_slug(slug, sizeof slug, themes->rows[i][1]);
			snprintf(path, sizeof path, "%s/chart-%s-%s.%s", out,
				 themes->rows[i][0], slug,
				 fmt == FW_FMT_CSV    ? "csv"
				 : fmt == FW_FMT_JSON ? "json"
				 : fmt == FW_FMT_MD   ? "md"
						      : "txt");
			fw_atomic a;
			if ((rc = fw_atomic_begin(&a, path, &e)))
				break;
			rc = write_chart(p, themes->rows[i][0],
					 themes->rows[i][1], &o, fmt, a.fp, &e);
			if (rc)
				fw_atomic_abort(&a);
			else
				rc = fw_atomic_commit(&a, &e);
			if (!rc)
				printf("%s\n", path);
		}
	} else if (!rc) {
		const char *name = NULL;
		for (size_t i = 0; i < themes->nrows; i++)
			if (!strcmp(themes->rows[i][0], argv[optind]))
				name = themes->rows[i][1];
		fw_atomic a;
		FILE *fp = stdout;
		if (out && !(rc = fw_atomic_begin(&a, out, &e)))
			fp = a.fp;
		if (!rc)
			rc = write_chart(p, argv[optind], name, &o, fmt, fp,
					 &e);
		if (fp != stdout && rc)
			fw_atomic_abort(&a);
		else if (fp != stdout)
			rc = fw_atomic_commit(&a, &e);
	}
	fw_table_free(themes);
	fw_project_free(p);
	free(sv);
	free(sortcopy);
	free(shv);
	free(showcopy);
	return rc ? fail(&e) : EXIT_OK;
}

static const char cell_help[] =
	"usage: charter cell set CASE CODE SUMMARY [--agreement A] [--coder NAME]\n"
	"       charter cell import FILE.csv|FILE.xlsx [--force]\n"
	"       charter cell show CASE CODE [--format text|csv|json|md]\n"
	"       charter cell edit CASE CODE\n"
	"       charter cell clear CASE CODE\n"
	"       charter cell accept CASE CODE\n"
	"\n"
	"A chart cell's summary, in the researcher's words, with line references\n"
	"to the transcript: L112 or L112-118, and L112-118* for a passage worth\n"
	"quoting.  References must lie inside the case's transcript; references\n"
	"to lines not coded to CODE are allowed with a warning.  An empty\n"
	"SUMMARY clears the cell.  For group discussions, --agreement is\n"
	"consensus, majority, divergent or single:SPEAKER.  import reads a CSV\n"
	"with columns case, code, summary and optionally agreement, or a\n"
	"workbook written by charter chart export and edited in a spreadsheet:\n"
	"cells are matched by the case and code ids it keeps; a cell changed in\n"
	"the project since the export is reported and kept unless --force.\n";

#define EDIT_MARK "# ---- below this line is not saved ----"

/* $EDITOR on the summary, with the cell's coded passages below a marker
 * line as context. */
static int cell_edit(cli *c, const char *case_name, const char *code,
		     const char *coder)
{
	fw_project *p = open_project(c, 0);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *cell = NULL, *cod = NULL;
	int rc = fw_cell_get(&cell, p, case_name, code, &e);
	if (!rc)
		rc = fw_coding_list(&cod, p, case_name, code, &e);
	if (rc) {
		fw_table_free(cell);
		fw_project_free(p);
		return fail(&e);
	}
	const char *sum = cell->rows[0][2] ? cell->rows[0][2] : "";
	const char *ag = cell->rows[0][3] ? cell->rows[0][3] : "";
	char path[] = "/tmp/charter-cell-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		fw_table_free(cell);
		fw_table_free(cod);
		fw_project_free(p);
		fprintf(stderr, "charter: cannot create a temporary file\n");
		return EXIT_FAIL;
	}
	fprintf(fp, "%s\n", sum);
	if (*ag)
		fprintf(fp, "agreement: %s\n", ag);
	fprintf(fp,
		"%s\n# %s %s: write the summary above, with line references "
		"(L12, L12-18, L12-18* for a quote)%s.\n# Coded passages:\n",
		EDIT_MARK, case_name, code,
		*ag ? " and the agreement line" : "");
	for (size_t r = 0; r < cod->nrows; r++) {
		fprintf(fp, "# %s L%s", cod->rows[r][2], cod->rows[r][3] + 1);
		fputs(": ", fp);
		for (const char *q = cod->rows[r][7] ? cod->rows[r][7] : ""; *q;
		     q++)
			fputc(*q == '\n' ? ' ' : *q, fp);
		fputc('\n', fp);
	}
	fclose(fp);
	fw_table_free(cod);
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "%s '%s'", ed, path);
	if (system(cmd) != 0) {
		unlink(path);
		fw_table_free(cell);
		fw_project_free(p);
		fprintf(stderr,
			"charter: the editor failed; the cell is unchanged\n");
		return EXIT_FAIL;
	}
	/* read back everything above the marker */
	fw_buf b;
	fw_buf_init(&b);
	fp = fopen(path, "r");
	char line[8192];
	while (fp && fgets(line, sizeof line, fp)) {
		if (!strncmp(line, EDIT_MARK, strlen(EDIT_MARK)))
			break;
		fw_buf_puts(&b, line);
	}
	if (fp)
		fclose(fp);
	unlink(path);
	char *text = b.ptr ? b.ptr : "";
	size_t n = b.len;
	while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = 0;
	char *agl = NULL;
	char *nl = strrchr(text, '\n');
	const char *lastline = nl ? nl + 1 : text;
	if (!strncmp(lastline, "agreement: ", 11)) {
		agl = strdup(lastline + 11);
		if (nl)
			*nl = 0;
		else
			text[0] = 0;
	}
	int same = !strcmp(text, sum) && !strcmp(agl ? agl : "", ag);
	if (same) {
		printf("%s %s: no change\n", case_name, code);
	} else {
		rc = fw_project_begin(p, &e);
		fw_diags dg;
		fw_diags_init(&dg);
		if (!rc)
			rc = fw_cell_set(&dg, p, case_name, code, text, agl,
					 coder, &e);
		if (!rc)
			fw_diags_print(&dg, stderr);
		fw_diags_dispose(&dg);
		free(agl);
		fw_buf_dispose(&b);
		fw_table_free(cell);
		return finish(p, rc, &e);
	}
	free(agl);
	fw_buf_dispose(&b);
	fw_table_free(cell);
	fw_project_free(p);
	return EXIT_OK;
}

int cmd_cell(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, cell_help))
		return EXIT_OK;
	if (argc < 2)
		return usage_error(cell_help, "cell needs set, import or show");
	const char *sub = argv[1];
	static const struct option lo[] = {
		{"agreement", required_argument, 0, 'a'},
		{"coder", required_argument, 0, 'c'},
		{"format", required_argument, 0, 'f'},
		{"force", no_argument, 0, 'F'},
		{0, 0, 0, 0}};
	const char *agreement = NULL, *coder = NULL;
	int fmt = FW_FMT_TEXT, ch, force = 0;
	argc--, argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":a:c:f:F", lo, NULL)) != -1) {
		if (ch == 'F')
			force = 1;
		else if (ch == 'a')
			agreement = optarg;
		else if (ch == 'c')
			coder = optarg;
		else if (ch == 'f') {
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else
			return usage_error(cell_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	int npos = argc - optind;
	char **pos = argv + optind;
	fw_error e;
	fw_error_clear(&e);
	if (!strcmp(sub, "show")) {
		if (npos != 2)
			return usage_error(cell_help,
					   "cell show needs CASE and CODE");
		fw_project *p = open_project(c, 1);
		if (!p)
			return EXIT_FAIL;
		fw_table *t, *cod = NULL;
		int rc = fw_cell_get(&t, p, pos[0], pos[1], &e);
		if (!rc && fmt == FW_FMT_TEXT)
			rc = fw_coding_list(&cod, p, pos[0], pos[1], &e);
		fw_project_free(p);
		if (rc) {
			fw_table_free(t);
			return fail(&e);
		}
		rc = print_table(t, fmt);
		fw_table_free(t);
		/* the passages the summary rests on */
		for (size_t r = 0; !rc && cod && r < cod->nrows; r++)
			printf("%s%s L%s: %s\n", r ? "" : "\ncoded passages:\n",
			       cod->rows[r][2], cod->rows[r][3] + 1,
			       cod->rows[r][7] ? cod->rows[r][7] : "");
		fw_table_free(cod);
		return rc;
	}
	if (!strcmp(sub, "edit")) {
		if (npos != 2)
			return usage_error(cell_help,
					   "cell edit needs CASE and CODE");
		return cell_edit(c, pos[0], pos[1], coder);
	}
	if (!strcmp(sub, "clear") || !strcmp(sub, "accept")) {
		if (npos != 2)
			return usage_error(cell_help,
					   "cell %s needs CASE and CODE", sub);
		fw_project *p = open_project(c, 0);
		if (!p)
			return EXIT_FAIL;
		int rc = fw_project_begin(p, &e);
		if (!rc && !strcmp(sub, "clear"))
			rc = fw_cell_set(NULL, p, pos[0], pos[1], "", NULL,
					 coder, &e);
		else if (!rc)
			rc = fw_cell_accept(p, pos[0], pos[1], &e);
		return finish(p, rc, &e);
	}
	if (strcmp(sub, "set") && strcmp(sub, "import"))
		return usage_error(cell_help, "unknown subverb '%s'", sub);
	if (!strcmp(sub, "set") && npos != 3)
		return usage_error(cell_help,
				   "cell set needs CASE, CODE and SUMMARY");
	if (!strcmp(sub, "import") && npos != 1)
		return usage_error(cell_help, "cell import takes one CSV file");
	fw_project *p = open_project(c, 0);
	if (!p)
		return EXIT_FAIL;
	int rc = fw_project_begin(p, &e);
	if (!strcmp(sub, "set")) {
		fw_diags dg;
		fw_diags_init(&dg);
		if (!rc)
			rc = fw_cell_set(&dg, p, pos[0], pos[1], pos[2],
					 agreement, coder, &e);
		rc = finish(p, rc, &e);
		if (!rc)
			fw_diags_print(&dg, stderr);
		fw_diags_dispose(&dg);
		return rc;
	}
	size_t pl = strlen(pos[0]);
	/* a CSV written by chart export carries ids: it merges like a workbook
	 */
	int idcsv = 0;
	FILE *hf = fopen(pos[0], "rb");
	char head[16] = "";
	if (hf) {
		size_t hn = fread(head, 1, sizeof head - 1, hf);
		head[hn] = 0;
		fclose(hf);
	}
	idcsv = !strncmp(head, "case_id,", 8) || !strncmp(head,
							  "\xEF\xBB\xBF"
							  "case_id,",
							  11);
	if ((pl > 5 && !strcasecmp(pos[0] + pl - 5, ".xlsx")) || idcsv) {
		fw_xlsx_result xr;
		if (!rc)
			rc = idcsv ? fw_cell_import_idcsv(&xr, p, pos[0], force,
							  &e)
				   : fw_cell_import_xlsx(&xr, p, pos[0], force,
							 &e);
		rc = finish(p, rc, &e);
		if (!rc) {
			fw_diags_print(&xr.diags, stderr);
			printf("%d cells updated, %d cleared, %d unchanged, %d conflicts, "
			       "%d rejected\n",
			       xr.updated, xr.cleared, xr.unchanged,
			       xr.conflicts, xr.rejected);
			fw_diags_dispose(&xr.diags);
			if (xr.conflicts || xr.rejected)
				rc = EXIT_FAIL;
		}
		return rc;
	}
	int count = 0;
	fw_diags dg;
	fw_diags_init(&dg);
	if (!rc)
		rc = fw_cell_import(&count, &dg, p, pos[0], &e);
	rc = finish(p, rc, &e);
	if (!rc) {
		fw_diags_print(&dg, stderr);
		printf("%d cells imported (%zu with warnings)\n", count, dg.n);
	}
	fw_diags_dispose(&dg);
	return rc;
}
