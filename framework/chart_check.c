/*
 * chart_check.c: the lint of a chart (charter chart check): cells with
 * codings but no summary, summaries with no reference, references to lines
 * not coded to the cell, and summaries that copy long runs of the
 * transcript instead of summarising (12 words or more, word for word),
 * and summaries a merge left in conflict.
 * Drafts for empty cells (chart summarise) are written by cell.c, the case
 * profile by case.c.
 */

#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "table.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define COPY_RUN 12 /* words copied in a row that count as copying */

/* codings of a case for a code (and its sub-codes): line ranges */
typedef struct span {
	int a, b;
	long start, end;
	long long source;
} span;

static int case_code_spans(fw_project *p, long long cid, long long kid,
			   span **out, size_t *n)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	int rc = fw_query(
		&st, p, NULL,
		/* the case's links (by the case: +by_speaker keeps the
		 * planner off that column's index), then the codings of the
		 * code and its sub-themes (as coding_case gives them) */
		"SELECT g.line_start, g.line_end, g.start, g.\"end\", "
		"g.source_id, g.id FROM main.case_source x CROSS JOIN "
		"counted g ON g.source_id=x.source_id WHERE x.case_id=?1 AND "
		"+x.by_speaker=0 AND g.code_id IN (SELECT id FROM code WHERE "
		"id=?2 OR parent_id=?2) UNION ALL SELECT DISTINCT "
		"g.line_start, g.line_end, g.start, g.\"end\", g.source_id, "
		"g.id FROM main.case_source x CROSS JOIN counted g ON "
		"g.source_id=x.source_id " FW_SQL_SPEAKER_CASE_CROSS
		"WHERE x.case_id=?1 AND +x.by_speaker=1 AND g.code_id IN "
		"(SELECT id FROM code WHERE id=?2 OR parent_id=?2) ORDER BY "
		"5, 3",
		"ii", (long long)cid, (long long)kid);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		*out = fw_xrealloc(*out, (*n + 1) * sizeof **out);
		span *s = &(*out)[(*n)++];
		fw_columns(st, "nnlli", &s->a, &s->b, &s->start, &s->end,
			   &s->source);
	}
	sqlite3_finalize(st);
	return 0;
}

/* lower-case words of s, letters and digits only */
static char **words_of(const char *s, size_t *n)
{
	char **v = NULL;
	*n = 0;
	size_t cap = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		while (*p && !(isalnum(*p) || *p >= 0x80))
			p++;
		if (!*p)
			break;
		const unsigned char *st = p;
		while (*p && (isalnum(*p) || *p >= 0x80 || *p == '\''))
			p++;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = fw_xrealloc(v, cap * sizeof *v);
		}
		char *w = fw_xstrndup((const char *)st, (size_t)(p - st));
		for (char *c = w; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		v[(*n)++] = w;
	}
	return v;
}

/* A line cited twice in one list of references ("L5*, L5"): the same
 * line cited again for another point, in its own parentheses, is not. */
static void cited_twice(fw_table *t, const char *cname, const char *num,
			const char *sum)
{
	int la[64], lb[64], n = 0;
	const char *from = sum, *prev_end = NULL;
	fw_lref_hit h;
	while (fw_lref_scan(&h, sum, from)) {
		from = h.end;
		int same_list = prev_end != NULL;
		for (const char *q = prev_end; same_list && q < h.start; q++)
			same_list = *q == ',' || *q == ';' || *q == ' ';
		if (!same_list)
			n = 0;
		prev_end = h.end;
		int dup = 0;
		for (int k = 0; k < n && !dup; k++)
			dup = la[k] == h.a && lb[k] == h.b;
		if (dup) {
			char detail[48];
			fw_lref_label(detail, sizeof detail, h.a, h.b);
			const char *row[] = {cname, num,
					     "reference cited twice", detail};
			fw_table_add(t, FW_ROW_DATA, row);
		} else if (n < 64) {
			la[n] = h.a;
			lb[n++] = h.b;
		}
	}
}

