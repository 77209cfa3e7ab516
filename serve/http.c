/*
 * http.c: the workbench behind libmicrohttpd.  One internal thread reads
 * every connection and answers each request in turn, so sv_handle and
 * the project's connections are never used by two requests at once.  A
 * body larger than SV_BODY_MAX is read to its end and refused (413).
 */
#include "sv.h"
#include "fileio.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One request as it is read. */
typedef struct conn {
	char *uri; /* with its query, as the client sent it */
	fw_buf body;
	int too_big;
	int started; /* the headers have been seen */
} conn;

static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
	conn *k = fw_xcalloc(1, sizeof *k);
	k->uri = fw_xstrdup(uri ? uri : "");
	fw_buf_init(&k->body);
	return k;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode why)
{
	conn *k = *con_cls;
	if (!k)
		return;
	free(k->uri);
	fw_buf_dispose(&k->body);
	free(k);
	*con_cls = NULL;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static enum MHD_Result answer(struct MHD_Connection *c, sv_response *rs)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		rs->body.len, rs->body.len ? (void *)rs->body.ptr : (void *)"",
		MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	for (size_t i = 0; sv_headers[i]; i += 2)
		MHD_add_response_header(r, sv_headers[i],
					i == 0 && rs->csp ? rs->csp
							  : sv_headers[i + 1]);
	MHD_add_response_header(r, "Content-Type", rs->type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (*rs->cookie)
		MHD_add_response_header(r, "Set-Cookie", rs->cookie);
	if (*rs->location)
		MHD_add_response_header(r, "Location", rs->location);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	sv_app *app = cls;
	conn *k = *con_cls;
	if (!k)
		return MHD_NO;
	if (!k->started) { /* the headers; the body, if any, comes next */
		k->started = 1;
		return MHD_YES;
	}
	if (*size) {
		if (k->body.len + *size > SV_BODY_MAX)
			k->too_big = 1;
		else
			fw_buf_put(&k->body, data, *size);
		*size = 0;
		return MHD_YES;
	}
	sv_response rs;
	sv_response_init(&rs);
	if (k->too_big) {
		fw_buf_printf(&rs.body,
			      "{\"error\":\"the request is larger than %d "
			      "bytes\"}\n",
			      SV_BODY_MAX);
		rs.status = 413;
	} else {
		char *q = strchr(k->uri, '?');
		if (q)
			*q++ = 0;
		sv_request rq = {
			.method = method,
			.path = k->uri,
			.query = q,
			.host = header(c, "Host"),
			.cookie = header(c, "Cookie"),
			.csrf = header(c, "X-CSRF-Token"),
			.authorization = header(c, "Authorization"),
			.coder = header(c, "X-Charter-Coder"),
			.content_type = header(c, "Content-Type"),
			.body = k->body.ptr,
			.body_len = k->body.len,
		};
		sv_handle(app, &rq, &rs);
	}
	enum MHD_Result ok = answer(c, &rs);
	sv_response_dispose(&rs);
	return ok;
}

/* libmicrohttpd's messages, as charter's; a browser's TLS handshake that
 * goes another way (probing, a certificate it does not trust yet) is
 * its business, not the researcher's. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = 0;
	if (strstr(msg, "andshake") || strstr(msg, "TLS"))
		return;
	if (strstr(msg, "Failed to bind")) /* charter says so itself */
		return;
	fprintf(stderr, "charter serve: %s\n", msg);
}

static int read_pem(char **out, const char *path, fw_error *err)
{
	size_t len;
	return fw_file_read(out, &len, path, 1 << 20, err);
}

int sv_listen(sv_app *app, const sv_opts *o, const sv_tls *tls,
	      void (*ready)(const char *url), fw_error *err)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	const char *addr = o->listen ? o->listen : "127.0.0.1";
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "'%s' is not an IPv4 address to listen "
				    "on",
				    addr);
	char *cert = NULL, *key = NULL;
	int use_tls = tls && tls->cert && tls->key;
	if (use_tls && (read_pem(&cert, tls->cert, err) ||
			read_pem(&key, tls->key, err))) {
		free(cert);
		return FW_EIO;
	}
	app->tls = use_tls;
	/* SIGINT and SIGTERM wait for this thread, not the server's */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
			 (use_tls ? MHD_USE_TLS : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, app,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&sa, MHD_OPTION_URI_LOG_CALLBACK, uri_seen,
		NULL, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)128,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		use_tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, key,
		MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_END);
	if (!d) {
		free(cert);
		free(key);
		char where[80];
		snprintf(where, sizeof where, o->port ? "%s:%d" : "%s", addr,
			 o->port);
		return use_tls ? fw_error_set(err, FW_EIO, NULL, 0,
					      "cannot serve HTTPS on %s: the "
					      "port is in use, or --cert and "
					      "--key are not a PEM certificate "
					      "and its key",
					      where)
			       : fw_error_set(
					 err, FW_EIO, NULL, 0,
					 "cannot listen on %s: the port is "
					 "in use (--port N takes another)",
					 where);
	}
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = di ? di->port : o->port;
	sv_app_set_port(app, port);
	char url[400];
	if (app->nusers)
		snprintf(url, sizeof url, "%s://%s:%d/",
			 use_tls ? "https" : "http",
			 o->listen ? o->listen : "127.0.0.1", port);
	else
		snprintf(url, sizeof url, "%s://%s:%d/?token=%s",
			 use_tls ? "https" : "http",
			 o->listen ? o->listen : "127.0.0.1", port,
			 sv_app_token(app));
	if (ready)
		ready(url);
	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	free(cert);
	free(key);
	return 0;
}
