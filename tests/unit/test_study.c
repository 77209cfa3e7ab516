/*
 * test_study.c: the shipped demo study (corpus/pathways) imports cleanly and
 * reproduces the design of the study it is modelled on: Tables 1.1, 1.2,
 * A.3, A.4 and A.5 of the report, six districts with one provider each,
 * and the clients' employment positions.
 */
#include "testutil.h"

#define STUDY "../../corpus/pathways/"

static fw_table *sheet;

static int col(const char *name)
{
	for (size_t c = 0; c < sheet->ncols; c++)
		if (!strcmp(sheet->cols[c], name))
			return (int)c;
	fail_msg("no column %s", name);
	return -1;
}

static const char *val(size_t r, const char *name)
{
	const char *v = sheet->rows[r][col(name)];
	return v ? v : "";
}

/* Rows where every (attribute, value) pair given matches; NULL ends. */
static int count(const char *a1, const char *v1, const char *a2, const char *v2)
{
	int n = 0;
	for (size_t r = 0; r < sheet->nrows; r++) {
		if (sheet->kinds[r] != FW_ROW_DATA)
			continue;
		if (a1 && strcmp(val(r, a1), v1))
			continue;
		if (a2 && strcmp(val(r, a2), v2))
			continue;
		n++;
	}
	return n;
}

static int sum_participants(const char *role, const char *type)
{
	int n = 0;
	for (size_t r = 0; r < sheet->nrows; r++)
		if (!strcmp(val(r, "role"), role) &&
		    !strcmp(val(r, "interview_type"), type))
			n += atoi(val(r, "participants"));
	return n;
}

/* Clients with `item` among the ';'-separated values of `attr`. */
static int count_item(const char *attr, const char *item)
{
	int n = 0;
	for (size_t r = 0; r < sheet->nrows; r++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s", val(r, attr));
		for (char *t = strtok(buf, ";"); t; t = strtok(NULL, ";")) {
			while (*t == ' ')
				t++;
			if (!strcmp(t, item)) {
				n++;
				break;
			}
		}
	}
	return n;
}

static int setup(void **s)
{
	(void)s;
	fw_project *p = tu_project("study.charter");
	fw_error e;
	fw_cases_result r;
	if (fw_cases_import(&r, p, STUDY "cases.csv", &e))
		fail_msg("%s:%d: %s", e.file, e.line, e.msg);
	assert_int_equal(r.rows, 60);
	assert_int_equal(fw_cases_list(&sheet, p, &e), 0);
	fw_project_free(p);
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	fw_table_free(sheet);
	return 0;
}

static void test_table_1_1_achieved_interviews(void **s)
{
	(void)s;
	const char *client = "incapacity benefits recipient";
	assert_int_equal(
		count("role", client, "interview_type", "face-to-face"), 30);
	assert_int_equal(count("role", "provider frontline staff",
			       "interview_type", "group"),
			 6);
	assert_int_equal(sum_participants("provider frontline staff", "group"),
			 30);
	assert_int_equal(count("role", "provider manager", "interview_type",
			       "face-to-face"),
			 6);
	assert_int_equal(sum_participants("provider manager", "face-to-face"),
			 8);
	assert_int_equal(count("role", "Jobcentre Plus adviser",
			       "interview_type", "group"),
			 6);
	assert_int_equal(sum_participants("Jobcentre Plus adviser", "group"),
			 34);
	assert_int_equal(count("role", "Third Party Provision Manager",
			       "interview_type", "face-to-face"),
			 6);
	assert_int_equal(count("role", "DWP Contract Manager", "interview_type",
			       "face-to-face"),
			 6);
	/* one group of only three frontline staff */
	assert_int_equal(
		count("role", "provider frontline staff", "participants", "3"),
		1);
	/* the three actor groups, in the sheet's order */
	assert_int_equal(count("actor_group", "Jobcentre Plus and DWP staff",
			       NULL, NULL),
			 18);
	assert_int_equal(count("actor_group", "Provider staff", NULL, NULL),
			 12);
	assert_int_equal(count("actor_group", "Incapacity benefits recipients",
			       NULL, NULL),
			 30);
	assert_int_equal(sheet->nrows, 60);
}

static void test_table_1_2_and_a_3_sex_and_age(void **s)
{
	(void)s;
	assert_int_equal(count("sex", "female", NULL, NULL), 16);
	assert_int_equal(count("sex", "male", NULL, NULL), 14);
	assert_int_equal(count("age_band", "18-30", NULL, NULL), 8);
	assert_int_equal(count("age_band", "31-49", NULL, NULL), 13);
	assert_int_equal(count("age_band", "50 plus", NULL, NULL), 9);
	assert_int_equal(count("age_band", "18-30", "sex", "male"), 2);
	assert_int_equal(count("age_band", "18-30", "sex", "female"), 6);
	assert_int_equal(count("age_band", "31-49", "sex", "male"), 7);
	assert_int_equal(count("age_band", "31-49", "sex", "female"), 6);
	assert_int_equal(count("age_band", "50 plus", "sex", "male"), 5);
	assert_int_equal(count("age_band", "50 plus", "sex", "female"), 4);
}

