/*
 * codebook_edit.c: changing the framework during analysis.  A code's
 * number says where it stands (2.3 is a sub-theme of 2), so adding,
 * renumbering and moving keep numbers, parents and depths in step, and
 * codings, cells, rules and memos follow a code through every change.
 * Each change is written to the framework's change log.
 */
#include "fw/codebook.h"
#include "fw/transcript.h"
#include "fw/refi.h"
#include "codebook.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fileio.h"
#include "natcmp.h"
#include "timefmt.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

int fw_framework_log(fw_project *p, const char *action, const char *code,
		     const char *detail, fw_error *err)
{
	char now[40];
	fw_now(now, sizeof now);
	return fw_run(p, err, "recording the framework's change", NULL,
		      "INSERT INTO framework_change(at, coder, action, code, "
		      "detail, codings) VALUES(?, ?, ?, ?, ?, (SELECT count(*) "
		      "FROM coding))",
		      "ttttt", now, fw_coder_name(NULL), action, code, detail);
}

typedef struct numbered {
	long long id;
	char *number;
} numbered;

static int numbered_cmp(const void *a, const void *b)
{
	return fw_natcmp(((const numbered *)a)->number,
			 ((const numbered *)b)->number);
}

int fw_codebook_resort(fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err, "SELECT id, number FROM code", "");
	if (rc)
		return rc;
	numbered *v = NULL;
	size_t n = 0;
	while (fw_row(p, st)) {
		v = fw_xpush(v, n, sizeof *v);
		fw_columns(st, "it", &v[n].id, &v[n].number);
		n++;
	}
	sqlite3_finalize(st);
	rc = fw_rows_ok(p, err);
	if (n)
		qsort(v, n, sizeof *v, numbered_cmp);
	for (size_t i = 0; i < n && !rc; i++)
		rc = fw_run(p, err, "ordering the codebook", NULL,
			    "UPDATE code SET sort=? WHERE id=? AND sort<>?1",
			    "ni", (int)i + 1, v[i].id);
	FW_FREE_FIELDS(v, n, numbered, offsetof(numbered, number));
	return rc;
}

/* The parent number of a number ("2.3" -> "2"), or NULL for a theme. */
static char *parent_of(const char *number)
{
	const char *dot = strrchr(number, '.');
	return dot ? fw_xstrndup(number, (size_t)(dot - number)) : NULL;
}

/* A number for a new or moved code: well formed, free, its parent there.
 * *parent the parent's id (0 for a theme), *depth its levels. */
static int free_place(long long *parent, int *depth, fw_project *p,
		      const char *number, fw_error *err)
{
	*parent = 0;
	if (!fw_code_number_valid(number, depth) ||
	    number[strlen(number) - 1] == '.')
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "'%s' is not a code number (2, 2.3, "
				    "2.3.1)",
				    number);
	long long id;
	if (!fw_code_find(&id, p, number, NULL))
		return fw_error_set(err, FW_EEXISTS, NULL, 0,
				    "code %s exists already", number);
	char *par = parent_of(number);
	int rc = 0;
	if (par && fw_code_find(parent, p, par, NULL))
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "no code %s to hold %s (add it first)", par,
				  number);
	free(par);
	return rc;
}

int fw_codebook_add(fw_project *p, const char *number, const char *name,
		    const char *definition, fw_error *err)
{
	long long parent, id;
	int depth;
	int rc = free_place(&parent, &depth, p, number, err);
	if (rc)
		return rc;
	if (!name || !*name)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a code needs a name");
	fw_code_row r = {.parent_id = parent,
			 .number = number,
			 .name = name,
			 .definition = definition,
			 .origin = "analysis",
			 .depth = depth,
			 .sort = 0};
	rc = fw_store_code(&id, p, &r, err);
	rc = rc ? rc : fw_codebook_resort(p, err);
	return rc ? rc : fw_framework_log(p, "add", number, name, err);
}

