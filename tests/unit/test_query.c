/*
 * test_query.c: the SQL surface.  Views answer what analysts ask; the
 * query connection cannot write, whatever the statement.
 */
#include "testutil.h"

#include <sqlite3.h>
#include "store.h"

#define FX "../golden/fixtures/"

/* What the query streams in format fmt, with the rows it counted; the
 * rows are written as they come, not kept. */
static char *streamed(fw_project *p, const char *sql, int fmt, int want,
		      size_t *rows)
{
	fw_error e;
	fw_table *t = NULL;
	FILE *f = tmpfile();
	fw_sink sink;
	fw_sink_init(&sink, f, fmt);
	assert_int_equal(fw_sql_query(&t, p, sql, 0, &sink, &e), want);
	if (t) {
		assert_int_equal(fw_table_end(t), 0);
		assert_int_equal(t->nrows, 0);
		fw_table_free(t);
	}
	*rows = sink.rows;
	rewind(f);
	char *all = calloc(1, 4096);
	assert_non_null(all);
	size_t got = fread(all, 1, 4095, f);
	all[got] = 0;
	fclose(f);
	return all;
}

static void test_sql_read_only(void **s)
{
	(void)s;
	fw_project *p = tu_project("q.charter");
	fw_error e;
	fw_cases_result cr;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cases_import(&cr, p, FX "cases.csv", &e), 0);
	fw_ingest_opts o = {0};
	o.case_name = "C01";
	fw_ingest_result r;
	assert_int_equal(fw_source_ingest(&r, NULL, p, FX "c01.txt", &o, &e),
			 0);
	fw_codebook_result cb;
	assert_int_equal(fw_codebook_import(&cb, p, FX "codebook.txt", &e), 0);
	fw_autocode_result ar = {0};
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	tu_accept_all(p);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_project_free(p);

	/* a connection opened for writing refuses queries */
	assert_int_equal(
		fw_project_open(&p, tu_path("q.charter"), FW_OPEN_RW, &e), 0);
	fw_table *t;
	assert_int_equal(fw_sql_query(&t, p, "SELECT 1", 0, NULL, &e),
			 FW_EINVAL);
	fw_project_free(p);

	assert_int_equal(fw_project_open(&p, tu_path("q.charter"),
					 FW_OPEN_READONLY | FW_OPEN_STRICT, &e),
			 0);
	/* the views */
	assert_int_equal(
		fw_sql_query(&t, p,
			     "SELECT \"case\", code, line_start FROM v_coded "
			     "WHERE code='1.1' ORDER BY line_start",
			     0, NULL, &e),
		0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][0], "C01");
	assert_string_equal(t->rows[0][2], "5");
	fw_table_free(t);
	assert_int_equal(
		fw_sql_query(&t, p,
			     "SELECT speaker, role FROM v_utterances WHERE "
			     "turn=2",
			     0, NULL, &e),
		0);
	assert_string_equal(t->rows[0][1], "interviewer");
	fw_table_free(t);
	/* writing, in every form, is refused; the data are untouched */
	static const char *const bad[] = {
		"DELETE FROM coding",
		"UPDATE cell SET summary='x'",
		"DROP TABLE coding",
		"INSERT INTO coder(guid,name) VALUES('a','b')",
		"SELECT 1; DELETE FROM coding",
		"ATTACH DATABASE '/tmp/x' AS x",
		"CREATE TABLE t(x)"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (fw_sql_query(&t, p, bad[i], 0, NULL, &e) == 0)
			fail_msg("'%s' was allowed", bad[i]);
	assert_int_equal(
		fw_sql_query(&t, p, "SELECT count(*) FROM coding", 0, NULL, &e),
		0);
	assert_true(atoi(t->rows[0][0]) > 0);
	fw_table_free(t);
	/* --limit */
	assert_int_equal(
		fw_sql_query(&t, p, "SELECT * FROM v_utterances", 2, NULL, &e),
		0);
	assert_int_equal(t->nrows, 2);
	fw_table_free(t);
	assert_int_equal(fw_sql_query(&t, p, "SELEC nonsense", 0, NULL, &e),
			 FW_EPARSE);
	/* comments and CRLF line ends after the statement are not another */
	static const char *const one[] = {
		"SELECT 1; -- comment", "SELECT 1;\r\n-- note\r\n",
		"SELECT 1 /* why */;\r\n", "SELECT 1;;"};
	for (size_t i = 0; i < sizeof one / sizeof *one; i++) {
		if (fw_sql_query(&t, p, one[i], 0, NULL, &e))
			fail_msg("'%s': %s", one[i], e.msg);
		assert_string_equal(t->rows[0][0], "1");
		fw_table_free(t);
	}
	assert_int_equal(
		fw_sql_query(&t, p, "SELECT 1; /* x */ SELECT 2", 0, NULL, &e),
		FW_EINVAL);
	/* nothing outside the project: no ATTACH (even of a real file), no
	 * tokenizer pointers, no extensions */
	char attach[600];
	snprintf(attach, sizeof attach, "ATTACH '%s' AS other",
		 tu_path("q.charter"));
	const char *outside[] = {
		attach, "DETACH main", "SELECT fts3_tokenizer('simple')",
		"SELECT fts3_tokenizer('x', x'0000000000000000')",
		"SELECT load_extension('/tmp/x.so')"};
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		fw_error_clear(&e);
		if (fw_sql_query(&t, p, outside[i], 0, NULL, &e) == 0)
			fail_msg("'%s' was allowed", outside[i]);
		if (e.code != FW_EINVAL)
			fail_msg("'%s': %s", outside[i], e.msg);
	}
	/* bounds: time, memory and rows, each said in the user's terms */
	const char *endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
			      "SELECT x+1 FROM c) SELECT count(*) FROM c";
	fw_sql_opts so = {0, 0.5, 0, NULL, 0};
	assert_int_equal(fw_sql_run(&t, p, endless, &so, &e), FW_ELIMIT);
	assert_non_null(strstr(e.msg, "longer than 0.5 s"));
	so = (fw_sql_opts){0, 0, 8, NULL, 0};
	assert_int_equal(fw_sql_run(&t, p,
				    "WITH RECURSIVE c(x) AS (SELECT 1 UNION "
				    "ALL SELECT x+1 FROM c LIMIT 2000000) "
				    "SELECT length(group_concat(x)) FROM c",
				    &so, &e),
			 FW_ELIMIT);
	assert_non_null(strstr(e.msg, "more than 8 MB"));
	/* SQLite's heap is its own again afterwards */
	assert_int_equal(sqlite3_hard_heap_limit64(-1), 0);
	so = (fw_sql_opts){5, 0, 0, NULL, 0};
	assert_int_equal(fw_sql_run(&t, p,
				    "WITH RECURSIVE c(x) AS (SELECT 1 UNION "
				    "ALL SELECT x+1 FROM c) SELECT x FROM c",
				    &so, &e),
			 0);
	assert_int_equal(t->nrows, 5);
	assert_true(so.truncated);
	fw_table_free(t);
	/* streaming: CSV and JSON written row by row, same refusals */
	size_t rows;
	char *out =
		streamed(p, "SELECT code, line_start FROM v_coded ORDER BY 2",
			 FW_FMT_CSV, 0, &rows);
	assert_int_equal(rows, 5);
	assert_true(!strncmp(out, "code,line_start\r\n", 17));
	free(out);
	/* JSON: numbers as numbers, text as strings */
	out = streamed(
		p, "SELECT code, line_start FROM v_coded ORDER BY 2 LIMIT 1",
		FW_FMT_JSON, 0, &rows);
	assert_string_equal(out,
			    "[\n  {\"code\": \"1.1\", \"line_start\": 5}\n]\n");
	free(out);
	free(streamed(p, "DELETE FROM coding", FW_FMT_JSON, FW_EINVAL, &rows));
	fw_project_free(p);
}

