/*
 * test_report.c: the report.  Prevalence words for every band and base,
 * word tables from files, the wording for group discussions and their
 * agreement, attribution labels and the identifiability check (and
 * --strict), sample tables against the demo study's classification sheet
 * (Tables 1.1 and 1.2 of the study's report), and the three formats:
 * the report's words from analytic memos, with placeholders and report
 * check where they are missing; Markdown, HTML that is well-formed, and a
 * DOCX whose parts are
 * well-formed, use Word's structures and, where LibreOffice is installed,
 * converts to PDF.
 */
#include "testutil.h"

#include "report.h"
#include "doc.h"
#include "names.h"
#include "redact.h"
#include "tables.h"
#include "words.h"

#include <libxml/parser.h>
#include <sys/stat.h>
#include <zip.h>

#define STUDY "../../corpus/pathways/"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = 0;
	fclose(f);
	return b;
}

static void has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		fprintf(stderr, "---- in ----\n%.4000s\n----\n", hay);
		fail_msg("missing: %s", needle);
	}
}

static void lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("unexpected: %s", needle);
}

/* ---- prevalence words ---------------------------------------------------- */

/* rp_words_word(w, n, base) for each {n, base, word}. */
typedef struct word_case {
	int n, base;
	const char *word;
} word_case;

static void words_are(const rp_words *w, const word_case *c, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (strcmp(rp_words_word(w, c[i].n, c[i].base), c[i].word))
			fail_msg("%d of %d: '%s', want '%s'", c[i].n, c[i].base,
				 rp_words_word(w, c[i].n, c[i].base),
				 c[i].word);
}

static void test_default_words_every_band(void **s)
{
	(void)s;
	rp_words w;
	rp_words_default(&w);
	static const word_case want[] = {
		/* a base of twelve, the size of a typical sub-group */
		{0, 12, "none"},
		{1, 12, "one"},
		{2, 12, "a few"},
		{3, 12, "some"}, /* 25% */
		{5, 12, "some"}, /* 42% */
		{6, 12, "many"}, /* 50% */
		{8, 12, "many"}, /* 67% */
		{9, 12, "most"}, /* 75% */
		{11, 12, "most"},
		{12, 12, "all"},
		/* small bases: one of one is all, two of three is many */
		{1, 1, "all"},
		{2, 3, "many"},
		{1, 6, "one"},
		{5, 6, "most"},
		/* a base of thirty clients */
		{29, 30, "most"},
		{4, 30, "a few"},
		/* nobody to count */
		{0, 0, "none"}};
	words_are(&w, want, sizeof want / sizeof want[0]);
	rp_words_dispose(&w);
}

static void test_word_table_files(void **s)
{
	(void)s;
	rp_words w;
	fw_error e;
	const char *t =
		"# our words\r\nno one 0\r\nevery 100%\r\na single 1\r\n"
		"nearly all 90%\r\na majority 51%\r\n\r\na minority 0%\r\n";
	assert_int_equal(rp_words_parse(&w, t, strlen(t), "w.txt", &e), 0);
	assert_int_equal(w.n, 6);
	static const word_case want[] = {
		{0, 10, "no one"},     {10, 10, "every"},
		{9, 10, "nearly all"}, {6, 10, "a majority"},
		{5, 10, "a minority"}, {1, 10, "a single"}};
	words_are(&w, want, sizeof want / sizeof want[0]);
	rp_words_dispose(&w);
	/* errors name the file and line */
	const char *bad = "most 75%\nmany 150%\n";
	assert_int_equal(rp_words_parse(&w, bad, strlen(bad), "w.txt", &e),
			 FW_EPARSE);
	assert_int_equal(e.line, 2);
	has(e.msg, "150%");
	const char *noword = "most 75%\n75%\n";
	assert_int_equal(
		rp_words_parse(&w, noword, strlen(noword), "w.txt", &e),
		FW_EPARSE);
	assert_int_equal(e.line, 2);
	const char *gap = "all 100%\nmost 75%\n";
	assert_int_equal(rp_words_parse(&w, gap, strlen(gap), "w.txt", &e),
			 FW_EPARSE);
	has(e.msg, "no word for 0 of 1");
	assert_int_equal(rp_words_parse(&w, "", 0, "w.txt", &e), FW_EPARSE);
	/* counts no long holds are errors, never a cast that overflows
	 * (clang's sanitizer checks the cast) */
	const char *huge[] = {"w 1e19\n", "w 1e308\n", "w 9.5e18\n", "w inf\n",
			      "w nan\n",  "w -1\n",    "w 2.5\n"};
	for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
		assert_int_equal(rp_words_parse(&w, huge[i], strlen(huge[i]),
						"w.txt", &e),
				 FW_EPARSE);
		assert_int_equal(e.line, 1);
	}
}

/* ---- labels -------------------------------------------------------------- */

static void test_label_render(void **s)
{
	(void)s;
	char *k[4] = {"role", "sex", "age_band", "district"};
	char *v[4] = {"client", "", "50 plus", "C"};
	fw_rcase c = {.name = "CL01", .nattrs = 4, .keys = k, .vals = v};
	fw_buf b;
	fw_buf_init(&b);
	rp_label_render("{role}, {sex}, {age_band}", &c, &b);
	assert_string_equal(b.ptr, "client, 50 plus"); /* empty sex dropped */
	b.len = 0;
	rp_label_render("{sex}, {role}", &c, &b);
	assert_string_equal(b.ptr, "client");
	b.len = 0;
	rp_label_render("Person ({role}, District {district})", &c, &b);
	assert_string_equal(b.ptr, "Person (client, District C)");
	fw_buf_dispose(&b);
	fw_rdata d = {0};
	d.cases = &c;
	d.ncases = 1;
	fw_error e;
	assert_int_equal(rp_label_check(&d, "{role}, {sex}", &e), 0);
	assert_int_equal(rp_label_check(&d, "{role}, {nhs_number}", &e),
			 FW_ENOTFOUND);
	has(e.msg, "nhs_number");
	assert_int_not_equal(rp_label_check(&d, "{role", &e), 0);
	assert_int_not_equal(rp_label_check(&d, "role}", &e), 0);
	assert_int_not_equal(rp_label_check(&d, "{}", &e), 0);
}

