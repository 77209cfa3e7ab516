/*
 * cmd_query.c: charter query matrix|retrieve|search|cooccur|typology.
 */
#include "cli.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/project.h"
#include "fw/query.h"
#include "table.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
	"usage: charter query matrix --rows SPEC --cols SPEC [--where A=V]...\n"
	"                            [--count cases|codings|words]\n"
	"                            [--percent row|col] [--cell R,C]\n"
	"       charter query retrieve EXPR [--deep] [--where A=V]... [--context N]\n"
	"                            [--show ATTR,...]\n"
	"       charter query search TEXT|/REGEX/ [--where A=V]...\n"
	"                            [--speaker respondent|interviewer|all]\n"
	"                            [--code CODE]\n"
	"       charter query cooccur [THEME] [--within turn|case|N] [--pairs]\n"
	"       charter query typology NAME [CASE=VALUE]... [--case CASE=VALUE]...\n"
	"                            [--from-csv FILE]\n"
	"  (all take --format text|csv|json|md)\n"
	"\n"
	"matrix: SPEC is a theme (its sub-themes), codes (4.1,4.2), * (every\n"
	"sub-theme) or an attribute; cells count cases (default), codings or coded\n"
	"words, each code with its sub-codes; --cell lists the passages behind one\n"
	"cell.  retrieve: EXPR is CODE, or CODE AND|OR|AND NOT|NEAR/n CODE ...\n"
	"(AND: overlapping passages; NEAR/n: within n lines in one transcript),\n"
	"--deep includes sub-codes, --context adds lines around each passage.\n"
	"search: words, phrases (\"...\"), prefixes (work*) and AND/OR/NOT over\n"
	"respondents' turns (full-text index built on first use), or a PCRE2\n"
	"/regex/ (/regex/i ignores case); keyword in context; --code codes every\n"
	"hit.  cooccur: codes coded together within a turn, a case, or N lines,\n"
	"with counts and the Jaccard index; --pairs lists the turns where codes\n"
	"meet.  typology: store a typology as a case\n"
	"attribute, usable in charts (--where, --show) and queries.\n";

