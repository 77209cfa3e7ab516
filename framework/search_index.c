/*
 * search_index.c: the full-text indexes over speaker turns.  Both are
 * contentless FTS5 tables (content=''): the index alone, keyed by the
 * turn's id, never a second copy of the text; a hit's words are cut from
 * the transcript by the turn's byte span.  turn_fts stems (porter):
 * "worried" finds "worry"; it is kept up to date at ingest.  turn_raw
 * keeps words whole, for prefixes ("isolat*" finds "isolation", whose stem
 * "isol" the prefix is not); it is built by the first prefix search and
 * then kept up to date with the other.
 *
 * turn_fts_state holds, per index, how many turns it holds and the
 * highest turn id.  When the turns now are those plus newer ones (an
 * ingest), only the newer ones are added; any other change (a transcript
 * removed, an undo) rebuilds the index.  The state is in a table whose
 * name the history leaves out, with the indexes themselves, so an undo
 * never restores a state that no longer describes the index.
 */
#include "store.h"
#include "errors.h"
#include "fw/project.h"
#include "fw/query.h"

#include <stdio.h>
#include <string.h>

typedef struct fts_index {
	const char *table, *tokenizer;
} fts_index;

static const fts_index indexes[] = {
	[FW_INDEX_STEMMED] = {"turn_fts",
			      "porter unicode61 remove_diacritics 2"},
	[FW_INDEX_WHOLE] = {"turn_raw", "unicode61 remove_diacritics 2"}};

/* The turns with id > after into the index: each transcript read once,
 * its turns cut by their byte spans. */
static int fill(fw_project *p, const char *table, long long after,
		fw_error *err)
{
	sqlite3_stmt *src = NULL, *turns = NULL, *put = NULL;
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO %s(rowid, text) VALUES(?, ?)",
		 table);
	int rc = FW_PREPARE_ALL(
		p, err,
		{&src, "SELECT id, text FROM source WHERE id IN (SELECT "
		       "source_id FROM utterance WHERE id > ?) ORDER BY id"},
		{&turns, "SELECT id, bstart, bend FROM utterance WHERE "
			 "source_id=? AND id > ? ORDER BY seq"},
		{&put, sql});
	if (!rc)
		fw_rebind(src, "i", after);
	size_t done = 0;
	while (!rc && fw_row(p, src)) {
		const char *text = (const char *)sqlite3_column_text(src, 1);
		size_t len = (size_t)sqlite3_column_bytes(src, 1);
		fw_rebind(turns, "ii", (long long)sqlite3_column_int64(src, 0),
			  after);
		while (!rc && fw_row(p, turns)) {
			size_t a = (size_t)sqlite3_column_int64(turns, 1),
			       b = (size_t)sqlite3_column_int64(turns, 2);
			if (b > len)
				b = len;
			if (a > b)
				a = b;
			fw_rebind(put, "ib",
				  (long long)sqlite3_column_int64(turns, 0),
				  text + a, b - a);
			rc = fw_step_done(p, put, "indexing", err);
		}
		fw_progress(p, "search index", "transcripts", ++done, 0);
	}
	sqlite3_finalize(src);
	sqlite3_finalize(turns);
	sqlite3_finalize(put);
	return rc ? rc : fw_rows_ok(p, err);
}

static int exists(fw_project *p, const char *table)
{
	return (int)fw_query_int(
		p, 0, "SELECT 1 FROM sqlite_master WHERE name=?", "t", table);
}

static int sync_one(fw_project *p, const fts_index *ix, fw_error *err)
{
	long long turns =
		fw_query_int(p, 0, "SELECT count(*) FROM utterance", "");
	long long max_id =
		fw_query_int(p, 0, "SELECT max(id) FROM utterance", "");
	long long had = -1, had_max = 0;
	sqlite3_stmt *st;
	if (!fw_query(&st, p, NULL,
		      "SELECT turns, max_id FROM turn_fts_state WHERE name=?",
		      "t", ix->table)) {
		if (fw_row(p, st)) {
			had = sqlite3_column_int64(st, 0);
			had_max = sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
	}
	int have = exists(p, ix->table);
	if (have && had == turns && had_max == max_id)
		return 0;
	if (p->readonly)
		return fw_error_set(err, FW_EINVAL, p->path, 0,
				    "the search index needs building: the "
				    "project must be writable once");
	/* a reader builds it in a transaction of its own, waiting for the
	 * write lock as a writer does (never the instant failure of a read
	 * upgraded to a write) */
	if (!p->in_tx) {
		int rc = fw_project_lock(p, err);
		if (!rc) {
			p->in_tx = 1;
			rc = sync_one(p, ix, err);
			p->in_tx = 0;
			rc = rc ? (fw_exec(p, "ROLLBACK", NULL), rc)
				: fw_exec(p, "COMMIT", err);
		}
		return rc;
	}
	/* only newer turns since: add them; else build it again */
	int grow = have && had >= 0 &&
		   fw_query_int(p, -1,
				"SELECT count(*) FROM utterance WHERE id <= ?",
				"i", had_max) == had;
	int rc = fw_exec(p, "SAVEPOINT fts", err);
	if (rc)
		return rc;
	if (!grow) {
		char sql[400];
		snprintf(sql, sizeof sql,
			 "DROP TABLE IF EXISTS %s; CREATE VIRTUAL TABLE %s "
			 "USING fts5(text, tokenize='%s', content='', "
			 "columnsize=0);",
			 ix->table, ix->table, ix->tokenizer);
		rc = fw_exec(p, sql, err);
	}
	if (!rc)
		rc = fill(p, ix->table, grow ? had_max : 0, err);
	if (!rc)
		rc = fw_run(p, err, "indexing", NULL,
			    "INSERT INTO turn_fts_state(name, turns, max_id) "
			    "VALUES(?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
			    "turns=excluded.turns, max_id=excluded.max_id",
			    "tii", ix->table, turns, max_id);
	if (!rc)
		return fw_exec(p, "RELEASE fts", err);
	fw_exec(p, "ROLLBACK TO fts", NULL);
	fw_exec(p, "RELEASE fts", NULL);
	return rc;
}

int fw_search_index_sync(fw_project *p, int which, fw_error *err)
{
	return sync_one(p, &indexes[which], err);
}

int fw_search_index_update(fw_project *p, fw_error *err)
{
	int rc = sync_one(p, &indexes[FW_INDEX_STEMMED], err);
	if (!rc && exists(p, indexes[FW_INDEX_WHOLE].table))
		rc = sync_one(p, &indexes[FW_INDEX_WHOLE], err);
	return rc;
}
