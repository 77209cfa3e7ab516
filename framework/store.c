/*
 * store.c: the project file, one SQLite database per project: prepared
 * and cached statements, rows read and written, errors as charter's.  The
 * schema and its migrations are in schema.c.
 */
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "guid.h"
#include "table.h"
#include "timefmt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The database's last error as charter's: a locked project is busy
 * (another charter is writing to it), anything else an I/O error. */
int fw_store_db_err(sqlite3 *db, fw_error *err, const char *path,
		    const char *what)
{
	int e = sqlite3_errcode(db);
	if (e == SQLITE_BUSY || e == SQLITE_LOCKED)
		return fw_error_set(err, FW_EBUSY, path, 0,
				    "%s: the project is busy (another charter "
				    "is writing to it); try again",
				    what);
	return fw_error_set(err, FW_EIO, path, 0, "%s: %s", what,
			    sqlite3_errmsg(db));
}

int fw_sql_error(fw_project *p, fw_error *err, const char *what)
{
	return fw_store_db_err(p->db, err, p->path, what);
}

/* A coding's columns as the writers give them: the batch writer's twelve,
 * and the one-row writers' fourteen (with its review). */
#define CODING_COLUMNS                                                         \
	"guid,code_id,source_id,start,\"end\",line_start,line_end,coder_id,"   \
	"origin,created_at,status,rule_id"
#define ADD_CODING                                                             \
	"INSERT INTO coding(" CODING_COLUMNS ",reviewer_id,reviewed_at) "      \
	"VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"

/* Turns by statements of many rows (source.c). */
#define ADD_TURNS                                                              \
	"INSERT INTO utterance(source_id,seq,speaker_id,start,\"end\","        \
	"bstart,bend,line_start,line_end,t_start_ms,t_end_ms) VALUES"
#define TURN_1  "(?,?,?,?,?,?,?,?,?,?,?)"
#define TURN_4  TURN_1 "," TURN_1 "," TURN_1 "," TURN_1
#define TURN_16 TURN_4 "," TURN_4 "," TURN_4 "," TURN_4
#define TURN_64 TURN_16 "," TURN_16 "," TURN_16 "," TURN_16

static const char *const cached_sql[FW_Q_N] = {
	[FW_Q_CASE_VALUE] = "SELECT v.value FROM case_value v JOIN attribute a "
			    "ON a.id=v.attribute_id WHERE v.case_id=?1 AND "
			    "a.name=?2",
	[FW_Q_CASE_ID] = "SELECT id FROM \"case\" WHERE name=?1",
	[FW_Q_CODE_ID] = "SELECT id FROM code WHERE number=?1",
	[FW_Q_SOURCE_ID] = "SELECT id FROM source WHERE name=?1",
	[FW_Q_ATTRIBUTE_ID] = "SELECT id FROM attribute WHERE name=?1",
	[FW_Q_ADD_CODING] = ADD_CODING,
	[FW_Q_ADD_CODING_NEW] = ADD_CODING " ON CONFLICT(guid) DO NOTHING",
	[FW_Q_ADD_CASE] = "INSERT INTO \"case\"(guid,name,sort) VALUES(?1,?2,"
			  "coalesce(?3,(SELECT coalesce(max(sort),0)+1 FROM "
			  "\"case\")))",
	[FW_Q_ADD_CODE] = "INSERT INTO code(guid,parent_id,number,name,"
			  "definition,use_when,not_when,example,origin,color,"
			  "depth,sort) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
			  "?11,?12)",
	[FW_Q_ADD_SOURCE] = "INSERT INTO source(guid,name,path,format,encoding,"
			    "sha256,text,chars,lines,words,imported_at) "
			    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
	[FW_Q_ADD_CODER] = "INSERT INTO coder(guid,name) VALUES(?1,?2)",
	[FW_Q_CODER_ID] = "SELECT id FROM coder WHERE name=?1",
	[FW_Q_LINK_CASE] = ("INSERT OR IGNORE INTO case_source(case_id,"
			    "source_id,by_speaker) VALUES(?1,?2,?3)"),
	[FW_Q_ADD_TURNS_64] = ADD_TURNS TURN_64,
	[FW_Q_ADD_TURNS_16] = ADD_TURNS TURN_16,
	[FW_Q_ADD_TURNS_4] = ADD_TURNS TURN_4,
	[FW_Q_ADD_TURNS_1] = ADD_TURNS TURN_1,
};

