/*
 * test_agree.c: the agreement coefficients on their test vectors and on
 * hand-computed cases, and charter agree at each unit on a two-coder
 * project: characters (code points, not bytes), segments matched by
 * overlap, presence per case and per source, groups, three coders, the
 * disagreements and the refusals.
 */
#include "testutil.h"

#include "store.h"

#include <math.h>

#define NEAR(want, got) assert_true(fabs((want) - (got)) < 1e-9)

/* 1,000 characters, A codes 150, B codes 100, both 50. */
static void test_vector_characters(void **s)
{
	(void)s;
	fw_agree_stat st;
	fw_agree_binary(&st, 50, 100, 50, 800);
	NEAR(0.85, st.po);
	NEAR(70.0 / 220.0, st.kappa); /* (0.85 - 0.78) / (1 - 0.78) */
	assert_true(fabs(st.kappa - 0.3182) < 5e-5);
	NEAR(1000, st.n);
}

/* Ten segments: A 8, B 6, both 5, neither 1. */
static void test_vector_segments(void **s)
{
	(void)s;
	fw_agree_stat st;
	fw_agree_binary(&st, 5, 3, 1, 1);
	NEAR(0.6, st.po);
	NEAR(0.04 / 0.44, st.kappa); /* chance 0.56 */
	assert_true(fabs(st.kappa - 0.0909) < 5e-5);
	NEAR(1.0 - 152.0 / 168.0, st.alpha);
	assert_true(fabs(st.alpha - 0.0952) < 5e-5);
	NEAR(0.2, st.bp);
	assert_int_equal(st.q, 2);
	/* the same units one by one give the same alpha */
	fw_alpha a;
	fw_alpha_init(&a);
	static const int u[4][2] = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
	static const double w[4] = {5, 3, 1, 1};
	for (int i = 0; i < 4; i++)
		fw_alpha_unit(&a, u[i], 2, w[i]);
	NEAR(st.alpha, fw_alpha_value(&a));
	fw_alpha_dispose(&a);
}

/* Hand-computed: three coders, missing values, and the edges. */
static void test_alpha_by_hand(void **s)
{
	(void)s;
	fw_alpha a;
	fw_alpha_init(&a);
	const int u1[] = {1, 1, 1}, u2[] = {1, 0, -1}, u3[] = {0, 0, 0},
		  u4[] = {0, -1, -1};
	fw_alpha_unit(&a, u1, 3, 1);
	fw_alpha_unit(&a, u2, 3, 1);
	fw_alpha_unit(&a, u3, 3, 1);
	fw_alpha_unit(&a, u4, 3, 1); /* one value: not pairable */
	/* n 8, coincidences 3 + 3 agreeing, 1 + 1 not: 1 - 7*2/(2*4*4) */
	NEAR(0.5625, fw_alpha_value(&a));
	fw_alpha_dispose(&a);
	/* three categories, two coders: Krippendorff's nominal example of
	 * four units 1-1, 2-2, 3-3, 1-2: n 8, occ 6, n_c 3,3,2 */
	fw_alpha_init(&a);
	const int v[4][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}};
	for (int i = 0; i < 4; i++)
		fw_alpha_unit(&a, v[i], 2, 1);
	NEAR(1.0 - 7.0 * 2.0 / (64.0 - 9 - 9 - 4), fw_alpha_value(&a));
	fw_alpha_dispose(&a);
	/* no variation: undefined */
	fw_agree_stat st;
	fw_agree_binary(&st, 0, 0, 0, 10);
	NEAR(1.0, st.po);
	NEAR(1.0, st.kappa);
	assert_true(isnan(st.alpha));
	fw_agree_binary(&st, 0, 0, 0, 0);
	assert_true(isnan(st.po) && isnan(st.kappa));
	NEAR(1.0 / 3.0, fw_agree_bp(0.5, 4));
	assert_true(isnan(fw_agree_bp(0.5, 1)));
}

