/*
 * store.h: the project file, private to libframework: the connection,
 * statements, and the schema's row writers.
 */
#ifndef FW_STORE_H
#define FW_STORE_H

#include <sqlite3.h>

#include "fw/project.h"
#include "table.h"

/* The project's common lookups, prepared once per connection. */
enum {
	FW_Q_CASE_VALUE,     /* ?1 case id, ?2 attribute name: value */
	FW_Q_CASE_ID,        /* ?1 case name: id */
	FW_Q_CODE_ID,        /* ?1 code number: id */
	FW_Q_SOURCE_ID,      /* ?1 source name: id */
	FW_Q_ATTRIBUTE_ID,   /* ?1 attribute name: id */
	FW_Q_ADD_CODING,     /* the row writers' statements */
	FW_Q_ADD_CODING_NEW, /* a coding unless its GUID is there */
	FW_Q_ADD_CASE,
	FW_Q_ADD_CODE,
	FW_Q_ADD_SOURCE,
	FW_Q_ADD_CODER,
	FW_Q_CODER_ID,
	FW_Q_LINK_CASE,
	FW_Q_ADD_TURNS_64, /* 64, 16, 4 and 1 turns, eleven values each */
	FW_Q_ADD_TURNS_16,
	FW_Q_ADD_TURNS_4,
	FW_Q_ADD_TURNS_1,
	FW_Q_N
};

/* Rows a bulk writer added, recorded by range (history_added.c). */
typedef struct fw_added {
	char table[24];
	long long lo, hi;
} fw_added;

struct fw_project {
	sqlite3 *db;
	char *path;
	int readonly;
	int in_tx;
	sqlite3_stmt *cache[FW_Q_N];
	int step_rc;        /* the first failed step not yet reported */
	char step_msg[300]; /* and what the database said */
	/* the verb being recorded (fw_history_record): its changes, and
	 * what the history entry will say of it */
	struct sqlite3_session *session;
	char *rec_verb, *rec_args, *rec_coder;
	long long rec_entry; /* the entry being written, once flushed */
	int rec_part, rec_seq;
	size_t rec_total;
	long long last_entry; /* the entry the last commit wrote, 0 if none */
	long history_part;    /* rows a bulk verb changes between flushes */
	int suggested;        /* counted includes suggestions */
	fw_progress_fn progress; /* who hears how far long work is */
	void *progress_ctx;
	char *notice;           /* what a migration left to say, or NULL */
	int wait_ms, waited_ms; /* how long a writer waits for the lock */
	fw_wait_fn on_wait;     /* told once when waiting starts */
	void *wait_ctx;
	int writer_marked;  /* PROJECT-writer names this process */
	int blind;          /* coding blind: the views hold one coder's */
	long long blind_id; /* that coder (-1: not in the project yet) */
	char *blind_name;
	int tally_off; /* the coding tally's triggers dropped (a bulk write) */
	fw_added *added; /* rows added with the session off, by range */
	size_t nadded, addcap;
	struct fw_fts *fts; /* the search index's words found ahead, or NULL
			       (the connection owns it) */
};

/* The coding tally (schema 19): its triggers, its counting afresh and the
 * triggers' removal, as SQL. */
extern const char fw_tally_triggers[], fw_tally_count[], fw_tally_drop[];
/* Inside a transaction, before writing many codings: the tally's triggers
 * dropped (each triggered row would cost a statement journal)... */
int fw_tally_suspend(fw_project *p, fw_error *err);
/* ...and after: the tally counted afresh and its triggers back.  A
 * rollback brings the triggers back by itself. */
int fw_tally_resume(fw_project *p, fw_error *err);

/* BEGIN IMMEDIATE, waiting up to wait_ms; a busy project's error names
 * the verb that holds it. */
int fw_project_lock(fw_project *p, fw_error *err);
/* Name the verb writing (in PROJECT-writer) until commit or rollback. */
void fw_project_writer_mark(fw_project *p, const char *verb);
void fw_project_writer_unmark(fw_project *p);
/* The busy handler that waits and tells (set when a project opens). */
void fw_project_wait_setup(fw_project *p);

/* Write the recorded verb's history entry, if it changed anything, and
 * stop recording (fw_project_commit, before COMMIT). */
int fw_history_write(fw_project *p, fw_error *err);
/* Write what the history session holds so far as the next part of the
 * verb's entry and start the session afresh: for verbs that change many
 * rows, so that the session's memory (which grows with every row changed)
 * stays bounded.  Undo applies the parts in reverse.  No-op when nothing
 * is being recorded. */
