/*
 * fw/project.h: projects: creating and opening the project file,
 * transactions, settings and status counts.
 */
#ifndef FW_PROJECT_H
#define FW_PROJECT_H

#include "fw/common.h"

typedef struct fw_project fw_project;

enum {
	FW_OPEN_RW = 0,
	FW_OPEN_READONLY = 1,
	FW_OPEN_STRICT = 2 /* with READONLY: read-only even if writable */
};

/** Create a new, empty project file; fails with FW_EEXISTS if it exists. */
int fw_project_create(fw_project **out, const char *path, fw_error *err);

/** Open an existing project, migrating its schema forward if needed. */
int fw_project_open(fw_project **out, const char *path, int flags,
		    fw_error *err);

void fw_project_free(fw_project *p);
/** How long to wait for another writer before saying the project is busy
 *  (FW_WAIT_MS when opened). */
void fw_project_busy_timeout(fw_project *p, int ms);
/** How long a writer waits for another to finish (milliseconds). */
#define FW_WAIT_MS 60000
/** Told once when a verb starts waiting for another's write lock: who
 *  holds it ("charter ingest (pid 42, writing for 3 s)", or ""). */
typedef void (*fw_wait_fn)(void *ctx, const char *who);
void fw_project_on_wait(fw_project *p, fw_wait_fn fn, void *ctx);

/** The schema version this library writes. */
int fw_schema_version(void);

/** Every verb's writes are one transaction. */
int fw_project_begin(fw_project *p, fw_error *err);

int fw_project_commit(fw_project *p, fw_error *err);

void fw_project_rollback(fw_project *p);

/** Inside a transaction: mark a point to undo one file's work to... */
int fw_project_savepoint(fw_project *p, fw_error *err);

/** ...and keep it (keep=1) or undo it (keep=0). */
int fw_project_release(fw_project *p, int keep, fw_error *err);

/** A project setting; *out owned by caller, NULL if unset. */
int fw_setting_get(char **out, fw_project *p, const char *key, fw_error *err);

int fw_setting_set(fw_project *p, const char *key, const char *value,
		   fw_error *err);

/** Which codings charts, queries, prevalence, quotes and exports count:
 *  confirmed ones (hand codings and accepted suggestions), as every
 *  project opens; include 1: the pending suggestions too (the output
 *  marks them). */
int fw_project_count_suggested(fw_project *p, int include, fw_error *err);
int fw_project_counts_suggested(const fw_project *p);

/** Blind coding: charts, review, queries, case show and reports show only
 *  coder's codings (by hand, or suggestions they accepted), auto-coding's
 *  pending suggestions and coder's own cells, so that a second coder
 *  indexes without seeing the first; NULL shows everyone's again.  A
 *  cell another coder wrote is not overwritten while blind. */
int fw_project_blind(fw_project *p, const char *coder, fw_error *err);
/** The coder a blind project shows, or NULL. */
const char *fw_project_blind_coder(const fw_project *p);

/** A sentence the project has to say once (an older project migrated:
 *  what changed for its user), or NULL. */
const char *fw_project_notice(const fw_project *p);

/** Long work (auto-coding, importing, exporting, reports) says how far
 *  it has gone to fn: a verb, the unit ("sources"), units done and the
 *  total (0 when unknown).  NULL: nobody listens. */
typedef void (*fw_progress_fn)(void *ctx, const char *what, const char *unit,
			       size_t done, size_t total);
void fw_project_on_progress(fw_project *p, fw_progress_fn fn, void *ctx);
/** Tell the listener, if any (the framework's long loops and the report
 *  writer call it). */
void fw_progress(fw_project *p, const char *what, const char *unit, size_t done,
		 size_t total);

/** The grouping attribute (setting group_by, default "actor_group"). */
char *fw_group_attribute(fw_project *p);

/** Project counts for `charter status`. */
int fw_project_status(fw_table **out, fw_project *p, fw_error *err);

#endif
