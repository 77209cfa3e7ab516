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
#include "fts_tokens.h"
#include "alloc.h"
#include "buf.h"
#include "pipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fts_index {
	const char *table, *tokenizer;
} fts_index;

static const fts_index indexes[] = {
	[FW_INDEX_STEMMED] = {"turn_fts",
			      "porter unicode61 remove_diacritics 2"},
	[FW_INDEX_WHOLE] = {"turn_raw", "unicode61 remove_diacritics 2"}};

/* A run of turns to index: their ids and texts (copied, one after the
 * other) and, when the stemmed index is built, their words, found by a
 * worker thread while the writer inserts the runs before it. */
typedef struct run_turn {
	long long id;
	size_t end;     /* its text ends here in the run's text */
	size_t tok_end; /* and its words here in the run's words */
} run_turn;

typedef struct turn_run {
	fw_buf text;
	run_turn *t;
	size_t n, cap;
	fw_fts_toks toks;
	int pre; /* words found ahead */
} turn_run;

/* A run is cut at this much text, so the pipe holds little whatever the
 * size of one transcript. */
enum { RUN_BYTES = 64 * 1024, RUN_DEPTH = 8 };

static void run_add(turn_run *r, long long id, const char *t, size_t n)
{
	r->t = fw_xgrow(r->t, &r->cap, r->n + 1, sizeof *r->t, 64);
	fw_buf_put(&r->text, t, n);
	r->t[r->n++] = (run_turn){id, r->text.len, 0};
}

static void run_free(turn_run *r)
{
	if (!r)
		return;
	fw_buf_dispose(&r->text);
	free(r->t);
	fw_fts_toks_dispose(&r->toks);
	free(r);
}

typedef struct run_ctx {
	fw_fts *f;
	void *tok;
} run_ctx;

/* On a worker (or the writer, when it waits): each turn's words. */
static void run_words(void *job, void *ctx)
{
	turn_run *r = job;
	run_ctx *c = ctx;
	size_t at = 0;
	for (size_t k = 0; r->pre && k < r->n; k++) {
		if (fw_fts_tokenize(c->f, c->tok, r->text.ptr + at,
				    r->t[k].end - at, &r->toks) != SQLITE_OK)
			r->pre = 0; /* the index splits them itself */
		r->t[k].tok_end = r->toks.n;
		at = r->t[k].end;
	}
}

/* On the writer: the run's turns into the index, each given its words. */
static int run_put(fw_project *p, sqlite3_stmt *put, const turn_run *r,
		   fw_error *err)
{
	int rc = 0;
	size_t at = 0;
	for (size_t k = 0; !rc && k < r->n; k++) {
		const char *t = r->text.ptr + at;
		size_t n = r->t[k].end - at;
		if (r->pre)
			fw_fts_stage(p->fts, t, n, &r->toks,
				     k ? r->t[k - 1].tok_end : 0,
				     r->t[k].tok_end);
		fw_rebind(put, "ib", r->t[k].id, t, n);
		rc = fw_step_done(p, put, "indexing", err);
		fw_fts_unstage(p->fts);
		at = r->t[k].end;
	}
	return rc;
}

/* The oldest runs out of the pipe and into the index, until there is
 * room for another (all of them when all is set).  After a failure they
 * are only freed. */
static int runs_take(fw_project *p, fw_pipe *pipe, sqlite3_stmt *put, int all,
		     int rc, fw_error *err)
{
	while (all || fw_pipe_full(pipe)) {
		turn_run *r = fw_pipe_take(pipe);
		if (!r)
			break;
		if (!rc)
			rc = run_put(p, put, r, err);
		run_free(r);
	}
	return rc;
}

/* The turns with id > after into the index: each transcript read once,
 * its turns cut by their byte spans, in runs through a pipe whose workers
 * find the stemmed index's words (pre) while the writer inserts. */
static int fill(fw_project *p, const char *table, int pre, long long after,
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
	/* a tokenizer per thread, the writer's first, all made here */
	size_t threads = pre && p->fts ? fw_pipe_threads(7) : 0;
	run_ctx ctx[8];
	void *ctxp[8];
	for (size_t t = 0; t <= threads; t++) {
		ctx[t] = (run_ctx){p->fts,
				   pre ? fw_fts_tokenizer_new(p->fts) : NULL};
		ctxp[t] = &ctx[t];
		pre = pre && ctx[t].tok;
	}
	fw_pipe *pipe =
		fw_pipe_new(RUN_DEPTH, pre ? threads : 0, run_words, ctxp);
	turn_run *r = NULL;
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
			if (!r) {
				r = fw_xcalloc(1, sizeof *r);
				fw_buf_init(&r->text);
				r->pre = pre;
			}
			run_add(r, (long long)sqlite3_column_int64(turns, 0),
				text + a, b - a);
			if (r->text.len >= RUN_BYTES) {
				rc = runs_take(p, pipe, put, 0, rc, err);
				fw_pipe_put(pipe, r);
				r = NULL;
			}
		}
		fw_progress(p, "search index", "transcripts", ++done, 0);
	}
	if (r) {
		rc = runs_take(p, pipe, put, 0, rc, err);
		fw_pipe_put(pipe, r);
	}
	rc = runs_take(p, pipe, put, 1, rc, err);
	fw_pipe_free(pipe);
	for (size_t t = 0; t <= threads; t++)
		fw_fts_tokenizer_free(p->fts, ctx[t].tok);
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
		rc = fill(p, ix->table, ix == &indexes[FW_INDEX_STEMMED],
			  grow ? had_max : 0, err);
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
