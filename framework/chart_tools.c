/*
 * chart_tools.c: what helps a researcher chart well.
 *
 *   check      cells with codings but no summary, summaries with no
 *              reference, references to lines not coded to the cell, and
 *              summaries that copy long runs of the transcript instead of
 *              summarising (12 words or more, word for word).
 *   summarise  drafts for empty cells from the coded text: the respondent's
 *              own key phrases, trimmed, with line references, marked as
 *              drafts until a researcher sets or accepts them.  A cell
 *              with a summary is never touched.
 *   profile    one case across every theme (charter case show).
 */
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/project.h"
#include "natcmp.h"
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
	if (fw_prepare(p, &st,
		       "SELECT g.line_start, g.line_end, g.start, g.\"end\", "
		       "g.source_id FROM coding g JOIN coding_case x ON "
		       "x.coding_id=g.id JOIN code k ON k.id=g.code_id WHERE "
		       "x.case_id=?1 AND (k.id=?2 OR k.parent_id=?2) ORDER BY "
		       "g.source_id, g.start",
		       NULL))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, kid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = fw_xrealloc(*out, (*n + 1) * sizeof **out);
		span *s = &(*out)[(*n)++];
		s->a = sqlite3_column_int(st, 0);
		s->b = sqlite3_column_int(st, 1);
		s->start = sqlite3_column_int64(st, 2);
		s->end = sqlite3_column_int64(st, 3);
		s->source = sqlite3_column_int64(st, 4);
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

static void words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
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

