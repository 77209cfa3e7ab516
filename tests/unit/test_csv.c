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
	/* a NUL byte would cut a summary short: refused with its line, from
	 * a file or from memory */
	static const char nul[] = "case,code,summary\nC1,1.1,Worried\0 by "
				  "the letter (L5)\n";
	tu_write(tu_path("nul.csv"), nul, sizeof nul - 1);
	assert_int_equal(fw_csv_open(&c, tu_path("nul.csv"), &e), FW_EPARSE);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "NUL byte at byte offset 32"));
	assert_int_equal(fw_csv_open_mem(&c, nul, sizeof nul - 1, "m.csv", &e),
			 FW_EPARSE);
	assert_null(c);
	assert_string_equal(e.file, "m.csv");
}

/* a header read by alias lists: case and trailing blanks aside, the first
 * matching column wins, a missing one is -1; an empty file names the
 * header it wanted */
static void test_csv_header(void **s)
{
	(void)s;
	static const char *const names[] = {"case|id", "code|theme", "summary",
					    "agreement"};
	const char *path = tu_path("head.csv");
	TU_WRITE_STR(path, "Theme,ID  ,Summary,case\r\nx,C1,y,C2\r\n");
	fw_csv *c;
	fw_error e;
	int idx[4];
	size_t n;
	char **head;
	assert_int_equal(fw_csv_open_header(&c, path, "case,code", names, 4,
					    idx, &head, &n, &e),
			 0);
	assert_int_equal(n, 4);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 0);
	assert_int_equal(idx[2], 2);
	assert_int_equal(idx[3], -1);
	assert_string_equal(head[1], "ID  ");
	char **f;
	int line;
	assert_int_equal(fw_csv_next(&f, &n, &line, c, &e), 1);
	assert_string_equal(f[idx[0]], "C1");
	assert_int_equal(line, 2);
	fw_csv_free(c);
	TU_WRITE_STR(path, "\n\n");
	assert_int_equal(fw_csv_open_header(&c, path, "case,code", names, 4,
					    idx, NULL, &n, &e),
			 FW_EPARSE);
	assert_null(c);
	assert_int_equal(e.line, 1);
	assert_string_equal(e.msg,
			    "empty file: expected a header row case,code");
}

TU_MAIN(cmocka_unit_test(test_csv_reader), cmocka_unit_test(test_csv_edges),
	cmocka_unit_test(test_csv_header));