/* ---- sample tables on the demo study's sheet ----------------------------- */

static fw_project *demo_sheet(void)
{
	fw_project *p = tu_project("sheet.charter");
	fw_error e;
	fw_cases_result r;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cases_import(&r, p, STUDY "cases.csv", &e), 0);
	/* the group discussions (and the three managers interviewed together)
	 * are ingested as groups, as make demo does */
	static const char *const groups[] = {
		"adv-a", "adv-b", "adv-c", "adv-d", "adv-e", "adv-f", "pfs-a",
		"pfs-b", "pfs-c", "pfs-d", "pfs-e", "pfs-f", "pm-c"};
	for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
		char path[256], cname[16];
		snprintf(path, sizeof path, STUDY "%s.txt", groups[i]);
		snprintf(cname, sizeof cname, "%s", groups[i]);
		for (char *q = cname; *q; q++)
			*q = (char)(*q >= 'a' && *q <= 'z' ? *q - 32 : *q);
		fw_ingest_opts o = {0};
		o.case_name = cname;
		o.group = 1;
		fw_ingest_result ir;
		if (fw_source_ingest(&ir, NULL, p, path, &o, &e))
			fail_msg("%s: %s", path, e.msg);
	}
	assert_int_equal(fw_project_commit(p, &e), 0);
	return p;
}

static const char *cell(const fw_table *t, const char *row, const char *col)
{
	size_t c = 0;
	while (c < t->ncols && strcmp(t->cols[c], col))
		c++;
	if (c == t->ncols)
		fail_msg("no column %s", col);
	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r][0] && !strcmp(t->rows[r][0], row) &&
		    t->kinds[r] == FW_ROW_DATA)
			return t->rows[r][c] ? t->rows[r][c] : "";
	fail_msg("no row %s", row);
	return NULL;
}

/* Checks cells given as row, column, value, row, column, value ..., NULL. */
static void cells(const fw_table *t, const char *const *rcv)
{
	for (; rcv[0]; rcv += 3)
		if (strcmp(cell(t, rcv[0], rcv[1]), rcv[2]))
			fail_msg("cell %s / %s: \"%s\", not \"%s\"", rcv[0],
				 rcv[1], cell(t, rcv[0], rcv[1]), rcv[2]);
}
#define CELLS(t, ...) cells(t, (const char *const[]){__VA_ARGS__, NULL})

/* A sample table that must be made: rows by attributes, columns by col. */
static fw_table *sample(fw_project *p, const char *const *rows, size_t nrows,
			const char *col, int people, int order,
			const char *const *where, size_t nwhere, int *multi)
{
	fw_error e;
	fw_table *t = NULL;
	if (fw_sample_table(&t, multi, p, rows, nrows, col, people, order,
			    where, nwhere, &e))
		fail_msg("%s", e.msg);
	return t;
}

static void test_table_1_1_achieved_interviews(void **s)
{
	(void)s;
	fw_project *p = demo_sheet();
	int multi;
	const char *rows[] = {"role"};
	fw_table *t = sample(p, rows, 1, "interview_type", 1, FW_ORDER_SHEET,
			     NULL, 0, &multi);
	/* Table 1.1: type of interview and number, per group of actors; 30
	 * recipients, 38 provider staff and 46 DWP and Jobcentre Plus staff */
	CELLS(t, "incapacity benefits recipient", "face-to-face", "30",
	      "provider frontline staff", "group", "30 in 6 groups",
	      "provider manager", "face-to-face", "8", "Jobcentre Plus adviser",
	      "group", "34 in 6 groups", "Third Party Provision Manager",
	      "face-to-face", "6", "DWP Contract Manager", "face-to-face", "6",
	      "provider manager", "Total", "8", "Total", "Total", "114");
	assert_false(multi);
	fw_table_free(t);
	/* the same by actor group */
	const char *ag[] = {"actor_group"};
	t = sample(p, ag, 1, NULL, 1, FW_ORDER_SHEET, NULL, 0, &multi);
	CELLS(t, "Jobcentre Plus and DWP staff", "Number", "46",
	      "Provider staff", "Number", "38",
	      "Incapacity benefits recipients", "Number", "30");
	fw_table_free(t);
	/* counting cases rather than people */
	t = sample(p, ag, 1, NULL, 0, FW_ORDER_SHEET, NULL, 0, &multi);
	CELLS(t, "Jobcentre Plus and DWP staff", "Number", "18", "Total",
	      "Number", "60");
	fw_table_free(t);
	fw_project_free(p);
}

static void test_table_1_2_client_characteristics(void **s)
{
	(void)s;
	fw_project *p = demo_sheet();
	const char *rows[] = {"sex", "age_band", "health"};
	int multi;
	fw_table *t =
		sample(p, rows, 3, NULL, 0, FW_ORDER_NAME, NULL, 0, &multi);
	CELLS(t, "female", "Number", "16", "male", "Number", "14", "18-30",
	      "Number", "8", "31-49", "Number", "13", "50 plus", "Number", "9",
	      "musculoskeletal", "Number", "16", "mental health", "Number",
	      "13", "cardiovascular", "Number", "3", "other", "Number", "24");
	assert_true(multi); /* several conditions per person */
	/* stacked: a group row per attribute */
	int groups = 0;
	for (size_t r = 0; r < t->nrows; r++)
		groups += t->kinds[r] == FW_ROW_GROUP;
	assert_int_equal(groups, 3);
	fw_table_free(t);
	/* Table A.3: age by sex, with --where */
	const char *age[] = {"age_band"};
	const char *where[] = {"role=incapacity benefits recipient"};
	t = sample(p, age, 1, "sex", 0, FW_ORDER_NAME, where, 1, &multi);
	CELLS(t, "18-30", "male", "2", "18-30", "female", "6", "50 plus",
	      "male", "5", "Total", "female", "16", "Total", "Total", "30");
	fw_table_free(t);
	/* an unknown attribute is an error */
	const char *bad[] = {"shoe_size"};
	fw_error e;
	assert_int_equal(fw_sample_table(&t, &multi, p, bad, 1, NULL, 0,
					 FW_ORDER_SHEET, NULL, 0, &e),
			 FW_ENOTFOUND);
	has(e.msg, "shoe_size");
	fw_project_free(p);
}

