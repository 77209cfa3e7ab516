/*
 * query.c: what analysts ask of the indexed data.
 *
 *   matrix    rows and columns each a code set (sub-themes of a theme, or
 *             listed codes, each counting its sub-codes) or an attribute;
 *             cells count cases, codings or coded words; --where filters
 *             cases; --cell R,C lists the passages behind one cell.
 *   retrieve  passages of a code expression: CODE, A AND B (overlapping),
 *             A OR B, A AND NOT B, A NEAR/n B (within n lines in one
 *             source), with context lines.
 *   search    full text: SQLite FTS5 over speaker turns (built on first
 *             use, prefix and phrase queries), or /REGEX/ with PCRE2;
 *             keyword-in-context output; --code codes every hit.
 *   cooccur   pairs of codes coded together within a turn or a case, with
 *             counts and the Jaccard index.
 *   typology  a case attribute set from a mapping, for use anywhere.
 */

#define PCRE2_CODE_UNIT_WIDTH 8
#include "fw/query.h"
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/sample.h"
#include "lines.h"
#include "natcmp.h"
#include "table.h"
#include "utf8.h"
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- case filters -------------------------------------------------------- */

/* 1 if the case passes every "attr=value" (value or one of ';'-separated) */
static int case_passes(fw_project *p, long long cid, const char *const *where,
		       size_t nwhere)
{
	if (!nwhere)
		return 1;
	sqlite3_stmt *st;
	if (fw_prepare(p, &st,
		       "SELECT v.value FROM case_value v JOIN attribute a ON "
		       "a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
		       NULL))
		return 0;
	int ok = 1;
	for (size_t w = 0; ok && w < nwhere; w++) {
		const char *eq = strchr(where[w], '=');
		if (!eq) {
			ok = 0;
			break;
		}
		char an[256];
		snprintf(an, sizeof an, "%.*s", (int)(eq - where[w]), where[w]);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_text(st, 2, an, -1, SQLITE_TRANSIENT);
		const char *v =
			sqlite3_step(st) == SQLITE_ROW
				? (const char *)sqlite3_column_text(st, 0)
				: NULL;
		int hit = 0;
		if (v) {
			size_t wl = strlen(eq + 1);
			for (const char *q = v; *q && !hit;) {
				while (*q == ' ')
					q++;
				size_t l = strcspn(q, ";"), tl = l;
				while (tl && q[tl - 1] == ' ')
					tl--;
				hit = tl == wl && !strncasecmp(q, eq + 1, wl);
				q += l + (q[l] == ';');
			}
		}
		ok = hit;
	}
	sqlite3_finalize(st);
	return ok;
}

static int check_where(const char *const *where, size_t n, fw_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(where[i], '='))
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--where wants ATTRIBUTE=VALUE, not '%s'",
				where[i]);
	return 0;
}

