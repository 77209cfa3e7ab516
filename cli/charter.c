/*
 * charter.c: the command-line tool.  `charter [-p PROJECT] VERB [ARGS]`.
 */
#include "cli.h"
#include "errors.h"
#include "fw/project.h"
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: charter [-p PROJECT] VERB [ARGS]\n"
	"\n"
	"The Framework method from transcripts to report.  PROJECT defaults to\n"
	"$CHARTER_PROJECT, then ./study.charter.\n"
	"\n"
	"verbs:\n"
	"  init [PATH]              create a project\n"
	"  ingest FILE...           add transcripts (--case, --group, --speaker-pattern)\n"
	"  sources                  list transcripts\n"
	"  turns SOURCE             a transcript's turns: speakers, roles, lines, times\n"
	"  cases import|list        the classification sheet (cases and attributes)\n"
	"  case show CASE           one case across every theme\n"
	"  codebook import|list     the thematic framework\n"
	"  autocode                 apply the codebook's rules (--dry-run)\n"
	"  code add                 index lines or offsets by hand\n"
	"  codings                  list codings (--case, --code)\n"
	"  chart THEME              a main theme's chart: cases x sub-themes\n"
	"  cell set|import|show     write chart summaries\n"
	"  report                   the report: chapters by actor group (md, html, docx)\n"
	"  table ROWATTR [COLATTR]  a sample table from the classification sheet\n"
	"  status                   counts of what the project holds\n"
	"  export FILE.qdpx         the project as REFI-QDA for other QDA tools\n"
	"  import FILE.qdpx         a REFI-QDA project or codebook from another tool\n"
	"  query matrix|retrieve|search|cooccur|typology   ask the indexed data\n"
	"  sql \"SELECT ...\"         read-only SQL on the project (docs/SQL.md)\n"
	"\n"
	"`charter VERB --help` explains a verb.\n";

static const struct {
	const char *name;
	verb_fn fn;
} verbs[] = {
	{"init", cmd_init},         {"ingest", cmd_ingest},
	{"sources", cmd_sources},   {"turns", cmd_turns},
	{"cases", cmd_cases},       {"codebook", cmd_codebook},
	{"autocode", cmd_autocode}, {"code", cmd_code},
	{"codings", cmd_codings},   {"chart", cmd_chart},
	{"cell", cmd_cell},         {"report", cmd_report},
	{"status", cmd_status},     {"export", cmd_export},
	{"import", cmd_import},     {"case", cmd_case},
	{"sql", cmd_sql},           {"query", cmd_query},
	{"table", cmd_table},
};

int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("charter: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_FAIL;
}

int usage_error(const char *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("charter: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	fputs(u, stderr);
	return EXIT_USAGE;
}

int fail(const fw_error *e)
{
	fw_error_print(e, stderr);
	return EXIT_FAIL;
}

int want_help(int argc, char **argv, const char *help)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(help, stdout);
			return 1;
		}
	}
	return 0;
}

fw_project *open_project(cli *c, int readonly)
{
	fw_project *p;
	fw_error e;
	fw_error_clear(&e);
	if (fw_project_open(&p, c->project,
			    readonly ? FW_OPEN_READONLY : FW_OPEN_RW, &e)) {
		fail(&e);
		return NULL;
	}
	return p;
}

int parse_format(const char *s)
{
	int f = fw_format_parse(s);
	if (f < 0)
		die("unknown format '%s' (text, csv, json or md)", s);
	return f;
}

void print_diag_list(const char *head, const fw_diags *d, int severity,
		     FILE *fp)
{
	int any = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity != severity)
			continue;
		if (!any++)
			fprintf(fp, "%s\n", head);
		fprintf(fp, "  %s\n", d->v[i].msg);
	}
}

fw_sink *stream_sink(fw_sink *s, int fmt)
{
	if (!fw_format_streams(fmt))
		return NULL;
	fw_sink_init(s, stdout, fmt);
	return s;
}

int print_table(fw_table *t, int fmt)
{
	if (fw_table_write(t, fmt, stdout) || fflush(stdout))
		return die("cannot write output");
	return EXIT_OK;
}

int finish(fw_project *p, int rc, fw_error *err)
{
	if (rc) {
		fw_project_rollback(p);
		fw_project_free(p);
		return fail(err);
	}
	if (fw_project_commit(p, err)) {
		fw_project_rollback(p);
		fw_project_free(p);
		return fail(err);
	}
	fw_project_free(p);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	cli c = {0};
	c.prog = "charter";
	c.project = getenv("CHARTER_PROJECT");
	if (!c.project || !*c.project)
		c.project = "study.charter";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-p") || !strcmp(argv[i], "--project")) {
			if (++i >= argc)
				return usage_error(usage,
						   "-p needs a project file");
			c.project = argv[i];
		} else if (!strncmp(argv[i], "--project=", 10)) {
			c.project = argv[i] + 10;
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("charter %s (project schema %d)\n", FW_VERSION,
			       fw_schema_version());
			return EXIT_OK;
		} else {
			return usage_error(usage, "unknown option '%s'",
					   argv[i]);
		}
	}
	if (i >= argc)
		return usage_error(usage, "no verb given");
	for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
		if (!strcmp(argv[i], verbs[k].name))
			return verbs[k].fn(&c, argc - i, argv + i);
	return usage_error(usage, "unknown verb '%s'", argv[i]);
}