/* The fixture's codings, counted by hand:
 *   G1 (staff):   1.1 at L5 and L7, 2.2 at L11 and L13
 *   C01 (client): 1.1 L5, 1.2 L9, 2.2 L9-11 and L15, 2.1 L15
 *   C02 (client): 1.1 L3 */
static void test_matrix(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_matrix_opts o = {0};
	o.rows = "*";
	o.cols = "actor_group";
	fw_table *t;
	assert_int_equal(fw_query_matrix(&t, p, &o, &e), 0);
	assert_int_equal(t->nrows, 4);
	assert_string_equal(t->cols[1], "staff");
	assert_string_equal(t->cols[2], "client");
	static const char *const cases[4][2] = {
		{"1", "2"}, {"0", "1"}, {"0", "1"}, {"1", "1"}};
	for (int r = 0; r < 4; r++) {
		assert_string_equal(t->rows[r][1], cases[r][0]);
		assert_string_equal(t->rows[r][2], cases[r][1]);
	}
	fw_table_free(t);
	o.count = FW_COUNT_CODINGS;
	assert_int_equal(fw_query_matrix(&t, p, &o, &e), 0);
	assert_string_equal(t->rows[3][1], "2"); /* 2.2 in G1: L11, L13 */
	assert_string_equal(t->rows[3][2], "2"); /* 2.2 in C01 */
	fw_table_free(t);
	/* a theme row counts its sub-codes; --where narrows the cases */
	static const char *const w[] = {"sex=F"};
	o.rows = "1,2";
	o.count = FW_COUNT_CASES;
	o.where = w;
	o.nwhere = 1;
	o.cols = "district";
	assert_int_equal(fw_query_matrix(&t, p, &o, &e), 0);
	/* rows are 1's and 2's sub-themes; only C01 (district A) is F */
	for (size_t r = 0; r < t->nrows; r++)
		assert_string_equal(t->rows[r][1], "1");
	fw_table_free(t);
	/* --cell: the passages behind staff x 1.1 */
	memset(&o, 0, sizeof o);
	o.rows = "*";
	o.cols = "actor_group";
	o.cell_row = 1;
	o.cell_col = 1;
	assert_int_equal(fw_query_matrix(&t, p, &o, &e), 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0][3], "L5");
	assert_string_equal(t->rows[1][3], "L7");
	fw_table_free(t);
	o.cell_row = 9;
	assert_int_equal(fw_query_matrix(&t, p, &o, &e), FW_EINVAL);
}