int fw_history_flush(fw_project *p, fw_error *err);
/* Rows a bulk verb changes between flushes. */
#define FW_HISTORY_PART 100000
/* Stop recording, writing nothing (rollback, close). */
void fw_history_drop(fw_project *p);

/* Bulk additions (history_added.c): the session off (on = 0) while a bulk
 * writer adds rows, on again after; then the ids it added, lo to hi, so
 * the entry records them by range, not row by row.  No-ops when nothing
 * is being recorded. */
void fw_history_bulk(fw_project *p, int on);
void fw_history_added(fw_project *p, const char *table, long long lo,
		      long long hi);
/* The ranges into history_added for entry (adding their rows to *rows),
 * and forgotten. */
int fw_added_write(fw_project *p, long long entry, size_t *rows, fw_error *err);
void fw_added_drop(fw_project *p);
/* How many rows entry added by range. */
long long fw_added_rows(fw_project *p, long long entry);
/* Entry's ranges undone: refused if their rows changed since, else
 * deleted (recorded by the undo's session). */
int fw_added_undo(fw_project *p, long long entry, const char *verb,
		  fw_error *err);
/* " by entry N (verb args); undo it first" and 1 for the newest entry
 * after `after` in effect (not undone, not an undo or redo) that changed a
 * row of table with key in [lo, hi]; else " outside charter's history"
 * and 0. */
int fw_history_who_changed(char *dst, size_t n, fw_project *p, long long after,
			   const char *table, long long lo, long long hi);

/* One of the cached statements, reset with its bindings cleared; NULL
 * (err filled) if it cannot be prepared. */
sqlite3_stmt *fw_stmt(fw_project *p, int q, fw_error *err);
/* Finalize the cached statements (before closing). */
void fw_stmt_cache_free(fw_project *p);
/* Step a statement that reads: 1 for a row, 0 at the end, negative (err
 * filled: busy or I/O) on an error, so a loop can tell the two apart. */
int fw_step(fw_project *p, sqlite3_stmt *st, fw_error *err);
/* Step a statement that writes, which must finish: 0 or negative. */
int fw_step_done(fw_project *p, sqlite3_stmt *st, const char *what,
		 fw_error *err);
/* Step a statement: 1 for a row, 0 at the end of the rows or on an error,
 * which is kept in the project until fw_rows_ok reports it, so a loop
 * `while (fw_row(p, st))` ends either way and the function it is in tells
 * the two apart before it returns. */
int fw_row(fw_project *p, sqlite3_stmt *st);
/* Step a statement that writes: 1 when done; 0 on an error, kept as by
 * fw_row. */
int fw_done(fw_project *p, sqlite3_stmt *st);
/* 0 when no step has failed since the last report; else the first
 * failure's code with err filled (busy, or I/O), and the record cleared.
 * fw_project_commit refuses to commit while one is pending. */
int fw_rows_ok(fw_project *p, fw_error *err);
/* Hand a table built from rows to *out, or, when a step failed, free it
 * and report the failure as fw_rows_ok does. */
int fw_table_done(fw_table **out, fw_table *t, fw_project *p, fw_error *err);
/* A table of every row of st (finalized), each column's text in turn. */
int fw_table_rows(fw_table **out, fw_project *p, sqlite3_stmt *st, size_t ncols,
		  const char *const *cols, fw_error *err);

/* Prepare sql and bind its parameters ?1, ?2 ... from the arguments, one
 * letter of types each: 'i' a long long, 'I' a long long id (0 binds
 * NULL), 'n' an int, 'd' a double, 't' a text (NULL binds NULL), 'b' a
 * text and its size_t length, bound without a copy; 'B' the same bytes
 * as a blob; 'C' a case name and
 * 'K' a code number, bound as the row's id (FW_ENOTFOUND, "no case 'X'",
 * when there is none; *st is then NULL).  Fails as fw_prepare does. */
int fw_query(sqlite3_stmt **st, fw_project *p, fw_error *err, const char *sql,
	     const char *types, ...);

/* The first column of a query's first row, its parameters bound as
 * fw_query binds them; none when there is no row, the value is NULL or
 * the query fails. */
long long fw_query_int(fw_project *p, long long none, const char *sql,
		       const char *types, ...);

/* A table of the rows of one query (its parameters bound as fw_query
 * binds them), a column per name in cols[0..ncols), the query's first
 * ncols columns as text. */
int fw_table_query(fw_table **out, fw_project *p, fw_error *err,
		   const char *const *cols, size_t ncols, const char *sql,
		   const char *types, ...);

