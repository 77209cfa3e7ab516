/*
 * test_project.c: the project store and the pipeline on a small study:
 * cases, ingest, codebook, auto-coding, manual coding, charts and cells.
 */
#include "testutil.h"

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

static const char sheet[] = "id,actor_group,district,sex\n"
			    "S2,staff,A,\n"
			    "C10,client,B,F\n"
			    "C2,client,A,M\n"
			    "S1,staff,B,\n"
			    "G1,staff,A,\n";

static const char c2_text[] =
	"Interview C2\n"                                  /* 1 */
	"\n"                                              /* 2 */
	"INTERVIEWER: Did you get the letter about it?\n" /* 3 */
	"\n"                                              /* 4 */
	"RESPONDENT: I got a letter. The letter said go in. I was worried.\n" /* 5 */
	"\n"                                           /* 6 */
	"I rang them about the letter the next day.\n" /* 7 */
	"\n"                                           /* 8 */
	"INTERVIEWER: And the adviser?\n"              /* 9 */
	"\n"                                           /* 10 */
	"RESPONDENT: She was nice. Really nice.\n";    /* 11 */

static const char g1_text[] = "Facilitator: What about the letter?\n"
			      "\n"
			      "Janet: The letter confuses people.\n"
			      "\n"
			      "Paul: I agree.\n";

static const char codebook[] = "1 Contact\n"
			       "  definition: First contact.\n"
			       "1.1 Letters\n"
			       "  rule: /\\bletter\\b/i\n"
			       "1.2 Advisers\n"
			       "  rule: /\\bnice\\b/ scope=utterance\n"
			       "2 Other\n";

static fw_project *study(const char *name)
{
	fw_project *p = tu_project(name);
	fw_error e;
	fw_error_clear(&e);
	TU_WRITE_STR(tu_path("cases.csv"), sheet);
	TU_WRITE_STR(tu_path("c2.txt"), c2_text);
	TU_WRITE_STR(tu_path("g1.txt"), g1_text);
	TU_WRITE_STR(tu_path("cb.txt"), codebook);
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, tu_path("cases.csv"), &e), 0);
	assert_int_equal(cr.rows, 5);
	assert_int_equal(cr.attributes, 3);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	fw_ingest_result r;
	o.case_name = "C2";
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2.txt"), &o, &e), 0);
	assert_int_equal(r.turns, 4);
	o.case_name = "G1";
	o.group = 1;
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("g1.txt"), &o, &e), 0);
	fw_codebook_result cb;
	if (fw_codebook_import(&cb, p, tu_path("cb.txt"), &e))
		fail_msg("%s", e.msg);
	assert_int_equal(cb.added, 4);
	assert_int_equal(cb.rules, 2);
	return p;
}

static void test_duplicate_ingest_and_names(void **s)
{
	(void)s;
	fw_project *p = study("dup.charter");
	fw_error e;
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	fw_ingest_result r;
	/* the same bytes again: detected by hash, nothing added */
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2.txt"), &o, &e), 0);
	assert_int_equal(r.duplicate, 1);
	assert_string_equal(r.name, "c2.txt");
	/* different bytes, same name: refused */
	TU_WRITE_STR(tu_path("c2b.txt"), "Q: Other?\n");
	o.name = "c2.txt";
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2b.txt"), &o, &e),
		FW_EEXISTS);
	assert_non_null(strstr(e.msg, "--name"));
	fw_project_free(p);
}

static void test_autocode(void **s)
{
	(void)s;
	fw_project *p = study("auto.charter");
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
	assert_string_equal(t->rows[0][7],
			    "I got a letter. The letter said go in.");
	assert_string_equal(t->rows[1][3], "L7");
	assert_string_equal(t->rows[1][7],
			    "I rang them about the letter the next day.");
	fw_table_free(t);
	/* utterance scope codes the whole turn */
	assert_int_equal(fw_coding_list(&t, p, "C2", "1.2", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][7], "She was nice. Really nice.");
	fw_table_free(t);
	/* group participants are coded, the facilitator is not */
	assert_int_equal(fw_coding_list(&t, p, "G1", "1.1", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][7], "The letter confuses people.");
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
	fw_project_free(p);
}

