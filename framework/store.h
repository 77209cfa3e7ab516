/*
 * store.h: the project file, private to libframework: the connection,
 * statements, and the schema's row writers.
 */
#ifndef FW_STORE_H
#define FW_STORE_H

#include <sqlite3.h>

#include "fw/project.h"

struct fw_project {
	sqlite3 *db;
	char *path;
	int readonly;
	int in_tx;
};

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
