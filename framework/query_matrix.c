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
#include "fw/lineref.h"
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
		int rc = fw_query(&st, p, err,
				  "SELECT DISTINCT v.value FROM case_value v "
				  "JOIN \"case\" c ON c.id=v.case_id WHERE "
				  "v.attribute_id=? ORDER BY c.sort",
				  "i", (long long)aid);
		if (rc)
			return rc;
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
			rc = fw_query(
				&st, p, err,
				"SELECT number, name FROM code WHERE parent_id=?1 "
				"UNION ALL SELECT number, name FROM code WHERE id=?1 "
				"AND NOT EXISTS(SELECT 1 FROM code WHERE parent_id=?1) "
				"ORDER BY 1",
				"i", (long long)kid);
			if (!rc) {
				/* a listed sub-theme is itself */
				sqlite3_stmt *d;
				if (!fw_query(
					    &d, p, NULL,
					    "SELECT depth FROM code WHERE id=?",
					    "i", (long long)kid)) {
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

/* One matrix being counted. */
typedef struct mx {
	fw_project *p;
	const fw_matrix_opts *o;
	axis R, C;
	size_t nr, nc;
	double *val;         /* nr x nc */
	long long *lastcase; /* the last case counted per cell (cases) */
	/* the cell --cell lists, 0-based (-1: none), and its hits */
	int cell_r, cell_c;
	char **cell_codes;
	long long *cell_cases;
	size_t ncell;
	/* code numbers by code id, and each code's hits on a code axis */
	char **kname;
	int **khits[2], *nkhits[2];
	long long nk;
	/* word counts: the current source's text and code-point offsets */
	sqlite3_stmt *ts;
	long long text_src;
	char *text;
	size_t *cp_byte;
	long ncp;
} mx;

/* per (case, code): codings, aggregated by SQL in two branches (sources
 * linked to a case, and participant cases through their speakers) so that
 * neither goes through a materialised view.  Words are counted in C, each
 * source's text read once. */
static const char MX_WORDS_SQL[] =
	"SELECT x.case_id, k.number, g.source_id, g.start, g.\"end\", k.id "
	"FROM "
	"counted g JOIN case_source x ON x.source_id=g.source_id AND "
	"x.by_speaker=0 JOIN code k ON k.id=g.code_id UNION ALL SELECT "
	"DISTINCT sp.case_id, k.number, g.source_id, g.start, g.\"end\", "
	"k.id FROM "
	"case_source x CROSS JOIN counted g ON g.source_id=x.source_id " FW_SQL_SPEAKER_CASE
	"JOIN code k ON k.id=g.code_id WHERE "
	"x.by_speaker=1 ORDER BY 3, 1";
/* participant cases, through their speakers' turns */
#define MX_PARTICIPANTS                                                                      \
	"SELECT sp.case_id, k.id, count(DISTINCT g.id) FROM "                                \
	"case_source x CROSS JOIN counted g ON g.source_id=x.source_id " FW_SQL_SPEAKER_CASE \
	"JOIN code k ON k.id=g.code_id WHERE "                                               \
	"x.by_speaker=1 GROUP BY sp.case_id, g.code_id"
/* grouped on the covering index (code_id, source_id) first, then joined:
 * no temporary tree over every coding (a blind coder's counts) */
static const char MX_CODINGS_SQL[] =
	"SELECT x.case_id, k.id, t.n FROM (SELECT code_id, source_id, "
	"count(*) AS n FROM counted GROUP BY code_id, source_id) t JOIN "
	"case_source x ON x.source_id=t.source_id AND x.by_speaker=0 JOIN "
	"code k ON k.id=t.code_id UNION ALL " MX_PARTICIPANTS;
/* everyone's: the tally of codings per code, source and status (schema
 * 19) read in its key's order and joined to the sources' cases here (a
 * join in SQL cost four times the reading); ?1: suggestions count too */
static const char MX_TALLY_SQL[] =
	"SELECT code_id, source_id, n FROM coding_tally WHERE "
	"status='confirmed' OR (?1 AND status='suggested')";
/* ...with the participant cases' counts from their codings */
static const char MX_SPEAKER_SQL[] = MX_PARTICIPANTS;

/* Words in code points [a, z) of source sid, reading its text when the
 * source changes. */
static long mx_words(mx *m, long long sid, long a, long z)
{
	if (sid != m->text_src && m->ts) {
		free(m->text);
		free(m->cp_byte);
		m->text = NULL;
		m->cp_byte = NULL;
		m->ncp = 0;
		fw_rebind(m->ts, "i", (long long)sid);
		if (fw_row(m->p, m->ts)) {
			size_t len = (size_t)sqlite3_column_bytes(m->ts, 0);
			m->text = fw_xstrndup(
				(const char *)sqlite3_column_text(m->ts, 0),
				len);
			m->cp_byte = fw_xmalloc((len + 2) * sizeof *m->cp_byte);
			for (size_t i = 0; i < len; i++)
				if (((unsigned char)m->text[i] & 0xC0) != 0x80)
					m->cp_byte[m->ncp++] = i;
			m->cp_byte[m->ncp] = len;
		}
		m->text_src = sid;
	}
	long words = 0;
	if (m->text && a >= 0 && z <= m->ncp && a < z) {
		int inw = 0;
		for (size_t i = m->cp_byte[a]; i < m->cp_byte[z]; i++) {
			int sp = isspace((unsigned char)m->text[i]);
			if (!sp && !inw)
				words++;
			inw = !sp;
		}
	}
	return words;
}

/* axis_hits, with a code axis's hits kept per code id (kid > 0) */
static int mx_hits(mx *m, int which, long long cid, long long kid,
		   const char *code, int *out)
{
	axis *a = which ? &m->C : &m->R;
	if (a->is_attr || kid <= 0 || kid >= m->nk)
		return axis_hits(m->p, a, cid, code, out, 64);
	if (!m->khits[which][kid]) {
		int h[64];
		int n = axis_hits(m->p, a, cid, code, h, 64);
		m->khits[which][kid] = fw_xcalloc((size_t)n + 1, sizeof(int));
		memcpy(m->khits[which][kid], h, (size_t)n * sizeof(int));
		m->nkhits[which][kid] = n;
	}
	int n = m->nkhits[which][kid];
	memcpy(out, m->khits[which][kid], (size_t)n * sizeof(int));
	return n;
}

/* Counts one (case, code) row into every cell it falls in: n codings, or
 * the words given, or the case once. */
static void mx_add(mx *m, long long cid, long long kid, const char *code,
		   double n)
{
	int ri[64], ci[64];
	int nri = mx_hits(m, 0, cid, kid, code, ri);
	int nci = mx_hits(m, 1, cid, kid, code, ci);
	for (int a = 0; a < nri; a++)
		for (int b = 0; b < nci; b++) {
			size_t k = (size_t)ri[a] * m->nc + (size_t)ci[b];
			if (m->o->count != FW_COUNT_CASES)
				m->val[k] += n;
			else if (m->lastcase[k] != cid) {
				m->val[k] += 1;
				m->lastcase[k] = cid;
			}
			if (ri[a] == m->cell_r && ci[b] == m->cell_c) {
				m->cell_codes = fw_xrealloc(
					m->cell_codes,
					(m->ncell + 1) * sizeof *m->cell_codes);
				m->cell_cases = fw_xrealloc(
					m->cell_cases,
					(m->ncell + 1) * sizeof *m->cell_cases);
				m->cell_codes[m->ncell] = fw_xstrdup(code);
				m->cell_cases[m->ncell++] = cid;
			}
		}
}

/* One (case, code) count of the codings query, as it came. */
typedef struct mx_row {
	long long cid, kid;
	size_t seq;
	double n;
} mx_row;

static int mx_row_cmp(const void *a, const void *b)
{
	const mx_row *x = a, *y = b;
	if (x->cid != y->cid)
		return x->cid < y->cid ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The rows in case order, each case's in the order they came: counted
 * into place when case ids are dense (they are row ids), sorted
 * otherwise; NULL when r is sorted in place. */
static mx_row *mx_by_case(mx_row *r, size_t n)
{
	long long lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (!i || r[i].cid < lo)
			lo = r[i].cid;
		if (!i || r[i].cid > hi)
			hi = r[i].cid;
	}
	if (!n || hi - lo > (long long)(4 * n + 1024)) {
		if (n)
			qsort(r, n, sizeof *r, mx_row_cmp);
		return NULL;
	}
	size_t span = (size_t)(hi - lo) + 2;
	size_t *at = fw_xcalloc(span, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[r[i].cid - lo + 1]++;
	for (size_t k = 1; k < span; k++)
		at[k] += at[k - 1];
	mx_row *out = fw_xcalloc(n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[at[r[i].cid - lo]++] = r[i];
	free(at);
	return out;
}

/* (case, code) rows as they come. */
typedef struct mx_rows {
	mx_row *v;
	size_t n, cap;
} mx_rows;

static void mx_rows_add(mx_rows *r, long long cid, long long kid, double n)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 4096;
		r->v = fw_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n] = (mx_row){cid, kid, r->n, n};
	r->n++;
}

/* Rows of (case, code, n) from a statement. */
static void mx_rows_read(mx_rows *r, fw_project *p, sqlite3_stmt *st)
{
	while (fw_row(p, st))
		mx_rows_add(r, sqlite3_column_int64(st, 0),
			    sqlite3_column_int64(st, 1),
			    (double)sqlite3_column_int64(st, 2));
}

static void mx_count_rows(mx *m, const mx_row *r, size_t n);

/* The rows counted in case order; r freed. */
static int mx_count_sorted(mx *m, mx_rows *r)
{
	mx_row *sorted = mx_by_case(r->v, r->n);
	mx_count_rows(m, sorted ? sorted : r->v, r->n);
	free(sorted);
	free(r->v);
	return 0;
}

/* Codings and cases from the tally: each (code, source) count given to
 * the cases the source belongs to (case_source, read once in source
 * order), then the participant cases' from their codings. */
static int mx_count_tally(mx *m, fw_error *err)
{
	fw_srccases sc;
	int rc = fw_srccases_load(&sc, m->p, err);
	mx_rows r = {0};
	sqlite3_stmt *st;
	if (!rc && !(rc = fw_prepare(m->p, &st, MX_TALLY_SQL, err))) {
		sqlite3_bind_int(st, 1, m->p->suggested);
		while (fw_row(m->p, st)) {
			long long kid = sqlite3_column_int64(st, 0);
			long long sid = sqlite3_column_int64(st, 1);
			double n = (double)sqlite3_column_int64(st, 2);
			for (size_t i = fw_srccases_first(&sc, sid);
			     i < sc.n && sc.src[i] == sid; i++)
				mx_rows_add(&r, sc.cs[i], kid, n);
		}
		sqlite3_finalize(st);
	}
	fw_srccases_dispose(&sc);
	if (!rc && !(rc = fw_prepare(m->p, &st, MX_SPEAKER_SQL, err))) {
		mx_rows_read(&r, m->p, st);
		sqlite3_finalize(st);
	}
	if (rc) {
		free(r.v);
		return rc;
	}
	return mx_count_sorted(m, &r);
}

/* Code numbers by id. */
static int mx_codes(mx *m, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(m->p, &st,
			    "SELECT (SELECT max(id) FROM code), id, number "
			    "FROM code",
			    err);
	if (rc)
		return rc;
	while (fw_row(m->p, st)) {
		if (!m->kname) {
			m->nk = sqlite3_column_int64(st, 0) + 1;
			m->kname = fw_xcalloc((size_t)m->nk, sizeof *m->kname);
			for (int w = 0; w < 2; w++) {
				m->khits[w] = fw_xcalloc((size_t)m->nk,
							 sizeof *m->khits[w]);
				m->nkhits[w] = fw_xcalloc((size_t)m->nk,
							  sizeof *m->nkhits[w]);
			}
		}
		long long id = sqlite3_column_int64(st, 1);
		if (id > 0 && id < m->nk)
			m->kname[id] = fw_xstrdup(
				(const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	return 0;
}

/* Counts the rows, case by case (a case once per cell; --where asked once
 * per case). */
static void mx_count_rows(mx *m, const mx_row *r, size_t n)
{
	long long pass_case = 0;
	int pass_ok = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].kid <= 0 || r[i].kid >= m->nk || !m->kname[r[i].kid])
			continue;
		if (r[i].cid != pass_case) {
			pass_case = r[i].cid;
			pass_ok = fw_where_keep(m->p, pass_case, m->o->where,
						m->o->nwhere);
		}
		if (pass_ok)
			mx_add(m, r[i].cid, r[i].kid, m->kname[r[i].kid],
			       r[i].n);
	}
}

/* Runs the counting query over every (case, code) the filters keep.
 * Codings and cases: the (case, code) counts as SQL groups them on the
 * code index, put in case order here (a sort in SQL cost more than the
 * grouping); words: every coding, in source order, each source's text
 * read once. */
static int mx_count(mx *m, fw_error *err)
{
	const fw_matrix_opts *o = m->o;
	int words = o->count == FW_COUNT_WORDS;
	int rc = mx_codes(m, err);
	sqlite3_stmt *st;
	if (!rc && !words && !m->p->blind)
		return mx_count_tally(m, err);
	const char *sql = words ? MX_WORDS_SQL : MX_CODINGS_SQL;
	if (rc || (rc = fw_prepare(m->p, &st, sql, err)))
		return rc;
	if (!words) {
		mx_rows r = {0};
		mx_rows_read(&r, m->p, st);
		sqlite3_finalize(st);
		return mx_count_sorted(m, &r);
	}
	fw_prepare(m->p, &m->ts, "SELECT text FROM source WHERE id=?", NULL);
	long long pass_case = 0;
	int pass_ok = 0;
	while (fw_row(m->p, st)) {
		long long cid = sqlite3_column_int64(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		double n = (double)mx_words(m, sqlite3_column_int64(st, 2),
					    sqlite3_column_int64(st, 3),
					    sqlite3_column_int64(st, 4));
		if (cid != pass_case) {
			pass_case = cid;
			pass_ok = fw_where_keep(m->p, cid, o->where, o->nwhere);
		}
		if (pass_ok)
			mx_add(m, cid, sqlite3_column_int64(st, 5), code, n);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The passages behind the --cell cell. */
static int mx_passages(fw_table **out, mx *m, fw_error *err)
{
	static const char *const pc[] = {"case", "code", "source", "lines",
					 "text"};
	sqlite3_stmt *ps;
	int rc = fw_prepare(
		m->p, &ps,
		"SELECT c.name, k.number, s.name, g.line_start, "
		"g.line_end, substr(s.text, g.start+1, g.\"end\"-g.start) "
		"FROM counted g JOIN counted_case x ON x.coding_id=g.id "
		"JOIN \"case\" c ON c.id=x.case_id JOIN code k ON "
		"k.id=g.code_id JOIN source s ON s.id=g.source_id WHERE "
		"x.case_id=? AND k.number=? ORDER BY s.name, g.start",
		err);
	if (rc)
		return rc;
	fw_table *t = *out = fw_table_new(5, pc);
	for (size_t i = 0; i < m->ncell; i++) {
		fw_rebind(ps, "i", (long long)m->cell_cases[i]);
		sqlite3_bind_text(ps, 2, m->cell_codes[i], -1,
				  SQLITE_TRANSIENT);
		while (fw_row(m->p, ps)) {
			char lines[48];
			int a = sqlite3_column_int(ps, 3),
			    b = sqlite3_column_int(ps, 4);
			fw_lref_label(lines, sizeof lines, a, b);
			const char *row[] = {
				(const char *)sqlite3_column_text(ps, 0),
				(const char *)sqlite3_column_text(ps, 1),
				(const char *)sqlite3_column_text(ps, 2), lines,
				(const char *)sqlite3_column_text(ps, 5)};
			fw_table_add(t, FW_ROW_DATA, row);
		}
	}
	sqlite3_finalize(ps);
	return 0;
}

/* The counts, or row or column percentages, as a table. */
static fw_table *mx_table(const mx *m)
{
	size_t nr = m->nr, nc = m->nc;
	char **names = fw_xcalloc(nc + 1, sizeof *names);
	names[0] = fw_xstrdup(m->o->rows);
	for (size_t c = 0; c < nc; c++)
		names[c + 1] = fw_xstrdup(m->C.labels[c]);
	fw_table *t = fw_table_new(nc + 1, (const char *const *)names);
	for (size_t c = 0; c <= nc; c++)
		free(names[c]);
	free(names);
	const char **row = fw_xcalloc(nc + 1, sizeof *row);
	char(*buf)[32] = fw_xcalloc(nc + 1, sizeof *buf);
	int pct = m->o->percent;
	for (size_t r = 0; r < nr; r++) {
		double rsum = 0;
		for (size_t c = 0; c < nc; c++)
			rsum += m->val[r * nc + c];
		row[0] = m->R.labels[r];
		for (size_t c = 0; c < nc; c++) {
			double v = m->val[r * nc + c];
			if (pct == 'r' || pct == 'c') {
				double base = 0;
				if (pct == 'r')
					base = rsum;
				else
					for (size_t k = 0; k < nr; k++)
						base += m->val[k * nc + c];
				snprintf(buf[c], sizeof buf[c], "%.0f%%",
					 base > 0 ? 100.0 * v / base : 0.0);
			} else {
				snprintf(buf[c], sizeof buf[c], "%.0f", v);
			}
			row[c + 1] = buf[c];
		}
		fw_table_add(t, FW_ROW_DATA, row);
	}
	free(row);
	free(buf);
	return t;
}

int fw_query_matrix(fw_table **out, fw_project *p, const fw_matrix_opts *o,
		    fw_error *err)
{
	*out = NULL;
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc)
		return rc;
	mx m = {.p = p, .o = o, .cell_r = -1, .cell_c = -1};
	fw_table *t = NULL;
	if ((rc = axis_parse(p, o->rows, &m.R, err)) ||
	    (rc = axis_parse(p, o->cols, &m.C, err)))
		goto out;
	if (m.R.is_attr && m.C.is_attr) {
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "one of rows and columns must be codes");
		goto out;
	}
	m.nr = m.R.n;
	m.nc = m.C.n;
	if (o->cell_row > 0 && o->cell_col > 0) {
		m.cell_r = o->cell_row - 1;
		m.cell_c = o->cell_col - 1;
		if ((size_t)m.cell_r >= m.nr || (size_t)m.cell_c >= m.nc) {
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--cell %d,%d is outside the %zux%zu matrix",
				o->cell_row, o->cell_col, m.nr, m.nc);
			goto out;
		}
	}
	m.val = fw_xcalloc(m.nr * m.nc + 1, sizeof *m.val);
	m.lastcase = fw_xcalloc(m.nr * m.nc + 1, sizeof *m.lastcase);
	if ((rc = mx_count(&m, err)))
		goto out;
	if (m.cell_r >= 0)
		rc = mx_passages(&t, &m, err);
	else
		t = mx_table(&m);
	if (rc || (rc = fw_rows_ok(p, err))) {
		fw_table_free(t);
		t = NULL;
	}
out:
	fw_strv_free(m.cell_codes, m.ncell);
	free(m.cell_cases);
	free(m.val);
	free(m.lastcase);
	for (long long k = 0; k < m.nk; k++) {
		free(m.kname[k]);
		free(m.khits[0][k]);
		free(m.khits[1][k]);
	}
	free(m.kname);
	for (int w = 0; w < 2; w++) {
		free(m.khits[w]);
		free(m.nkhits[w]);
	}
	sqlite3_finalize(m.ts);
	free(m.text);
	free(m.cp_byte);
	axis_free(&m.R);
	axis_free(&m.C);
	*out = t;
	return rc;
}