static void test_manual_coding_chart_and_cells(void **s)
{
	(void)s;
	fw_project *p = study("chart.charter");
	fw_error e;
	fw_autocode_result r;
	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	fw_table_free(r.per_code);
	long long id;
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 9, 11, "1.2", "ann", &e), 0);
	/* out of range, unknown case, unknown code */
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 5, 12, "1.2", NULL, &e),
		FW_EINVAL);
	assert_non_null(strstr(e.msg, "lines 1-11"));
	assert_int_equal(
		fw_code_lines(&id, p, "NOPE", NULL, 1, 2, "1.2", NULL, &e),
		FW_ENOTFOUND);
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 1, 2, "9.9", NULL, &e),
		FW_ENOTFOUND);
	/* a case without a transcript */
	assert_int_equal(
		fw_code_lines(&id, p, "S1", NULL, 1, 2, "1.2", NULL, &e),
		FW_ENOTFOUND);
	/* offsets */
	assert_int_equal(fw_code_span(&id, p, "c2.txt", 0, 12, "2", NULL, &e),
			 0);
	assert_int_equal(fw_code_span(&id, p, "c2.txt", 5, 5000, "2", NULL, &e),
			 FW_EINVAL);

	fw_diags dg = {0};
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Worried by the letter (L5*, L7)", NULL,
				     "ann", &e),
			 0);
	assert_int_equal(dg.n, 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1", "See L3",
				     NULL, NULL, &e),
			 0);
	assert_non_null(tu_diag(&dg, "not coded to 1.1: L3"));
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Worried by the letter (L5*, L7)", NULL,
				     "ann", &e),
			 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Beyond the end L10-40", NULL, NULL, &e),
			 FW_EINVAL);
	assert_non_null(strstr(e.msg, "outside C2's transcript (11 lines)"));
	/* agreement: only for groups, and single: names a participant */
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.2", "x",
				     "consensus", NULL, &e),
			 FW_EINVAL);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1",
				     "Letters confuse (L3*)", "single:Janet",
				     NULL, &e),
			 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1", "x",
				     "single:Facilitator", NULL, &e),
			 FW_EINVAL);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1", "x", "most",
				     NULL, &e),
			 FW_EINVAL);

	fw_table *t;
	const char *sort[] = {"district"};
	fw_chart_opts o = {.sort = sort, .nsort = 1};
	assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
	assert_int_equal(t->ncols, 4);
	assert_string_equal(t->cols[2], "1.1 Letters");
	assert_string_equal(t->cols[3], "1.2 Advisers");
	/* staff first (first in the sheet), district A before B, then names in
	 * natural order; clients C2 (A) before C10 (B) */
	const char *want[][2] = {{"staff", NULL},  {"G1", "staff"},
				 {"S2", "staff"},  {"S1", "staff"},
				 {"client", NULL}, {"C2", "client"},
				 {"C10", "client"}};
	assert_int_equal(t->nrows, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(t->rows[i][0], want[i][0]);
	assert_int_equal(t->kinds[0], FW_ROW_GROUP);
	assert_string_equal(t->rows[5][2], "Worried by the letter (L5*, L7)");
	/* references where no summary: rule coding L11 and the manual L9-11 */
	assert_string_equal(t->rows[5][3], "L9-11");
	/* a group row shows how the group held the view */
	assert_string_equal(t->rows[1][2],
			    "Letters confuse (L3*) [single:Janet]");
	assert_null(t->rows[2][2]);
	fw_table_free(t);
	/* --refs shows references even where summarised */
	fw_chart_opts o2 = {.refs_only = 1};
	assert_int_equal(fw_chart_build(&t, p, "1", &o2, &e), 0);
	assert_string_equal(t->rows[5][2], "L5, L7");
	fw_table_free(t);
	/* a sub-theme is not charted; a theme without sub-themes is one column
	 */
	assert_int_equal(fw_chart_build(&t, p, "1.1", NULL, &e), FW_EINVAL);
	assert_int_equal(fw_chart_build(&t, p, "2", NULL, &e), 0);
	assert_int_equal(t->ncols, 3);
	assert_string_equal(t->rows[5][2], "L1");
	fw_table_free(t);
	assert_int_equal(
		fw_chart_build(
			&t, p, "1",
			&(fw_chart_opts){.sort = (const char *[]){"nope"},
					 .nsort = 1},
			&e),
		FW_ENOTFOUND);

	/* report data: staff group, theme 1 */
	fw_rdata *d;
	assert_int_equal(fw_rdata_load(&d, p, "actor_group", &e), 0);
	assert_string_equal(d->themes[0].number, "1");
	assert_int_equal(d->themes[0].n, 2);
	int staff = 0, coded = 0, summaries = 0;
	const char *agreement = NULL;
	for (size_t i = 0; i < d->ncases; i++) {
		if (!d->cases[i].group || strcmp(d->cases[i].group, "staff"))
			continue;
		staff++;
		coded += d->cells[i * d->ncodes + d->themes[0].first].codings >
			 0;
		for (size_t k = d->themes[0].first;
		     k < d->themes[0].first + d->themes[0].n; k++)
			if (d->cells[i * d->ncodes + k].summary) {
				summaries++;
				agreement =
					d->cells[i * d->ncodes + k].agreement;
			}
	}
	assert_int_equal(coded, 1);
	assert_int_equal(staff, 3);
	assert_int_equal(summaries, 1);
	assert_string_equal(agreement, "single:Janet");
	fw_rdata_free(d);
	fw_project_free(p);
}

