/*
 * test_memo.c: memos on every kind of target, their refusals, listing
 * and changing them, and what follows a code through the codebook.
 */
#include "testutil.h"

static long long add(fw_project *p, fw_memo_target t, const char *kind,
		     const char *text, int want)
{
	long long id = 0;
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_memo_add(&id, p, &t, kind, NULL, text, NULL, &e);
	if (rc != want)
		fail_msg("memo '%s': want %d, got %d (%s)", text, want, rc,
			 e.msg);
	return id;
}

static void test_targets(void **s)
{
	fw_project *p = *s;
	fw_error e;
	long long t1 = add(p, (fw_memo_target){.code = "2", .group = "staff"},
			   "analytic", "Staff on outcomes", 0);
	add(p,
	    (fw_memo_target){
		    .source = "c01.txt", .line_start = 9, .line_end = 11},
	    NULL, "Adviser rang for her", 0);
	add(p, (fw_memo_target){.case_name = "G1", .code = "1.1"}, "note",
	    "Group agreed", 0);
	/* refused: missing targets, two anchors, wrong shapes */
	add(p, (fw_memo_target){.case_name = "C09"}, NULL, "x", FW_ENOTFOUND);
	add(p, (fw_memo_target){.code = "7"}, NULL, "x", FW_ENOTFOUND);
	add(p, (fw_memo_target){.source = "nope.txt"}, NULL, "x", FW_ENOTFOUND);
	add(p, (fw_memo_target){.code = "2.1", .group = "staff"}, NULL, "x",
	    FW_EINVAL);
	add(p, (fw_memo_target){.code = "2", .group = "nobody"}, NULL, "x",
	    FW_ENOTFOUND);
	add(p, (fw_memo_target){.source = "c01.txt", .case_name = "C01"}, NULL,
	    "x", FW_EINVAL);
	add(p, (fw_memo_target){.source = "c01.txt", .line_start = 40}, NULL,
	    "x", FW_EINVAL);
	add(p, (fw_memo_target){0}, "diary", "x", FW_EINVAL);
	add(p, (fw_memo_target){0}, NULL, "", FW_EINVAL);
	fw_table *t;
	assert_int_equal(fw_memo_list(&t, p, &(fw_memo_target){0}, NULL, &e),
			 0);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(fw_table_cell(t, 0, 2), "theme 2 in staff");
	assert_string_equal(fw_table_cell(t, 1, 2), "c01.txt L9-11");
	assert_string_equal(fw_table_cell(t, 2, 2), "cell G1 x 1.1");
	fw_table_free(t);
	/* narrowed: by code (with its sub-themes) and by kind */
	assert_int_equal(
		fw_memo_list(&t, p, &(fw_memo_target){.code = "1"}, NULL, &e),
		0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	assert_int_equal(
		fw_memo_list(&t, p, &(fw_memo_target){0}, "analytic", &e), 0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	/* changed, then the theme renumbered: the memo follows */
	assert_int_equal(fw_memo_set(p, t1, "Outcomes", "Staff doubt it", &e),
			 0);
	assert_int_equal(fw_codebook_renumber(p, "2", "5", &e), 0);
	assert_int_equal(fw_memo_get(&t, p, t1, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 2), "theme 5 in staff");
	assert_string_equal(fw_table_cell(t, 0, 3), "Outcomes");
	assert_string_equal(fw_table_cell(t, 0, 7), "Staff doubt it");
	fw_table_free(t);
	/* the code deleted: the memo stays, on the project */
	long codings, cells;
	assert_int_equal(fw_codebook_delete(&codings, &cells, p, "5", 1, &e),
			 0);
	assert_int_equal(fw_memo_get(&t, p, t1, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 2), "project");
	fw_table_free(t);
	assert_int_equal(fw_memo_remove(p, t1, &e), 0);
	assert_int_equal(fw_memo_remove(p, t1, &e), FW_ENOTFOUND);
	assert_int_equal(fw_memo_get(&t, p, t1, &e), FW_ENOTFOUND);
}

TU_MAIN(TU_STUDY(test_targets));