static int rows_of(fw_project *p, const char *expr)
{
	fw_table *t;
	fw_error e;
	fw_retrieve_opts o = {.expr = expr};
	if (fw_query_retrieve(&t, p, &o, &e))
		fail_msg("%s: %s", expr, e.msg);
	int n = (int)t->nrows;
	fw_table_free(t);
	return n;
}

static void test_retrieve_operators(void **s)
{
	fw_project *p = *s;
	assert_int_equal(rows_of(p, "1.1"), 4);
	assert_int_equal(rows_of(p, "2.2"), 4);
	/* AND: overlapping passages (C01 L15 carries 2.2 and 2.1) */
	assert_int_equal(rows_of(p, "2.2 AND 2.1"), 1);
	assert_int_equal(rows_of(p, "2.2 AND NOT 2.1"), 3);
	assert_int_equal(rows_of(p, "1.2 OR 2.1"), 2);
	/* NEAR/2: 1.1 at C01 L5 is within two lines of nothing; G1's L7 is
	 * within 4 lines of L11, not 2 */
	assert_int_equal(rows_of(p, "1.1 NEAR/2 2.2"), 0);
	assert_int_equal(rows_of(p, "1.1 NEAR/4 2.2"), 2);
	/* a distance past any transcript: the whole transcript, not an
	 * overflow that finds nothing */
	int anywhere = rows_of(p, "1.1 NEAR/100000 2.2");
	assert_true(anywhere >= 2);
	assert_int_equal(rows_of(p, "1.1 NEAR/2147483647 2.2"), anywhere);
	assert_int_equal(rows_of(p, "1.1 NEAR/99999999999999999999999 2.2"),
			 anywhere);
	/* OR with a code that has no passages, either side; a union stays
	 * sorted, so what follows it still combines */
	assert_int_equal(rows_of(p, "1 OR 1.1"), 4);
	assert_int_equal(rows_of(p, "1.1 OR 1"), 4);
	assert_int_equal(rows_of(p, "1 OR 2"), 0);
	assert_int_equal(rows_of(p, "2.2 OR 1.1 AND 2.1"),
			 rows_of(p, "2.2 AND 2.1") + rows_of(p, "1.1 AND 2.1"));
	assert_int_equal(rows_of(p, "1.1 OR 1.1"), 4);
	/* every token is read: the 65th onwards too */
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, "1.1");
	for (int i = 0; i < 40; i++)
		fw_buf_puts(&b, " OR 1.1");
	fw_buf_puts(&b, " AND NOT 1.1");
	assert_int_equal(rows_of(p, b.ptr), 0);
	fw_buf_dispose(&b);
	fw_table *t;
	fw_error e;
	fw_retrieve_opts o = {.expr = "1.1 XOR 2.2"};
	assert_int_equal(fw_query_retrieve(&t, p, &o, &e), FW_EINVAL);
	o.expr = "1.1 NEAR/2x 2.2";
	assert_int_equal(fw_query_retrieve(&t, p, &o, &e), FW_EINVAL);
	/* past the bound: an error, not a silent cut */
	fw_buf_init(&b);
	fw_buf_puts(&b, "1.1");
	for (int i = 0; i < FW_RETRIEVE_MAX_TOKENS; i++)
		fw_buf_puts(&b, " OR 1.1");
	o.expr = b.ptr;
	assert_int_equal(fw_query_retrieve(&t, p, &o, &e), FW_ELIMIT);
	assert_non_null(strstr(e.msg, "more than 1024"));
	fw_buf_dispose(&b);
	/* context lines */
	o = (fw_retrieve_opts){.expr = "1.2", .context = 1};
	assert_int_equal(fw_query_retrieve(&t, p, &o, &e), 0);
	assert_string_equal(t->rows[0][2], "L8-10");
	fw_table_free(t);
	/* --deep: the theme with its sub-codes */
	o = (fw_retrieve_opts){.expr = "1", .deep = 1};
	assert_int_equal(fw_query_retrieve(&t, p, &o, &e), 0);
	assert_int_equal(t->nrows, 5);
	fw_table_free(t);
}

