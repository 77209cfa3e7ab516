/*
 * app.c: the workbench's request handler: who may ask (the Host header,
 * the session token or a signed-in user, the CSRF token on writes),
 * routing, and the answers' JSON.
 *
 * A local workbench has one secret, the token in the URL charter serve
 * prints; the first request with it gets it back as an HttpOnly,
 * SameSite=Strict cookie and goes on to the page without it in the
 * address.  A team's workbench has users who sign in instead.  Every
 * write must also carry the CSRF token that only a page of the workbench
 * can read (GET /api/session), so that another site's page cannot make
 * the browser write; no CORS header is ever sent.
 */
#include "sv.h"
#include "fileio.h"
#include "utf8.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const sv_headers[] = {
	"Content-Security-Policy",
	"default-src 'none'; script-src 'self'; style-src 'self'; "
	"img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	"X-Content-Type-Options",
	"nosniff",
	"Referrer-Policy",
	"no-referrer",
	"X-Frame-Options",
	"SAMEORIGIN",
	"Cross-Origin-Opener-Policy",
	"same-origin",
	"Cross-Origin-Resource-Policy",
	"same-origin",
	NULL};

void sv_random_hex(char out[65])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, 65, b, sizeof b);
}

int sv_app_new(sv_app **out, const sv_opts *o, fw_error *err)
{
	*out = NULL;
	if (sodium_init() < 0)
		return fw_error_set(err, FW_ERROR, NULL, 0,
				    "libsodium cannot start");
	sv_app *a = fw_xcalloc(1, sizeof *a);
	a->path = fw_xstrdup(o->project);
	a->coder = fw_xstrdup(fw_coder_name(o->coder));
	a->listen = o->listen ? fw_xstrdup(o->listen) : NULL;
	a->port = o->port;
	if (o->token && *o->token)
		snprintf(a->token, sizeof a->token, "%s", o->token);
	else
		sv_random_hex(a->token);
	sv_random_hex(a->csrf);
	int rc = fw_project_open(&a->p, o->project, FW_OPEN_RW, err);
	if (!rc)
		rc = fw_project_open(&a->sql, o->project,
				     FW_OPEN_READONLY | FW_OPEN_STRICT, err);
	if (!rc && o->users)
		rc = sv_users_load(a, o->users, err);
	if (rc) {
		sv_app_free(a);
		return rc;
	}
	/* a browser's write waits for another's, briefly */
	fw_project_busy_timeout(a->p, 5000);
	*out = a;
	return 0;
}

void sv_app_free(sv_app *a)
{
	if (!a)
		return;
	fw_project_free(a->p);
	fw_project_free(a->sql);
	for (size_t i = 0; i < a->nusers; i++) {
		free(a->users[i]);
		free(a->hashes[i]);
	}
	free(a->users);
	free(a->hashes);
	sv_sessions_free(a);
	sv_report_cleanup(a);
	free(a->path);
	free(a->coder);
	free(a->listen);
	free(a);
}

void sv_app_set_port(sv_app *app, int port)
{
	app->port = port;
}

const char *sv_app_token(const sv_app *app)
{
	return app->token;
}

void sv_response_init(sv_response *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	rs->type = "application/json";
	fw_buf_init(&rs->body);
}

void sv_response_dispose(sv_response *rs)
{
	fw_buf_dispose(&rs->body);
}

/* ---- answers ------------------------------------------------------------ */

void sv_json(sv_ctx *x, int status, json_t *json)
{
	x->rs->status = status;
	x->rs->type = "application/json";
	fw_buf_clear(&x->rs->body);
	char *s = json ? json_dumps(json, JSON_COMPACT | JSON_ENSURE_ASCII)
		       : NULL;
	fw_buf_puts(&x->rs->body, s ? s : "null");
	fw_buf_putc(&x->rs->body, '\n');
	free(s);
	json_decref(json);
}

void sv_fail(sv_ctx *x, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* a message quoting the request keeps to whole characters */
	size_t n = fw_utf8_cut(msg, strlen(msg), sizeof msg - 1);
	msg[n] = 0;
	if (!fw_utf8_valid(msg, n, NULL))
		snprintf(msg, sizeof msg, "the request is not UTF-8");
	json_t *o = json_pack("{ss}", "error", msg);
	if (x->extra) {
		json_object_update(o, x->extra);
		json_decref(x->extra);
		x->extra = NULL;
	}
	sv_json(x, status, o);
}

void sv_fail_error(sv_ctx *x, const fw_error *err)
{
	int code = err->code;
	int status = code == FW_ENOTFOUND ? 404
		     : code == FW_EEXISTS ? 409
		     : code == FW_EBUSY   ? 503
		     : code == FW_ELIMIT  ? 413
		     : code == FW_EIO     ? 500
					  : 400;
	/* undo and redo refuse when a later change is in the way */
	if (code == FW_EINVAL && strstr(err->msg, "cannot undo"))
		status = 409;
	char msg[1600];
	fw_error_format(msg, sizeof msg, err);
	sv_fail(x, status, "%s", *msg ? msg : "failed");
}

