/*
 * test_utf8.c: decoding raw bytes (BOMs, UTF-16, Windows-1252, line ends)
 * and UTF-8 validity, counts and cuts.
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
	assert_int_equal(fw_text_decode(&out, &len, &enc,
					"\xFF\xFE"
					"A",
					3, "t", 1, &e),
			 FW_EPARSE);
	assert_int_equal(fw_text_decode(&out, &len, &enc, "\xFF\xFE\x00\xDC", 4,
					"t", 1, &e),
			 FW_EPARSE);
	/* a byte-order mark and nothing else: empty text, either order
	 * (clang's sanitizer watches the empty buffer's pointer) */
	const char *boms[] = {"\xFF\xFE", "\xFE\xFF", "\xEF\xBB\xBF"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(fw_text_decode(&out, &len, &enc, boms[i],
						strlen(boms[i]), "t", 1, &e),
				 0);
		assert_int_equal(len, 0);
		free(out);
	}
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
	assert_int_equal(fw_text_decode(&out, &len, &enc, bad, strlen(bad),
					"x.txt", 0, &e),
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

static void test_put_cut_offsets(void **s)
{
	(void)s;
	fw_buf b;
	fw_buf_init(&b);
	fw_utf8_put(&b, 'A');
	fw_utf8_put(&b, 0xE9);
	fw_utf8_put(&b, 0x20AC);
	fw_utf8_put(&b, 0x1F600);
	/* not characters: NUL, surrogates, past U+10FFFF */
	fw_utf8_put(&b, 0);
	fw_utf8_put(&b, 0xD800);
	fw_utf8_put(&b, 0x110000);
	assert_string_equal(fw_buf_str(&b),
			    "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
			    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_true(fw_utf8_valid(b.ptr, b.len, NULL));
	assert_int_equal(fw_utf8_count(b.ptr, b.len), 7);
	/* the byte offset of code point 3 (the emoji) */
	assert_int_equal(fw_utf8_byte_at(b.ptr, b.len, 3), 6);
	assert_int_equal(fw_utf8_byte_at(b.ptr, b.len, 99), b.len);
	/* a cut never splits a character */
	assert_int_equal(fw_utf8_cut(b.ptr, b.len, 2), 1);
	assert_int_equal(fw_utf8_cut(b.ptr, b.len, 3), 3);
	assert_int_equal(fw_utf8_cut(b.ptr, b.len, 8), 6);
	assert_int_equal(fw_utf8_cut("ab", 2, 5), 2);
	fw_buf_dispose(&b);
}

TU_MAIN(cmocka_unit_test(test_decode_utf8_and_line_ends),
	cmocka_unit_test(test_decode_utf16),
	cmocka_unit_test(test_decode_invalid_utf8),
	cmocka_unit_test(test_utf8_valid),
	cmocka_unit_test(test_put_cut_offsets));