/* A summary's references: none, a line cited twice, lines not coded to
 * its cell. */
static void check_refs(fw_table *t, fw_project *p, long long cid, long long kid,
		       const char *cname, const char *num, const char *sum)
{
	char detail[48];
	fw_lrefs refs = {0};
	fw_lrefs_parse(&refs, sum);
	size_t nr = refs.n < 64 ? refs.n : 64;
	int ra[64], rb[64];
	for (size_t i = 0; i < nr; i++) {
		ra[i] = refs.v[i].a;
		rb[i] = refs.v[i].b;
	}
	fw_lrefs_dispose(&refs);
	cited_twice(t, cname, num, sum);
	if (!nr) {
		const char *row[] = {cname, num, "summary without a reference",
				     ""};
		fw_table_add(t, FW_ROW_DATA, row);
	} else {
		span *sp;
		size_t nsp;
		case_code_spans(p, cid, kid, &sp, &nsp);
		for (size_t i = 0; i < nr; i++) {
			int hit = 0;
			for (size_t k = 0; k < nsp && !hit; k++)
				hit = sp[k].a <= rb[i] && sp[k].b >= ra[i];
			if (!hit) {
				fw_lref_label(detail, sizeof detail, ra[i],
					      rb[i]);
				const char *row[] = {
					cname, num,
					"reference to lines not coded here",
					detail};
				fw_table_add(t, FW_ROW_DATA, row);
			}
		}
		free(sp);
	}
}

/* The longest run of the summary's words found in a row in the text. */
static size_t longest_copy(char **sw, size_t ns, char **tw, size_t nt)
{
	size_t best = 0;
	for (size_t i = 0; i < ns; i++)
		for (size_t j = 0; j < nt; j++) {
			size_t k = 0;
			while (i + k < ns && j + k < nt &&
			       !strcmp(sw[i + k], tw[j + k]))
				k++;
			if (k > best)
				best = k;
		}
	return best;
}

