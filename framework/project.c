/*
 * project.c: creating and opening projects, transactions, settings, and the
 * project's status counts.
 */
#include "fw/project.h"
#include "store.h"
#include "fts_tokens.h"
#include "alloc.h"
#include "errors.h"
#include "table.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_db(fw_project **out, const char *path, int flags, int create,
		   fw_error *err)
{
	sqlite3 *db = NULL;
	int oflags = flags & FW_OPEN_READONLY ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE;
	if (create)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db,
			    oflags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		fw_error_set(err, FW_EIO, path, 0, "cannot open project: %s",
			     db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return FW_EIO;
	}
	sqlite3_busy_timeout(db, 5000); /* until the project's own handler */
	sqlite3_extended_result_codes(db, 0);
	/* A file that is not a database fails here with a clear message. */
	char *msg = NULL;
	if (sqlite3_exec(db,
			 "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2048; "
			 "PRAGMA synchronous=NORMAL; PRAGMA temp_store=FILE; "
			 "SELECT count(*) FROM sqlite_master",
			 NULL, NULL, &msg) != SQLITE_OK) {
		fw_error_set(err, FW_EIO, path, 0, "not a charter project: %s",
			     msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_close(db);
		return FW_EIO;
	}
	fw_project *p = fw_xcalloc(1, sizeof *p);
	p->db = db;
	p->fts = fw_fts_setup(db);
	p->path = fw_xstrdup(path);
	p->history_part = FW_HISTORY_PART;
	p->readonly = flags & FW_OPEN_READONLY;
	p->wait_ms = FW_WAIT_MS;
	fw_project_wait_setup(p);
	*out = p;
	return 0;
}

/* What charts, queries and reports count, as views of this connection:
 * counted (the codings), counted_case (the case each counts for, as
 * coding_case says it), charted (the chart cells) and visible (codings
 * of every status, for listing and review).  Coding blind, a
 * coder's views hold only their own codings (made by hand, or
 * suggestions they accepted), auto-coding's pending suggestions, and
 * their own cells. */
static int make_views(fw_project *p, int include, fw_error *err)
{
	char own[160] = "", cells[64] = "", seen[200] = "";
	if (p->blind)
		snprintf(own, sizeof own,
			 " AND (status = 'suggested' OR CASE WHEN origin = "
			 "'rule' THEN reviewer_id ELSE coder_id END = %lld)",
			 p->blind_id);
	if (p->blind)
		snprintf(cells, sizeof cells, " WHERE coder_id = %lld",
			 p->blind_id);
	/* every status: pending suggestions, and what the coder decided or
	 * coded */
	if (p->blind)
		snprintf(seen, sizeof seen,
			 " WHERE status = 'suggested' OR CASE WHEN origin = "
			 "'rule' THEN reviewer_id ELSE coder_id END = %lld",
			 p->blind_id);
	char sql[1800];
	snprintf(
		sql, sizeof sql,
		"DROP VIEW IF EXISTS temp.counted_case;"
		"DROP VIEW IF EXISTS temp.counted;"
		"DROP VIEW IF EXISTS temp.charted;"
		"DROP VIEW IF EXISTS temp.visible;"
		"CREATE TEMP VIEW counted AS SELECT * FROM main.coding "
		"WHERE status IN ('confirmed'%s)%s;"
		"CREATE TEMP VIEW counted_case AS "
		"SELECT g.id AS coding_id, x.case_id AS case_id FROM counted g "
		"JOIN main.case_source x ON x.source_id = g.source_id AND "
		"x.by_speaker = 0 UNION ALL "
		"SELECT DISTINCT g.id, sp.case_id FROM main.case_source x "
		"CROSS JOIN counted g ON g.source_id = x.source_id " FW_SQL_SPEAKER_CASE
		"WHERE x.by_speaker = 1;"
		"CREATE TEMP VIEW charted AS SELECT * FROM main.cell%s;"
		"CREATE TEMP VIEW visible AS SELECT * FROM main.coding%s;",
		include ? ", 'suggested'" : "", own, cells, seen);
	int rc = fw_exec(p, sql, err);
	if (!rc)
		p->suggested = include;
	return rc;
}

int fw_tally_suspend(fw_project *p, fw_error *err)
{
	if (p->tally_off)
		return 0;
	int rc = fw_exec(p, fw_tally_drop, err);
	if (!rc)
		p->tally_off = 1;
	return rc;
}

int fw_tally_resume(fw_project *p, fw_error *err)
{
	if (!p->tally_off)
		return 0;
	p->tally_off = 0;
	int rc = fw_exec(p, fw_tally_count, err);
	return rc ? rc : fw_exec(p, fw_tally_triggers, err);
}

int fw_project_count_suggested(fw_project *p, int include, fw_error *err)
{
	return make_views(p, include, err);
}

int fw_project_blind(fw_project *p, const char *coder, fw_error *err)
{
	free(p->blind_name);
	p->blind_name = NULL;
	p->blind = coder != NULL;
	p->blind_id = 0;
	if (coder) {
		p->blind_name = fw_xstrdup(fw_coder_name(coder));
		/* a coder not yet in the project owns nothing yet: id -1 */
		p->blind_id = fw_lookup_id(p, FW_Q_CODER_ID, p->blind_name);
		if (!p->blind_id)
			p->blind_id = -1;
	}
	return make_views(p, p->suggested, err);
}

const char *fw_project_blind_coder(const fw_project *p)
{
	return p->blind ? p->blind_name : NULL;
}

int fw_project_counts_suggested(const fw_project *p)
{
	return p->suggested;
}

void fw_project_on_progress(fw_project *p, fw_progress_fn fn, void *ctx)
{
	p->progress = fn;
	p->progress_ctx = ctx;
}

void fw_progress(fw_project *p, const char *what, const char *unit, size_t done,
		 size_t total)
{
	if (p->progress)
		p->progress(p->progress_ctx, what, unit, done, total);
}

const char *fw_project_notice(const fw_project *p)
{
	return p->notice;
}

/* A note a migration left for the user (setting 'notice'): kept to be
 * said once, and taken out of the project. */
static void take_notice(fw_project *p)
{
	char *v = NULL;
	if (p->readonly || fw_setting_get(&v, p, "notice", NULL) || !v)
		return;
	if (sqlite3_exec(p->db, "DELETE FROM setting WHERE key='notice'", NULL,
			 NULL, NULL) == SQLITE_OK)
		p->notice = v;
	else
		free(v);
}

int fw_project_create(fw_project **out, const char *path, fw_error *err)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) == 0)
		return fw_error_set(err, FW_EEXISTS, path, 0,
				    "already exists; not overwriting it");
	fw_project *p;
	int rc = open_db(&p, path, FW_OPEN_RW, 1, err);
	if (rc)
		return rc;
	if (fw_exec(p, "PRAGMA journal_mode=WAL", err) ||
	    fw_exec(p, "PRAGMA application_id=1128808530", err) ||
	    fw_store_migrate(p->db, path, err) ||
	    fw_project_count_suggested(p, 0, err)) {
		rc = err ? err->code : FW_EIO;
		fw_project_free(p);
		unlink(path);
		return rc ? rc : FW_EIO;
	}
	*out = p;
	return 0;
}