static void test_search_and_cooccur(void **s)
{
	(void)s;
	fw_project *p = tu_study("s.charter", 0);
	fw_error e;
	fw_search_opts o = {0};
	o.query = "letter";
	fw_table *t;
	int coded = 0;
	if (fw_query_search(&t, &coded, p, &o, &e))
		fail_msg("search: %s", e.msg);
	assert_true(t->nrows >= 3);
	int bracketed = 0;
	for (size_t r = 0; r < t->nrows; r++)
		bracketed += strstr(t->rows[r][3], "[letter") != NULL;
	assert_int_equal(bracketed, (int)t->nrows);
	fw_table_free(t);
	/* regex, interviewer turns only */
	o.query = "/\\?$/";
	o.speaker = "interviewer";
	assert_int_equal(fw_query_search(&t, &coded, p, &o, &e), 0);
	assert_true(t->nrows > 0);
	fw_table_free(t);
	o.query = "/([/";
	assert_int_equal(fw_query_search(&t, &coded, p, &o, &e), FW_EINVAL);
	/* --code codes every hit */
	fw_project_free(p);
	p = tu_study("s2.charter", 0);
	memset(&o, 0, sizeof o);
	o.query = "provider";
	o.code = "2.2";
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_query_search(&t, &coded, p, &o, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	assert_true(coded >= 1);
	fw_table_free(t);
	/* co-occurrence within cases, against the counts above */
	assert_int_equal(fw_query_cooccur(&t, p, NULL, FW_WITHIN_CASE, &e), 0);
	int seen = 0;
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(t->rows[r][0], "1.1") &&
		    !strcmp(t->rows[r][1], "2.2")) {
			assert_string_equal(t->rows[r][2], "2");
			assert_string_equal(t->rows[r][3], "0.67");
			seen = 1;
		}
	assert_true(seen);
	fw_table_free(t);
	/* within 2 lines: C01's 1.2 (L9) with 2.2 (L9-11) and 2.1/2.2 at L15 */
	assert_int_equal(fw_query_cooccur(&t, p, NULL, 2, &e), 0);
	int w12 = 0, w21 = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		w12 += !strcmp(t->rows[r][0], "1.2") &&
		       !strcmp(t->rows[r][1], "2.2");
		w21 += !strcmp(t->rows[r][0], "2.1") &&
		       !strcmp(t->rows[r][1], "2.2");
	}
	assert_int_equal(w12, 1);
	assert_int_equal(w21, 1);
	fw_table_free(t);
	/* a typology is an attribute like any other */
	static const char *const ty[] = {"C01=worried", "C02=calm"};
	int set = 0;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_typology_set(&set, p, "outlook", ty, 2, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	assert_int_equal(set, 2);
	fw_matrix_opts mo = {0};
	mo.rows = "1";
	mo.cols = "outlook";
	assert_int_equal(fw_query_matrix(&t, p, &mo, &e), 0);
	assert_string_equal(t->cols[1], "worried");
	fw_table_free(t);
	fw_project_free(p);
}

