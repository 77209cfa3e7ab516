/*
 * query_retrieve.c: passages of a code expression: CODE, A AND B
 * (overlapping), A OR B, A AND NOT B, A NEAR/n B (within n lines in one
 * source), with context lines and attribution attributes.
 */
#include "case.h"
#include "store.h"
#include "natcmp.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "fw/query.h"
#include "lines.h"
#include "table.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	sqlite3_stmt *st;
	int rc;
	/* the code (and its sub-themes) first, then their codings by the
	 * code index, then each coding's case (CROSS JOIN keeps the order,
	 * automatic indexes off: see chart_refs) */
	if ((rc = fw_exec(p, "PRAGMA automatic_index = OFF", err)))
		return rc;
	rc = fw_query(
		&st, p, err,
		"SELECT g.source_id, x.case_id, g.start, g.\"end\", "
		"g.line_start, g.line_end FROM code k CROSS JOIN counted g ON "
		"g.code_id=k.id CROSS JOIN main.case_source x ON "
		"x.source_id=g.source_id AND +x.by_speaker=0 WHERE k.id=?1 OR "
		"(?2 AND k.number LIKE (SELECT number FROM code WHERE id=?1) "
		"|| '.%') UNION ALL SELECT DISTINCT g.source_id, x.case_id, "
		"g.start, g.\"end\", g.line_start, g.line_end FROM "
		"main.case_source x CROSS JOIN code k CROSS JOIN counted g ON "
		"g.code_id=k.id AND g.source_id=x.source_id " FW_SQL_SPEAKER_CASE_CROSS
		"WHERE x.by_speaker=1 AND (k.id=?1 "
		"OR (?2 AND k.number LIKE (SELECT number FROM code WHERE "
		"id=?1) || '.%')) ORDER BY 1, 3, 4",
		"Kn", code, (int)deep);
	fw_exec(p, "PRAGMA automatic_index = ON", NULL);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		out->v = fw_xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		passage *x = &out->v[out->n++];
		fw_columns(st, "iillnn", &x->source, &x->cid, &x->start,
			   &x->end, &x->a, &x->b);
	}
	sqlite3_finalize(st);
	return fw_rows_ok(p, err);
}

static int passage_cmp(const void *pa, const void *pb)
{
	const passage *x = pa, *y = pb;
	return fw_cmp_then(
		fw_cmp_then(FW_CMP_BY(x, y, source), FW_CMP_BY(x, y, start)),
		fw_cmp_then(FW_CMP_BY(x, y, end), FW_CMP_BY(x, y, cid)));
}

/* Combine: op 'A' and (overlap), 'O' or, 'N' and not, 'R' near/n lines.
 * Both sets are sorted by source, then start, and so is the result. */
static void combine(pset *a, const pset *b, int op, long long near)
{
	pset r = {NULL, 0};
	if (op == 'O') {
		/* the union, sorted again and each passage once */
		r.v = fw_xmalloc((a->n + b->n + 1) * sizeof *r.v);
		if (a->n)
			memcpy(r.v, a->v, a->n * sizeof *r.v);
		if (b->n)
			memcpy(r.v + a->n, b->v, b->n * sizeof *r.v);
		size_t all = a->n + b->n;
		if (all)
			qsort(r.v, all, sizeof *r.v, passage_cmp);
		for (size_t i = 0; i < all; i++)
			if (!r.n || passage_cmp(&r.v[r.n - 1], &r.v[i]))
				r.v[r.n++] = r.v[i];
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
					if (b->v[j].a > (long long)x->b + near)
						break; /* later passages start
							  later still */
					hit = (long long)x->a - near <=
					      b->v[j].b;
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

/* The passages of CODE [AND|OR|AND NOT|NEAR/n CODE]..., left to right. */
static int retrieve_expr(pset *acc, fw_project *p, const char *expr, int deep,
			 fw_error *err)
{
	char *copy = fw_xstrdup(expr);
	char **tok = NULL;
	size_t nt = 0, cap = 0;
	int rc = 0;
	memset(acc, 0, sizeof *acc);
	for (char *t = strtok(copy, " \t"); t && !rc; t = strtok(NULL, " \t")) {
		if (nt == FW_RETRIEVE_MAX_TOKENS)
			rc = fw_error_set(err, FW_ELIMIT, NULL, 0,
					  "the expression has more than %d "
					  "codes and operators",
					  FW_RETRIEVE_MAX_TOKENS);
		if (nt == cap) {
			cap = cap ? 2 * cap : 16;
			tok = fw_xrealloc(tok, cap * sizeof *tok);
		}
		tok[nt++] = t;
	}
	if (rc)
		;
	else if (!nt)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "retrieve needs a code");
	else
		rc = passages_of(p, tok[0], deep, acc, err);
	for (size_t i = 1; !rc && i < nt; i++) {
		int op = 0;
		long long near = 0;
		char *end = NULL;
		if (!strcasecmp(tok[i], "AND") && i + 1 < nt &&
		    !strcasecmp(tok[i + 1], "NOT")) {
			op = 'N';
			i++;
		} else if (!strcasecmp(tok[i], "AND")) {
			op = 'A';
		} else if (!strcasecmp(tok[i], "OR")) {
			op = 'O';
		} else if (!strncasecmp(tok[i], "NEAR/", 5) &&
			   isdigit((unsigned char)tok[i][5]) &&
			   (errno = 0, near = strtoll(tok[i] + 5, &end, 10),
			    !*end)) {
			/* any distance past a transcript's length is the
			 * whole transcript */
			op = 'R';
			if (errno == ERANGE || near > FW_RETRIEVE_MAX_NEAR)
				near = FW_RETRIEVE_MAX_NEAR;
		} else {
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"expected AND, OR, AND NOT or NEAR/n, "
				"found '%s'",
				tok[i]);
			break;
		}
		if (++i >= nt) {
			rc = fw_error_set(err, FW_EINVAL, NULL, 0,
					  "a code must follow the operator");
			break;
		}
		pset b;
		if ((rc = passages_of(p, tok[i], deep, &b, err)))
			break;
		combine(acc, &b, op, near);
		free(b.v);
	}
	free(tok);
	free(copy);
	if (rc) {
		free(acc->v);
		acc->v = NULL;
		acc->n = 0;
	}
	return rc;
}

