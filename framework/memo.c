/*
 * memo.c: memos and their anchors.  A target becomes the row's target
 * word and ids (source, span offsets and lines, case, code, group), each
 * name checked; listing says the anchor back in words ("cell C01 x 2.3",
 * "theme 4 in advisers").
 */
#include "fw/memo.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "store.h"
#include "alias.h"
#include "alloc.h"
#include "csv.h"
#include "errors.h"
#include "guid.h"
#include "lines.h"
#include "timefmt.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MEMO_KINDS[] = {"analytic", "method", "reflexive",
					 "note"};

/* A resolved target. */
typedef struct anchor {
	const char *what;
	long long source, case_id, code;
	long start, end;
	int l1, l2;
	const char *group;
} anchor;

/* Lines l1..l2 of source sid as code-point offsets. */
static int span_of(anchor *a, fw_project *p, const fw_memo_target *t,
		   fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err, "SELECT text FROM source WHERE id=?",
			  "i", a->source);
	if (rc)
		return rc;
	if (fw_row(p, st)) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		fw_lines li;
		fw_lines_build(&li, text, len);
		int l2 = t->line_end ? t->line_end : t->line_start;
		if (t->line_start < 1 || l2 < t->line_start || l2 > li.n)
			rc = fw_error_set(err, FW_EINVAL, NULL, 0,
					  "lines %d-%d are outside %s (lines "
					  "1-%d)",
					  t->line_start, l2, t->source, li.n);
		else {
			size_t bs = li.start[t->line_start - 1];
			size_t be = l2 < li.n ? li.start[l2] : len;
			a->start = (long)fw_utf8_count(text, bs);
			a->end = (long)fw_utf8_count(text, be);
			a->l1 = t->line_start;
			a->l2 = l2;
		}
		fw_lines_dispose(&li);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

/* The group must be a value some case has for the grouping attribute. */
static int check_group(fw_project *p, const char *group, fw_error *err)
{
	char *attr = fw_group_attribute(p);
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT 1 FROM case_value v JOIN attribute a ON "
			  "a.id=v.attribute_id WHERE a.name=? AND v.value=? "
			  "COLLATE NOCASE",
			  "tt", attr, group);
	if (!rc) {
		int found = fw_row(p, st);
		sqlite3_finalize(st);
		rc = fw_rows_ok(p, err);
		if (!rc && !found)
			rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					  "no case has %s '%s'", attr, group);
	}
	free(attr);
	return rc;
}

static int resolve(anchor *a, fw_project *p, const fw_memo_target *t,
		   fw_error *err)
{
	memset(a, 0, sizeof *a);
	int rc = 0;
	if (t->source && (rc = fw_find_id(&a->source, p, FW_Q_SOURCE_ID,
					  t->source, "source", err)))
		return rc;
	if (t->case_name &&
	    (rc = fw_case_find(&a->case_id, p, t->case_name, err)))
		return rc;
	if (t->code && (rc = fw_code_find(&a->code, p, t->code, err)))
		return rc;
	if (t->line_start && !t->source)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "lines are lines of a source: give "
				    "--source");
	if (t->source && (t->case_name || t->code))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a memo has one anchor: a source (or its "
				    "lines), a case, a code, a cell or a "
				    "theme in a group");
	if (t->group) {
		if (t->case_name)
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"a memo is on a case or on a group, "
				"not both");
		if ((rc = check_group(p, t->group, err)))
			return rc;
		a->group = t->group;
	}
	a->what = t->group && t->code          ? "theme"
		  : t->group                   ? "group"
		  : t->case_name && t->code    ? "cell"
		  : t->case_name               ? "case"
		  : t->code                    ? "code"
		  : t->source && t->line_start ? "span"
		  : t->source                  ? "source"
					       : "project";
	if (!strcmp(a->what, "span"))
		rc = span_of(a, p, t, err);
	return rc;
}

