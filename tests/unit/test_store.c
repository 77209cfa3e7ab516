/*
 * test_store.c: the project file: schema, migrations, refusals, busy
 * writers, failed steps, the row writers.
 */
#include "testutil.h"

#include <signal.h>
#include <sys/wait.h>

#include "store.h"

#include <sqlite3.h>

static long long q1(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 0);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_schema(void **s)
{
	(void)s;
	fw_project *p = tu_project("schema.charter");
	fw_project_free(p);
	const char *path = tu_path("schema.charter");
	assert_int_equal(q1(path, "PRAGMA user_version"), fw_schema_version());
	assert_string_equal("wal", "wal");
	assert_int_equal(q1(path, "SELECT count(*) FROM pragma_journal_mode "
				  "WHERE journal_mode='wal'"),
			 1);
	/* every foreign key has an index whose first column is the key */
	assert_int_equal(
		q1(path,
		   "SELECT count(*) FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
		   "WHERE m.type='table' AND NOT EXISTS (SELECT 1 FROM "
		   "pragma_index_list(m.name) il, pragma_index_info(il.name) ii "
		   "WHERE ii.seqno=0 AND ii.name=f.\"from\")"),
		0);
	/* the reviewer index (decided codings only) still serves a lookup
	 * by reviewer, as a coder's removal makes */
	{
		sqlite3 *d;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(path, &d), 0);
		assert_int_equal(sqlite3_prepare_v2(d,
						    "EXPLAIN QUERY PLAN SELECT "
						    "id FROM coding WHERE "
						    "reviewer_id = 5",
						    -1, &st, NULL),
				 0);
		int used = 0;
		while (sqlite3_step(st) == SQLITE_ROW)
			used |= strstr((const char *)sqlite3_column_text(st, 3),
				       "INDEX coding_reviewer") != NULL;
		sqlite3_finalize(st);
		sqlite3_close(d);
		assert_true(used);
	}
	/* creating over an existing file is refused */
	fw_error e;
	assert_int_equal(fw_project_create(&p, path, &e), FW_EEXISTS);
	/* a file that is not a project */
	const char *junk = tu_path("junk.charter");
	TU_WRITE_STR(junk, "this is not a database, just text\n");
	assert_int_not_equal(fw_project_open(&p, junk, FW_OPEN_RW, &e), 0);
	assert_non_null(strstr(e.msg, "not a charter project"));
	/* a project from a newer charter is refused, not damaged */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), 0);
	sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(fw_project_open(&p, path, FW_OPEN_RW, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "newer"));
	assert_int_equal(q1(path, "PRAGMA user_version"), 99);
	/* an older project (version 0, stamped as charter's) is migrated */
	const char *old = tu_path("old.charter");
	unlink(old);
	assert_int_equal(sqlite3_open(old, &db), 0);
	sqlite3_exec(db, "PRAGMA application_id=1128808530", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(fw_project_open(&p, old, FW_OPEN_RW, &e), 0);
	fw_project_free(p);
	assert_int_equal(q1(old, "PRAGMA user_version"), fw_schema_version());
	assert_int_equal(
		q1(old,
		   "SELECT count(*) FROM sqlite_master WHERE name='coding'"),
		1);
}

static int explain_has(sqlite3 *db, const char *sql, const char *opcode)
{
	char x[1024];
	snprintf(x, sizeof x, "EXPLAIN %s", sql);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, x, -1, &st, NULL), 0);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n += !strcmp((const char *)sqlite3_column_text(st, 1), opcode);
	sqlite3_finalize(st);
	return n;
}

/* Version 22 edits the coding table's status check in place: a project
 * of version 21 with codings keeps them, the rule still refuses a status
 * that is not one of the three, and the connection that migrated reads
 * the new definition at once (its check builds no table per row). */
