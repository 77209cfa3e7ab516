/*
 * api_read.c: what the workbench reads: sources and their turns with
 * codings, the codebook, charts and cells, memos, search, the matrix
 * query and what changed since.  Listings go through the documented
 * views (docs/SQL.md) on a read-only connection; charts, cells and
 * queries through the library calls the command line makes.
 */
#include "sv.h"

#include <stdlib.h>
#include <string.h>

/* A required parameter into out; 0, or the request answered. */
static int need(sv_ctx *x, const char *name, char *out, size_t n)
{
	int r = sv_param(x, name, out, n);
	if (r == 1 && *out)
		return 0;
	sv_fail(x, 400,
		r < 0 ? "parameter '%s' is malformed"
		      : "parameter '%s' is missing",
		name);
	return -1;
}

static void sources(sv_ctx *x)
{
	fw_error err;
	fw_error_clear(&err);
	json_t *j = sv_sql(
		x, &err,
		"SELECT s.name AS source, coalesce(min(c.name), '') AS \"case\", "
		"(SELECT count(*) FROM v_utterances u WHERE u.source=s.name) "
		"AS turns, (SELECT count(*) FROM v_codings k WHERE "
		"k.source=s.name AND k.status='confirmed') AS codings, "
		"(SELECT count(*) FROM v_codings k WHERE k.source=s.name AND "
		"k.status='suggested') AS suggested FROM source s LEFT JOIN "
		"case_source cs ON cs.source_id=s.id LEFT JOIN \"case\" c ON "
		"c.id=cs.case_id GROUP BY s.id ORDER BY s.name");
	if (!j)
		return sv_fail_error(x, &err);
	sv_json(x, 200, j);
}

/* A transcript: its turns (speaker, role, lines, times, code-point
 * offsets and text) and its codings that are not rejected. */
static void source(sv_ctx *x)
{
	char name[512];
	if (need(x, "name", name, sizeof name))
		return;
	fw_error err;
	fw_error_clear(&err);
	json_t *turns = sv_sql(
		x, &err,
		"SELECT turn, speaker, role, \"case\", line_start, line_end, "
		"t_start_ms, t_end_ms, start, \"end\", text FROM v_utterances "
		"WHERE source=%Q ORDER BY turn",
		name);
	json_t *codings =
		turns ? sv_sql(x, &err,
			       "SELECT k.id, k.code, k.code_name, k.start, "
			       "k.\"end\", k.line_start, k.line_end, k.origin, "
			       "k.status, k.rule, coalesce(d.name, '') AS "
			       "coder FROM v_codings k JOIN coding g ON "
			       "g.id=k.id LEFT JOIN coder d ON d.id=coalesce("
			       "g.reviewer_id, g.coder_id) WHERE k.source=%Q "
			       "AND k.status<>'rejected' ORDER BY k.start, "
			       "k.id",
			       name)
		      : NULL;
	if (!codings) {
		json_decref(turns);
		return sv_fail_error(x, &err);
	}
	if (!json_array_size(turns)) {
		json_t *there = sv_sql(x, &err,
				       "SELECT 1 AS n FROM source WHERE "
				       "name=%Q",
				       name);
		size_t n = json_array_size(there);
		json_decref(there);
		if (!n) {
			json_decref(turns);
			json_decref(codings);
			return sv_fail(x, 404, "no source '%s'", name);
		}
	}
	sv_json(x, 200,
		json_pack("{ss so so}", "source", name, "turns", turns,
			  "codings", codings));
}

static void codebook(sv_ctx *x)
{
	fw_error err;
	fw_error_clear(&err);
	json_t *j = sv_sql(
		x, &err,
		"SELECT v.code, v.name, coalesce(v.parent, '') AS parent, "
		"v.depth, coalesce(v.definition, '') AS definition, "
		"coalesce(v.use_when, '') AS use_when, coalesce(v.not_when, "
		"'') AS not_when, coalesce(v.example, '') AS example, v.rules, "
		"v.codings, v.suggested, coalesce(c.color, '') AS color FROM "
		"v_codebook v JOIN code c ON c.number=v.code ORDER BY c.sort, "
		"c.id");
	if (!j)
		return sv_fail_error(x, &err);
	sv_json(x, 200, j);
}

