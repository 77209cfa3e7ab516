/*
 * cmd_report.c: charter report, chapters by actor group written from the
 * charts.
 */
#include "cli.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* charter report check: what the report would rest on that is not done */
static int report_check(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("report check");
	rp_report_opts o;
	memset(&o, 0, sizeof o);
	o.quotes = 2;
	int fmt = FW_FMT_TEXT;
	cli_opt opts[] = {{OPT_STRING, "by", &o.attr, "ATTR",
			   "a chapter per value (default: the grouping "
			   "attribute)",
			   0, 0, 0},
			  {OPT_STRING, "within", &o.within, "ATTR",
			   "prevalence by this attribute (default role)", 0, 0,
			   0},
			  {OPT_INT, "quotes", &o.quotes, "N",
			   "at most N quotes per sub-theme, as the report\n"
			   "(default 2)",
			   0, 0, 20},
			  {OPT_STRING, "label", &o.label, "TEMPLATE",
			   "the report's quote label, checked for labels that\n"
			   "match one person",
			   0, 0, 0},
			  {OPT_STRING, "redact", &o.redact, "FILE",
			   "the report's list of names, providers and places:\n"
			   "starred quotes naming a person are listed",
			   0, 0, 0},
			  OPT_FORMAT(fmt),
			  {0}};
	PARSE(cmd, opts, argc, argv);
	JOB_OPEN(j, ctx, JOB_READ);
	char *attr = o.attr ? NULL : fw_group_attribute(j.p);
	if (attr)
		o.attr = attr;
	fw_table *t = NULL;
	int rc = rp_report_check(&t, j.p, &o, &j.e);
	free(attr);
	size_t n = t ? t->nrows : 0;
	if ((rc = job_print(&j, rc, &t, fmt)))
		return rc;
	if (fmt == FW_FMT_TEXT && n)
		fprintf(stderr, "charter: %zu thing%s the report still needs\n",
			n, n == 1 ? "" : "s");
	else if (fmt == FW_FMT_TEXT)
		fprintf(stderr, "charter: the report has all it needs\n");
	return n ? EXIT_FAIL : EXIT_OK;
}

/* charter report tables: the report's tables on their own */
static int report_tables(void *ctx, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("report tables");
	rp_report_opts o;
	memset(&o, 0, sizeof o);
	o.quotes = 2;
	const char *out = NULL, *chapter = NULL;
	int fmt = 0;
	cli_list tables = {0};
	cli_opt opts[] = {
		{OPT_STRING, "out", &out, "FILE", "where to write", 1, 0, 0},
		{OPT_CHOICE, "format", &fmt, "xlsx|csv|docx",
		 "a workbook, a worksheet per table (default); a CSV, a\n"
		 "section per table; or a DOCX of the tables",
		 0, 0, 0},
		{OPT_STRING, "chapter", &chapter, "N|A|GROUP",
		 "only this chapter's tables (its number, A for the\n"
		 "appendix, or an actor group)",
		 0, 0, 0},
		{OPT_STRING, "by", &o.attr, "ATTR",
		 "chapters by this attribute, as report --by", 0, 0, 0},
		{OPT_STRING, "within", &o.within, "ATTR", "as report --within",
		 0, 0, 0},
		{OPT_CHOICE, "base", &o.base_all, "theme|all",
		 "as report --base", 0, 0, 0},
		{OPT_FLAG, "numbers", &o.numbers, 0, "as report --numbers", 0,
		 0, 0},
		{OPT_STRING, "names", &o.names, "FILE", "as report --names", 0,
		 0, 0},
		{OPT_STRING, "words", &o.words, "FILE", "as report --words", 0,
		 0, 0},
		{OPT_STRING, "tables", &o.tables_file, "FILE",
		 "as report --tables", 0, 0, 0},
		{OPT_LIST, "table", &tables, "SPEC", "as report --table", 0, 0,
		 0},
		{0}};
	PARSE(cmd, opts, argc, argv);
	o.tables = tables.v;
	o.ntables = tables.n;
	JOB_OPEN(j, ctx, JOB_READ);
	char *attr = o.attr ? NULL : fw_group_attribute(j.p);
	if (attr)
		o.attr = attr;
	size_t n = 0;
	int rc = job_close(
		&j, rp_report_tables(&n, j.p, &o, chapter, fmt, out, &j.e));
	free(attr);
	if (!rc)
		printf("%s: %zu table%s\n", out, n, n == 1 ? "" : "s");
	return rc;
}

static int report_write(cli *c, int argc, char **argv);

int cmd_report(cli *c, int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "check"))
		return report_check(c, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "tables"))
		return report_tables(c, argc - 1, argv + 1);
	return report_write(c, argc, argv);
}

