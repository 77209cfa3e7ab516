/*
 * test_case.c: classification sheets: their errors by line, quoted and
 * multi-valued fields.
 */
#include "testutil.h"

static void test_cases_import_errors(void **s)
{
	(void)s;
	fw_project *p = tu_project("sheet.charter");
	fw_error e;
	fw_cases_result r;
	struct {
		const char *csv;
		int line;
		const char *needle;
	} bad[] = {
		{"id,group\nA,x\nB\n", 3, "1 fields but the header has 2"},
		{"name,group\nA,x\n", 1, "no 'id' or 'case' column"},
		{"id,group\nA,x\nA,y\n", 3, "appears twice (first on line 2)"},
		{"id,group\nA,\"x\n", 2, "never closed"},
		{"id,group,group\nA,x,y\n", 1, "appears twice"},
		{"id,group\n,x\n", 2, "empty case id"},
		{"", 1, "empty file: expected a header row"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		TU_WRITE_STR(tu_path("bad.csv"), bad[i].csv);
		fw_error_clear(&e);
		assert_int_equal(fw_project_begin(p, &e), 0);
		assert_int_not_equal(
			fw_cases_import(&r, p, tu_path("bad.csv"), &e), 0);
		fw_project_rollback(p);
		if (e.line != bad[i].line || !strstr(e.msg, bad[i].needle))
			fail_msg("case %zu: want %d '%s', got %d '%s'", i,
				 bad[i].line, bad[i].needle, e.line, e.msg);
		assert_non_null(strstr(e.file, "bad.csv"));
	}
	fw_table *t;
	assert_int_equal(fw_cases_list(&t, p, &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	/* quoted fields with commas and newlines, multi-valued items */
	TU_WRITE_STR(
		tu_path("ok.csv"),
		"case,health,note\r\nA,\"mental health;other\",\"one, two\nthree\"\r\n");
	assert_int_equal(fw_cases_import(&r, p, tu_path("ok.csv"), &e), 0);
	assert_int_equal(fw_cases_list(&t, p, &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][2], "mental health;other");
	assert_string_equal(t->rows[0][3], "one, two\nthree");
	fw_table_free(t);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_cases_import_errors));