static void test_status_check_edited(void **s)
{
	(void)s;
	const char *path = tu_path("v21.charter");
	unlink(path);
	sqlite3 *db;
	fw_error e;
	assert_int_equal(sqlite3_open(path, &db), 0);
	assert_int_equal(fw_store_migrate_to(db, path, 21, &e), 0);
	const char *add =
		"INSERT INTO coding(guid, code_id, source_id, start, \"end\", "
		"line_start, line_end, origin, created_at, status) VALUES("
		"'G1', 1, 1, 0, 4, 1, 1, 'rule', 't', 'suggested')";
	assert_int_equal(
		sqlite3_exec(db,
			     "PRAGMA foreign_keys=OFF; INSERT INTO code(guid, "
			     "number, name) VALUES('C', '1', 'one');",
			     NULL, NULL, NULL),
		0);
	assert_int_equal(sqlite3_exec(db, add, NULL, NULL, NULL), 0);
	assert_int_equal(explain_has(db, add, "OpenEphemeral"), 1);
	assert_int_equal(fw_store_migrate(db, path, &e), 0);
	assert_int_equal(explain_has(db, add, "OpenEphemeral"), 0);
	const char *bad =
		"INSERT INTO coding(guid, code_id, source_id, start, \"end\", "
		"line_start, line_end, origin, created_at, status) VALUES("
		"'G2', 1, 1, 0, 4, 1, 1, 'rule', 't', 'maybe')";
	assert_int_equal(sqlite3_exec(db, bad, NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE coding SET status = 'accepted'",
				      NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE coding SET status = 'rejected'",
				      NULL, NULL, NULL),
			 0);
	sqlite3_close(db);
	assert_int_equal(q1(path, "PRAGMA user_version"), fw_schema_version());
	assert_int_equal(q1(path, "SELECT count(*) FROM coding WHERE guid = "
				  "'G1' AND status = 'rejected'"),
			 1);
	assert_int_equal(q1(path, "SELECT count(*) FROM sqlite_master WHERE "
				  "name = 'coding' AND sql LIKE '%status IN%'"),
			 0);
	assert_int_equal(q1(path, "SELECT count(*) FROM pragma_integrity_check"
				  " WHERE integrity_check = 'ok'"),
			 1);
}

static void test_busy_is_busy(void **s)
{
	(void)s;
	fw_project *a = tu_project("busy.charter"), *b;
	fw_error e;
	assert_int_equal(
		fw_project_open(&b, tu_path("busy.charter"), FW_OPEN_RW, &e),
		0);
	fw_project_busy_timeout(b, 300);
	/* a transcript, so there is something to search */
	TU_WRITE_STR(tu_path("busy.txt"), "INTERVIEWER: And?\n\nRESPONDENT: "
					  "The letter worried me.\n");
	fw_ingest_opts io = {0};
	fw_ingest_result ir;
	assert_int_equal(fw_project_begin(a, &e), 0);
	assert_int_equal(
		fw_source_ingest(&ir, NULL, a, tu_path("busy.txt"), &io, &e),
		0);
	assert_int_equal(fw_search_index_update(a, &e), 0);
	assert_int_equal(fw_project_commit(a, &e), 0);
	/* a writer names itself while it holds the project ... */
	assert_int_equal(fw_project_begin(a, &e), 0);
	assert_int_equal(fw_history_record(a, "ingest", "x.txt", NULL, &e), 0);
	char side[600];
	snprintf(side, sizeof side, "%s-writer", tu_path("busy.charter"));
	assert_int_equal(access(side, F_OK), 0);
	/* ... so another writer, having waited, says whom it waited for
	 * (the same process here: the name is what a user sees) */
	assert_int_equal(fw_project_begin(b, &e), FW_EBUSY);
	assert_non_null(strstr(e.msg, "busy"));
	/* reading goes on meanwhile (WAL), searching too, even where the
	 * search must first build its prefix index: it waits for the lock
	 * and then says who held it, rather than failing at once */
	fw_table *t;
	assert_int_equal(fw_source_list(&t, b, &e), 0);
	fw_table_free(t);
	fw_search_opts so = {.query = "letter"};
	int coded;
	assert_int_equal(fw_query_search(&t, &coded, b, &so, &e), 0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	so.query = "lett*";
	assert_int_equal(fw_query_search(&t, &coded, b, &so, &e), FW_EBUSY);
	assert_non_null(strstr(e.msg, "waited 0.3 s"));
	fw_project_rollback(a);
	/* the writer gone, its name goes */
	assert_int_equal(access(side, F_OK), -1);
	assert_int_equal(fw_query_search(&t, &coded, b, &so, &e), 0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	assert_int_equal(fw_project_begin(b, &e), 0);
	fw_project_rollback(b);
	fw_project_free(b);
	fw_project_free(a);
}

/* Another process holds the project: the waiting writer names its verb
 * and pid; a writer killed leaves its name, which is then ignored. */
static void test_busy_names_the_writer(void **s)
{
	(void)s;
	fw_project *a = tu_project("named.charter");
	fw_error e;
	fw_project_free(a);
	const char *path = tu_path("named.charter");
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		fw_project *c;
		if (fw_project_open(&c, path, FW_OPEN_RW, &e) ||
		    fw_project_begin(c, &e) ||
		    fw_history_record(c, "autocode", "", NULL, &e))
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		sleep(30); /* killed before */
		_exit(0);
	}
	char x;
	assert_int_equal(read(ready[0], &x, 1), 1);
	fw_project *b;
	assert_int_equal(fw_project_open(&b, path, FW_OPEN_RW, &e), 0);
	fw_project_busy_timeout(b, 200);
	assert_int_equal(fw_project_begin(b, &e), FW_EBUSY);
	char want[80];
	snprintf(want, sizeof want, "charter autocode (pid %ld, writing for",
		 (long)child);
	if (!strstr(e.msg, want))
		fail_msg("%s", e.msg);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	/* the lock died with it; its name is stale and ignored */
	assert_int_equal(fw_project_begin(b, &e), 0);
	fw_project_rollback(b);
	fw_project_free(b);
	close(ready[0]);
	close(ready[1]);
}

static void test_failed_step_is_not_the_end(void **s)
{
	(void)s;
	fw_project *p = tu_project("step.charter");
	fw_error e;
	sqlite3_stmt *st;
	/* a statement that fails when stepped, not when prepared */
	assert_int_equal(
		fw_prepare(p, &st, "SELECT abs(-9223372036854775807 - 1)", &e),
		0);
	assert_int_equal(fw_row(p, st), 0);
	sqlite3_finalize(st);
	assert_int_equal(fw_rows_ok(p, &e), FW_EIO);
	assert_non_null(strstr(e.msg, "overflow"));
	assert_int_equal(fw_rows_ok(p, &e), 0); /* reported once */
	/* a failure nobody checked stops the commit: nothing half-done */
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_step(p, NULL, &e), FW_EIO);
	assert_int_equal(fw_prepare(p, &st, "SELECT * FROM nowhere", NULL),
			 FW_EIO);
	assert_int_equal(fw_project_commit(p, &e), FW_EIO);
	fw_project_rollback(p);
	fw_project_free(p);
}