int fw_chart_check(fw_table **out, fw_project *p, const char *theme,
		   fw_error *err)
{
	static const char *const cols[] = {"case", "code", "problem", "detail"};
	*out = NULL;
	if (theme) {
		long long tid;
		int rc = fw_code_find(&tid, p, theme, err);
		if (rc)
			return rc;
	}
	fw_table *t = fw_table_new(4, cols);
	sqlite3_stmt *st;
	/* the sub-themes of the theme (or all), every case with codings */
	if (fw_prepare(
		    p, &st,
		    "SELECT c.id, c.name, k.id, k.number, l.summary, "
		    "(SELECT count(*) FROM (SELECT g.id FROM main.case_source "
		    "x CROSS JOIN counted g ON g.source_id=x.source_id AND "
		    "g.code_id=k.id WHERE x.case_id=c.id AND +x.by_speaker=0 "
		    "UNION ALL SELECT DISTINCT g.id FROM main.case_source x "
		    "CROSS JOIN counted g ON g.source_id=x.source_id AND "
		    "g.code_id=k.id " FW_SQL_SPEAKER_CASE_CROSS "WHERE "
		    "x.case_id=c.id AND +x.by_speaker=1)), (SELECT count(*) "
		    "FROM cell_conflict f WHERE f.case_id=c.id AND "
		    "f.code_id=k.id) "
		    "FROM \"case\" c CROSS JOIN code k LEFT JOIN charted l ON "
		    "l.case_id=c.id AND l.code_id=k.id WHERE k.parent_id IS NOT "
		    "NULL AND (?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY "
		    "c.sort, c.id, k.sort",
		    err)) {
		fw_table_free(t);
		return FW_EIO;
	}
	fw_bind_text(st, 1, theme);
	sqlite3_stmt *txt;
	if (fw_prepare(p, &txt,
		       "SELECT s.text FROM case_source x JOIN source s ON "
		       "s.id=x.source_id WHERE x.case_id=?",
		       err)) {
		sqlite3_finalize(st);
		fw_table_free(t);
		return FW_EIO;
	}
	long long text_case = 0;
	char **tw = NULL;
	size_t nt = 0;
	while (fw_row(p, st)) {
		long long cid = sqlite3_column_int64(st, 0),
			  kid = sqlite3_column_int64(st, 2);
		const char *cname = (const char *)sqlite3_column_text(st, 1);
		const char *num = (const char *)sqlite3_column_text(st, 3);
		const char *sum = (const char *)sqlite3_column_text(st, 4);
		int codings = sqlite3_column_int(st, 5);
		int conflicts = sqlite3_column_int(st, 6);
		char detail[256];
		if (conflicts) {
			snprintf(detail, sizeof detail,
				 "%d other summar%s (charter cell resolve %s "
				 "%s)",
				 conflicts, conflicts == 1 ? "y" : "ies", cname,
				 num);
			const char *row[] = {cname, num,
					     "conflicting summaries to resolve",
					     detail};
			fw_table_add(t, FW_ROW_DATA, row);
		}
		if ((!sum || !*sum) && codings) {
			snprintf(detail, sizeof detail, "%d coding%s", codings,
				 codings == 1 ? "" : "s");
			const char *row[] = {
				cname, num, "coded but not summarised", detail};
			fw_table_add(t, FW_ROW_DATA, row);
			continue;
		}
		if (!sum || !*sum)
			continue;
		check_refs(t, p, cid, kid, cname, num, sum);
		/* copying: the case's text, once per case */
		if (text_case != cid) {
			fw_strv_free(tw, nt);
			tw = NULL;
			nt = 0;
			fw_buf all;
			fw_buf_init(&all);
			fw_rebind(txt, "i", (long long)cid);
			while (fw_row(p, txt)) {
				fw_buf_puts(&all,
					    (const char *)sqlite3_column_text(
						    txt, 0));
				fw_buf_putc(&all, '\n');
			}
			tw = words_of(all.ptr ? all.ptr : "", &nt);
			fw_buf_dispose(&all);
			text_case = cid;
		}
		size_t ns;
		char **sw = words_of(sum, &ns);
		size_t run = longest_copy(sw, ns, tw, nt);
		fw_strv_free(sw, ns);
		if (run >= COPY_RUN) {
			snprintf(detail, sizeof detail,
				 "%zu words copied in a row", run);
			const char *row[] = {cname, num,
					     "copies the transcript", detail};
			fw_table_add(t, FW_ROW_DATA, row);
		}
	}
	fw_strv_free(tw, nt);
	sqlite3_finalize(st);
	sqlite3_finalize(txt);
	return fw_table_done(out, t, p, err);
}

int fw_chart_code_cited(fw_table **out, fw_project *p, const char *theme,
			int dry_run, const char *coder, fw_error *err)
{
	static const char *const cols[] = {"case", "code", "lines", "coded"};
	*out = NULL;
	fw_table *chk;
	int rc = fw_chart_check(&chk, p, theme, err);
	if (rc)
		return rc;
	fw_table *t = fw_table_new(4, cols);
	for (size_t r = 0; !rc && r < chk->nrows; r++) {
		if (strcmp(fw_table_cell(chk, r, 2),
			   "reference to lines not coded here"))
			continue;
		const char *cs = fw_table_cell(chk, r, 0),
			   *code = fw_table_cell(chk, r, 1),
			   *lines = fw_table_cell(chk, r, 3);
		fw_lrefs refs = {0};
		fw_lrefs_parse(&refs, lines);
		for (size_t i = 0; !rc && i < refs.n; i++)
			if (!dry_run)
				rc = fw_code_lines(NULL, p, cs, NULL,
						   refs.v[i].a, refs.v[i].b,
						   code, coder, err);
		fw_lrefs_dispose(&refs);
		const char *row[4] = {cs, code, lines,
				      dry_run ? "would be" : "by hand"};
		if (!rc)
			fw_table_add(t, FW_ROW_DATA, row);
	}
	fw_table_free(chk);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
