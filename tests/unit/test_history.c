/*
 * test_history.c: every writing verb is a history entry; undo restores
 * the project's content exactly (compared as a dump of every table), and
 * refuses, changing nothing, when a later change conflicts.
 */
#include "testutil.h"
#include "store.h"

/* Every row of every table but the history, in order, as text. */
static char *dump(fw_project *p)
{
	fw_buf b;
	fw_buf_init(&b);
	sqlite3_stmt *tabs, *st;
	assert_int_equal(
		sqlite3_prepare_v2(
			p->db,
			"SELECT name FROM sqlite_master WHERE type='table' AND "
			"name NOT LIKE 'history%' AND name NOT LIKE 'turn_fts%' "
			"AND name NOT LIKE 'turn_raw%' "
			"AND name NOT LIKE 'sqlite_%' ORDER BY name",
			-1, &tabs, NULL),
		SQLITE_OK);
	while (sqlite3_step(tabs) == SQLITE_ROW) {
		char sql[200];
		const char *t = (const char *)sqlite3_column_text(tabs, 0);
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY 1, 2",
			 t);
		assert_int_equal(sqlite3_prepare_v2(p->db, sql, -1, &st, NULL),
				 SQLITE_OK);
		fw_buf_printf(&b, "[%s]\n", t);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const unsigned char *v =
					sqlite3_column_text(st, i);
				fw_buf_printf(&b, "%s|",
					      v ? (const char *)v : "NULL");
			}
			fw_buf_putc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tabs);
	return fw_buf_detach(&b);
}

static void tally_right(fw_project *p, const char *when);

/* One recorded verb: its transaction, entry and work. */
#define VERB(p, name, work)                                                    \
	do {                                                                   \
		fw_error e_;                                                   \
		fw_error_clear(&e_);                                           \
		assert_int_equal(fw_project_begin(p, &e_), 0);                 \
		assert_int_equal(fw_history_record(p, name, "", NULL, &e_),    \
				 0);                                           \
		if (work)                                                      \
			fail_msg("%s: %s", name, e_.msg);                      \
		assert_int_equal(fw_project_commit(p, &e_), 0);                \
	} while (0)
#define E (&e_)

static void undo_last(fw_project *p, const char *want_verb)
{
	fw_table *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	if (fw_history_undo(&t, p, 0, 0, NULL, &e))
		fail_msg("undo: %s", e.msg);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(fw_table_cell(t, 0, 1), want_verb);
	fw_table_free(t);
}

static int ingest(fw_project *p, const char *file, const char *cs,
		  fw_error *err)
{
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.case_name = cs;
	o.group = !strcmp(cs, "G1");
	fw_ingest_result r;
	return fw_source_ingest(&r, NULL, p, file, &o, err);
}

static int autocode(fw_project *p, fw_error *err)
{
	fw_autocode_result ar;
	memset(&ar, 0, sizeof ar);
	int rc = fw_autocode_run(&ar, p, 0, err);
	fw_table_free(ar.per_code);
	return rc;
}

static int cells(fw_project *p, fw_error *err)
{
	int n = 0;
	fw_diags warn = {0};
	int rc = fw_cell_import(&n, &warn, p, TU_FX "summaries.csv", err);
	fw_diags_dispose(&warn);
	return rc ? rc : n > 0 ? 0 : -1;
}

static int codebook(fw_project *p, fw_error *err)
{
	fw_codebook_result cb;
	return fw_codebook_import(&cb, p, TU_FX "codebook.txt", err);
}

static int sheet(fw_project *p, fw_error *err)
{
	fw_cases_result cr;
	return fw_cases_import(&cr, p, TU_FX "cases.csv", err);
}

