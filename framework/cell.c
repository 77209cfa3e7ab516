/*
 * cell.c: chart cells: a researcher's summary of what a case said on a
 * sub-theme, with line references into its transcript (checked against
 * it), an agreement marker for group cases, and drafts charter writes
 * from the coded text for the researcher to accept or rewrite.
 */

#include "fw/cell.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"
#include "timefmt.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- cells --------------------------------------------------------------- */

/* The case and the code a cell is at. */
static int cell_key(long long *cid, long long *kid, fw_project *p,
		    const char *case_name, const char *code, fw_error *err)
{
	int rc = fw_case_find(cid, p, case_name, err);
	return rc ? rc : fw_code_find(kid, p, code, err);
}

static int check_agreement(fw_project *p, long long cid, const char *case_name,
			   const char *agreement, fw_error *err)
{
	if (!agreement || !*agreement)
		return 0;
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT is_group FROM \"case\" WHERE id=?", "i",
			  (long long)cid);
	if (rc)
		return rc;
	fw_done(p, st);
	int group = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!group)
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"agreement markers are for group discussions; "
			"'%s' is not a group",
			case_name);
	if (!strcmp(agreement, "consensus") || !strcmp(agreement, "majority") ||
	    !strcmp(agreement, "divergent"))
		return 0;
	if (strncmp(agreement, "single:", 7) || !agreement[7])
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"unknown agreement '%s' (consensus, majority, "
			"divergent or single:SPEAKER)",
			agreement);
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT count(*) FROM speaker k JOIN case_source x ON "
		     "x.source_id=k.source_id WHERE x.case_id=? AND "
		     "k.label=? COLLATE NOCASE AND k.role<>'interviewer'",
		     "it", (long long)cid, agreement + 7)))
		return rc;
	fw_done(p, st);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!n)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "'%s' is not a participant of %s",
				    agreement + 7, case_name);
	return 0;
}

/* The case's longest transcript, which its line references point into. */
typedef struct cell_src {
	long long id;
	int lines, n; /* its lines; how many transcripts the case has */
} cell_src;

static int cell_source(cell_src *s, fw_project *p, long long cid, fw_error *err)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT s.id, s.lines FROM case_source x JOIN "
			  "source s ON s.id=x.source_id WHERE x.case_id=? "
			  "ORDER BY s.name",
			  "i", (long long)cid);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		if (!s->n || sqlite3_column_int(st, 1) > s->lines) {
			s->id = sqlite3_column_int64(st, 0);
			s->lines = sqlite3_column_int(st, 1);
		}
		s->n++;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Every reference is a line range inside the transcript. */
static int cell_check_refs(const fw_lrefs *refs, const cell_src *s,
			   const char *case_name, fw_error *err)
{
	for (size_t i = 0; i < refs->n; i++) {
		const fw_lref *r = &refs->v[i];
		if (!s->n)
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"the summary refers to L%d but case "
				"'%s' has no transcript",
				r->a, case_name);
		if (r->a < 1 || r->b < r->a)
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "reference L%d-%d is not a line "
					    "range",
					    r->a, r->b);
		if (r->b > s->lines)
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "reference L%d-%d is outside %s's "
					    "transcript (%d lines)",
					    r->a, r->b, case_name, s->lines);
	}
	return 0;
}

/* A reference to lines not coded to this code is allowed, but noted. */
static void cell_note_uncoded(fw_diags *diags, fw_project *p, long long sid,
			      long long kid, const fw_lrefs *refs,
			      const char *case_name, const char *code)
{
	sqlite3_stmt *st;
	if (!diags || !refs->n ||
	    fw_prepare(p, &st,
		       "SELECT count(*) FROM counted g JOIN code k ON "
		       "k.id=g.code_id WHERE g.source_id=?1 AND (k.id=?2 OR "
		       "k.number LIKE (SELECT number FROM code WHERE "
		       "id=?2)||'.%') AND g.line_start<=?4 AND g.line_end>=?3",
		       NULL))
		return;
	fw_buf b;
	fw_buf_init(&b);
	for (size_t i = 0; i < refs->n; i++) {
		const fw_lref *r = &refs->v[i];
		fw_rebind(st, "iinn", (long long)sid, (long long)kid, (int)r->a,
			  (int)r->b);
		if (!fw_row(p, st) || sqlite3_column_int(st, 0))
			continue;
		if (!b.len)
			fw_buf_printf(&b, "%s %s: not coded to %s:", case_name,
				      code, code);
		fw_buf_printf(&b, r->a == r->b ? " L%d" : " L%d-%d", r->a,
			      r->b);
	}
	sqlite3_finalize(st);
	if (b.len)
		fw_diags_add(diags, FW_DIAG_WARNING, NULL, 0, "%s", b.ptr);
	fw_buf_dispose(&b);
}