static void test_table_a_4_households(void **s)
{
	(void)s;
	assert_int_equal(count("household",
			       "two parents and dependent children", NULL,
			       NULL),
			 4);
	assert_int_equal(count("household", "one parent and dependent children",
			       NULL, NULL),
			 5);
	assert_int_equal(count("household",
			       "parent(s) and adult children (adult child)",
			       NULL, NULL),
			 6);
	assert_int_equal(count("household",
			       "parent(s) and adult children (parent)", NULL,
			       NULL),
			 1);
	assert_int_equal(count("household", "living with partner", NULL, NULL),
			 4);
	assert_int_equal(count("household", "living alone", NULL, NULL), 10);
}

static void test_table_1_2_and_a_5_health(void **s)
{
	(void)s;
	assert_int_equal(count_item("health", "musculoskeletal"), 16);
	assert_int_equal(count_item("health", "mental health"), 13);
	assert_int_equal(count_item("health", "cardiovascular"), 3);
	assert_int_equal(count_item("health", "other"), 24);
}

static void test_employment_and_subgroups(void **s)
{
	(void)s;
	/* four in paid work at interview (one self-employed), one on
	 * permitted work; the three sub-groups of section 4.1.2 */
	int paid =
		count("employment", "in paid work", NULL, NULL) +
		count("employment", "in paid work (self-employed)", NULL, NULL);
	assert_int_equal(paid, 4);
	assert_int_equal(
		count("employment", "in paid work (self-employed)", NULL, NULL),
		1);
	assert_int_equal(count("employment", "permitted work", NULL, NULL), 1);
	int a = count("subgroup", "thinking about paid work", NULL, NULL);
	int b = count("subgroup",
		      "not thinking about paid work in the near future", NULL,
		      NULL);
	int c = count("subgroup", "wants paid work but thinks it unlikely",
		      NULL, NULL);
	assert_true(a > 0 && b > 0 && c > 0);
	assert_int_equal(a + b + c, 30);
	/* no one from the third sub-group moved into work */
	for (size_t r = 0; r < sheet->nrows; r++)
		if (!strcmp(val(r, "subgroup"),
			    "wants paid work but thinks it unlikely"))
			assert_null(strstr(val(r, "employment"), "paid work"));
}

static void test_six_districts_one_provider_each(void **s)
{
	(void)s;
	const char *d[] = {"A", "B", "C", "D", "E", "F"};
	const char *roles[] = {"Jobcentre Plus adviser",
			       "provider frontline staff", "provider manager",
			       "Third Party Provision Manager",
			       "DWP Contract Manager"};
	for (int i = 0; i < 6; i++) {
		const char *provider = NULL;
		for (size_t r = 0; r < sheet->nrows; r++) {
			if (strcmp(val(r, "district"), d[i]))
				continue;
			if (!provider)
				provider = val(r, "provider");
			assert_string_equal(val(r, "provider"), provider);
		}
		assert_non_null(provider);
		for (int k = 0; k < 5; k++)
			assert_int_equal(
				count("district", d[i], "role", roles[k]), 1);
		assert_true(count("district", d[i], "role",
				  "incapacity benefits recipient") >= 4);
	}
	assert_int_equal(count("district", "", NULL, NULL), 0);
}

/* Every case has its transcript; each reads cleanly with the speakers the
 * sheet implies; lengths are those of real fieldwork; and the set mixes
 * label styles, line ends and byte-order marks as transcribers' files do. */
