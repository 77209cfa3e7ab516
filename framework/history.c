/*
 * history.c: the project's history and undo.  A writing verb's changes are
 * collected by an SQLite session (the session extension Debian's libsqlite3
 * is built with) attached to every table but the history itself and the
 * search index, which is rebuilt from the turns when they change; the
 * changeset is kept in the verb's history entry.  Undo inverts the
 * changesets and applies them newest first, with foreign keys off during
 * the apply (so that putting rows back or taking them away again cascades
 * nothing: the changeset already holds every row the verb touched) and
 * checked before the commit.
 */
#define SQLITE_ENABLE_SESSION        1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "fw/history.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "timefmt.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The tables a user knows by name, singular and plural. */
static const struct {
	const char *table, *one, *many;
} words[] = {
	{"source", "source", "sources"},
	{"utterance", "turn", "turns"},
	{"speaker", "speaker", "speakers"},
	{"case", "case", "cases"},
	{"case_value", "case value", "case values"},
	{"case_source", "case's source", "case-source links"},
	{"attribute", "attribute", "attributes"},
	{"code", "code", "codes"},
	{"rule", "rule", "rules"},
	{"coding", "coding", "codings"},
	{"cell", "cell", "cells"},
	{"cell_conflict", "conflicting summary", "conflicting summaries"},
	{"carried_log", "carried log entry", "carried log entries"},
	{"cell_ref", "cell reference", "cell references"},
	{"memo", "memo", "memos"},
	{"coder", "coder", "coders"},
	{"setting", "setting", "settings"},
	{"source_detail", "source detail", "source details"},
	{"framework_change", "framework change", "framework changes"},
};

static const char *table_word(const char *table, int many)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].table, table))
			return many ? words[i].many : words[i].one;
	return table;
}

/* Not recorded: the history, the search index (rebuilt when the turns
 * change), the coding tally (its triggers follow the codings, undo's
 * too) and SQLite's own tables. */
static int recorded(void *ctx, const char *table)
{
	(void)ctx;
	return strncmp(table, "history", 7) && strncmp(table, "turn_fts", 8) &&
	       strncmp(table, "turn_raw", 8) && strncmp(table, "sqlite_", 7) &&
	       strcmp(table, "coding_tally");
}

static int start_session(fw_project *p, fw_error *err)
{
	sqlite3_session *s = NULL;
	if (sqlite3session_create(p->db, "main", &s) != SQLITE_OK ||
	    (sqlite3session_table_filter(s, recorded, NULL),
	     sqlite3session_attach(s, NULL) != SQLITE_OK)) {
		if (s)
			sqlite3session_delete(s);
		return fw_error_set(err, FW_EIO, p->path, 0,
				    "cannot record the history");
	}
	p->session = s;
	return 0;
}

void fw_history_drop(fw_project *p)
{
	if (p->session)
		sqlite3session_delete(p->session);
	p->session = NULL;
	free(p->rec_verb);
	free(p->rec_args);
	free(p->rec_coder);
	p->rec_verb = p->rec_args = p->rec_coder = NULL;
	p->rec_entry = 0;
	p->rec_part = p->rec_seq = 0;
	p->rec_total = 0;
	fw_added_drop(p);
}

int fw_history_record(fw_project *p, const char *verb, const char *args,
		      const char *coder, fw_error *err)
{
	fw_history_drop(p);
	int rc = start_session(p, err);
	if (rc)
		return rc;
	p->rec_verb = fw_xstrdup(verb);
	fw_project_writer_mark(p, verb);
	p->rec_args = fw_xstrdup(args ? args : "");
	p->rec_coder = fw_xstrdup(fw_coder_name(coder));
	return 0;
}

/* ---- changesets, kept in chunks ------------------------------------------
 * A verb's changeset can be as large as what it changed (an ingest holds
 * every transcript), so it is never built in memory: the session streams
 * it into history_chunk rows of up to a megabyte, and it is read back,
 * inverted and applied as a stream, through a temporary file. */

enum { CHUNK = 1 << 20 };

typedef struct csink {
	fw_project *p;
	long long entry;
	int seq, part;
	fw_buf buf;
	size_t total;
	int failed;
} csink;

