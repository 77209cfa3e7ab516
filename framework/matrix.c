/*
 * matrix.c: Framework charts.  A chart is a view over one main theme: a row
 * per case, ordered by the grouping attribute (groups in the order the
 * classification sheet first shows them), then the --sort attributes, then
 * the case name; a column per sub-theme.  A cell shows its researcher-written
 * summary, or failing that the line references of the case's codings.
 */
#include "case.h"
#include "chart.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"
#include "timefmt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


typedef struct sort_ctx {
	size_t nsort;
} sort_ctx;

static size_t g_nsort; /* qsort has no context argument in C11 */

typedef struct ranked {
	fw_chart_case c;
	int grank;
} ranked;

static int ranked_cmp(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->grank != b->grank)
		return a->grank < b->grank ? -1 : 1;
	for (size_t i = 0; i < g_nsort; i++) {
		const char *u = a->c.keys[i], *v = b->c.keys[i];
		if (!u || !v) {
			if (u != v)
				return u ? -1 : 1;
			continue;
		}
		int c = fw_natcmp(u, v);
		if (c)
			return c;
	}
	return fw_natcmp(a->c.name, b->c.name);
}

int fw_chart_cases(fw_chart_case **out, size_t *n, fw_project *p, const char *attr, const char *const *sort, size_t nsort, fw_error *err)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < nsort; i++)
		if (!fw_attribute_id(p, sort[i], 0, NULL))
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to sort by",
					    sort[i]);
	sqlite3_stmt *st, *kv;
	if (fw_prepare(
		    p, &st,
		    "SELECT c.id, c.name, v.value, c.is_group, c.sort, "
		    "(SELECT min(c2.sort) FROM \"case\" c2 JOIN case_value v2 ON "
		    "v2.case_id=c2.id AND v2.attribute_id=v.attribute_id AND "
		    "v2.value=v.value) FROM \"case\" c LEFT JOIN case_value v "
		    "ON v.case_id=c.id AND v.attribute_id=(SELECT id FROM "
		    "attribute WHERE name=?)",
		    err))
		return FW_EIO;
	if (fw_prepare(p, &kv,
		       "SELECT v.value FROM case_value v JOIN attribute a ON "
		       "a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
		       err)) {
		sqlite3_finalize(st);
		return FW_EIO;
	}
	sqlite3_bind_text(st, 1, attr, -1, SQLITE_TRANSIENT);
	ranked *r = NULL;
	size_t nr = 0, cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nr == cap) {
			cap = cap ? cap * 2 : 64;
			r = fw_xrealloc(r, cap * sizeof *r);
		}
		ranked *x = &r[nr++];
		memset(x, 0, sizeof *x);
		x->c.id = sqlite3_column_int64(st, 0);
		x->c.name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		const char *g = (const char *)sqlite3_column_text(st, 2);
		x->c.group = g ? fw_xstrdup(g) : NULL;
		x->c.is_group = sqlite3_column_int(st, 3);
		x->c.sort = sqlite3_column_int(st, 4);
		x->grank = g ? sqlite3_column_int(st, 5) : 2000000000;
		x->c.keys = fw_xcalloc(nsort ? nsort : 1, sizeof *x->c.keys);
		for (size_t i = 0; i < nsort; i++) {
			sqlite3_reset(kv);
			sqlite3_bind_int64(kv, 1, x->c.id);
			sqlite3_bind_text(kv, 2, sort[i], -1, SQLITE_TRANSIENT);
			if (sqlite3_step(kv) == SQLITE_ROW)
				x->c.keys[i] = fw_xstrdup(
					(const char *)sqlite3_column_text(kv,
									  0));
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(kv);
	g_nsort = nsort;
	if (nr)
		qsort(r, nr, sizeof *r, ranked_cmp);
	fw_chart_case *c = fw_xcalloc(nr ? nr : 1, sizeof *c);
	for (size_t i = 0; i < nr; i++)
		c[i] = r[i].c;
	free(r);
	*out = c;
	*n = nr;
	return 0;
}

void fw_chart_cases_free(fw_chart_case *c, size_t n, size_t nsort)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].group);
		for (size_t k = 0; k < nsort; k++)
			free(c[i].keys[k]);
		free(c[i].keys);
	}
	free(c);
}

/* ---- columns: the sub-themes of a main theme ----------------------------- */

typedef struct column {
	long long id;
	char *number, *name;
} column;