/* ---- matrix -------------------------------------------------------------- */

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
		while (sqlite3_step(st) == SQLITE_ROW) {
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
						sqlite3_step(d) == SQLITE_ROW
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
		while (sqlite3_step(st) == SQLITE_ROW) {
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
	if (sqlite3_step(st) == SQLITE_ROW) {
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
	int rc = check_where(o->where, o->nwhere, err);
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
			  "case_source x CROSS JOIN coding g ON g.source_id=x.source_id JOIN "
			  "utterance u ON u.source_id=g.source_id AND u.start<g.\"end\" AND "
			  "u.\"end\">g.start JOIN speaker sp ON sp.id=u.speaker_id AND "
			  "sp.case_id=x.case_id JOIN code k ON k.id=g.code_id WHERE "
			  "x.by_speaker=1 ORDER BY 3, 1"
			/* grouped on the covering index (code_id, source_id)
			 * first, then joined: no temporary tree over every
			 * coding */
			: "SELECT x.case_id, k.number, t.n FROM (SELECT code_id, "
			  "source_id, count(*) AS n FROM coding GROUP BY code_id, "
			  "source_id) t JOIN case_source x ON x.source_id=t.source_id AND "
			  "x.by_speaker=0 JOIN code k ON k.id=t.code_id UNION ALL "
			  "SELECT sp.case_id, k.number, count(DISTINCT g.id) FROM "
			  "case_source x CROSS JOIN coding g ON g.source_id=x.source_id JOIN "
			  "utterance u ON u.source_id=g.source_id AND u.start<g.\"end\" AND "
			  "u.\"end\">g.start JOIN speaker sp ON sp.id=u.speaker_id AND "
			  "sp.case_id=x.case_id JOIN code k ON k.id=g.code_id WHERE "
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
	while (sqlite3_step(st) == SQLITE_ROW) {
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
				if (sqlite3_step(ts) == SQLITE_ROW) {
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
			pass_ok = case_passes(p, cid, o->where, o->nwhere);
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
				while (sqlite3_step(ps) == SQLITE_ROW) {
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
	*out = t;
	return 0;
}

/* ---- retrieve ------------------------------------------------------------ */

typedef struct passage {
	long long source, cid;
	long start, end;
	int a, b;
} passage;

typedef struct pset {
	passage *v;
	size_t n;
} pset;

static int passages_of(fw_project *p, const char *code, int deep, pset *out,
		       fw_error *err)
{
	memset(out, 0, sizeof *out);
	long long kid;
	int rc = fw_code_find(&kid, p, code, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT g.source_id, x.case_id, g.start, g.\"end\", "
		    "g.line_start, g.line_end FROM code k JOIN coding g ON "
		    "g.code_id=k.id JOIN case_source x ON x.source_id=g.source_id "
		    "AND x.by_speaker=0 WHERE k.id=?1 OR (?2 AND k.number LIKE "
		    "(SELECT number FROM code WHERE id=?1) || '.%') UNION ALL "
		    "SELECT DISTINCT g.source_id, sp.case_id, g.start, g.\"end\", "
		    "g.line_start, g.line_end FROM code k JOIN coding g ON "
		    "g.code_id=k.id JOIN case_source x ON x.source_id=g.source_id "
		    "AND x.by_speaker=1 AND x.by_speaker=+1 JOIN utterance u ON u.source_id=g.source_id "
		    "AND u.start<g.\"end\" AND u.\"end\">g.start JOIN speaker sp "
		    "ON sp.id=u.speaker_id AND sp.case_id=x.case_id WHERE k.id=?1 "
		    "OR (?2 AND k.number LIKE (SELECT number FROM code WHERE "
		    "id=?1) || '.%') ORDER BY 1, 3, 4",
		    err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, kid);
	sqlite3_bind_int(st, 2, deep);
	while (sqlite3_step(st) == SQLITE_ROW) {
		out->v = fw_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		passage *x = &out->v[out->n++];
		x->source = sqlite3_column_int64(st, 0);
		x->cid = sqlite3_column_int64(st, 1);
		x->start = sqlite3_column_int64(st, 2);
		x->end = sqlite3_column_int64(st, 3);
		x->a = sqlite3_column_int(st, 4);
		x->b = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Combine: op 'A' and (overlap), 'O' or, 'N' and not, 'R' near/n lines. */
static void combine(pset *a, const pset *b, int op, int near)
{
	pset r = {NULL, 0};
	if (op == 'O') {
		r.v = fw_xmalloc((a->n + b->n + 1) * sizeof *r.v);
		memcpy(r.v, a->v, a->n * sizeof *r.v);
		r.n = a->n;
		for (size_t j = 0; j < b->n; j++) {
			int dup = 0;
			for (size_t i = 0; i < a->n && !dup; i++)
				dup = a->v[i].source == b->v[j].source &&
				      a->v[i].start == b->v[j].start &&
				      a->v[i].end == b->v[j].end &&
				      a->v[i].cid == b->v[j].cid;
			if (!dup)
				r.v[r.n++] = b->v[j];
		}
	} else {
		/* both sorted by source then start: walk b from the first
		 * passage of a's source */
		r.v = fw_xmalloc((a->n + 1) * sizeof *r.v);
		size_t j0 = 0;
		for (size_t i = 0; i < a->n; i++) {
			const passage *x = &a->v[i];
			while (j0 < b->n && b->v[j0].source < x->source)
				j0++;
			int hit = 0;
			for (size_t j = j0;
			     j < b->n && !hit && b->v[j].source == x->source;
			     j++) {
				if (op == 'R') {
					if (b->v[j].a > x->b + near)
						break; /* later passages start
							  later still */
					hit = x->a - near <= b->v[j].b;
				} else {
					if (b->v[j].start >= x->end)
						break;
					hit = b->v[j].end > x->start;
				}
			}
			if ((op == 'N') ? !hit : hit)
				r.v[r.n++] = *x;
		}
	}
	free(a->v);
	*a = r;
}

int fw_query_retrieve(fw_table **out, fw_project *p, const fw_retrieve_opts *o,
		      fw_error *err)
{
	const char *expr = o->expr;
	const char *const *where = o->where, *const *show = o->show;
	size_t nwhere = o->nwhere, nshow = o->nshow;
	int deep = o->deep, context = o->context;
	for (size_t k = 0; k < nshow; k++)
		if (!fw_attribute_id(p, show[k], 0, NULL))
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to show",
					    show[k]);
	*out = NULL;
	int rc = check_where(where, nwhere, err);
	if (rc)
		return rc;
	/* CODE [AND|OR|AND NOT|NEAR/n CODE]... left to right */
	char *copy = fw_xstrdup(expr);
	char *tok[64];
	int nt = 0;
	for (char *t = strtok(copy, " \t"); t && nt < 64;
	     t = strtok(NULL, " \t"))
		tok[nt++] = t;
	pset acc;
	if (!nt) {
		free(copy);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "retrieve needs a code");
	}
	if ((rc = passages_of(p, tok[0], deep, &acc, err))) {
		free(copy);
		return rc;
	}
	for (int i = 1; !rc && i < nt;) {
		int op = 0, near = 0;
		if (!strcasecmp(tok[i], "AND") && i + 1 < nt &&
		    !strcasecmp(tok[i + 1], "NOT")) {
			op = 'N';
			i += 2;
		} else if (!strcasecmp(tok[i], "AND")) {
			op = 'A';
			i++;
		} else if (!strcasecmp(tok[i], "OR")) {
			op = 'O';
			i++;
		} else if (!strncasecmp(tok[i], "NEAR/", 5) &&
			   isdigit((unsigned char)tok[i][5])) {
			op = 'R';
			near = atoi(tok[i] + 5);
			i++;
		} else {
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"expected AND, OR, AND NOT or NEAR/n, found '%s'",
				tok[i]);
			break;
		}
		if (i >= nt) {
			rc = fw_error_set(err, FW_EINVAL, NULL, 0,
					  "a code must follow the operator");
			break;
		}
		pset b;
		if ((rc = passages_of(p, tok[i], deep, &b, err)))
			break;
		combine(&acc, &b, op, near);
		free(b.v);
		i++;
	}
	free(copy);
	if (rc) {
		free(acc.v);
		return rc;
	}
	/* case, the attribution attributes, source, lines, text */
	size_t ncol = 4 + nshow;
	const char **cols = fw_xcalloc(ncol, sizeof *cols);
	cols[0] = "case";
	for (size_t k = 0; k < nshow; k++)
		cols[1 + k] = show[k];
	cols[1 + nshow] = "source";
	cols[2 + nshow] = "lines";
	cols[3 + nshow] = "text";
	fw_table *t = fw_table_new_sink(o->sink, ncol, cols);
	free(cols);
	sqlite3_stmt *cs, *ss, *kv = NULL;
	if (fw_prepare(p, &cs, "SELECT name FROM \"case\" WHERE id=?", err) ||
	    fw_prepare(p, &ss, "SELECT name, text FROM source WHERE id=?",
		       err) ||
	    fw_prepare(p, &kv,
		       "SELECT v.value FROM case_value v JOIN attribute a ON "
		       "a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
		       err)) {
		free(acc.v);
		fw_table_free(t);
		return FW_EIO;
	}
	char **vals = fw_xcalloc(nshow + 1, sizeof *vals);
	for (size_t i = 0; i < acc.n; i++) {
		passage *x = &acc.v[i];
		if (!case_passes(p, x->cid, where, nwhere))
			continue;
		sqlite3_reset(cs);
		sqlite3_bind_int64(cs, 1, x->cid);
		sqlite3_reset(ss);
		sqlite3_bind_int64(ss, 1, x->source);
		if (sqlite3_step(cs) != SQLITE_ROW ||
		    sqlite3_step(ss) != SQLITE_ROW)
			continue;
		const char *txt = (const char *)sqlite3_column_text(ss, 1);
		size_t len = (size_t)sqlite3_column_bytes(ss, 1);
		fw_buf b;
		fw_buf_init(&b);
		int la = x->a, lb = x->b;
		if (context > 0) {
			/* whole lines from a-context to b+context */
			fw_lines li;
			fw_lines_build(&li, txt, len);
			int from = la - context < 1 ? 1 : la - context;
			int to = lb + context > li.n ? li.n : lb + context;
			size_t bs = li.start[from - 1];
			size_t be = to < li.n ? li.start[to] : len;
			fw_buf_put(&b, txt + bs, be - bs);
			while (b.len && b.ptr[b.len - 1] == '\n')
				b.ptr[--b.len] = 0;
			la = from;
			lb = to;
			fw_lines_dispose(&li);
		} else {
			size_t bs = fw_utf8_byte_at(txt, len, x->start);
			size_t be = fw_utf8_byte_at(txt, len, x->end);
			fw_buf_put(&b, txt + bs, be - bs);
		}
		char lines[48];
		if (la == lb)
			snprintf(lines, sizeof lines, "L%d", la);
		else
			snprintf(lines, sizeof lines, "L%d-%d", la, lb);
		const char **row = fw_xcalloc(ncol, sizeof *row);
		row[0] = (const char *)sqlite3_column_text(cs, 0);
		for (size_t k = 0; k < nshow; k++) {
			free(vals[k]);
			vals[k] = NULL;
			sqlite3_reset(kv);
			sqlite3_bind_int64(kv, 1, x->cid);
			sqlite3_bind_text(kv, 2, show[k], -1, SQLITE_TRANSIENT);
			if (sqlite3_step(kv) == SQLITE_ROW)
				vals[k] = fw_xstrdup(
					(const char *)sqlite3_column_text(kv,
									  0));
			row[1 + k] = vals[k];
		}
		row[1 + nshow] = (const char *)sqlite3_column_text(ss, 0);
		row[2 + nshow] = lines;
		row[3 + nshow] = b.ptr ? b.ptr : "";
		fw_table_add(t, FW_ROW_DATA, row);
		free(row);
		fw_buf_dispose(&b);
	}
	for (size_t k = 0; k < nshow; k++)
		free(vals[k]);
	free(vals);
	sqlite3_finalize(kv);
	sqlite3_finalize(cs);
	sqlite3_finalize(ss);
	free(acc.v);
	*out = t;
	return 0;
}

/* ---- search -------------------------------------------------------------- */

/* The full-text index: a contentless-style FTS5 table over turns, built on
 * first use and rebuilt when the turns changed (by count). */
static int fts_ready(fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	long long turns = 0, indexed = -1;
	/* turns and the highest turn id: any ingest changes one of them */
	if (fw_prepare(
		    p, &st,
		    "SELECT count(*) * 1000000000 + coalesce(max(id), 0) FROM "
		    "utterance",
		    err))
		return FW_EIO;
	if (sqlite3_step(st) == SQLITE_ROW)
		turns = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!fw_prepare(p, &st,
			"SELECT value FROM setting WHERE key='fts_turns'",
			NULL)) {
		if (sqlite3_step(st) == SQLITE_ROW)
			indexed = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (indexed == turns &&
	    !fw_prepare(p, &st,
			"SELECT 1 FROM sqlite_master WHERE name='turn_fts'",
			NULL)) {
		int have = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (have)
			return 0;
	}
	if (p->readonly)
		return fw_error_set(
			err, FW_EINVAL, p->path, 0,
			"the search index needs building: the project must "
			"be writable once");
	char n[32];
	snprintf(n, sizeof n, "%lld", turns);
	/* a savepoint: works inside the caller's transaction or alone */
	int rc = fw_exec(p, "SAVEPOINT fts", err);
	if (rc)
		return rc;
	rc = fw_exec(
		p,
		"DROP TABLE IF EXISTS turn_fts;"
		"CREATE VIRTUAL TABLE turn_fts USING fts5(text, "
		"tokenize='porter unicode61 remove_diacritics 2');"
		"INSERT INTO turn_fts(rowid, text) SELECT u.id, substr(s.text, "
		"u.start+1, u.\"end\"-u.start) FROM utterance u JOIN source s ON "
		"s.id=u.source_id;",
		err);
	if (!rc) {
		char sql[200];
		snprintf(
			sql, sizeof sql,
			"INSERT INTO setting(key,value) VALUES('fts_turns','%s') ON "
			"CONFLICT(key) DO UPDATE SET value=excluded.value",
			n);
		rc = fw_exec(p, sql, err);
	}
	if (!rc)
		rc = fw_exec(p, "RELEASE fts", err);
	else {
		fw_exec(p, "ROLLBACK TO fts", NULL);
		fw_exec(p, "RELEASE fts", NULL);
	}
	return rc;
}

static void kwic(fw_buf *b, const char *t, size_t len, size_t hs, size_t he)
{
	size_t a = hs > 40 ? hs - 40 : 0, z = he + 40 < len ? he + 40 : len;
	while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
		a--;
	while (z < len && ((unsigned char)t[z] & 0xC0) == 0x80)
		z++;
	if (a > 0)
		fw_buf_puts(b, "...");
	for (size_t i = a; i < z; i++) {
		if (i == hs)
			fw_buf_puts(b, "[");
		fw_buf_putc(b, t[i] == '\n' ? ' ' : t[i]);
		if (i + 1 == he)
			fw_buf_puts(b, "]");
	}
	if (z < len)
		fw_buf_puts(b, "...");
}

int fw_query_search(fw_table **out, int *coded, fw_project *p,
		    const fw_search_opts *o, fw_error *err)
{
	*out = NULL;
	if (coded)
		*coded = 0;
	int rc = check_where(o->where, o->nwhere, err);
	if (rc)
		return rc;
	const char *q = o->query;
	size_t ql = strlen(q);
	int regex = ql >= 2 && q[0] == '/' &&
		    (q[ql - 1] == '/' ||
		     (ql >= 3 && q[ql - 2] == '/' && q[ql - 1] == 'i'));
	int icase = regex && q[ql - 1] == 'i';
	pcre2_code *re = NULL;
	pcre2_match_data *md = NULL;
	if (regex) {
		int ec;
		PCRE2_SIZE eo;
		size_t pl = ql - 2 - (size_t)icase;
		re = pcre2_compile((PCRE2_SPTR)(q + 1), pl,
				   PCRE2_UTF | (icase ? PCRE2_CASELESS : 0),
				   &ec, &eo, NULL);
		if (!re) {
			char msg[200];
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg,
						sizeof msg);
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "search: %s at offset %zu", msg,
					    (size_t)eo);
		}
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		md = pcre2_match_data_create_from_pattern(re, NULL);
	} else if ((rc = fts_ready(p, err))) {
		return rc;
	}
	long long code_id = 0;
	if (o->code && (rc = fw_code_find(&code_id, p, o->code, err))) {
		if (re) {
			pcre2_match_data_free(md);
			pcre2_code_free(re);
		}
		return rc;
	}
	sqlite3_stmt *st;
	const char *role = o->speaker ? o->speaker : "respondent";
	if (regex)
		rc = fw_prepare(
			p, &st,
			"SELECT u.id, c.id, c.name, s.name, s.id, u.line_start, "
			"u.start, substr(s.text, u.start+1, u.\"end\"-u.start), "
			"s.text FROM utterance u JOIN source s ON s.id=u.source_id "
			"JOIN speaker k ON k.id=u.speaker_id LEFT JOIN \"case\" c "
			"ON c.id=coalesce(k.case_id, (SELECT min(x.case_id) FROM "
			"case_source x WHERE x.source_id=s.id)) WHERE (?1='all' OR k.role=?1 OR (?1="
			"'respondent' AND k.role='participant')) ORDER BY s.name, "
			"u.seq",
			err);
	else
		rc = fw_prepare(
			p, &st,
			"SELECT u.id, c.id, c.name, s.name, s.id, u.line_start, "
			"u.start, substr(s.text, u.start+1, u.\"end\"-u.start), "
			"s.text FROM turn_fts f JOIN utterance u ON u.id=f.rowid "
			"JOIN source s ON s.id=u.source_id JOIN speaker k ON "
			"k.id=u.speaker_id LEFT JOIN \"case\" c ON "
			"c.id=coalesce(k.case_id, (SELECT min(x.case_id) FROM "
			"case_source x WHERE x.source_id=s.id)) WHERE turn_fts MATCH ?2 AND (?1='all' OR k.role=?1 OR "
			"(?1='respondent' AND k.role='participant')) ORDER BY "
			"s.name, u.seq",
			err);
	if (rc) {
		if (re) {
			pcre2_match_data_free(md);
			pcre2_code_free(re);
		}
		return rc;
	}
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	if (!regex)
		sqlite3_bind_text(st, 2, q, -1, SQLITE_TRANSIENT);
	static const char *const cols[] = {"case", "source", "line", "context"};
	fw_table *t = fw_table_new_sink(o->sink, 4, cols);
	fw_table_numeric(t, 2);
	/* FTS gives turns; the words are found in the text for the KWIC */
	char **terms = NULL;
	size_t nterms = 0;
	if (!regex) {
		char *cp = fw_xstrdup(q);
		for (char *w = strtok(cp, " \"()"); w;
		     w = strtok(NULL, " \"()")) {
			if (!strcmp(w, "AND") || !strcmp(w, "OR") ||
			    !strcmp(w, "NOT") || !strncmp(w, "NEAR", 4))
				continue;
			size_t wl = strlen(w);
			if (wl && w[wl - 1] == '*')
				w[--wl] = 0;
			/* the stem: a crude cut so "worried" finds "worry" in
			 * the text */
			if (wl > 5)
				w[wl - (wl > 7 ? 3 : 2)] = 0;
			terms = fw_xrealloc(terms,
					    (nterms + 1) * sizeof *terms);
			terms[nterms++] = fw_xstrdup(w);
		}
		free(cp);
	}
	long long pass_case = -1;
	int pass_ok = 1;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		long long cid = sqlite3_column_int64(st, 1);
		if (cid != pass_case) {
			pass_case = cid;
			pass_ok = case_passes(p, cid, o->where, o->nwhere);
		}
		if (!pass_ok)
			continue;
		const char *txt = (const char *)sqlite3_column_text(st, 7);
		size_t len = (size_t)sqlite3_column_bytes(st, 7);
		long ustart = sqlite3_column_int64(st, 6);
		int uline = sqlite3_column_int(st, 5);
		/* hits within the turn: byte spans */
		size_t hs[256], he[256];
		int nh = 0;
		if (regex) {
			size_t off = 0;
			while (nh < 256 && off <= len &&
			       pcre2_match(re, (PCRE2_SPTR)txt, len, off, 0, md,
					   NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				hs[nh] = ov[0];
				he[nh] = ov[1];
				nh++;
				off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			}
		} else {
			for (size_t k = 0; k < nterms && nh < 256; k++) {
				size_t tl = strlen(terms[k]);
				for (const char *f = txt;
				     nh < 256 && (f = strcasestr(f, terms[k]));
				     f += tl) {
					size_t a = (size_t)(f - txt),
					       z = a + tl;
					if (a > 0 &&
					    isalnum((unsigned char)txt[a - 1]))
						continue;
					while (z < len &&
					       (isalnum((
							unsigned char)txt[z]) ||
						txt[z] == '\''))
						z++;
					hs[nh] = a;
					he[nh] = z;
					nh++;
				}
			}
			if (!nh) { /* matched by stemming alone: show the turn's
				      start */
				hs[0] = 0;
				he[0] = 0;
				nh = 1;
			}
		}
		for (int h = 0; h < nh; h++) {
			/* the line of the hit */
			int line = uline;
			for (size_t i = 0; i < hs[h]; i++)
				line += txt[i] == '\n';
			fw_buf b;
			fw_buf_init(&b);
			kwic(&b, txt, len, hs[h],
			     he[h] > hs[h] ? he[h] : hs[h] + 1);
			char ln[24];
			snprintf(ln, sizeof ln, "L%d", line);
			const char *row[] = {
				(const char *)sqlite3_column_text(st, 2),
				(const char *)sqlite3_column_text(st, 3), ln,
				b.ptr};
			fw_table_add(t, FW_ROW_DATA, row);
			fw_buf_dispose(&b);
			if (code_id && he[h] > hs[h]) {
				long a = ustart + fw_utf8_count(txt, hs[h]);
				long z = ustart + fw_utf8_count(txt, he[h]);
				char src[300];
				snprintf(src, sizeof src, "%s",
					 sqlite3_column_text(st, 3));
				long long id;
				fw_error e2;
				fw_error_clear(&e2);
				if (!fw_code_span(&id, p, src, a, z, o->code,
						  o->coder, &e2) &&
				    coded)
					(*coded)++;
			}
		}
	}
	sqlite3_finalize(st);
	for (size_t k = 0; k < nterms; k++)
		free(terms[k]);
	free(terms);
	if (re) {
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	*out = t;
	return rc;
}

/* ---- co-occurrence ------------------------------------------------------- */

/* Within N lines: every pair of codings of different codes in one source
 * whose line ranges come within N lines counts once; a code's count is its
 * number of codings. */
static int cooccur_lines(fw_project *p, const char *theme, int nlines,
			 fw_table **out, fw_error *err)
{
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT g.source_id, g.line_start, g.line_end, k.number FROM "
		    "coding g JOIN code k ON k.id=g.code_id WHERE k.parent_id IS "
		    "NOT NULL AND (?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY "
		    "g.source_id, g.line_start",
		    err))
		return FW_EIO;
	if (theme)
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 1);
	typedef struct cg {
		long long src;
		int a, b;
		int code;
	} cg;
	cg *v = NULL;
	size_t n = 0, cap = 0;
	char **codes = NULL;
	size_t ncodes = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
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
	for (size_t a = 0; a < ncodes; a++)
		free(codes[a]);
	free(codes);
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
	if (within > 0) {
		if (theme) {
			long long tid;
			int rc = fw_code_find(&tid, p, theme, err);
			if (rc)
				return rc;
		}
		return cooccur_lines(p, theme, within, out, err);
	}
	if (theme) {
		long long tid;
		int rc = fw_code_find(&tid, p, theme, err);
		if (rc)
			return rc;
	}
	/* the unit a coding falls in: its case, or each turn it overlaps */
	const char *unit_sql =
		within_case
			? "SELECT DISTINCT x.case_id, k.number FROM coding g JOIN "
			  "coding_case x ON x.coding_id=g.id JOIN code k ON k.id=g.code_id "
			  "WHERE k.parent_id IS NOT NULL AND (?1 IS NULL OR k.number LIKE "
			  "?1 || '.%') ORDER BY 1"
			: "SELECT DISTINCT u.id, k.number FROM coding g JOIN utterance u ON "
			  "u.source_id=g.source_id AND u.start<g.\"end\" AND u.\"end\">g.start "
			  "JOIN code k ON k.id=g.code_id WHERE k.parent_id IS NOT NULL AND "
			  "(?1 IS NULL OR k.number LIKE ?1 || '.%') ORDER BY 1";
	sqlite3_stmt *st;
	if (fw_prepare(p, &st, unit_sql, err))
		return FW_EIO;
	if (theme)
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 1);
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
		int more = sqlite3_step(st) == SQLITE_ROW;
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
	for (size_t a = 0; a < ncodes; a++)
		free(codes[a]);
	free(codes);
	free(alone);
	free(pair);
	*out = t;
	return 0;
}