static void csink_flush(csink *s)
{
	if (!s->buf.len || s->failed)
		return;
	if (fw_run(s->p, NULL, "recording the history", NULL,
		   "INSERT INTO history_chunk(entry, seq, part, data) "
		   "VALUES(?,?,?,?)",
		   "innB", s->entry, s->seq++, s->part,
		   (const void *)s->buf.ptr, s->buf.len) ||
	    fw_rows_ok(s->p, NULL))
		s->failed = 1;
	fw_buf_clear(&s->buf);
}

static int csink_out(void *ctx, const void *data, int n)
{
	csink *s = ctx;
	fw_buf_put(&s->buf, data, (size_t)n);
	s->total += (size_t)n;
	if (s->buf.len >= CHUNK)
		csink_flush(s);
	return s->failed ? SQLITE_IOERR : SQLITE_OK;
}

/* An entry's changeset read back: its chunks in order (or, for entries of
 * schema 8 to 11, the changeset column).  Each from its own query, in the
 * primary key's order: a query that sorted them would hold every chunk. */
typedef struct csource {
	sqlite3_stmt *st;
	fw_project *p;
	long long entry;
	int part, phase; /* 0: chunks, 1: the old column, 2: done */
	const unsigned char *cur;
	int len, off, done;
} csource;

static int csource_query(csource *s)
{
	sqlite3_finalize(s->st);
	s->st = NULL;
	return s->phase == 0
		       ? fw_query(&s->st, s->p, NULL,
				  "SELECT data FROM history_chunk WHERE "
				  "entry=?1 AND (?2 < 0 OR part=?2) ORDER BY "
				  "seq",
				  "in", s->entry, s->part)
		       : fw_query(&s->st, s->p, NULL,
				  "SELECT changeset FROM history WHERE id=?1 "
				  "AND ?2 <= 0 AND length(changeset) > 0",
				  "in", s->entry, s->part);
}

/* part < 0: every part, in order (a run of changesets is a changeset) */
static int csource_part(csource *s, fw_project *p, long long entry, int part)
{
	memset(s, 0, sizeof *s);
	s->p = p;
	s->entry = entry;
	s->part = part;
	return csource_query(s);
}

static int csource_open(csource *s, fw_project *p, long long entry)
{
	return csource_part(s, p, entry, -1);
}

static int csource_in(void *ctx, void *data, int *n)
{
	csource *s = ctx;
	int want = *n, got = 0;
	while (got < want && !s->done) {
		if (s->off >= s->len) {
			if (!s->st || !fw_row(s->p, s->st)) {
				if (++s->phase > 1 || csource_query(s)) {
					s->done = 1;
					break;
				}
				continue;
			}
			s->cur = sqlite3_column_blob(s->st, 0);
			s->len = sqlite3_column_bytes(s->st, 0);
			s->off = 0;
			continue;
		}
		int k = s->len - s->off < want - got ? s->len - s->off
						     : want - got;
		memcpy((char *)data + got, s->cur + s->off, (size_t)k);
		s->off += k;
		got += k;
	}
	*n = got;
	return SQLITE_OK;
}

static void csource_close(csource *s)
{
	sqlite3_finalize(s->st);
	fw_rows_ok(s->p, NULL);
	s->st = NULL;
}

static int file_out(void *ctx, const void *data, int n)
{
	return fwrite(data, 1, (size_t)n, ctx) == (size_t)n ? SQLITE_OK
							    : SQLITE_IOERR;
}

static int file_in(void *ctx, void *data, int *n)
{
	*n = (int)fread(data, 1, (size_t)*n, ctx);
	return ferror((FILE *)ctx) ? SQLITE_IOERR : SQLITE_OK;
}

/* What describe counts per table. */
typedef struct count {
	char table[48]; /* a copy: the iterator's names do not last */
	long ins, del, upd;
} count;

/* The count of table word w in t[0, *nt), added if new and there is
 * room; NULL if not. */
