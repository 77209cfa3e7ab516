/*
 * test_fts_tokens.c: the stemmed search index's words found ahead on
 * other threads give the index SQLite's own tokenizer would have built,
 * word for word and position for position; a staged word list is used
 * only for the text it was made from, by the tokenizer it was made with.
 */
#include "testutil.h"

#include "store.h"
#include "fts_tokens.h"
#include "buf.h"

#include <sqlite3.h>

/* Words in many scripts, with diacritics, ligatures, emoji and the
 * stems porter folds together. */
static const char *const words[] = {
	"café",     "cafés",     "worried",   "worry",    "worrying",
	"letters",  "LETTER",    "naïve",     "façade",   "ÅNGSTRÖM",
	"ключи",    "ключ",      "“quoted”",  "straße",   "😀😀",
	"🎉",        "٣٤",        "λόγος",     "ἄνθρωπος", "東京",
	"日本語",   "école",     "ÉCOLE",     "ﬁne",      "dégâts",
	"running",  "runs",      "isolation", "isolated", "jobcentre",
	"advisers", "adviser's", "it's",      "—",        "…",
	"pressure", "pressures", "x",         "a1b2",     "Überraschungsei"};

static void gen_transcript(fw_buf *b, unsigned seed, int turns)
{
	size_t nw = sizeof words / sizeof *words;
	unsigned x = seed;
	for (int t = 0; t < turns; t++) {
		fw_buf_printf(b, "%s: ", t % 2 ? "RESPONDENT" : "INTERVIEWER");
		x = x * 1103515245u + 12345u;
		int len = 3 + (int)(x >> 16) % 40;
		for (int w = 0; w < len; w++) {
			x = x * 1103515245u + 12345u;
			fw_buf_printf(b, "%s%s", w ? " " : "",
				      words[(x >> 16) % nw]);
		}
		fw_buf_puts(b, ".\n\n");
	}
}

/* Every word of the index as (word, turn, position), in one string. */
static char *index_of(fw_project *p, const char *table)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "CREATE VIRTUAL TABLE temp.v_%s USING fts5vocab(main, %s, "
		 "instance)",
		 table, table);
	assert_int_equal(sqlite3_exec(p->db, sql, NULL, NULL, NULL), 0);
	snprintf(sql, sizeof sql,
		 "SELECT term, doc, offset FROM temp.v_%s ORDER BY 1, 2, 3",
		 table);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(p->db, sql, -1, &st, NULL), 0);
	fw_buf b;
	fw_buf_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW)
		fw_buf_printf(&b, "%s %lld %lld\n", sqlite3_column_text(st, 0),
			      (long long)sqlite3_column_int64(st, 1),
			      (long long)sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
	return fw_buf_detach(&b);
}

static long long q1(fw_project *p, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(p->db, sql, -1, &st, NULL), 0);
	long long v = sqlite3_step(st) == SQLITE_ROW
			      ? sqlite3_column_int64(st, 0)
			      : -1;
	sqlite3_finalize(st);
	return v;
}