static void test_cases_import_errors(void **s)
{
	(void)s;
	fw_project *p = tu_project("sheet.charter");
	fw_error e;
	fw_cases_result r;
	struct {
		const char *csv;
		int line;
		const char *needle;
	} bad[] = {
		{"id,group\nA,x\nB\n", 3, "1 fields but the header has 2"},
		{"name,group\nA,x\n", 1, "no 'id' or 'case' column"},
		{"id,group\nA,x\nA,y\n", 3, "appears twice (first on line 2)"},
		{"id,group\nA,\"x\n", 2, "never closed"},
		{"id,group,group\nA,x,y\n", 1, "appears twice"},
		{"id,group\n,x\n", 2, "empty case id"},
		{"", 1, "empty sheet"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		TU_WRITE_STR(tu_path("bad.csv"), bad[i].csv);
		fw_error_clear(&e);
		assert_int_equal(fw_project_begin(p, &e), 0);
		assert_int_not_equal(
			fw_cases_import(&r, p, tu_path("bad.csv"), &e), 0);
		fw_project_rollback(p);
		if (e.line != bad[i].line || !strstr(e.msg, bad[i].needle))
			fail_msg("case %zu: want %d '%s', got %d '%s'", i,
				 bad[i].line, bad[i].needle, e.line, e.msg);
		assert_non_null(strstr(e.file, "bad.csv"));
	}
	fw_table *t;
	assert_int_equal(fw_cases_list(&t, p, &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	/* quoted fields with commas and newlines, multi-valued items */
	TU_WRITE_STR(
		tu_path("ok.csv"),
		"case,health,note\r\nA,\"mental health;other\",\"one, two\nthree\"\r\n");
	assert_int_equal(fw_cases_import(&r, p, tu_path("ok.csv"), &e), 0);
	assert_int_equal(fw_cases_list(&t, p, &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][2], "mental health;other");
	assert_string_equal(t->rows[0][3], "one, two\nthree");
	fw_table_free(t);
	fw_project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_duplicate_ingest_and_names),
		cmocka_unit_test(test_autocode),
		cmocka_unit_test(test_manual_coding_chart_and_cells),
		cmocka_unit_test(test_cases_import_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