int fw_memo_add(long long *id, fw_project *p, const fw_memo_target *t,
		const char *kind, const char *title, const char *text,
		const char *coder, fw_error *err)
{
	*id = 0;
	if (!kind)
		kind = "note";
	if (fw_alias_find(MEMO_KINDS, 4, kind) < 0)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "no memo kind '%s' (analytic, method, "
				    "reflexive, note)",
				    kind);
	if (!text || !*text)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a memo needs some text");
	anchor a;
	int rc = resolve(&a, p, t, err);
	if (rc)
		return rc;
	long long who = fw_coder_id(p, coder, err);
	if (!who)
		return FW_EIO;
	fw_memo_row r = {.kind = MEMO_KINDS[fw_alias_find(MEMO_KINDS, 4, kind)],
			 .target = a.what,
			 .source_id = a.source,
			 .case_id = a.case_id,
			 .code_id = a.code,
			 .coder_id = who,
			 .start = a.start,
			 .end = a.end,
			 .grp = a.group,
			 .title = title,
			 .text = text};
	return fw_store_memo(id, p, &r, err);
}

/* The memo a row of an import is the same as: its anchor, kind and title
 * (0: none yet); *same is 1 when its text is text too. */
static long long memo_like(int *same, fw_project *p, const anchor *a,
			   const char *kind, const char *title,
			   const char *text)
{
	sqlite3_stmt *st;
	long long id = 0;
	*same = 0;
	if (fw_query(&st, p, NULL,
		     "SELECT id, text = ?9 FROM memo WHERE target = ?1 AND "
		     "kind = ?2 AND source_id IS ?3 AND case_id IS ?4 AND "
		     "code_id IS ?5 AND coalesce(line_start, 0) = ?6 AND "
		     "coalesce(line_end, 0) = ?7 AND (grp = ?8 COLLATE NOCASE "
		     "OR (grp IS NULL AND ?8 IS NULL)) AND title IS ?10 "
		     "ORDER BY id LIMIT 1",
		     "ttIIIiittt", a->what, kind, a->source, a->case_id,
		     a->code, a->l1, a->l2, a->group, text, title))
		return 0;
	if (fw_row(p, st)) {
		id = sqlite3_column_int64(st, 0);
		*same = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return id;
}

/* One row of an import: f[col[k]] for each column found (else NULL). */
static int import_row(fw_memo_import_result *r, fw_project *p, char **f,
		      const int *col, const char *coder, fw_error *err)
{
#define COL(k) (col[k] >= 0 && *f[col[k]] ? f[col[k]] : NULL)
	fw_memo_target t = {.source = COL(3),
			    .case_name = COL(2),
			    .code = COL(0),
			    .group = COL(1)};
	const char *kind = COL(4), *title = COL(5), *text = COL(6),
		   *lines = COL(7);
#undef COL
	if (lines) {
		char *end;
		t.line_start = (int)strtol(lines, &end, 10);
		t.line_end = *end == '-' ? (int)strtol(end + 1, &end, 10)
					 : t.line_start;
		if (*end || t.line_start < 1 || t.line_end < t.line_start)
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "lines '%s': give A or A-B, as 12 "
					    "or 12-18",
					    lines);
	}
	int k = fw_alias_find(MEMO_KINDS, 4, kind ? kind : "note");
	if (k < 0)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "no memo kind '%s' (analytic, method, "
				    "reflexive, note)",
				    kind);
	if (!text)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a memo needs some text");
	anchor a;
	int rc = resolve(&a, p, &t, err);
	if (rc)
		return rc;
	int same;
	long long id = memo_like(&same, p, &a, MEMO_KINDS[k], title, text);
	if (id && same) {
		r->unchanged++;
		return 0;
	}
	if (id) {
		r->updated++;
		return fw_memo_set(p, id, NULL, text, err);
	}
	r->added++;
	return fw_memo_add(&id, p, &t, MEMO_KINDS[k], title, text, coder, err);
}

