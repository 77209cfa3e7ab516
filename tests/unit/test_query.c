/*
 * test_query.c: the SQL surface.  Views answer what analysts ask; the
 * query connection cannot write, whatever the statement.
 */
#include "testutil.h"

#define FX "../golden/fixtures/"

static void test_sql_read_only(void **s)
{
	(void)s;
	fw_project *p = tu_project("q.charter");
	fw_error e;
	fw_cases_result cr;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cases_import(p, FX "cases.csv", &cr, &e), 0);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.case_name = "C01";
	fw_ingest_result r;
	assert_int_equal(fw_source_ingest(p, FX "c01.txt", &o, &r, &e), 0);
	fw_codebook_result cb;
	assert_int_equal(fw_codebook_import(p, FX "codebook.txt", &cb, &e), 0);
	fw_autocode_result ar;
	memset(&ar, 0, sizeof ar);
	assert_int_equal(fw_autocode_run(p, 0, &ar, &e), 0);
	fw_table_free(ar.per_code);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_project_free(p);

	/* a connection opened for writing refuses queries */
	assert_int_equal(fw_project_open(&p, tu_path("q.charter"), FW_OPEN_RW, &e), 0);
	fw_table *t;
	assert_int_equal(fw_sql_query(p, "SELECT 1", 0, &t, &e), FW_EINVAL);
	fw_project_free(p);

	assert_int_equal(fw_project_open(&p, tu_path("q.charter"),
	                                 FW_OPEN_READONLY | FW_OPEN_STRICT, &e),
	                 0);
	/* the views */
	assert_int_equal(fw_sql_query(p,
	                              "SELECT \"case\", code, line_start FROM v_coded "
	                              "WHERE code='1.1' ORDER BY line_start",
	                              0, &t, &e),
	                 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][0], "C01");
	assert_string_equal(t->rows[0][2], "5");
	fw_table_free(t);
	assert_int_equal(fw_sql_query(p,
	                              "SELECT speaker, role FROM v_utterances WHERE "
	                              "turn=2",
	                              0, &t, &e),
	                 0);
	assert_string_equal(t->rows[0][1], "interviewer");
	fw_table_free(t);
	/* writing, in every form, is refused; the data are untouched */
	static const char *const bad[] = {
		"DELETE FROM coding", "UPDATE cell SET summary='x'",
		"DROP TABLE coding", "INSERT INTO coder(guid,name) VALUES('a','b')",
		"SELECT 1; DELETE FROM coding", "ATTACH DATABASE '/tmp/x' AS x",
		"CREATE TABLE t(x)"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (fw_sql_query(p, bad[i], 0, &t, &e) == 0)
			fail_msg("'%s' was allowed", bad[i]);
	assert_int_equal(fw_sql_query(p, "SELECT count(*) FROM coding", 0, &t, &e), 0);
	assert_true(atoi(t->rows[0][0]) > 0);
	fw_table_free(t);
	/* --limit */
	assert_int_equal(fw_sql_query(p, "SELECT * FROM v_utterances", 2, &t, &e), 0);
	assert_int_equal(t->nrows, 2);
	fw_table_free(t);
	assert_int_equal(fw_sql_query(p, "SELEC nonsense", 0, &t, &e), FW_EPARSE);
	fw_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql_read_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