int fw_query_cooccur_pairs(fw_table **out, fw_project *p, const char *theme,
			   fw_error *err)
{
	*out = NULL;
	if (theme) {
		long long tid;
		int rc = fw_code_find(&tid, p, theme, err);
		if (rc)
			return rc;
	}
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT (SELECT c.name FROM \"case\" c WHERE c.id=coalesce("
		    "sp.case_id, (SELECT min(x.case_id) FROM case_source x WHERE "
		    "x.source_id=s.id))), s.name, u.line_start, "
		    "group_concat(DISTINCT k.number), substr(s.text, u.start+1, "
		    "u.\"end\"-u.start) FROM coding g JOIN utterance u ON "
		    "u.source_id=g.source_id AND u.start<g.\"end\" AND "
		    "u.\"end\">g.start JOIN source s ON s.id=u.source_id JOIN code k "
		    "ON k.id=g.code_id LEFT JOIN speaker sp ON sp.id=u.speaker_id "
		    "WHERE k.parent_id IS NOT NULL AND (?1 IS NULL OR k.number LIKE "
		    "?1 || '.%') GROUP BY u.id HAVING count(DISTINCT k.number) > 1 "
		    "ORDER BY s.name, u.seq",
		    err))
		return FW_EIO;
	if (theme)
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 1);
	static const char *const cols[] = {"case", "source", "line", "codes",
					   "text"};
	fw_table *t = fw_table_new(5, cols);
	while (sqlite3_step(st) == SQLITE_ROW) {
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
	*out = t;
	return 0;
}

