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

/* A sheet's cost grows with its size, not its square: 5,000 columns, and
 * 20,000 rows, a name repeated far apart is still found (the
 * later column named), and past the bound the header is refused. */
static void test_cases_wide_and_long(void **s)
{
	(void)s;
	fw_project *p = tu_project("wide.charter");
	fw_error e;
	fw_cases_result r;
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, "id");
	for (int i = 1; i < 5000; i++)
		fw_buf_printf(&b, ",a%d", i);
	fw_buf_puts(&b, "\nC0");
	for (int i = 1; i < 5000; i++)
		fw_buf_puts(&b, ",x");
	fw_buf_putc(&b, '\n');
	fw_buf_puts(&b, "C1\n");
	tu_write(tu_path("wide.csv"), b.ptr, b.len);
	fw_buf_dispose(&b);
	assert_int_equal(fw_project_begin(p, &e), 0);
	/* rows 2.. have one field: the first such is the error */
	assert_int_equal(fw_cases_import(&r, p, tu_path("wide.csv"), &e),
			 FW_EPARSE);
	assert_int_equal(e.line, 3);
	fw_project_rollback(p);
	/* the same with every row whole: 5,000 attributes, 20 cases */
	fw_buf_init(&b);
	fw_buf_puts(&b, "id");
	for (int i = 1; i < 5000; i++)
		fw_buf_printf(&b, ",a%d", i);
	fw_buf_putc(&b, '\n');
	for (int k = 0; k < 20; k++) {
		fw_buf_printf(&b, "C%d", k);
		for (int i = 1; i < 5000; i++)
			fw_buf_puts(&b, i == k ? ",y" : ",");
		fw_buf_putc(&b, '\n');
	}
	tu_write(tu_path("wide.csv"), b.ptr, b.len);
	fw_buf_dispose(&b);
	assert_int_equal(fw_project_begin(p, &e), 0);
	if (fw_cases_import(&r, p, tu_path("wide.csv"), &e))
		fail_msg("%s", e.msg);
	assert_int_equal(r.attributes, 4999);
	assert_int_equal(r.created, 20);
	/* a case repeated 19,999 rows later */
	fw_buf_init(&b);
	fw_buf_puts(&b, "id,g\n");
	for (int k = 0; k < 20000; k++)
		fw_buf_printf(&b, "D%d,x\n", k);
	fw_buf_puts(&b, "D0,y\n");
	tu_write(tu_path("long.csv"), b.ptr, b.len);
	fw_buf_dispose(&b);
	assert_int_equal(fw_cases_import(&r, p, tu_path("long.csv"), &e),
			 FW_EPARSE);
	assert_int_equal(e.line, 20002);
	assert_non_null(strstr(e.msg, "'D0' appears twice (first on line 2)"));
	fw_project_rollback(p);
	/* a name repeated 4,000 columns apart, in any case */
	fw_buf_init(&b);
	fw_buf_puts(&b, "id");
	for (int i = 1; i < 5000; i++)
		fw_buf_printf(&b, ",a%d", i);
	fw_buf_puts(&b, ",A17\n");
	tu_write(tu_path("dup.csv"), b.ptr, b.len);
	fw_buf_dispose(&b);
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cases_import(&r, p, tu_path("dup.csv"), &e),
			 FW_EPARSE);
	assert_non_null(strstr(e.msg, "column 'A17' appears twice"));
	fw_project_rollback(p);
	/* past the bound */
	fw_buf_init(&b);
	fw_buf_puts(&b, "id");
	for (int i = 1; i <= 10000; i++)
		fw_buf_printf(&b, ",a%d", i);
	fw_buf_putc(&b, '\n');
	tu_write(tu_path("wider.csv"), b.ptr, b.len);
	fw_buf_dispose(&b);
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cases_import(&r, p, tu_path("wider.csv"), &e),
			 FW_ELIMIT);
	assert_int_equal(e.line, 1);
	assert_non_null(strstr(e.msg, "10001 columns"));
	fw_project_rollback(p);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_cases_import_errors),
	cmocka_unit_test(test_cases_wide_and_long));
