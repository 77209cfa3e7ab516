/*
 * store.h: the project file, private to libframework: the connection,
 * statements, and the schema's row writers.
 */
#ifndef FW_STORE_H
#define FW_STORE_H

#include <sqlite3.h>

#include "fw/project.h"

/* The project's common lookups, prepared once per connection. */
enum {
	FW_Q_CASE_VALUE,  /* ?1 case id, ?2 attribute name: value */
	FW_Q_CASE_ID,     /* ?1 case name: id */
	FW_Q_CODE_ID,     /* ?1 code number: id */
	FW_Q_SOURCE_ID,   /* ?1 source name: id */
	FW_Q_ATTRIBUTE_ID, /* ?1 attribute name: id */
	FW_Q_N
};

struct fw_project {
	sqlite3 *db;
	char *path;
	int readonly;
	int in_tx;
	sqlite3_stmt *cache[FW_Q_N];
};

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
/* The id a cached lookup finds for one text key, 0 if none. */
long long fw_lookup_id(fw_project *p, int q, const char *key);

/* Bring a database up to the schema version this library writes. */
int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err);
/* Fill err from the database's last error (busy or I/O); returns the code. */
int fw_sql_error(fw_project *p, fw_error *err, const char *what);
/* Prepare; on failure fills err from the database. */
int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql,
	       fw_error *err);
/* Run one statement with no result. */
int fw_exec(fw_project *p, const char *sql, fw_error *err);
/* Get or create a coder by name; returns id or 0 on error. */
long long fw_coder_id(fw_project *p, const char *name, fw_error *err);

#endif