/* ingest, autocode and a cell import each undone to the dump before */
static void test_undo_restores(void **s)
{
	(void)s;
	fw_project *p = tu_project("undo.charter");
	VERB(p, "cases import", sheet(p, E));
	char *d0 = dump(p);
	VERB(p, "ingest", ingest(p, TU_FX "c01.txt", "C01", E));
	VERB(p, "ingest", ingest(p, TU_FX "c02.txt", "C02", E));
	VERB(p, "ingest", ingest(p, TU_FX "g1.txt", "G1", E));
	char *d1 = dump(p);
	undo_last(p, "ingest");
	undo_last(p, "ingest");
	undo_last(p, "ingest");
	char *d = dump(p);
	assert_string_equal(d, d0);
	free(d);
	VERB(p, "ingest", ingest(p, TU_FX "c01.txt", "C01", E));
	VERB(p, "ingest", ingest(p, TU_FX "c02.txt", "C02", E));
	VERB(p, "ingest", ingest(p, TU_FX "g1.txt", "G1", E));
	VERB(p, "codebook import", codebook(p, E));
	char *d2 = dump(p);
	VERB(p, "autocode", autocode(p, E));
	char *d3 = dump(p);
	assert_string_not_equal(d2, d3);
	VERB(p, "cell import", cells(p, E));
	undo_last(p, "cell import");
	d = dump(p);
	assert_string_equal(d, d3);
	free(d);
	undo_last(p, "autocode");
	d = dump(p);
	assert_string_equal(d, d2);
	free(d);
	/* the log: an entry per verb, the undone marked */
	fw_table *t;
	fw_error e;
	assert_int_equal(fw_history_list(&t, p, 0, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 3), "cases import");
	assert_string_equal(fw_table_cell(t, 1, 5), "7"); /* undone by 7 */
	assert_string_equal(fw_table_cell(t, t->nrows - 1, 3), "undo 12");
	fw_table_free(t);
	/* nothing more to undo but the sheet and two ingests */
	fw_table *u;
	assert_int_equal(fw_history_undo(&u, p, 1, 0, NULL, &e), 0);
	assert_int_equal(u->nrows, 5); /* codebook, 3 ingests, the sheet */
	fw_table_free(u);
	assert_int_equal(fw_history_undo(&u, p, 0, 0, NULL, &e), FW_ENOTFOUND);
	assert_string_equal(e.msg, "nothing to undo");
	d = dump(p);
	assert_non_null(strstr(d, "[case]\n[case_source]"));
	free(d);
	free(d0);
	free(d1);
	free(d2);
	free(d3);
	fw_project_free(p);
}

/* a later change in the way: refused, named, nothing changed */
static void test_undo_conflict(void **s)
{
	(void)s;
	fw_project *p = tu_project("conflict.charter");
	VERB(p, "cases import", sheet(p, E));
	VERB(p, "ingest", ingest(p, TU_FX "c01.txt", "C01", E));
	VERB(p, "codebook import", codebook(p, E));
	long long id = 0;
	VERB(p, "code add",
	     fw_code_lines(&id, p, "C01", NULL, 5, 5, "2.1", NULL, E));
	long long first = id;
	VERB(p, "code add",
	     fw_code_lines(&id, p, "C01", NULL, 7, 7, "2.2", NULL, E));
	VERB(p, "code remove", fw_coding_remove(p, first, E));
	char *before = dump(p);
	fw_table *u = NULL;
	fw_error e;
	fw_error_clear(&e);
	/* entry 4 added the coding entry 6 removed */
	assert_int_equal(fw_history_undo(&u, p, 4, 1, NULL, &e), FW_EINVAL);
	assert_null(u);
	assert_non_null(strstr(e.msg, "cannot undo entry 4 (code add)"));
	assert_non_null(strstr(e.msg, "by entry 6 (code remove)"));
	/* entry 3 made the code entry 5 coded to */
	assert_int_equal(fw_history_undo(&u, p, 3, 1, NULL, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "would be left without its code"));
	assert_non_null(strstr(e.msg, "by entry 5 (code add)"));
	char *after = dump(p);
	assert_string_equal(before, after);
	free(after);
	assert_int_equal(fw_history_undo(&u, p, 99, 0, NULL, &e), FW_ENOTFOUND);
	assert_string_equal(e.msg, "no history entry 99");
	/* back to entry 3: 6, 5, 4 and 3 in turn, newest first */
	assert_int_equal(fw_history_undo(&u, p, 3, 0, NULL, &e), 0);
	assert_int_equal(u->nrows, 4);
	assert_string_equal(fw_table_cell(u, 0, 0), "6");
	fw_table_free(u);
	assert_int_equal(fw_history_undo(&u, p, 4, 1, NULL, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "undone by entry 7 already"));
	free(before);
	fw_project_free(p);
}