/* A passage's text into b: its code points, or with context > 0 its
 * whole lines and as many around it; *la and *lb its lines as shown. */
static void passage_text(fw_buf *b, const passage *x, const char *txt,
			 size_t len, int context, int *la, int *lb)
{
	*la = x->a;
	*lb = x->b;
	if (context <= 0) {
		size_t bs = fw_utf8_byte_at(txt, len, x->start);
		size_t be = fw_utf8_byte_at(txt, len, x->end);
		fw_buf_put(b, txt + bs, be - bs);
		return;
	}
	fw_lines li;
	fw_lines_build(&li, txt, len);
	int from = *la - context < 1 ? 1 : *la - context;
	int to = *lb + context > li.n ? li.n : *lb + context;
	size_t bs = li.start[from - 1];
	size_t be = to < li.n ? li.start[to] : len;
	fw_buf_put(b, txt + bs, be - bs);
	while (b->len && b->ptr[b->len - 1] == '\n')
		b->ptr[--b->len] = 0;
	*la = from;
	*lb = to;
	fw_lines_dispose(&li);
}

/* A row per passage --where keeps: case, the attributes shown, source,
 * lines, text. */
static int retrieve_rows(fw_table *t, fw_project *p, const fw_retrieve_opts *o,
			 const pset *acc, fw_error *err)
{
	size_t nshow = o->nshow, ncol = 4 + nshow;
	sqlite3_stmt *cs = NULL, *ss = NULL;
	int rc;
	if ((rc = FW_PREPARE_ALL(
		     p, err, {&cs, "SELECT name FROM \"case\" WHERE id=?"},
		     {&ss, "SELECT name, text FROM source WHERE id=?"})))
		goto out;
	char **vals = fw_xcalloc(nshow + 1, sizeof *vals);
	const char **row = fw_xcalloc(ncol, sizeof *row);
	for (size_t i = 0; i < acc->n; i++) {
		const passage *x = &acc->v[i];
		if (!fw_where_keep(p, x->cid, o->where, o->nwhere))
			continue;
		fw_rebind(cs, "i", (long long)x->cid);
		fw_rebind(ss, "i", (long long)x->source);
		if (!fw_row(p, cs) || !fw_row(p, ss))
			continue;
		fw_buf b;
		fw_buf_init(&b);
		int la, lb;
		passage_text(&b, x, (const char *)sqlite3_column_text(ss, 1),
			     (size_t)sqlite3_column_bytes(ss, 1), o->context,
			     &la, &lb);
		char lines[48];
		fw_lref_label(lines, sizeof lines, la, lb);
		row[0] = (const char *)sqlite3_column_text(cs, 0);
		for (size_t k = 0; k < nshow; k++) {
			free(vals[k]);
			row[1 + k] = vals[k] =
				fw_case_value(p, x->cid, o->show[k]);
		}
		row[1 + nshow] = (const char *)sqlite3_column_text(ss, 0);
		row[2 + nshow] = lines;
		row[3 + nshow] = b.ptr ? b.ptr : "";
		fw_table_add(t, FW_ROW_DATA, row);
		fw_buf_dispose(&b);
	}
	fw_strv_free(vals, nshow);
	free(row);
out:
	sqlite3_finalize(cs);
	sqlite3_finalize(ss);
	return rc;
}

int fw_query_retrieve(fw_table **out, fw_project *p, const fw_retrieve_opts *o,
		      fw_error *err)
{
	*out = NULL;
	for (size_t k = 0; k < o->nshow; k++)
		if (!fw_attribute_id(p, o->show[k], 0, NULL))
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to show",
					    o->show[k]);
	pset acc;
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc || (rc = retrieve_expr(&acc, p, o->expr, o->deep, err)))
		return rc;
	size_t ncol = 4 + o->nshow;
	const char **cols = fw_xcalloc(ncol, sizeof *cols);
	cols[0] = "case";
	for (size_t k = 0; k < o->nshow; k++)
		cols[1 + k] = o->show[k];
	cols[1 + o->nshow] = "source";
	cols[2 + o->nshow] = "lines";
	cols[3 + o->nshow] = "text";
	fw_table *t = fw_table_new_sink(o->sink, ncol, cols);
	free(cols);
	if ((rc = retrieve_rows(t, p, o, &acc, err)) ||
	    (rc = fw_rows_ok(p, err))) {
		fw_table_free(t);
		t = NULL;
	}
	free(acc.v);
	*out = t;
	return rc;
}