int fw_codebook_rename(fw_project *p, const char *number, const char *name,
		       fw_error *err)
{
	long long id;
	int rc = fw_code_find(&id, p, number, err);
	if (rc)
		return rc;
	if (!name || !*name)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a code needs a name");
	sqlite3_stmt *st;
	char *old = NULL;
	if (!(rc = fw_query(&st, p, err, "SELECT name FROM code WHERE id=?",
			    "i", id))) {
		if (fw_row(p, st))
			fw_columns(st, "t", &old);
		sqlite3_finalize(st);
	}
	char detail[600];
	snprintf(detail, sizeof detail, "'%s' to '%s'", old ? old : "", name);
	free(old);
	rc = rc ? rc
		: fw_run(p, err, "renaming a code", NULL,
			 "UPDATE code SET name=? WHERE id=?", "ti", name, id);
	return rc ? rc : fw_framework_log(p, "rename", number, detail, err);
}

int fw_codebook_define(fw_project *p, const char *number, const char *field,
		       const char *text, fw_error *err)
{
	static const char *const fields[][2] = {{"definition", "definition"},
						{"use", "use_when"},
						{"not", "not_when"},
						{"example", "example"}};
	long long id;
	int rc = fw_code_find(&id, p, number, err);
	if (rc)
		return rc;
	size_t k = 0;
	while (k < 4 && strcmp(fields[k][0], field))
		k++;
	if (k == 4)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a code's guidance is definition, use, "
				    "not or example, not '%s'",
				    field);
	char sql[80], detail[64];
	snprintf(sql, sizeof sql, "UPDATE code SET %s=?1 WHERE id=?2",
		 fields[k][1]);
	rc = fw_run(p, err, "changing a code's guidance", NULL, sql, "ti",
		    text && *text ? text : NULL, id);
	snprintf(detail, sizeof detail, "%s %s", fields[k][0],
		 text && *text ? "changed" : "removed");
	return rc ? rc : fw_framework_log(p, "define", number, detail, err);
}

int fw_codebook_rule_add(long long *rule_id, fw_project *p, const char *number,
			 const char *rule, fw_error *err)
{
	long long id;
	int rc = fw_code_find(&id, p, number, err);
	if (rc)
		return rc;
	if (!rule || !*rule || strchr(rule, '\n'))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a rule is one line: /PATTERN/FLAGS "
				    "[scope=...] [speaker=...]");
	/* read as the codebook's own rule: line, checked and compiled */
	fw_buf text;
	fw_buf_init(&text);
	fw_buf_printf(&text, "9 x\n  rule: %s\n", rule);
	fw_codebook *cb = NULL;
	rc = fw_codebook_parse(&cb, fw_buf_str(&text), text.len, "rule", err);
	fw_buf_dispose(&text);
	if (rc && err) { /* the line is the user's, not a file's */
		err->file[0] = 0;
		err->line = 0;
	}
	if (!rc && (cb->nthemes != 1 || cb->themes[0].nrules != 1))
		rc = fw_error_set(err, FW_EPARSE, "rule", 1,
				  "not one rule: /PATTERN/FLAGS");
	if (!rc) {
		const fw_rule_def *r = &cb->themes[0].rules[0];
		rc = fw_run(p, err, "adding a rule", NULL,
			    "INSERT INTO rule(code_id, pattern, flags, scope, "
			    "speaker_role, line) VALUES(?, ?, ?, ?, ?, NULL)",
			    "itttt", id, r->pattern, r->flags,
			    fw_scope_name(r->scope),
			    r->role == FW_ROLE_NONE ? "any"
						    : fw_role_name(r->role));
		if (!rc && rule_id)
			*rule_id = sqlite3_last_insert_rowid(p->db);
	}
	fw_codebook_free(cb);
	return rc ? rc : fw_framework_log(p, "rule", number, rule, err);
}

int fw_codebook_rule_remove(fw_project *p, long long rule_id, fw_error *err)
{
	sqlite3_stmt *st;
	char *num = NULL, *pat = NULL;
	int rc = fw_query(
		&st, p, err,
		"SELECT c.number, r.pattern FROM rule r JOIN code c ON "
		"c.id=r.code_id WHERE r.id=?",
		"i", rule_id);
	if (rc)
		return rc;
	if (fw_row(p, st))
		fw_columns(st, "tt", &num, &pat);
	sqlite3_finalize(st);
	if (!num)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0, "no rule %lld",
				    rule_id);
	/* its suggestions stay, tied to no rule (ON DELETE SET NULL) */
	rc = fw_run(p, err, "removing a rule", NULL,
		    "DELETE FROM rule WHERE id=?", "i", rule_id);
	char detail[600];
	snprintf(detail, sizeof detail, "removed /%s/", pat);
	rc = rc ? rc : fw_framework_log(p, "rule", num, detail, err);
	free(num);
	free(pat);
	return rc;
}