/* ---- sample tables ------------------------------------------------------- */

/* The values of a case's attribute, split on ';' (multi-valued). */
static size_t case_values(sqlite3_stmt *kv, long long cid, const char *attr,
			  char ***vals)
{
	sqlite3_reset(kv);
	sqlite3_bind_int64(kv, 1, cid);
	sqlite3_bind_text(kv, 2, attr, -1, SQLITE_TRANSIENT);
	*vals = NULL;
	if (sqlite3_step(kv) != SQLITE_ROW)
		return 0;
	const char *v = (const char *)sqlite3_column_text(kv, 0);
	size_t n = 0;
	for (const char *q = v; q && *q;) {
		while (*q == ' ')
			q++;
		size_t l = strcspn(q, ";"), tl = l;
		while (tl && isspace((unsigned char)q[tl - 1]))
			tl--;
		int seen = 0;
		for (size_t i = 0; i < n && !seen; i++)
			seen = strlen((*vals)[i]) == tl &&
			       !strncmp((*vals)[i], q, tl);
		if (tl && !seen) {
			*vals = fw_xrealloc(*vals, (n + 1) * sizeof **vals);
			(*vals)[n++] = fw_xstrndup(q, tl);
		}
		q += l + (q[l] == ';');
	}
	return n;
}