int fw_memo_import(fw_memo_import_result *r, fw_project *p, const char *path,
		   const char *coder, fw_error *err)
{
	static const char *const heads[] = {"theme|code|sub-theme",
					    "group|actor group",
					    "case",
					    "source",
					    "kind",
					    "title",
					    "text|memo",
					    "lines"};
	memset(r, 0, sizeof *r);
	fw_csv *c;
	int col[8], line = 1;
	size_t ncols, n;
	int rc = fw_csv_open_header(&c, path, "kind,theme,group,title,text",
				    heads, 8, col, NULL, &ncols, err);
	if (rc)
		return rc;
	if (col[6] < 0) {
		fw_csv_free(c);
		return fw_error_set(err, FW_EPARSE, path, 1,
				    "the header needs a text column (and any "
				    "of kind, theme, group, case, source, "
				    "lines, title)");
	}
	char **f;
	while ((rc = fw_csv_next(&f, &n, &line, c, err)) == 1) {
		if (n != ncols)
			rc = fw_error_set(err, FW_EPARSE, path, line,
					  "row has %zu fields but the header "
					  "has %zu",
					  n, ncols);
		else if ((rc = import_row(r, p, f, col, coder, err)) && err) {
			snprintf(err->file, sizeof err->file, "%s", path);
			err->line = line;
		}
		if (rc)
			break;
	}
	fw_csv_free(c);
	return rc < 0 ? rc : 0;
}

/* The lines of a span [start, end) of source sid. */
static void span_lines(fw_project *p, long long sid, long start, long end,
		       long long *l1, long long *l2)
{
	sqlite3_stmt *st;
	*l1 = *l2 = 0;
	if (fw_query(&st, p, NULL, "SELECT text FROM source WHERE id=?", "i",
		     sid))
		return;
	if (fw_row(p, st)) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		fw_lines li;
		fw_lines_build(&li, text, len);
		size_t bs = fw_utf8_byte_at(text, len, start),
		       be = fw_utf8_byte_at(text, len, end);
		*l1 = fw_lines_at(&li, bs);
		*l2 = fw_lines_at(&li, be > bs ? be - 1 : bs);
		fw_lines_dispose(&li);
	}
	sqlite3_finalize(st);
	fw_rows_ok(p, NULL);
}

int fw_store_memo(long long *id, fw_project *p, const fw_memo_row *r,
		  fw_error *err)
{
	char guid[37], now[40];
	if (!r->guid)
		fw_guid_new(guid);
	fw_now(now, sizeof now);
	const char *target = r->target ? r->target : "project";
	long long l1 = 0, l2 = 0;
	int span = !strcmp(target, "span");
	if (span)
		span_lines(p, r->source_id, r->start, r->end, &l1, &l2);
	int rc = fw_run(
		p, err, "storing a memo", NULL,
		"INSERT INTO memo(guid, kind, target, source_id, start, "
		"\"end\", line_start, line_end, case_id, code_id, grp, title, "
		"text, coder_id, created_at) VALUES(?1, ?2, ?3, ?4, CASE WHEN "
		"?16 THEN ?5 END, CASE WHEN ?16 THEN ?6 END, ?7, ?8, ?9, ?10, "
		"?11, ?12, ?13, ?14, ?15)",
		"tttIiiIIIItttItn", r->guid ? r->guid : guid,
		r->kind ? r->kind : "note", target, r->source_id,
		(long long)r->start, (long long)r->end, l1, l2, r->case_id,
		r->code_id, r->grp, r->title, r->text, r->coder_id,
		r->created_at ? r->created_at : now, span);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(p->db);
	return rc;
}

/* The anchor in words, from memo m (source s, case c, code k). */
#define MEMO_ABOUT                                                             \
	"CASE m.target WHEN 'project' THEN 'project' WHEN 'source' THEN "      \
	"'source ' || s.name WHEN 'span' THEN s.name || ' L' || "              \
	"m.line_start || CASE WHEN m.line_end > m.line_start THEN '-' || "     \
	"m.line_end ELSE '' END WHEN 'case' THEN 'case ' || c.name WHEN "      \
	"'code' THEN 'code ' || coalesce(k.number, '?') WHEN 'cell' THEN "     \
	"'cell ' || c.name || ' x ' || coalesce(k.number, '?') WHEN 'group' "  \
	"THEN 'group ' || m.grp ELSE CASE WHEN instr(k.number, '.') THEN "     \
	"'sub-theme ' ELSE 'theme ' END || coalesce(k.number, '?') || ' in ' " \
	"|| m.grp END"