/* Does code number `inner` lie within `outer` (itself or below it)? */
static int within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);
	return !strncmp(inner, outer, n) && (inner[n] == 0 || inner[n] == '.');
}

int fw_codebook_renumber(fw_project *p, const char *from, const char *to,
			 fw_error *err)
{
	long long id, parent;
	int depth, rc = fw_code_find(&id, p, from, err);
	if (rc)
		return rc;
	if (within(to, from))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s cannot go to %s, inside itself", from,
				    to);
	if ((rc = free_place(&parent, &depth, p, to, err)))
		return rc;
	int from_depth;
	fw_code_number_valid(from, &from_depth);
	/* the code and everything below it, prefix and depth rewritten */
	rc = fw_run(p, err, "renumbering codes", NULL,
		    "UPDATE code SET number = ?2 || substr(number, length(?1) "
		    "+ 1), depth = depth - ?3 + ?4 WHERE number = ?1 OR number "
		    "LIKE ?1 || '.%'",
		    "ttnn", from, to, from_depth, depth);
	rc = rc ? rc
		: fw_run(p, err, "renumbering codes", NULL,
			 "UPDATE code SET parent_id=? WHERE id=?", "Ii", parent,
			 id);
	char detail[200];
	snprintf(detail, sizeof detail, "%s to %s", from, to);
	rc = rc ? rc : fw_codebook_resort(p, err);
	return rc ? rc : fw_framework_log(p, "renumber", to, detail, err);
}

int fw_codebook_move(char **number, fw_project *p, const char *from,
		     const char *under, fw_error *err)
{
	*number = NULL;
	long long id, uid = 0;
	int rc = fw_code_find(&id, p, from, err);
	if (rc || (under && (rc = fw_code_find(&uid, p, under, err))))
		return rc;
	if (under && within(under, from))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s cannot move under %s, inside itself",
				    from, under);
	/* the next number under the new parent (or the next theme) */
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT number FROM code WHERE parent_id IS ?", "I",
			   uid)))
		return rc;
	long next = 1;
	while (fw_row(p, st)) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		const char *last = strrchr(s, '.');
		long k = atol(last ? last + 1 : s);
		if (k >= next)
			next = k + 1;
	}
	sqlite3_finalize(st);
	if ((rc = fw_rows_ok(p, err)))
		return rc;
	char to[128];
	if (under)
		snprintf(to, sizeof to, "%s.%ld", under, next);
	else
		snprintf(to, sizeof to, "%ld", next);
	rc = fw_codebook_renumber(p, from, to, err);
	if (!rc)
		*number = fw_xstrdup(to);
	return rc;
}

/* How much hangs on a code and its sub-themes: codings (every status)
 * and written summaries. */
static int weight(long *codings, long *cells, fw_project *p, const char *number,
		  fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(
		&st, p, err,
		"SELECT (SELECT count(*) FROM coding g JOIN code k ON k.id = "
		"g.code_id WHERE k.number = ?1 OR k.number LIKE ?1 || '.%'), "
		"(SELECT count(*) FROM cell l JOIN code k ON k.id = l.code_id "
		"WHERE (k.number = ?1 OR k.number LIKE ?1 || '.%') AND "
		"coalesce(l.summary, '') <> '')",
		"t", number);
	if (rc)
		return rc;
	*codings = *cells = 0;
	if (fw_row(p, st))
		fw_columns(st, "ll", codings, cells);
	sqlite3_finalize(st);
	return fw_rows_ok(p, err);
}

