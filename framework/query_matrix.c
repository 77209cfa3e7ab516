/*
 * query_matrix.c: matrix coding: rows and columns each a code set
 * (sub-themes of a theme, or listed codes, each counting its sub-codes) or
 * an attribute; cells count cases, codings or coded words, with row or
 * column percentages; --where filters cases; --cell R,C lists the passages
 * behind one cell.
 */

#include "case.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/project.h"
#include "fw/query.h"
#include "table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct axis {
	int is_attr;
	char **keys; /* code numbers, or attribute values */
	char **labels;
	size_t n;
	long long attr_id;
	/* the last case's hits (rows come ordered by case) */
	long long last_cid;
	int last_hits[64], nlast;
} axis;

static void axis_free(axis *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->keys[i]);
		free(a->labels[i]);
	}
	free(a->keys);
	free(a->labels);
	memset(a, 0, sizeof *a);
}

static void axis_add(axis *a, const char *key, const char *label)
{
	a->keys = fw_xrealloc(a->keys, (a->n + 1) * sizeof *a->keys);
	a->labels = fw_xrealloc(a->labels, (a->n + 1) * sizeof *a->labels);
	a->keys[a->n] = fw_xstrdup(key);
	a->labels[a->n] = fw_xstrdup(label);
	a->n++;
}

/* "4" (a theme: its sub-themes), "4.1,4.2", "*" (all sub-themes), or an
 * attribute name. */
static int axis_parse(fw_project *p, const char *spec, axis *a, fw_error *err)
{
	memset(a, 0, sizeof *a);
	long long aid = fw_attribute_id(p, spec, 0, NULL);
	sqlite3_stmt *st;
	if (aid) {
		a->is_attr = 1;
		a->attr_id = aid;
		if (fw_prepare(
			    p, &st,
			    "SELECT DISTINCT v.value FROM case_value v JOIN "
			    "\"case\" c ON c.id=v.case_id WHERE v.attribute_id=? "
			    "ORDER BY c.sort",
			    err))
			return FW_EIO;
		sqlite3_bind_int64(st, 1, aid);
		while (fw_row(p, st)) {
			/* multi-valued attributes count per value */
			const char *v =
				(const char *)sqlite3_column_text(st, 0);
			for (const char *q = v; q && *q;) {
				while (*q == ' ')
					q++;
				size_t l = strcspn(q, ";"), tl = l;
				while (tl && q[tl - 1] == ' ')
					tl--;
				char one[256];
				snprintf(one, sizeof one, "%.*s", (int)tl, q);
				int dup = 0;
				for (size_t i = 0; i < a->n; i++)
					dup |= !strcmp(a->keys[i], one);
				if (!dup && one[0])
					axis_add(a, one, one);
				q += l + (q[l] == ';');
			}
		}
		sqlite3_finalize(st);
		return 0;
	}
	char *copy = fw_xstrdup(spec);
	int rc = 0;
	for (char *tok = strtok(copy, ","); !rc && tok;
	     tok = strtok(NULL, ",")) {
		while (*tok == ' ')
			tok++;
		if (!strcmp(tok, "*")) {
			rc = fw_prepare(
				p, &st,
				"SELECT number, name FROM code WHERE parent_id IS NOT "
				"NULL ORDER BY sort",
				err);
		} else {
			long long kid;
			if ((rc = fw_code_find(&kid, p, tok, NULL))) {
				rc = fw_error_set(
					err, FW_ENOTFOUND, NULL, 0,
					"'%s' is neither a code nor an attribute",
					tok);
				break;
			}
			/* a main theme stands for its sub-themes */
			rc = fw_prepare(
				p, &st,
				"SELECT number, name FROM code WHERE parent_id=?1 "
				"UNION ALL SELECT number, name FROM code WHERE id=?1 "
				"AND NOT EXISTS(SELECT 1 FROM code WHERE parent_id=?1) "
				"ORDER BY 1",
				err);
			if (!rc) {
				sqlite3_bind_int64(st, 1, kid);
				/* a listed sub-theme is itself */
				sqlite3_stmt *d;
				if (!fw_prepare(
					    p, &d,
					    "SELECT depth FROM code WHERE id=?",
					    NULL)) {
					sqlite3_bind_int64(d, 1, kid);
					int depth =
						fw_row(p, d)
							? sqlite3_column_int(d,
									     0)
							: 1;
					sqlite3_finalize(d);
					if (depth > 1 || strchr(tok, '.')) {
						sqlite3_finalize(st);
						rc = fw_prepare(
							p, &st,
							"SELECT number, name FROM code WHERE id=?",
							err);
						if (!rc)
							sqlite3_bind_int64(
								st, 1, kid);
					}
				}
			}
		}
		if (rc)
			break;
		while (fw_row(p, st)) {
			char lab[600];
			snprintf(lab, sizeof lab, "%s %s",
				 sqlite3_column_text(st, 0),
				 sqlite3_column_text(st, 1));
			axis_add(a, (const char *)sqlite3_column_text(st, 0),
				 lab);
		}
		sqlite3_finalize(st);
	}
	free(copy);
	if (!rc && !a->n)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "'%s' selects nothing", spec);
	return rc;
}