static fw_project *ingest_all(const char *name, int staged)
{
	fw_project *p = tu_project(name);
	if (!staged)
		p->fts = NULL; /* SQLite's tokenizer alone, in the writer */
	fw_error e;
	assert_int_equal(fw_project_begin(p, &e), 0);
	for (int i = 0; i < 24; i++) {
		fw_buf b;
		fw_buf_init(&b);
		gen_transcript(&b, 7u + (unsigned)i, 60 + 9 * i);
		char path[40];
		snprintf(path, sizeof path, "t%02d.txt", i);
		tu_write(tu_path(path), b.ptr, b.len);
		fw_buf_dispose(&b);
		fw_ingest_opts o = {0};
		fw_ingest_result r;
		if (fw_source_ingest(&r, NULL, p, tu_path(path), &o, &e))
			fail_msg("%s: %s", path, e.msg);
	}
	assert_int_equal(fw_search_index_update(p, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	return p;
}

static size_t hits(fw_project *p, const char *query)
{
	fw_search_opts o = {.query = query, .speaker = "all"};
	fw_table *t;
	int coded;
	fw_error e;
	if (fw_query_search(&t, &coded, p, &o, &e))
		fail_msg("search %s: %s", query, e.msg);
	size_t n = t->nrows;
	fw_table_free(t);
	return n;
}

/* Built with words found ahead (on a worker thread where there is a
 * second core) and built by SQLite alone: the same index, every turn
 * given its staged words, and the same hits. */
static void test_same_index(void **s)
{
	(void)s;
	fw_project *a = ingest_all("fts-staged.charter", 1);
	fw_project *b = ingest_all("fts-plain.charter", 0);
	assert_non_null(a->fts);
	long long turns = q1(a, "SELECT count(*) FROM utterance");
	assert_true(turns > 1000);
	assert_int_equal(fw_fts_replayed(a->fts), turns);
	char *ia = index_of(a, "turn_fts"), *ib = index_of(b, "turn_fts");
	assert_true(strlen(ia) > 100000);
	assert_string_equal(ia, ib);
	free(ia);
	free(ib);
	static const char *const queries[] = {"worry",
					      "letter",
					      "café",
					      "ключ",
					      "\"worried letters\"",
					      "isolat*",
					      "東京",
					      "ecole",
					      "pressure OR runs"};
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		size_t n = hits(a, queries[q]);
		assert_true(n > 0);
		assert_int_equal(n, hits(b, queries[q]));
	}
	/* the prefix index (words whole, not staged) is the same too */
	ia = index_of(a, "turn_raw");
	ib = index_of(b, "turn_raw");
	assert_string_equal(ia, ib);
	free(ia);
	free(ib);
	assert_int_equal(fw_fts_replayed(a->fts), turns);
	b->fts = NULL;
	fw_project_free(a);
	fw_project_free(b);
}

/* Staged words go only to the text they were found in, and only to an
 * index whose tokenizer is the one they were found with. */
static void test_staged_only_for_its_text(void **s)
{
	(void)s;
	fw_project *p = tu_project("fts-stage.charter");
	assert_non_null(p->fts);
	assert_int_equal(
		sqlite3_exec(
			p->db,
			"CREATE VIRTUAL TABLE temp.t USING fts5(x, "
			"tokenize='porter unicode61 remove_diacritics 2',"
			" content='');"
			"CREATE VIRTUAL TABLE temp.u USING fts5(x, "
			"tokenize='porter ascii', content='');"
			"CREATE VIRTUAL TABLE temp.vt USING fts5vocab(temp,"
			" t, instance);"
			"CREATE VIRTUAL TABLE temp.vu USING fts5vocab(temp,"
			" u, instance);",
			NULL, NULL, NULL),
		0);
	void *tok = fw_fts_tokenizer_new(p->fts);
	assert_non_null(tok);
	const char *said = "The letters worried me";
	fw_fts_toks k = {0};
	assert_int_equal(fw_fts_tokenize(p->fts, tok, said, strlen(said), &k),
			 0);
	assert_int_equal(k.n, 4);
	assert_memory_equal(k.pool + k.v[2].off, "worri", 5);
	/* another text while those words are staged: its own words */
	fw_fts_stage(p->fts, said, strlen(said), &k, 0, k.n);
	assert_int_equal(sqlite3_exec(p->db,
				      "INSERT INTO temp.t(rowid, x) "
				      "VALUES(1, 'Happy running days')",
				      NULL, NULL, NULL),
			 0);
	assert_int_equal(fw_fts_replayed(p->fts), 0);
	assert_int_equal(q1(p, "SELECT count(*) FROM temp.vt WHERE term IN "
			       "('happi', 'run', 'dai')"),
			 3);
	assert_int_equal(q1(p, "SELECT count(*) FROM temp.vt WHERE term = "
			       "'worri'"),
			 0);
	/* the same text into an index with another tokenizer: its own */
	assert_int_equal(sqlite3_exec(p->db,
				      "INSERT INTO temp.u(rowid, x) VALUES(1,"
				      " 'The letters worried me')",
				      NULL, NULL, NULL),
			 0);
	assert_int_equal(fw_fts_replayed(p->fts), 0);
	/* the text they were found in: given them, to the same index */
	assert_int_equal(sqlite3_exec(p->db,
				      "INSERT INTO temp.t(rowid, x) VALUES(2,"
				      " 'The letters worried me')",
				      NULL, NULL, NULL),
			 0);
	assert_int_equal(fw_fts_replayed(p->fts), 1);
	fw_fts_unstage(p->fts);
	assert_int_equal(q1(p, "SELECT count(*) FROM temp.vt WHERE doc = 2 "
			       "AND term = 'worri' AND offset = 2"),
			 1);
	assert_int_equal(q1(p, "SELECT count(*) FROM temp.vt WHERE doc = 2"),
			 4);
	/* queries are split by SQLite's tokenizer, staged or not */
	fw_fts_stage(p->fts, "worry", 5, &k, 0, 1);
	assert_int_equal(q1(p, "SELECT count(*) FROM temp.t WHERE t MATCH "
			       "'worry'"),
			 1);
	fw_fts_unstage(p->fts);
	assert_int_equal(fw_fts_replayed(p->fts), 1);
	fw_fts_toks_dispose(&k);
	fw_fts_tokenizer_free(p->fts, tok);
	fw_project_free(p);
}

TU_MAIN(cmocka_unit_test(test_same_index),
	cmocka_unit_test(test_staged_only_for_its_text))