/* a verb that changes nothing is no entry; one that fails leaves none */
static void test_no_entry(void **s)
{
	(void)s;
	fw_project *p = tu_project("none.charter");
	fw_error e;
	VERB(p, "autocode", autocode(p, E));
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_history_record(p, "ingest", "", NULL, &e), 0);
	assert_int_not_equal(ingest(p, TU_FX "missing.txt", "C01", &e), 0);
	fw_project_rollback(p);
	fw_table *t;
	assert_int_equal(fw_history_list(&t, p, 0, &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	fw_project_free(p);
}

/* a codebook merge (codings, cells, references, rules moved; a code
 * removed) undone to the dump before */
static void test_undo_merge(void **s)
{
	fw_project *p = *s;
	char *before = dump(p);
	long moved = 0;
	VERB(p, "codebook merge",
	     fw_codebook_merge(&moved, p, "1.2", "1.1", E));
	assert_true(moved > 0);
	char *merged = dump(p);
	assert_string_not_equal(before, merged);
	undo_last(p, "codebook merge");
	char *after = dump(p);
	assert_string_equal(before, after);
	free(before);
	free(merged);
	free(after);
}

/* A verb that changes many rows writes its history in parts as it goes
 * (review, a window of ids at a time here); auto-coding's codings are kept
 * by range, not row by row.  Undo applies the parts last first and takes
 * the range away, and restores the project exactly; a part left by a
 * failed verb goes with its rollback. */
static void test_history_parts(void **s)
{
	(void)s;
	fw_project *p = tu_project("parts.charter");
	VERB(p, "cases", sheet(p, E));
	VERB(p, "ingest",
	     ingest(p, TU_FX "c01.txt", "C01", E) ||
		     ingest(p, TU_FX "c02.txt", "C02", E) ||
		     ingest(p, TU_FX "g1.txt", "G1", E));
	VERB(p, "codebook", codebook(p, E));
	char *before = dump(p);
	p->history_part = 1; /* a part after every window of one */
	VERB(p, "autocode", autocode(p, E));
	static const char *const cols[] = {"n"};
	fw_table *t;
	fw_error e;
	/* the ten codings by range: one row, ten codings, none in a chunk */
	assert_int_equal(
		fw_query_int(p, -1,
			     "SELECT count(*) FROM history_added WHERE "
			     "entry=(SELECT max(id) FROM history)",
			     ""),
		1);
	/* and the ingest's three transcripts by their ids */
	assert_int_equal(fw_query_int(p, -1,
				      "SELECT count(*) FROM history_added h "
				      "JOIN source s ON s.id BETWEEN h.lo AND "
				      "h.hi WHERE h.tab='source'",
				      ""),
			 3);
	assert_int_equal(fw_query_int(p, -1,
				      "SELECT sum(n) FROM history_added WHERE "
				      "entry=(SELECT max(id) FROM history)",
				      ""),
			 10);
	assert_int_equal(fw_query_int(p, -1,
				      "SELECT sum(length(data)) < 2000 FROM "
				      "history_chunk WHERE entry=(SELECT "
				      "max(id) FROM history)",
				      ""),
			 1);
	/* the entry says all it did */
	assert_int_equal(fw_history_list(&t, p, 1, &e), 0);
	if (strcmp(fw_table_cell(t, 0, 4), "codings +10, coders +1"))
		fail_msg("changes: %s", fw_table_cell(t, 0, 4));
	fw_table_free(t);
	char *coded = dump(p);
	long changed;
	fw_review_filter all = {0};
	VERB(p, "review accept",
	     fw_review_decide(&changed, p, &all, FW_CONFIRMED, NULL, E));
	assert_int_equal(fw_table_query(&t, p, &e, cols, 1,
					"SELECT count(DISTINCT part) FROM "
					"history_chunk WHERE entry=(SELECT "
					"max(id) FROM history)",
					""),
			 0);
	assert_true(atoi(t->rows[0][0]) >= 3);
	fw_table_free(t);
	undo_last(p, "review accept");
	char *after = dump(p);
	assert_string_equal(coded, after);
	free(after);
	free(coded);
	undo_last(p, "autocode");
	tally_right(p, "an entry by range undone");
	after = dump(p);
	assert_string_equal(before, after);
	free(after);
	/* a failed verb's parts go with it */
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_history_record(p, "autocode", "", NULL, &e), 0);
	assert_int_equal(autocode(p, &e), 0);
	fw_project_rollback(p);
	after = dump(p);
	assert_string_equal(before, after);
	free(after);
	free(before);
	fw_project_free(p);
}