static void test_transcripts(void **s)
{
	(void)s;
	fw_project *p = tu_project("transcripts.charter");
	fw_error e;
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, STUDY "cases.csv", &e), 0);
	int crlf = 0, bom = 0;
	for (size_t r = 0; r < sheet->nrows; r++) {
		const char *id = sheet->rows[r][0];
		char path[256], lower[64];
		size_t i = 0;
		for (; id[i] && i + 1 < sizeof lower; i++)
			lower[i] =
				(char)(id[i] >= 'A' && id[i] <= 'Z' ? id[i] + 32
								    : id[i]);
		lower[i] = 0;
		snprintf(path, sizeof path, STUDY "%s.txt", lower);
		int participants = atoi(val(r, "participants"));
		int group = participants > 1;
		fw_ingest_opts o = {0};
		o.case_name = id;
		o.group = group;
		/* automatic transcripts: speaker 1 is the interviewer, as the
		 * researcher tells charter (tools/demo.sh does the same) */
		static const char *const sp1[] = {"Speaker 1"};
		FILE *pf = fopen(path, "rb");
		char head[8192];
		size_t hn = pf ? fread(head, 1, sizeof head - 1, pf) : 0;
		if (pf)
			fclose(pf);
		head[hn] = 0;
		if (strstr(head, "\nSpeaker 1 (")) {
			o.interviewers = sp1;
			o.ninterviewers = 1;
		}
		fw_ingest_result res;
		fw_diags dg;
		fw_diags_init(&dg);
		if (fw_source_ingest(&res, &dg, p, path, &o, &e))
			fail_msg("%s: %s", path, e.msg);
		if (dg.n)
			fail_msg("%s: %s", path, dg.v[0].msg);
		fw_diags_dispose(&dg);
		bom += strstr(res.encoding, "BOM") != NULL;
		/* speakers: interviewers plus exactly the sheet's participants
		 */
		fw_table *src;
		assert_int_equal(fw_source_list(&src, p, &e), 0);
		const char *spk = NULL;
		for (size_t k = 0; k < src->nrows; k++)
			if (!strcmp(src->rows[k][0], res.name))
				spk = src->rows[k][7];
		assert_non_null(spk);
		int ivs = 0, resp = 0;
		for (const char *q = spk; (q = strstr(q, "(interviewer)")); q++)
			ivs++;
		for (const char *q = spk;
		     (q = strstr(q, group ? "(participant)" : "(respondent)"));
		     q++)
			resp++;
		if (ivs < 1 || resp != participants)
			fail_msg("%s: %d interviewers and %d %s, want %d: %s",
				 path, ivs, resp,
				 group ? "participants" : "respondents",
				 participants, spk);
		fw_table_free(src);
		long lo = group && !strcmp(val(r, "interview_type"), "group")
				  ? 1500
				  : 800;
		long hi = group ? 3000 : 1500;
		if (res.words < lo * 9 / 10 || res.words > hi * 11 / 10)
			fail_msg("%s: %ld words, want %ld-%ld", path, res.words,
				 lo, hi);
		/* CRLF files: count them from the raw bytes */
		FILE *f = fopen(path, "rb");
		char buf[4096];
		size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		if (memmem(buf, n, "\r\n", 2))
			crlf++;
	}
	assert_true(crlf >= 3);
	assert_true(bom >= 3);

	/* the researcher's chart summaries: every row imports (references
	 * inside the transcripts, agreement markers naming real speakers) */
	fw_codebook_result cb;
	assert_int_equal(
		fw_codebook_import(&cb, p, "../../codebooks/pathways.txt", &e),
		0);
	assert_int_equal(cb.themes, 59);
	fw_autocode_result ar = {0};
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	tu_accept_all(p);
	int cells = 0;
	fw_diags warn = {0};
	if (fw_cell_import(&cells, &warn, p, STUDY "summaries.csv", &e))
		fail_msg("summaries.csv: %s", e.msg);
	fw_diags_dispose(&warn);
	assert_true(cells >= 250);
	/* at least three main themes, with a cell for every client in 8 and 9
	 * and for every staff case in 4; group cells carry agreement */
	static const struct {
		const char *theme, *prefix;
		int want;
	} cover[] = {{"8", "CL", 30},  {"9", "CL", 30}, {"4", "ADV-", 6},
		     {"4", "PFS-", 6}, {"4", "PM-", 6}, {"4", "TPPM-", 6},
		     {"4", "CM-", 6}};
	for (size_t i = 0; i < sizeof cover / sizeof cover[0]; i++) {
		int have = 0;
		fw_table *chart;
		fw_chart_opts co = {0};
		if (fw_chart_build(&chart, p, cover[i].theme, &co, &e))
			fail_msg("chart %s: %s", cover[i].theme, e.msg);
		for (size_t k = 0; k < chart->nrows; k++) {
			if (chart->kinds[k] != FW_ROW_DATA ||
			    strncmp(chart->rows[k][0], cover[i].prefix,
				    strlen(cover[i].prefix)))
				continue;
			int any = 0;
			/* a summary cites its lines in parentheses; a bare
			 * reference cell ("L12, L14") does not */
			for (size_t c = 2; c < chart->ncols; c++)
				any |= chart->rows[k][c] &&
				       strstr(chart->rows[k][c], "(L") != NULL;
			have += any;
		}
		fw_table_free(chart);
		if (have != cover[i].want)
			fail_msg("theme %s: %d %s cases summarised, want %d",
				 cover[i].theme, have, cover[i].prefix,
				 cover[i].want);
	}
	fw_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_1_1_achieved_interviews),
		cmocka_unit_test(test_table_1_2_and_a_3_sex_and_age),
		cmocka_unit_test(test_table_a_4_households),
		cmocka_unit_test(test_table_1_2_and_a_5_health),
		cmocka_unit_test(test_employment_and_subgroups),
		cmocka_unit_test(test_six_districts_one_provider_each),
		cmocka_unit_test(test_transcripts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