static count *count_of(count *t, size_t *nt, size_t cap, const char *w)
{
	size_t k = 0;
	while (k < *nt && strcmp(t[k].table, w))
		k++;
	if (k == *nt) {
		if (*nt == cap)
			return NULL;
		memset(&t[k], 0, sizeof t[k]);
		snprintf(t[k].table, sizeof t[k].table, "%s", w);
		++*nt;
	}
	return &t[k];
}

/* "codings +12 -3, cells ~1": per table, in the order first changed,
 * rows added (+), removed (-) and changed (~), of entry's changeset
 * (after the rows it added by range). */
static char *describe(fw_project *p, long long entry)
{
	count t[32];
	size_t nt = 0;
	sqlite3_changeset_iter *it;
	csource src;
	/* the rows it added by range first (history_added.c) */
	sqlite3_stmt *st;
	if (!fw_query(&st, p, NULL,
		      "SELECT tab, sum(n) FROM history_added WHERE entry=? "
		      "GROUP BY tab ORDER BY min(seq)",
		      "i", entry)) {
		while (fw_row(p, st)) {
			const char *tab =
				(const char *)sqlite3_column_text(st, 0);
			count *c = count_of(t, &nt, 32, table_word(tab, 1));
			if (c)
				c->ins += (long)sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
		fw_rows_ok(p, NULL);
	}
	if (csource_open(&src, p, entry))
		return fw_xstrdup("");
	if (sqlite3changeset_start_strm(&it, csource_in, &src) != SQLITE_OK) {
		csource_close(&src);
		return fw_xstrdup("");
	}
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		count *c = count_of(t, &nt, 32, table_word(tab, 1));
		if (!c)
			continue;
		if (op == SQLITE_INSERT)
			c->ins++;
		else if (op == SQLITE_DELETE)
			c->del++;
		else
			c->upd++;
	}
	sqlite3changeset_finalize(it);
	csource_close(&src);
	fw_buf b;
	fw_buf_init(&b);
	for (size_t k = 0; k < nt; k++) {
		fw_buf_printf(&b, "%s%s", k ? ", " : "", t[k].table);
		if (t[k].ins)
			fw_buf_printf(&b, " +%ld", t[k].ins);
		if (t[k].del)
			fw_buf_printf(&b, " -%ld", t[k].del);
		if (t[k].upd)
			fw_buf_printf(&b, " ~%ld", t[k].upd);
	}
	if (!b.ptr)
		fw_buf_putc(&b, 0);
	return fw_buf_detach(&b);
}

/* The entry's row, made when its first part is written. */
static int entry_row(fw_project *p, fw_error *err)
{
	if (p->rec_entry)
		return 0;
	char now[40];
	fw_now(now, sizeof now);
	int rc = fw_run(p, err, "recording the history", NULL,
			"INSERT INTO history(at, coder, verb, args, changes, "
			"changeset) VALUES(?,?,?,?,'',X'')",
			"tttt", now, p->rec_coder, p->rec_verb, p->rec_args);
	if (!rc)
		p->rec_entry = sqlite3_last_insert_rowid(p->db);
	return rc;
}

/* What the session holds, streamed into the entry's chunks as its next
 * part. */
static int write_part(fw_project *p, fw_error *err)
{
	csink s = {.p = p,
		   .entry = p->rec_entry,
		   .seq = p->rec_seq,
		   .part = p->rec_part};
	fw_buf_init(&s.buf);
	sqlite3session_enable(p->session, 0);
	int rc = 0;
	if (sqlite3session_changeset_strm(p->session, csink_out, &s) !=
		    SQLITE_OK ||
	    (csink_flush(&s), s.failed))
		rc = fw_error_set(err, FW_EIO, p->path, 0,
				  "cannot record the history");
	fw_buf_dispose(&s.buf);
	p->rec_seq = s.seq;
	if (s.total)
		p->rec_part++;
	p->rec_total += s.total;
	return rc;
}

int fw_history_flush(fw_project *p, fw_error *err)
{
	if (!p->session || sqlite3session_isempty(p->session))
		return 0;
	int rc = entry_row(p, err);
	if (!rc)
		rc = write_part(p, err);
	sqlite3session_delete(p->session);
	p->session = NULL;
	return rc ? rc : start_session(p, err);
}