int fw_project_open(fw_project **out, const char *path, int flags,
		    fw_error *err)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) != 0)
		return fw_error_set(
			err, FW_ENOTFOUND, path, 0,
			"no such project (create one with charter init)");
	/* Reading verbs open a writable project for writing all the same: so
	 * an older project migrates, and the last connection to close removes
	 * the WAL files.  Only a file the user cannot write is opened
	 * read-only. */
	if ((flags & FW_OPEN_READONLY) && !(flags & FW_OPEN_STRICT) &&
	    access(path, W_OK) == 0) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = 0;
		if (access(slash ? (dir[0] ? dir : "/") : ".", W_OK) == 0)
			flags &= ~FW_OPEN_READONLY;
	}
	fw_project *p;
	int rc = open_db(&p, path, flags, 0, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	int app = 0, ver = 0;
	if (sqlite3_prepare_v2(p->db, "PRAGMA application_id", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (fw_row(p, st))
			app = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(p->db, "PRAGMA user_version", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (fw_row(p, st))
			ver = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (app != 1128808530) {
		fw_project_free(p);
		return fw_error_set(err, FW_EINVAL, path, 0,
				    "not a charter project");
	}
	if (ver < fw_schema_version()) {
		if (p->readonly) {
			fw_project_free(p);
			return fw_error_set(
				err, FW_EINVAL, path, 0,
				"project needs migrating; open it for "
				"writing once");
		}
		rc = fw_store_migrate(p->db, path, err);
		if (rc) {
			fw_project_free(p);
			return rc;
		}
	} else if (ver > fw_schema_version()) {
		fw_project_free(p);
		return fw_error_set(
			err, FW_EINVAL, path, 0,
			"project schema version %d is newer than this "
			"charter understands (%d)",
			ver, fw_schema_version());
	}
	take_notice(p);
	rc = fw_project_count_suggested(p, 0, err);
	if (rc) {
		fw_project_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

void fw_project_free(fw_project *p)
{
	if (!p)
		return;
	if (p->in_tx)
		fw_project_rollback(p);
	fw_history_drop(p);
	fw_project_writer_unmark(p);
	fw_stmt_cache_free(p);
	sqlite3_close(p->db);
	free(p->notice);
	free(p->path);
	free(p->blind_name);
	free(p);
}

void fw_project_busy_timeout(fw_project *p, int ms)
{
	p->wait_ms = ms;
}

void fw_project_on_wait(fw_project *p, fw_wait_fn fn, void *ctx)
{
	p->on_wait = fn;
	p->wait_ctx = ctx;
}

/* ---- who is writing ------------------------------------------------------
 * A writer names itself in PROJECT-writer ("verb pid start") while it holds
 * the lock, so that another charter kept waiting can say whom it waits
 * for.  A writer killed leaves the file behind; its pid, no longer running,
 * marks it stale. */

static void writer_path(char *out, size_t n, const fw_project *p)
{
	snprintf(out, n, "%s-writer", p->path);
}

void fw_project_writer_mark(fw_project *p, const char *verb)
{
	char path[4200];
	writer_path(path, sizeof path, p);
	FILE *f = fopen(path, "w");
	if (!f)
		return; /* only a courtesy to other writers */
	fprintf(f, "%s %ld %lld\n", verb, (long)getpid(),
		(long long)time(NULL));
	p->writer_marked = fclose(f) == 0;
}

void fw_project_writer_unmark(fw_project *p)
{
	if (!p->writer_marked)
		return;
	char path[4200];
	writer_path(path, sizeof path, p);
	unlink(path);
	p->writer_marked = 0;
}

/* "charter ingest (pid 42, writing for 75 s)", or "" when nobody alive
 * says it writes. */
static void writer_told(char *out, size_t n, const fw_project *p)
{
	char path[4200], verb[64];
	long pid = 0;
	long long since = 0;
	out[0] = 0;
	writer_path(path, sizeof path, p);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	int got = fscanf(f, "%63s %ld %lld", verb, &pid, &since);
	fclose(f);
	if (got != 3 || pid <= 0 || pid == (long)getpid() ||
	    (kill((pid_t)pid, 0) && errno == ESRCH))
		return;
	snprintf(out, n, "charter %s (pid %ld, writing for %lld s)", verb, pid,
		 (long long)time(NULL) - since);
}

/* Waiting for the write lock: first told (on_wait), then up to wait_ms
 * in growing sleeps. */
static int busy_wait(void *ctx, int count)
{
	fw_project *p = ctx;
	if (count == 0) {
		p->waited_ms = 0;
		if (p->on_wait) {
			char who[200];
			writer_told(who, sizeof who, p);
			p->on_wait(p->wait_ctx, who);
		}
	}
	if (p->waited_ms >= p->wait_ms)
		return 0;
	int ms = count < 10 ? 1 << (count / 2) : 100;
	if (ms > p->wait_ms - p->waited_ms)
		ms = p->wait_ms - p->waited_ms;
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
	p->waited_ms += ms;
	return 1;
}

void fw_project_wait_setup(fw_project *p)
{
	sqlite3_busy_handler(p->db, busy_wait, p);
}

int fw_project_lock(fw_project *p, fw_error *err)
{
	fw_error e;
	fw_error_clear(&e);
	int rc = fw_exec(p, "BEGIN IMMEDIATE", &e);
	if (rc != FW_EBUSY) {
		if (rc && err)
			*err = e;
		return rc;
	}
	char who[200];
	writer_told(who, sizeof who, p);
	return fw_error_set(err, FW_EBUSY, p->path, 0,
			    "the project is busy: %s is writing to it; "
			    "waited %g s (try again when it has finished)",
			    who[0] ? who : "another charter",
			    p->wait_ms / 1000.0);
}

int fw_project_begin(fw_project *p, fw_error *err)
{
	p->step_rc = 0;
	int rc = fw_project_lock(p, err);
	if (!rc)
		p->in_tx = 1;
	return rc;
}

int fw_project_commit(fw_project *p, fw_error *err)
{
	/* a step that failed unnoticed means the work is not whole */
	int failed = fw_rows_ok(p, err);
	if (failed)
		return failed;
	/* a bulk writer that left the tally's triggers off: counted now */
	int rc = fw_tally_resume(p, err);
	rc = rc ? rc : fw_history_write(p, err);
	if (rc)
		return rc;
	rc = fw_exec(p, "COMMIT", err);
	if (!rc) {
		p->in_tx = 0;
		fw_project_writer_unmark(p);
	}
	return rc;
}

void fw_project_rollback(fw_project *p)
{
	p->step_rc = 0;   /* what failed is undone with the rest */
	p->tally_off = 0; /* its dropped triggers come back with the rest */
	fw_history_drop(p);
	sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
	p->in_tx = 0;
	fw_project_writer_unmark(p);
}

int fw_setting_get(char **out, fw_project *p, const char *key, fw_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	int rc = fw_query(&st, p, err, "SELECT value FROM setting WHERE key=?",
			  "t", key);
	if (rc)
		return rc;
	if (fw_row(p, st) && sqlite3_column_text(st, 0))
		*out = fw_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return fw_rows_ok(p, err);
}

int fw_setting_set(fw_project *p, const char *key, const char *value,
		   fw_error *err)
{
	int rc = fw_run(p, err, "setting", NULL,
			"INSERT INTO setting(key,value) VALUES(?,?) ON "
			"CONFLICT(key) DO UPDATE SET value=excluded.value",
			"tt", key, value);
	return rc ? rc : fw_rows_ok(p, err);
}

char *fw_group_attribute(fw_project *p)
{
	char *v = NULL;
	fw_setting_get(&v, p, "group_by", NULL);
	return v ? v : fw_xstrdup("actor_group");
}

int fw_project_status(fw_table **out, fw_project *p, fw_error *err)
{
	(void)err;
	static const char *const cols[] = {"item", "count"};
	static const struct {
		const char *name, *sql;
	} items[] = {
		{"sources", "SELECT count(*) FROM source"},
		{"words", "SELECT coalesce(sum(words),0) FROM source"},
		{"cases", "SELECT count(*) FROM \"case\""},
		{"cases without a source",
		 "SELECT count(*) FROM \"case\" c WHERE NOT EXISTS (SELECT 1 FROM "
		 "case_source s WHERE s.case_id=c.id)"},
		{"attributes", "SELECT count(*) FROM attribute"},
		{"themes", "SELECT count(*) FROM code WHERE depth=1"},
		{"sub-themes", "SELECT count(*) FROM code WHERE depth>1"},
		{"rules", "SELECT count(*) FROM rule"},
		{"codings", "SELECT count(*) FROM counted"},
		{"codings by hand",
		 "SELECT count(*) FROM visible WHERE origin='manual'"},
		{"suggestions accepted",
		 "SELECT count(*) FROM visible WHERE origin='rule' AND "
		 "status='confirmed'"},
		{"suggestions pending",
		 "SELECT count(*) FROM visible WHERE status='suggested'"},
		{"suggestions rejected",
		 "SELECT count(*) FROM visible WHERE status='rejected'"},
		{"cells summarised",
		 "SELECT count(*) FROM charted WHERE summary "
		 "IS NOT NULL AND summary<>''"},
		{"memos", "SELECT count(*) FROM memo"},
		{"coders who coded",
		 "SELECT count(DISTINCT CASE WHEN origin='rule' THEN "
		 "reviewer_id ELSE coder_id END) FROM visible WHERE "
		 "status<>'suggested'"},
		{"conflicting summaries", "SELECT count(*) FROM cell_conflict"},
	};
	fw_table *t = fw_table_new(2, cols);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		char n[32];
		snprintf(n, sizeof n, "%lld",
			 fw_query_int(p, 0, items[i].sql, ""));
		const char *row[2] = {items[i].name, n};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	*out = t;
	return 0;
}

int fw_project_savepoint(fw_project *p, fw_error *err)
{
	return fw_exec(p, "SAVEPOINT one_file", err);
}

int fw_project_release(fw_project *p, int keep, fw_error *err)
{
	if (!keep && fw_exec(p, "ROLLBACK TO one_file", err))
		return FW_EIO;
	return fw_exec(p, "RELEASE one_file", err);
}
