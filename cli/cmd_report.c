/*
 * cmd_report.c: charter report and charter table.
 */
#include "cli.h"
#include "report.h"
#include "errors.h"
#include "fw/project.h"
#include "fw/sample.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char report_help[] =
	"usage: charter report --out DIR [--format md,html,docx] [--by ATTR]\n"
	"                      [--within ATTR] [--base theme|all] [--numbers]\n"
	"                      [--quotes N] [--label TEMPLATE] [--strict]\n"
	"                      [--words FILE] [--names FILE] [--pages URL]\n"
	"                      [--table ROWS[:COL][:participants][=TITLE]]...\n"
	"                      [--redact FILE] [--keep-names]\n"
	"\n"
	"Draft the report from the charts: a chapter per value of ATTR (default:\n"
	"the grouping attribute), a section per theme and, per sub-theme the\n"
	"group raised, how widely it was raised in words (by the --within\n"
	"attribute, default role; group discussions count as groups, with their\n"
	"agreement), the group's chart summaries and up to N quotes (default 2:\n"
	"'*' references first).  Then a chapter across the groups (theme\n"
	"tables, heat map, bar charts, convergence and divergence) and a method\n"
	"appendix with the sample tables.  Writes DIR/report.md (figures in\n"
	"DIR/figures), report.html and report.docx.\n"
	"\n"
	"  --base theme   prevalence out of the cases that spoke about the theme\n"
	"                 (default); all: out of every case of the group\n"
	"  --numbers      counts beside the words (\"most (5 of 6)\")\n"
	"  --label T      quote attribution, e.g. \"{role}, {sex}, {age_band}\";\n"
	"                 a label matching one person is warned about, and with\n"
	"                 --strict nothing is written\n"
	"  --words FILE   the word table: lines \"most 75%\", \"one 1\" ...\n"
	"  --names FILE   CSV value,label[,singular,plural]: chapter titles,\n"
	"                 nouns (\"Third Party Provision Manager\",...,TPPM,TPPMs)\n"
	"  --pages URL    where the transcript pages are (default\n"
	"                 ../charts/sources/, as chart --format html writes them)\n"
	"  --table SPEC   a sample table for the appendix (as charter table)\n"
	"  --redact FILE  more names (one per line) to replace with [name] in\n"
	"                 quotes and summaries; participants' names (speaker\n"
	"                 labels) always are, unless --keep-names\n";

static int parse_formats(const char *s, int *out)
{
	*out = 0;
	char buf[64];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
		if (!strcmp(t, "md"))
			*out |= RP_MD;
		else if (!strcmp(t, "html"))
			*out |= RP_HTML;
		else if (!strcmp(t, "docx"))
			*out |= RP_DOCX;
		else if (!strcmp(t, "all"))
			*out |= RP_MD | RP_HTML | RP_DOCX;
		else
			return -1;
	}
	return *out ? 0 : -1;
}