/* ---- what was asked ------------------------------------------------------ */

static int hexval(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* Percent-decode s[0..n) into out; -1 when malformed or too long. */
static int decode(char *out, size_t cap, const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '+')
			c = ' ';
		else if (c == '%') {
			int h = i + 2 < n ? hexval(s[i + 1]) : -1;
			int l = h >= 0 ? hexval(s[i + 2]) : -1;
			if (l < 0)
				return -1;
			c = h * 16 + l;
			i += 2;
		}
		if (!c || k + 1 >= cap)
			return -1;
		out[k++] = (char)c;
	}
	out[k] = 0;
	return fw_utf8_valid(out, k, NULL) ? 0 : -1;
}

int sv_param_nth(const sv_ctx *x, const char *name, int k, char *out, size_t n)
{
	const char *q = x->rq->query;
	size_t nl = strlen(name);
	*out = 0;
	while (q && *q) {
		const char *amp = strchr(q, '&');
		size_t len = amp ? (size_t)(amp - q) : strlen(q);
		int here =
			(len > nl && !strncmp(q, name, nl) && q[nl] == '=') ||
			(len == nl && !strncmp(q, name, nl));
		if (here && k-- == 0)
			return len == nl                                  ? 1
			       : decode(out, n, q + nl + 1, len - nl - 1) ? -1
									  : 1;
		q = amp ? amp + 1 : NULL;
	}
	return 0;
}

int sv_param(const sv_ctx *x, const char *name, char *out, size_t n)
{
	return sv_param_nth(x, name, 0, out, n);
}

int sv_wheres(const sv_ctx *x, sv_where *w)
{
	w->n = 0;
	for (int k = 0; k < SV_WHERE_MAX; k++) {
		int r = sv_param_nth(x, "where", k, w->buf[k],
				     sizeof w->buf[k]);
		if (r < 0)
			return -1;
		if (!r)
			break;
		if (!*w->buf[k])
			continue;
		if (!strchr(w->buf[k], '='))
			return -1;
		w->v[w->n++] = w->buf[k];
	}
	return 0;
}

const char *sv_in_str(const sv_ctx *x, const char *key)
{
	json_t *v = x->in ? json_object_get(x->in, key) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int sv_in_int(const sv_ctx *x, const char *key, long long *v)
{
	json_t *j = x->in ? json_object_get(x->in, key) : NULL;
	if (!json_is_integer(j))
		return 0;
	*v = json_integer_value(j);
	return 1;
}

void sv_args(const sv_ctx *x, char *out, size_t n, const char *const *keys)
{
	size_t k = 0;
	*out = 0;
	for (; *keys && k < n; keys++) {
		json_t *v = x->in ? json_object_get(x->in, *keys) : NULL;
		if (json_is_string(v))
			k += (size_t)snprintf(out + k, n - k, "%s%s",
					      k ? " " : "",
					      json_string_value(v));
		else if (json_is_integer(v))
			k += (size_t)snprintf(out + k, n - k, "%s%lld",
					      k ? " " : "",
					      (long long)json_integer_value(v));
	}
}

/* ---- tables and SQL as JSON ---------------------------------------------- */

static json_t *text(const char *s)
{
	json_t *j = json_string(s ? s : "");
	return j ? j : json_string("\xef\xbf\xbd"); /* not UTF-8: U+FFFD */
}

json_t *sv_table_json(const fw_table *t)
{
	json_t *a = json_array();
	for (size_t r = 0; t && r < t->nrows; r++) {
		if (t->kinds && t->kinds[r] == FW_ROW_GROUP)
			continue;
		json_t *o = json_object();
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = fw_table_cell(t, r, c);
			json_t *j = NULL;
			if (t->numeric && t->numeric[c] && *v) {
				/* a number when the whole value is one ("L34"
				 * in a numeric column stays text) */
				char *end;
				long long n = strtoll(v, &end, 10);
				if (!*end)
					j = json_integer(n);
				else if (strtod(v, &end), !*end)
					j = json_real(strtod(v, NULL));
			}
			if (!j)
				j = text(v);
			json_object_set_new(o, t->cols[c], j);
		}
		json_array_append_new(a, o);
	}
	return a;
}

json_t *sv_sql(sv_ctx *x, fw_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	fw_table *t = NULL;
	int rc = fw_sql_query(&t, x->app->sql, sql, 0, NULL, err);
	sqlite3_free(sql);
	json_t *j = rc ? NULL : sv_table_json(t);
	fw_table_free(t);
	return j;
}