/* The hits' contexts of a query, one per line. */
static char *hits(fw_project *p, const char *q)
{
	fw_search_opts o = {0};
	o.query = q;
	o.speaker = "all";
	fw_table *t;
	fw_error e;
	int coded;
	if (fw_query_search(&t, &coded, p, &o, &e))
		fail_msg("search %s: %s", q, e.msg);
	fw_buf b;
	fw_buf_init(&b);
	for (size_t r = 0; r < t->nrows; r++)
		fw_buf_printf(&b, "%s\n", fw_table_cell(t, r, 3));
	fw_table_free(t);
	if (!b.ptr)
		fw_buf_putc(&b, 0);
	return fw_buf_detach(&b);
}

static long long count_of(fw_project *p, const char *sql)
{
	static const char *const cols[] = {"n"};
	fw_table *t;
	fw_error e;
	if (fw_table_query(&t, p, &e, cols, 1, sql, ""))
		fail_msg("%s: %s", sql, e.msg);
	long long n = t->nrows ? atoll(t->rows[0][0]) : -1;
	fw_table_free(t);
	return n;
}

static void ingest_text(fw_project *p, const char *name, const char *text)
{
	fw_error e;
	TU_WRITE_STR(tu_path(name), text);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	fw_ingest_result r;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_history_record(p, "ingest", name, NULL, &e), 0);
	if (fw_source_ingest(&r, NULL, p, tu_path(name), &o, &e) ||
	    fw_search_index_update(p, &e))
		fail_msg("%s: %s", name, e.msg);
	assert_int_equal(fw_project_commit(p, &e), 0);
}

/* The index is built with the turns and holds no text; a later ingest
 * adds only its turns; a removal or an undo builds it again, so no hit
 * ever points at a turn that is gone or has another's id. */
/* SQLite's high-water mark over one search, its rows streamed to a sink
 * as the CLI writes them; the number of rows in *rows. */
