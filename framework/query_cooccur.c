/*
 * query_cooccur.c: codes coded together within a turn, a case or N lines,
 * with counts and the Jaccard index, and the turns where they meet.
 */
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/project.h"
#include "fw/query.h"
#include "natcmp.h"
#include "table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Within N lines: every pair of codings of different codes in one source
 * whose line ranges come within N lines counts once; a code's count is its
 * number of codings. */
/* A theme named to narrow a query must be in the codebook. */
static int theme_known(fw_project *p, const char *theme, fw_error *err)
{
	long long tid;
	return theme ? fw_code_find(&tid, p, theme, err) : 0;
}

static int cooccur_lines(fw_project *p, const char *theme, int nlines,
			 fw_table **out, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(
		p, &st,
		"SELECT g.source_id, g.line_start, g.line_end, k.number FROM "
		"counted g JOIN code k ON k.id=g.code_id WHERE k.parent_id IS "
		"NOT NULL AND (?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY "
		"g.source_id, g.line_start",
		err);
	if (rc)
		return rc;
	fw_bind_text(st, 1, theme);
	typedef struct cg {
		long long src;
		int a, b;
		int code;
	} cg;
	cg *v = NULL;
	size_t n = 0, cap = 0;
	char **codes = NULL;
	size_t ncodes = 0;
	while (fw_row(p, st)) {
		const char *num = (const char *)sqlite3_column_text(st, 3);
		size_t k = 0;
		while (k < ncodes && strcmp(codes[k], num))
			k++;
		if (k == ncodes) {
			codes = fw_xrealloc(codes,
					    (ncodes + 1) * sizeof *codes);
			codes[ncodes++] = fw_xstrdup(num);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = fw_xrealloc(v, cap * sizeof *v);
		}
		v[n].src = sqlite3_column_int64(st, 0);
		v[n].a = sqlite3_column_int(st, 1);
		v[n].b = sqlite3_column_int(st, 2);
		v[n].code = (int)k;
		n++;
	}
	sqlite3_finalize(st);
	long *alone = fw_xcalloc(ncodes + 1, sizeof *alone);
	long *pair = fw_xcalloc(ncodes * ncodes + 1, sizeof *pair);
	for (size_t i = 0; i < n; i++) {
		alone[v[i].code]++;
		for (size_t j = i + 1;
		     j < n && v[j].src == v[i].src && v[j].a <= v[i].b + nlines;
		     j++)
			if (v[j].code != v[i].code) {
				pair[(size_t)v[i].code * ncodes +
				     (size_t)v[j].code]++;
				pair[(size_t)v[j].code * ncodes +
				     (size_t)v[i].code]++;
			}
	}
	static const char *const cols[] = {"code", "with", "together",
					   "jaccard"};
	fw_table *t = fw_table_new(4, cols);
	for (size_t a = 0; a < ncodes; a++)
		for (size_t b = 0; b < ncodes; b++) {
			if (fw_natcmp(codes[a], codes[b]) >= 0)
				continue;
			long m = pair[a * ncodes + b];
			if (!m)
				continue;
			double den = (double)(alone[a] + alone[b] - m);
			char ns[24], js[24];
			snprintf(ns, sizeof ns, "%ld", m);
			snprintf(js, sizeof js, "%.2f",
				 den > 0 ? (double)m / den : 1.0);
			const char *row[] = {codes[a], codes[b], ns, js};
			fw_table_add(t, FW_ROW_DATA, row);
		}
	/* in code order */
	for (size_t i = 1; i < t->nrows; i++)
		for (size_t j = i; j > 0; j--) {
			int c = fw_natcmp(t->rows[j - 1][0], t->rows[j][0]);
			if (!c)
				c = fw_natcmp(t->rows[j - 1][1], t->rows[j][1]);
			if (c <= 0)
				break;
			char **tmp = t->rows[j];
			t->rows[j] = t->rows[j - 1];
			t->rows[j - 1] = tmp;
		}
	fw_strv_free(codes, ncodes);
	free(alone);
	free(pair);
	free(v);
	*out = t;
	return 0;
}