int fw_codebook_delete(long *codings, long *cells, fw_project *p,
		       const char *number, int force, fw_error *err)
{
	long long id;
	int rc = fw_code_find(&id, p, number, err);
	rc = rc ? rc : weight(codings, cells, p, number, err);
	if (rc)
		return rc;
	if ((*codings || *cells) && !force)
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"%s has %ld codings and %ld summaries (with "
			"its sub-themes); --force deletes them "
			"with it, or merge it into another code",
			number, *codings, *cells);
	/* memos on it stay, anchored to the project */
	rc = fw_run(p, err, "keeping the code's memos", NULL,
		    "UPDATE memo SET target='project', code_id=NULL, "
		    "case_id=NULL, grp=NULL WHERE target IN ('code', 'cell', "
		    "'theme') AND code_id IN (SELECT id FROM code WHERE "
		    "number=?1 OR number LIKE ?1 || '.%')",
		    "t", number);
	rc = rc ? rc
		: fw_run(p, err, "deleting a code", NULL,
			 "DELETE FROM code WHERE id=?", "i", id);
	char detail[200];
	snprintf(detail, sizeof detail, "with %ld codings and %ld summaries",
		 *codings, *cells);
	return rc ? rc : fw_framework_log(p, "delete", number, detail, err);
}

int fw_codebook_merge(long *moved, fw_project *p, const char *from,
		      const char *into, fw_error *err)
{
	long long fid, iid, subs = 0;
	int rc = fw_code_find(&fid, p, from, err);
	if (rc || (rc = fw_code_find(&iid, p, into, err)))
		return rc;
	if (within(into, from))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s cannot merge into %s, %s", from, into,
				    fid == iid ? "itself"
					       : "which is inside it");
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT count(*) FROM code WHERE parent_id IN (?, "
			   "?)",
			   "ii", fid, iid)))
		return rc;
	if (fw_row(p, st))
		subs = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (subs)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s or %s has sub-themes: merge codes "
				    "that take codings (move or merge the "
				    "sub-themes first)",
				    from, into);
	/* each step bound ?1 the code merged, ?2 the code it goes into (a
	 * step may use one of them only) */
	static const struct {
		const char *what, *sql;
	} steps[] = {
		/* codings: the union, a passage coded to both kept once (the
		 * decided one, else the older) */
		{"merging codings",
		 "UPDATE coding SET code_id=?2 WHERE code_id=?1"},
		{"merging codings",
		 "DELETE FROM coding WHERE code_id=?2 AND EXISTS (SELECT 1 "
		 "FROM coding o WHERE o.code_id=?2 AND o.source_id="
		 "coding.source_id AND o.start=coding.start AND o.\"end\"="
		 "coding.\"end\" AND (o.status='confirmed') * 2 + (o.id < "
		 "coding.id) > (coding.status='confirmed') * 2)"},
		/* cells: a case's summaries joined, its references kept */
		{"merging cells",
		 "UPDATE cell SET summary = trim(coalesce(summary, '') || ' ' "
		 "|| (SELECT coalesce(f.summary, '') FROM cell f WHERE "
		 "f.code_id=?1 AND f.case_id=cell.case_id)) WHERE code_id=?2 "
		 "AND case_id IN (SELECT case_id FROM cell WHERE code_id=?1)"},
		{"merging cells",
		 "UPDATE cell_ref SET cell_id = (SELECT i.id FROM cell i JOIN "
		 "cell f ON f.case_id=i.case_id WHERE f.id=cell_ref.cell_id AND "
		 "i.code_id=?2) WHERE cell_id IN (SELECT f.id FROM cell f JOIN "
		 "cell i ON i.case_id=f.case_id AND i.code_id=?2 WHERE "
		 "f.code_id=?1)"},
		{"merging cells",
		 "UPDATE cell SET code_id=?2 WHERE code_id=?1 AND case_id NOT "
		 "IN (SELECT case_id FROM cell WHERE code_id=?2)"},
		/* rules and memos follow; the code goes (with its joined
		 * cells) */
		{"merging rules",
		 "UPDATE rule SET code_id=?2 WHERE code_id=?1"},
		{"merging memos",
		 "UPDATE memo SET code_id=?2 WHERE code_id=?1"},
		{"merging codes", "DELETE FROM code WHERE id=?1"},
	};
	int n = 0;
	for (size_t i = 0; !rc && i < sizeof steps / sizeof steps[0]; i++)
		rc = fw_run(p, err, steps[i].what, i ? NULL : &n, steps[i].sql,
			    "ii", fid, iid);
	*moved = n;
	char detail[200];
	snprintf(detail, sizeof detail, "%s into %s (%ld codings)", from, into,
		 *moved);
	return rc ? rc : fw_framework_log(p, "merge", into, detail, err);
}