/* ---- the report on the fixture study ------------------------------------- */

static char *report(fw_project *p, rp_report_opts *o, const char *dir,
		    rp_report_result *r, int expect)
{
	fw_error e;
	fw_error_clear(&e);
	o->outdir = tu_path(dir);
	if (!o->attr)
		o->attr = "actor_group";
	if (!o->quotes)
		o->quotes = 2;
	int rc = rp_report_write(r, p, o, &e);
	if (rc != expect)
		fail_msg("report: %d (%s)", rc, e.msg);
	if (rc)
		return strdup(e.msg);
	char path[600];
	snprintf(path, sizeof path, "%s/report.md", o->outdir);
	return slurp(path);
}

/* What a report run counted, kept after its result is disposed. */
typedef struct seen {
	int chapters, summaries, redacted;
	size_t warnings;
} seen;

/* Writes the report into dir and checks that its Markdown (or, for a
 * refusal, the message) holds each wanted string ("!text": lacks it). */
static seen report_has(fw_project *p, rp_report_opts *o, const char *dir,
		       int expect, const char *const *want)
{
	rp_report_result r;
	char *md = report(p, o, dir, &r, expect);
	for (; *want; want++)
		if (**want == '!')
			lacks(md, *want + 1);
		else
			has(md, *want);
	free(md);
	seen n = {r.chapters, r.summaries, r.redacted, r.diags.n};
	rp_report_result_dispose(&r);
	return n;
}
#define REPORT_HAS(p, o, dir, expect, ...)                                     \
	report_has(p, o, dir, expect, (const char *const[]){__VA_ARGS__, NULL})

/* Report options: the defaults, with this attribution label. */
static rp_report_opts labelled(const char *label)
{
	rp_report_opts o = {0};
	o.label = label;
	return o;
}

/* The tables file: what parses, every refusal naming its line, and the
 * demo's Table A.4 rolled up with its note, its listed values in order
 * and no total across a multi-valued attribute. */
static void test_tables_file(void **s)
{
	(void)s;
	static const struct {
		const char *text;
		int line;
		const char *msg;
	} bad[] = {
		{"  rows: role\n", 1, "a key before any table"},
		{"table\n  rows: role\n", 1, "needs its number"},
		{"table 1;2 X\n", 1, "not a table number"},
		{"table 1\n  rows: role\ntable 1\n", 3, "already defined"},
		{"table 1\n  rows role\n", 2, "expected \"key: value\""},
		{"table 1\n  colour: red\n", 2, "unknown key 'colour'"},
		{"table 1\n  rows: = a; b\n", 2, "attribute name is missing"},
		{"table 1\n  totals: some\n", 2, "not one of both|row"},
		{"table 1\n  where: role\n", 2, "where: takes A=V"},
		{"table 1\n  corner: a\n  corner: b\n", 3, "given twice"},
		{"table 1\n  count: participants\n", 1, "has no rows"},
		{"table 1\n  rows: a\n  rows: b\n  layout: list\n", 1,
		 "a list has one rows"},
		{"tablet 1\n", 1, "expected \"table NUMBER TITLE\""},
		{"table 1\n  rows: a\0b\n", 0, "NUL bytes"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		rp_tdefs t;
		fw_error e;
		size_t len = strlen(bad[i].text);
		if (strstr(bad[i].msg, "NUL"))
			len += 4;
		fw_error_clear(&e);
		if (!rp_tables_parse(&t, bad[i].text, len, "t.conf", &e))
			fail_msg("parsed: %s", bad[i].text);
		has(e.msg, bad[i].msg);
		assert_int_equal(e.line, bad[i].line);
		assert_null(t.v);
	}
	/* 201 values for one attribute are refused, 200 taken */
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, "table 1\n  rows: role = v0");
	for (int i = 1; i <= 200; i++)
		fw_buf_printf(&b, "; v%d", i);
	rp_tdefs t;
	fw_error e;
	assert_int_not_equal(rp_tables_parse(&t, b.ptr, b.len, "t", &e), 0);
	has(e.msg, "more than 200 values");
	fw_buf_dispose(&b);
	fw_project *p = demo_sheet();
	const char *conf = "table A.4 Households\n"
			   "  where: role=incapacity benefits recipient\n"
			   "  rows: household = living alone; parent(s) and "
			   "adult children (parent); parent(s) and adult "
			   "children (adult child); nowhere\n"
			   "  rollup: yes\n"
			   "table 9 Health\n"
			   "  rows: health\n";
	assert_int_equal(rp_tables_parse(&t, conf, strlen(conf), "t", &e), 0);
	assert_int_equal(t.n, 2);
	fw_sample_opts o;
	fw_sample_info info;
	fw_table *tab;
	rp_tdef_opts(&t.v[0], &o);
	assert_int_equal(fw_sample_build(&tab, &info, p, &o, &e), 0);
	assert_int_equal(tab->ncols, 3); /* value, count, the roll-up note */
	assert_string_equal(tab->rows[0][0], "living alone");
	assert_string_equal(tab->rows[1][0], "parent(s) and adult children");
	assert_string_equal(tab->rows[1][1], "7");
	assert_string_equal(tab->rows[1][2],
			    "(1 of whom were parents and 6 were adult "
			    "children)");
	assert_string_equal(tab->rows[2][0], "nowhere"); /* asked: a zero */
	assert_string_equal(tab->rows[2][1], "0");
	assert_string_equal(tab->rows[tab->nrows - 1][0], "Total");
	assert_string_equal(tab->rows[tab->nrows - 1][1], "30");
	fw_table_free(tab);
	rp_tdef_opts(&t.v[1], &o);
	assert_int_equal(fw_sample_build(&tab, &info, p, &o, &e), 0);
	assert_true(info.multi);
	for (size_t r = 0; r < tab->nrows; r++)
		assert_string_not_equal(tab->rows[r][0], "Total");
	fw_table_free(tab);
	char *cap = rp_tdef_caption(&t.v[1], NULL);
	assert_string_equal(cap, "Table 9 Health");
	free(cap);
	rp_tables_dispose(&t);
	fw_project_free(p);
}