/* Auto-coding's codings, kept by range: undoing it after a review that
 * decided some is refused, naming the review, and allowed once the review
 * is undone; a redo puts back exactly the codings it took away, and the
 * entry, in effect again, can be undone again. */
static void test_history_range(void **s)
{
	(void)s;
	fw_project *p = tu_project("range.charter");
	VERB(p, "cases", sheet(p, E));
	VERB(p, "ingest",
	     ingest(p, TU_FX "c01.txt", "C01", E) ||
		     ingest(p, TU_FX "c02.txt", "C02", E));
	VERB(p, "codebook", codebook(p, E));
	char *before = dump(p);
	VERB(p, "autocode", autocode(p, E));
	long long ac = fw_query_int(p, 0, "SELECT max(id) FROM history", "");
	char *coded = dump(p);
	long changed;
	fw_review_filter all = {0};
	VERB(p, "review accept",
	     fw_review_decide(&changed, p, &all, FW_CONFIRMED, NULL, E));
	assert_true(changed > 0);
	fw_table *t = NULL;
	fw_error e;
	assert_int_not_equal(fw_history_undo(&t, p, ac, 1, NULL, &e), 0);
	if (!strstr(e.msg, "have been changed since by entry") ||
	    !strstr(e.msg, "(review accept); undo it first"))
		fail_msg("refusal: %s", e.msg);
	char *now = dump(p);
	undo_last(p, "review accept");
	free(now);
	now = dump(p);
	assert_string_equal(now, coded);
	free(now);
	undo_last(p, "autocode");
	now = dump(p);
	assert_string_equal(now, before);
	free(now);
	tally_right(p, "autocode by range undone");
	assert_int_equal(fw_history_redo(&t, p, NULL, &e), 0);
	fw_table_free(t);
	now = dump(p);
	assert_string_equal(now, coded);
	free(now);
	tally_right(p, "autocode by range redone");
	/* undone and redone, the entry is in effect again: undo it again */
	undo_last(p, "autocode");
	now = dump(p);
	assert_string_equal(now, before);
	free(now);
	free(coded);
	free(before);
	fw_project_free(p);
}

/* The coding tally holds what counting the codings gives, and its three
 * triggers are there. */
static void tally_right(fw_project *p, const char *when)
{
	static const char *const q[] = {
		"SELECT count(*) FROM (SELECT code_id, source_id, status, "
		"count(*) FROM coding GROUP BY 1, 2, 3 EXCEPT SELECT code_id, "
		"source_id, status, n FROM coding_tally)",
		"SELECT count(*) FROM (SELECT code_id, source_id, status, n FROM "
		"coding_tally EXCEPT SELECT code_id, source_id, status, count(*) "
		"FROM coding GROUP BY 1, 2, 3)",
		"SELECT 3 - count(*) FROM sqlite_master WHERE type='trigger' AND "
		"name LIKE 'coding_tally_%'"};
	for (int i = 0; i < 3; i++)
		if (fw_query_int(p, -1, q[i], ""))
			fail_msg("tally after %s: %s", when, q[i]);
}

/* the tally follows every writer: bulk ones (triggers off, counted
 * afresh), single edits, cascades, undo's changesets and rollbacks */