static void values_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One counter: the weight (cases or participants), the cases, and how
 * many of them are group discussions. */
typedef struct tcount {
	long w, cases, groups;
} tcount;

typedef struct tkeys {
	char **v;
	size_t n;
	long *total; /* weight per key, for ordering by count */
} tkeys;

static size_t key_of(tkeys *k, const char *v)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->v[i], v))
			return i;
	k->v = fw_xrealloc(k->v, (k->n + 1) * sizeof *k->v);
	k->total = fw_xrealloc(k->total, (k->n + 1) * sizeof *k->total);
	k->v[k->n] = fw_xstrdup(v);
	k->total[k->n] = 0;
	return k->n++;
}

static void count_cell(char *out, size_t n, const tcount *c, int participants)
{
	if (participants && c->cases && c->groups == c->cases)
		snprintf(out, n, "%ld in %ld group%s", c->w, c->groups,
			 c->groups == 1 ? "" : "s");
	else
		snprintf(out, n, "%ld", c->w);
}

static const tkeys *sort_keys;
static int sort_order;
static int key_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (sort_order == FW_ORDER_COUNT &&
	    sort_keys->total[i] != sort_keys->total[j])
		return sort_keys->total[i] > sort_keys->total[j] ? -1 : 1;
	if (sort_order == FW_ORDER_NAME)
		return fw_natcmp(sort_keys->v[i], sort_keys->v[j]);
	return i < j ? -1 : i > j;
}