int cmd_query(cli *c, int argc, char **argv)
{
	if (want_help(argc, argv, help))
		return EXIT_OK;
	if (argc < 2)
		return usage_error(
			help, "query needs matrix, retrieve, search, cooccur "
			      "or typology");
	const char *sub = argv[1];
	argc--;
	argv++;
	static const struct option lo[] = {
		{"rows", required_argument, 0, 'r'},
		{"cols", required_argument, 0, 'c'},
		{"where", required_argument, 0, 'w'},
		{"count", required_argument, 0, 'n'},
		{"percent", required_argument, 0, 'p'},
		{"cell", required_argument, 0, 'C'},
		{"deep", no_argument, 0, 'd'},
		{"context", required_argument, 0, 'x'},
		{"speaker", required_argument, 0, 's'},
		{"code", required_argument, 0, 'k'},
		{"within", required_argument, 0, 'W'},
		{"format", required_argument, 0, 'f'},
		{"coder", required_argument, 0, 'u'},
		{"from-csv", required_argument, 0, 'F'},
		{"show", required_argument, 0, 'S'},
		{"pairs", no_argument, 0, 'P'},
		{"case", required_argument, 0, 'K'},
		{0, 0, 0, 0}};
	fw_matrix_opts mo;
	memset(&mo, 0, sizeof mo);
	fw_search_opts so;
	memset(&so, 0, sizeof so);
	const char *where[64];
	size_t nwhere = 0;
	int deep = 0, context = 0, within = FW_WITHIN_TURN, fmt = FW_FMT_TEXT,
	    ch;
	int pairs_only = 0;
	const char *casev[64];
	size_t ncasev = 0;
	const char *from_csv = NULL, *show = NULL;
	optind = 0;
	while ((ch = getopt_long(argc, argv,
				 ":r:c:w:n:p:C:dx:s:k:W:f:u:F:S:PK:", lo,
				 NULL)) != -1) {
		switch (ch) {
		case 'r': mo.rows = optarg; break;
		case 'c': mo.cols = optarg; break;
		case 'w':
			if (nwhere == 64)
				return usage_error(help, "too many --where");
			where[nwhere++] = optarg;
			break;
		case 'n':
			if (!strcmp(optarg, "cases"))
				mo.count = FW_COUNT_CASES;
			else if (!strcmp(optarg, "codings"))
				mo.count = FW_COUNT_CODINGS;
			else if (!strcmp(optarg, "words"))
				mo.count = FW_COUNT_WORDS;
			else
				return usage_error(
					help,
					"--count is cases, codings or words");
			break;
		case 'p':
			if (!strcmp(optarg, "row"))
				mo.percent = 'r';
			else if (!strcmp(optarg, "col"))
				mo.percent = 'c';
			else
				return usage_error(help,
						   "--percent is row or col");
			break;
		case 'C':
			if (sscanf(optarg, "%d,%d", &mo.cell_row,
				   &mo.cell_col) != 2 ||
			    mo.cell_row < 1 || mo.cell_col < 1)
				return usage_error(
					help, "--cell is ROW,COL (from 1)");
			break;
		case 'd': deep = 1; break;
		case 'x': context = atoi(optarg); break;
		case 's': so.speaker = optarg; break;
		case 'k': so.code = optarg; break;
		case 'u': so.coder = optarg; break;
		case 'W':
			if (!strcmp(optarg, "case"))
				within = FW_WITHIN_CASE;
			else if (atoi(optarg) > 0)
				within = atoi(optarg);
			else if (strcmp(optarg, "turn") &&
				 strcmp(optarg, "utterance"))
				return usage_error(
					help,
					"--within is turn, case or N (lines)");
			break;
		case 'F': from_csv = optarg; break;
		case 'S': show = optarg; break;
		case 'P': pairs_only = 1; break;
		case 'K':
			if (ncasev == 64)
				return usage_error(help, "too many --case");
			casev[ncasev++] = optarg;
			break;
		case 'f':
			if ((fmt = parse_format(optarg)) < 0)
				return EXIT_USAGE;
			break;
		default:
			return usage_error(help, "bad option '%s'",
					   argv[optind - 1]);
		}
	}
	int npos = argc - optind;
	char **pos = argv + optind;
	if (so.speaker && strcmp(so.speaker, "respondent") &&
	    strcmp(so.speaker, "interviewer") && strcmp(so.speaker, "all"))
		return usage_error(
			help, "--speaker is respondent, interviewer or all");
	int writes = (!strcmp(sub, "search")) || !strcmp(sub, "typology");
	fw_project *p = open_project(c, !writes);
	if (!p)
		return EXIT_FAIL;
	fw_error e;
	fw_error_clear(&e);
	fw_table *t = NULL;
	int rc = 0;
	/* passages can be many: CSV, JSON and Markdown stream as found */
	fw_sink sink;
	fw_sink *snk = stream_sink(&sink, fmt);
	if (!strcmp(sub, "matrix")) {
		if (!mo.rows || !mo.cols || npos) {
			fw_project_free(p);
			return usage_error(help,
					   "matrix needs --rows and --cols");
		}
		mo.where = where;
		mo.nwhere = nwhere;
		rc = fw_query_matrix(&t, p, &mo, &e);
	} else if (!strcmp(sub, "retrieve")) {
		if (npos < 1) {
			fw_project_free(p);
			return usage_error(help,
					   "retrieve needs a code expression");
		}
		/* the expression may come as one argument or several */
		fw_buf ex;
		fw_buf_init(&ex);
		for (int i = 0; i < npos; i++) {
			if (i)
				fw_buf_putc(&ex, ' ');
			fw_buf_puts(&ex, pos[i]);
		}
		const char *shv[32];
		size_t nshv = 0;
		char *shc = show ? strdup(show) : NULL;
		for (char *tk = shc ? strtok(shc, ",") : NULL; tk && nshv < 32;
		     tk = strtok(NULL, ","))
			shv[nshv++] = tk;
		fw_retrieve_opts ro = {ex.ptr,  deep, where, nwhere,
				       context, shv,  nshv,  snk};
		rc = fw_query_retrieve(&t, p, &ro, &e);
		free(shc);
		fw_buf_dispose(&ex);
	} else if (!strcmp(sub, "search")) {
		if (npos != 1) {
			fw_project_free(p);
			return usage_error(help,
					   "search needs one TEXT or /REGEX/");
		}
		so.query = pos[0];
		so.where = where;
		so.nwhere = nwhere;
		so.sink = snk;
		int coded = 0;
		if (so.code)
			rc = fw_project_begin(p, &e);
		if (!rc)
			rc = fw_query_search(&t, &coded, p, &so, &e);
		if (so.code) {
			rc = finish(p, rc, &e);
			p = NULL;
			if (!rc)
				fprintf(stderr,
					"charter: %d hit%s coded to %s\n",
					coded, coded == 1 ? "" : "s", so.code);
		}
	} else if (!strcmp(sub, "cooccur")) {
		if (npos > 1) {
			fw_project_free(p);
			return usage_error(help,
					   "cooccur takes at most one THEME");
		}
		if (pairs_only)
			rc = fw_query_cooccur_pairs(&t, p, npos ? pos[0] : NULL,
						    &e);
		else
			rc = fw_query_cooccur(&t, p, npos ? pos[0] : NULL,
					      within, &e);
	} else if (!strcmp(sub, "typology")) {
		if (npos < 1 || (npos < 2 && !from_csv && !ncasev)) {
			fw_project_free(p);
			return usage_error(
				help,
				"typology needs NAME and CASE=VALUE pairs "
				"or --from-csv FILE");
		}
		/* pairs from the command line, or a CSV of case,value */
		char **pairs = calloc((size_t)npos + ncasev + 1, sizeof *pairs);
		size_t np = 0;
		for (int i = 1; i < npos; i++)
			pairs[np++] = strdup(pos[i]);
		for (size_t i = 0; i < ncasev; i++)
			pairs[np++] = strdup(casev[i]);
		if (from_csv) {
			fw_csv *cv;
			rc = fw_csv_open(&cv, from_csv, &e);
			char **f;
			size_t nf;
			int line, first = 1;
			while (!rc &&
			       (rc = fw_csv_next(&f, &nf, &line, cv, &e)) > 0) {
				rc = 0;
				if (nf < 2) {
					rc = fw_error_set(
						&e, FW_EPARSE, from_csv, line,
						"a typology row is CASE,VALUE");
					break;
				}
				if (first && (!strcasecmp(f[0], "case") ||
					      !strcasecmp(f[0], "id"))) {
					first = 0;
					continue;
				}
				first = 0;
				pairs = realloc(pairs,
						(np + 1) * sizeof *pairs);
				size_t l = strlen(f[0]) + strlen(f[1]) + 2;
				pairs[np] = malloc(l);
				snprintf(pairs[np++], l, "%s=%s", f[0], f[1]);
			}
			if (rc > 0)
				rc = 0;
			if (cv)
				fw_csv_free(cv);
		}
		int set = 0;
		if (!rc)
			rc = fw_project_begin(p, &e);
		if (!rc)
			rc = fw_typology_set(&set, p, pos[0],
					     (const char *const *)pairs, np,
					     &e);
		for (size_t i = 0; i < np; i++)
			free(pairs[i]);
		free(pairs);
		rc = finish(p, rc, &e);
		if (!rc)
			printf("typology '%s': %d cases\n", pos[0], set);
		return rc;
	} else {
		fw_project_free(p);
		return usage_error(help, "unknown query '%s'", sub);
	}
	if (p)
		fw_project_free(p);
	if (rc) {
		fw_table_free(t);
		return rc > 0 ? rc : fail(&e);
	}
	rc = print_table(t, fmt);
	fw_table_free(t);
	return rc;
}
