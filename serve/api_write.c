/*
 * api_write.c: what the workbench changes: codings (by a selection, off,
 * moved, suggestions decided), the codebook, memos, and undo and redo.
 * Each is one transaction and one history entry, named as the command
 * line's verb is, by the coder who asked.
 */
#include "sv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A required text field; NULL when missing (err says so). */
static const char *field(sv_ctx *x, const char *key, fw_error *err)
{
	const char *v = sv_in_str(x, key);
	if (!v || !*v)
		fw_error_set(err, FW_EINVAL, NULL, 0, "'%s' is missing", key);
	return v && *v ? v : NULL;
}

static int need_int(sv_ctx *x, const char *key, long long *v, fw_error *err)
{
	return sv_in_int(x, key, v)
		       ? 0
		       : fw_error_set(err, FW_EINVAL, NULL, 0,
				      "'%s' is missing or not a whole number",
				      key);
}

/* {source, start, end, code}: code points [start, end) of the source. */
static int code_span(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *src = field(x, "source", err), *code;
	long long a, b, id = 0;
	if (!src || !(code = field(x, "code", err)) ||
	    need_int(x, "start", &a, err) || need_int(x, "end", &b, err))
		return FW_EINVAL;
	if (a < 0 || b <= a || b > 1L << 40)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the span %lld-%lld is empty or "
				    "reversed",
				    a, b);
	int rc = fw_code_span(&id, x->app->p, src, (long)a, (long)b, code,
			      x->coder, err);
	if (!rc)
		*out = json_pack("{sI}", "id", (json_int_t)id);
	return rc;
}

static void post_code(sv_ctx *x)
{
	char args[700];
	snprintf(args, sizeof args, "--source %s --span %lld-%lld %s",
		 sv_in_str(x, "source") ? sv_in_str(x, "source") : "",
		 json_integer_value(json_object_get(x->in, "start")),
		 json_integer_value(json_object_get(x->in, "end")),
		 sv_in_str(x, "code") ? sv_in_str(x, "code") : "");
	sv_write(x, "code add", args, code_span);
}

static int remove_coding(sv_ctx *x, json_t **out, fw_error *err)
{
	long long id;
	return need_int(x, "id", &id, err)
		       ? FW_EINVAL
		       : fw_coding_remove(x->app->p, id, err);
}

static void post_uncode(sv_ctx *x)
{
	static const char *const keys[] = {"id", NULL};
	char args[40];
	sv_args(x, args, sizeof args, keys);
	sv_write(x, "code remove", args, remove_coding);
}

static int move_coding(sv_ctx *x, json_t **out, fw_error *err)
{
	long long id;
	const char *code = field(x, "code", err);
	return !code || need_int(x, "id", &id, err)
		       ? FW_EINVAL
		       : fw_coding_move(x->app->p, id, code, x->coder, err);
}

static void post_recode(sv_ctx *x)
{
	static const char *const keys[] = {"id", "code", NULL};
	char args[120];
	sv_args(x, args, sizeof args, keys);
	sv_write(x, "code move", args, move_coding);
}

/* {decision: accept|reject|reset, id} one suggestion, or {decision,
 * rule, source} every pending one of a rule in a transcript. */
static int review(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *d = field(x, "decision", err);
	if (!d)
		return FW_EINVAL;
	int status = !strcmp(d, "accept")   ? FW_CONFIRMED
		     : !strcmp(d, "reject") ? FW_REJECTED
		     : !strcmp(d, "reset")  ? FW_SUGGESTED
					    : -1;
	if (status < 0)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "decision is accept, reject or reset, "
				    "not '%s'",
				    d);
	fw_review_filter f = {0};
	long long v;
	if (sv_in_int(x, "id", &v))
		f.id = v;
	else if (sv_in_int(x, "rule", &v))
		f.rule = v;
	else
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a decision needs the coding's id or "
				    "the rule's");
	f.source = sv_in_str(x, "source");
	long changed = 0;
	int rc = fw_review_decide(&changed, x->app->p, &f, status, x->coder,
				  err);
	if (!rc)
		*out = json_pack("{sI}", "changed", (json_int_t)changed);
	return rc;
}

static void post_review(sv_ctx *x)
{
	const char *d = sv_in_str(x, "decision");
	char verb[40], args[600];
	snprintf(verb, sizeof verb, "review %s", d ? d : "");
	long long v;
	if (sv_in_int(x, "id", &v))
		snprintf(args, sizeof args, "--id %lld", v);
	else
		snprintf(args, sizeof args, "--rule %lld --source %s",
			 json_integer_value(json_object_get(x->in, "rule")),
			 sv_in_str(x, "source") ? sv_in_str(x, "source") : "");
	sv_write(x, verb, args, review);
}