static void test_prevalence_and_group_wording(void **s)
{
	fw_project *p = *s;
	rp_report_opts o = labelled("{actor_group}");
	/* clients: both spoke of letters (1.1), one of the adviser (1.2);
	 * staff: one group discussion, whose members disagreed; a sub-theme
	 * nobody in the group raised is listed, not given a section; the
	 * cross-group chapter and the appendix; summaries with their
	 * references linked to the transcript page, and the starred reference
	 * the first quote, attributed; no counts in prose */
	seen n = REPORT_HAS(
		p, &o, "rep1", 0, "## 2 client",
		"#### 2.1.1 Letters\n\nBoth clients raised this.",
		"#### 2.1.2 Advisers\n\nOne of the two clients raised this.",
		"#### 1.1.1 Letters\n\nStaff in the only group raised this. In "
		"that group, views were divided.",
		"(views divided)", "Not raised in this group: Advisers.",
		"[L5\\*](sources/t02.html#L5)",
		"> Well, erm, I got a letter from the Jobcentre.",
		"([client](sources/t02.html#L5))", "!; C01]",
		"## 3 Views across the groups", "| 1.1 Letters | all | all |",
		"## Appendix A Method", "| most | at least 75% of the base |",
		"!of 2)");
	assert_int_equal(n.chapters, 4); /* 2 groups, across, conclusions */
	assert_int_equal(n.summaries, 2);
	assert_int_equal(n.warnings, 0);
	/* the figures say what the tables say, on the same base: words in
	 * the heat map's cells, none of the old percentages */
	char svg[600];
	snprintf(svg, sizeof svg, "%s/figures/heatmap.svg", tu_path("rep1"));
	char *heat = slurp(svg);
	assert_non_null(heat);
	has(heat, ">all</text>");
	has(heat, "shaded by the share of the group's cases that spoke about "
		  "the theme");
	lacks(heat, "%</text>");
	free(heat);
	/* --numbers puts the counts beside the words; only C01 of the two
	 * clients spoke about outcomes (theme 2): out of those who spoke about
	 * the theme, C01 is all of them */
	o.numbers = 1;
	REPORT_HAS(p, &o, "rep2", 0, "Both clients (2 of 2) raised this.",
		   "One of the two clients (1 of 2) raised this.",
		   "| 1.1 Letters | 1 of 1 | 2 of 2 |",
		   "#### 2.2.1 Work\n\nThe only client who spoke about the "
		   "theme (1 of 1) raised this.",
		   "| 2.1 Work | 0 of 1 | 1 of 1 |");
	/* --base all: out of every case of the group, whatever the theme */
	o.base_all = 1;
	REPORT_HAS(
		p, &o, "rep3", 0, "out of every case in this group",
		"#### 2.2.1 Work\n\nOne of the two clients (1 of 2) raised this.",
		"| 2.1 Work | 0 of 1 | 1 of 2 |");
	o.numbers = 0;
	REPORT_HAS(p, &o, "rep3b", 0,
		   "#### 2.2.1 Work\n\nOne of the two clients raised this.");
}

/* Pending suggestions never count, even on a connection that counts
 * them (as charts with --include-suggested do). */
static void test_suggestions_never_count(void **s)
{
	(void)s;
	fw_project *p = tu_study_("pending.charter", 0, 0);
	fw_error e;
	assert_int_equal(fw_project_count_suggested(p, 1, &e), 0);
	rp_report_opts o = labelled("{actor_group}");
	REPORT_HAS(p, &o, "pending", 0, "## 2 client", "!raised this");
	assert_int_equal(fw_project_counts_suggested(p), 1);
	/* accepted, they do */
	tu_accept_all(p);
	REPORT_HAS(p, &o, "accepted", 0, "raised this");
	fw_project_free(p);
}

/* ---- the report's words from analytic memos -------------------------------
 */

/* report check's rows whose item is item (and, when given, about). */
static size_t check_rows(const fw_table *t, const char *item, const char *about)
{
	size_t n = 0;
	for (size_t r = 0; r < t->nrows; r++)
		n += !strcmp(fw_table_cell(t, r, 0), item) &&
		     (!about || !strcmp(fw_table_cell(t, r, 1), about));
	return n;
}

static fw_table *check(fw_project *p)
{
	rp_report_opts o = labelled("{actor_group}");
	o.attr = "actor_group";
	fw_table *t = NULL;
	fw_error e;
	if (rp_report_check(&t, p, &o, &e))
		fail_msg("report check: %s", e.msg);
	return t;
}

static void memo(fw_project *p, fw_memo_target t, const char *title,
		 const char *text)
{
	long long id;
	fw_error e;
	if (fw_memo_add(&id, p, &t, "analytic", title, text, NULL, &e))
		fail_msg("memo: %s", e.msg);
}

/* Before the memos: placeholders in the report, and report check lists
 * them with the cells coded but not summarised; after: the memos are the
 * chapters' key findings, the sections' narrative and the conclusions. */