static size_t *key_order(const tkeys *k, int order)
{
	size_t *ix = fw_xcalloc(k->n ? k->n : 1, sizeof *ix);
	for (size_t i = 0; i < k->n; i++)
		ix[i] = i;
	sort_keys = k;
	sort_order = order;
	qsort(ix, k->n, sizeof *ix, key_cmp);
	return ix;
}

static void keys_free(tkeys *k)
{
	values_free(k->v, k->n);
	free(k->total);
}

/* One row attribute's block of the table.  The columns are known (cols,
 * collected from the same cases), so only rows grow. */
static int sample_block(sqlite3_stmt *kv, const long long *ids,
			const int *is_group, size_t nids, const char *rowattr,
			const char *colattr, int participants, int order,
			int stacked, tkeys *cols, fw_table *t, int *multi)
{
	tkeys rows = {0};
	size_t ncol = cols->n, capr = 0;
	tcount *cnt = NULL; /* rows x ncol */
	tcount *ctot = fw_xcalloc(ncol, sizeof *ctot), all = {0};
	for (size_t i = 0; i < nids; i++) {
		char **rv, **cv = NULL;
		size_t nr = case_values(kv, ids[i], rowattr, &rv), nc = 1;
		if (colattr)
			nc = case_values(kv, ids[i], colattr, &cv);
		if (!nr || !nc) {
			values_free(rv, nr);
			values_free(cv, colattr ? nc : 0);
			continue;
		}
		if (nr > 1 || (colattr && nc > 1))
			*multi = 1;
		long w = 1;
		if (participants) {
			char **pv;
			size_t np =
				case_values(kv, ids[i], "participants", &pv);
			if (np == 1 && atol(pv[0]) > 0)
				w = atol(pv[0]);
			values_free(pv, np);
		}
		int grp = is_group[i];
		for (size_t a = 0; a < nr; a++) {
			size_t r = key_of(&rows, rv[a]);
			rows.total[r] += w;
			if (r >= capr) {
				size_t nr2 = capr ? capr * 2 : 16;
				cnt = fw_xrealloc(cnt,
						  nr2 * ncol * sizeof *cnt);
				memset(cnt + capr * ncol, 0,
				       (nr2 - capr) * ncol * sizeof *cnt);
				capr = nr2;
			}
			for (size_t b = 0; b < nc; b++) {
				tcount *x =
					&cnt[r * ncol +
					     key_of(cols, colattr ? cv[b]
								  : "Number")];
				x->w += w;
				x->cases++;
				x->groups += grp;
			}
		}
		/* totals count a case once, whatever its number of values */
		for (size_t b = 0; b < nc; b++) {
			tcount *x =
				&ctot[key_of(cols, colattr ? cv[b] : "Number")];
			x->w += w;
			x->cases++;
			x->groups += grp;
		}
		all.w += w;
		all.cases++;
		all.groups += grp;
		values_free(rv, nr);
		values_free(cv, colattr ? nc : 0);
	}
	size_t ncols = 1 + cols->n + (colattr ? 1 : 0);
	const char **row = fw_xcalloc(ncols, sizeof *row);
	char(*buf)[48] = fw_xcalloc(ncols, sizeof *buf);
	if (stacked) {
		row[0] = rowattr;
		fw_table_add(t, FW_ROW_GROUP, row);
	}
	size_t *ix = key_order(&rows, order);
	for (size_t a = 0; a < rows.n; a++) {
		size_t r = ix[a];
		row[0] = rows.v[r];
		tcount rt = {0};
		for (size_t b = 0; b < cols->n; b++) {
			tcount *x = &cnt[r * ncol + b];
			count_cell(buf[b], sizeof buf[b], x, participants);
			row[1 + b] = buf[b];
			rt.w += x->w;
			rt.cases += x->cases;
			rt.groups += x->groups;
		}
		if (colattr) {
			count_cell(buf[cols->n], sizeof buf[0], &rt,
				   participants);
			row[ncols - 1] = buf[cols->n];
		}
		fw_table_add(t, FW_ROW_DATA, row);
	}
	if (!stacked) {
		row[0] = "Total";
		for (size_t b = 0; b < cols->n; b++) {
			count_cell(buf[b], sizeof buf[b], &ctot[b],
				   participants);
			row[1 + b] = buf[b];
		}
		if (colattr) {
			count_cell(buf[cols->n], sizeof buf[0], &all,
				   participants);
			row[ncols - 1] = buf[cols->n];
		}
		fw_table_add(t, FW_ROW_DATA, row);
	}
	free(ix);
	free(row);
	free(buf);
	free(cnt);
	free(ctot);
	keys_free(&rows);
	return 0;
}

