/*
 * serve.h: the workbench, charter in a browser.  charter serve opens a
 * project and answers HTTP: the workbench's page, script and style (kept
 * in the binary) and a JSON API whose every write is one short
 * transaction through the same library calls as the command line, each a
 * history entry of the coder who made it.
 *
 * The request handler (sv_handle) knows nothing of sockets, so that the
 * tests and the fuzz target put requests to it directly; sv_listen puts
 * it behind libmicrohttpd.
 */
#ifndef SERVE_H
#define SERVE_H

#include "fw.h"

typedef struct sv_app sv_app;

typedef struct sv_opts {
	const char *project;
	const char *coder;  /* who edits from a local browser (NULL: as a
			       writing verb's coder is found) */
	const char *users;  /* a users file: a team signs in */
	const char *listen; /* an address other than 127.0.0.1 */
	int port;           /* 0: a free one */
	const char *token;  /* the session token (NULL: a random one) */
} sv_opts;

/** Open the project and make the app (the session token, the CSRF token,
 *  the users); *out freed with sv_app_free. */
int sv_app_new(sv_app **out, const sv_opts *o, fw_error *err);
void sv_app_free(sv_app *app);

/** The port the app answers on, for the Host check (sv_listen sets it). */
void sv_app_set_port(sv_app *app, int port);
/** The session token a local browser opens the workbench with. */
const char *sv_app_token(const sv_app *app);

/** One request, as the server read it.  Header values are NULL when the
 *  request has none. */
typedef struct sv_request {
	const char *method; /* GET, POST ... */
	const char *path;   /* without the query */
	const char *query;  /* the raw query string, or NULL */
	const char *host, *cookie, *csrf, *authorization, *coder;
	const char *content_type;
	const char *body;
	size_t body_len;
} sv_request;

/** The answer: status, type and body; a cookie to set and a place to go
 *  to when they are not empty. */
typedef struct sv_response {
	int status;
	const char *type;
	fw_buf body;
	char cookie[200];
	char location[200];
	const char *csp; /* a policy of its own (NULL: the workbench's) */
} sv_response;

void sv_response_init(sv_response *rs);
void sv_response_dispose(sv_response *rs);

/** Answer one request: never fails, a bad request is a 4xx response with
 *  a JSON error ({"error": "..."}) and changes nothing. */
void sv_handle(sv_app *app, const sv_request *rq, sv_response *rs);

/** The largest request body read (a summary, a memo). */
#define SV_BODY_MAX (1 << 20)

/** The headers every answer carries (the Content-Security-Policy and the
 *  rest), as name and value pairs ending in NULL. */
extern const char *const sv_headers[];

typedef struct sv_tls {
	const char *cert, *key; /* PEM files; both NULL: plain HTTP */
} sv_tls;

/** Serve app on its address until SIGINT or SIGTERM; ready (may be NULL)
 *  is told the URL to open once the server listens. */
int sv_listen(sv_app *app, const sv_opts *o, const sv_tls *tls,
	      void (*ready)(const char *url), fw_error *err);

/** A users file's line for name with password (crypto_pwhash). */
int sv_user_line(fw_buf *out, const char *name, const char *password,
		 fw_error *err);

#endif