static void test_memos_and_check(void **s)
{
	fw_project *p = *s;
	rp_report_opts o = labelled("{actor_group}");
	fw_table *t = check(p);
	assert_int_equal(check_rows(t, "key findings memo", NULL), 2);
	assert_int_equal(check_rows(t, "analytic memo", "theme 1 in client"),
			 1);
	assert_int_equal(check_rows(t, "analytic memo", "theme 2 in client"),
			 1);
	/* a theme per group that spoke about it: staff and clients on both */
	assert_int_equal(check_rows(t, "analytic memo", "theme 2 in staff"), 1);
	assert_int_equal(check_rows(t, "analytic memo", NULL), 4);
	assert_int_equal(check_rows(t, "conclusions memo", NULL), 1);
	/* C01 x 1.1 and G1 x 1.1 are summarised; C01 x 1.2 is not */
	assert_int_equal(check_rows(t, "unsummarised cell", "C01 x 1.1"), 0);
	assert_int_equal(check_rows(t, "unsummarised cell", "C01 x 1.2"), 1);
	assert_int_equal(check_rows(t, "unreviewed suggestions", NULL), 0);
	fw_table_free(t);
	REPORT_HAS(p, &o, "todo", 0,
		   "\\[To write: the key findings for client, from an analytic "
		   "memo on the group.\\]",
		   "\\[To write: what client said on First contact",
		   "## 4 Conclusions\n\n*\\[To write: the conclusions");
	fw_error e;
	assert_int_equal(fw_project_begin(p, &e), 0);
	memo(p, (fw_memo_target){.group = "client"}, "Key findings",
	     "Letters alarm clients\nmore than anything.\n\nAdvisers calm "
	     "them.");
	memo(p, (fw_memo_target){.group = "client", .code = "1"}, NULL,
	     "Both clients first heard through a letter.");
	memo(p, (fw_memo_target){.group = "client", .code = "1.1"}, NULL,
	     "The letter read as a threat.");
	memo(p, (fw_memo_target){0}, "Letters do harm", "Rewrite the letters.");
	/* not analytic, or deeper than a sub-theme: not the report's words */
	long long id;
	assert_int_equal(fw_memo_add(&id, p,
				     &(fw_memo_target){.group = "staff"},
				     "note", NULL, "A note", NULL, &e),
			 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	REPORT_HAS(p, &o, "memos", 0,
		   "**Key findings**\n\nLetters alarm clients more than "
		   "anything.\n\nAdvisers calm them.",
		   "Both clients first heard through a letter.",
		   "Both clients raised this.\n\nThe letter read as a threat.",
		   "## 4 Conclusions\n\n### 4.1 Letters do harm\n\nRewrite the "
		   "letters.",
		   "!the key findings for client", "!A note",
		   "\\[To write: the key findings for staff");
	t = check(p);
	assert_int_equal(check_rows(t, "key findings memo", NULL), 1);
	assert_int_equal(check_rows(t, "analytic memo", NULL), 3);
	assert_int_equal(check_rows(t, "conclusions memo", NULL), 0);
	fw_table_free(t);
}

/* Suggestions not yet reviewed are listed per case and sub-theme. */
static void test_check_pending(void **s)
{
	(void)s;
	fw_project *p = tu_study_("pending-check.charter", 0, 0);
	fw_table *t = check(p);
	assert_true(check_rows(t, "unreviewed suggestions", NULL) > 0);
	assert_int_equal(check_rows(t, "unreviewed suggestions", "C01 x 1.1"),
			 1);
	assert_int_equal(check_rows(t, "unsummarised cell", NULL), 0);
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(fw_table_cell(t, r, 1), "C01 x 1.1"))
			assert_string_equal(fw_table_cell(t, r, 3),
					    "charter review list --case C01 "
					    "--code 1.1");
	fw_table_free(t);
	tu_accept_all(p);
	t = check(p);
	assert_int_equal(check_rows(t, "unreviewed suggestions", NULL), 0);
	assert_true(check_rows(t, "unsummarised cell", NULL) > 0);
	fw_table_free(t);
	fw_project_free(p);
}

/* Quotes are whole sentences of eight to seventy words, verbatim: a
 * short answer is passed over, a long turn is cut at a sentence end, the
 * interviewer is never quoted. */
static void test_quotes_whole_sentences(void **s)
{
	(void)s;
	fw_project *p = tu_project("quotes.charter");
	fw_error e;
	fw_error_clear(&e);
	fw_buf t;
	fw_buf_init(&t);
	fw_buf_puts(&t, "Interviewer: Tell me about the letter you had.\n\n"
			"Jo: The letter? Yes.\n\n"
			"Interviewer: What did the letter say to you then?\n\n"
			"Jo: The letter came on a Monday and I read it twice "
			"because I did not understand what they wanted. Then I "
			"rang them about the letter. And then");
	for (int i = 0; i < 80; i++)
		fw_buf_puts(&t, " on");
	fw_buf_puts(&t, " it went.\n");
	TU_WRITE_STR(tu_path("q.txt"), t.ptr);
	fw_buf_dispose(&t);
	TU_WRITE_STR(tu_path("qcases.csv"), "id,actor_group\nQ1,client\n");
	TU_WRITE_STR(tu_path("qcb.txt"),
		     "1 Contact\n1.1 Letters\n  rule: /\\bletter\\b/i "
		     "speaker=any\n");
	assert_int_equal(fw_project_begin(p, &e), 0);
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, tu_path("qcases.csv"), &e), 0);
	fw_ingest_opts io = {.case_name = "Q1"};
	fw_ingest_result ir;
	assert_int_equal(
		fw_source_ingest(&ir, NULL, p, tu_path("q.txt"), &io, &e), 0);
	fw_codebook_result cb;
	assert_int_equal(fw_codebook_import(&cb, p, tu_path("qcb.txt"), &e), 0);
	fw_autocode_result ar;
	memset(&ar, 0, sizeof ar);
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	assert_int_equal(fw_project_commit(p, &e), 0);
	tu_accept_all(p);
	rp_report_opts o = labelled("{actor_group}");
	o.quotes = 5;
	REPORT_HAS(
		p, &o, "quotes", 0,
		"> The letter came on a Monday and I read it twice because I "
		"did not understand what they wanted. Then I rang them about "
		"the letter.\n",
		"!The letter? Yes.", "!Tell me about", "!What did the letter",
		"!\u2026", "!And then on");
	fw_project_free(p);
}

