/*
 * test_autocode.c: applying the codebook's rules: scope units, speakers,
 * merging, idempotence, the difference when rules change; offsets in code
 * points past many-byte characters; the sentence scans against the
 * byte-by-byte scans they replaced.
 */
#include "testutil.h"
#include "codebook.h"

#include <ctype.h>

static void test_autocode(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_autocode_result r;
	/* dry run: counts, nothing written */
	assert_int_equal(fw_autocode_run(&r, p, 1, &e), 0);
	assert_int_equal(r.added, 4);
	fw_table_free(r.per_code);
	fw_table *t;
	assert_int_equal(fw_coding_list(&t, p, NULL, NULL, &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);

	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	assert_int_equal(r.added, 4);
	assert_int_equal(r.removed, 0);
	fw_table_free(r.per_code);
	assert_int_equal(fw_coding_list(&t, p, "C2", "1.1", &e), 0);
	/* the interviewer's "letter" is not coded; the respondent's two
	 * letter sentences in one paragraph merge; the later paragraph is its
	 * own coding */
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0][3], "L5");
	assert_string_equal(t->rows[0][8],
			    "I got a letter. The letter said go in.");
	assert_string_equal(t->rows[1][3], "L7");
	assert_string_equal(t->rows[1][8],
			    "I rang them about the letter the next day.");
	fw_table_free(t);
	/* utterance scope codes the whole turn */
	assert_int_equal(fw_coding_list(&t, p, "C2", "1.2", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][8], "She was nice. Really nice.");
	fw_table_free(t);
	/* group participants are coded, the facilitator is not */
	assert_int_equal(fw_coding_list(&t, p, "G1", "1.1", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][8], "The letter confuses people.");
	fw_table_free(t);

	/* idempotent */
	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.removed, 0);
	assert_int_equal(r.kept, 4);
	fw_table_free(r.per_code);

	/* a changed rule: the difference is added and removed */
	TU_WRITE_STR(tu_path("cb2.txt"), "1 Contact\n1.1 Letters\n"
					 "  rule: /rang them/\n1.2 Advisers\n");
	fw_codebook_result cr;
	assert_int_equal(fw_codebook_import(&cr, p, tu_path("cb2.txt"), &e), 0);
	assert_int_equal(cr.updated, 3);
	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.kept, 1);
	assert_int_equal(r.removed, 3);
	fw_table_free(r.per_code);
}

/* A long turn of many-byte characters (accents, a dash, emoji) where two
 * rules of one code find every third sentence in turn (never two next to
 * each other, which would merge): each coding's text, cut from
 * the transcript by its code-point offsets, is the sentence found, and
 * the codings come in the order of the text. */
static void test_offsets_past_multibyte(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_buf t, want;
	fw_buf_init(&t);
	fw_buf_init(&want);
	fw_buf_puts(&t, "Interview C10\n\nRESPONDENT:");
	size_t nwant = 0;
	for (int k = 0; k < 60; k++) {
		const char *what = k % 3   ? "nothing came"
				   : k % 2 ? "the post came"
					   : "the letter came";
		fw_buf_printf(&t,
			      " Caf\xC3\xA9 %d \xE2\x80\x94 na\xC3\xAFve "
			      "\xF0\x9F\x98\x80 %s.",
			      k, what);
		if (strcmp(what, "nothing came"))
			nwant++;
	}
	fw_buf_puts(&t, "\n");
	tu_write(tu_path("c10.txt"), t.ptr, t.len);
	TU_WRITE_STR(tu_path("cb3.txt"),
		     "1 Contact\n1.1 Letters\n"
		     "  rule: /\\bletter\\b/i\n"
		     "  rule: /\\bpost\\b/i\n1.2 Advisers\n");
	fw_codebook_result cr;
	assert_int_equal(fw_codebook_import(&cr, p, tu_path("cb3.txt"), &e), 0);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.case_name = "C10";
	fw_ingest_result ir;
	assert_int_equal(
		fw_source_ingest(&ir, NULL, p, tu_path("c10.txt"), &o, &e), 0);
	fw_autocode_result r;
	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	fw_table_free(r.per_code);
	fw_table *tb;
	assert_int_equal(fw_coding_list(&tb, p, "C10", "1.1", &e), 0);
	assert_int_equal(tb->nrows, nwant);
	size_t row = 0;
	for (int k = 0; k < 60; k++) {
		const char *what = k % 3   ? "nothing came"
				   : k % 2 ? "the post came"
					   : "the letter came";
		if (!strcmp(what, "nothing came"))
			continue;
		want.len = 0;
		fw_buf_printf(&want,
			      "Caf\xC3\xA9 %d \xE2\x80\x94 na\xC3\xAFve "
			      "\xF0\x9F\x98\x80 %s.",
			      k, what);
		assert_string_equal(tb->rows[row++][8], want.ptr);
	}
	fw_table_free(tb);
	fw_buf_dispose(&t);
	fw_buf_dispose(&want);
}

/* The byte-by-byte sentence scans fw_sentence_start and fw_sentence_end
 * replaced, kept here as the reference they must agree with. */
static size_t ref_start(const char *t, size_t lo, size_t pos)
{
	size_t i = pos;
	while (i > lo) {
		char c = t[i - 1];
		if (c == '\n' && i >= lo + 2 && t[i - 2] == '\n')
			break;
		if (c == ' ' || c == '\n' || c == '\t') {
			size_t j = i - 1;
			while (j > lo && (t[j - 1] == '"' || t[j - 1] == '\'' ||
					  t[j - 1] == ')'))
				j--;
			if (j > lo && (t[j - 1] == '.' || t[j - 1] == '?' ||
				       t[j - 1] == '!'))
				break;
		}
		i--;
	}
	while (i < pos && isspace((unsigned char)t[i]))
		i++;
	return i;
}

static size_t ref_end(const char *t, size_t hi, size_t pos)
{
	size_t i = pos;
	while (i < hi) {
		char c = t[i];
		if (c == '\n' && i + 1 < hi && t[i + 1] == '\n')
			break;
		if (c == '.' || c == '?' || c == '!') {
			size_t j = i + 1;
			while (j < hi &&
			       (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
				j++;
			if (j >= hi || isspace((unsigned char)t[j])) {
				i = j;
				break;
			}
		}
		i++;
	}
	while (i > pos && isspace((unsigned char)t[i - 1]))
		i--;
	return i;
}

/* Random text over the bytes the scans look at, every start and end. */
static void test_sentence_scans(void **s)
{
	(void)s;
	static const char abc[] = "ab .?!\"')\n\n\t\r\xC3\xA9";
	char t[48];
	unsigned seed = 12345;
	for (int round = 0; round < 4000; round++) {
		size_t n = 1 + round % (sizeof t - 1);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			t[i] = abc[(seed >> 16) % (sizeof abc - 1)];
		}
		for (size_t lo = 0; lo < n; lo += 1 + round % 3)
			for (size_t pos = lo; pos < n; pos++) {
				assert_int_equal(fw_sentence_start(t, lo, pos),
						 ref_start(t, lo, pos));
				assert_int_equal(fw_sentence_end(t, n, pos),
						 ref_end(t, n, pos));
				assert_int_equal(
					fw_sentence_end(t, pos + 1, lo),
					ref_end(t, pos + 1, lo));
			}
	}
}

TU_MAIN(TU_MINI(test_autocode), TU_MINI(test_offsets_past_multibyte),
	cmocka_unit_test(test_sentence_scans));