int fw_history_write(fw_project *p, fw_error *err)
{
	p->last_entry = 0;
	if (p->session && sqlite3session_isempty(p->session) && !p->rec_entry &&
	    !p->nadded)
		fw_history_drop(p); /* nothing changed: no entry, no write */
	if (!p->session)
		return 0;
	/* the entry first, its changes streamed into its chunks */
	int rc = entry_row(p, err);
	if (!rc && !sqlite3session_isempty(p->session))
		rc = write_part(p, err);
	long long entry = p->rec_entry;
	size_t total = p->rec_total;
	if (!rc)
		rc = fw_added_write(p, entry, &total, err);
	fw_history_drop(p);
	if (rc)
		return rc;
	if (!total) /* it changed nothing: no entry */
		return fw_run(p, err, "recording the history", NULL,
			      "DELETE FROM history WHERE id=?", "i", entry);
	char *what = describe(p, entry);
	rc = fw_run(p, err, "recording the history", NULL,
		    "UPDATE history SET changes=? WHERE id=?", "ti", what,
		    entry);
	free(what);
	if (!rc)
		p->last_entry = entry;
	return rc;
}

int fw_history_list(fw_table **out, fw_project *p, long last, fw_error *err)
{
	static const char *const cols[] = {"entry", "at",      "coder",
					   "verb",  "changes", "undone"};
	int rc = fw_table_query(
		out, p, err, cols, 6,
		"SELECT id, at, coder, trim(verb || ' ' || CASE WHEN "
		"length(args) > 100 THEN substr(args, 1, 96) || ' ...' ELSE "
		"args END), changes, undone_by FROM history WHERE id > (SELECT "
		"coalesce(max(id), 0) FROM history) - ?1 ORDER BY id",
		"i", last > 0 ? (long long)last : (long long)1 << 62);
	if (!rc) {
		fw_table_numeric(*out, 0);
		fw_table_numeric(*out, 5);
	}
	return rc;
}

/* ---- undo ---------------------------------------------------------------- */

/* One entry to revert. */
typedef struct entry {
	long long id;
	char *verb; /* verb and arguments */
	char *changes;
} entry;

/* What stopped an apply: the table, the row's key, how the entry had
 * touched it (the inverse's op turned back), the kind of conflict. */
typedef struct clash {
	int hit;
	int type, op;
	char table[64];
	char key[200];
} clash;

static void key_text(char *dst, size_t n, sqlite3_value *v)
{
	const unsigned char *s = v ? sqlite3_value_text(v) : NULL;
	snprintf(dst, n, "%s", s ? (const char *)s : "?");
}

/* The first primary-key column's value of the change at it. */
static void change_key(char *dst, size_t n, sqlite3_changeset_iter *it, int op)
{
	unsigned char *pk;
	int ncol;
	sqlite3_value *v = NULL;
	sqlite3changeset_pk(it, &pk, &ncol);
	for (int i = 0; i < ncol && !v; i++)
		if (pk[i]) {
			if (op == SQLITE_INSERT)
				sqlite3changeset_new(it, i, &v);
			else
				sqlite3changeset_old(it, i, &v);
			if (!v)
				break;
		}
	key_text(dst, n, v);
}

static int on_conflict(void *ctx, int type, sqlite3_changeset_iter *it)
{
	clash *c = ctx;
	if (!c->hit) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		c->hit = 1;
		c->type = type;
		c->op = op;
		snprintf(c->table, sizeof c->table, "%s", tab);
		change_key(c->key, sizeof c->key, it, op);
	}
	return SQLITE_CHANGESET_ABORT;
}

/* Does entry id's changeset change row key of table (key NULL: a row
 * whose integer key is in [lo, hi])? */