#define MEMO_FROM                                                              \
	" FROM memo m LEFT JOIN source s ON s.id = m.source_id LEFT JOIN "     \
	"\"case\" c ON c.id = m.case_id LEFT JOIN code k ON k.id = m.code_id " \
	"LEFT JOIN coder w ON w.id = m.coder_id"

int fw_memo_list(fw_table **out, fw_project *p, const fw_memo_target *f,
		 const char *kind, fw_error *err)
{
	static const char *const cols[] = {"id",    "kind",   "about",
					   "title", "author", "created"};
	*out = NULL;
	long long sid = 0, cid = 0, kid = 0;
	int rc = 0;
	if (f->source && (rc = fw_find_id(&sid, p, FW_Q_SOURCE_ID, f->source,
					  "source", err)))
		return rc;
	if (f->case_name && (rc = fw_case_find(&cid, p, f->case_name, err)))
		return rc;
	if (f->code && (rc = fw_code_find(&kid, p, f->code, err)))
		return rc;
	rc = fw_table_query(
		out, p, err, cols, 6,
		"SELECT m.id, m.kind, " MEMO_ABOUT ", coalesce(m.title, "
		"substr(m.text, 1, CASE WHEN instr(m.text, char(10)) > 0 THEN "
		"instr(m.text, char(10)) - 1 ELSE 60 END)), w.name, "
		"m.created_at" MEMO_FROM " WHERE (?1 = 0 OR m.source_id = ?1) "
		"AND (?2 = 0 OR m.case_id = ?2) AND (?3 IS NULL OR k.number = "
		"?3 OR k.number LIKE ?3 || '.%') AND (?4 IS NULL OR m.grp = ?4 "
		"COLLATE NOCASE) AND (?5 IS NULL OR m.kind = ?5) ORDER BY m.id",
		"iittt", sid, cid, f->code, f->group, kind);
	if (!rc)
		fw_table_numeric(*out, 0);
	return rc;
}

int fw_memo_get(fw_table **out, fw_project *p, long long id, fw_error *err)
{
	static const char *const cols[] = {"id",      "kind",   "about",
					   "title",   "author", "created",
					   "updated", "text"};
	int rc = fw_table_query(out, p, err, cols, 8,
				"SELECT m.id, m.kind, " MEMO_ABOUT
				", m.title, w.name, m.created_at, "
				"m.updated_at, m.text" MEMO_FROM
				" WHERE m.id = ?",
				"i", id);
	if (!rc && !(*out)->nrows) {
		fw_table_free(*out);
		*out = NULL;
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "no memo %lld (charter memo list lists "
				  "them)",
				  id);
	}
	return rc;
}

static int changed_one(int n, long long id, fw_error *err)
{
	return n ? 0
		 : fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				"no memo %lld (charter memo list lists them)",
				id);
}

int fw_memo_set(fw_project *p, long long id, const char *title,
		const char *text, fw_error *err)
{
	if (!text || !*text)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a memo needs some text (charter memo rm "
				    "removes one)");
	char now[40];
	fw_now(now, sizeof now);
	int n = 0;
	int rc = fw_run(p, err, "changing a memo", &n,
			"UPDATE memo SET text = ?2, title = coalesce(?3, "
			"title), updated_at = ?4 WHERE id = ?1",
			"ittt", id, text, title, now);
	return rc ? rc : changed_one(n, id, err);
}

int fw_memo_remove(fw_project *p, long long id, fw_error *err)
{
	int n = 0;
	int rc = fw_run(p, err, "removing a memo", &n,
			"DELETE FROM memo WHERE id = ?", "i", id);
	return rc ? rc : changed_one(n, id, err);
}