/* Coding blind, another coder's summary is theirs: not overwritten. */
static int blind_guard(fw_project *p, long long cid, long long kid,
		       long long coder_id, const char *case_name,
		       const char *code, fw_error *err)
{
	if (!fw_project_blind_coder(p))
		return 0;
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT coalesce(w.name, 'another coder') FROM "
			  "main.cell l LEFT JOIN coder w ON w.id = l.coder_id "
			  "WHERE l.case_id = ?1 AND l.code_id = ?2 AND "
			  "coalesce(l.summary, '') <> '' AND "
			  "coalesce(l.coder_id, 0) <> ?3",
			  "iii", cid, kid, coder_id);
	if (rc)
		return rc;
	if (fw_row(p, st))
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "%s %s holds %s's summary: coding blind, "
				  "charter does not write over another "
				  "coder's cell (charter coder reveal ends "
				  "blind coding)",
				  case_name, code,
				  (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

/* The cell row (no longer a draft) and its references, replaced. */
static int cell_store(fw_project *p, long long cid, long long kid,
		      const char *summary, const char *agreement,
		      long long coder_id, long long sid, const fw_lrefs *refs,
		      fw_error *err)
{
	char now[32];
	fw_now(now, sizeof now);
	sqlite3_stmt *st;
	int rc = fw_query(
		&st, p, err,
		"INSERT INTO cell(case_id,code_id,summary,agreement,coder_id,"
		"updated_at) VALUES(?1,?2,?3,?4,?5,?6) ON "
		"CONFLICT(case_id,code_id) DO UPDATE SET "
		"summary=excluded.summary, agreement=excluded.agreement, "
		"coder_id=excluded.coder_id, updated_at=excluded.updated_at, "
		"draft=0 RETURNING id",
		"ii", (long long)cid, (long long)kid);
	if (rc)
		return rc;
	fw_bind_text(st, 3, summary && *summary ? summary : NULL);
	fw_bind_text(st, 4, agreement && *agreement ? agreement : NULL);
	sqlite3_bind_int64(st, 5, coder_id);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	long long cell = 0;
	if (fw_row(p, st))
		cell = sqlite3_column_int64(st, 0);
	else
		rc = fw_sql_error(p, err, "storing cell");
	sqlite3_finalize(st);
	if (rc || (rc = fw_run(p, err, "storing a cell", NULL,
			       "DELETE FROM cell_ref WHERE cell_id=?", "i",
			       (long long)cell)))
		return rc;
	if ((rc = fw_prepare(p, &st,
			     "INSERT INTO cell_ref(cell_id,source_id,"
			     "line_start,line_end,quote) VALUES(?,?,?,?,?)",
			     err)))
		return rc;
	for (size_t i = 0; i < refs->n && !rc; i++) {
		fw_rebind(st, "iinnn", (long long)cell, (long long)sid,
			  (int)refs->v[i].a, (int)refs->v[i].b,
			  (int)refs->v[i].quote);
		if (!fw_done(p, st))
			rc = fw_sql_error(p, err, "storing reference");
	}
	sqlite3_finalize(st);
	return rc;
}

int fw_cell_set(fw_diags *diags, fw_project *p, const char *case_name,
		const char *code, const char *summary, const char *agreement,
		const char *coder, fw_error *err)
{
	long long cid, kid, coder_id;
	int rc;
	if ((rc = cell_key(&cid, &kid, p, case_name, code, err)) ||
	    (rc = check_agreement(p, cid, case_name, agreement, err)))
		return rc;
	fw_lrefs refs = {0};
	fw_lrefs_parse(&refs, summary);
	cell_src src;
	if ((rc = cell_source(&src, p, cid, err)) ||
	    (rc = cell_check_refs(&refs, &src, case_name, err)))
		goto out;
	cell_note_uncoded(diags, p, src.id, kid, &refs, case_name, code);
	if (!(coder_id = fw_coder_id(p, coder, err))) {
		rc = FW_EIO;
		goto out;
	}
	if ((rc = blind_guard(p, cid, kid, coder_id, case_name, code, err)))
		goto out;
	if (!(rc = cell_store(p, cid, kid, summary, agreement, coder_id, src.id,
			      &refs, err)))
		rc = fw_rows_ok(p, err);
out:
	fw_lrefs_dispose(&refs);
	return rc;
}

int fw_cell_import(int *count, fw_diags *diags, fw_project *p, const char *path,
		   fw_error *err)
{
	*count = 0;
	static const char *const heads[] = {"case|id", "code|theme", "summary",
					    "agreement"};
	fw_csv *c;
	int col[4], line = 1;
	size_t ncols, n;
	int rc = fw_csv_open_header(&c, path, "case,code,summary[,agreement]",
				    heads, 4, col, NULL, &ncols, err);
	if (rc)
		return rc;
	int ic = col[0], ik = col[1], is = col[2], ia = col[3];
	char **f;
	if (ic < 0 || ik < 0 || is < 0) {
		fw_csv_free(c);
		return fw_error_set(
			err, FW_EPARSE, path, line,
			"the header needs columns case, code and summary "
			"(agreement optional)");
	}
	for (;;) {
		rc = fw_csv_next(&f, &n, &line, c, err);
		if (rc <= 0)
			break;
		if (n != ncols) {
			rc = fw_error_set(
				err, FW_EPARSE, path, line,
				"row has %zu fields but the header has %zu", n,
				ncols);
			break;
		}
		fw_diags row;
		fw_diags_init(&row);
		rc = fw_cell_set(&row, p, f[ic], f[ik], f[is],
				 ia >= 0 ? f[ia] : NULL, NULL, err);
		/* the row's warnings, named by the file and line */
		for (size_t i = 0; i < row.n; i++)
			fw_diags_add(diags, FW_DIAG_WARNING, path, line, "%s",
				     row.v[i].msg);
		fw_diags_dispose(&row);
		if (rc) {
			if (err) {
				snprintf(err->file, sizeof err->file, "%s",
					 path);
				err->line = line;
			}
			break;
		}
		(*count)++;
	}
	fw_csv_free(c);
	return rc < 0 ? rc : 0;
}

int fw_cell_get(fw_table **out, fw_project *p, const char *case_name,
		const char *code, fw_error *err)
{
	static const char *const cols[] = {"case",      "code",  "summary",
					   "agreement", "coded", "updated"};
	*out = NULL;
	long long cid, kid;
	int rc = cell_key(&cid, &kid, p, case_name, code, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT summary, agreement, updated_at FROM charted WHERE "
		     "case_id=? AND code_id=?",
		     "ii", (long long)cid, (long long)kid)))
		return rc;
	char *summary = NULL, *agreement = NULL, *updated = NULL;
	if (fw_row(p, st)) {
		const char *s;
		if ((s = (const char *)sqlite3_column_text(st, 0)))
			summary = fw_xstrdup(s);
		if ((s = (const char *)sqlite3_column_text(st, 1)))
			agreement = fw_xstrdup(s);
		if ((s = (const char *)sqlite3_column_text(st, 2)))
			updated = fw_xstrdup(s);
	}
	sqlite3_finalize(st);
	fw_lrefs refs = {0};
	if (!fw_query(
		    &st, p, err,
		    "SELECT s.name, g.line_start, g.line_end FROM counted g "
		    "JOIN code k ON k.id=g.code_id JOIN source s ON "
		    "s.id=g.source_id JOIN counted_case x ON x.coding_id=g.id "
		    "WHERE x.case_id=?1 AND (k.id=?2 OR k.number LIKE (SELECT "
		    "number FROM code WHERE id=?2)||'.%')",
		    "ii", (long long)cid, (long long)kid)) {
		while (fw_row(p, st))
			fw_lrefs_add(&refs,
				     (const char *)sqlite3_column_text(st, 0),
				     sqlite3_column_int(st, 1),
				     sqlite3_column_int(st, 2), 0);
		sqlite3_finalize(st);
	}
	char *coded = fw_lrefs_format(&refs);
	fw_lrefs_dispose(&refs);
	fw_table *t = fw_table_new(6, cols);
	const char *row[6] = {case_name, code,  summary,
			      agreement, coded, updated};
	fw_table_add(t, FW_ROW_DATA, row);
	free(summary);
	free(agreement);
	free(updated);
	free(coded);
	return fw_table_done(out, t, p, err);
}