static int touches(fw_project *p, long long id, const char *table,
		   const char *key, long long lo, long long hi)
{
	sqlite3_changeset_iter *it;
	csource src;
	/* rows it added by range (history_added.c): an integer key is a
	 * range of one */
	int ranged = 1;
	if (key) {
		char *e;
		lo = hi = strtoll(key, &e, 10);
		ranged = e != key && !*e;
	}
	if (ranged && fw_query_int(p, 0,
				   "SELECT 1 FROM history_added WHERE "
				   "entry=?1 AND tab=?2 AND lo <= ?4 AND "
				   "hi >= ?3",
				   "itII", id, table, lo, hi))
		return 1;
	int found = 0;
	if (csource_open(&src, p, id))
		return 0;
	if (sqlite3changeset_start_strm(&it, csource_in, &src) != SQLITE_OK) {
		csource_close(&src);
		return 0;
	}
	while (!found && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tab;
		int ncol, op, ind;
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		if (strcmp(tab, table))
			continue;
		char k[200];
		change_key(k, sizeof k, it, op);
		if (key) {
			found = !strcmp(k, key);
		} else {
			char *end;
			long long v = strtoll(k, &end, 10);
			found = end != k && !*end && v >= lo && v <= hi;
		}
	}
	sqlite3changeset_finalize(it);
	csource_close(&src);
	return found;
}

/* The newest entry after `after`, not undone, that changed row key of
 * table (key NULL: a row whose key is in [lo, hi]; then undos and redos
 * are passed over, as they only take the changes of other entries away
 * and back): 1 and " by entry N (verb args); undo it first" in dst, or 0
 * and " outside charter's history". */
static int who_changed_key(char *dst, size_t n, fw_project *p, long long after,
			   const char *table, const char *key, long long lo,
			   long long hi)
{
	sqlite3_stmt *st;
	int found = 0;
	snprintf(dst, n, " outside charter's history");
	if (fw_query(&st, p, NULL,
		     "SELECT id, trim(verb || ' ' || args) FROM history "
		     "WHERE id > ?1 AND undone_by IS NULL AND (?2 OR verb NOT "
		     "IN ('undo', 'redo')) ORDER BY id DESC",
		     "ii", after, key != NULL))
		return 0;
	while (!found && fw_row(p, st))
		if (touches(p, sqlite3_column_int64(st, 0), table, key, lo,
			    hi)) {
			snprintf(dst, n, " by entry %lld (%s); undo it first",
				 (long long)sqlite3_column_int64(st, 0),
				 (const char *)sqlite3_column_text(st, 1));
			found = 1;
		}
	sqlite3_finalize(st);
	fw_rows_ok(p, NULL);
	return found;
}

static void who_changed(char *dst, size_t n, fw_project *p, long long after,
			const char *table, const char *key)
{
	who_changed_key(dst, n, p, after, table, key, 0, 0);
}

int fw_history_who_changed(char *dst, size_t n, fw_project *p, long long after,
			   const char *table, long long lo, long long hi)
{
	return who_changed_key(dst, n, p, after, table, NULL, lo, hi);
}

static int refuse_clash(fw_project *p, const entry *e, const clash *c,
			fw_error *err)
{
	/* the inverse's op: DELETE undoes an insert, INSERT a delete */
	const char *how = c->op == SQLITE_DELETE   ? "which it added"
			  : c->op == SQLITE_INSERT ? "which it removed"
						   : "which it changed";
	const char *since = c->type == SQLITE_CHANGESET_NOTFOUND
				    ? "has been removed since"
			    : c->type == SQLITE_CHANGESET_DATA
				    ? "has been changed since"
				    : "clashes with a row added since";
	char by[600];
	who_changed(by, sizeof by, p, e->id, c->table, c->key);
	return fw_error_set(err, FW_EINVAL, NULL, 0,
			    "cannot undo entry %lld (%s): %s %s, %s, %s%s",
			    e->id, e->verb, table_word(c->table, 0), c->key,
			    how, since, by);
}