static int theme_columns(fw_project *p, const char *theme, column **cols,
			 size_t *ncols, char **theme_name, fw_error *err)
{
	long long tid;
	int rc = fw_code_find(&tid, p, theme, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (fw_prepare(p, &st, "SELECT depth, name FROM code WHERE id=?", err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, tid);
	sqlite3_step(st);
	int depth = sqlite3_column_int(st, 0);
	if (theme_name)
		*theme_name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	if (depth != 1) {
		if (theme_name) {
			free(*theme_name);
			*theme_name = NULL;
		}
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"%s is a sub-theme; a chart is drawn for a main "
			"theme (%.*s)",
			theme, (int)strcspn(theme, "."), theme);
	}
	if (fw_prepare(p, &st,
		       "SELECT id, number, name FROM code WHERE parent_id=? "
		       "ORDER BY sort, id",
		       err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, tid);
	column *c = NULL;
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		c = fw_xrealloc(c, (n + 1) * sizeof *c);
		c[n].id = sqlite3_column_int64(st, 0);
		c[n].number =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		c[n].name =
			fw_xstrdup((const char *)sqlite3_column_text(st, 2));
		n++;
	}
	sqlite3_finalize(st);
	if (!n) { /* a theme without sub-themes is its own single column */
		c = fw_xmalloc(sizeof *c);
		c[0].id = tid;
		c[0].number = fw_xstrdup(theme);
		c[0].name = fw_xstrdup(theme_name && *theme_name ? *theme_name
								 : theme);
		n = 1;
	}
	*cols = c;
	*ncols = n;
	return 0;
}

static void columns_free(column *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].number);
		free(c[i].name);
	}
	free(c);
}

/* Column index for a code number: the column itself or a descendant. */
static int column_of(const column *c, size_t n, const char *number)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(c[i].number);
		if (!strncmp(number, c[i].number, l) &&
		    (number[l] == 0 || number[l] == '.'))
			return (int)i;
	}
	return -1;
}

/* ---- line references ----------------------------------------------------- */

typedef struct lref {
	char *source;
	int a, b;
	int quote;
} lref;

typedef struct lrefs {
	lref *v;
	size_t n;
} lrefs;

static void lrefs_add(lrefs *r, const char *src, int a, int b, int q)
{
	r->v = fw_xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n].source = fw_xstrdup(src ? src : "");
	r->v[r->n].a = a;
	r->v[r->n].b = b;
	r->v[r->n].quote = q;
	r->n++;
}