int fw_framework_changes(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"at",   "coder",  "action",
					   "code", "detail", "codings then"};
	int rc = fw_table_query(out, p, err, cols, 6,
				"SELECT at, coder, action, code, detail, "
				"codings FROM framework_change ORDER BY id",
				"");
	if (!rc)
		fw_table_numeric(*out, 5);
	return rc;
}

/* ---- importing a codebook again ------------------------------------------ */

static int differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

static void diff_row(fw_table *t, const char *change, const char *code,
		     const char *name, const char *detail)
{
	fw_table_add(t, FW_ROW_DATA,
		     (const char *const[]){change, code, name, detail});
}

/* The file's themes against the project's codes, matched by number. */
static int diff_themes(fw_table *t, fw_project *p, const fw_codebook *cb,
		       fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT name, definition, use_when, not_when, "
			  "example, id FROM code WHERE number=?",
			  "t", "");
	for (size_t i = 0; !rc && i < cb->nthemes; i++) {
		const fw_theme_def *d = &cb->themes[i];
		fw_rebind(st, "t", d->number);
		if (!fw_row(p, st)) {
			diff_row(t, "added", d->number, d->name, "");
			continue;
		}
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (differs(name, d->name)) {
			char was[600];
			snprintf(was, sizeof was, "was '%s'", name);
			diff_row(t, "renamed", d->number, d->name, was);
		}
		const char *const have[] = {
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4)};
		const char *const want[] = {d->definition, d->use_when,
					    d->not_when, d->example};
		static const char *const what[] = {"definition", "use", "not",
						   "example"};
		for (int k = 0; k < 4; k++)
			if (differs(have[k], want[k]))
				diff_row(t, "changed", d->number, d->name,
					 what[k]);
		long long id = sqlite3_column_int64(st, 5);
		if (!fw_rules_same(p, id, d))
			diff_row(t, "changed", d->number, d->name, "rules");
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

