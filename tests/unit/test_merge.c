/*
 * test_merge.c: charter merge: two coders' copies of one study merged,
 * codings unioned per coder, a renamed code and a renamed transcript
 * matched, a code that cannot come in kept back, differing cells kept as
 * conflicts and resolved, idempotence, symmetry, a dry run, undo, and the
 * refusals (not a project, the project itself).
 */
#include "testutil.h"

#include "store.h"

#include <sys/stat.h>

/* A project file copied over another, without the old one's journal. */
static void copy_file(const char *from, const char *to)
{
	char cmd[1800];
	snprintf(cmd, sizeof cmd, "rm -f '%s-wal' '%s-shm' && cp '%s' '%s'", to,
		 to, from, to);
	assert_int_equal(system(cmd), 0);
}

static fw_project *open_rw(const char *path)
{
	fw_project *p = NULL;
	fw_error e;
	if (fw_project_open(&p, path, FW_OPEN_RW, &e))
		fail_msg("%s", e.msg);
	return p;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Everything a merge must carry, as sorted lines independent of ids and
 * of which project is which: sources by text, codes, cases, codings (by
 * coder), cell summaries with their conflicts, memos. */
static char *content(fw_project *p)
{
	static const char *const parts[] = {
		"SELECT 'S ' || sha256 FROM source",
		"SELECT 'K ' || guid || ' ' || number FROM code",
		"SELECT 'C ' || guid || ' ' || name FROM \"case\"",
		"SELECT 'G ' || s.sha256 || ' ' || k.guid || ' ' || g.start || "
		"'-' || g.\"end\" || ' ' || g.origin || ' ' || g.status || ' ' "
		"|| coalesce(w.name, '-') || ' ' || coalesce(v.name, '-') FROM "
		"coding g JOIN source s ON s.id = g.source_id JOIN code k ON "
		"k.id = g.code_id LEFT JOIN coder w ON w.id = g.coder_id LEFT "
		"JOIN coder v ON v.id = g.reviewer_id",
		"SELECT 'L ' || c.guid || ' ' || k.guid || ' ' || l.summary FROM "
		"cell l JOIN \"case\" c ON c.id = l.case_id JOIN code k ON k.id "
		"= l.code_id WHERE coalesce(l.summary, '') <> '' UNION ALL "
		"SELECT 'L ' || c.guid || ' ' || k.guid || ' ' || f.summary FROM "
		"cell_conflict f JOIN \"case\" c ON c.id = f.case_id JOIN code k "
		"ON k.id = f.code_id",
		"SELECT 'M ' || guid || ' ' || text FROM memo"};
	char **v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		sqlite3_stmt *st;
		fw_error e;
		if (fw_query(&st, p, &e, parts[i], ""))
			fail_msg("%s", e.msg);
		while (fw_row(p, st)) {
			v = fw_xpush(v, n, sizeof *v);
			v[n++] = fw_xstrdup(
				(const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
	qsort(v, n, sizeof *v, cmp_str);
	fw_buf b;
	fw_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		fw_buf_printf(&b, "%s\n", v[i]);
		free(v[i]);
	}
	free(v);
	return fw_buf_detach(&b);
}

static fw_merge_result merge(fw_project *p, const char *other, int dry,
			     int want)
{
	fw_merge_result r;
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_merge(&r, p, other, dry, other, "merger", &e);
	if (rc != want)
		fail_msg("merge %s: want %d, got %d (%s)", other, want, rc,
			 e.msg);
	return r;
}

static const char *diag(const fw_merge_result *r, const char *needle)
{
	for (size_t i = 0; i < r->diags.n; i++)
		if (strstr(r->diags.v[i].msg, needle))
			return r->diags.v[i].msg;
	return NULL;
}

/* The study, then a copy each for alice and bob, who index and chart
 * apart: alice C2's lines 5 and 11, a cell, a memo; bob line 5 too, line
 * 7, a differing summary of the same cell, a summary of another, a new
 * code 2.1 "Sanctions" (and one coding of it), 1.2 renamed, and the
 * group transcript under another name. */
static void two_copies(fw_project *base, char *a, char *b)
{
	fw_error e;
	fw_diags dg;
	fw_diags_init(&dg);
	char *path = fw_xstrdup(base->path);
	fw_project_free(base);
	snprintf(a, 512, "%s", tu_path("alice.charter"));
	snprintf(b, 512, "%s", tu_path("bob.charter"));
	copy_file(path, a);
	copy_file(path, b);
	free(path);
	fw_project *pa = open_rw(a), *pb = open_rw(b);
	tu_code_lines(pa, "C2", 5, 5, "1.1", "alice");
	tu_code_lines(pa, "C2", 11, 11, "1.2", "alice");
	assert_int_equal(fw_cell_set(&dg, pa, "C2", "1.1", "Got a letter L5",
				     NULL, "alice", &e),
			 0);
	long long mid;
	assert_int_equal(fw_memo_add(&mid, pa,
				     &(fw_memo_target){.case_name = "C2"},
				     "analytic", NULL, "Worried by letters",
				     "alice", &e),
			 0);
	tu_code_lines(pb, "C2", 5, 5, "1.1", "bob");
	tu_code_lines(pb, "C2", 7, 7, "1.1", "bob");
	assert_int_equal(fw_cell_set(&dg, pb, "C2", "1.1",
				     "Letter said go in L5-7", NULL, "bob", &e),
			 0);
	assert_int_equal(
		fw_cell_set(&dg, pb, "C2", "1.2", "Nice L11", NULL, "bob", &e),
		0);
	assert_int_equal(fw_codebook_add(pb, "2.1", "Sanctions", NULL, &e), 0);
	tu_code_lines(pb, "C2", 7, 7, "2.1", "bob");
	assert_int_equal(fw_codebook_rename(pb, "1.2", "Adviser contact", &e),
			 0);
	assert_int_equal(fw_source_rename(pb, "g1.txt", "group-1.txt", &e), 0);
	fw_project_free(pa);
	fw_project_free(pb);
	fw_diags_dispose(&dg);
}

static void test_merge_two_coders(void **s)
{
	char a[512], b[512];
	two_copies(*s, a, b);
	*s = NULL;
	char a0[512], b0[512];
	snprintf(a0, sizeof a0, "%s", tu_path("alice0.charter"));
	snprintf(b0, sizeof b0, "%s", tu_path("bob0.charter"));
	copy_file(a, a0);
	copy_file(b, b0);
	fw_project *pa = open_rw(a);
	/* a dry run changes nothing, and says what would come */
	char *before = content(pa);
	fw_merge_result r = merge(pa, b, 1, 0);
	assert_int_equal(r.codings_added, 3);
	fw_merge_result_dispose(&r);
	char *after = content(pa);
	assert_string_equal(before, after);
	free(after);
	r = merge(pa, b, 0, 0);
	assert_int_equal(r.sources_added, 0);
	assert_int_equal(r.sources_matched, 2);
	assert_int_equal(r.sources_renamed, 1); /* group-1.txt is g1.txt */
	assert_non_null(diag(&r, "group-1.txt of bob.charter is g1.txt here"));
	assert_int_equal(r.codes_added, 1);
	assert_int_equal(r.codes_renamed, 1);
	assert_non_null(diag(&r, "'Advisers' here and 'Adviser contact'"));
	assert_int_equal(r.coders_added, 1);
	assert_int_equal(r.codings_added, 3); /* bob's 1.1 twice, 2.1 */
	assert_int_equal(r.codings_kept_back, 0);
	assert_int_equal(r.cells_added, 1);
	assert_int_equal(r.cells_conflicting, 1);
	assert_non_null(diag(&r, "cell C2 1.1: the summary bob wrote"));
	fw_merge_result_dispose(&r);
	/* alice's and bob's identical coding of line 5: one each */
	assert_int_equal(
		fw_query_int(pa, 0,
			     "SELECT count(*) FROM coding g JOIN code k "
			     "ON k.id = g.code_id WHERE k.number = "
			     "'1.1' AND g.line_start = 5",
			     ""),
		2);
	/* the merge is one entry; the name here kept */
	assert_int_equal(
		fw_query_int(pa, 0,
			     "SELECT count(*) FROM code WHERE number = "
			     "'1.2' AND name = 'Advisers'",
			     ""),
		1);
	/* twice: nothing more */
	char *once = content(pa);
	r = merge(pa, b, 0, 0);
	assert_int_equal(r.codings_added + r.cells_added + r.cells_conflicting +
				 r.memos_added + r.codes_added +
				 r.sources_added + r.coders_added +
				 r.changes_carried + r.log_carried,
			 0);
	assert_int_equal(r.codings_there, 3);
	fw_merge_result_dispose(&r);
	char *twice = content(pa);
	assert_string_equal(once, twice);
	free(twice);
	/* the other way round: the same content */
	fw_project *pb = open_rw(b0);
	r = merge(pb, a0, 0, 0);
	fw_merge_result_dispose(&r);
	char *back = content(pb);
	assert_string_equal(once, back);
	free(back);
	fw_project_free(pb);
	/* the conflict resolved: bob's summary taken */
	fw_table *t = NULL;
	fw_error e;
	assert_int_equal(fw_cell_conflicts(&t, pa, "C2", "1.1", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(fw_table_cell(t, 0, 3), "bob");
	assert_string_equal(fw_table_cell(t, 0, 6), "Letter said go in L5-7");
	fw_table_free(t);
	assert_int_equal(
		fw_cell_resolve(NULL, pa, "C2", "1.1", 2, NULL, "alice", &e),
		FW_EINVAL);
	assert_int_equal(
		fw_cell_resolve(NULL, pa, "C2", "1.1", 1, NULL, "alice", &e),
		0);
	assert_int_equal(fw_query_int(pa, 0,
				      "SELECT count(*) FROM "
				      "cell_conflict",
				      ""),
			 0);
	assert_int_equal(
		fw_cell_resolve(NULL, pa, "C2", "1.1", 0, NULL, "alice", &e),
		FW_ENOTFOUND);
	fw_table *cell = NULL;
	assert_int_equal(fw_cell_get(&cell, pa, "C2", "1.1", &e), 0);
	assert_string_equal(fw_table_cell(cell, 0, 2),
			    "Letter said go in L5-7");
	fw_table_free(cell);
	free(once);
	free(before);
	fw_project_free(pa);
}

/* A code the other project numbered as this one's different code: kept
 * back with its codings, named, and nothing of it lost from either. */
static void test_merge_kept_back(void **s)
{
	char a[512], b[512];
	two_copies(*s, a, b);
	*s = NULL;
	fw_project *pa = open_rw(a);
	fw_error e;
	assert_int_equal(fw_codebook_add(pa, "2.1", "Savings", NULL, &e), 0);
	long long codes = fw_query_int(pa, 0, "SELECT count(*) FROM code", "");
	fw_merge_result r = merge(pa, b, 0, 0);
	assert_int_equal(r.codes_kept_back, 1);
	assert_int_equal(r.codings_kept_back, 1);
	assert_non_null(diag(&r, "code 2.1 'Sanctions' of bob.charter is kept "
				 "back: 2.1 is another code here"));
	assert_non_null(diag(&r, "coding kept back: c2.txt L7 2.1 by bob"));
	fw_merge_result_dispose(&r);
	assert_int_equal(fw_query_int(pa, 0, "SELECT count(*) FROM code", ""),
			 codes);
	/* a tampered coding (its span past the transcript's end) is kept
	 * back and named, the rest merged */
	fw_project *pb = open_rw(b);
	assert_int_equal(fw_exec(pb,
				 "UPDATE coding SET \"end\" = 1000000000 WHERE "
				 "line_start = 7 AND code_id = (SELECT id FROM "
				 "code WHERE number = '1.1')",
				 &e),
			 0);
	fw_project_free(pb);
	r = merge(pa, b, 0, 0);
	assert_int_equal(r.codings_kept_back, 2);
	assert_non_null(diag(&r, "its span, origin or status is not one"));
	fw_merge_result_dispose(&r);
	/* bob's other codings came in all the same */
	assert_int_equal(
		fw_query_int(pa, 0,
			     "SELECT count(*) FROM coding g JOIN coder "
			     "w ON w.id = g.coder_id WHERE w.name = "
			     "'bob'",
			     ""),
		2);
	fw_project_free(pa);
}

/* Undo takes the whole merge back; bad partners change nothing. */
static void test_merge_undo_and_refusals(void **s)
{
	char a[512], b[512];
	two_copies(*s, a, b);
	*s = NULL;
	fw_project *pa = open_rw(a);
	char *before = content(pa);
	fw_merge_result r = merge(pa, b, 0, 0);
	fw_merge_result_dispose(&r);
	fw_table *t = NULL;
	fw_error e;
	assert_int_equal(fw_history_undo(&t, pa, 0, 0, NULL, &e), 0);
	fw_table_free(t);
	char *after = content(pa);
	assert_string_equal(before, after);
	assert_int_equal(
		fw_query_int(pa, -1, "SELECT count(*) FROM carried_log", ""),
		0);
	free(after);
	/* not a project; the project itself; missing */
	const char *junk = tu_path("junk.charter");
	TU_WRITE_STR(junk, "not a database at all\n");
	r = merge(pa, junk, 0, FW_EIO);
	fw_merge_result_dispose(&r);
	r = merge(pa, a, 0, FW_EINVAL);
	fw_merge_result_dispose(&r);
	r = merge(pa, tu_path("nope.charter"), 0, FW_EIO);
	fw_merge_result_dispose(&r);
	/* a cut project file */
	const char *cut = tu_path("cut.charter");
	copy_file(b, cut);
	assert_int_equal(truncate(cut, 8192), 0);
	fw_merge_result rc;
	int code = fw_merge(&rc, pa, cut, 0, "x", NULL, &e);
	assert_true(code != 0);
	fw_merge_result_dispose(&rc);
	after = content(pa);
	assert_string_equal(before, after);
	free(after);
	free(before);
	fw_project_free(pa);
}

/* A copy that came through REFI-QDA (its sources hold only the text, so
 * their SHA-256 may be another): matched by the text. */
static void test_merge_imported_copy(void **s)
{
	char a[512], b[512];
	two_copies(*s, a, b);
	*s = NULL;
	fw_project *pb = open_rw(b);
	fw_error e;
	fw_refi_counts n;
	const char *x = tu_path("bob.qdpx");
	assert_int_equal(fw_refi_export(&n, pb, x, &e), 0);
	fw_project_free(pb);
	char c[512];
	snprintf(c, sizeof c, "%s", tu_path("carried.charter"));
	unlink(c);
	fw_project *pc = NULL;
	assert_int_equal(fw_project_create(&pc, c, &e), 0);
	fw_refi_result ir;
	assert_int_equal(fw_project_begin(pc, &e), 0);
	assert_int_equal(fw_refi_import(&ir, pc, x, &e), 0);
	assert_int_equal(fw_project_commit(pc, &e), 0);
	fw_refi_result_dispose(&ir);
	/* a file read with CRLF or in cp1252 has another SHA-256 than its
	 * normalised text: as here */
	assert_int_equal(
		fw_exec(pc, "UPDATE source SET sha256 = 'refi-' || sha256", &e),
		0);
	fw_project_free(pc);
	fw_project *pa = open_rw(a);
	long long differ =
		fw_query_int(pa, 0, "SELECT count(*) FROM source", "");
	fw_merge_result r = merge(pa, c, 0, 0);
	assert_int_equal(r.sources_added, 0);
	assert_int_equal(r.sources_matched, differ);
	assert_int_equal(r.codings_added, 3);
	fw_merge_result_dispose(&r);
	fw_project_free(pa);
}

TU_MAIN(TU_MINI(test_merge_two_coders), TU_MINI(test_merge_kept_back),
	TU_MINI(test_merge_imported_copy),
	TU_MINI(test_merge_undo_and_refusals))