int fw_query_cooccur(fw_table **out, fw_project *p, const char *theme,
		     int within, fw_error *err)
{
	*out = NULL;
	int within_case = within == FW_WITHIN_CASE;
	int rc = theme_known(p, theme, err);
	if (rc || within > 0)
		return rc ? rc : cooccur_lines(p, theme, within, out, err);
	/* the unit a coding falls in: its case, or each turn it overlaps */
	const char *unit_sql =
		within_case
			? "SELECT DISTINCT x.case_id, k.number FROM counted g JOIN "
			  "counted_case x ON x.coding_id=g.id JOIN code k ON k.id=g.code_id "
			  "WHERE k.parent_id IS NOT NULL AND (?1 IS NULL OR k.number LIKE "
			  "?1 || '.%') ORDER BY 1"
			: "SELECT DISTINCT u.id, k.number FROM counted g JOIN utterance u ON "
			  "u.source_id=g.source_id AND u.start<g.\"end\" AND u.\"end\">g.start "
			  "JOIN code k ON k.id=g.code_id WHERE k.parent_id IS NOT NULL AND "
			  "(?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY 1";
	sqlite3_stmt *st;
	if ((rc = fw_prepare(p, &st, unit_sql, err)))
		return rc;
	fw_bind_text(st, 1, theme);
	/* codes seen, and pair counts */
	char **codes = NULL;
	size_t ncodes = 0;
	long *alone = NULL;
	long *pair = NULL; /* ncodes x ncodes, grown as codes appear */
	size_t cap = 0;
	long long unit = -1;
	int cur[512];
	int ncur = 0;
	for (;;) {
		int more = fw_row(p, st);
		long long u = more ? sqlite3_column_int64(st, 0) : -2;
		if (u != unit && ncur) {
			for (int i = 0; i < ncur; i++) {
				alone[cur[i]]++;
				for (int j = 0; j < ncur; j++)
					if (i != j)
						pair[(size_t)cur[i] * cap +
						     (size_t)cur[j]]++;
			}
			ncur = 0;
		}
		if (!more)
			break;
		unit = u;
		const char *code = (const char *)sqlite3_column_text(st, 1);
		size_t k = 0;
		while (k < ncodes && strcmp(codes[k], code))
			k++;
		if (k == ncodes) {
			if (ncodes == cap) {
				size_t nc2 = cap ? cap * 2 : 64;
				long *np = fw_xcalloc(nc2 * nc2, sizeof *np);
				for (size_t a = 0; a < cap; a++)
					for (size_t b = 0; b < cap; b++)
						np[a * nc2 + b] =
							pair[a * cap + b];
				free(pair);
				pair = np;
				alone = fw_xrealloc(alone, nc2 * sizeof *alone);
				for (size_t a = cap; a < nc2; a++)
					alone[a] = 0;
				codes = fw_xrealloc(codes, nc2 * sizeof *codes);
				cap = nc2;
			}
			codes[ncodes++] = fw_xstrdup(code);
		}
		if (ncur < 512)
			cur[ncur++] = (int)k;
	}
	sqlite3_finalize(st);
	static const char *const cols[] = {"code", "with", "together",
					   "jaccard"};
	fw_table *t = fw_table_new(4, cols);
	/* rows in code order */
	size_t *ord = fw_xmalloc((ncodes + 1) * sizeof *ord);
	for (size_t i = 0; i < ncodes; i++)
		ord[i] = i;
	for (size_t i = 1; i < ncodes; i++)
		for (size_t j = i;
		     j > 0 && fw_natcmp(codes[ord[j - 1]], codes[ord[j]]) > 0;
		     j--) {
			size_t tmp = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = tmp;
		}
	for (size_t ia = 0; ia < ncodes; ia++)
		for (size_t ib = 0; ib < ncodes; ib++) {
			size_t a = ord[ia], b = ord[ib];
			if (fw_natcmp(codes[a], codes[b]) >= 0)
				continue;
			long n = pair[a * cap + b];
			if (!n)
				continue;
			double j =
				(double)n / (double)(alone[a] + alone[b] - n);
			char ns[24], js[24];
			snprintf(ns, sizeof ns, "%ld", n);
			snprintf(js, sizeof js, "%.2f", j);
			const char *row[] = {codes[a], codes[b], ns, js};
			fw_table_add(t, FW_ROW_DATA, row);
		}
	free(ord);
	fw_strv_free(codes, ncodes);
	free(alone);
	free(pair);
	return fw_table_done(out, t, p, err);
}

int fw_query_cooccur_pairs(fw_table **out, fw_project *p, const char *theme,
			   fw_error *err)
{
	*out = NULL;
	int rc = theme_known(p, theme, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_prepare(
		     p, &st,
		     "SELECT (SELECT c.name FROM \"case\" c WHERE c.id=coalesce("
		     "sp.case_id, (SELECT min(x.case_id) FROM case_source x WHERE "
		     "x.source_id=s.id))), s.name, u.line_start, "
		     "group_concat(DISTINCT k.number), substr(s.text, u.start+1, "
		     "u.\"end\"-u.start) FROM counted g JOIN utterance u ON "
		     "u.source_id=g.source_id AND u.start<g.\"end\" AND "
		     "u.\"end\">g.start JOIN source s ON s.id=u.source_id JOIN code k "
		     "ON k.id=g.code_id LEFT JOIN speaker sp ON sp.id=u.speaker_id "
		     "WHERE k.parent_id IS NOT NULL AND (?1 IS NULL OR k.number LIKE "
		     "?1 || '.%') GROUP BY u.id HAVING count(DISTINCT k.number) > 1 "
		     "ORDER BY s.name, u.seq",
		     err)))
		return rc;
	fw_bind_text(st, 1, theme);
	static const char *const cols[] = {"case", "source", "line", "codes",
					   "text"};
	fw_table *t = fw_table_new(5, cols);
	while (fw_row(p, st)) {
		char ln[24];
		snprintf(ln, sizeof ln, "L%d", sqlite3_column_int(st, 2));
		/* codes in natural order */
		char codes[512];
		snprintf(codes, sizeof codes, "%s", sqlite3_column_text(st, 3));
		char *v[64];
		int n = 0;
		for (char *tk = strtok(codes, ","); tk && n < 64;
		     tk = strtok(NULL, ","))
			v[n++] = tk;
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && fw_natcmp(v[j - 1], v[j]) > 0;
			     j--) {
				char *tmp = v[j];
				v[j] = v[j - 1];
				v[j - 1] = tmp;
			}
		fw_buf cb;
		fw_buf_init(&cb);
		for (int i = 0; i < n; i++)
			fw_buf_printf(&cb, "%s%s", i ? ", " : "", v[i]);
		const char *row[] = {(const char *)sqlite3_column_text(st, 0),
				     (const char *)sqlite3_column_text(st, 1),
				     ln, cb.ptr,
				     (const char *)sqlite3_column_text(st, 4)};
		fw_table_add(t, FW_ROW_DATA, row);
		fw_buf_dispose(&cb);
	}
	sqlite3_finalize(st);
	return fw_table_done(out, t, p, err);
}