/* One part of an entry, inverted and applied. */
static int apply_part(fw_project *p, const entry *e, int part, fw_error *err)
{
	csource src;
	FILE *inv = tmpfile();
	int rc = inv ? csource_part(&src, p, e->id, part)
		     : fw_error_set(err, FW_EIO, NULL, 0,
				    "cannot make a temporary file to undo");
	if (rc) {
		if (inv)
			fclose(inv);
		return rc ? rc : FW_EIO;
	}
	int irc = sqlite3changeset_invert_strm(csource_in, &src, file_out, inv);
	csource_close(&src);
	if (irc != SQLITE_OK || fflush(inv))
		rc = fw_error_set(err, FW_EIO, p->path, 0,
				  "entry %lld's changes cannot be read", e->id);
	rewind(inv);
	clash c = {0};
	if (!rc && sqlite3changeset_apply_strm(p->db, file_in, inv, NULL,
					       on_conflict, &c) != SQLITE_OK)
		rc = c.hit ? refuse_clash(p, e, &c, err)
			   : fw_sql_error(p, err, "undoing");
	fclose(inv);
	return rc;
}

/* An entry's parts undone, the last written first. */
static int apply_inverse(fw_project *p, const entry *e, fw_error *err)
{
	int parts = (int)fw_query_int(p, 0,
				      "SELECT max(part) FROM history_chunk "
				      "WHERE entry=?",
				      "i", e->id) +
		    1;
	int rc = 0;
	for (int k = parts - 1; !rc && k >= 0; k--)
		rc = apply_part(p, e, k, err);
	/* then the rows it added by range, as they were when added (what
	 * the entry changed of them since is in its parts, undone above) */
	return rc ? rc : fw_added_undo(p, e->id, e->verb, err);
}

/* After the apply, every reference must still lead somewhere. */
static int check_links(fw_project *p, const entry *e, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err, "PRAGMA foreign_key_check", "");
	if (rc)
		return rc;
	if (fw_row(p, st)) {
		const char *tab = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		char key[40], by[600];
		snprintf(key, sizeof key, "%lld",
			 (long long)sqlite3_column_int64(st, 1));
		who_changed(by, sizeof by, p, e->id, tab, key);
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "cannot undo entry %lld (%s): %s %s would be "
				  "left without its %s, added since%s",
				  e->id, e->verb, table_word(tab, 0), key,
				  table_word(parent, 0), by);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

static int pick(entry **v, size_t *n, fw_project *p, long long from, int only,
		fw_error *err)
{
	sqlite3_stmt *st;
	*v = NULL;
	*n = 0;
	const char *sql =
		!from  ? "SELECT id, trim(verb || ' ' || args), changes FROM "
			 "history WHERE undone_by IS NULL AND verb NOT IN "
			 "('undo', 'redo') ORDER BY id DESC LIMIT 1"
		: only ? "SELECT id, trim(verb || ' ' || args), changes FROM "
			 "history WHERE id = ?1 AND undone_by IS NULL AND "
			 "verb NOT IN ('undo', 'redo')"
		       : "SELECT id, trim(verb || ' ' || args), changes FROM "
			 "history WHERE id >= ?1 AND undone_by IS NULL AND "
			 "verb NOT IN ('undo', 'redo') ORDER BY id DESC";
	int rc = fw_query(&st, p, err, sql, from ? "i" : "", from);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		*v = fw_xpush(*v, *n, sizeof **v);
		entry *e = &(*v)[(*n)++];
		fw_columns(st, "itt", &e->id, &e->verb, &e->changes);
	}
	sqlite3_finalize(st);
	rc = fw_rows_ok(p, err);
	if (!rc && !*n) {
		char *verb = NULL;
		long long undone = 0;
		if (from && !fw_query(&st, p, NULL,
				      "SELECT verb, coalesce(undone_by, 0) "
				      "FROM history WHERE id=?",
				      "i", from)) {
			if (fw_row(p, st))
				fw_columns(st, "ti", &verb, &undone);
			sqlite3_finalize(st);
		}
		rc = !from    ? fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					     "nothing to undo")
		     : !verb  ? fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					     "no history entry %lld", from)
		     : undone ? fw_error_set(err, FW_EINVAL, NULL, 0,
					     "entry %lld was undone by entry "
					     "%lld already",
					     from, undone)
		     : !strcmp(verb, "undo") || !strcmp(verb, "redo")
			     ? fw_error_set(
				       err, FW_EINVAL, NULL, 0,
				       "entry %lld is %s; it is not undone "
				       "(charter redo takes an undo back, "
				       "charter undo the entries a redo "
				       "made again)",
				       from,
				       *verb == 'u' ? "an undo" : "a redo")
			     : fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "nothing to undo from entry %lld",
					    from);
		free(verb);
	}
	return rc;
}

