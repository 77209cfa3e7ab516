/*
 * test_serve.c: the workbench's request handler without a socket: who may
 * ask (Host, token, cookie, CSRF, a team's sign-in), what a write stores
 * (the coding's code points, its coder, one history entry), and that a
 * bad, hostile or conflicting request is a 4xx with a JSON error that
 * changes nothing.
 */
#include "testutil.h"
#include "sv.h"

static sv_app *app;
static char last[8192];

enum { AUTH = 1, CSRF = 2, JSON = 4 };

/* One request; its status, the body in last. */
static int req(const char *method, const char *target, const char *body,
	       int how)
{
	char path[512];
	snprintf(path, sizeof path, "%s", target);
	char *q = strchr(path, '?');
	if (q)
		*q++ = 0;
	char auth[100];
	snprintf(auth, sizeof auth, "Bearer %s", sv_app_token(app));
	sv_request rq = {
		.method = method,
		.path = path,
		.query = q,
		.host = "127.0.0.1:4242",
		.authorization = how & AUTH ? auth : NULL,
		.csrf = how & CSRF ? app->csrf : NULL,
		.coder = "ana",
		.content_type = how & JSON ? "application/json" : NULL,
		.body = body,
		.body_len = body ? strlen(body) : 0,
	};
	sv_response rs;
	sv_response_init(&rs);
	sv_handle(app, &rq, &rs);
	snprintf(last, sizeof last, "%s", fw_buf_str(&rs.body));
	int st = rs.status;
	sv_response_dispose(&rs);
	return st;
}

#define ALL (AUTH | CSRF | JSON)
#define WANT(st, method, target, body, how)                                    \
	do {                                                                   \
		int got_ = req(method, target, body, how);                     \
		if (got_ != (st))                                              \
			fail_msg("%s %s: want %d, got %d: %s", method, target, \
				 st, got_, last);                              \
	} while (0)

static long long count(const char *sql)
{
	fw_table *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	if (fw_sql_query(&t, app->sql, sql, 0, NULL, &e))
		fail_msg("%s: %s", sql, e.msg);
	long long n = atoll(fw_table_cell(t, 0, 0));
	fw_table_free(t);
	return n;
}

static int setup(void **s)
{
	static int n;
	char name[32];
	snprintf(name, sizeof name, "serve%d.charter", n++);
	fw_project_free(tu_study(name, 1));
	sv_opts o = {.project = tu_path(name), .token = "0123456789abcdef"};
	fw_error e;
	fw_error_clear(&e);
	if (sv_app_new(&app, &o, &e))
		fail_msg("app: %s", e.msg);
	sv_app_set_port(app, 4242);
	return 0;
}

static int teardown(void **s)
{
	sv_app_free(app);
	app = NULL;
	return 0;
}

static void test_who_may_ask(void **s)
{
	/* the page's files need no session; nothing else is served */
	WANT(200, "GET", "/app.js", NULL, 0);
	WANT(404, "GET", "/../../etc/passwd", NULL, AUTH);
	WANT(404, "GET", "/app.js/../index.html?x", NULL, AUTH);
	WANT(404, "GET", "/%2e%2e/study.charter", NULL, AUTH);
	/* the API wants the token (or its cookie) */
	WANT(403, "GET", "/api/sources", NULL, 0);
	assert_non_null(strstr(last, "\"error\":\"no session"));
	WANT(403, "GET", "/", NULL, 0);
	WANT(403, "GET", "/?token=0123456789abcdeX", NULL, 0);
	WANT(303, "GET", "/?token=0123456789abcdef", NULL, 0);
	WANT(200, "GET", "/api/sources", NULL, AUTH);
	assert_non_null(strstr(last, "\"source\":\"c01.txt\""));
	/* the cookie the token became */
	sv_request rq = {.method = "GET",
			 .path = "/api/session",
			 .host = "localhost:4242",
			 .cookie = "x=1; charter_session=0123456789abcdef"};
	sv_response rs;
	sv_response_init(&rs);
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 200);
	assert_non_null(strstr(fw_buf_str(&rs.body), "\"coder\""));
	rq.cookie = "charter_session=0123456789abcde";
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 403);
	/* another host name for this address (DNS rebinding) */
	rq.host = "attacker.example:4242";
	rq.cookie = "charter_session=0123456789abcdef";
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 421);
	rq.host = NULL;
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 421);
	sv_response_dispose(&rs);
	/* writes want the CSRF token and JSON */
	const char *code = "{\"source\":\"c01.txt\",\"start\":10,\"end\":20,"
			   "\"code\":\"1.1\"}";
	WANT(403, "POST", "/api/code", code, AUTH | JSON);
	WANT(415, "POST", "/api/code", code, AUTH | CSRF);
	WANT(405, "GET", "/api/code", NULL, ALL);
	WANT(405, "POST", "/api/sources", "{}", ALL);
	WANT(405, "DELETE", "/api/sources", NULL, ALL);
	WANT(404, "GET", "/api/nothing", NULL, ALL);
	assert_int_equal(count("SELECT count(*) FROM v_history WHERE "
			       "verb='code add'"),
			 0);
}