static void lrefs_free(lrefs *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].source);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static int lref_cmp(const void *x, const void *y)
{
	const lref *a = x, *b = y;
	int c = strcmp(a->source, b->source);
	if (c)
		return c;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

/* "L12-18, L40" (sources named when there are several). */
static char *lrefs_format(lrefs *r)
{
	if (!r->n)
		return NULL;
	qsort(r->v, r->n, sizeof *r->v, lref_cmp);
	int several = 0;
	for (size_t i = 1; i < r->n; i++)
		several |= strcmp(r->v[i].source, r->v[0].source) != 0;
	fw_buf b;
	fw_buf_init(&b);
	size_t i = 0;
	const char *last = NULL;
	while (i < r->n) {
		int a = r->v[i].a, e = r->v[i].b;
		size_t j = i + 1;
		while (j < r->n && !strcmp(r->v[j].source, r->v[i].source) &&
		       r->v[j].a <= e + 1) {
			if (r->v[j].b > e)
				e = r->v[j].b;
			j++;
		}
		if (b.len)
			fw_buf_puts(&b, ", ");
		if (several && (!last || strcmp(last, r->v[i].source)))
			fw_buf_printf(&b, "%s ", r->v[i].source);
		last = r->v[i].source;
		if (a == e)
			fw_buf_printf(&b, "L%d", a);
		else
			fw_buf_printf(&b, "L%d-%d", a, e);
		i = j;
	}
	return fw_buf_detach(&b);
}

/* Parse "L12", "L12-18", "L12-18*" references out of a summary. */
static void parse_refs(const char *s, lrefs *out)
{
	for (const char *p = s; *p; p++) {
		if (*p != 'L' || !isdigit((unsigned char)p[1]))
			continue;
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		char *e;
		long a = strtol(p + 1, &e, 10), b = a;
		if ((*e == '-' || (unsigned char)*e == 0xE2) && 1) {
			/* "-" or an en dash (E2 80 93) */
			const char *q =
				*e == '-' ? e + 1
					  : (!strncmp(e, "\xE2\x80\x93", 3)
						     ? e + 3
						     : NULL);
			if (q &&
			    (isdigit((unsigned char)*q) ||
			     (*q == 'L' && isdigit((unsigned char)q[1])))) {
				if (*q == 'L')
					q++;
				b = strtol(q, &e, 10);
			}
		}
		int quote = *e == '*';
		if (isalpha((unsigned char)*e))
			continue; /* "L2A": not a reference */
		if (a > 1000000000L || b > 1000000000L)
			a = b = 1000000000L;
		lrefs_add(out, NULL, (int)a, (int)b, quote);
		p = e - 1;
	}
}

/* ---- the chart ----------------------------------------------------------- */

int fw_chart_build(fw_table **out, fw_project *p, const char *theme,
		   const fw_chart_opts *opts, fw_error *err)
{
	*out = NULL;
	column *cols = NULL;
	size_t ncols = 0;
	char *tname = NULL;
	int rc = theme_columns(p, theme, &cols, &ncols, &tname, err);
	if (rc)
		return rc;
	free(tname);
	if (opts && opts->code) {
		size_t keep = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (!strcmp(cols[c].number, opts->code))
				keep = c;
		if (keep == ncols) {
			columns_free(cols, ncols);
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "%s is not a sub-theme of theme %s",
					    opts->code, theme);
		}
		column one = cols[keep];
		for (size_t c = 0; c < ncols; c++)
			if (c != keep) {
				free(cols[c].number);
				free(cols[c].name);
			}
		cols[0] = one;
		ncols = 1;
	}
	for (size_t i = 0; opts && i < opts->nwhere; i++)
		if (!strchr(opts->where[i], '=')) {
			columns_free(cols, ncols);
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--where wants ATTRIBUTE=VALUE, not '%s'",
				opts->where[i]);
		}
	for (size_t i = 0; opts && i < opts->nshow; i++)
		if (!fw_attribute_id(p, opts->show[i], 0, NULL)) {
			columns_free(cols, ncols);
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to show",
					    opts->show[i]);
		}
	char *attr = fw_group_attribute(p);
	fw_chart_case *cases = NULL;
	size_t ncases = 0, nsort = opts ? opts->nsort : 0;
	rc = fw_chart_cases(&cases, &ncases, p, attr, opts ? opts->sort : NULL, nsort, err);
	if (rc) {
		free(attr);
		columns_free(cols, ncols);
		return rc;
	}
	/* references: lrefs per (case index, column) */
	lrefs *refs = fw_xcalloc(ncases * ncols + 1, sizeof *refs);
	char **summ = fw_xcalloc(ncases * ncols + 1, sizeof *summ);
	sqlite3_stmt *st;
	rc = fw_prepare(
		p, &st,
		"SELECT x.case_id, k.number, g.line_start, g.line_end, "
		"s.name FROM coding g JOIN code k ON k.id=g.code_id "
		"JOIN source s ON s.id=g.source_id JOIN coding_case x ON "
		"x.coding_id=g.id WHERE k.number=?1 OR k.number "
		"LIKE ?1||'.%'",
		err);
	if (!rc) {
		sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(st) == SQLITE_ROW) {
			long long cid = sqlite3_column_int64(st, 0);
			int col = column_of(
				cols, ncols,
				(const char *)sqlite3_column_text(st, 1));
			if (col < 0)
				continue;
			for (size_t i = 0; i < ncases; i++)
				if (cases[i].id == cid) {
					lrefs_add(
						&refs[i * ncols + (size_t)col],
						(const char *)
							sqlite3_column_text(st,
									    4),
						sqlite3_column_int(st, 2),
						sqlite3_column_int(st, 3), 0);
					break;
				}
		}
		sqlite3_finalize(st);
	}
	if (!rc && !(opts && opts->refs_only)) {
		rc = fw_prepare(
			p, &st,
			"SELECT l.case_id, l.code_id, l.summary, l.agreement, "
			"l.draft FROM cell l "
			"JOIN code k ON k.id=l.code_id WHERE l.summary<>'' "
			"AND (k.parent_id=(SELECT id FROM code WHERE number=?1) "
			"OR k.number=?1)",
			err);
		if (!rc) {
			sqlite3_bind_text(st, 1, theme, -1, SQLITE_TRANSIENT);
			while (sqlite3_step(st) == SQLITE_ROW) {
				long long cid = sqlite3_column_int64(st, 0);
				long long kid = sqlite3_column_int64(st, 1);
				const char *s =
					(const char *)sqlite3_column_text(st,
									  2);
				const char *ag =
					(const char *)sqlite3_column_text(st,
									  3);
				int draft = sqlite3_column_int(st, 4);
				if (!s || !*s)
					continue;
				/* drafts are marked until a researcher accepts
				 * them; a group row shows how the group held
				 * the view */
				fw_buf shown;
				fw_buf_init(&shown);
				fw_buf_printf(&shown, "%s%s",
					      draft ? "(draft) " : "", s);
				if (ag && *ag)
					fw_buf_printf(&shown, " [%s]", ag);
				for (size_t c = 0; c < ncols; c++) {
					if (cols[c].id != kid)
						continue;
					for (size_t i = 0; i < ncases; i++)
						if (cases[i].id == cid)
							summ[i * ncols + c] =
								fw_xstrdup(
									shown.ptr);
				}
				fw_buf_dispose(&shown);
			}
			sqlite3_finalize(st);
		}
	}
	if (!rc) {
		size_t nshow = opts ? opts->nshow : 0, x0 = 2 + nshow;
		size_t nc = ncols + x0;
		char **names = fw_xcalloc(nc, sizeof *names);
		names[0] = fw_xstrdup("case");
		names[1] = fw_xstrdup(attr);
		for (size_t k = 0; k < nshow; k++)
			names[2 + k] = fw_xstrdup(opts->show[k]);
		for (size_t c = 0; c < ncols; c++) {
			fw_buf b;
			fw_buf_init(&b);
			fw_buf_printf(&b, "%s %s", cols[c].number,
				      cols[c].name);
			names[c + x0] = fw_buf_detach(&b);
		}
		sqlite3_stmt *kv = NULL;
		fw_prepare(
			p, &kv,
			"SELECT v.value FROM case_value v JOIN attribute a ON "
			"a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
			NULL);
		char **vals = fw_xcalloc(nshow + 1, sizeof *vals);
		fw_table *t = fw_table_new(nc, (const char *const *)names);
		const char **row = fw_xcalloc(nc, sizeof *row);
		const char *prev = NULL;
		int first = 1;
		for (size_t i = 0; i < ncases; i++) {
			const char *g = cases[i].group;
			/* --where: the case's value, or one of its
			 * ';'-separated values, must match */
			int keep = 1;
			for (size_t w = 0; keep && opts && w < opts->nwhere;
			     w++) {
				const char *eq = strchr(opts->where[w], '=');
				char an[256];
				snprintf(an, sizeof an, "%.*s",
					 (int)(eq - opts->where[w]),
					 opts->where[w]);
				const char *want = eq + 1;
				sqlite3_reset(kv);
				sqlite3_bind_int64(kv, 1, cases[i].id);
				sqlite3_bind_text(kv, 2, an, -1,
						  SQLITE_TRANSIENT);
				const char *v =
					sqlite3_step(kv) == SQLITE_ROW
						? (const char *)
							  sqlite3_column_text(
								  kv, 0)
						: NULL;
				int hit = 0;
				if (v) {
					size_t wl = strlen(want);
					for (const char *q = v; *q && !hit;) {
						while (*q == ' ')
							q++;
						size_t l = strcspn(q, ";");
						size_t tl = l;
						while (tl && q[tl - 1] == ' ')
							tl--;
						hit = tl == wl &&
						      !strncasecmp(q, want, wl);
						q += l + (q[l] == ';');
					}
					if (!hit)
						hit = !strcasecmp(v, want);
				}
				keep = hit;
			}
			if (!keep)
				continue;
			if (first || (g && !prev) || (!g && prev) ||
			    (g && prev && strcmp(g, prev))) {
				memset(row, 0, nc * sizeof *row);
				char label[300];
				snprintf(label, sizeof label, "%s",
					 g ? g : "(none)");
				row[0] = label;
				fw_table_add(t, FW_ROW_GROUP, row);
				first = 0;
			}
			prev = g;
			char **cell = fw_xcalloc(ncols, sizeof *cell);
			row[0] = cases[i].name;
			row[1] = g;
			for (size_t k = 0; k < nshow; k++) {
				free(vals[k]);
				vals[k] = NULL;
				sqlite3_reset(kv);
				sqlite3_bind_int64(kv, 1, cases[i].id);
				sqlite3_bind_text(kv, 2, opts->show[k], -1,
						  SQLITE_TRANSIENT);
				if (sqlite3_step(kv) == SQLITE_ROW)
					vals[k] = fw_xstrdup(
						(const char *)
							sqlite3_column_text(kv,
									    0));
				row[2 + k] = vals[k];
			}
			for (size_t c = 0; c < ncols; c++) {
				size_t k = i * ncols + c;
				cell[c] = summ[k] ? fw_xstrdup(summ[k])
						  : lrefs_format(&refs[k]);
				row[c + x0] = cell[c];
			}
			fw_table_add(t, FW_ROW_DATA, row);
			for (size_t c = 0; c < ncols; c++)
				free(cell[c]);
			free(cell);
		}
		free(row);
		for (size_t k = 0; k < nshow; k++)
			free(vals[k]);
		free(vals);
		sqlite3_finalize(kv);
		for (size_t c = 0; c < nc; c++)
			free(names[c]);
		free(names);
		*out = t;
	}
	for (size_t k = 0; k < ncases * ncols; k++) {
		lrefs_free(&refs[k]);
		free(summ[k]);
	}
	free(refs);
	free(summ);
	fw_chart_cases_free(cases, ncases, nsort);
	columns_free(cols, ncols);
	free(attr);
	return rc;
}