static void test_identifiable_labels(void **s)
{
	fw_project *p = *s;
	/* "{sex}, District {district}" singles out C01, the one woman */
	rp_report_opts o = labelled("{sex}, District {district}");
	rp_report_result r;
	char *md = report(p, &o, "rep4", &r, 0);
	assert_non_null(tu_diag(&r.diags,
				"\"F, District A\" (C01) matches one person"));
	has(md, "Some labels match a single person");
	rp_report_result_dispose(&r);
	free(md);
	/* --strict refuses and writes nothing */
	o.strict = 1;
	char *msg = report(p, &o, "rep5", &r, FW_EINVAL);
	has(msg, "--strict");
	has(msg, "F, District A");
	struct stat st;
	assert_int_not_equal(stat(tu_path("rep5/report.md"), &st), 0);
	rp_report_result_dispose(&r);
	free(msg);
	/* a label shared by several people passes --strict */
	o.label = "{actor_group}";
	assert_int_equal(REPORT_HAS(p, &o, "rep6", 0, "## 1").warnings, 0);
	/* an unknown attribute in the label is refused before anything */
	o.label = "{role}";
	REPORT_HAS(p, &o, "rep7", FW_ENOTFOUND, "no attribute 'role'");
}

/* Four adviser groups: two agreed, one divided, in one a single adviser. */
static void test_group_agreement_wording(void **s)
{
	(void)s;
	fw_project *p = tu_project("groups.charter");
	fw_error e;
	fw_error_clear(&e);
	TU_WRITE_STR(tu_path("g.csv"), "id,actor_group,role\nG1,staff,adviser\n"
				       "G2,staff,adviser\nG3,staff,adviser\n"
				       "G4,staff,adviser\n");
	TU_WRITE_STR(
		tu_path("g.txt"),
		"title: Groups\n1 Contact\n1.1 Letters\n  rule: /letter/i\n"
		"1.2 Phones\n  rule: /phone/i\n");
	assert_int_equal(fw_project_begin(p, &e), 0);
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, tu_path("g.csv"), &e), 0);
	static const char *const agree[] = {"consensus", "consensus",
					    "divergent", "single:Ann"};
	for (int i = 0; i < 4; i++) {
		char name[16], path[64], text[400];
		snprintf(name, sizeof name, "G%d", i + 1);
		snprintf(path, sizeof path, "g%d.txt", i + 1);
		snprintf(
			text, sizeof text,
			"Facilitator: What about the letters in group %d?\n\nAnn: "
			"The letter frightened people in office %d, every single "
			"time.\n\nBob: I agree, the letter is far too harsh for "
			"them in district %d.\n",
			i + 1, i + 1, i + 1);
		TU_WRITE_STR(tu_path(path), text);
		fw_ingest_opts o = {0};
		o.case_name = name;
		o.group = 1;
		fw_ingest_result r;
		assert_int_equal(
			fw_source_ingest(&r, NULL, p, tu_path(path), &o, &e),
			0);
	}
	fw_codebook_result cb;
	assert_int_equal(fw_codebook_import(&cb, p, tu_path("g.txt"), &e), 0);
	fw_autocode_result ar = {0};
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	tu_accept_all(p);
	for (int i = 0; i < 4; i++) {
		char name[16];
		fw_diags dg = {0};
		snprintf(name, sizeof name, "G%d", i + 1);
		if (fw_cell_set(tu_fresh(&dg), p, name, "1.1",
				"Letters too harsh (L3*)", agree[i], NULL, &e))
			fail_msg("%s", e.msg);
		fw_diags_dispose(&dg);
	}
	assert_int_equal(fw_project_commit(p, &e), 0);
	rp_report_opts o = labelled("{role}");
	/* each group's agreement beside its summary; quotes from several
	 * groups, one per group; eight advisers share the label: nothing to
	 * warn about */
	seen n = REPORT_HAS(
		p, &o, "grp", 0,
		"#### 1.1.1 Letters\n\nAdvisers in all four groups raised this. "
		"Of the four groups, the advisers agreed in two, views were "
		"divided in one and a single adviser raised it in one.",
		"**[Adviser](sources/t03.html)** (views divided): ",
		"**[Adviser](sources/t04.html)** (one participant): ",
		"([adviser](sources/t01.html#L3))",
		"([adviser](sources/t02.html#L3))");
	assert_int_equal(n.warnings, 0);
	o.numbers = 1;
	REPORT_HAS(
		p, &o, "grp2", 0,
		"Advisers in all four groups (4 of 4) raised this. Of the four "
		"groups, the advisers agreed in two (2 of 4), views were "
		"divided in one (1 of 4) and a single adviser raised it in one "
		"(1 of 4).");
	fw_project_free(p);
}

