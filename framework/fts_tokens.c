/*
 * fts_tokens.c: the stemmed search index's words, found ahead on other
 * cores (see fts_tokens.h).
 */
#include "fts_tokens.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

/* The stemmed index's tokenizer after "porter" (search_index.c makes the
 * index with "porter unicode61 remove_diacritics 2"). */
static const char *const base_args[] = {"unicode61", "remove_diacritics", "2"};
#define NBASE_ARGS 3

struct fw_fts {
	fts5_tokenizer real; /* SQLite's porter */
	void *real_ctx;
	/* the staged document: its text and its words */
	const char *text;
	size_t n;
	const fw_fts_toks *toks;
	size_t from, to;
	long long replayed;
};

/* An instance of charter's porter: SQLite's, and whether its arguments
 * are the ones the words were found with. */
typedef struct wrap {
	fw_fts *f;
	Fts5Tokenizer *real;
	int same_args;
} wrap;

static int same_args(const char **az, int n)
{
	if (n != NBASE_ARGS)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(az[i], base_args[i]))
			return 0;
	return 1;
}

static int wrap_create(void *ctx, const char **az, int n, Fts5Tokenizer **out)
{
	fw_fts *f = ctx;
	wrap *w = fw_xcalloc(1, sizeof *w);
	w->f = f;
	w->same_args = same_args(az, n);
	int rc = f->real.xCreate(f->real_ctx, az, n, &w->real);
	if (rc != SQLITE_OK) {
		free(w);
		*out = NULL;
		return rc;
	}
	*out = (Fts5Tokenizer *)w;
	return SQLITE_OK;
}

static void wrap_delete(Fts5Tokenizer *t)
{
	wrap *w = (wrap *)t;
	if (!w)
		return;
	w->f->real.xDelete(w->real);
	free(w);
}

typedef int (*token_fn)(void *, int, const char *, int, int, int);

static int wrap_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
			 const char *text, int n, token_fn cb)
{
	wrap *w = (wrap *)t;
	fw_fts *f = w->f;
	if (w->same_args && (flags & FTS5_TOKENIZE_DOCUMENT) && f->text &&
	    n >= 0 && (size_t)n == f->n && !memcmp(text, f->text, f->n)) {
		const fw_fts_toks *k = f->toks;
		int rc = SQLITE_OK;
		for (size_t i = f->from; rc == SQLITE_OK && i < f->to; i++) {
			const fw_fts_tok *x = &k->v[i];
			rc = cb(ctx, x->flags, k->pool + x->off, x->n, x->start,
				x->end);
		}
		f->replayed++;
		return rc;
	}
	return f->real.xTokenize(w->real, ctx, flags, text, n, cb);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api && api->iVersion >= 2 ? api : NULL;
}

fw_fts *fw_fts_setup(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);
	if (!api)
		return NULL;
	fw_fts *f = fw_xcalloc(1, sizeof *f);
	if (api->xFindTokenizer(api, "porter", &f->real_ctx, &f->real) !=
	    SQLITE_OK) {
		free(f);
		return NULL;
	}
	fts5_tokenizer mine = {wrap_create, wrap_delete, wrap_tokenize};
	/* the connection frees f when it closes, and from then on its
	 * tables find this "porter" before SQLite's */
	if (api->xCreateTokenizer(api, "porter", f, &mine, free) != SQLITE_OK) {
		free(f);
		return NULL;
	}
	return f;
}

void *fw_fts_tokenizer_new(fw_fts *f)
{
	Fts5Tokenizer *t = NULL;
	if (!f || f->real.xCreate(f->real_ctx, (const char **)base_args,
				  NBASE_ARGS, &t) != SQLITE_OK)
		return NULL;
	return t;
}

void fw_fts_tokenizer_free(fw_fts *f, void *tok)
{
	if (f && tok)
		f->real.xDelete(tok);
}

static int keep_token(void *ctx, int flags, const char *tok, int n, int start,
		      int end)
{
	fw_fts_toks *t = ctx;
	if (n < 0)
		return SQLITE_ERROR;
	t->v = fw_xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v, 256);
	t->pool = fw_xgrow(t->pool, &t->room, t->used + (size_t)n, 1, 4096);
	memcpy(t->pool + t->used, tok, (size_t)n);
	t->v[t->n++] = (fw_fts_tok){flags, start, end, n, t->used};
	t->used += (size_t)n;
	return SQLITE_OK;
}

int fw_fts_tokenize(fw_fts *f, void *tok, const char *text, size_t n,
		    fw_fts_toks *out)
{
	if (n > (size_t)0x7fffffff)
		return SQLITE_TOOBIG;
	return f->real.xTokenize(tok, out, FTS5_TOKENIZE_DOCUMENT, text, (int)n,
				 keep_token);
}

void fw_fts_toks_dispose(fw_fts_toks *t)
{
	free(t->v);
	free(t->pool);
	memset(t, 0, sizeof *t);
}

void fw_fts_stage(fw_fts *f, const char *text, size_t n, const fw_fts_toks *t,
		  size_t from, size_t to)
{
	if (!f)
		return;
	f->text = text;
	f->n = n;
	f->toks = t;
	f->from = from;
	f->to = to;
}

void fw_fts_unstage(fw_fts *f)
{
	if (f)
		f->text = NULL;
}

long long fw_fts_replayed(const fw_fts *f)
{
	return f ? f->replayed : 0;
}