/* The project's codes the file no longer has. */
static int diff_removed(fw_table *t, fw_project *p, const fw_codebook *cb,
			fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT number, name FROM code ORDER BY sort", "");
	while (!rc && fw_row(p, st)) {
		const char *num = (const char *)sqlite3_column_text(st, 0);
		size_t i = 0;
		while (i < cb->nthemes && strcmp(cb->themes[i].number, num))
			i++;
		if (i < cb->nthemes)
			continue;
		long codings = 0, cells = 0;
		char detail[200];
		weight(&codings, &cells, p, num, NULL);
		snprintf(detail, sizeof detail, "%ld codings, %ld summaries",
			 codings, cells);
		diff_row(t, "removed", num,
			 (const char *)sqlite3_column_text(st, 1), detail);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

/* A removed code with nothing on it goes; one with codings or summaries
 * stays, its rules stopped, to be merged or deleted by the researcher. */
int fw_codebook_apply_removed(fw_project *p, fw_table *t, fw_error *err)
{
	int rc = 0;
	for (size_t r = 0; r < t->nrows && !rc; r++) {
		if (strcmp(t->rows[r][0], "removed"))
			continue;
		const char *num = t->rows[r][1];
		long codings = 0, cells = 0;
		long long gone;
		if (fw_code_find(&gone, p, num, NULL)) {
			free(t->rows[r][3]);
			t->rows[r][3] = fw_xstrdup("deleted with its theme");
			continue;
		}
		rc = weight(&codings, &cells, p, num, err);
		if (!rc && !codings && !cells) {
			rc = fw_codebook_delete(&codings, &cells, p, num, 0,
						err);
			continue;
		}
		rc = rc ? rc
			: fw_run(p, err, "stopping a removed code's rules",
				 NULL,
				 "DELETE FROM rule WHERE code_id IN (SELECT id "
				 "FROM code WHERE number=?1 OR number LIKE ?1 "
				 "|| '.%')",
				 "t", num);
		char detail[300];
		snprintf(detail, sizeof detail,
			 "kept, its rules stopped: %ld codings, %ld summaries "
			 "(merge or delete it)",
			 codings, cells);
		free(t->rows[r][3]);
		t->rows[r][3] = fw_xstrdup(detail);
		rc = rc ? rc
			: fw_framework_log(p, "stop rules", num, detail, err);
	}
	return rc ? rc : fw_codebook_resort(p, err);
}

int fw_codebook_reimport(fw_table **out, fw_codebook_result *res, fw_project *p,
			 const char *path, int apply, fw_error *err)
{
	static const char *const cols[] = {"change", "code", "name", "detail"};
	*out = NULL;
	memset(res, 0, sizeof *res);
	fw_codebook *cb;
	int rc = fw_codebook_load(&cb, path, err);
	if (rc)
		return rc;
	fw_table *t = fw_table_new(4, cols);
	rc = diff_themes(t, p, cb, err);
	rc = rc ? rc : diff_removed(t, p, cb, err);
	fw_codebook_free(cb);
	if (!rc && apply)
		rc = fw_codebook_import(res, p, path, err);
	if (!rc && apply)
		rc = fw_codebook_apply_removed(p, t, err);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* ---- a REFI-QDA codebook again: matched by GUID ---------------------------
 */

typedef struct coderow {
	long long id;
	char *number, *name;
} coderow;

static int snapshot(coderow **v, size_t *n, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	*v = NULL;
	*n = 0;
	int rc = fw_query(&st, p, err,
			  "SELECT id, number, name FROM code ORDER BY sort, id",
			  "");
	while (!rc && fw_row(p, st)) {
		*v = fw_xpush(*v, *n, sizeof **v);
		fw_columns(st, "itt", &(*v)[*n].id, &(*v)[*n].number,
			   &(*v)[*n].name);
		(*n)++;
	}
	if (!rc)
		sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

static const coderow *by_id(const coderow *v, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

int fw_codebook_diff_refi(fw_table **out, fw_refi_result *rr, fw_project *p,
			  const char *path, fw_error *err)
{
	static const char *const cols[] = {"change", "code", "name", "detail"};
	*out = NULL;
	coderow *was = NULL, *now = NULL;
	size_t nw = 0, nn = 0;
	int rc = snapshot(&was, &nw, p, err);
	rc = rc ? rc : fw_refi_import(rr, p, path, err);
	rc = rc ? rc : snapshot(&now, &nn, p, err);
	fw_table *t = rc ? NULL : fw_table_new(4, cols);
	for (size_t i = 0; !rc && i < nn; i++) {
		const coderow *o = by_id(was, nw, now[i].id);
		char detail[600];
		if (!o)
			diff_row(t, "added", now[i].number, now[i].name, "");
		else if (strcmp(o->number, now[i].number) ||
			 strcmp(o->name, now[i].name)) {
			snprintf(detail, sizeof detail, "was %s %s", o->number,
				 o->name);
			diff_row(t, "renamed", now[i].number, now[i].name,
				 detail);
		}
	}
	for (size_t i = 0; !rc && i < nw; i++) {
		size_t k = 0;
		while (k < rr->ncode_ids && rr->code_ids[k] != was[i].id)
			k++;
		if (k < rr->ncode_ids)
			continue;
		long codings = 0, cells = 0;
		char detail[200];
		weight(&codings, &cells, p, was[i].number, NULL);
		snprintf(detail, sizeof detail, "%ld codings, %ld summaries",
			 codings, cells);
		diff_row(t, "removed", was[i].number, was[i].name, detail);
	}
	FW_FREE_FIELDS(was, nw, coderow, offsetof(coderow, number),
		       offsetof(coderow, name));
	FW_FREE_FIELDS(now, nn, coderow, offsetof(coderow, number),
		       offsetof(coderow, name));
	if (!rc)
		*out = t;
	return rc;
}