static void free_entries(entry *v, size_t n)
{
	FW_FREE_FIELDS(v, n, entry, offsetof(entry, verb),
		       offsetof(entry, changes));
}

/* A large change applied (more than a megabyte of changesets, or an
 * entry a bulk verb wrote in parts): the coding tally counted once after
 * it rather than by its triggers row by row. */
static int tally_for(fw_project *p, const entry *v, size_t n, fw_error *err)
{
	long long bytes = 0, parts = 0;
	for (size_t i = 0; i < n; i++) {
		bytes += fw_query_int(p, 0,
				      "SELECT sum(length(data)) FROM "
				      "history_chunk WHERE entry=?",
				      "i", v[i].id);
		parts += fw_query_int(p, 0,
				      "SELECT max(part) FROM history_chunk "
				      "WHERE entry=?",
				      "i", v[i].id);
		parts += fw_added_rows(p, v[i].id) > 0;
	}
	return bytes > 1 << 20 || parts > 0 ? fw_tally_suspend(p, err) : 0;
}

static int undo_in_tx(fw_project *p, const entry *v, size_t n,
		      const char *coder, fw_error *err)
{
	fw_buf args;
	fw_buf_init(&args);
	for (size_t i = 0; i < n; i++)
		fw_buf_printf(&args, "%s%lld", i ? " " : "", v[i].id);
	int rc = fw_history_record(p, "undo", fw_buf_str(&args), coder, err);
	fw_buf_dispose(&args);
	rc = rc ? rc : tally_for(p, v, n, err);
	for (size_t i = 0; !rc && i < n; i++)
		rc = apply_inverse(p, &v[i], err);
	for (size_t i = 0; !rc && i < n; i++)
		rc = check_links(p, &v[i], err);
	if (!rc)
		rc = fw_rows_ok(p, err);
	if (!rc)
		rc = fw_history_write(p, err);
	for (size_t i = 0; !rc && i < n; i++)
		rc = fw_run(p, err, "marking what was undone", NULL,
			    "UPDATE history SET undone_by=?1 WHERE id=?2", "Ii",
			    p->last_entry, v[i].id);
	return rc;
}

/* The rows fw_history_undo and fw_history_redo give back. */
static fw_table *entries_table(const entry *v, size_t n)
{
	static const char *const cols[] = {"entry", "verb", "changes"};
	fw_table *t = fw_table_new(3, cols);
	fw_table_numeric(t, 0);
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", v[i].id);
		fw_table_add(
			t, FW_ROW_DATA,
			(const char *const[]){id, v[i].verb, v[i].changes});
	}
	return t;
}

/* What undo or redo does inside its transaction: pick the entries (into
 * *v, *n) and apply them. */
typedef struct own_work {
	int (*fn)(struct own_work *w, entry **v, size_t *n, fw_project *p,
		  fw_error *err);
	long long from;
	int only;
	const char *coder;
} own_work;

/* Undo's and redo's frame: foreign keys off (they can only be turned off
 * outside a transaction), the work in a transaction of its own, *out the
 * entries it took. */
static int own_tx(fw_table **out, fw_project *p, const char *what, own_work *w,
		  fw_error *err)
{
	*out = NULL;
	if (p->in_tx)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s runs in a transaction of its own",
				    what);
	int rc = fw_exec(p, "PRAGMA foreign_keys=OFF", err);
	rc = rc ? rc : fw_project_begin(p, err);
	if (rc) {
		fw_exec(p, "PRAGMA foreign_keys=ON", NULL);
		return rc;
	}
	entry *v = NULL;
	size_t n = 0;
	rc = w->fn(w, &v, &n, p, err);
	rc = rc ? rc : fw_project_commit(p, err);
	if (rc)
		fw_project_rollback(p);
	fw_exec(p, "PRAGMA foreign_keys=ON", NULL);
	if (!rc)
		*out = entries_table(v, n);
	free_entries(v, n);
	return rc;
}