/* ---- the codebook ---- */

static int cb_add(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *num = field(x, "number", err), *name;
	if (!num || !(name = field(x, "name", err)))
		return FW_EINVAL;
	return fw_codebook_add(x->app->p, num, name, sv_in_str(x, "definition"),
			       err);
}

static int cb_rename(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *num = field(x, "number", err), *name;
	if (!num || !(name = field(x, "name", err)))
		return FW_EINVAL;
	return fw_codebook_rename(x->app->p, num, name, err);
}

/* {from, under}: to the next free number under a theme (no under: a
 * main theme of its own) */
static int cb_move(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *from = field(x, "from", err);
	const char *under = sv_in_str(x, "under");
	char *num = NULL;
	if (!from)
		return FW_EINVAL;
	int rc = fw_codebook_move(&num, x->app->p, from,
				  under && *under ? under : NULL, err);
	if (!rc)
		*out = json_pack("{ss}", "number", num);
	free(num);
	return rc;
}

static int cb_merge(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *from = field(x, "from", err), *into;
	if (!from || !(into = field(x, "into", err)))
		return FW_EINVAL;
	long moved = 0;
	int rc = fw_codebook_merge(&moved, x->app->p, from, into, err);
	if (!rc)
		*out = json_pack("{sI}", "moved", (json_int_t)moved);
	return rc;
}

static int cb_delete(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *num = field(x, "number", err);
	if (!num)
		return FW_EINVAL;
	json_t *f = json_object_get(x->in, "force");
	long codings = 0, cells = 0;
	int rc = fw_codebook_delete(&codings, &cells, x->app->p, num,
				    json_is_true(f), err);
	if (!rc)
		*out = json_pack("{sI sI}", "codings", (json_int_t)codings,
				 "cells", (json_int_t)cells);
	return rc;
}

/* {number, field, text}: field definition, use, not or example */
static int cb_define(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *num = field(x, "number", err), *f;
	const char *text = sv_in_str(x, "text");
	if (!num || !(f = field(x, "field", err)))
		return FW_EINVAL;
	if (!text)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "'text' is missing");
	return fw_codebook_define(x->app->p, num, f, text, err);
}

/* {number, rule}, or {id} to remove one */
static int cb_rule(sv_ctx *x, json_t **out, fw_error *err)
{
	long long id;
	if (sv_in_int(x, "id", &id))
		return fw_codebook_rule_remove(x->app->p, id, err);
	const char *num = field(x, "number", err), *rule;
	if (!num || !(rule = field(x, "rule", err)))
		return FW_EINVAL;
	int rc = fw_codebook_rule_add(&id, x->app->p, num, rule, err);
	if (!rc)
		*out = json_pack("{sI}", "id", (json_int_t)id);
	return rc;
}

/* Each codebook change: its request, the command line's verb, the work. */
static const struct {
	const char *path, *verb;
	sv_write_fn fn;
} cb_ops[] = {
	{"/api/codebook/add", "codebook add", cb_add},
	{"/api/codebook/rename", "codebook rename", cb_rename},
	{"/api/codebook/move", "codebook move", cb_move},
	{"/api/codebook/merge", "codebook merge", cb_merge},
	{"/api/codebook/define", "codebook define", cb_define},
	{"/api/codebook/rule", "codebook rule", cb_rule},
	{"/api/codebook/delete", "codebook delete", cb_delete},
};

static void post_codebook(sv_ctx *x)
{
	size_t k = 0;
	while (strcmp(cb_ops[k].path, x->rq->path))
		k++; /* the routes below name only these */
	static const char *const keys[] = {"number", "from",  "name", "into",
					   "under",  "field", "rule", NULL};
	char args[600];
	sv_args(x, args, sizeof args, keys);
	sv_write(x, cb_ops[k].verb, args, cb_ops[k].fn);
}

/* ---- memos ---- */

/* {kind, title, text} about {source, line_start, line_end, case, code,
 * group} (none: the project). */
static int memo_add(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *text = field(x, "text", err);
	if (!text)
		return FW_EINVAL;
	long long a = 0, b = 0, id = 0;
	sv_in_int(x, "line_start", &a);
	sv_in_int(x, "line_end", &b);
	const char *src = sv_in_str(x, "source"), *cs = sv_in_str(x, "case");
	const char *code = sv_in_str(x, "code"), *g = sv_in_str(x, "group");
	fw_memo_target t = {
		.source = src && *src ? src : NULL,
		.line_start = (int)(a > 0 && a < 1 << 30 ? a : 0),
		.line_end = (int)(b > 0 && b < 1 << 30 ? b : 0),
		.case_name = cs && *cs ? cs : NULL,
		.code = code && *code ? code : NULL,
		.group = g && *g ? g : NULL,
	};
	int rc = fw_memo_add(&id, x->app->p, &t, sv_in_str(x, "kind"),
			     sv_in_str(x, "title"), text, x->coder, err);
	if (!rc)
		*out = json_pack("{sI}", "id", (json_int_t)id);
	return rc;
}

