/*
 * fts_tokens.h: the stemmed search index's words, found ahead on other
 * cores.
 *
 * FTS5 splits each turn into words inside its INSERT, on the one thread
 * that writes the project: half the work of indexing.  Each connection
 * registers its own "porter" tokenizer in front of SQLite's: worker
 * threads split turns with instances of SQLite's porter tokenizer made
 * for them (fw_fts_tokenizer_new), and when the writer inserts a turn
 * whose words it has staged (fw_fts_stage), the index is given those
 * words instead of splitting the text again.  Anything else (a query, a
 * delete, a turn whose text is not the staged one, another tokenizer) goes
 * to SQLite's own tokenizer, so what the index holds never depends on the
 * staging: only how fast it is built does.
 */
#ifndef FW_FTS_TOKENS_H
#define FW_FTS_TOKENS_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct fw_fts fw_fts;

/* One word as the tokenizer gave it: its flags, its byte span in the
 * turn, and its text at pool + off. */
typedef struct fw_fts_tok {
	int flags, start, end, n;
	size_t off;
} fw_fts_tok;

/* Words of some turns, one after another. */
typedef struct fw_fts_toks {
	fw_fts_tok *v;
	size_t n, cap;
	char *pool;
	size_t used, room;
} fw_fts_toks;

/** Put charter's "porter" in front of SQLite's on db; NULL if FTS5 or
 *  its porter tokenizer is missing (then nothing is staged, and the index
 *  is built as before).  The connection owns it: it goes when db closes. */
fw_fts *fw_fts_setup(sqlite3 *db);

/** A porter tokenizer (with the arguments the stemmed index is made
 *  with) for one worker thread, made on the thread that owns db; NULL
 *  if it cannot be made. */
void *fw_fts_tokenizer_new(fw_fts *f);
void fw_fts_tokenizer_free(fw_fts *f, void *tok);
/** text's words appended to out (any thread, its own tokenizer). */
int fw_fts_tokenize(fw_fts *f, void *tok, const char *text, size_t n,
		    fw_fts_toks *out);
void fw_fts_toks_dispose(fw_fts_toks *t);

/** The next document the stemmed index splits, if its text is text, gets
 *  words [from, to) of t; fw_fts_unstage ends it. */
void fw_fts_stage(fw_fts *f, const char *text, size_t n, const fw_fts_toks *t,
		  size_t from, size_t to);
void fw_fts_unstage(fw_fts *f);
/** How many documents were given staged words (for tests and bench). */
long long fw_fts_replayed(const fw_fts *f);

#endif