/* ---- on a project -------------------------------------------------------- */

/* A source of exactly 1,000 code points (accents, emoji, guillemets: more
 * bytes than code points) for case C10. */
static void add_k(fw_project *p)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, "RESPONDENT: ");
	const char *piece = "Les élèves \xF0\x9F\x98\x80 ont dit « non » — ";
	while (fw_utf8_count(fw_buf_str(&b), strlen(fw_buf_str(&b))) < 999)
		fw_buf_puts(&b, piece);
	const char *t = fw_buf_str(&b);
	size_t cut = fw_utf8_byte_at(t, strlen(t), 999);
	char *text = fw_xstrndup(t, cut);
	fw_buf_clear(&b);
	fw_buf_printf(&b, "%s\n", text);
	free(text);
	TU_WRITE_STR(tu_path("k.txt"), fw_buf_str(&b));
	fw_buf_dispose(&b);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.case_name = "C10";
	fw_ingest_result r;
	fw_error e;
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("k.txt"), &o, &e), 0);
	assert_int_equal(fw_query_int(p, 0,
				      "SELECT chars FROM source WHERE "
				      "name = 'k.txt'",
				      ""),
			 1000);
}

static void span(fw_project *p, const char *src, long a, long b,
		 const char *code, const char *coder)
{
	fw_error e;
	fw_error_clear(&e);
	if (fw_code_span(NULL, p, src, a, b, code, coder, &e))
		fail_msg("%s %ld-%ld %s: %s", src, a, b, code, e.msg);
}

/* The row whose code and source columns are these. */
static const char *cell(const fw_table *t, const char *code, const char *where,
			const char *col)
{
	size_t c = 0;
	while (c < t->ncols && strcmp(t->cols[c], col))
		c++;
	assert_true(c < t->ncols);
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(fw_table_cell(t, r, 1), code) &&
		    !strcmp(fw_table_cell(t, r, 2), where))
			return fw_table_cell(t, r, c);
	fail_msg("no row %s / %s", code, where);
	return NULL;
}

static fw_table *agree(fw_project *p, fw_agree_opts *o, int want)
{
	fw_table *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_agree(&t, p, o, &e);
	if (rc != want)
		fail_msg("agree: want %d, got %d (%s)", want, rc, e.msg);
	return t;
}

static const char *two[] = {"alice", "bob"};

static void test_characters(void **s)
{
	fw_project *p = *s;
	add_k(p);
	span(p, "k.txt", 0, 150, "1.1", "alice");
	span(p, "k.txt", 100, 200, "1.1", "bob");
	fw_agree_opts o = {.coders = two, .ncoders = 2};
	fw_table *t = agree(p, &o, 0);
	assert_string_equal(cell(t, "1.1", "k.txt", "n"), "1000");
	assert_string_equal(cell(t, "1.1", "k.txt", "a"), "150");
	assert_string_equal(cell(t, "1.1", "k.txt", "b"), "100");
	assert_string_equal(cell(t, "1.1", "k.txt", "both"), "50");
	assert_string_equal(cell(t, "1.1", "k.txt", "neither"), "800");
	assert_string_equal(cell(t, "1.1", "k.txt", "agreement"), "0.8500");
	assert_string_equal(cell(t, "1.1", "k.txt", "kappa"), "0.3182");
	assert_string_equal(cell(t, "1.1", "k.txt", "low"), "kappa,alpha");
	assert_string_equal(cell(t, "1.1", "k.txt", "coders"), "alice | bob");
	assert_string_equal(cell(t, "1.1", "k.txt", "codebook"), "v1");
	assert_string_equal(cell(t, "1.1", "k.txt", "unit"), "characters");
	fw_table_free(t);
	/* only the text either coded: 200 characters, no neither */
	o.coded_only = 1;
	t = agree(p, &o, 0);
	assert_string_equal(cell(t, "1.1", "k.txt", "n"), "200");
	assert_string_equal(cell(t, "1.1", "k.txt", "agreement"), "0.2500");
	assert_string_equal(cell(t, "1.1", "k.txt", "kappa"), "-0.5000");
	fw_table_free(t);
	/* a second source, C2 (its lines 5 and 7 by alice, 5 by bob): the
	 * weighted mean counts each source by its length */
	tu_code_lines(p, "C2", 5, 5, "1.1", "alice");
	tu_code_lines(p, "C2", 5, 5, "1.1", "bob");
	tu_code_lines(p, "C2", 7, 7, "1.1", "alice");
	o.coded_only = 0;
	t = agree(p, &o, 0);
	double n2 = atof(cell(t, "1.1", "c2.txt", "n"));
	double k2 = atof(cell(t, "1.1", "c2.txt", "kappa"));
	double want = (1000 * (70.0 / 220.0) + n2 * k2) / (1000 + n2);
	assert_true(
		fabs(atof(cell(t, "1.1", "all (weighted by length)", "kappa")) -
		     want) < 1e-4);
	assert_true(fabs(atof(cell(t, "1.1", "all (mean)", "kappa")) -
			 (70.0 / 220.0 + k2) / 2) < 1e-4);
	fw_table_free(t);
}

