/*
 * test_review.c: auto-coding suggests, the researcher decides; charts
 * count what was decided; a rejected hit is not suggested again; an older
 * project's rule codings become suggestions, said once.
 */
#include "testutil.h"
#include "store.h"

/* The chart cell of case cs in the column of sub-theme code, "" if
 * empty. */
static const char *cell_of(const fw_table *t, const char *cs, const char *code)
{
	for (size_t c = 2; c < t->ncols; c++)
		if (!strncmp(t->cols[c], code, strlen(code)) &&
		    t->cols[c][strlen(code)] == ' ')
			for (size_t r = 0; r < t->nrows; r++)
				if (t->kinds[r] == FW_ROW_DATA &&
				    !strcmp(fw_table_cell(t, r, 0), cs))
					return fw_table_cell(t, r, c);
	return "";
}

static fw_table *chart(fw_project *p)
{
	fw_table *t = NULL;
	fw_error e;
	fw_chart_opts o = {0};
	assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
	return t;
}

static long decide(fw_project *p, fw_review_filter f, int status)
{
	long n = -1;
	fw_error e;
	if (fw_review_decide(&n, p, &f, status, "ann", &e))
		fail_msg("decide: %s", e.msg);
	return n;
}

static void test_suggest_then_decide(void **s)
{
	(void)s;
	fw_project *p = tu_study_("review.charter", 0, 0);
	fw_error e;
	/* nothing is counted until decided; with suggestions, marked */
	fw_table *t = chart(p);
	assert_string_equal(cell_of(t, "C01", "1.1"), "");
	fw_table_free(t);
	assert_int_equal(fw_project_count_suggested(p, 1, &e), 0);
	t = chart(p);
	assert_string_equal(cell_of(t, "C01", "1.1"), "L5?");
	fw_table_free(t);
	assert_int_equal(fw_project_count_suggested(p, 0, &e), 0);
	/* accept a code's, reject one by id, reset it */
	assert_int_equal(
		decide(p, (fw_review_filter){.code = "1.1"}, FW_CONFIRMED), 4);
	t = chart(p);
	assert_string_equal(cell_of(t, "C01", "1.1"), "L5");
	assert_string_equal(cell_of(t, "C01", "1.2"), "");
	fw_table_free(t);
	fw_table *l;
	assert_int_equal(
		fw_review_list(&l, p, &(fw_review_filter){.code = "1.2"}, &e),
		0);
	assert_int_equal(l->nrows, 1);
	long long id = atoll(fw_table_cell(l, 0, 0));
	assert_non_null(strstr(fw_table_cell(l, 0, 6), "adviser"));
	fw_table_free(l);
	assert_int_equal(decide(p, (fw_review_filter){.id = id}, FW_REJECTED),
			 1);
	/* decided twice is no change */
	assert_int_equal(decide(p, (fw_review_filter){.id = id}, FW_REJECTED),
			 0);
	/* the walk's next: the pending, with the turn split round the span */
	fw_review_item it;
	assert_int_equal(fw_review_next(&it, p, &(fw_review_filter){0}, 0, &e),
			 1);
	assert_string_equal(it.code, "2.1");
	assert_string_equal(it.span,
			    "I start a job in July, part-time, in a garden "
			    "centre.");
	assert_string_equal(it.speaker, "RESPONDENT");
	/* what the rule matched, marked within the span */
	assert_int_equal(it.match_len, 11);
	assert_int_equal(strncmp(it.span + it.match_at, "start a job", 11), 0);
	assert_int_equal(it.pending, 5);
	assert_int_equal(it.position, 1);
	long long first = it.id;
	fw_review_item_dispose(&it);
	/* after the last, round to the first */
	assert_int_equal(
		fw_review_next(&it, p, &(fw_review_filter){0}, 1000000, &e), 1);
	assert_int_equal(it.id, first);
	fw_review_item_dispose(&it);
	/* auto-coding again: the rejected is kept, not suggested again */
	fw_autocode_result ar;
	memset(&ar, 0, sizeof ar);
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	assert_int_equal(ar.added, 0);
	assert_int_equal(ar.removed, 0);
	fw_table *sum;
	assert_int_equal(fw_review_summary(&sum, p, &e), 0);
	/* code, name, pending, accepted, rejected, by hand */
	assert_string_equal(fw_table_cell(sum, 0, 3), "4"); /* 1.1 */
	assert_string_equal(fw_table_cell(sum, 1, 4), "1"); /* 1.2 */
	assert_string_equal(fw_table_cell(sum, 3, 2), "4"); /* 2.2 */
	fw_table_free(sum);
	/* recode a suggestion: rejected, and coded by hand to the other */
	assert_int_equal(fw_coding_move(p, first, "2.2", "ann", &e), 0);
	assert_int_equal(fw_review_summary(&sum, p, &e), 0);
	assert_string_equal(fw_table_cell(sum, 2, 4), "1"); /* 2.1 rejected */
	assert_string_equal(fw_table_cell(sum, 3, 5), "1"); /* 2.2 by hand */
	fw_table_free(sum);
	memset(&ar, 0, sizeof ar);
	assert_int_equal(fw_autocode_run(&ar, p, 0, &e), 0);
	fw_table_free(ar.per_code);
	assert_int_equal(ar.added, 0);
	assert_int_equal(fw_coding_move(p, first, "2", "ann", &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "theme with sub-themes"));
	/* bad filters name what is missing */
	long n;
	assert_int_equal(fw_review_decide(&n, p,
					  &(fw_review_filter){.code = "7"},
					  FW_CONFIRMED, NULL, &e),
			 FW_ENOTFOUND);
	assert_int_equal(fw_review_decide(&n, p,
					  &(fw_review_filter){.rule = 99},
					  FW_CONFIRMED, NULL, &e),
			 FW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "no rule 99"));
	assert_int_equal(
		fw_review_decide(&n, p, &(fw_review_filter){.source = "x.txt"},
				 FW_CONFIRMED, NULL, &e),
		FW_ENOTFOUND);
	assert_int_equal(fw_review_decide(&n, p,
					  &(fw_review_filter){.id = 12345},
					  FW_CONFIRMED, NULL, &e),
			 FW_ENOTFOUND);
	fw_project_free(p);
}