/* A phrase from coded text: its first clause, at most 14 words. */
static void key_phrase(const char *s, size_t n, fw_buf *out)
{
	size_t i = 0;
	while (i < n && (isspace((unsigned char)s[i]) || s[i] == '[')) {
		if (s[i] == '[') { /* skip an inline [laughs] */
			while (i < n && s[i] != ']')
				i++;
		}
		i++;
	}
	int words = 0, inw = 0;
	size_t st = i, end = i;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '.' || c == '?' || c == '!' || c == '\n' || c == ';')
			break;
		int sp = isspace((unsigned char)c);
		if (!sp && !inw) {
			if (++words > 14)
				break;
		}
		inw = !sp;
		end = i + 1;
	}
	while (end > st &&
	       (isspace((unsigned char)s[end - 1]) || s[end - 1] == ','))
		end--;
	fw_buf_putc(out, '\'');
	for (size_t k = st; k < end; k++)
		fw_buf_putc(out, s[k] == '\'' ? '\'' : s[k]);
	if (words > 14)
		fw_buf_puts(out, "...");
	fw_buf_putc(out, '\'');
}

int fw_chart_summarise(int *drafted, fw_project *p, const char *theme,
		       const char *const *cases, size_t ncases, fw_error *err)
{
	*drafted = 0;
	long long tid;
	int rc = fw_code_find(&tid, p, theme, err);
	if (rc)
		return rc;
	sqlite3_stmt *st, *cod, *mark;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT c.id, c.name, k.id, k.number FROM \"case\" c CROSS "
		     "JOIN code k LEFT JOIN cell l ON l.case_id=c.id AND "
		     "l.code_id=k.id WHERE k.parent_id=?1 AND (l.summary IS NULL "
		     "OR l.summary='') ORDER BY c.sort, c.id, k.sort",
		     "i", (long long)tid)))
		return rc;
	if (fw_prepare(
		    p, &cod,
		    "SELECT g.line_start, g.line_end, substr(s.text, g.start+1, "
		    "g.\"end\"-g.start) FROM counted g JOIN counted_case x ON "
		    "x.coding_id=g.id JOIN source s ON s.id=g.source_id WHERE "
		    "x.case_id=? AND g.code_id=? ORDER BY g.\"end\"-g.start DESC, "
		    "g.start LIMIT 2",
		    err)) {
		sqlite3_finalize(st);
		return FW_EIO;
	}
	if (fw_prepare(p, &mark,
		       "UPDATE cell SET draft=1 WHERE case_id=? AND code_id=?",
		       err)) {
		sqlite3_finalize(st);
		sqlite3_finalize(cod);
		return FW_EIO;
	}
	while (!rc && fw_row(p, st)) {
		long long cid = sqlite3_column_int64(st, 0),
			  kid = sqlite3_column_int64(st, 2);
		const char *cname = (const char *)sqlite3_column_text(st, 1);
		if (ncases) {
			int want = 0;
			for (size_t i = 0; i < ncases && !want; i++)
				want = fw_natcmp(cases[i], cname) == 0;
			if (!want)
				continue;
		}
		char num[64];
		snprintf(num, sizeof num, "%s", sqlite3_column_text(st, 3));
		fw_rebind(cod, "ii", (long long)cid, (long long)kid);
		fw_buf d;
		fw_buf_init(&d);
		int n = 0;
		while (fw_row(p, cod)) {
			int a = sqlite3_column_int(cod, 0),
			    b = sqlite3_column_int(cod, 1);
			const char *s =
				(const char *)sqlite3_column_text(cod, 2);
			if (n++)
				fw_buf_puts(&d, "; ");
			key_phrase(s ? s : "", s ? strlen(s) : 0, &d);
			if (a == b)
				fw_buf_printf(&d, " (L%d)", a);
			else
				fw_buf_printf(&d, " (L%d-%d)", a, b);
		}
		if (n) {
			fw_error e2;
			fw_error_clear(&e2);
			char name[300];
			snprintf(name, sizeof name, "%s", cname);
			if (fw_cell_set(NULL, p, name, num, d.ptr, NULL,
					"charter-draft", &e2) == 0) {
				fw_rebind(mark, "ii", (long long)cid,
					  (long long)kid);
				fw_done(p, mark);
				(*drafted)++;
			}
		}
		fw_buf_dispose(&d);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cod);
	sqlite3_finalize(mark);
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_cell_accept(fw_project *p, const char *case_name, const char *code,
		   fw_error *err)
{
	int changed;
	int rc = fw_run(p, err, "accepting a draft", &changed,
			"UPDATE cell SET draft=0 WHERE case_id=? AND code_id=? "
			"AND draft=1",
			"CK", case_name, code);
	if (rc)
		return rc;
	if (!changed)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "%s %s has no draft to accept", case_name,
				    code);
	return fw_rows_ok(p, err);
}