/* The ten segments of the test vector, in one source: spans 0..9 of 60
 * code points each; 1.1 by A on 0-7 and by B on 0-4 and 8; 1.2 on the
 * others, so that segment 9 is coded by both but neither with 1.1.  B's
 * spans sit 8 code points later (intersection over union 52/68). */
static void ten_segments(fw_project *p, long shift)
{
	add_k(p);
	for (long k = 0; k < 10; k++) {
		long a = 100 + 80 * k, b = a + 60;
		span(p, "k.txt", a, b, k < 8 ? "1.1" : "1.2", "alice");
		span(p, "k.txt", a + shift, b + shift,
		     k < 5 || k == 8 ? "1.1" : "1.2", "bob");
	}
}

static void test_segments(void **s)
{
	fw_project *p = *s;
	ten_segments(p, 8);
	fw_agree_opts o = {.coders = two,
			   .ncoders = 2,
			   .unit = FW_AGREE_SEGMENTS,
			   .threshold = 0.75};
	fw_table *t = agree(p, &o, 0);
	assert_string_equal(cell(t, "1.1", "all", "n"), "10");
	assert_string_equal(cell(t, "1.1", "all", "a"), "8");
	assert_string_equal(cell(t, "1.1", "all", "b"), "6");
	assert_string_equal(cell(t, "1.1", "all", "both"), "5");
	assert_string_equal(cell(t, "1.1", "all", "neither"), "1");
	assert_string_equal(cell(t, "1.1", "all", "agreement"), "0.6000");
	assert_string_equal(cell(t, "1.1", "all", "kappa"), "0.0909");
	assert_string_equal(cell(t, "1.1", "all", "alpha"), "0.0952");
	assert_string_equal(cell(t, "1.1", "all", "bp"), "0.2000");
	assert_string_equal(cell(t, "1.1", "all", "q"), "2");
	/* over both codes: each segment's code, q = 2 codes compared; six
	 * of ten the same */
	assert_string_equal(cell(t, "all codes", "all", "agreement"), "0.6000");
	assert_string_equal(cell(t, "all codes", "all", "bp"), "0.2000");
	fw_table_free(t);
	/* at the default 0.9 the shifted spans are not the same segments:
	 * twenty units, none agreed on (each coder's code against none) */
	o.threshold = 0;
	t = agree(p, &o, 0);
	assert_string_equal(cell(t, "all codes", "all", "n"), "20");
	assert_string_equal(cell(t, "all codes", "all", "agreement"), "0.0000");
	fw_table_free(t);
}