static void test_redaction(void **s)
{
	(void)s;
	assert_true(rp_redact_namelike("Janet"));
	assert_true(rp_redact_namelike("Anne-Marie"));
	assert_true(rp_redact_namelike("O'Neill"));
	assert_true(rp_redact_namelike("Mo Khan"));
	assert_false(rp_redact_namelike("Respondent"));
	assert_false(rp_redact_namelike("RESPONDENT"));
	assert_false(rp_redact_namelike("P3"));
	assert_false(rp_redact_namelike("R"));
	assert_false(rp_redact_namelike("Speaker 2"));
	assert_false(rp_redact_namelike("Female participant"));
	assert_false(rp_redact_namelike("Jo Ann Smith")); /* three words */
	rp_redact r;
	rp_redact_init(&r);
	fw_error e;
	const char *list = "# staff named in interviews\r\nMartin\nMo Khan\n\n"
			   "  O'Neill  \n";
	assert_int_equal(rp_redact_parse(&r, list, strlen(list), "n.txt", &e),
			 0);
	rp_redact_add(&r, "Janet");
	rp_redact_sort(&r);
	int n = 0;
	char *t = rp_redact_apply(&r,
				  "I agree with Janet, and Janet's point; "
				  "Martin and Mo Khan told Mrs O'Neill. "
				  "Janetta and MARTIN and martin stay.",
				  &n);
	assert_string_equal(t, "I agree with [name], and [name]'s point; "
			       "[name] and [name] told Mrs [name]. "
			       "Janetta and MARTIN and martin stay.");
	assert_int_equal(n, 5);
	free(t);
	rp_redact_dispose(&r);
	/* providers and places, of several words; the longest listed phrase
	 * wins */
	const char *orgs = "provider: Kestrel Pathways Partnership\n"
			   "provider: Kestrel\nPLACE: Castlebrook\n"
			   "name: Dev\n";
	assert_int_equal(rp_redact_parse(&r, orgs, strlen(orgs), "n.txt", &e),
			 0);
	rp_redact_sort(&r);
	n = 0;
	t = rp_redact_apply(&r,
			    "Kestrel Pathways Partnership, or Kestrel, near "
			    "Castlebrook; Dev at Kestrel's office. Kestrels "
			    "stay.",
			    &n);
	assert_string_equal(t, "[provider], or [provider], near [place]; "
			       "[name] at [provider]'s office. Kestrels "
			       "stay.");
	assert_int_equal(n, 5);
	free(t);
	rp_redact_dispose(&r);
	assert_int_equal(rp_redact_parse(&r, "a\nb\0c\n", 6, "n.txt", &e),
			 FW_EPARSE);
	assert_int_equal(e.line, 2);
	rp_redact_dispose(&r);
	/* in a report: a group member's name in a quote */
	fw_project *p = tu_study("fx5.charter", 1);
	rp_report_opts o = labelled("{actor_group}");
	/* a passage naming someone is never the report's own pick */
	seen red = REPORT_HAS(p, &o, "red0", 0, "!I agree with", "!Janet");
	assert_int_equal(red.warnings, 0);
	/* starred, it is shown redacted, and warned about */
	fw_error e2;
	fw_error_clear(&e2);
	fw_diags dg = {0};
	assert_int_equal(fw_project_begin(p, &e2), 0);
	if (fw_cell_set(tu_fresh(&dg), p, "G1", "1.1",
			"Letters frighten customers (L5, L7*)", NULL, NULL,
			&e2))
		fail_msg("%s", e2.msg);
	fw_diags_dispose(&dg);
	assert_int_equal(fw_project_commit(p, &e2), 0);
	red = REPORT_HAS(
		p, &o, "red1", 0,
		"> I agree with \\[name\\], the letter is too harsh.", "!Janet",
		"are replaced with \\[name\\] in quotes and summaries");
	assert_true(red.redacted >= 1);
	assert_int_equal(red.warnings, 1);
	/* the transcript pages the report links to: Janet (a speaker of the
	 * group) and the case ids are gone from every page */
	for (int i = 1; i <= 3; i++) {
		char page[600];
		snprintf(page, sizeof page, "%s/sources/t%02d.html",
			 tu_path("red1"), i);
		char *h = slurp(page);
		if (!h)
			fail_msg("no page %s", page);
		lacks(h, "Janet");
		lacks(h, "C01");
		lacks(h, "G1");
		has(h, "<title>Transcript ");
		free(h);
	}
	o.keep_names = 1;
	assert_int_equal(REPORT_HAS(p, &o, "red2", 0,
				    "> I agree with Janet, the letter is too "
				    "harsh.")
				 .redacted,
			 0);
	fw_project_free(p);
}

/* the method appendix says how the framework changed during indexing and
 * what the researcher decided of auto-coding */
static void test_method_history(void **s)
{
	(void)s;
	setenv("CHARTER_NOW", "2008-06-03T10:00:00Z", 1);
	fw_project *p = tu_study("mh.charter", 1);
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_codebook_add(p, "2.3", "Money", NULL, &e), 0);
	assert_int_equal(fw_codebook_rename(p, "2.2", "Provider staff", &e), 0);
	long long id;
	assert_int_equal(
		fw_code_lines(&id, p, "C01", NULL, 3, 3, "2.3", NULL, &e), 0);
	long n;
	assert_int_equal(fw_review_decide(&n, p, &(fw_review_filter){.id = 2},
					  FW_REJECTED, NULL, &e),
			 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	rp_report_opts o = labelled("{actor_group}");
	REPORT_HAS(p, &o, "mh", 0,
		   "The framework was drafted before indexing began (first "
		   "imported on 2008-06-03) and refined during indexing.",
		   "During indexing 1 theme emerged and was added (2.3 "
		   "Money); 1 code was renamed, 0 moved or renumbered, 0 "
		   "merged into another and 0 deleted.",
		   "Auto-coding rules suggested 10 passages, of which the "
		   "researcher accepted 9 and rejected 1; 1 passage was "
		   "indexed by hand.");
	fw_project_free(p);
	unsetenv("CHARTER_NOW");
}

/* ---- formats ------------------------------------------------------------- */

static int xml_ok(const char *data, size_t len)
{
	xmlDocPtr d = xmlReadMemory(data, (int)len, "x.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					    XML_PARSE_NOWARNING);
	if (!d)
		return 0;
	xmlFreeDoc(d);
	return 1;
}

static char *zip_part(const char *path, const char *name, size_t *len)
{
	int ze;
	zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st)) {
		zip_close(z);
		return NULL;
	}
	zip_file_t *f = zip_fopen(z, name, 0);
	char *b = malloc(st.size + 1);
	assert_int_equal(zip_fread(f, b, st.size), (zip_int64_t)st.size);
	b[st.size] = 0;
	zip_fclose(f);
	zip_close(z);
	*len = st.size;
	return b;
}

