/* fuzz_serve.c: requests to the workbench, as a hostile page or client
 * could send them.  The first byte says what the request carries (the
 * token, the CSRF token, a JSON content type) and its method; then the
 * target (path and query) up to a newline; the rest is the body.  Every
 * answer is a status with a body, an error one JSON with "error"; a
 * refused write changes no history. */
#include "project_fuzz.h"
#include "sv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sv_app *app;

static void done(void)
{
	sv_app_free(app);
}

/* The history's entries (a write that is refused adds none). */
static long long entries(void)
{
	fw_table *t = NULL;
	fw_error e;
	if (fw_sql_query(&t, app->sql, "SELECT count(*) FROM v_history", 0,
			 NULL, &e))
		__builtin_trap();
	long long n = atoll(fw_table_cell(t, 0, 0));
	fw_table_free(t);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > 65536)
		return 0;
	if (!app) {
		pf_project();
		sv_opts o = {.project = pf_path, .token = "fuzztoken"};
		fw_error e;
		if (sv_app_new(&app, &o, &e)) {
			fprintf(stderr, "fuzz: the app: %s\n", e.msg);
			__builtin_trap();
		}
		sv_app_set_port(app, 4242);
		atexit(done);
	}
	static const char *const methods[] = {"GET", "POST", "HEAD", "PUT"};
	uint8_t how = data[0];
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	char *nl = memchr(s, '\n', size - 1);
	const char *body = "";
	size_t blen = 0;
	if (nl) {
		*nl = 0;
		body = nl + 1;
		blen = size - 1 - (size_t)(nl + 1 - s);
	}
	char *q = strchr(s, '?');
	if (q)
		*q++ = 0;
	sv_request rq = {
		.method = methods[(how >> 3) & 3],
		.path = s,
		.query = q,
		.host = how & 0x20 ? "localhost:4242" : "127.0.0.1:4242",
		.authorization = how & 1 ? "Bearer fuzztoken" : NULL,
		.cookie = how & 0x40 ? "charter_session=fuzztoken" : NULL,
		.csrf = how & 2 ? app->csrf : NULL,
		.coder = how & 0x80 ? "fuzzer" : NULL,
		.content_type = how & 4 ? "application/json" : NULL,
		.body = body,
		.body_len = blen,
	};
	sv_response rs;
	sv_response_init(&rs);
	long long before = entries();
	sv_handle(app, &rq, &rs);
	const char *out = fw_buf_str(&rs.body);
	if (rs.status < 200 || rs.status > 599)
		__builtin_trap();
	if (rs.status >= 400 && strncmp(out, "{\"error\":\"", 10))
		__builtin_trap();
	if (rs.status >= 400 && entries() != before)
		__builtin_trap(); /* a refused request wrote an entry */
	sv_response_dispose(&rs);
	free(s);
	return 0;
}