/* Presence per case: C2 and C10 (k.txt), codes 1.1 and 1.2. */
static void test_presence(void **s)
{
	fw_project *p = *s;
	add_k(p);
	span(p, "k.txt", 0, 10, "1.1", "alice");
	span(p, "k.txt", 20, 30, "1.1", "bob");
	span(p, "k.txt", 40, 50, "1.2", "bob");
	tu_code_lines(p, "C2", 5, 5, "1.2", "alice");
	tu_code_lines(p, "C2", 7, 7, "1.2", "bob");
	fw_agree_opts o = {.coders = two, .ncoders = 2, .unit = FW_AGREE_CASES};
	fw_table *t = agree(p, &o, 0);
	/* 1.1: C10 both, C2 neither; 1.2: C10 bob only, C2 both */
	assert_string_equal(cell(t, "1.1", "all cases", "n"), "2");
	assert_string_equal(cell(t, "1.1", "all cases", "agreement"), "1.0000");
	assert_string_equal(cell(t, "1.2", "all cases", "both"), "1");
	assert_string_equal(cell(t, "1.2", "all cases", "b"), "2");
	assert_string_equal(cell(t, "1.2", "all cases", "agreement"), "0.5000");
	/* over both codes: 4 units, 3 agreed: a=2 b=0 c=1 d=1 */
	assert_string_equal(cell(t, "all codes", "all cases", "agreement"),
			    "0.7500");
	assert_string_equal(cell(t, "all codes", "all cases", "kappa"),
			    "0.5000");
	fw_table_free(t);
	/* one case only */
	const char *c10[] = {"C10"};
	o.cases = c10;
	o.ncases = 1;
	t = agree(p, &o, 0);
	assert_string_equal(cell(t, "1.2", "all cases", "n"), "1");
	assert_string_equal(cell(t, "1.2", "all cases", "agreement"), "0.0000");
	fw_table_free(t);
	/* per source: the same here, one source a case */
	o.cases = NULL, o.ncases = 0, o.unit = FW_AGREE_SOURCES;
	t = agree(p, &o, 0);
	assert_string_equal(cell(t, "all codes", "all sources", "kappa"),
			    "0.5000");
	fw_table_free(t);
}

/* A group counts a unit as coded when any member coded it; three groups
 * give alpha only. */
static void test_groups_and_three(void **s)
{
	fw_project *p = *s;
	add_k(p);
	span(p, "k.txt", 0, 100, "1.1", "alice");
	span(p, "k.txt", 100, 200, "1.1", "carol");
	span(p, "k.txt", 0, 200, "1.1", "bob");
	const char *groups[] = {"alice,carol", "bob"};
	fw_agree_opts o = {.coders = groups, .ncoders = 2};
	fw_table *t = agree(p, &o, 0);
	assert_string_equal(cell(t, "1.1", "k.txt", "agreement"), "1.0000");
	assert_string_equal(cell(t, "1.1", "k.txt", "kappa"), "1.0000");
	assert_string_equal(cell(t, "1.1", "k.txt", "coders"),
			    "alice,carol | bob");
	fw_table_free(t);
	const char *three[] = {"alice", "bob", "carol"};
	o.coders = three, o.ncoders = 3;
	t = agree(p, &o, 0);
	/* 0-100: 1,1,0; 100-200: 0,1,1; 200-1000: 0,0,0 */
	fw_alpha a;
	fw_alpha_init(&a);
	const int u1[] = {1, 1, 0}, u2[] = {0, 1, 1}, u3[] = {0, 0, 0};
	fw_alpha_unit(&a, u1, 3, 100);
	fw_alpha_unit(&a, u2, 3, 100);
	fw_alpha_unit(&a, u3, 3, 800);
	char want[32];
	snprintf(want, sizeof want, "%.4f", fw_alpha_value(&a));
	fw_alpha_dispose(&a);
	assert_string_equal(cell(t, "1.1", "k.txt", "alpha"), want);
	assert_string_equal(cell(t, "1.1", "k.txt", "kappa"), "");
	assert_string_equal(cell(t, "1.1", "k.txt", "agreement"), "0.8000");
	fw_table_free(t);
}