/* Indexes on an axis a (case, code) pair falls in. */
static int axis_hits(fw_project *p, axis *a, long long cid, const char *code,
		     int *out, int max)
{
	int n = 0;
	if (!a->is_attr) {
		for (size_t i = 0; i < a->n && n < max; i++) {
			size_t kl = strlen(a->keys[i]);
			if (!strcmp(code, a->keys[i]) ||
			    (!strncmp(code, a->keys[i], kl) && code[kl] == '.'))
				out[n++] = (int)i;
		}
		return n;
	}
	if (a->last_cid == cid && cid) {
		for (int i = 0; i < a->nlast && i < max; i++)
			out[i] = a->last_hits[i];
		return a->nlast < max ? a->nlast : max;
	}
	sqlite3_stmt *st;
	if (fw_prepare(p, &st,
		       "SELECT value FROM case_value WHERE case_id=? AND "
		       "attribute_id=?",
		       NULL))
		return 0;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, a->attr_id);
	if (fw_row(p, st)) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		for (size_t i = 0; i < a->n && n < max; i++) {
			size_t kl = strlen(a->keys[i]);
			for (const char *q = v; *q;) {
				while (*q == ' ')
					q++;
				size_t l = strcspn(q, ";"), tl = l;
				while (tl && q[tl - 1] == ' ')
					tl--;
				if (tl == kl && !strncmp(q, a->keys[i], kl)) {
					out[n++] = (int)i;
					break;
				}
				q += l + (q[l] == ';');
			}
		}
	}
	sqlite3_finalize(st);
	a->last_cid = cid;
	a->nlast = n < 64 ? n : 64;
	for (int i = 0; i < a->nlast; i++)
		a->last_hits[i] = out[i];
	return n;
}