static long long search_peak(fw_project *p, const char *q, size_t *rows)
{
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	fw_sink sink;
	fw_sink_init(&sink, null, FW_FMT_CSV);
	fw_search_opts o = {0};
	o.query = q;
	o.sink = &sink;
	fw_table *t = NULL;
	fw_error e;
	int coded;
	sqlite3_memory_highwater(1);
	if (fw_query_search(&t, &coded, p, &o, &e))
		fail_msg("%s: %s", q, e.msg);
	long long peak = sqlite3_memory_highwater(0);
	fw_table_free(t);
	fclose(null);
	*rows = sink.rows;
	return peak;
}

/* A search's memory stays flat whatever the number of hits or of
 * transcripts: four times the transcripts and hits, the same peak, for
 * a regex with no hits and for a word in every turn. */
static void test_search_memory(void **s)
{
	(void)s;
	fw_project *p = tu_project("searchmem.charter");
	const char *queries[] = {"/zebra[0-9]+/", "letter", "/worried/i"};
	long long peak[2][3];
	char name[32];
	int n = 0;
	for (int round = 0; round < 2; round++) {
		for (; n < (round ? 8 : 2); n++) {
			fw_buf b;
			fw_buf_init(&b);
			for (int t = 0; t < 200; t++) {
				fw_buf_printf(&b,
					      "INTERVIEWER: Question %d.%d?\n\n"
					      "RESPONDENT: ",
					      n, t);
				for (int w = 0; w < 60; w++)
					fw_buf_puts(&b, "the letter from the "
							"office worried me "
							"and ");
				fw_buf_puts(&b, "that was all.\n\n");
			}
			snprintf(name, sizeof name, "t%d.txt", n);
			ingest_text(p, name, b.ptr);
			fw_buf_dispose(&b);
		}
		for (int q = 0; q < 3; q++) {
			size_t rows;
			peak[round][q] = search_peak(p, queries[q], &rows);
			/* one row a hit: sixty in every respondent turn */
			assert_int_equal(rows, q ? 60 * 200 * (size_t)n : 0);
		}
	}
	for (int q = 0; q < 3; q++)
		if (peak[1][q] > peak[0][q] * 3 / 2 + 65536)
			fail_msg("%s: SQLite's peak grew from %lld to %lld "
				 "bytes with four times the hits",
				 queries[q], peak[0][q], peak[1][q]);
	fw_project_free(p);
}