/* ?code=N: the code's rules, with their ids and how often each hit */
static void rules(sv_ctx *x)
{
	char code[64];
	if (need(x, "code", code, sizeof code))
		return;
	fw_error err;
	fw_error_clear(&err);
	json_t *j =
		sv_sql(x, &err,
		       "SELECT r.id, r.pattern, r.flags, r.scope, "
		       "r.speaker_role AS speaker, (SELECT count(*) FROM "
		       "coding g WHERE g.rule_id=r.id) AS codings FROM rule "
		       "r JOIN code c ON c.id=r.code_id WHERE c.number=%Q "
		       "ORDER BY r.id",
		       code);
	if (!j)
		return sv_fail_error(x, &err);
	sv_json(x, 200, j);
}

/* The history entries after ?since=N: what other browsers (or the
 * command line) changed, so that a page brings itself up to date. */
static void changes(sv_ctx *x)
{
	char v[32];
	long long since = 0;
	if (sv_param(x, "since", v, sizeof v) == 1) {
		char *end;
		since = strtoll(v, &end, 10);
		if (*end || since < 0)
			return sv_fail(x, 400, "since is an entry number");
	}
	fw_error err;
	fw_error_clear(&err);
	json_t *j = sv_sql(x, &err,
			   "SELECT entry, at, coder, verb, args FROM v_history "
			   "WHERE entry > %lld ORDER BY entry LIMIT 500",
			   since);
	if (!j)
		return sv_fail_error(x, &err);
	json_t *last = sv_sql(x, &err,
			      "SELECT coalesce(max(entry), 0) AS entry FROM "
			      "v_history");
	sv_json(x, 200,
		json_pack("{so sO}", "entries", j, "entry",
			  json_object_get(json_array_get(last, 0), "entry")));
	json_decref(last);
}

static void memos(sv_ctx *x)
{
	char src[512], cs[256], code[64], group[256];
	fw_memo_target t = {0};
	if (sv_param(x, "source", src, sizeof src) < 0 ||
	    sv_param(x, "case", cs, sizeof cs) < 0 ||
	    sv_param(x, "code", code, sizeof code) < 0 ||
	    sv_param(x, "group", group, sizeof group) < 0)
		return sv_fail(x, 400, "a malformed parameter");
	t.source = *src ? src : NULL;
	t.case_name = *cs ? cs : NULL;
	t.code = *code ? code : NULL;
	t.group = *group ? group : NULL;
	fw_error err;
	fw_error_clear(&err);
	json_t *j = sv_sql(
		x, &err,
		"SELECT id, kind, target, coalesce(source, '') AS source, "
		"coalesce(line_start, 0) AS line_start, coalesce(line_end, 0) "
		"AS line_end, coalesce(case_name, '') AS \"case\", "
		"coalesce(code, '') AS code, coalesce(actor_group, '') AS "
		"\"group\", coalesce(title, '') AS title, text, author, "
		"coalesce(updated_at, created_at) AS updated_at FROM v_memos WHERE (%Q IS NULL OR source=%Q) AND "
		"(%Q IS NULL OR case_name=%Q) AND (%Q IS NULL OR code=%Q) AND "
		"(%Q IS NULL OR actor_group=%Q) ORDER BY id",
		t.source, t.source, t.case_name, t.case_name, t.code, t.code,
		t.group, t.group);
	if (!j)
		return sv_fail_error(x, &err);
	sv_json(x, 200, j);
}

/* Keyword in context: case, source, line, context; at most 500 hits. */
static void search(sv_ctx *x)
{
	char q[512];
	if (need(x, "q", q, sizeof q))
		return;
	fw_search_opts o = {.query = q}; /* respondents, as the command line */
	fw_table *t = NULL;
	fw_error err;
	fw_error_clear(&err);
	int coded = 0;
	if (fw_query_search(&t, &coded, x->app->p, &o, &err)) {
		fw_table_free(t);
		return sv_fail_error(x, &err);
	}
	size_t n = t->nrows;
	if (t->nrows > 500)
		t->nrows = 500;
	json_t *hits = sv_table_json(t);
	t->nrows = n;
	fw_table_free(t);
	sv_json(x, 200,
		json_pack("{so sI}", "hits", hits, "total", (json_int_t)n));
}

const sv_route sv_read_routes[] = {
	{"GET", "/api/sources", sources},   {"GET", "/api/source", source},
	{"GET", "/api/codebook", codebook}, {"GET", "/api/changes", changes},
	{"GET", "/api/memos", memos},       {"GET", "/api/search", search},
	{"GET", "/api/rules", rules},       {NULL, NULL, NULL}};
