/*
 * test_memo.c: memos on every kind of target, their refusals, listing
 * and changing them, what follows a code through the codebook, a sheet of
 * memos imported, and older projects taking group memos.
 */
#include "testutil.h"
#include "store.h"

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
	/* a sub-theme within a group, and the group as a whole */
	add(p, (fw_memo_target){.code = "2.1", .group = "staff"}, "analytic",
	    "On 2.1", 0);
	add(p, (fw_memo_target){.group = "Staff"}, "analytic", "Key findings",
	    0);
	add(p, (fw_memo_target){.group = "nobody"}, NULL, "x", FW_ENOTFOUND);
	/* refused: missing targets, two anchors, wrong shapes */
	add(p, (fw_memo_target){.case_name = "C09"}, NULL, "x", FW_ENOTFOUND);
	add(p, (fw_memo_target){.code = "7"}, NULL, "x", FW_ENOTFOUND);
	add(p, (fw_memo_target){.source = "nope.txt"}, NULL, "x", FW_ENOTFOUND);
	add(p,
	    (fw_memo_target){.code = "2", .group = "staff", .case_name = "C01"},
	    NULL, "x", FW_EINVAL);
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
	assert_int_equal(t->nrows, 5);
	assert_string_equal(fw_table_cell(t, 0, 2), "theme 2 in staff");
	assert_string_equal(fw_table_cell(t, 1, 2), "c01.txt L9-11");
	assert_string_equal(fw_table_cell(t, 2, 2), "cell G1 x 1.1");
	assert_string_equal(fw_table_cell(t, 3, 2), "sub-theme 2.1 in staff");
	assert_string_equal(fw_table_cell(t, 4, 2), "group Staff");
	fw_table_free(t);
	assert_int_equal(fw_memo_list(&t, p,
				      &(fw_memo_target){.group = "staff"}, NULL,
				      &e),
			 0);
	assert_int_equal(t->nrows, 3);
	fw_table_free(t);
	/* narrowed: by code (with its sub-themes) and by kind */
	assert_int_equal(
		fw_memo_list(&t, p, &(fw_memo_target){.code = "1"}, NULL, &e),
		0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	assert_int_equal(
		fw_memo_list(&t, p, &(fw_memo_target){0}, "analytic", &e), 0);
	assert_int_equal(t->nrows, 3);
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

static long long memo_count(fw_project *p)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (!fw_query(&st, p, NULL, "SELECT count(*) FROM memo", "")) {
		if (fw_row(p, st))
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* A sheet of memos: added, the same again adds none, a changed text
 * replaces; a bad row names its line and imports nothing. */
static void test_import(void **s)
{
	fw_project *p = *s;
	fw_error e;
	const char *path = tu_path("memos.csv");
	TU_WRITE_STR(path,
		     "kind,theme,group,title,text\n"
		     "analytic,,staff,Key findings,\"First.\n\nSecond.\"\n"
		     "analytic,2,staff,,On theme 2\n"
		     "analytic,2.1,STAFF,,On 2.1\n"
		     "analytic,,,Black box,A conclusion\n"
		     "note,,,,Just a note\n");
	fw_memo_import_result r;
	assert_int_equal(fw_memo_import(&r, p, path, NULL, &e), 0);
	assert_int_equal(r.added, 5);
	assert_int_equal(fw_memo_import(&r, p, path, NULL, &e), 0);
	assert_int_equal(r.added + r.updated, 0);
	assert_int_equal(r.unchanged, 5);
	TU_WRITE_STR(path, "theme,group,kind,text\n"
			   "2,staff,analytic,On theme 2 again\n");
	assert_int_equal(fw_memo_import(&r, p, path, NULL, &e), 0);
	assert_int_equal(r.updated, 1);
	assert_int_equal(memo_count(p), 5);
	fw_table *t;
	assert_int_equal(fw_memo_get(&t, p, 2, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 7), "On theme 2 again");
	fw_table_free(t);
	assert_int_equal(fw_memo_get(&t, p, 1, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 2), "group staff");
	assert_string_equal(fw_table_cell(t, 0, 7), "First.\n\nSecond.");
	fw_table_free(t);
	/* bad rows: the error names the line; nothing of the sheet stays
	 * (the caller's transaction is rolled back) */
	static const char *const bad[][2] = {
		{"text,kind\nx,note\ny,diary\n", "no memo kind 'diary'"},
		{"text,theme\nx,9\n", "no code '9'"},
		{"text,group\nx,nobody\n", "no case has"},
		{"text,source,lines\nx,c01.txt,9-2\n", "give A or A-B"},
		{"title,kind\nx,note\n", "needs a text column"},
		{"text,kind\nx\n", "row has 1 fields"},
		{"kind,text\nnote,\n", "needs some text"},
		{"", "line 1"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		TU_WRITE_STR(path, bad[i][0]);
		assert_int_equal(fw_project_begin(p, &e), 0);
		fw_error_clear(&e);
		int rc = fw_memo_import(&r, p, path, NULL, &e);
		if (!rc || (!strstr(e.msg, bad[i][1]) &&
			    !(strstr(bad[i][1], "line") && e.line == 1)))
			fail_msg("bad sheet %zu: rc %d, %s", i, rc, e.msg);
		assert_string_equal(e.file, path);
		fw_project_rollback(p);
		assert_int_equal(memo_count(p), 5);
	}
}

/* A project of schema 17 with a theme memo takes group memos once opened,
 * keeping its memo and the memo id sequence. */
static void test_migrate(void **s)
{
	(void)s;
	const char *path = tu_path("v17.charter");
	sqlite3 *db;
	fw_error e;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id=1128808530",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(fw_store_migrate_to(db, path, 17, &e), 0);
	assert_int_equal(
		sqlite3_exec(
			db,
			"INSERT INTO memo(id, guid, kind, target, text, "
			"created_at) VALUES(7, 'g7', 'analytic', 'project', "
			"'Old', 'now'); DELETE FROM memo WHERE id = 7;"
			"INSERT INTO memo(guid, kind, target, text, "
			"created_at) VALUES('g8', 'note', 'project', "
			"'Kept', 'now');",
			NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(db);
	fw_project *p;
	assert_int_equal(fw_project_open(&p, path, FW_OPEN_RW, &e), 0);
	fw_table *t;
	assert_int_equal(fw_memo_get(&t, p, 8, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 7), "Kept");
	fw_table_free(t);
	long long id = 0;
	assert_int_equal(fw_memo_add(&id, p, &(fw_memo_target){0}, NULL, NULL,
				     "New", NULL, &e),
			 0);
	assert_int_equal(id, 9); /* 7 is never used again */
	fw_project_free(p);
}

TU_MAIN(TU_STUDY(test_targets), TU_STUDY(test_import),
	cmocka_unit_test(test_migrate));