int fw_query_matrix(fw_table **out, fw_project *p, const fw_matrix_opts *o,
		    fw_error *err)
{
	*out = NULL;
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc)
		return rc;
	axis R, C;
	if ((rc = axis_parse(p, o->rows, &R, err)))
		return rc;
	if ((rc = axis_parse(p, o->cols, &C, err))) {
		axis_free(&R);
		return rc;
	}
	if (R.is_attr && C.is_attr) {
		axis_free(&R);
		axis_free(&C);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "one of rows and columns must be codes");
	}
	/* per (case, code): codings, aggregated by SQL in two branches
	 * (sources linked to a case, and participant cases through their
	 * speakers) so that neither goes through a materialised view.  Words
	 * are counted in C, each source's text read once. */
	sqlite3_stmt *st;
	const char *sql =
		o->count == FW_COUNT_WORDS
			? "SELECT x.case_id, k.number, g.source_id, g.start, g.\"end\" FROM "
			  "coding g JOIN case_source x ON x.source_id=g.source_id AND "
			  "x.by_speaker=0 JOIN code k ON k.id=g.code_id UNION ALL SELECT "
			  "DISTINCT sp.case_id, k.number, g.source_id, g.start, g.\"end\" FROM "
			  "case_source x CROSS JOIN coding g ON g.source_id=x.source_id " FW_SQL_SPEAKER_CASE
			  "JOIN code k ON k.id=g.code_id WHERE "
			  "x.by_speaker=1 ORDER BY 3, 1"
			/* grouped on the covering index (code_id, source_id)
			 * first, then joined: no temporary tree over every
			 * coding */
			: "SELECT x.case_id, k.number, t.n FROM (SELECT code_id, "
			  "source_id, count(*) AS n FROM coding GROUP BY code_id, "
			  "source_id) t JOIN case_source x ON x.source_id=t.source_id AND "
			  "x.by_speaker=0 JOIN code k ON k.id=t.code_id UNION ALL "
			  "SELECT sp.case_id, k.number, count(DISTINCT g.id) FROM "
			  "case_source x CROSS JOIN coding g ON g.source_id=x.source_id " FW_SQL_SPEAKER_CASE
			  "JOIN code k ON k.id=g.code_id WHERE "
			  "x.by_speaker=1 GROUP BY sp.case_id, g.code_id ORDER BY 1";
	rc = fw_prepare(p, &st, sql, err);
	if (rc) {
		axis_free(&R);
		axis_free(&C);
		return rc;
	}
	size_t nr = R.n, nc = C.n;
	double *val = fw_xcalloc(nr * nc + 1, sizeof *val);
	long long *lastcase = fw_xcalloc(nr * nc + 1, sizeof *lastcase);
	/* passages for --cell */
	int cell_r = -1, cell_c = -1;
	if (o->cell_row > 0 && o->cell_col > 0) {
		cell_r = o->cell_row - 1;
		cell_c = o->cell_col - 1;
		if ((size_t)cell_r >= nr || (size_t)cell_c >= nc) {
			free(val);
			free(lastcase);
			axis_free(&R);
			axis_free(&C);
			sqlite3_finalize(st);
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--cell %d,%d is outside the %zux%zu matrix",
				o->cell_row, o->cell_col, nr, nc);
		}
	}
	long long pass_case = 0;
	int pass_ok = 0;
	char **cell_codes = NULL;
	size_t ncell_codes = 0;
	long long *cell_cases = NULL;
	size_t ncell_cases = 0;
	long long text_src = 0;
	char *text = NULL;
	size_t *cp_byte = NULL; /* code point -> byte offset of the text */
	long ncp = 0;
	sqlite3_stmt *ts = NULL;
	if (o->count == FW_COUNT_WORDS)
		fw_prepare(p, &ts, "SELECT text FROM source WHERE id=?", NULL);
	while (fw_row(p, st)) {
		long long cid = sqlite3_column_int64(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		long n = 1, words = 0;
		if (o->count != FW_COUNT_WORDS) {
			n = sqlite3_column_int(st, 2);
		} else {
			long long sid = sqlite3_column_int64(st, 2);
			if (sid != text_src && ts) {
				free(text);
				free(cp_byte);
				text = NULL;
				cp_byte = NULL;
				ncp = 0;
				sqlite3_reset(ts);
				sqlite3_bind_int64(ts, 1, sid);
				if (fw_row(p, ts)) {
					size_t len =
						(size_t)sqlite3_column_bytes(ts,
									     0);
					text = fw_xstrndup(
						(const char *)
							sqlite3_column_text(ts,
									    0),
						len);
					cp_byte = fw_xmalloc((len + 2) *
							     sizeof *cp_byte);
					for (size_t i = 0; i < len; i++)
						if (((unsigned char)text[i] &
						     0xC0) != 0x80)
							cp_byte[ncp++] = i;
					cp_byte[ncp] = len;
				}
				text_src = sid;
			}
			long a = sqlite3_column_int64(st, 3),
			     z = sqlite3_column_int64(st, 4);
			if (text && a >= 0 && z <= ncp && a < z) {
				int inw = 0;
				for (size_t i = cp_byte[a]; i < cp_byte[z];
				     i++) {
					int sp =
						isspace((unsigned char)text[i]);
					if (!sp && !inw)
						words++;
					inw = !sp;
				}
			}
		}
		if (cid != pass_case) {
			pass_case = cid;
			pass_ok = fw_where_keep(p, cid, o->where, o->nwhere);
		}
		if (!pass_ok)
			continue;
		int ri[64], ci[64];
		int nri = axis_hits(p, &R, cid, code, ri, 64);
		int nci = axis_hits(p, &C, cid, code, ci, 64);
		for (int a = 0; a < nri; a++)
			for (int b = 0; b < nci; b++) {
				size_t k = (size_t)ri[a] * nc + (size_t)ci[b];
				if (o->count == FW_COUNT_CASES) {
					if (lastcase[k] != cid) {
						val[k] += 1;
						lastcase[k] = cid;
					}
				} else {
					val[k] += o->count == FW_COUNT_WORDS
							  ? (double)words
							  : (double)n;
				}
				if (ri[a] == cell_r && ci[b] == cell_c) {
					cell_codes = fw_xrealloc(
						cell_codes,
						(ncell_codes + 1) *
							sizeof *cell_codes);
					cell_codes[ncell_codes++] =
						fw_xstrdup(code);
					cell_cases = fw_xrealloc(
						cell_cases,
						(ncell_cases + 1) *
							sizeof *cell_cases);
					cell_cases[ncell_cases++] = cid;
				}
			}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ts);
	free(text);
	free(cp_byte);
	fw_table *t = NULL;
	if (cell_r >= 0) {
		/* the passages behind one cell */
		static const char *const pc[] = {"case", "code", "source",
						 "lines", "text"};
		t = fw_table_new(5, pc);
		sqlite3_stmt *ps;
		if (!fw_prepare(
			    p, &ps,
			    "SELECT c.name, k.number, s.name, g.line_start, "
			    "g.line_end, substr(s.text, g.start+1, g.\"end\"-g.start) "
			    "FROM coding g JOIN coding_case x ON x.coding_id=g.id JOIN "
			    "\"case\" c ON c.id=x.case_id JOIN code k ON "
			    "k.id=g.code_id JOIN source s ON s.id=g.source_id WHERE "
			    "x.case_id=? AND k.number=? ORDER BY s.name, g.start",
			    err)) {
			for (size_t i = 0; i < ncell_codes; i++) {
				sqlite3_reset(ps);
				sqlite3_bind_int64(ps, 1, cell_cases[i]);
				sqlite3_bind_text(ps, 2, cell_codes[i], -1,
						  SQLITE_TRANSIENT);
				while (fw_row(p, ps)) {
					char lines[48];
					int a = sqlite3_column_int(ps, 3),
					    b = sqlite3_column_int(ps, 4);
					if (a == b)
						snprintf(lines, sizeof lines,
							 "L%d", a);
					else
						snprintf(lines, sizeof lines,
							 "L%d-%d", a, b);
					const char *row[] = {
						(const char *)
							sqlite3_column_text(ps,
									    0),
						(const char *)
							sqlite3_column_text(ps,
									    1),
						(const char *)
							sqlite3_column_text(ps,
									    2),
						lines,
						(const char *)
							sqlite3_column_text(ps,
									    5)};
					fw_table_add(t, FW_ROW_DATA, row);
				}
			}
			sqlite3_finalize(ps);
		}
	} else {
		char **names = fw_xcalloc(nc + 1, sizeof *names);
		names[0] = fw_xstrdup(o->rows);
		for (size_t c = 0; c < nc; c++)
			names[c + 1] = fw_xstrdup(C.labels[c]);
		t = fw_table_new(nc + 1, (const char *const *)names);
		for (size_t c = 0; c <= nc; c++)
			free(names[c]);
		free(names);
		const char **row = fw_xcalloc(nc + 1, sizeof *row);
		char(*buf)[32] = fw_xcalloc(nc + 1, sizeof *buf);
		for (size_t r = 0; r < nr; r++) {
			double rsum = 0;
			for (size_t c = 0; c < nc; c++)
				rsum += val[r * nc + c];
			row[0] = R.labels[r];
			for (size_t c = 0; c < nc; c++) {
				double v = val[r * nc + c];
				if (o->percent == 'r' || o->percent == 'c') {
					double base = 0;
					if (o->percent == 'r')
						base = rsum;
					else
						for (size_t k = 0; k < nr; k++)
							base += val[k * nc + c];
					snprintf(buf[c], sizeof buf[c],
						 "%.0f%%",
						 base > 0 ? 100.0 * v / base
							  : 0.0);
				} else {
					snprintf(buf[c], sizeof buf[c], "%.0f",
						 v);
				}
				row[c + 1] = buf[c];
			}
			fw_table_add(t, FW_ROW_DATA, row);
		}
		free(row);
		free(buf);
	}
	for (size_t i = 0; i < ncell_codes; i++)
		free(cell_codes[i]);
	free(cell_codes);
	free(cell_cases);
	free(val);
	free(lastcase);
	axis_free(&R);
	axis_free(&C);
	int ok = fw_rows_ok(p, err);
	if (ok) {
		fw_table_free(t);
		return ok;
	}
	*out = t;
	return 0;
}