/* ---- writes -------------------------------------------------------------- */

void sv_write(sv_ctx *x, const char *verb, const char *args, sv_write_fn fn)
{
	fw_error err;
	fw_error_clear(&err);
	fw_project *p = x->app->p;
	json_t *out = NULL;
	int rc = fw_project_begin(p, &err);
	if (!rc)
		rc = fw_history_record(p, verb, args, x->coder, &err);
	if (!rc)
		rc = fn(x, &out, &err);
	if (!rc)
		rc = fw_project_commit(p, &err);
	if (rc) {
		fw_project_rollback(p);
		json_decref(out);
		sv_fail_error(x, &err);
		return;
	}
	sv_json(x, 200, out ? out : json_pack("{sb}", "ok", 1));
}

/* ---- who may ask --------------------------------------------------------- */

/* Host must name this server: loopback (or the --listen address) with
 * its port, so that a page of another name that resolves here (DNS
 * rebinding) is refused. */
static int host_ok(const sv_app *a, const char *host)
{
	if (!host)
		return 0;
	static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
	char want[300];
	for (size_t i = 0; i < 3; i++) {
		snprintf(want, sizeof want, "%s:%d", names[i], a->port);
		if (!strcmp(host, want))
			return 1;
	}
	if (a->listen) {
		snprintf(want, sizeof want, "%s:%d", a->listen, a->port);
		if (!strcasecmp(host, want))
			return 1;
	}
	return 0;
}

/* The value of cookie name in a Cookie header, into out. */
static int cookie_value(const char *cookie, const char *name, char *out,
			size_t n)
{
	size_t nl = strlen(name);
	for (const char *c = cookie; c && *c;) {
		while (*c == ' ' || *c == ';')
			c++;
		const char *end = strchr(c, ';');
		size_t len = end ? (size_t)(end - c) : strlen(c);
		if (len > nl && !strncmp(c, name, nl) && c[nl] == '=' &&
		    len - nl - 1 < n) {
			memcpy(out, c + nl + 1, len - nl - 1);
			out[len - nl - 1] = 0;
			return 1;
		}
		c = end;
	}
	return 0;
}

static int same_secret(const char *a, const char *b)
{
	size_t n = strlen(b);
	return a && strlen(a) == n && n && !sodium_memcmp(a, b, n);
}

/* A coder's name a browser sends: printable, one line, at most 64
 * bytes. */
static int coder_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > 64 || !fw_utf8_valid(s, n, NULL))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Who asks, and the CSRF token their writes carry: 0, or the status to
 * refuse with. */
static int who(sv_ctx *x, const char **csrf)
{
	sv_app *a = x->app;
	char v[80];
	if (a->nusers) {
		sv_session *s = cookie_value(x->rq->cookie, "charter_session",
					     v, sizeof v)
					? sv_session_find(a, v)
					: NULL;
		if (!s)
			return 401;
		x->coder = s->user;
		*csrf = s->csrf;
		return 0;
	}
	const char *auth = x->rq->authorization;
	int ok = (cookie_value(x->rq->cookie, "charter_session", v, sizeof v) &&
		  same_secret(v, a->token)) ||
		 (auth && !strncmp(auth, "Bearer ", 7) &&
		  same_secret(auth + 7, a->token));
	if (!ok)
		return 403;
	x->coder = coder_ok(x->rq->coder) ? x->rq->coder : a->coder;
	*csrf = a->csrf;
	return 0;
}

/* GET /?token=T: the token becomes a cookie, and the page loads without
 * it in the address. */
static int take_token(sv_ctx *x)
{
	char t[80];
	if (x->app->nusers || sv_param(x, "token", t, sizeof t) != 1)
		return 0;
	if (!same_secret(t, x->app->token)) {
		sv_fail(x, 403,
			"this is not the workbench's token: open the "
			"address charter serve printed");
		return 1;
	}
	snprintf(x->rs->cookie, sizeof x->rs->cookie,
		 "charter_session=%s; HttpOnly; SameSite=Strict; Path=/",
		 x->app->token);
	snprintf(x->rs->location, sizeof x->rs->location, "/");
	x->rs->status = 303;
	x->rs->type = "text/plain";
	fw_buf_puts(&x->rs->body, "see /\n");
	return 1;
}

static void session(sv_ctx *x, const char *csrf)
{
	fw_error err;
	fw_error_clear(&err);
	json_t *h = sv_sql(x, &err,
			   "SELECT coalesce(max(entry), 0) AS entry "
			   "FROM v_history");
	if (!h)
		return sv_fail_error(x, &err);
	json_t *o = json_pack("{ss ss sb ss sO}", "coder", x->coder, "csrf",
			      csrf, "team", x->app->nusers > 0, "project",
			      fw_path_base(x->app->path), "entry",
			      json_object_get(json_array_get(h, 0), "entry"));
	json_decref(h);
	sv_json(x, 200, o);
}