static void test_search_index(void **s)
{
	(void)s;
	fw_project *p = tu_project("index.charter");
	fw_error e;
	ingest_text(p, "a.txt",
		    "INTERVIEWER: How was it?\n\nRESPONDENT: The bus was "
		    "late and I felt anxious.\n");
	assert_int_equal(count_of(p, "SELECT turns FROM turn_fts_state WHERE "
				     "name='turn_fts'"),
			 2);
	/* contentless: no copy of the text */
	assert_int_equal(count_of(p, "SELECT count(*) FROM sqlite_master WHERE "
				     "name LIKE 'turn_fts_content'"),
			 0);
	char *h = hits(p, "anxious");
	assert_string_equal(h, "The bus was late and I felt [anxious].\n");
	free(h);
	/* a second transcript: its turns added, not the index rebuilt */
	ingest_text(p, "b.txt",
		    "INTERVIEWER: And the office?\n\nRESPONDENT: The office "
		    "made me anxious too.\n");
	assert_int_equal(count_of(p, "SELECT turns FROM turn_fts_state WHERE "
				     "name='turn_fts'"),
			 4);
	h = hits(p, "anxious");
	assert_string_equal(h, "The bus was late and I felt [anxious].\n"
			       "The office made me [anxious] too.\n");
	free(h);
	/* undo the second ingest: its hit goes, although the history left
	 * the index alone */
	fw_table *t = NULL;
	assert_int_equal(fw_history_undo(&t, p, 0, 0, NULL, &e), 0);
	fw_table_free(t);
	h = hits(p, "anxious");
	assert_string_equal(h, "The bus was late and I felt [anxious].\n");
	free(h);
	/* a new transcript takes the freed turn ids: no stale hit for them */
	ingest_text(p, "c.txt",
		    "INTERVIEWER: And then?\n\nRESPONDENT: Then it was "
		    "fine.\n");
	h = hits(p, "office");
	assert_string_equal(h, "");
	free(h);
	h = hits(p, "fine");
	assert_string_equal(h, "Then it was [fine].\n");
	free(h);
	/* removed: gone from the index */
	int codings = 0, refs = 0;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_source_remove(p, "a.txt", &codings, &refs, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	h = hits(p, "anxious");
	assert_string_equal(h, "");
	free(h);
	assert_int_equal(count_of(p, "SELECT turns FROM turn_fts_state WHERE "
				     "name='turn_fts'"),
			 2);
	fw_project_free(p);
}

/* prefixes by their letters (a stem is not the prefix), phrases whole;
 * --code codes the sentence; uncode trims, splits and removes */
static void test_prefix_phrase_uncode(void **s)
{
	(void)s;
	fw_project *p = tu_project("pp.charter");
	fw_error e;
	fw_error_clear(&e);
	TU_WRITE_STR(tu_path("pp.txt"),
		     "INTERVIEWER: How was it?\nRESPONDENT: I felt isolated at "
		     "home. The isolation was the worst part, early days.\n"
		     "INTERVIEWER: And now?\nRESPONDENT: It is still early "
		     "days, but days are early.\n");
	assert_int_equal(fw_project_begin(p, &e), 0);
	fw_ingest_opts io = {0};
	io.case_name = "A";
	fw_ingest_result ir;
	assert_int_equal(
		fw_source_ingest(&ir, NULL, p, tu_path("pp.txt"), &io, &e), 0);
	assert_int_equal(fw_codebook_add(p, "1", "Time", NULL, &e), 0);
	char *h = hits(p, "isolat*");
	assert_string_equal(h, "I felt [isolated] at home. The isolation was "
			       "the worst pa...\n"
			       "I felt isolated at home. The [isolation] was "
			       "the worst part, early days.\n");
	free(h);
	h = hits(p, "\"early days\"");
	assert_string_equal(h, "...home. The isolation was the worst part, "
			       "[early days].\n"
			       "It is still [early days], but days are "
			       "early.\n");
	free(h);
	/* --code: the hit's sentence */
	fw_search_opts o = {0};
	o.query = "\"worst part\"";
	o.code = "1";
	fw_table *t;
	int coded = 0;
	assert_int_equal(fw_query_search(&t, &coded, p, &o, &e), 0);
	fw_table_free(t);
	assert_int_equal(coded, 1);
	assert_int_equal(fw_coding_list(&t, p, "A", "1", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(fw_table_cell(t, 0, 8),
			    "The isolation was the worst part, early days.");
	long long sid, kid;
	long a, b;
	assert_int_equal(fw_coding_where(&sid, &kid, &a, &b, p,
					 atoll(fw_table_cell(t, 0, 9)), &e),
			 0);
	fw_table_free(t);
	/* uncode the middle ("worst"): split in two, trimmed */
	long changed;
	assert_int_equal(
		fw_uncode_span(&changed, p, sid, kid, a + 22, a + 27, &e), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(fw_coding_list(&t, p, "A", "1", &e), 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(fw_table_cell(t, 0, 8), "The isolation was the");
	assert_string_equal(fw_table_cell(t, 1, 8), "part, early days.");
	fw_table_free(t);
	/* the whole span: both go */
	assert_int_equal(fw_uncode_span(&changed, p, sid, kid, a, b, &e), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(fw_coding_list(&t, p, "A", "1", &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_sql_read_only), TU_STUDY(test_matrix),
	cmocka_unit_test(test_prefix_phrase_uncode),
	TU_STUDY(test_retrieve_operators),
	cmocka_unit_test(test_search_and_cooccur),
	cmocka_unit_test(test_search_index),
	cmocka_unit_test(test_search_memory));