/* A project of schema 8 with a rule coding and a hand coding opens as
 * one with a suggestion and a confirmed coding, and says so once. */
static void test_migration_suggests(void **s)
{
	(void)s;
	const char *path = tu_path("old.charter");
	unlink(path);
	sqlite3 *db;
	fw_error e;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id=1128808530",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(fw_store_migrate_to(db, path, 8, &e), 0);
	assert_int_equal(
		sqlite3_exec(
			db,
			"INSERT INTO source VALUES(1,'g','s.txt',NULL,'txt',"
			"NULL,'h','A: one two.',11,1,2,'now');"
			"INSERT INTO code(id,guid,number,name) VALUES(1,'k','1',"
			"'One');"
			"INSERT INTO coding(guid,code_id,source_id,start,\"end\","
			"line_start,line_end,origin,created_at) VALUES"
			"('a',1,1,3,6,1,1,'rule','now'),"
			"('b',1,1,7,10,1,1,'manual','now');",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	fw_project *p;
	assert_int_equal(fw_project_open(&p, path, FW_OPEN_RW, &e), 0);
	assert_non_null(fw_project_notice(p));
	assert_non_null(
		strstr(fw_project_notice(p),
		       "its 1 auto-coded passages are now suggestions"));
	fw_table *l;
	assert_int_equal(fw_review_list(&l, p, &(fw_review_filter){0}, &e), 0);
	assert_int_equal(l->nrows, 1);
	assert_string_equal(fw_table_cell(l, 0, 1), "suggested");
	fw_table_free(l);
	fw_project_free(p);
	/* said once */
	assert_int_equal(fw_project_open(&p, path, FW_OPEN_RW, &e), 0);
	assert_null(fw_project_notice(p));
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_suggest_then_decide),
	cmocka_unit_test(test_migration_suggests));
