/*
 * test_csv.c: the RFC 4180 reader.
 */
#include "testutil.h"

static void test_csv_reader(void **s)
{
	(void)s;
	const char *d =
		"\xEF\xBB\xBFid,note\r\nA,\"one, two\"\r\nB,\"line\nbreak \"\"q\"\"\"\n\nC,\n";
	fw_csv *c;
	fw_error e;
	char **f;
	size_t n;
	int line;
	assert_int_equal(fw_csv_open_mem(&c, d, strlen(d), "m.csv", &e), 0);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_int_equal(n, 2);
	assert_string_equal(f[0], "id");
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_string_equal(f[1], "one, two");
	assert_int_equal(line, 2);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_string_equal(f[1], "line\nbreak \"q\"");
	assert_int_equal(line, 3);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_string_equal(f[0], "C");
	assert_string_equal(f[1], "");
	assert_int_equal(line, 6);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 0);
	fw_csv_free(c);

	const char *bad = "id,x\nA,\"never closed\n";
	assert_int_equal(fw_csv_open_mem(&c, bad, strlen(bad), "b.csv", &e), 0);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), FW_EPARSE);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.file, "b.csv");
	fw_csv_free(c);
}

static void records(const char *data, int want_records, int want_last_rc)
{
	fw_csv *c;
	fw_error e;
	char **f;
	size_t n;
	int line, rc, k = 0;
	assert_int_equal(fw_csv_open_mem(&c, data, strlen(data), "x.csv", &e),
			 0);
	while ((rc = fw_csv_next(&f, &n, &line, c, &e)) > 0)
		k++;
	assert_int_equal(k, want_records);
	assert_int_equal(rc, want_last_rc);
	fw_csv_free(c);
}

static void test_csv_edges(void **s)
{
	(void)s;
	records("", 0, 0);
	records("\n\n\r\n", 0, 0);
	records("a,b\rc,d\r", 2, 0); /* CR alone ends a record */
	records("a,\"b\"x\n", 0, FW_EPARSE);
	records("a,b", 1, 0); /* no final newline */
	/* a file that is not UTF-8 is refused with its line */
	const char *path = tu_path("latin.csv");
	TU_WRITE_STR(path, "id,name\nC1,Ren\xE9\n");
	fw_csv *c;
	fw_error e;
	assert_int_equal(fw_csv_open(&c, path, &e), FW_EPARSE);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "CSV UTF-8"));
	assert_int_equal(fw_csv_open(&c, tu_path("missing.csv"), &e), FW_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_reader),
		cmocka_unit_test(test_csv_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
