/*
 * test_table.c: the table writer: text, CSV, JSON, Markdown, kept or
 * streamed.
 */
#include "testutil.h"

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

/* What a table streamed to a sink in fmt writes. */
static char *streamed(int fmt, int numeric)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	fw_sink sink;
	fw_sink_init(&sink, fp, fmt);
	static const char *const cols[] = {"case", "lines"};
	fw_table *t = fw_table_new_sink(&sink, 2, cols);
	if (numeric)
		fw_table_numeric(t, 1);
	const char *g[2] = {"group", NULL};
	const char *r1[2] = {"C1", "12"}, *r2[2] = {"C2", "L3-4"},
		   *r3[2] = {"007", NULL};
	fw_table_add(t, FW_ROW_GROUP, g);
	fw_table_add(t, FW_ROW_DATA, r1);
	fw_table_add(t, FW_ROW_DATA, r2);
	fw_table_add(t, FW_ROW_DATA, r3);
	assert_int_equal(t->nrows, 0); /* written, not kept */
	assert_int_equal(fw_table_end(t), 0);
	assert_int_equal(sink.rows, 3);
	fw_table_free(t);
	fclose(fp);
	return buf;
}

static void test_streaming_and_numbers(void **s)
{
	(void)s;
	char *b = streamed(FW_FMT_CSV, 1);
	assert_string_equal(b, "case,lines\r\nC1,12\r\nC2,L3-4\r\n007,\r\n");
	free(b);
	/* a numeric column's numbers are JSON numbers; what is not a number
	 * stays a string, an empty cell is null; other columns stay text */
	b = streamed(FW_FMT_JSON, 1);
	assert_string_equal(b, "[\n  {\"case\": \"C1\", \"lines\": 12},\n"
			       "  {\"case\": \"C2\", \"lines\": \"L3-4\"},\n"
			       "  {\"case\": \"007\", \"lines\": null}\n]\n");
	free(b);
	b = streamed(FW_FMT_JSON, 0);
	assert_non_null(strstr(b, "\"lines\": \"12\""));
	free(b);
	b = streamed(FW_FMT_MD, 0);
	assert_string_equal(b, "| case | lines |\n|---|---|\n| **group** |  |\n"
			       "| C1 | 12 |\n| C2 | L3-4 |\n| 007 |  |\n");
	free(b);
	/* an empty streamed JSON table is an empty array */
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	fw_sink sink;
	fw_sink_init(&sink, fp, FW_FMT_JSON);
	static const char *const cols[] = {"x"};
	fw_table_free(fw_table_new_sink(&sink, 1, cols));
	fclose(fp);
	assert_string_equal(buf, "[]\n");
	free(buf);
	/* text does not stream: the table is kept */
	assert_false(fw_format_streams(FW_FMT_TEXT));
	fw_sink_init(&sink, stdout, FW_FMT_TEXT);
	fw_table *t = fw_table_new_sink(&sink, 1, cols);
	assert_null(t->sink);
	fw_table_free(t);
}

static void test_text_alignment(void **s)
{
	(void)s;
	static const char *const cols[] = {"name", "n"};
	fw_table *t = fw_table_new(2, cols);
	const char *r1[2] = {"Ren\xC3\xA9\x65", "1"}, *r2[2] = {"a\nb", "22"};
	const char *g[2] = {"staff", NULL};
	fw_table_add(t, FW_ROW_GROUP, g);
	fw_table_add(t, FW_ROW_DATA, r1);
	fw_table_add(t, FW_ROW_DATA, r2);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(fw_table_write(t, FW_FMT_TEXT, fp), 0);
	fclose(fp);
	/* widths in code points, newlines shown as spaces, no trailing
	 * spaces, group rows as rules */
	assert_string_equal(buf, "name   n\n-- staff --\nRen\xC3\xA9\x65  1\n"
				 "a b    22\n");
	free(buf);
	fw_table_free(t);
	assert_int_equal(fw_format_parse("markdown"), FW_FMT_MD);
	assert_int_equal(fw_format_parse("xml"), -1);
}

TU_MAIN(cmocka_unit_test(test_table_formats),
	cmocka_unit_test(test_streaming_and_numbers),
	cmocka_unit_test(test_text_alignment));
