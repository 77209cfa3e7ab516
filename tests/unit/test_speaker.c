/*
 * test_speaker.c: a source's speakers after ingest and the corrections:
 * rename (and rename into another speaker), merge, role, not a speaker
 * (its turns join the ones before), the case a speaker counts for.
 */
#include "testutil.h"

#include "fw/speaker.h"

/* A speaker's cell in the speakers list of c2.txt: column col of label's
 * row, or NULL when there is no such speaker. */
static char *cell_of(fw_project *p, const char *label, size_t col)
{
	fw_table *t;
	fw_error e;
	if (fw_speaker_list(&t, p, "c2.txt", &e))
		fail_msg("%s", e.msg);
	char *v = NULL;
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(t->rows[r][1], label))
			v = strdup(t->rows[r][col] ? t->rows[r][col] : "");
	fw_table_free(t);
	return v;
}

static void test_corrections(void **s)
{
	fw_project *p = *s;
	fw_error e;
	assert_int_equal(fw_project_begin(p, &e), 0);
	/* two turns each; the respondent's first words */
	char *v = cell_of(p, "RESPONDENT", 4);
	assert_string_equal(v, "2");
	free(v);
	v = cell_of(p, "RESPONDENT", 5);
	assert_string_equal(v, "I got a letter. The letter said go in. I was "
			       "worried.  I ran...");
	free(v);
	/* rename; renaming into a speaker that exists merges */
	assert_int_equal(
		fw_speaker_rename(p, "c2.txt", "RESPONDENT", "Cal", &e), 0);
	assert_null(cell_of(p, "RESPONDENT", 4));
	assert_int_equal(fw_speaker_role(p, "c2.txt", "Cal", "participant", &e),
			 0);
	v = cell_of(p, "Cal", 2);
	assert_string_equal(v, "participant");
	free(v);
	assert_int_equal(fw_speaker_role(p, "c2.txt", "Cal", "boss", &e),
			 FW_EINVAL);
	assert_int_equal(
		fw_speaker_rename(p, "c2.txt", "INTERVIEWER", "Cal", &e), 0);
	v = cell_of(p, "Cal", 4);
	assert_string_equal(v, "4");
	free(v);
	assert_null(cell_of(p, "INTERVIEWER", 4));
	/* unknown source and speaker */
	assert_int_equal(fw_speaker_merge(p, "c2.txt", "Nobody", "Cal", &e),
			 FW_ENOTFOUND);
	assert_int_equal(fw_speaker_not(p, "x.txt", "Cal", &e), FW_ENOTFOUND);
	assert_int_equal(fw_speaker_case(p, "c2.txt", "Cal", "ZZ", &e),
			 FW_ENOTFOUND);
	assert_int_equal(fw_speaker_case(p, "c2.txt", "Cal", "C10", &e), 0);
	v = cell_of(p, "Cal", 3);
	assert_string_equal(v, "C10");
	free(v);
	fw_project_rollback(p);
}

/* Not a speaker: consecutive turns of the label all join the turn before
 * them, the first turn of a file becomes nobody's, and the turns are
 * numbered again in text order. */
static void test_not_a_speaker(void **s)
{
	fw_project *p = *s;
	fw_error e;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_speaker_not(p, "c2.txt", "RESPONDENT", &e), 0);
	fw_table *t;
	assert_int_equal(fw_source_turns(&t, p, "c2.txt", &e), 0);
	/* each interviewer turn reaches the end of the answer after it, label
	 * and all; the heading (turn 1, nobody's) stays as it was */
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->rows[0][0], "1");
	assert_string_equal(t->rows[1][1], "INTERVIEWER");
	assert_string_equal(t->rows[1][4], "L3-7");
	assert_string_equal(t->rows[2][0], "3");
	assert_string_equal(t->rows[2][4], "L9-11");
	assert_non_null(strstr(t->rows[2][8], "RESPONDENT: She was nice."));
	fw_table_free(t);
	assert_int_equal(fw_speaker_not(p, "c2.txt", "INTERVIEWER", &e), 0);
	assert_int_equal(fw_source_turns(&t, p, "c2.txt", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][1] ? t->rows[0][1] : "", "");
	assert_string_equal(t->rows[0][4], "L1-11");
	fw_table_free(t);
	fw_project_rollback(p);
}

TU_MAIN(TU_MINI(test_corrections), TU_MINI(test_not_a_speaker));