/* Run one statement that writes, its parameters bound as fw_query binds
 * them; *changed, if asked for, is the number of rows it changed.  A
 * failure says what it was doing ("storing a cell"); with no err it is
 * kept, as by fw_row. */
int fw_run(fw_project *p, fw_error *err, const char *what, int *changed,
	   const char *sql, const char *types, ...);

/* Read the current row's columns 0, 1 ... into the arguments, one letter
 * of types each: 'i' a long long *, 'n' an int *, 'l' a long *, 'd' a
 * double *, 't' a
 * char ** (a copy, NULL for NULL), '-' a column passed over. */
void fw_columns(sqlite3_stmt *st, const char *types, ...);

/* Reset st and bind its parameters again, as fw_query binds them (but
 * for 'C' and 'K'). */
void fw_rebind(sqlite3_stmt *st, const char *types, ...);

/* Bind text, or NULL when s is NULL; an id, or NULL when it is 0. */
void fw_bind_text(sqlite3_stmt *st, int i, const char *s);
void fw_bind_id(sqlite3_stmt *st, int i, long long id);

/* The id a cached lookup finds for one text key, 0 if none. */
long long fw_lookup_id(fw_project *p, int q, const char *key);
/* A copy of case cid's value of attribute attr, NULL if it has none. */
char *fw_case_value(fw_project *p, long long cid, const char *attr);
/* The same, where there must be one: "no WHAT 'KEY'" if there is not. */
int fw_find_id(long long *id, fw_project *p, int q, const char *key,
	       const char *what, fw_error *err);

/* Bring a database up to the schema version this library writes. */
/* The database's last error as charter's: busy when another charter holds
 * the project, else an I/O error naming what was being done. */
int fw_store_db_err(sqlite3 *db, fw_error *err, const char *path,
		    const char *what);
int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err);
/* ...or only up to version `to` (tests make older projects with it). */
int fw_store_migrate_to(sqlite3 *db, const char *path, int to, fw_error *err);
/* Fill err from the database's last error (busy or I/O); returns the code. */
int fw_sql_error(fw_project *p, fw_error *err, const char *what);
/* Prepare; on failure fills err from the database. */
int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql,
	       fw_error *err);
/* A statement and its SQL, for fw_prepare_all. */
typedef struct fw_stmt_sql {
	sqlite3_stmt **st;
	const char *sql;
} fw_stmt_sql;
/* Prepare each of list[0..n) in order, stopping at the first failure
 * (those prepared stay prepared; the rest are NULL). */
int fw_prepare_all(fw_project *p, const fw_stmt_sql *list, size_t n,
		   fw_error *err);
#define FW_PREPARE_ALL(p, err, ...)                                            \
	fw_prepare_all(p, (const fw_stmt_sql[]){__VA_ARGS__},                  \
		       sizeof((const fw_stmt_sql[]){__VA_ARGS__}) /            \
			       sizeof(fw_stmt_sql),                            \
		       err)
/* Run one statement with no result. */
int fw_exec(fw_project *p, const char *sql, fw_error *err);
/* ---- the rows: one writer each, used by every module that adds one ---- */

/* A new coding.  guid and created_at NULL: made now; coder_id 0: none. */
typedef struct fw_coding_row {
	const char *guid;
	long long code_id, source_id, coder_id;
	long start, end; /* code points, end exclusive */
	int line_start, line_end;
	const char *origin; /* "manual" or "rule" */
	const char *created_at;
	const char *status;    /* NULL: a rule's is suggested, else confirmed */
	long long rule_id;     /* the rule that made it, 0 if none */
	long long reviewer_id; /* who decided on it, 0 if no one */
	const char *reviewed_at;
} fw_coding_row;
int fw_store_coding(long long *id, fw_project *p, const fw_coding_row *r,
		    fw_error *err);
/* The same for a bulk writer (import): the coding recorded in the history
 * by its id (fw_history_added), not in the changeset; *id 0, nothing
 * stored, when a coding with its GUID is there already. */
int fw_store_coding_bulk(long long *id, fw_project *p, const fw_coding_row *r,
			 fw_error *err);

/* Codings written many at a time: rows gathered and inserted by one
 * multi-row INSERT of FW_BATCH rows (a statement's own work, its cursors
 * on the coding indexes opened and closed, once per batch, not per row),
 * the rest in smaller steps at fw_coding_batch_flush.  Ids are given in
 * the order added, as one by one, and the history records them by range
 * (fw_history_added).  A row's texts (origin, created_at, status) must
 * live until the flush; its guid is copied.  For new suggestions: a
 * reviewer is not stored. */