static void test_code_span(void **s)
{
	long long before = count("SELECT count(*) FROM v_history");
	WANT(200, "POST", "/api/code",
	     "{\"source\":\"c01.txt\",\"start\":60,\"end\":95,\"code\":\"1.2\"}",
	     ALL);
	long long id = atoll(strstr(last, "\"id\":") + 5);
	long long sid, kid;
	long a, b;
	fw_error e;
	assert_int_equal(fw_coding_where(&sid, &kid, &a, &b, app->p, id, &e),
			 0);
	assert_int_equal(a, 60);
	assert_int_equal(b, 95);
	assert_int_equal(count("SELECT count(*) FROM v_history WHERE "
			       "coder='ana' AND verb='code add'"),
			 1);
	/* what is wrong is said, and nothing is stored */
	static const struct {
		int status;
		const char *body, *says;
	} bad[] = {
		{400,
		 "{\"source\":\"c01.txt\",\"start\":95,\"end\":60,"
		 "\"code\":\"1.2\"}",
		 "empty or reversed"},
		{400,
		 "{\"source\":\"c01.txt\",\"start\":-5,\"end\":9,"
		 "\"code\":\"1.2\"}",
		 "empty or reversed"},
		{400,
		 "{\"source\":\"c01.txt\",\"start\":\"1\",\"end\":9,"
		 "\"code\":\"1.2\"}",
		 "'start' is missing or not a whole number"},
		{400,
		 "{\"source\":\"c01.txt\",\"start\":1,\"end\":99999999,"
		 "\"code\":\"1.2\"}",
		 ""},
		{404,
		 "{\"source\":\"nope.txt\",\"start\":1,\"end\":9,"
		 "\"code\":\"1.2\"}",
		 "nope.txt"},
		{404,
		 "{\"source\":\"c01.txt\",\"start\":1,\"end\":9,"
		 "\"code\":\"7.7\"}",
		 "7.7"},
		{400, "{\"source\":\"c01.txt\",\"start\":1,\"end\":9}",
		 "'code' is missing"},
		{400, "{\"source\":\"c01.txt\",", "request body: line 1"},
		{400, "[1, 2]", "not a JSON object"},
		{400, "{\"a\":1,\"a\":2}", "duplicate"},
		{400, "", "request body"},
		{400, "{\"source\":\"\xff\xfe\"}", "request body"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int st = req("POST", "/api/code", bad[i].body, ALL);
		if (st != bad[i].status && !(bad[i].status == 400 && st == 404))
			fail_msg("%s: want %d, got %d: %s", bad[i].body,
				 bad[i].status, st, last);
		if (!strstr(last, "{\"error\":\"") ||
		    !strstr(last, bad[i].says))
			fail_msg("%s: %s", bad[i].body, last);
	}
	assert_int_equal(count("SELECT count(*) FROM v_history"), before + 1);
	/* removed, undone, redone */
	char body[64];
	snprintf(body, sizeof body, "{\"id\":%lld}", id);
	WANT(200, "POST", "/api/uncode", body, ALL);
	snprintf(body, sizeof body, "SELECT count(*) FROM coding WHERE id=%lld",
		 id);
	assert_int_equal(count(body), 0);
	WANT(200, "POST", "/api/undo", "{}", ALL);
	assert_non_null(strstr(last, "code remove"));
	assert_int_equal(count(body), 1);
	WANT(200, "POST", "/api/redo", "{}", ALL);
	assert_int_equal(count(body), 0);
	WANT(404, "POST", "/api/redo", "{}", ALL);
	assert_non_null(strstr(last, "ana has nothing to redo"));
}

static void test_cell_conflict(void **s)
{
	WANT(200, "GET", "/api/cell?case=C01&code=1.1", NULL, AUTH);
	assert_non_null(strstr(last, "a bit worried"));
	assert_non_null(strstr(last, "\"passages\":[{"));
	assert_non_null(strstr(last, "\"speaker\":\"RESPONDENT\""));
	/* opened with another summary: refused, the cell kept */
	WANT(409, "POST", "/api/cell",
	     "{\"case\":\"C01\",\"code\":\"1.1\",\"summary\":\"mine (L5)\","
	     "\"base\":\"what I saw\"}",
	     ALL);
	assert_non_null(strstr(last, "\"conflict\":{"));
	assert_non_null(strstr(last, "a bit worried"));
	assert_int_equal(count("SELECT count(*) FROM v_cells WHERE "
			       "summary LIKE 'Worried by the letter%'"),
			 1);
	WANT(200, "POST", "/api/cell",
	     "{\"case\":\"C01\",\"code\":\"1.1\",\"summary\":\"mine (L5)\","
	     "\"base\":\"Worried by the letter, 'a bit worried' (L5*)\"}",
	     ALL);
	assert_int_equal(count("SELECT count(*) FROM v_cells WHERE "
			       "summary='mine (L5)'"),
			 1);
	WANT(404, "GET", "/api/cell?case=NOBODY&code=1.1", NULL, AUTH);
	WANT(400, "GET", "/api/cell?case=C01", NULL, AUTH);
	WANT(400, "GET", "/api/cell?case=C%zz1&code=1.1", NULL, AUTH);
	WANT(400, "GET", "/api/cell?case=C%001&code=1.1", NULL, AUTH);
	WANT(200, "GET", "/api/chart?theme=1", NULL, AUTH);
	assert_non_null(strstr(last, "\"columns\":[\"case\""));
	assert_non_null(strstr(last, "\"agreements\":[{"));
	WANT(404, "GET", "/api/chart?theme=99", NULL, AUTH);
	WANT(400, "GET", "/api/chart?theme=1&where=nonsense", NULL, AUTH);
	/* several conditions, each holding */
	WANT(200, "GET", "/api/chart?theme=1&where=district=A", NULL, AUTH);
	assert_non_null(strstr(last, "\"cells\":[\"C01\""));
	WANT(200, "GET", "/api/chart?theme=1&where=district=A&where=sex=M",
	     NULL, AUTH);
	assert_null(strstr(last, "\"cells\":[\"C01\""));
	WANT(400, "GET", "/api/chart?theme=1&where=district=A&where=x", NULL,
	     AUTH);
}

static void test_reads(void **s)
{
	WANT(200, "GET", "/api/source?name=c01.txt", NULL, AUTH);
	assert_non_null(strstr(last, "\"speaker\":\"RESPONDENT\""));
	assert_non_null(strstr(last, "\"codings\":[{"));
	WANT(404, "GET", "/api/source?name=missing.txt", NULL, AUTH);
	WANT(400, "GET", "/api/source", NULL, AUTH);
	/* a name made to break out of the SQL is only a name */
	WANT(404, "GET", "/api/source?name=x'%20OR%20'1'='1", NULL, AUTH);
	WANT(200, "GET", "/api/codebook", NULL, AUTH);
	assert_non_null(strstr(last, "\"code\":\"1.1\""));
	WANT(200, "GET", "/api/search?q=letter", NULL, AUTH);
	assert_non_null(strstr(last, "\"total\":"));
	WANT(400, "GET", "/api/search?q=%22unclosed", NULL, AUTH);
	WANT(200, "GET", "/api/changes?since=0", NULL, AUTH);
	WANT(400, "GET", "/api/changes?since=-1", NULL, AUTH);
	WANT(200, "GET", "/api/matrix?rows=1&cols=actor_group", NULL, AUTH);
	WANT(200, "GET", "/api/memos", NULL, AUTH);
}

static void test_more_writes(void **s)
{
	/* a memo changed since it was opened: refused, both kept */
	WANT(200, "POST", "/api/memo",
	     "{\"text\":\"first\",\"case\":\"C01\",\"kind\":\"analytic\"}",
	     ALL);
	long long id = atoll(strstr(last, "\"id\":") + 5);
	char body[200];
	snprintf(body, sizeof body,
		 "{\"id\":%lld,\"text\":\"bo's\",\"base\":\"first\"}", id);
	WANT(200, "POST", "/api/memo/edit", body, ALL);
	snprintf(body, sizeof body,
		 "{\"id\":%lld,\"text\":\"ana's\",\"base\":\"first\"}", id);
	WANT(409, "POST", "/api/memo/edit", body, ALL);
	assert_non_null(strstr(last, "\"conflict\":{\"text\":\"bo's\""));
	assert_int_equal(count("SELECT count(*) FROM v_memos WHERE "
			       "text='bo''s'"),
			 1);
	WANT(400, "POST", "/api/memo", "{\"text\":\"x\",\"kind\":\"rant\"}",
	     ALL);
	/* a suggestion accepted by id, one recoded, a rule's rejected */
	long long sug = count("SELECT min(id) FROM v_codings WHERE "
			      "origin='rule'");
	snprintf(body, sizeof body, "{\"id\":%lld,\"decision\":\"reset\"}",
		 sug);
	WANT(200, "POST", "/api/review", body, ALL);
	assert_int_equal(count("SELECT count(*) FROM v_codings WHERE "
			       "status='suggested'"),
			 1);
	snprintf(body, sizeof body, "{\"id\":%lld,\"decision\":\"accept\"}",
		 sug);
	WANT(200, "POST", "/api/review", body, ALL);
	snprintf(body, sizeof body,
		 "SELECT count(*) FROM v_codings WHERE "
		 "id=%lld AND status='confirmed'",
		 sug);
	assert_int_equal(count(body), 1);
	WANT(400, "POST", "/api/review", "{\"id\":1,\"decision\":\"maybe\"}",
	     ALL);
	WANT(404, "POST", "/api/review",
	     "{\"id\":999999,\"decision\":\"accept\"}", ALL);
	snprintf(body, sizeof body, "{\"id\":%lld,\"code\":\"2.1\"}", sug);
	WANT(200, "POST", "/api/recode", body, ALL);
	WANT(400, "POST", "/api/recode", "{\"id\":1,\"code\":\"2\"}", ALL);
	/* the codebook */
	WANT(200, "POST", "/api/codebook/define",
	     "{\"number\":\"1.1\",\"field\":\"use\",\"text\":\"letters\"}",
	     ALL);
	WANT(400, "POST", "/api/codebook/define",
	     "{\"number\":\"1.1\",\"field\":\"colour\",\"text\":\"red\"}", ALL);
	WANT(200, "POST", "/api/codebook/rule",
	     "{\"number\":\"1.1\",\"rule\":\"/\\\\bpost\\\\b/i\"}", ALL);
	WANT(400, "POST", "/api/codebook/rule",
	     "{\"number\":\"1.1\",\"rule\":\"/(x/\"}", ALL);
	assert_non_null(strstr(last, "bad pattern"));
	WANT(200, "GET", "/api/rules?code=1.1", NULL, AUTH);
	assert_non_null(strstr(last, "\\\\bpost\\\\b"));
	WANT(200, "POST", "/api/codebook/add",
	     "{\"number\":\"2.9\",\"name\":\"Later\"}", ALL);
	WANT(200, "POST", "/api/codebook/move",
	     "{\"from\":\"2.9\",\"under\":\"1\"}", ALL);
	assert_non_null(strstr(last, "\"number\":\"1.3\""));
	WANT(400, "POST", "/api/codebook/merge",
	     "{\"from\":\"1\",\"into\":\"1.1\"}", ALL);
	/* search hits coded; the report previewed, and only its files */
	WANT(200, "POST", "/api/search/code",
	     "{\"q\":\"letter\",\"code\":\"1.1\"}", ALL);
	assert_non_null(strstr(last, "\"coded\":"));
	WANT(404, "GET", "/report/report.html", NULL, AUTH);
	WANT(200, "POST", "/api/report", "{}", ALL);
	assert_non_null(strstr(last, "\"url\":\"/report/report.html\""));
	WANT(200, "GET", "/report/report.html", NULL, AUTH);
	assert_non_null(strstr(last, "<html"));
	WANT(403, "GET", "/report/report.html", NULL, 0);
	WANT(404, "GET", "/report/../study.charter", NULL, AUTH);
	WANT(404, "GET", "/report/.hidden", NULL, AUTH);
	WANT(404, "GET", "/report/sources/../../x", NULL, AUTH);
	WANT(404, "GET", "/report//etc/passwd", NULL, AUTH);
	WANT(404, "GET", "/report/a/b/c.html", NULL, AUTH);
}

static void test_team(void **s)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(sv_user_line(&b, "bo", "a long password", &e), 0);
	assert_int_equal(sv_user_line(&b, "bo", "short", &e), FW_EINVAL);
	assert_int_equal(sv_user_line(&b, "b:o", "a long password", &e),
			 FW_EINVAL);
	const char *users = tu_path("users.txt");
	TU_WRITE_STR(users, fw_buf_str(&b));
	fw_buf_dispose(&b);
	assert_int_equal(sv_users_load(app, users, &e), 0);
	/* the token alone no longer opens it */
	WANT(401, "GET", "/api/session", NULL, AUTH);
	WANT(401, "POST", "/api/login", "{\"user\":\"bo\",\"password\":\"x\"}",
	     JSON);
	WANT(401, "POST", "/api/login", "{\"user\":\"al\",\"password\":\"x\"}",
	     JSON);
	sv_request rq = {.method = "POST",
			 .path = "/api/login",
			 .host = "127.0.0.1:4242",
			 .content_type = "application/json",
			 .body = "{\"user\":\"bo\",\"password\":\"a long "
				 "password\"}"};
	rq.body_len = strlen(rq.body);
	sv_response rs;
	sv_response_init(&rs);
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 200);
	char cookie[200];
	snprintf(cookie, sizeof cookie, "%s", rs.cookie);
	*strchr(cookie, ';') = 0;
	sv_session *ss = sv_session_find(app, strchr(cookie, '=') + 1);
	assert_non_null(ss);
	/* writes as the user signed in, whatever coder the page names */
	rq.cookie = cookie;
	rq.coder = "mallory";
	rq.path = "/api/code";
	rq.csrf = ss->csrf;
	rq.body = "{\"source\":\"c01.txt\",\"start\":60,\"end\":95,\"code\":"
		  "\"1.2\"}";
	rq.body_len = strlen(rq.body);
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 200);
	assert_int_equal(count("SELECT count(*) FROM v_history WHERE "
			       "coder='bo' AND verb='code add'"),
			 1);
	rq.csrf = app->csrf; /* not this session's */
	sv_handle(app, &rq, &rs);
	assert_int_equal(rs.status, 403);
	sv_response_dispose(&rs);
	const char *bad = tu_path("users-bad.txt");
	TU_WRITE_STR(bad, "# team\nbo:plain\n");
	assert_int_equal(sv_users_load(app, bad, &e), FW_EPARSE);
	assert_int_equal(e.line, 2);
}

#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
TU_MAIN(T(test_who_may_ask), T(test_code_span), T(test_cell_conflict),
	T(test_reads), T(test_more_writes), T(test_team));
