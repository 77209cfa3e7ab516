/*
 * test_autocode.c: applying the codebook's rules: scope units, speakers,
 * merging, idempotence, the difference when rules change.
 */
#include "testutil.h"

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

TU_MAIN(TU_MINI(test_autocode));