/* {id, text, title, base}: base is the text as the browser opened it;
 * changed since by someone else, the memo is kept and the answer is a
 * conflict with what it holds now. */
static int memo_edit(sv_ctx *x, json_t **out, fw_error *err)
{
	long long id;
	const char *text = field(x, "text", err);
	if (!text || need_int(x, "id", &id, err))
		return FW_EINVAL;
	const char *base = sv_in_str(x, "base");
	if (base) {
		fw_table *t = NULL;
		int rc = fw_memo_get(&t, x->app->p, id, err);
		if (rc)
			return rc;
		const char *now = fw_table_cell(t, 0, 7);
		if (strcmp(now, base)) {
			x->extra =
				json_pack("{s{ss ss ss}}", "conflict", "text",
					  now, "by", fw_table_cell(t, 0, 4),
					  "at", fw_table_cell(t, 0, 6));
			fw_table_free(t);
			return fw_error_set(err, FW_EEXISTS, NULL, 0,
					    "memo %lld was changed since you "
					    "opened it: yours is kept in the "
					    "editor, theirs is shown",
					    id);
		}
		fw_table_free(t);
	}
	return fw_memo_set(x->app->p, id, sv_in_str(x, "title"), text, err);
}

static void post_memo(sv_ctx *x)
{
	sv_write(x, "memo add", "", memo_add);
}
static void post_memo_edit(sv_ctx *x)
{
	static const char *const keys[] = {"id", NULL};
	char args[40];
	sv_args(x, args, sizeof args, keys);
	sv_write(x, "memo edit", args, memo_edit);
}

/* {q, code}: every hit of a search coded to code (each hit's sentence,
 * as charter query search --code does). */
static int code_hits(sv_ctx *x, json_t **out, fw_error *err)
{
	const char *q = field(x, "q", err), *code;
	if (!q || !(code = field(x, "code", err)))
		return FW_EINVAL;
	fw_search_opts o = {.query = q, .code = code, .coder = x->coder};
	fw_table *t = NULL;
	int coded = 0;
	int rc = fw_query_search(&t, &coded, x->app->p, &o, err);
	fw_table_free(t);
	if (!rc)
		*out = json_pack("{si}", "coded", coded);
	return rc;
}

static void post_code_hits(sv_ctx *x)
{
	static const char *const keys[] = {"q", NULL};
	char args[700];
	sv_args(x, args, sizeof args, keys);
	size_t k = strlen(args);
	snprintf(args + k, sizeof args - k, " --code %s",
		 sv_in_str(x, "code") ? sv_in_str(x, "code") : "");
	sv_write(x, "query search", args, code_hits);
}

/* ---- undo and redo: each its own transaction ---- */

static void undo_redo(sv_ctx *x, int redo)
{
	fw_error err;
	fw_error_clear(&err);
	fw_table *t = NULL;
	int rc = redo ? fw_history_redo(&t, x->app->p, x->coder, &err)
		      : fw_history_undo_mine(&t, x->app->p, x->coder, &err);
	if (rc)
		return sv_fail_error(x, &err);
	json_t *j = sv_table_json(t);
	fw_table_free(t);
	sv_json(x, 200, json_pack("{so}", redo ? "redid" : "undid", j));
}

static void post_undo(sv_ctx *x)
{
	undo_redo(x, 0);
}
static void post_redo(sv_ctx *x)
{
	undo_redo(x, 1);
}

const sv_route sv_write_routes[] = {
	{"POST", "/api/code", post_code},
	{"POST", "/api/uncode", post_uncode},
	{"POST", "/api/recode", post_recode},
	{"POST", "/api/review", post_review},
	{"POST", "/api/codebook/add", post_codebook},
	{"POST", "/api/codebook/rename", post_codebook},
	{"POST", "/api/codebook/move", post_codebook},
	{"POST", "/api/codebook/merge", post_codebook},
	{"POST", "/api/codebook/delete", post_codebook},
	{"POST", "/api/codebook/define", post_codebook},
	{"POST", "/api/codebook/rule", post_codebook},
	{"POST", "/api/memo", post_memo},
	{"POST", "/api/memo/edit", post_memo_edit},
	{"POST", "/api/search/code", post_code_hits},
	{"POST", "/api/undo", post_undo},
	{"POST", "/api/redo", post_redo},
	{NULL, NULL, NULL}};
