/*
 * test_escape.c: escaping for XML, HTML, JSON, CSV and Markdown, one
 * policy for control characters, and entity decoding.
 */
#include "testutil.h"

typedef void (*esc_fn)(fw_buf *, const char *);

static void is(esc_fn f, const char *in, const char *want)
{
	fw_buf b;
	fw_buf_init(&b);
	f(&b, in);
	assert_string_equal(fw_buf_str(&b), want);
	fw_buf_dispose(&b);
}

static void test_xml_and_attributes(void **s)
{
	(void)s;
	is(fw_esc_xml, "a<b & \"c\" >d", "a&lt;b &amp; &quot;c&quot; &gt;d");
	/* tab and LF kept in text, as references in attributes; CR always a
	 * reference, so offsets survive a reader's line-end normalisation */
	is(fw_esc_xml, "a\tb\nc\rd", "a\tb\nc&#13;d");
	is(fw_esc_xml_attr, "a\tb\nc\rd", "a&#9;b&#10;c&#13;d");
	is(fw_esc_xml, NULL, "");
	/* UTF-8 passes through */
	is(fw_esc_xml, "caf\xC3\xA9 \xE2\x80\x93", "caf\xC3\xA9 \xE2\x80\x93");
}

static void test_control_policy(void **s)
{
	(void)s;
	/* a control XML cannot carry becomes U+FFFD there ... */
	is(fw_esc_xml,
	   "a\x01"
	   "b\x1F",
	   "a\xEF\xBF\xBD"
	   "b\xEF\xBF\xBD");
	char *c = fw_esc_xml_clean("x\x0By\tz");
	assert_string_equal(c, "x\xEF\xBF\xBDy\tz");
	free(c);
	/* ... JSON carries it escaped, CSV and Markdown as it is */
	is(fw_esc_json, "a\x01\n\t\"\\", "\"a\\u0001\\n\\t\\\"\\\\\"");
	is(fw_esc_csv,
	   "a\x01"
	   "b",
	   "a\x01"
	   "b");
	fw_buf b;
	fw_buf_init(&b);
	fw_esc_md(&b,
		  "a\x01"
		  "b",
		  0);
	assert_string_equal(fw_buf_str(&b), "a\x01"
					    "b");
	fw_buf_dispose(&b);
}

static void test_json_csv(void **s)
{
	(void)s;
	is(fw_esc_json, NULL, "null");
	is(fw_esc_json, "", "\"\"");
	is(fw_esc_csv, "plain", "plain");
	is(fw_esc_csv, "a,b", "\"a,b\"");
	is(fw_esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	is(fw_esc_csv, "two\nlines", "\"two\nlines\"");
	is(fw_esc_csv, "cr\r", "\"cr\r\"");
	is(fw_esc_csv, NULL, "");
}

static void md(const char *in, int flags, const char *want)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_esc_md(&b, in, flags);
	assert_string_equal(fw_buf_str(&b), want);
	fw_buf_dispose(&b);
}

static void test_markdown(void **s)
{
	(void)s;
	md("a|b\nc", FW_MD_TABLE | FW_MD_BR, "a\\|b<br>c");
	md("*x* _y_ [z]", FW_MD_INLINE, "\\*x\\* \\_y\\_ \\[z\\]");
	md("a\nb|c", FW_MD_INLINE, "a b|c");
	md("a|b", FW_MD_INLINE | FW_MD_TABLE, "a\\|b");
}

static void unesc(const char *in, const char *want)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_unesc_entities(&b, in, strlen(in));
	assert_string_equal(fw_buf_str(&b), want);
	fw_buf_dispose(&b);
}

static void test_entities(void **s)
{
	(void)s;
	unesc("a &amp; b &lt;c&gt; &quot;d&quot; &apos;", "a & b <c> \"d\" '");
	unesc("&#233;&#xE9;&nbsp;&rsquo;",
	      "\xC3\xA9\xC3\xA9\xC2\xA0\xE2\x80\x99");
	/* not entities: kept as written */
	unesc("fish & chips; &unknown; &#; &#xZZ; &",
	      "fish & chips; &unknown; &#; &#xZZ; &");
	/* a reference to NUL or past Unicode is not a character */
	unesc("&#0;", "&#0;");
	unesc("&#x110000;", "\xEF\xBF\xBD");
}

TU_MAIN(cmocka_unit_test(test_xml_and_attributes),
	cmocka_unit_test(test_control_policy), cmocka_unit_test(test_json_csv),
	cmocka_unit_test(test_markdown), cmocka_unit_test(test_entities));