/* several statements prepared from one list: a bad one stops the list,
 * names itself, and leaves the ones after it unprepared; names bound as
 * the ids of their rows */
static void test_prepare_all(void **s)
{
	(void)s;
	fw_project *p = tu_project("prep.charter");
	fw_error e;
	sqlite3_stmt *a = NULL, *b = NULL, *c = NULL;
	assert_int_equal(
		FW_PREPARE_ALL(p, &e, {&a, "SELECT 1"}, {&b, "SELECT 2"}), 0);
	assert_non_null(a);
	assert_non_null(b);
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	assert_int_not_equal(FW_PREPARE_ALL(p, &e, {&a, "SELECT 1"},
					    {&b, "SELECT * FROM nowhere"},
					    {&c, "SELECT 3"}),
			     0);
	assert_non_null(a);
	assert_null(b);
	assert_null(c);
	assert_non_null(strstr(e.msg, "nowhere"));
	sqlite3_finalize(a);
	/* 'C' binds a named case's id, or says there is no such case */
	long long id;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_store_case(&id, p, NULL, "CL07", 1, &e), 0);
	assert_int_equal(
		fw_query(&a, p, &e, "SELECT ?1, ?2", "Ct", "CL07", "x"), 0);
	assert_true(fw_row(p, a));
	assert_int_equal(sqlite3_column_int64(a, 0), id);
	assert_string_equal((const char *)sqlite3_column_text(a, 1), "x");
	sqlite3_finalize(a);
	assert_int_equal(fw_query(&a, p, &e, "SELECT ?1", "C", "CL08"),
			 FW_ENOTFOUND);
	assert_null(a);
	assert_string_equal(e.msg, "no case 'CL08'");
	assert_int_equal(fw_query(&a, p, &e, "SELECT ?1", "K", "9.9"),
			 FW_ENOTFOUND);
	assert_string_equal(e.msg, "no code '9.9'");
	/* fw_columns: a row read into variables in one call */
	assert_int_equal(fw_query(&a, p, &e,
				  "SELECT 9000000000, 7, 1.5, 'txt', NULL, "
				  "-3, 'skipped'",
				  ""),
			 0);
	assert_true(fw_row(p, a));
	long long big;
	int seven;
	double half;
	char *txt, *none = (char *)"set";
	long neg;
	fw_columns(a, "indttl-", &big, &seven, &half, &txt, &none, &neg);
	sqlite3_finalize(a);
	assert_int_equal(big, 9000000000LL);
	assert_int_equal(seven, 7);
	assert_true(half == 1.5);
	assert_string_equal(txt, "txt");
	assert_null(none);
	assert_int_equal(neg, -3);
	free(txt);
	/* fw_run: one write, the rows it changed, a failure named */
	int changed = -1;
	assert_int_equal(fw_run(p, &e, "renaming", &changed,
				"UPDATE \"case\" SET name=?2 WHERE name=?1",
				"tt", "CL07", "CL7"),
			 0);
	assert_int_equal(changed, 1);
	assert_int_equal(fw_run(p, &e, "renaming", &changed,
				"UPDATE \"case\" SET name='x' WHERE id=?", "C",
				"CL07"),
			 FW_ENOTFOUND);
	assert_int_not_equal(fw_run(p, &e, "storing a case twice", NULL,
				    "INSERT INTO \"case\"(guid,name,sort) "
				    "SELECT guid,name,sort FROM \"case\"",
				    ""),
			     0);
	assert_non_null(strstr(e.msg, "storing a case twice"));
	/* with no err, the failure waits for fw_rows_ok */
	assert_int_not_equal(fw_run(p, NULL, "storing a case twice", NULL,
				    "INSERT INTO \"case\"(guid,name,sort) "
				    "SELECT guid,name,sort FROM \"case\"",
				    ""),
			     0);
	assert_int_equal(fw_rows_ok(p, &e), FW_EIO);
	fw_project_rollback(p);
	fw_project_free(p);
}