int fw_sample_table(fw_table **out, int *multi, fw_project *p,
		    const char *const *rowattrs, size_t nrows,
		    const char *colattr, int participants, int order,
		    const char *const *where, size_t nwhere, fw_error *err)
{
	*out = NULL;
	*multi = 0;
	int rc = check_where(where, nwhere, err);
	if (rc)
		return rc;
	if (!nrows)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a table needs an attribute for its rows");
	for (size_t i = 0; i <= nrows; i++) {
		const char *a = i < nrows ? rowattrs[i] : colattr;
		if (a && !fw_attribute_id(p, a, 0, NULL))
			return fw_error_set(
				err, FW_ENOTFOUND, NULL, 0,
				"no attribute '%s' in the classification "
				"sheet",
				a);
	}
	sqlite3_stmt *cs, *kv;
	if (fw_prepare(p, &cs,
		       "SELECT id, is_group FROM \"case\" ORDER BY sort, id",
		       err))
		return FW_EIO;
	long long *ids = NULL;
	int *is_group = NULL;
	size_t nids = 0;
	while (sqlite3_step(cs) == SQLITE_ROW) {
		long long cid = sqlite3_column_int64(cs, 0);
		if (!case_passes(p, cid, where, nwhere))
			continue;
		ids = fw_xrealloc(ids, (nids + 1) * sizeof *ids);
		is_group = fw_xrealloc(is_group, (nids + 1) * sizeof *is_group);
		ids[nids] = cid;
		is_group[nids++] = sqlite3_column_int(cs, 1);
	}
	sqlite3_finalize(cs);
	if (fw_prepare(p, &kv,
		       "SELECT v.value FROM case_value v JOIN attribute a ON "
		       "a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
		       err)) {
		free(ids);
		return FW_EIO;
	}
	/* the columns are known only after a pass: collect them first */
	tkeys cols = {0};
	if (colattr) {
		for (size_t i = 0; i < nids; i++) {
			char **cv;
			size_t nc = case_values(kv, ids[i], colattr, &cv);
			for (size_t b = 0; b < nc; b++)
				key_of(&cols, cv[b]);
			values_free(cv, nc);
		}
		if (order == FW_ORDER_NAME) {
			size_t *ix = key_order(&cols, FW_ORDER_NAME);
			tkeys s = {0};
			for (size_t b = 0; b < cols.n; b++)
				key_of(&s, cols.v[ix[b]]);
			free(ix);
			keys_free(&cols);
			cols = s;
		}
	} else {
		key_of(&cols, "Number");
	}
	size_t ncols = 1 + cols.n + (colattr ? 1 : 0);
	const char **names = fw_xcalloc(ncols, sizeof *names);
	names[0] = nrows == 1 ? rowattrs[0] : "";
	for (size_t b = 0; b < cols.n; b++)
		names[1 + b] = cols.v[b];
	if (colattr)
		names[ncols - 1] = "Total";
	fw_table *t = fw_table_new(ncols, names);
	free(names);
	for (size_t i = 0; i < nrows; i++)
		sample_block(kv, ids, is_group, nids, rowattrs[i], colattr,
			     participants, order, nrows > 1, &cols, t, multi);
	sqlite3_finalize(kv);
	keys_free(&cols);
	free(ids);
	free(is_group);
	*out = t;
	return 0;
}
