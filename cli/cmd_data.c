/*
 * cmd_data.c: cases (the classification sheet) and codebook.
 */
#include "cli.h"
#include "buf.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "fw/project.h"
#include "fw/refi.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Options shared by the list subverbs: --format only. */
static int list_format(int argc, char **argv, const char *help, int *fmt)
{
	static const struct option lo[] = {
		{"format", required_argument, 0, 'f'}, {0, 0, 0, 0}};
	int ch;
	*fmt = FW_FMT_TEXT;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":f:", lo, NULL)) != -1) {
		if (ch == 'f') {
			if ((*fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return usage_error(help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(help, "unexpected argument '%s'",
				   argv[optind]);
	return EXIT_OK;
}

static int run_list(cli *c, int fmt,
		    int (*fn)(fw_table **, fw_project *, fw_error *))
{
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_table *t;
	fw_error e;
	fw_error_clear(&e);
	int rc = fn(&t, p, &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}

static const char cases_help[] =
	"usage: charter cases import FILE.csv [--group-by ATTRIBUTE]\n"
	"       charter cases list [--format text|csv|json|md]\n"
	"\n"
	"import reads a classification sheet (CSV, RFC 4180): a column 'id' or\n"
	"'case' names the case, every other column is an attribute; items of a\n"
	"multi-valued attribute are separated by ';'.  Rows keep the sheet's\n"
	"order, and the grouping attribute (default actor_group) orders charts\n"
	"and makes report chapters.  list shows cases in chart order.\n";

int cmd_cases(cli *c, int argc, char **argv)
{
	if (argc < 2 ||
	    (argv[1][0] == '-' && want_help(argc, argv, cases_help)))
		return argc < 2 ? usage_error(cases_help,
					      "cases needs import or list")
				: EXIT_OK;
	if (want_help(argc, argv, cases_help))
		return EXIT_OK;
	int fmt;
	if (!strcmp(argv[1], "list")) {
		int rc = list_format(argc - 1, argv + 1, cases_help, &fmt);
		return rc ? rc : run_list(c, fmt, fw_cases_list);
	}
	if (strcmp(argv[1], "import"))
		return usage_error(cases_help, "unknown subverb '%s'", argv[1]);
	static const struct option lo[] = {
		{"group-by", required_argument, 0, 'g'}, {0, 0, 0, 0}};
	const char *group_by = NULL;
	int ch;
	argc--, argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":g:", lo, NULL)) != -1) {
		if (ch == 'g')
			group_by = optarg;
		else
			return usage_error(cases_help, "bad option '%s'",
					   argv[optind - 1]);
	}
	if (argc - optind != 1)
		return usage_error(cases_help,
				   "cases import takes one CSV file");
	fw_project *p = open_project(c, 0);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_cases_result r;
	int rc = fw_project_begin(p, &e);
	if (!rc)
		rc = fw_cases_import(&r, p, argv[optind], &e);
	if (!rc && group_by)
		rc = fw_setting_set(p, "group_by", group_by, &e);
	if (!rc) {
		char *g = fw_group_attribute(p);
		fw_table *gl = NULL;
		if (!fw_group_list(&gl, p, g, &e) && gl->nrows == 0)
			fprintf(stderr,
				"charter: warning: no case has a value for the "
				"grouping attribute '%s' (set it with --group-by)\n",
				g);
		fw_table_free(gl);
		free(g);
	}
	rc = finish(p, rc, &e);
	if (!rc)
		printf("%d rows: %d cases added, %d updated; %d attributes\n",
		       r.rows, r.created, r.updated, r.attributes);
	return rc;
}

static const char codebook_help[] =
	"usage: charter codebook import FILE\n"
	"       charter codebook list [--format text|csv|json|md]\n"
	"       charter codebook export --format qdc > FILE.qdc\n"
	"\n"
	"import reads the native codebook format (docs/FORMATS.md): numbered\n"
	"themes ('1 Name', '1.1 Name') with indented definition:, use:, not:,\n"
	"example:, color: and rule: fields.  Themes are matched by number:\n"
	"new ones are added, known ones updated, their rules replaced.  A\n"
	"REFI-QDA codebook (.qdc, from NVivo, ATLAS.ti, MAXQDA, QualCoder ...)\n"
	"is imported too.  export writes the codebook as a REFI-QDA .qdc.\n";

int cmd_codebook(cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage_error(codebook_help,
				   "codebook needs import or list");
	if (want_help(argc, argv, codebook_help))
		return EXIT_OK;
	int fmt;
	if (!strcmp(argv[1], "list")) {
		int rc = list_format(argc - 1, argv + 1, codebook_help, &fmt);
		return rc ? rc : run_list(c, fmt, fw_codebook_list);
	}
	if (!strcmp(argv[1], "export")) {
		if (argc != 4 || strcmp(argv[2], "--format") ||
		    strcmp(argv[3], "qdc"))
			return usage_error(
				codebook_help,
				"codebook export needs --format qdc");
		fw_project *p = open_project(c, 1);
		if (!p)
			return EXIT_FAIL;
		fw_error e;
		fw_error_clear(&e);
		fw_buf b;
		fw_buf_init(&b);
		int rc = fw_refi_codebook(&b, p, &e);
		fw_project_free(p);
		if (rc) {
			fw_buf_dispose(&b);
			return fail(&e);
		}
		fwrite(b.ptr, 1, b.len, stdout);
		fw_buf_dispose(&b);
		return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
	}
	if (strcmp(argv[1], "import"))
		return usage_error(codebook_help, "unknown subverb '%s'",
				   argv[1]);
	if (argc != 3)
		return usage_error(codebook_help,
				   "codebook import takes one file");
	fw_project *p = open_project(c, 0);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_codebook_result r;
	int rc = fw_project_begin(p, &e);
	/* a REFI-QDA codebook (XML) goes to the interchange reader */
	FILE *f = fopen(argv[2], "rb");
	unsigned char head[8] = {0};
	size_t hn = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	size_t k = hn >= 3 && head[0] == 0xEF && head[1] == 0xBB ? 3 : 0;
	while (k < hn && (head[k] == ' ' || head[k] == '\n' || head[k] == '\r'))
		k++;
	if (k < hn && head[k] == '<') {
		fw_refi_result rr;
		if (!rc)
			rc = fw_refi_import(&rr, p, argv[2], &e);
		rc = finish(p, rc, &e);
		if (!rc) {
			printf("%s: %d codes added, %d matched by GUID\n",
			       argv[2], rr.codes, rr.codes_matched);
			print_diag_list("dropped:", &rr.diags, FW_DIAG_NOTE,
					stdout);
			fw_refi_result_dispose(&rr);
		}
		return rc;
	}
	if (!rc)
		rc = fw_codebook_import(&r, p, argv[2], &e);
	rc = finish(p, rc, &e);
	if (!rc)
		printf("%d themes: %d added, %d updated; %d rules\n", r.themes,
		       r.added, r.updated, r.rules);
	return rc;
}

static const char case_help[] =
	"usage: charter case show CASE [--format text|csv|json|md]\n"
	"\n"
	"A case profile: the case across every theme, each sub-theme's summary\n"
	"(drafts marked, a group's agreement in brackets) and the lines coded to\n"
	"it.\n";

int cmd_case(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, case_help))
		return EXIT_OK;
	if (argc < 3 || strcmp(argv[1], "show"))
		return usage_error(case_help, "case needs show CASE");
	int fmt = FW_FMT_TEXT;
	if (argc == 5 && !strcmp(argv[3], "--format")) {
		if ((fmt = parse_format(argv[4])) < 0)
			return EXIT_USAGE;
	} else if (argc != 3) {
		return usage_error(case_help, "case show takes one CASE");
	}
	fw_project *p = open_project(c, 1);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *t;
	int rc = fw_case_profile(&t, p, argv[2], &e);
	fw_project_free(p);
	if (rc)
		return fail(&e);
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}