/* ---- cells --------------------------------------------------------------- */

static int check_agreement(fw_project *p, long long cid, const char *case_name,
			   const char *agreement, fw_error *err)
{
	if (!agreement || !*agreement)
		return 0;
	sqlite3_stmt *st;
	if (fw_prepare(p, &st, "SELECT is_group FROM \"case\" WHERE id=?", err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_step(st);
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
	if (fw_prepare(p, &st,
		       "SELECT count(*) FROM speaker k JOIN case_source x ON "
		       "x.source_id=k.source_id WHERE x.case_id=? AND "
		       "k.label=? COLLATE NOCASE AND k.role<>'interviewer'",
		       err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, agreement + 7, -1, SQLITE_TRANSIENT);
	sqlite3_step(st);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!n)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "'%s' is not a participant of %s",
				    agreement + 7, case_name);
	return 0;
}

int fw_cell_set(fw_project *p, const char *case_name, const char *code,
		const char *summary, const char *agreement, const char *coder,
		char *warn, size_t warn_len, fw_error *err)
{
	if (warn && warn_len)
		warn[0] = 0;
	long long cid, kid;
	int rc;
	if ((rc = fw_case_find(&cid, p, case_name, err)) ||
	    (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	if ((rc = check_agreement(p, cid, case_name, agreement, err)))
		return rc;
	lrefs refs = {0};
	parse_refs(summary ? summary : "", &refs);
	/* the case's sources and their lengths */
	sqlite3_stmt *st;
	if (fw_prepare(p, &st,
		       "SELECT s.id, s.name, s.lines FROM case_source x JOIN "
		       "source s ON s.id=x.source_id WHERE x.case_id=? "
		       "ORDER BY s.name",
		       err)) {
		lrefs_free(&refs);
		return FW_EIO;
	}
	sqlite3_bind_int64(st, 1, cid);
	long long sid = 0;
	int lines = 0, nsrc = 0;
	char sname[256] = "";
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!nsrc || sqlite3_column_int(st, 2) > lines) {
			sid = sqlite3_column_int64(st, 0);
			lines = sqlite3_column_int(st, 2);
			snprintf(sname, sizeof sname, "%s",
				 (const char *)sqlite3_column_text(st, 1));
		}
		nsrc++;
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < refs.n && !rc; i++) {
		lref *r = &refs.v[i];
		if (!nsrc)
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"the summary refers to L%d but case '%s' has no "
				"transcript",
				r->a, case_name);
		else if (r->a < 1 || r->b < r->a)
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"reference L%d-%d is not a line range", r->a,
				r->b);
		else if (r->b > lines)
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"reference L%d-%d is outside %s's transcript "
				"(%d lines)",
				r->a, r->b, case_name, lines);
	}
	if (rc) {
		lrefs_free(&refs);
		return rc;
	}
	/* a reference to lines not coded to this code is allowed, but noted */
	if (warn && warn_len && refs.n &&
	    !fw_prepare(
		    p, &st,
		    "SELECT count(*) FROM coding g JOIN code k ON "
		    "k.id=g.code_id WHERE g.source_id=?1 AND (k.id=?2 OR "
		    "k.number LIKE (SELECT number FROM code WHERE id=?2)||'.%') "
		    "AND g.line_start<=?4 AND g.line_end>=?3",
		    NULL)) {
		fw_buf b;
		fw_buf_init(&b);
		for (size_t i = 0; i < refs.n; i++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, sid);
			sqlite3_bind_int64(st, 2, kid);
			sqlite3_bind_int(st, 3, refs.v[i].a);
			sqlite3_bind_int(st, 4, refs.v[i].b);
			sqlite3_step(st);
			if (sqlite3_column_int(st, 0) == 0) {
				if (!b.len)
					fw_buf_printf(&b,
						      "%s %s: not coded to %s:",
						      case_name, code, code);
				fw_buf_printf(&b,
					      refs.v[i].a == refs.v[i].b
						      ? " L%d"
						      : " L%d-%d",
					      refs.v[i].a, refs.v[i].b);
			}
		}
		sqlite3_finalize(st);
		if (b.len)
			snprintf(warn, warn_len, "%s", b.ptr);
		fw_buf_dispose(&b);
	}
	long long coder_id = fw_coder_id(p, coder, err);
	if (!coder_id) {
		lrefs_free(&refs);
		return FW_EIO;
	}
	char now[32];
	fw_now(now, sizeof now);
	if (fw_prepare(
		    p, &st,
		    "INSERT INTO cell(case_id,code_id,summary,agreement,"
		    "coder_id,updated_at) VALUES(?1,?2,?3,?4,?5,?6) "
		    "ON CONFLICT(case_id,code_id) DO UPDATE SET "
		    "summary=excluded.summary, agreement=excluded.agreement, "
		    "coder_id=excluded.coder_id, updated_at=excluded.updated_at, "
		    "draft=0 "
		    "RETURNING id",
		    err)) {
		lrefs_free(&refs);
		return FW_EIO;
	}
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, kid);
	if (summary && *summary)
		sqlite3_bind_text(st, 3, summary, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	if (agreement && *agreement)
		sqlite3_bind_text(st, 4, agreement, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, coder_id);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
	long long cell = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		cell = sqlite3_column_int64(st, 0);
	else
		rc = fw_sql_error(p, err, "storing cell");
	sqlite3_finalize(st);
	if (!rc &&
	    !fw_prepare(p, &st, "DELETE FROM cell_ref WHERE cell_id=?", err)) {
		sqlite3_bind_int64(st, 1, cell);
		sqlite3_step(st);
		sqlite3_finalize(st);
		if (!fw_prepare(
			    p, &st,
			    "INSERT INTO cell_ref(cell_id,source_id,line_start,"
			    "line_end,quote) VALUES(?,?,?,?,?)",
			    err)) {
			for (size_t i = 0; i < refs.n && !rc; i++) {
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 1, cell);
				sqlite3_bind_int64(st, 2, sid);
				sqlite3_bind_int(st, 3, refs.v[i].a);
				sqlite3_bind_int(st, 4, refs.v[i].b);
				sqlite3_bind_int(st, 5, refs.v[i].quote);
				if (sqlite3_step(st) != SQLITE_DONE)
					rc = fw_sql_error(p, err,
							  "storing reference");
			}
			sqlite3_finalize(st);
		}
	}
	lrefs_free(&refs);
	return rc;
}