enum { FW_BATCH = 64 };
typedef struct fw_coding_batch {
	fw_project *p;
	fw_coding_row rows[FW_BATCH];
	char guids[FW_BATCH][37];
	char nows[FW_BATCH][32]; /* created_at, for rows that gave none */
	int n;
	sqlite3_stmt *st[4]; /* 64, 16, 4 and 1 rows */
} fw_coding_batch;
void fw_coding_batch_init(fw_coding_batch *b, fw_project *p);
int fw_coding_batch_add(fw_coding_batch *b, const fw_coding_row *r,
			fw_error *err);
int fw_coding_batch_flush(fw_coding_batch *b, fw_error *err);
void fw_coding_batch_dispose(fw_coding_batch *b);

/* A new memo (memo.c); kind NULL: "note", target NULL: "project";
 * created_at NULL: now; a span's lines are worked out from its offsets. */
typedef struct fw_memo_row {
	const char *guid, *kind, *target;
	long long source_id, case_id, code_id, coder_id;
	long start, end;
	const char *grp, *title, *text, *created_at;
} fw_memo_row;
int fw_store_memo(long long *id, fw_project *p, const fw_memo_row *r,
		  fw_error *err);

/* A new case; guid NULL: made now.  sort: its row in the sheet, or
 * FW_SORT_UNSHEETED (after every sheeted case) or FW_SORT_NEXT (after
 * every case so far). */
#define FW_SORT_UNSHEETED 1000000000
#define FW_SORT_NEXT      (-1)
int fw_store_case(long long *id, fw_project *p, const char *guid,
		  const char *name, int sort, fw_error *err);

/* A new code; guid NULL: made now; parent_id 0: a main theme. */
typedef struct fw_code_row {
	const char *guid;
	long long parent_id;
	const char *number, *name, *definition, *use_when, *not_when, *example,
		*origin, *color;
	int depth, sort;
} fw_code_row;
int fw_store_code(long long *id, fw_project *p, const fw_code_row *r,
		  fw_error *err);

/* A new source: its normalised text and what it was read from. */
typedef struct fw_source_row {
	const char *guid, *name, *path, *format, *encoding, *sha256;
	const char *text;
	size_t len;
	long chars, words;
	int lines;
	const char *imported_at; /* NULL: now */
} fw_source_row;
int fw_store_source(long long *id, fw_project *p, const fw_source_row *r,
		    fw_error *err);

/* A case's link to a source (kept if there already); by_speaker: the
 * source is a group discussion coded per participant. */
int fw_store_case_source(fw_project *p, long long case_id, long long source_id,
			 int by_speaker, fw_error *err);

/* A new coder (guid NULL: made now). */
int fw_store_coder(long long *id, fw_project *p, const char *guid,
		   const char *name, fw_error *err);
/* "no coding ID (charter codings lists them with their ids)": the
 * error of every verb given a coding id there is not; returns
 * FW_ENOTFOUND. */
int fw_no_coding(fw_error *err, long long id);
/* Coding id's origin ("manual" or "rule", a copy), or fw_no_coding. */
int fw_coding_origin(char **origin, fw_project *p, long long id, fw_error *err);

/* The coder's name: name, or when NULL or empty $CHARTER_CODER, $USER,
 * "researcher". */
const char *fw_coder_name(const char *name);
/* The coder of that name (NULL: $CHARTER_CODER, $USER, "researcher"),
 * made when new; returns the id, or 0 with err filled. */
long long fw_coder_id(fw_project *p, const char *name, fw_error *err);

/* Which case a coding g counts for, written once.  A source linked to
 * its case (case_source x, x.by_speaker = 0) gives its codings to that
 * case; a source linked to participants' cases (x.by_speaker = 1) gives
 * each coding to the case of every speaker sp whose turn u it overlaps:
 * this join.  The coding_case view is the two branches; queries that
 * read many codings write the branches with it. */
#define FW_SQL_SPEAKER_CASE                                                    \
	" JOIN utterance u ON u.source_id = g.source_id AND"                   \
	" u.start < g.\"end\" AND u.\"end\" > g.start"                         \
	" JOIN speaker sp ON sp.id = u.speaker_id AND sp.case_id = x.case_id "

/* The same with the join order kept (CROSS JOIN): turns, then speakers. */
#define FW_SQL_SPEAKER_CASE_CROSS                                              \
	" CROSS JOIN utterance u ON u.source_id = g.source_id AND"             \
	" u.start < g.\"end\" AND u.\"end\" > g.start"                         \
	" CROSS JOIN speaker sp ON sp.id = u.speaker_id AND"                   \
	" sp.case_id = x.case_id "

#endif