static int refs_of(const char *s, int *a, int *b, int max)
{
	int n = 0;
	for (const char *p = s; *p && n < max; p++) {
		if (*p != 'L' || !isdigit((unsigned char)p[1]) ||
		    (p > s && isalnum((unsigned char)p[-1])))
			continue;
		char *e;
		long x = strtol(p + 1, &e, 10), y = x;
		if (*e == '-' && isdigit((unsigned char)e[1]))
			y = strtol(e + 1, &e, 10);
		a[n] = (int)x;
		b[n] = (int)y;
		n++;
		p = e - 1;
	}
	return n;
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
		    "(SELECT count(*) FROM coding g JOIN coding_case x ON "
		    "x.coding_id=g.id WHERE x.case_id=c.id AND g.code_id=k.id) "
		    "FROM \"case\" c CROSS JOIN code k LEFT JOIN cell l ON "
		    "l.case_id=c.id AND l.code_id=k.id WHERE k.parent_id IS NOT "
		    "NULL AND (?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY "
		    "c.sort, c.id, k.sort",
		    err)) {
		fw_table_free(t);
		return FW_EIO;
	}
	if (theme)
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 1);
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
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long cid = sqlite3_column_int64(st, 0),
			  kid = sqlite3_column_int64(st, 2);
		const char *cname = (const char *)sqlite3_column_text(st, 1);
		const char *num = (const char *)sqlite3_column_text(st, 3);
		const char *sum = (const char *)sqlite3_column_text(st, 4);
		int codings = sqlite3_column_int(st, 5);
		char detail[256];
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
		int ra[64], rb[64];
		int nr = refs_of(sum, ra, rb, 64);
		if (!nr) {
			const char *row[] = {cname, num,
					     "summary without a reference", ""};
			fw_table_add(t, FW_ROW_DATA, row);
		} else {
			span *sp;
			size_t nsp;
			case_code_spans(p, cid, kid, &sp, &nsp);
			for (int i = 0; i < nr; i++) {
				int hit = 0;
				for (size_t k = 0; k < nsp && !hit; k++)
					hit = sp[k].a <= rb[i] &&
					      sp[k].b >= ra[i];
				if (!hit) {
					if (ra[i] == rb[i])
						snprintf(detail, sizeof detail,
							 "L%d", ra[i]);
					else
						snprintf(detail, sizeof detail,
							 "L%d-%d", ra[i],
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
		/* copying: the case's text, once per case */
		if (text_case != cid) {
			words_free(tw, nt);
			tw = NULL;
			nt = 0;
			fw_buf all;
			fw_buf_init(&all);
			sqlite3_reset(txt);
			sqlite3_bind_int64(txt, 1, cid);
			while (sqlite3_step(txt) == SQLITE_ROW) {
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
		words_free(sw, ns);
		if (run >= COPY_RUN) {
			snprintf(detail, sizeof detail,
				 "%zu words copied in a row", run);
			const char *row[] = {cname, num,
					     "copies the transcript", detail};
			fw_table_add(t, FW_ROW_DATA, row);
		}
	}
	words_free(tw, nt);
	sqlite3_finalize(st);
	sqlite3_finalize(txt);
	*out = t;
	return 0;
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
	if (fw_prepare(
		    p, &st,
		    "SELECT c.id, c.name, k.id, k.number FROM \"case\" c CROSS "
		    "JOIN code k LEFT JOIN cell l ON l.case_id=c.id AND "
		    "l.code_id=k.id WHERE k.parent_id=?1 AND (l.summary IS NULL "
		    "OR l.summary='') ORDER BY c.sort, c.id, k.sort",
		    err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, tid);
	if (fw_prepare(
		    p, &cod,
		    "SELECT g.line_start, g.line_end, substr(s.text, g.start+1, "
		    "g.\"end\"-g.start) FROM coding g JOIN coding_case x ON "
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
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
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
		sqlite3_reset(cod);
		sqlite3_bind_int64(cod, 1, cid);
		sqlite3_bind_int64(cod, 2, kid);
		fw_buf d;
		fw_buf_init(&d);
		int n = 0;
		while (sqlite3_step(cod) == SQLITE_ROW) {
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
			char warn[256];
			fw_error e2;
			fw_error_clear(&e2);
			char name[300];
			snprintf(name, sizeof name, "%s", cname);
			if (fw_cell_set(p, name, num, d.ptr, NULL,
					"charter-draft", warn, sizeof warn,
					&e2) == 0) {
				sqlite3_reset(mark);
				sqlite3_bind_int64(mark, 1, cid);
				sqlite3_bind_int64(mark, 2, kid);
				sqlite3_step(mark);
				(*drafted)++;
			}
		}
		fw_buf_dispose(&d);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cod);
	sqlite3_finalize(mark);
	return rc;
}

int fw_cell_accept(fw_project *p, const char *case_name, const char *code,
		   fw_error *err)
{
	long long cid, kid;
	int rc;
	if ((rc = fw_case_find(&cid, p, case_name, err)) ||
	    (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "UPDATE cell SET draft=0 WHERE case_id=? AND code_id=? AND "
		    "draft=1",
		    err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, kid);
	sqlite3_step(st);
	int changed = sqlite3_changes(p->db);
	sqlite3_finalize(st);
	if (!changed)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "%s %s has no draft to accept", case_name,
				    code);
	return 0;
}

int fw_case_profile(fw_table **out, fw_project *p, const char *case_name,
		    fw_error *err)
{
	static const char *const cols[] = {"theme", "sub-theme", "summary",
					   "coded"};
	*out = NULL;
	long long cid;
	int rc = fw_case_find(&cid, p, case_name, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT t.number || ' ' || t.name, k.number || ' ' || k.name, "
		    "CASE WHEN l.draft THEN '(draft) ' ELSE '' END || "
		    "coalesce(l.summary,'') || CASE WHEN l.agreement IS NOT NULL "
		    "AND l.agreement<>'' THEN ' [' || l.agreement || ']' ELSE '' "
		    "END, (SELECT group_concat(r, ', ') FROM (SELECT DISTINCT "
		    "'L' || g.line_start || CASE WHEN g.line_end>g.line_start "
		    "THEN '-' || g.line_end ELSE '' END AS r FROM coding g JOIN "
		    "coding_case x ON x.coding_id=g.id WHERE x.case_id=?1 AND "
		    "g.code_id=k.id ORDER BY g.line_start)) FROM code k JOIN code "
		    "t ON t.id=k.parent_id LEFT JOIN cell l ON l.code_id=k.id AND "
		    "l.case_id=?1 ORDER BY t.sort, k.sort",
		    err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	fw_table *t = fw_table_new(4, cols);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sum = (const char *)sqlite3_column_text(st, 2);
		const char *coded = (const char *)sqlite3_column_text(st, 3);
		if ((!sum || !*sum) && !coded)
			continue;
		const char *row[] = {(const char *)sqlite3_column_text(st, 0),
				     (const char *)sqlite3_column_text(st, 1),
				     sum, coded};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	*out = t;
	return 0;
}