int cmd_report(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, report_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"by", required_argument, 0, 'b'},
		{"format", required_argument, 0, 'f'},
		{"out", required_argument, 0, 'o'},
		{"within", required_argument, 0, 'w'},
		{"base", required_argument, 0, 'B'},
		{"numbers", no_argument, 0, 'n'},
		{"quotes", required_argument, 0, 'q'},
		{"label", required_argument, 0, 'l'},
		{"strict", no_argument, 0, 's'},
		{"words", required_argument, 0, 'W'},
		{"names", required_argument, 0, 'N'},
		{"pages", required_argument, 0, 'P'},
		{"table", required_argument, 0, 't'},
		{"redact", required_argument, 0, 'R'},
		{"keep-names", no_argument, 0, 'K'},
		{0, 0, 0, 0}};
	rp_report_opts o;
	memset(&o, 0, sizeof o);
	o.quotes = 2;
	const char *tables[32];
	int ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":b:f:o:w:B:nq:l:sW:N:P:t:R:K", lo,
				 NULL)) != -1) {
		switch (ch) {
		case 'b': o.attr = optarg; break;
		case 'f':
			if (parse_formats(optarg, &o.formats))
				return usage_error(
					report_help,
					"--format takes md, html, docx "
					"or all, comma-separated");
			break;
		case 'o': o.outdir = optarg; break;
		case 'w': o.within = optarg; break;
		case 'B':
			if (!strcmp(optarg, "all"))
				o.base_all = 1;
			else if (strcmp(optarg, "theme"))
				return usage_error(report_help,
						   "--base is theme or all");
			break;
		case 'n': o.numbers = 1; break;
		case 'q': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 0 || v > 20)
				return usage_error(report_help,
						   "--quotes takes 0 to 20");
			o.quotes = (int)v;
			break;
		}
		case 'l': o.label = optarg; break;
		case 's': o.strict = 1; break;
		case 'W': o.words = optarg; break;
		case 'N': o.names = optarg; break;
		case 'P': o.pages = optarg; break;
		case 'R': o.redact = optarg; break;
		case 'K': o.keep_names = 1; break;
		case 't':
			if (o.ntables == 32)
				return usage_error(report_help,
						   "too many --table");
			tables[o.ntables++] = optarg;
			break;
		case ':':
			return usage_error(report_help, "'%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error(report_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	o.tables = tables;
	if (optind < argc)
		return usage_error(report_help, "unexpected argument '%s'",
				   argv[optind]);
	if (!o.outdir)
		return usage_error(report_help, "report needs --out DIR");
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	char *attr = o.attr ? NULL : fw_group_attribute(p);
	if (attr)
		o.attr = attr;
	fw_error e;
	fw_error_clear(&e);
	rp_report_result r;
	int rc = rp_report_write(&r, p, &o, &e);
	fw_project_free(p);
	free(attr);
	fw_diags_print(&r.diags, stderr);
	if (rc) {
		rp_report_result_dispose(&r);
		return fail(&e);
	}
	printf("wrote %d file%s to %s: %d chapters, %d sections, %d summaries, "
	       "%d quotes, %d name%s replaced\n",
	       r.files, r.files == 1 ? "" : "s", o.outdir, r.chapters,
	       r.sections, r.summaries, r.quotes, r.redacted,
	       r.redacted == 1 ? "" : "s");
	rp_report_result_dispose(&r);
	return EXIT_OK;
}

static const char table_help[] =
	"usage: charter table ROWATTR[,ROWATTR...] [COLATTR]\n"
	"                     [--count cases|participants] [--where A=V]...\n"
	"                     [--order sheet|name|count] [--format text|csv|json|md]\n"
	"\n"
	"A sample table from the classification sheet: a row per value of\n"
	"ROWATTR (several attributes are stacked), a column per value of\n"
	"COLATTR and a total.  --count participants sums the participants\n"
	"attribute (a cell of group discussions reads \"34 in 6 groups\").\n"
	"Attributes with several values (\"musculoskeletal; mental health\") count\n"
	"each value, and a note says so; totals count each case once.\n";

int cmd_table(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, table_help))
		return EXIT_OK;
	static const struct option lo[] = {
		{"count", required_argument, 0, 'c'},
		{"where", required_argument, 0, 'w'},
		{"order", required_argument, 0, 'o'},
		{"format", required_argument, 0, 'f'},
		{0, 0, 0, 0}};
	const char *where[64];
	size_t nwhere = 0;
	int participants = 0, order = FW_ORDER_SHEET, fmt = FW_FMT_TEXT, ch;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":c:w:o:f:", lo, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (!strcmp(optarg, "participants"))
				participants = 1;
			else if (strcmp(optarg, "cases"))
				return usage_error(
					table_help,
					"--count is cases or participants");
			break;
		case 'w':
			if (nwhere == 64)
				return usage_error(table_help,
						   "too many --where");
			where[nwhere++] = optarg;
			break;
		case 'o':
			if (!strcmp(optarg, "sheet"))
				order = FW_ORDER_SHEET;
			else if (!strcmp(optarg, "name"))
				order = FW_ORDER_NAME;
			else if (!strcmp(optarg, "count"))
				order = FW_ORDER_COUNT;
			else
				return usage_error(
					table_help,
					"--order is sheet, name or count");
			break;
		case 'f':
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
			break;
		case ':':
			return usage_error(table_help, "'%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error(table_help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error(table_help,
				   "table needs an attribute for its rows");
	if (argc - optind > 2)
		return usage_error(table_help, "unexpected argument '%s'",
				   argv[optind + 2]);
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", argv[optind]);
	const char *rows[16];
	size_t nrows = 0;
	for (char *t = strtok(buf, ","); t && nrows < 16; t = strtok(NULL, ","))
		if (*t)
			rows[nrows++] = t;
	const char *col = argc - optind == 2 ? argv[optind + 1] : NULL;
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *t = NULL;
	int multi = 0;
	int rc = fw_sample_table(&t, &multi, p, rows, nrows, col, participants,
				 order, where, nwhere, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	if (!rc && multi && (fmt == FW_FMT_TEXT || fmt == FW_FMT_MD))
		printf("\nnote: some cases have several values; each value is "
		       "counted, totals count each case once.\n");
	return rc;
}