sqlite3_stmt *fw_stmt(fw_project *p, int q, fw_error *err)
{
	sqlite3_stmt *st = p->cache[q];
	if (!st) {
		if (fw_prepare(p, &st, cached_sql[q], err))
			return NULL;
		p->cache[q] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void fw_stmt_cache_free(fw_project *p)
{
	for (int q = 0; q < FW_Q_N; q++) {
		sqlite3_finalize(p->cache[q]);
		p->cache[q] = NULL;
	}
}

int fw_step(fw_project *p, sqlite3_stmt *st, fw_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fw_sql_error(p, err, "reading the project");
}

int fw_step_done(fw_project *p, sqlite3_stmt *st, const char *what,
		 fw_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return fw_sql_error(p, err, what);
}

static void keep_failure(fw_project *p)
{
	if (p->step_rc)
		return;
	int e = sqlite3_errcode(p->db);
	p->step_rc = e == SQLITE_BUSY || e == SQLITE_LOCKED ? FW_EBUSY : FW_EIO;
	snprintf(p->step_msg, sizeof p->step_msg, "%s", sqlite3_errmsg(p->db));
}

int fw_row(fw_project *p, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		keep_failure(p);
	return 0;
}

int fw_done(fw_project *p, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 1;
	keep_failure(p);
	return 0;
}

int fw_rows_ok(fw_project *p, fw_error *err)
{
	int rc = p->step_rc;
	if (!rc)
		return 0;
	p->step_rc = 0;
	if (rc == FW_EBUSY)
		return fw_error_set(err, rc, p->path, 0,
				    "the project is busy (another charter is "
				    "writing to it); try again");
	return fw_error_set(err, rc, p->path, 0, "reading the project: %s",
			    p->step_msg);
}

int fw_table_done(fw_table **out, fw_table *t, fw_project *p, fw_error *err)
{
	int rc = fw_rows_ok(p, err);
	if (rc) {
		fw_table_free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

int fw_table_rows(fw_table **out, fw_project *p, sqlite3_stmt *st, size_t ncols,
		  const char *const *cols, fw_error *err)
{
	fw_table *t = fw_table_new(ncols, cols);
	const char **row = fw_xcalloc(ncols + 1, sizeof *row);
	while (fw_row(p, st)) {
		for (size_t i = 0; i < ncols; i++)
			row[i] = (const char *)sqlite3_column_text(st, (int)i);
		fw_table_add(t, FW_ROW_DATA, row);
	}
	free(row);
	sqlite3_finalize(st);
	return fw_table_done(out, t, p, err);
}

long long fw_lookup_id(fw_project *p, int q, const char *key)
{
	sqlite3_stmt *st = fw_stmt(p, q, NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	long long id = fw_row(p, st) ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

char *fw_case_value(fw_project *p, long long cid, const char *attr)
{
	sqlite3_stmt *st = fw_stmt(p, FW_Q_CASE_VALUE, NULL);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, attr, -1, SQLITE_TRANSIENT);
	char *v = fw_row(p, st)
			  ? fw_xstrdup((const char *)sqlite3_column_text(st, 0))
			  : NULL;
	sqlite3_reset(st);
	return v;
}

int fw_find_id(long long *id, fw_project *p, int q, const char *key,
	       const char *what, fw_error *err)
{
	if (!(*id = fw_lookup_id(p, q, key)))
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0, "no %s '%s'",
				    what, key);
	return fw_rows_ok(p, err);
}

static void keep_failure(fw_project *p);

int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql, fw_error *err)
{
	if (sqlite3_prepare_v2(p->db, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	*st = NULL;
	if (!err) /* a caller that does not ask still gets it reported */
		keep_failure(p);
	return fw_sql_error(p, err, "database");
}

int fw_prepare_all(fw_project *p, const fw_stmt_sql *list, size_t n,
		   fw_error *err)
{
	for (size_t i = 0; i < n; i++)
		*list[i].st = NULL;
	for (size_t i = 0; i < n; i++) {
		int rc = fw_prepare(p, list[i].st, list[i].sql, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* Binds ?1, ?2 ... as types says (see fw_query).  'C' and 'K' look a
 * name up in p, so only fw_query, which has p, takes them. */
static int bind_args(fw_project *p, fw_error *err, sqlite3_stmt *st,
		     const char *types, va_list ap)
{
	for (int i = 1; types[i - 1]; i++)
		switch (types[i - 1]) {
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 'I': fw_bind_id(st, i, va_arg(ap, long long)); break;
		case 'n': sqlite3_bind_int(st, i, va_arg(ap, int)); break;
		case 'd': sqlite3_bind_double(st, i, va_arg(ap, double)); break;
		case 'b': {
			/* text of a given length, the caller's until the step
			 */
			const char *t = va_arg(ap, const char *);
			size_t n = va_arg(ap, size_t);
			sqlite3_bind_text(st, i, t, (int)n, SQLITE_STATIC);
			break;
		}
		case 'B': {
			/* bytes of a given length, as 'b' but a blob */
			const void *t = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			sqlite3_bind_blob64(st, i, t, n, SQLITE_STATIC);
			break;
		}
		case 'C':
		case 'K': {
			const char *name = va_arg(ap, const char *);
			long long id;
			int c = types[i - 1] == 'C';
			int rc = p ? fw_find_id(&id, p,
						c ? FW_Q_CASE_ID : FW_Q_CODE_ID,
						name, c ? "case" : "code", err)
				   : FW_EINVAL;
			if (rc)
				return rc;
			sqlite3_bind_int64(st, i, id);
			break;
		}
		default: fw_bind_text(st, i, va_arg(ap, const char *)); break;
		}
	return 0;
}

/* fw_query with its arguments as a va_list. */
static int query_v(sqlite3_stmt **st, fw_project *p, fw_error *err,
		   const char *sql, const char *types, va_list ap)
{
	int rc = fw_prepare(p, st, sql, err);
	if (rc)
		return rc;
	if ((rc = bind_args(p, err, *st, types, ap))) {
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return rc;
}

int fw_query(sqlite3_stmt **st, fw_project *p, fw_error *err, const char *sql,
	     const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = query_v(st, p, err, sql, types, ap);
	va_end(ap);
	return rc;
}

long long fw_query_int(fw_project *p, long long none, const char *sql,
		       const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, NULL, sql, types, ap);
	va_end(ap);
	if (rc)
		return none;
	long long v = none;
	if (fw_row(p, st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int fw_run(fw_project *p, fw_error *err, const char *what, int *changed,
	   const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	if ((rc = fw_step_done(p, st, what, err)) && !err)
		keep_failure(p); /* reported by fw_rows_ok, or the commit */
	if (!rc && changed)
		*changed = sqlite3_changes(p->db);
	sqlite3_finalize(st);
	return rc;
}

int fw_table_query(fw_table **out, fw_project *p, fw_error *err,
		   const char *const *cols, size_t ncols, const char *sql,
		   const char *types, ...)
{
	*out = NULL;
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, err, sql, types, ap);
	va_end(ap);
	return rc ? rc : fw_table_rows(out, p, st, ncols, cols, err);
}

void fw_columns(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++)
		switch (types[i]) {
		case 'i':
			*va_arg(ap, long long *) = sqlite3_column_int64(st, i);
			break;
		case 'n': *va_arg(ap, int *) = sqlite3_column_int(st, i); break;
		case 'l':
			*va_arg(ap, long *) = (long)sqlite3_column_int64(st, i);
			break;
		case 'd':
			*va_arg(ap, double *) = sqlite3_column_double(st, i);
			break;
		case 't':
			*va_arg(ap, char **) = fw_xstrdup(
				(const char *)sqlite3_column_text(st, i));
			break;
		default: break;
		}
	va_end(ap);
}

void fw_rebind(sqlite3_stmt *st, const char *types, ...)
{
	sqlite3_reset(st);
	va_list ap;
	va_start(ap, types);
	bind_args(NULL, NULL, st, types, ap);
	va_end(ap);
}

int fw_exec(fw_project *p, const char *sql, fw_error *err)
{
	if (sqlite3_exec(p->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fw_sql_error(p, err, "database");
	return 0;
}

/* ---- row writers --------------------------------------------------------- */

void fw_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void fw_bind_id(sqlite3_stmt *st, int i, long long id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Run a bound writer; *id the new row's.  Resets it either way. */
static int add_row(long long *id, fw_project *p, sqlite3_stmt *st,
		   const char *what, fw_error *err)
{
	int rc = fw_step_done(p, st, what, err);
	sqlite3_reset(st);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(p->db);
	return rc;
}

/* The GUID to give a new row: the one it came with, or a new one. */
static const char *guid_for(const char *guid, char buf[37])
{
	if (guid && *guid)
		return guid;
	fw_guid_new(buf);
	return buf;
}

/* A row by cached statement q, its parameters bound as fw_query binds
 * them; *id, if asked for, is the new row's. */
static int put_row(long long *id, fw_project *p, int q, const char *what,
		   fw_error *err, const char *types, ...)
{
	sqlite3_stmt *st = fw_stmt(p, q, err);
	if (!st)
		return FW_EIO;
	va_list ap;
	va_start(ap, types);
	bind_args(NULL, NULL, st, types, ap);
	va_end(ap);
	int rc = add_row(id, p, st, what, err);
	sqlite3_clear_bindings(st); /* texts bound with 'b' are the caller's */
	return rc;
}

/* A new coding's status: as given, else a rule's is a suggestion and a
 * researcher's confirmed. */
static const char *coding_status(const fw_coding_row *r)
{
	return r->status                   ? r->status
	       : strcmp(r->origin, "rule") ? "confirmed"
					   : "suggested";
}

static int store_coding(long long *id, fw_project *p, int q,
			const fw_coding_row *r, fw_error *err)
{
	char g[37], now[32];
	if (!r->created_at)
		fw_now(now, sizeof now);
	return put_row(id, p, q, "storing a coding", err, "tiiiinnItttIIt",
		       guid_for(r->guid, g), (long long)r->code_id,
		       (long long)r->source_id, (long long)r->start,
		       (long long)r->end, (int)r->line_start, (int)r->line_end,
		       (long long)r->coder_id, r->origin,
		       r->created_at ? r->created_at : now, coding_status(r),
		       (long long)r->rule_id, (long long)r->reviewer_id,
		       r->reviewed_at);
}

int fw_store_coding(long long *id, fw_project *p, const fw_coding_row *r,
		    fw_error *err)
{
	return store_coding(id, p, FW_Q_ADD_CODING, r, err);
}

int fw_store_coding_bulk(long long *id, fw_project *p, const fw_coding_row *r,
			 fw_error *err)
{
	fw_history_bulk(p, 0);
	long long got = 0;
	int rc = store_coding(&got, p, FW_Q_ADD_CODING_NEW, r, err);
	fw_history_bulk(p, 1);
	if (!rc && !sqlite3_changes(p->db))
		got = 0; /* its GUID is there: nothing stored */
	if (!rc && got)
		fw_history_added(p, "coding", got, got);
	*id = got;
	return rc;
}

void fw_coding_batch_init(fw_coding_batch *b, fw_project *p)
{
	memset(b, 0, sizeof *b);
	b->p = p;
}

static const int batch_sizes[4] = {FW_BATCH, 16, 4, 1};

/* The k-th batch statement: batch_sizes[k] rows of twelve values. */
static sqlite3_stmt *batch_stmt(fw_coding_batch *b, int k, fw_error *err)
{
	if (b->st[k])
		return b->st[k];
	fw_buf sql;
	fw_buf_init(&sql);
	fw_buf_puts(&sql, "INSERT INTO coding(" CODING_COLUMNS ") VALUES");
	for (int r = 0; r < batch_sizes[k]; r++)
		fw_buf_puts(&sql, r ? ",(?,?,?,?,?,?,?,?,?,?,?,?)"
				    : "(?,?,?,?,?,?,?,?,?,?,?,?)");
	fw_prepare(b->p, &b->st[k], fw_buf_str(&sql), err);
	fw_buf_dispose(&sql);
	return b->st[k];
}

/* Text the batch holds (or a literal) until the step: bound without a
 * copy. */
static void bind_static(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Rows [from, from + n) by statement k. */
static int batch_put(fw_coding_batch *b, int k, int from, fw_error *err)
{
	sqlite3_stmt *st = batch_stmt(b, k, err);
	if (!st)
		return FW_EIO;
	for (int r = 0; r < batch_sizes[k]; r++) {
		const fw_coding_row *c = &b->rows[from + r];
		int i = r * 12;
		sqlite3_bind_text(st, i + 1, b->guids[from + r], -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(st, i + 2, c->code_id);
		sqlite3_bind_int64(st, i + 3, c->source_id);
		sqlite3_bind_int64(st, i + 4, c->start);
		sqlite3_bind_int64(st, i + 5, c->end);
		sqlite3_bind_int(st, i + 6, c->line_start);
		sqlite3_bind_int(st, i + 7, c->line_end);
		fw_bind_id(st, i + 8, c->coder_id);
		bind_static(st, i + 9, c->origin);
		bind_static(st, i + 10, c->created_at);
		bind_static(st, i + 11, coding_status(c));
		fw_bind_id(st, i + 12, c->rule_id);
	}
	/* recorded by range, not row by row (history_added.c) */
	fw_history_bulk(b->p, 0);
	int rc = fw_step_done(b->p, st, "storing codings", err);
	fw_history_bulk(b->p, 1);
	sqlite3_reset(st);
	if (!rc) {
		long long hi = sqlite3_last_insert_rowid(b->p->db);
		fw_history_added(b->p, "coding", hi - batch_sizes[k] + 1, hi);
	}
	return rc;
}

int fw_coding_batch_flush(fw_coding_batch *b, fw_error *err)
{
	int at = 0, rc = 0;
	for (int k = 0; k < 4 && !rc; k++)
		while (!rc && b->n - at >= batch_sizes[k]) {
			rc = batch_put(b, k, at, err);
			at += batch_sizes[k];
		}
	b->n = 0;
	return rc;
}

int fw_coding_batch_add(fw_coding_batch *b, const fw_coding_row *r,
			fw_error *err)
{
	b->rows[b->n] = *r;
	snprintf(b->guids[b->n], sizeof b->guids[b->n], "%s",
		 r->guid && *r->guid ? r->guid : "");
	if (!*b->guids[b->n])
		fw_guid_new(b->guids[b->n]);
	if (!r->created_at) {
		fw_now(b->nows[b->n], sizeof b->nows[b->n]);
		b->rows[b->n].created_at = b->nows[b->n];
	}
	return ++b->n == FW_BATCH ? fw_coding_batch_flush(b, err) : 0;
}

void fw_coding_batch_dispose(fw_coding_batch *b)
{
	for (int k = 0; k < 4; k++)
		sqlite3_finalize(b->st[k]);
	memset(b, 0, sizeof *b);
}

int fw_store_case(long long *id, fw_project *p, const char *guid,
		  const char *name, int sort, fw_error *err)
{
	char g[37];
	/* FW_SORT_NEXT leaves ?3 NULL: after the last case */
	return put_row(id, p, FW_Q_ADD_CASE, "storing a case", err,
		       sort != FW_SORT_NEXT ? "ttn" : "tt", guid_for(guid, g),
		       name, sort);
}

int fw_store_code(long long *id, fw_project *p, const fw_code_row *r,
		  fw_error *err)
{
	char g[37];
	return put_row(id, p, FW_Q_ADD_CODE, "storing a code", err,
		       "tIttttttttnn", guid_for(r->guid, g),
		       (long long)r->parent_id, r->number, r->name,
		       r->definition, r->use_when, r->not_when, r->example,
		       r->origin, r->color, (int)r->depth, (int)r->sort);
}

int fw_store_source(long long *id, fw_project *p, const fw_source_row *r,
		    fw_error *err)
{
	char g[37], now[32];
	if (!r->imported_at)
		fw_now(now, sizeof now);
	/* the transcript's text kept out of the history's changeset: the
	 * row is recorded by its id (history_added.c) */
	fw_history_bulk(p, 0);
	int rc = put_row(id, p, FW_Q_ADD_SOURCE, "storing a source", err,
			 "ttttttbinit", guid_for(r->guid, g), r->name, r->path,
			 r->format, r->encoding, r->sha256, r->text,
			 (size_t)r->len, (long long)r->chars, (int)r->lines,
			 (long long)r->words,
			 r->imported_at ? r->imported_at : now);
	fw_history_bulk(p, 1);
	if (!rc)
		fw_history_added(p, "source", *id, *id);
	return rc;
}

int fw_store_case_source(fw_project *p, long long case_id, long long source_id,
			 int by_speaker, fw_error *err)
{
	return put_row(NULL, p, FW_Q_LINK_CASE, "linking a case to a source",
		       err, "iin", case_id, source_id, by_speaker);
}

int fw_store_coder(long long *id, fw_project *p, const char *guid,
		   const char *name, fw_error *err)
{
	char g[37];
	return put_row(id, p, FW_Q_ADD_CODER, "storing a coder", err, "tt",
		       guid_for(guid, g), name);
}

int fw_no_coding(fw_error *err, long long id)
{
	return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
			    "no coding %lld (charter codings lists them with "
			    "their ids)",
			    id);
}