static void asset(sv_ctx *x, const sv_asset *as)
{
	x->rs->status = 200;
	x->rs->type = as->type;
	fw_buf_put(&x->rs->body, as->data, as->len);
}

/* A write's body: a JSON object, or the request is refused. */
static int body(sv_ctx *x)
{
	const char *ct = x->rq->content_type;
	if (!ct || strncmp(ct, "application/json", 16))
		return sv_fail(x, 415,
			       "a write sends JSON "
			       "(Content-Type: application/json)"),
		       -1;
	json_error_t je;
	x->in = json_loadb(x->rq->body ? x->rq->body : "", x->rq->body_len,
			   JSON_REJECT_DUPLICATES, &je);
	if (!x->in)
		return sv_fail(x, 400, "request body: line %d: %s", je.line,
			       je.text),
		       -1;
	if (!json_is_object(x->in))
		return sv_fail(x, 400, "request body: not a JSON object"), -1;
	return 0;
}

/* The route for path and method; *other: a route for path that wants
 * another method. */
static const sv_route *route(const char *path, const char *method,
			     const sv_route **other)
{
	const sv_route *const tables[] = {sv_read_routes, sv_write_routes,
					  sv_chart_routes};
	*other = NULL;
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		for (const sv_route *r = tables[i]; r->path; r++)
			if (!strcmp(r->path, path)) {
				if (!strcmp(r->method, method))
					return r;
				*other = r;
			}
	return NULL;
}

static void api(sv_ctx *x, const char *csrf)
{
	const char *m = x->rq->method, *path = x->rq->path;
	int get = !strcmp(m, "GET"), post = !strcmp(m, "POST");
	if (!get && !post)
		return sv_fail(x, 405,
			       "the workbench's API takes GET and POST");
	if (!strcmp(path, "/api/session") && get)
		return session(x, csrf);
	if (!strcmp(path, "/api/logout") && post)
		return sv_logout(x);
	if (!strcmp(path, "/api/report") && post) {
		if (!same_secret(x->rq->csrf, csrf))
			return sv_fail(x, 403,
				       "a write needs the page's CSRF "
				       "token (X-CSRF-Token)");
		return sv_report(x);
	}
	const sv_route *other, *r = route(path, m, &other);
	if (!r && other)
		return sv_fail(x, 405, "%s wants %s", path, other->method);
	if (!r)
		return sv_fail(x, 404, "no such request: %s", path);
	if (get)
		return r->fn(x);
	if (!same_secret(x->rq->csrf, csrf))
		return sv_fail(x, 403,
			       "a write needs the page's CSRF token "
			       "(X-CSRF-Token)");
	if (body(x))
		return;
	r->fn(x);
}

void sv_handle(sv_app *app, const sv_request *rq, sv_response *rs)
{
	sv_ctx x = {.app = app, .rq = rq, .rs = rs};
	fw_buf_clear(&rs->body);
	if (!rq->method || !rq->path)
		return sv_fail(&x, 400, "no method or path");
	if (!host_ok(app, rq->host))
		return sv_fail(&x, 421,
			       "this server does not answer for "
			       "host '%s'",
			       rq->host ? rq->host : "");
	const sv_asset *as = sv_asset_find(rq->path);
	int get = !strcmp(rq->method, "GET");
	if (as && (get || !strcmp(rq->method, "HEAD")))
		return asset(&x, as);
	if (!strcmp(rq->path, "/") && get && take_token(&x))
		return;
	if (!strcmp(rq->path, "/api/login") && !strcmp(rq->method, "POST")) {
		if (!app->nusers)
			return sv_fail(&x, 404,
				       "nobody signs in here: the "
				       "workbench opens with its "
				       "token");
		if (!body(&x))
			sv_login(&x);
		json_decref(x.in);
		return;
	}
	const char *csrf = NULL;
	int st = who(&x, &csrf);
	if (!strcmp(rq->path, "/") && get) {
		/* the page itself; without a session it signs in (a team)
		 * or says where the token is */
		const sv_asset *page = sv_asset_find("/index.html");
		if (st == 403)
			return sv_fail(&x, 403,
				       "open the address charter "
				       "serve printed (with its "
				       "token)");
		return asset(&x, page);
	}
	if (st)
		return sv_fail(&x, st,
			       st == 401 ? "sign in first"
					 : "no session: open the address "
					   "charter serve printed (with its "
					   "token)");
	if (!strncmp(rq->path, "/report/", 8) && get)
		return sv_report_file(&x, rq->path + 8);
	if (!strncmp(rq->path, "/api/", 5)) {
		api(&x, csrf);
		json_decref(x.in);
		return;
	}
	sv_fail(&x, 404, "nothing at %s", rq->path);
}