static void test_disagreements(void **s)
{
	fw_project *p = *s;
	fw_error e;
	tu_code_lines(p, "C2", 5, 5, "1.1", "alice");
	tu_code_lines(p, "C2", 5, 7, "1.1", "bob");
	tu_code_lines(p, "C2", 11, 11, "1.2", "bob");
	fw_agree_opts o = {.coders = two, .ncoders = 2};
	fw_table *t = NULL;
	assert_int_equal(fw_agree_disagreements(&t, p, &o, &e), 0);
	assert_int_equal(t->nrows, 2);
	/* bob's 1.1 runs on to line 7; his 1.2 is his alone */
	assert_string_equal(fw_table_cell(t, 0, 1), "C2");
	assert_string_equal(fw_table_cell(t, 0, 3), "L7");
	assert_string_equal(fw_table_cell(t, 0, 4), "1.1");
	assert_string_equal(fw_table_cell(t, 0, 5), "-");
	assert_string_equal(fw_table_cell(t, 0, 6), "1.1");
	assert_string_equal(fw_table_cell(t, 0, 7), "RESPONDENT");
	/* the words only: the blank line between is not a passage */
	assert_string_equal(fw_table_cell(t, 0, 8),
			    "I rang them about the letter the next day.");
	assert_string_equal(fw_table_cell(t, 1, 3), "L11");
	assert_string_equal(fw_table_cell(t, 1, 8),
			    "She was nice. Really nice.");
	assert_string_equal(fw_table_cell(t, 1, 6), "1.2");
	fw_table_free(t);
}

static void test_refusals(void **s)
{
	fw_project *p = *s;
	fw_error e;
	tu_code_lines(p, "C2", 5, 5, "1.1", "alice");
	tu_code_lines(p, "C2", 5, 5, "1.1", "bob");
	fw_table *t = NULL;
	const char *nobody[] = {"alice", "zed"}, *one[] = {"alice"},
		   *twice[] = {"alice", "alice,bob"},
		   *three[] = {"alice", "bob", "bob"};
	fw_agree_opts o = {.coders = nobody, .ncoders = 2};
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "no coder 'zed'"));
	o.coders = one, o.ncoders = 1;
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_EINVAL);
	o.coders = twice, o.ncoders = 2;
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "named twice"));
	o.coders = three, o.ncoders = 3;
	assert_int_equal(fw_agree_disagreements(&t, p, &o, &e), FW_EINVAL);
	o.coders = two, o.ncoders = 2, o.unit = FW_AGREE_SEGMENTS;
	o.threshold = 1.5;
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_EINVAL);
	const char *nocode[] = {"9.9"};
	o.threshold = 0, o.codes = nocode, o.ncodes = 1;
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_ENOTFOUND);
	const char *nosrc[] = {"nope.txt"};
	o.ncodes = 0, o.sources = nosrc, o.nsources = 1;
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_ENOTFOUND);
	assert_null(t);
	/* a theme named brings its sub-themes; codes not named are left out */
	const char *theme[] = {"1"};
	o.sources = NULL, o.nsources = 0, o.codes = theme, o.ncodes = 1;
	o.unit = FW_AGREE_CHARS;
	assert_int_equal(fw_agree(&t, p, &o, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 1), "1.1");
	assert_string_equal(fw_table_cell(t, 0, 8), "1.0000");
	fw_table_free(t);
}

/* Blind coding: bob sees only his own codings and cells, and pending
 * suggestions; alice's cell is not written over; agreement waits. */