int fw_cell_import(fw_project *p, const char *path, int *count,
		   fw_table **warnings, fw_error *err)
{
	*count = 0;
	if (warnings)
		*warnings = NULL;
	fw_csv *c;
	int rc = fw_csv_open(&c, path, err);
	if (rc)
		return rc;
	char **f;
	size_t n;
	int line;
	rc = fw_csv_next(&f, &n, &line, c, err);
	if (rc <= 0) {
		fw_csv_free(c);
		return rc < 0 ? rc
			      : fw_error_set(
					err, FW_EPARSE, path, 1,
					"empty file: expected a header row "
					"case,code,summary[,agreement]");
	}
	int ic = -1, ik = -1, is = -1, ia = -1;
	size_t ncols = n;
	for (size_t i = 0; i < n; i++) {
		if (!strcasecmp(f[i], "case") || !strcasecmp(f[i], "id"))
			ic = (int)i;
		else if (!strcasecmp(f[i], "code") ||
			 !strcasecmp(f[i], "theme"))
			ik = (int)i;
		else if (!strcasecmp(f[i], "summary"))
			is = (int)i;
		else if (!strcasecmp(f[i], "agreement"))
			ia = (int)i;
	}
	if (ic < 0 || ik < 0 || is < 0) {
		fw_csv_free(c);
		return fw_error_set(
			err, FW_EPARSE, path, line,
			"the header needs columns case, code and summary "
			"(agreement optional)");
	}
	static const char *const wcols[] = {"file", "line", "warning"};
	fw_table *w = fw_table_new(3, wcols);
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
		char warn[512];
		rc = fw_cell_set(p, f[ic], f[ik], f[is], ia >= 0 ? f[ia] : NULL,
				 NULL, warn, sizeof warn, err);
		if (rc) {
			if (err) {
				snprintf(err->file, sizeof err->file, "%s",
					 path);
				err->line = line;
			}
			break;
		}
		if (warn[0]) {
			char ln[16];
			snprintf(ln, sizeof ln, "%d", line);
			const char *row[3] = {path, ln, warn};
			fw_table_add(w, FW_ROW_DATA, row);
		}
		(*count)++;
	}
	fw_csv_free(c);
	if (rc < 0 || !warnings)
		fw_table_free(w);
	else
		*warnings = w;
	return rc < 0 ? rc : 0;
}