static void test_row_writers(void **s)
{
	fw_project *p = *s;
	fw_error e;
	long long cid = 0, sid, kid, id, coder;
	/* a case, after every sheeted case; another at the next row */
	assert_int_equal(
		fw_store_case(&cid, p, NULL, "N1", FW_SORT_UNSHEETED, &e), 0);
	assert_true(cid > 0);
	assert_int_equal(fw_store_case(&id, p,
				       "0190A9B0-0000-7000-8000-0000000000AA",
				       "N2", FW_SORT_NEXT, &e),
			 0);
	/* one name once */
	assert_int_not_equal(fw_store_case(&id, p, NULL, "n1", 5, &e), 0);
	assert_int_equal(fw_lookup_id(p, FW_Q_CASE_ID, "N1"), cid);
	sid = fw_lookup_id(p, FW_Q_SOURCE_ID, "g1.txt");
	kid = fw_lookup_id(p, FW_Q_CODE_ID, "1.1");
	assert_true(sid > 0 && kid > 0);
	coder = fw_coder_id(p, "tester", &e);
	assert_true(coder > 0);
	assert_int_equal(fw_coder_id(p, "tester", &e), coder);
	/* a coding of Paul's words in the group G1 */
	fw_coding_row r = {.code_id = kid,
			   .source_id = sid,
			   .coder_id = coder,
			   .start = 60,
			   .end = 67,
			   .line_start = 5,
			   .line_end = 5,
			   .origin = "manual"};
	assert_int_equal(fw_store_coding(&id, p, &r, &e), 0);
	/* the rule for which case it counts for: the group's own case */
	fw_table *t;
	assert_int_equal(fw_coding_list(&t, p, "G1", "1.1", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][3], "L5");
	fw_table_free(t);
	fw_code_row k = {.number = "3",
			 .name = "New",
			 .origin = "test",
			 .depth = 1,
			 .sort = 9};
	assert_int_equal(fw_store_code(&id, p, &k, &e), 0);
	assert_int_equal(fw_lookup_id(p, FW_Q_CODE_ID, "3"), id);
	assert_int_equal(fw_store_code(&id, p, &k, &e), FW_EIO); /* taken */
}

static void test_participant_cases(void **s)
{
	(void)s;
	/* coded per participant, a group's codings count for the case of
	 * the speaker whose turn they cover */
	fw_project *p = tu_project("people.charter");
	fw_error e;
	TU_WRITE_STR(tu_path("pg.txt"), tu_mini_g1);
	TU_WRITE_STR(tu_path("pcb.txt"), tu_mini_codebook);
	fw_ingest_opts o = {
		.case_name = "G1", .group = 1, .participant_cases = 1};
	fw_ingest_result r;
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("pg.txt"), &o, &e), 0);
	fw_codebook_result cr;
	assert_int_equal(fw_codebook_import(&cr, p, tu_path("pcb.txt"), &e), 0);
	long long id;
	/* "I agree." is Paul's, line 5 */
	assert_int_equal(
		fw_code_lines(&id, p, "G1/Paul", NULL, 5, 5, "1.1", NULL, &e),
		0);
	fw_table *t;
	assert_int_equal(fw_coding_list(&t, p, "G1/Paul", NULL, &e), 0);
	assert_int_equal(t->nrows, 1);
	fw_table_free(t);
	assert_int_equal(fw_coding_list(&t, p, "G1/Janet", NULL, &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_schema),
	cmocka_unit_test(test_status_check_edited),
	cmocka_unit_test(test_busy_is_busy),
	cmocka_unit_test(test_busy_names_the_writer),
	cmocka_unit_test(test_failed_step_is_not_the_end),
	cmocka_unit_test(test_prepare_all), TU_MINI(test_row_writers),
	cmocka_unit_test(test_participant_cases));