static void test_html_and_docx(void **s)
{
	fw_project *p = *s;
	rp_report_opts o = labelled("{actor_group}");
	o.formats = RP_MD | RP_HTML | RP_DOCX;
	rp_report_result r;
	char *md = report(p, &o, "rep8", &r, 0);
	assert_int_equal(r.files, 3);
	free(md);
	rp_report_result_dispose(&r);
	/* HTML: well-formed, self-contained, contents list, figures inline */
	char *html = slurp(tu_path("rep8/report.html"));
	assert_non_null(html);
	assert_true(xml_ok(html, strlen(html)));
	has(html, "<style>");
	lacks(html, "<link ");
	lacks(html, "<script");
	has(html, "<nav class=\"contents\">");
	has(html, "<a href=\"#ch1\">");
	has(html, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	has(html, "href=\"sources/t02.html#L5\"");
	has(html, "@media print");
	free(html);
	/* Markdown keeps its figures beside it */
	struct stat st;
	assert_int_equal(stat(tu_path("rep8/figures/heatmap.svg"), &st), 0);
	/* DOCX: every part well-formed, Word's own structures */
	const char *docx = tu_path("rep8/report.docx");
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels",
		"word/document.xml",   "word/_rels/document.xml.rels",
		"word/styles.xml",     "word/settings.xml",
		"docProps/core.xml",   "word/footer1.xml"};
	char *doc = NULL;
	size_t doclen = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		size_t len;
		char *x = zip_part(docx, parts[i], &len);
		if (!x)
			fail_msg("no %s", parts[i]);
		if (!xml_ok(x, len))
			fail_msg("%s is not well-formed", parts[i]);
		if (i == 2) {
			doc = x;
			doclen = len;
		} else {
			free(x);
		}
	}
	(void)doclen;
	has(doc, "<w:pStyle w:val=\"Heading1\"/>");
	has(doc, "<w:pStyle w:val=\"Heading3\"/>");
	has(doc, "<w:pStyle w:val=\"Quote\"/>");
	has(doc, "<w:pStyle w:val=\"Caption\"/>");
	has(doc, "<w:tblHeader/>");
	has(doc, "Table 3.1 First contact");
	has(doc, "<w:bookmarkStart w:id=\"1\" w:name=\"ch1\"/>");
	has(doc, "<w:hyperlink w:anchor=\"ch1\">");
	/* a real contents field, captions Word's lists find, page numbers */
	has(doc,
	    "<w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-2&quot;");
	has(doc, "<w:instrText xml:space=\"preserve\"> SEQ Table \\* "
		 "ARABIC \\h </w:instrText>");
	has(doc, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
	/* the figures as pictures, drawn by librsvg */
	has(doc, "<a:blip r:embed=\"rIdImg1\"/>");
	has(doc, "<wp:extent cx=");
	/* no link to a local file: the transcript pages stay behind */
	lacks(doc, "sources/t0");
	free(doc);
	{
		size_t fl;
		char *ft = zip_part(docx, "word/footer1.xml", &fl);
		has(ft, "> PAGE </w:instrText>");
		free(ft);
		char *png = zip_part(docx, "word/media/fig1.png", &fl);
		assert_non_null(png);
		assert_true(fl > 1000);
		assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
		free(png);
		char *ct = zip_part(docx, "[Content_Types].xml", &fl);
		has(ct, "Extension=\"png\" ContentType=\"image/png\"");
		free(ct);
	}
	size_t len;
	char *rels = zip_part(docx, "word/_rels/document.xml.rels", &len);
	lacks(rels, "TargetMode=\"External\"");
	has(rels, "Target=\"footer1.xml\"");
	free(rels);
	char *styles = zip_part(docx, "word/styles.xml", &len);
	has(styles, "<w:name w:val=\"heading 1\"/>");
	has(styles, "<w:outlineLvl w:val=\"0\"/>");
	free(styles);
	/* LibreOffice opens it and makes a PDF, when it is installed */
	if (system("command -v soffice >/dev/null 2>&1") == 0) {
		char cmd[1200];
		snprintf(cmd, sizeof cmd,
			 "cd '%s' && HOME='%s' timeout 180 soffice --headless "
			 "--convert-to pdf report.docx >/dev/null 2>&1",
			 tu_path("rep8"), tu_path("rep8"));
		assert_int_equal(system(cmd), 0);
		assert_int_equal(stat(tu_path("rep8/report.pdf"), &st), 0);
		assert_true(st.st_size > 5000);
	} else {
		fprintf(stderr,
			"(LibreOffice not installed: DOCX not converted)\n");
	}
}

static void test_bad_word_table_file(void **s)
{
	fw_project *p = *s;
	const char *wpath = tu_path("words.txt");
	TU_WRITE_STR(wpath, "most 75%\nmany fifty\na few 0%\n");
	rp_report_opts o = labelled("{actor_group}");
	o.words = wpath;
	rp_report_result r;
	fw_error e;
	o.outdir = tu_path("rep9");
	o.attr = "actor_group";
	assert_int_equal(rp_report_write(&r, p, &o, &e), FW_EPARSE);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.file, wpath);
	struct stat st;
	assert_int_not_equal(stat(tu_path("rep9"), &st), 0);
	rp_report_result_dispose(&r);
}

TU_MAIN(cmocka_unit_test(test_method_history),
	cmocka_unit_test(test_default_words_every_band),
	cmocka_unit_test(test_word_table_files),
	cmocka_unit_test(test_label_render),
	cmocka_unit_test(test_table_1_1_achieved_interviews),
	cmocka_unit_test(test_table_1_2_client_characteristics),
	TU_CHARTED(test_prevalence_and_group_wording),
	cmocka_unit_test(test_suggestions_never_count),
	TU_CHARTED(test_identifiable_labels),
	cmocka_unit_test(test_group_agreement_wording),
	cmocka_unit_test(test_redaction), TU_CHARTED(test_html_and_docx),
	TU_CHARTED(test_bad_word_table_file), TU_CHARTED(test_memos_and_check),
	cmocka_unit_test(test_check_pending),
	cmocka_unit_test(test_tables_file),
	cmocka_unit_test(test_quotes_whole_sentences));