static void test_tally(void **s)
{
	(void)s;
	fw_project *p = tu_project("tally.charter");
	fw_error e;
	VERB(p, "cases import", sheet(p, E));
	VERB(p, "ingest", ingest(p, TU_FX "c01.txt", "C01", E));
	VERB(p, "ingest", ingest(p, TU_FX "c02.txt", "C02", E));
	VERB(p, "codebook import", codebook(p, E));
	VERB(p, "autocode", autocode(p, E));
	assert_true(fw_query_int(p, 0, "SELECT sum(n) FROM coding_tally", "") >
		    0);
	tally_right(p, "autocode");
	long changed = 0;
	fw_review_filter all = {0};
	VERB(p, "review accept",
	     fw_review_decide(&changed, p, &all, FW_CONFIRMED, NULL, E));
	tally_right(p, "review accept --all");
	long long id = 0;
	VERB(p, "code add",
	     fw_code_lines(&id, p, "C01", NULL, 5, 5, "2.1", NULL, E));
	fw_review_filter one = {
		.id = fw_query_int(p, 0,
				   "SELECT min(id) FROM coding WHERE "
				   "origin='rule'",
				   "")};
	VERB(p, "review reject",
	     fw_review_decide(&changed, p, &one, FW_REJECTED, NULL, E));
	VERB(p, "code move", fw_coding_move(p, id, "2.2", NULL, E));
	tally_right(p, "single edits");
	long codings = 0, cells = 0;
	VERB(p, "codebook delete",
	     fw_codebook_delete(&codings, &cells, p, "1", 1, E));
	assert_true(codings > 0);
	tally_right(p, "a code deleted with its codings (cascade)");
	int nc = 0, refs = 0;
	VERB(p, "source remove", fw_source_remove(p, "c02.txt", &nc, &refs, E));
	tally_right(p, "a source removed");
	fw_table *u = NULL;
	fw_error_clear(&e);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(fw_history_undo(&u, p, 0, 0, NULL, &e), 0);
		fw_table_free(u);
		tally_right(p, "undo");
	}
	assert_int_equal(fw_history_redo(&u, p, NULL, &e), 0);
	fw_table_free(u);
	tally_right(p, "redo");
	/* a bulk writer rolled back: its dropped triggers come back */
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_history_record(p, "autocode", "", NULL, &e), 0);
	assert_int_equal(autocode(p, &e), 0);
	fw_project_rollback(p);
	tally_right(p, "a rolled back autocode");
	/* the project through REFI-QDA into another, and merged back */
	fw_refi_counts rc;
	const char *qdpx = tu_path("tally.qdpx");
	assert_int_equal(fw_refi_export(&rc, p, qdpx, &e), 0);
	fw_project *q = tu_project("tally-back.charter");
	fw_refi_result rr;
	VERB(q, "import", fw_refi_import(&rr, q, qdpx, E));
	fw_refi_result_dispose(&rr);
	assert_true(fw_query_int(q, 0, "SELECT count(*) FROM coding", "") > 0);
	tally_right(q, "a REFI-QDA import");
	/* its codings and transcripts are recorded by range: undone, none
	 * is left; redone, all are back as imported, linked to their rules */
	char *imported = dump(q);
	undo_last(q, "import");
	tally_right(q, "an import undone");
	assert_int_equal(fw_query_int(q, -1,
				      "SELECT count(*) + (SELECT count(*) FROM "
				      "source) FROM coding",
				      ""),
			 0);
	fw_table *t = NULL;
	assert_int_equal(fw_history_redo(&t, q, NULL, &e), 0);
	fw_table_free(t);
	char *again = dump(q);
	assert_string_equal(imported, again);
	assert_true(fw_query_int(q, 0,
				 "SELECT count(*) FROM coding WHERE rule_id IS "
				 "NOT NULL",
				 "") > 0);
	free(again);
	free(imported);
	tally_right(q, "an import redone");
	fw_project_free(q);
	fw_project *o = tu_project("tally-other.charter");
	VERB(o, "cases import", sheet(o, E));
	VERB(o, "ingest", ingest(o, TU_FX "c01.txt", "C01", E));
	VERB(o, "codebook import", codebook(o, E));
	VERB(o, "autocode", autocode(o, E));
	fw_project_free(o);
	fw_merge_result mr;
	assert_int_equal(fw_merge(&mr, p, tu_path("tally-other.charter"), 0, "",
				  NULL, &e),
			 0);
	fw_merge_result_dispose(&mr);
	tally_right(p, "a merge");
	fw_project_free(p);
}