static int undo_work(own_work *w, entry **v, size_t *n, fw_project *p,
		     fw_error *err)
{
	int rc = pick(v, n, p, w->from, w->only, err);
	return rc ? rc : undo_in_tx(p, *v, *n, w->coder, err);
}

int fw_history_undo(fw_table **out, fw_project *p, long long from, int only,
		    const char *coder, fw_error *err)
{
	own_work w = {undo_work, from, only, coder};
	return own_tx(out, p, "undo", &w, err);
}

int fw_history_undo_mine(fw_table **out, fw_project *p, const char *coder,
			 fw_error *err)
{
	*out = NULL;
	long long id = fw_query_int(p, 0,
				    "SELECT max(id) FROM history WHERE coder=? "
				    "AND undone_by IS NULL AND verb NOT IN "
				    "('undo', 'redo')",
				    "t", fw_coder_name(coder));
	if (id <= 0)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "%s has nothing to undo",
				    fw_coder_name(coder));
	return fw_history_undo(out, p, id, 1, coder, err);
}

/* The coder's newest undo that no edit of theirs has followed and no redo
 * has taken back. */
static int pick_redo(entry **v, size_t *n, fw_project *p, const char *coder,
		     fw_error *err)
{
	sqlite3_stmt *st;
	*v = NULL;
	*n = 0;
	int rc =
		fw_query(&st, p, err,
			 "SELECT id, trim(verb || ' ' || args), changes FROM "
			 "history WHERE coder=?1 AND verb='undo' AND undone_by "
			 "IS NULL AND id > (SELECT coalesce(max(id), 0) FROM "
			 "history WHERE coder=?1 AND verb NOT IN ('undo', "
			 "'redo')) ORDER BY id DESC LIMIT 1",
			 "t", coder);
	if (rc)
		return rc;
	if (fw_row(p, st)) {
		*v = fw_xpush(*v, *n, sizeof **v);
		fw_columns(st, "itt", &(*v)->id, &(*v)->verb, &(*v)->changes);
		*n = 1;
	}
	sqlite3_finalize(st);
	rc = fw_rows_ok(p, err);
	if (!rc && !*n)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "%s has nothing to redo: no undo of theirs "
				  "since their last change",
				  coder);
	return rc;
}

/* Redo: the undo entry's own changes inverted (what it reverted made
 * again); the entries it undid count as not undone again, so a later
 * undo takes them back. */
static int redo_in_tx(fw_project *p, const entry *u, const char *coder,
		      fw_error *err)
{
	char args[24];
	snprintf(args, sizeof args, "%lld", u->id);
	int rc = fw_history_record(p, "redo", args, coder, err);
	rc = rc ? rc : tally_for(p, u, 1, err);
	rc = rc ? rc : apply_inverse(p, u, err);
	rc = rc ? rc : check_links(p, u, err);
	rc = rc ? rc : fw_rows_ok(p, err);
	rc = rc ? rc : fw_history_write(p, err);
	rc = rc ? rc
		: fw_run(p, err, "marking what was redone", NULL,
			 "UPDATE history SET undone_by=NULL WHERE undone_by=?1",
			 "i", u->id);
	rc = rc ? rc
		: fw_run(p, err, "marking what was redone", NULL,
			 "UPDATE history SET undone_by=?1 WHERE id=?2", "Ii",
			 p->last_entry, u->id);
	return rc;
}

static int redo_work(own_work *w, entry **v, size_t *n, fw_project *p,
		     fw_error *err)
{
	int rc = pick_redo(v, n, p, w->coder, err);
	return rc ? rc : redo_in_tx(p, *v, w->coder, err);
}

int fw_history_redo(fw_table **out, fw_project *p, const char *coder,
		    fw_error *err)
{
	own_work w = {redo_work, 0, 0, fw_coder_name(coder)};
	return own_tx(out, p, "redo", &w, err);
}

int fw_history_carried(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"at", "coder", "verb", "changes",
					   "from"};
	return fw_table_query(
		out, p, err, cols, 5,
		"SELECT at, coder, trim(verb || ' ' || args), "
		"changes, came_from FROM carried_log ORDER BY at, "
		"id",
		"");
}
