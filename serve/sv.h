/*
 * sv.h: what the workbench's files share inside libserve: the app, one
 * request being answered, JSON in and out, and the API's handlers.
 */
#ifndef SV_H
#define SV_H

#include "serve.h"

#include <jansson.h>

typedef struct sv_session {
	char id[65];   /* the cookie's value */
	char csrf[65]; /* what each write must send back */
	char *user;
	long long last; /* when last used (seconds) */
} sv_session;

struct sv_app {
	fw_project *p;   /* reads and writes */
	fw_project *sql; /* read-only SQL through the documented views */
	char *path;
	char token[65], csrf[65];
	char *coder; /* a local browser's coder when it names none */
	char *listen;
	int port;
	int tls; /* served over HTTPS: cookies are Secure */
	/* a team: users and their password hashes, and who is signed in */
	char **users, **hashes;
	size_t nusers;
	sv_session *sessions;
	size_t nsessions;
	char *report_dir; /* where the report preview is written */
};

/* One request being answered. */
typedef struct sv_ctx {
	sv_app *app;
	const sv_request *rq;
	sv_response *rs;
	const char *coder; /* who is asking */
	json_t *in;        /* a write's body, parsed */
	json_t *extra;     /* more for the error answer (a conflict) */
} sv_ctx;

/* ---- answers (app.c) ---- */
/** Answer with json (taken: its reference is given up). */
void sv_json(sv_ctx *x, int status, json_t *json);
/** Answer {"error": ...} with status. */
void sv_fail(sv_ctx *x, int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/** Answer a library error with the status it means (404 for what does not
 *  exist, 409 for a clash, 400 for the rest of the user's mistakes). */
void sv_fail_error(sv_ctx *x, const fw_error *err);

/** The query parameter name, decoded, into out (n bytes); 1 when given,
 *  0 when not, -1 when malformed (not UTF-8, too long, a NUL). */
int sv_param(const sv_ctx *x, const char *name, char *out, size_t n);
/** The k-th (from 0) such parameter, as sv_param. */
int sv_param_nth(const sv_ctx *x, const char *name, int k, char *out,
		 size_t n);
/** The request's case filters, ?where=attr=value (several: each must
 *  hold); -1 when one is malformed or not attr=value. */
#define SV_WHERE_MAX 8
typedef struct sv_where {
	char buf[SV_WHERE_MAX][300];
	const char *v[SV_WHERE_MAX];
	size_t n;
} sv_where;
int sv_wheres(const sv_ctx *x, sv_where *w);
/** A text field of the body; NULL when absent or not a string. */
const char *sv_in_str(const sv_ctx *x, const char *key);
/** An integer field of the body; 1 when there. */
int sv_in_int(const sv_ctx *x, const char *key, long long *v);

/** The body's fields keys (ending in NULL) that are there, text or
 *  numbers, joined by spaces into out: a history entry's arguments. */
void sv_args(const sv_ctx *x, char *out, size_t n, const char *const *keys);

/** A table as a JSON array of objects (numeric columns as numbers). */
json_t *sv_table_json(const fw_table *t);
/** Rows of read-only SQL (sqlite3_mprintf's %Q quotes a value) as a
 *  JSON array; NULL and the error set when it fails. */
json_t *sv_sql(sv_ctx *x, fw_error *err, const char *fmt, ...);

/** A write: its own transaction and history entry (verb and args, by
 *  the asking coder); fn's error rolls it back and is the answer, else
 *  *out (may be NULL: {"ok": true}). */
typedef int (*sv_write_fn)(sv_ctx *x, json_t **out, fw_error *err);
void sv_write(sv_ctx *x, const char *verb, const char *args, sv_write_fn fn);

/* ---- the API (api_read.c, api_write.c, api_chart.c): a GET reads, a
 * POST writes ---- */
typedef void (*sv_route_fn)(sv_ctx *x);
typedef struct sv_route {
	const char *method, *path;
	sv_route_fn fn;
} sv_route;
extern const sv_route sv_read_routes[], sv_write_routes[], sv_chart_routes[];

/* ---- sign-in (users.c) ---- */
/** 256 random bits as 64 hex digits (a session's token, a CSRF token). */
void sv_random_hex(char out[65]);
/** Read a users file: name:hash lines. */
int sv_users_load(sv_app *app, const char *path, fw_error *err);
/** The session the cookie names, or NULL. */
sv_session *sv_session_find(sv_app *app, const char *cookie);
void sv_login(sv_ctx *x);
void sv_logout(sv_ctx *x);
void sv_sessions_free(sv_app *app);

/* ---- the report's preview (report.c) ---- */
void sv_report(sv_ctx *x);
void sv_report_file(sv_ctx *x, const char *rel);
void sv_report_cleanup(sv_app *app);

/* ---- the workbench's files (assets.c) ---- */
typedef struct sv_asset {
	const char *path, *type;
	const unsigned char *data;
	size_t len;
} sv_asset;
const sv_asset *sv_asset_find(const char *path);

#endif