/* One hand coding of lines l1-l2 by coder, as its own entry. */
static void code_as(fw_project *p, const char *coder, int l1, int l2,
		    const char *code)
{
	fw_error e;
	fw_error_clear(&e);
	long long id;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_history_record(p, "code add", "", coder, &e), 0);
	if (fw_code_lines(&id, p, "C01", NULL, l1, l2, code, coder, &e))
		fail_msg("code add: %s", e.msg);
	assert_int_equal(fw_project_commit(p, &e), 0);
}

/* the workbench's undo and redo: each coder's own, while others edit */
static void test_redo(void **s)
{
	(void)s;
	fw_project *p = tu_project("redo.charter");
	VERB(p, "cases import", sheet(p, E));
	VERB(p, "ingest", ingest(p, TU_FX "c01.txt", "C01", E));
	VERB(p, "codebook import", codebook(p, E));
	char *d0 = dump(p);
	code_as(p, "ana", 5, 5, "2.1");
	char *d1 = dump(p);
	code_as(p, "ana", 7, 7, "2.2");
	char *d2 = dump(p);
	code_as(p, "bo", 9, 9, "2.2");
	char *d3 = dump(p);
	fw_table *u = NULL;
	fw_error e;
	fw_error_clear(&e);
	/* ana undoes her own newest (entry 5), not bo's newer one */
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), 0);
	assert_string_equal(fw_table_cell(u, 0, 0), "5");
	fw_table_free(u);
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), 0);
	assert_string_equal(fw_table_cell(u, 0, 0), "4");
	fw_table_free(u);
	/* bo's coding alone is left of the three */
	assert_int_equal(fw_query_int(p, 0, "SELECT count(*) FROM coding", ""),
			 1);
	/* redo steps forward again: entry 4's coding back, then entry 5's */
	assert_int_equal(fw_history_redo(&u, p, "ana", &e), 0);
	assert_string_equal(fw_table_cell(u, 0, 1), "undo 4");
	fw_table_free(u);
	assert_int_equal(fw_history_redo(&u, p, "ana", &e), 0);
	assert_string_equal(fw_table_cell(u, 0, 1), "undo 5");
	fw_table_free(u);
	char *d = dump(p);
	assert_string_equal(d, d3);
	free(d);
	assert_int_equal(fw_history_redo(&u, p, "ana", &e), FW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "ana has nothing to redo"));
	/* what was redone is undone again, and a redo is not undone */
	assert_int_equal(fw_history_undo(&u, p, 10, 1, NULL, &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "is a redo"));
	assert_int_equal(fw_history_undo_mine(&u, p, "bo", &e), 0);
	fw_table_free(u);
	d = dump(p);
	assert_string_equal(d, d2);
	free(d);
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), 0);
	assert_string_equal(fw_table_cell(u, 0, 0), "5");
	fw_table_free(u);
	d = dump(p);
	assert_string_equal(d, d1);
	free(d);
	/* a change after an undo: nothing left to redo */
	code_as(p, "ana", 11, 11, "2.1");
	assert_int_equal(fw_history_redo(&u, p, "ana", &e), FW_ENOTFOUND);
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), 0);
	fw_table_free(u);
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), 0);
	fw_table_free(u);
	d = dump(p);
	assert_string_equal(d, d0);
	free(d);
	assert_int_equal(fw_history_undo_mine(&u, p, "ana", &e), FW_ENOTFOUND);
	assert_string_equal(e.msg, "ana has nothing to undo");
	free(d0);
	free(d1);
	free(d2);
	free(d3);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_history_parts),
	cmocka_unit_test(test_history_range), cmocka_unit_test(test_redo),
	cmocka_unit_test(test_tally), cmocka_unit_test(test_undo_restores),
	TU_CHARTED(test_undo_merge), cmocka_unit_test(test_undo_conflict),
	cmocka_unit_test(test_no_entry));