static void test_blind(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_diags dg;
	fw_diags_init(&dg);
	tu_code_lines(p, "C2", 5, 5, "1.1", "alice");
	tu_code_lines(p, "C2", 11, 11, "1.2", "alice");
	assert_int_equal(fw_cell_set(&dg, p, "C2", "1.1", "Letter L5", NULL,
				     "alice", &e),
			 0);
	tu_code_lines(p, "C2", 7, 7, "1.1", "bob");
	assert_int_equal(fw_project_blind(p, "bob", &e), 0);
	assert_string_equal(fw_project_blind_coder(p), "bob");
	assert_int_equal(
		fw_query_int(p, -1, "SELECT count(*) FROM counted", ""), 1);
	assert_int_equal(
		fw_query_int(p, -1, "SELECT line_start FROM counted", ""), 7);
	assert_int_equal(
		fw_query_int(p, -1, "SELECT count(*) FROM charted", ""), 0);
	fw_table *t = NULL;
	assert_int_equal(fw_coding_list(&t, p, NULL, NULL, &e), 0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	/* the chart shows bob none of alice's summary */
	fw_chart_opts co;
	memset(&co, 0, sizeof co);
	assert_int_equal(fw_chart_build(&t, p, "1", &co, &e), 0);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			assert_null(strstr(fw_table_cell(t, r, c), "Letter"));
	fw_table_free(t);
	/* alice's cell is hers */
	long long before = fw_query_int(p, 0, "SELECT total_changes()", "");
	assert_int_equal(
		fw_cell_set(&dg, p, "C2", "1.1", "Mine L7", NULL, "bob", &e),
		FW_EINVAL);
	assert_non_null(strstr(e.msg, "holds alice's summary"));
	assert_int_equal(fw_query_int(p, 0, "SELECT total_changes()", ""),
			 before);
	/* a cell no one wrote is his to write */
	assert_int_equal(
		fw_cell_set(&dg, p, "C2", "1.2", "Nice L11", NULL, "bob", &e),
		0);
	const char *ab[] = {"alice", "bob"};
	fw_agree_opts o = {.coders = ab, .ncoders = 2};
	assert_int_equal(fw_agree(&t, p, &o, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "coding blind as bob"));
	/* revealed: everyone's again */
	assert_int_equal(fw_project_blind(p, NULL, &e), 0);
	assert_null(fw_project_blind_coder(p));
	assert_int_equal(
		fw_query_int(p, -1, "SELECT count(*) FROM counted", ""), 3);
	assert_int_equal(
		fw_query_int(p, -1, "SELECT count(*) FROM charted", ""), 2);
	assert_int_equal(fw_agree(&t, p, &o, &e), 0);
	fw_table_free(t);
	assert_int_equal(fw_chart_build(&t, p, "1", &co, &e), 0);
	int seen = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			seen += strstr(fw_table_cell(t, r, c), "Letter L5") !=
				0;
	assert_int_equal(seen, 1);
	fw_table_free(t);
	/* a coder new to the project sees nothing yet */
	assert_int_equal(fw_project_blind(p, "carol", &e), 0);
	assert_int_equal(
		fw_query_int(p, -1, "SELECT count(*) FROM counted", ""), 0);
	/* who did what */
	assert_int_equal(fw_project_blind(p, NULL, &e), 0);
	assert_int_equal(fw_coders_list(&t, p, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 0), "alice");
	assert_string_equal(fw_table_cell(t, 0, 1), "2");
	assert_string_equal(fw_table_cell(t, 0, 6), "1");
	assert_string_equal(fw_table_cell(t, 1, 0), "bob");
	assert_string_equal(fw_table_cell(t, 1, 1), "1");
	assert_string_equal(fw_table_cell(t, 1, 6), "1");
	fw_table_free(t);
	fw_diags_dispose(&dg);
}

TU_MAIN(cmocka_unit_test(test_vector_characters),
	cmocka_unit_test(test_vector_segments),
	cmocka_unit_test(test_alpha_by_hand), TU_MINI(test_characters),
	TU_MINI(test_segments), TU_MINI(test_presence),
	TU_MINI(test_groups_and_three), TU_MINI(test_disagreements),
	TU_MINI(test_refusals), TU_MINI(test_blind))