int fw_cell_get(fw_table **out, fw_project *p, const char *case_name,
		const char *code, fw_error *err)
{
	static const char *const cols[] = {"case",      "code",  "summary",
					   "agreement", "coded", "updated"};
	*out = NULL;
	long long cid, kid;
	int rc;
	if ((rc = fw_case_find(&cid, p, case_name, err)) ||
	    (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	sqlite3_stmt *st;
	if (fw_prepare(p, &st,
		       "SELECT summary, agreement, updated_at FROM cell WHERE "
		       "case_id=? AND code_id=?",
		       err))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, kid);
	char *summary = NULL, *agreement = NULL, *updated = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *s;
		if ((s = (const char *)sqlite3_column_text(st, 0)))
			summary = fw_xstrdup(s);
		if ((s = (const char *)sqlite3_column_text(st, 1)))
			agreement = fw_xstrdup(s);
		if ((s = (const char *)sqlite3_column_text(st, 2)))
			updated = fw_xstrdup(s);
	}
	sqlite3_finalize(st);
	lrefs refs = {0};
	if (!fw_prepare(
		    p, &st,
		    "SELECT s.name, g.line_start, g.line_end FROM coding g "
		    "JOIN code k ON k.id=g.code_id JOIN source s ON "
		    "s.id=g.source_id JOIN coding_case x ON x.coding_id=g.id "
		    "WHERE x.case_id=?1 AND (k.id=?2 OR k.number LIKE (SELECT "
		    "number FROM code WHERE id=?2)||'.%')",
		    err)) {
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, kid);
		while (sqlite3_step(st) == SQLITE_ROW)
			lrefs_add(&refs,
				  (const char *)sqlite3_column_text(st, 0),
				  sqlite3_column_int(st, 1),
				  sqlite3_column_int(st, 2), 0);
		sqlite3_finalize(st);
	}
	char *coded = lrefs_format(&refs);
	lrefs_free(&refs);
	fw_table *t = fw_table_new(6, cols);
	const char *row[6] = {case_name, code,  summary,
			      agreement, coded, updated};
	fw_table_add(t, FW_ROW_DATA, row);
	free(summary);
	free(agreement);
	free(updated);
	free(coded);
	*out = t;
	return 0;
}

/* ---- report data --------------------------------------------------------- */

int fw_group_list(fw_table **out, fw_project *p, const char *attr,
		  fw_error *err)
{
	static const char *const cols[] = {"value", "cases"};
	*out = NULL;
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT v.value, count(*), min(c.sort) FROM case_value v "
		    "JOIN \"case\" c ON c.id=v.case_id JOIN attribute a ON "
		    "a.id=v.attribute_id WHERE a.name=? GROUP BY v.value "
		    "ORDER BY 3, 1",
		    err))
		return FW_EIO;
	sqlite3_bind_text(st, 1, attr, -1, SQLITE_TRANSIENT);
	fw_table *t = fw_table_new(2, cols);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *row[2] = {(const char *)sqlite3_column_text(st, 0),
				      (const char *)sqlite3_column_text(st, 1)};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	*out = t;
	return 0;
}