static int report_write(cli *c, int argc, char **argv)
{
	rp_report_opts o;
	memset(&o, 0, sizeof o);
	o.quotes = 2;
	const char *formats = NULL;
	cli_list tables = {0};
	/* no --include-suggested: findings rest on the researcher's
	 * decisions, never on pending suggestions */
	cli_opt opts[] = {
		{OPT_STRING, "out", &o.outdir, "DIR",
		 "where to write (created if missing)", 1, 0, 0},
		{OPT_STRING, "format", &formats, "md,html,docx",
		 "the formats, comma-separated, or all (default md)", 0, 0, 0},
		{OPT_STRING, "by", &o.attr, "ATTR",
		 "a chapter per value (default: the grouping attribute)", 0, 0,
		 0},
		{OPT_STRING, "title", &o.title, "TEXT",
		 "the report's title (default: the codebook's)", 0, 0, 0},
		{OPT_STRING, "within", &o.within, "ATTR",
		 "prevalence by this attribute within a chapter\n"
		 "(default role)",
		 0, 0, 0},
		{OPT_CHOICE, "base", &o.base_all, "theme|all",
		 "prevalence out of the cases that spoke about the\n"
		 "theme (default), or out of every case of the group",
		 0, 0, 0},
		{OPT_FLAG, "numbers", &o.numbers, 0,
		 "counts beside the words (\"most (5 of 6)\")", 0, 0, 0},
		{OPT_INT, "quotes", &o.quotes, "N",
		 "at most N quotes per sub-theme (default 2)", 0, 0, 20},
		{OPT_STRING, "label", &o.label, "TEMPLATE",
		 "quote attribution, e.g. \"{role}, {sex}, {age_band}\";\n"
		 "a label matching one person is warned about",
		 0, 0, 0},
		{OPT_FLAG, "strict", &o.strict, 0,
		 "write nothing when a label matches one person", 0, 0, 0},
		{OPT_STRING, "words", &o.words, "FILE",
		 "the word table: lines \"most 75%\", \"one 1\" ...", 0, 0, 0},
		{OPT_STRING, "names", &o.names, "FILE",
		 "CSV value,label[,singular,plural]: chapter titles\n"
		 "and nouns (\"Third Party Provision Manager\",...,TPPM,TPPMs)",
		 0, 0, 0},
		{OPT_STRING, "pages", &o.pages, "URL",
		 "where the links to transcript pages point (default\n"
		 "sources/, where the report writes its own: names\n"
		 "redacted, no case ids)",
		 0, 0, 0},
		{OPT_STRING, "tables", &o.tables_file, "FILE",
		 "the study's sample tables, numbered and laid out\n"
		 "as its report prints them (docs/REPORTS.md)",
		 0, 0, 0},
		{OPT_LIST, "table", &tables,
		 "ROWS[:COL][:participants][=TITLE]",
		 "a sample table for the appendix (as charter table)", 0, 0, 0},
		{OPT_STRING, "redact", &o.redact, "FILE",
		 "more names (one per line) to replace with [name] in\n"
		 "quotes and summaries; participants' names (speaker\n"
		 "labels) always are, unless --keep-names",
		 0, 0, 0},
		{OPT_FLAG, "keep-names", &o.keep_names, 0,
		 "leave names in quotes and summaries", 0, 0, 0},
		{OPT_CHOICE, "summaries", &o.no_summaries, "all|none",
		 "the group's chart summaries case by case under each\n"
		 "sub-theme (default), or none: memos, prevalence and\n"
		 "quotes only, a reading copy",
		 0, 0, 0},
		{OPT_FLAG, "case-ids", &o.case_ids, 0,
		 "summaries under their case ids (an internal draft;\n"
		 "by default under the quote label)",
		 0, 0, 0},
		{0}};
	PARSE(cli_cmd_find("report"), opts, argc, argv);
	if (formats && parse_formats(formats, &o.formats))
		return cli_usage(cli_cmd_find("report"),
				 "--format takes md, html, docx or "
				 "all, comma-separated");
	o.tables = tables.v;
	o.ntables = tables.n;
	JOB_OPEN(j, c, JOB_READ);
	char *attr = o.attr ? NULL : fw_group_attribute(j.p);
	if (attr)
		o.attr = attr;
	rp_report_result r;
	int rc = rp_report_write(&r, j.p, &o, &j.e);
	free(attr);
	fw_diags_print(&r.diags, stderr);
	if ((rc = job_close(&j, rc))) {
		rp_report_result_dispose(&r);
		return rc;
	}
	printf("wrote %d file%s and %d transcript page%s to %s: %d chapters, "
	       "%d sections, %d summaries, %d quotes, %d memos, %d name%s "
	       "replaced\n",
	       r.files, r.files == 1 ? "" : "s", r.pages,
	       r.pages == 1 ? "" : "s", o.outdir, r.chapters, r.sections,
	       r.summaries, r.quotes, r.memos, r.redacted,
	       r.redacted == 1 ? "" : "s");
	if (r.placeholders)
		fprintf(stderr,
			"charter: %d memo%s still to write, marked \"[To "
			"write: ...]\" (charter report check lists them)\n",
			r.placeholders, r.placeholders == 1 ? " is" : "s are");
	rp_report_result_dispose(&r);
	return EXIT_OK;
}
