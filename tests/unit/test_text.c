/*
 * test_text.c: decoding, UTF-8, line index, times, CSV reading and table
 * output.
 */
#include "testutil.h"

static void decode(const char *in, size_t n, int cp1252, const char *want,
		   const char *want_enc)
{
	char *out;
	size_t len;
	const char *enc;
	fw_error e;
	assert_int_equal(
		fw_text_decode(&out, &len, &enc, in, n, "t", cp1252, &e), 0);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
	assert_string_equal(enc, want_enc);
	free(out);
}

static void test_decode_utf8_and_line_ends(void **s)
{
	(void)s;
	decode("a\r\nb\rc\nd", 8, 1, "a\nb\nc\nd", "UTF-8");
	decode("\xEF\xBB\xBFQ: hi\r\n", 10, 1, "Q: hi\n", "UTF-8 BOM");
	decode("", 0, 1, "", "UTF-8");
}

static void test_decode_utf16(void **s)
{
	(void)s;
	/* "A\u00e9\r\n" little and big endian, and a surrogate pair (U+1F600)
	 */
	decode("\xFF\xFE"
	       "A\0\xE9\0\r\0\n\0",
	       10, 1, "A\xC3\xA9\n", "UTF-16LE");
	decode("\xFE\xFF"
	       "\0A\0\xE9\0\r\0\n",
	       10, 1, "A\xC3\xA9\n", "UTF-16BE");
	decode("\xFF\xFE\x3D\xD8\x00\xDE", 6, 1, "\xF0\x9F\x98\x80",
	       "UTF-16LE");
	char *out;
	size_t len;
	const char *enc;
	fw_error e;
	/* odd length and a lone surrogate are errors */
	assert_int_equal(fw_text_decode(&out, &len, &enc, "\xFF\xFE"
					"A", 3, "t", 1, &e),
			 FW_EPARSE);
	assert_int_equal(fw_text_decode(&out, &len, &enc, "\xFF\xFE\x00\xDC", 4, "t", 1, &e),
			 FW_EPARSE);
}

static void test_decode_invalid_utf8(void **s)
{
	(void)s;
	char *out;
	size_t len;
	const char *enc;
	fw_error e;
	/* strict: error naming line 3 and the byte offset */
	const char *bad = "one\ntwo\nthr\x93"
			  "ee\n";
	assert_int_equal(fw_text_decode(&out, &len, &enc, bad, strlen(bad), "x.txt", 0, &e),
			 FW_EPARSE);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.file, "x.txt");
	assert_non_null(strstr(e.msg, "byte offset 11"));
	/* fallback: Windows-1252 curly quote and pound sign */
	decode("\x93hi\x94 \xA3"
	       "5",
	       7, 1,
	       "\xE2\x80\x9Chi\xE2\x80\x9D \xC2\xA3"
	       "5",
	       "windows-1252");
	/* NUL bytes: not text */
	assert_int_equal(
		fw_text_decode(&out, &len, &enc, "a\0b", 3, "t", 1, &e),
		FW_EPARSE);
}

static void test_utf8_valid(void **s)
{
	(void)s;
	size_t bad = 0;
	assert_true(fw_utf8_valid("caf\xC3\xA9", 5, &bad));
	assert_false(fw_utf8_valid("\xC0\xAF", 2, &bad));     /* overlong */
	assert_false(fw_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	assert_false(fw_utf8_valid("ab\xE2\x82", 4, &bad));   /* truncated */
	assert_int_equal(bad, 2);
	assert_int_equal(fw_utf8_count("caf\xC3\xA9 \xE2\x80\x93", 9), 6);
}

static void test_time_parse(void **s)
{
	(void)s;
	assert_int_equal(fw_time_parse("00:01:02", 8), 62000);
	assert_int_equal(fw_time_parse("1:02:03.5", 9), 3723500);
	assert_int_equal(fw_time_parse("02:03,250", 9), 123250);
	assert_int_equal(fw_time_parse("12", 2), -1);
	assert_int_equal(fw_time_parse("00:61", 5), -1);
	assert_int_equal(fw_time_parse("ab:cd", 5), -1);
}

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

static void test_table_formats(void **s)
{
	(void)s;
	static const char *const cols[] = {"case", "note"};
	fw_table *t = fw_table_new(2, cols);
	const char *g[2] = {"group one", NULL};
	const char *r1[2] = {"C1", "a|b, \"c\""};
	fw_table_add(t, FW_ROW_GROUP, g);
	fw_table_add(t, FW_ROW_DATA, r1);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	fw_table_write(t, FW_FMT_CSV, fp);
	fclose(fp);
	assert_string_equal(buf, "case,note\r\nC1,\"a|b, \"\"c\"\"\"\r\n");
	free(buf);
	fp = open_memstream(&buf, &len);
	fw_table_write(t, FW_FMT_MD, fp);
	fclose(fp);
	assert_string_equal(buf,
			    "| case | note |\n|---|---|\n| **group one** |  |\n"
			    "| C1 | a\\|b, \"c\" |\n");
	free(buf);
	fp = open_memstream(&buf, &len);
	fw_table_write(t, FW_FMT_JSON, fp);
	fclose(fp);
	assert_string_equal(
		buf,
		"[\n  {\"case\": \"C1\", \"note\": \"a|b, \\\"c\\\"\"}\n]\n");
	free(buf);
	fw_table_free(t);
}

static void test_sha256_guid(void **s)
{
	(void)s;
	char hex[65], g1[37], g2[37];
	fw_sha256_hex(hex, "abc", 3);
	assert_string_equal(
		hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	fw_guid_new(g1);
	fw_guid_new(g2);
	assert_int_equal(strlen(g1), 36);
	assert_int_equal(g1[14], '7');
	assert_true(strcmp(g1, g2) < 0); /* time-ordered */
	assert_string_not_equal(g1, g2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_utf8_and_line_ends),
		cmocka_unit_test(test_decode_utf16),
		cmocka_unit_test(test_decode_invalid_utf8),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_csv_reader),
		cmocka_unit_test(test_table_formats),
		cmocka_unit_test(test_sha256_guid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
