/*
 * sample.c: sample tables from the classification sheet, as a study report
 * shows its sample: cases or participants by one or more attributes, as a
 * cross-tab with zero cells or as a list, values in the order asked, the
 * totals that add up (none across a multi-valued attribute's values, which
 * count once each), and "X (Y)" values rolled up into X with a note.
 */
#include "fw/sample.h"
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The values of a case's attribute, split on ';' (multi-valued). */
static size_t case_values(fw_project *p, long long cid, const char *attr,
			  char ***vals)
{
	*vals = NULL;
	char *v = fw_case_value(p, cid, attr);
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
	free(v);
	return n;
}

static void values_free(char **v, size_t n)
{
	fw_strv_free(v, n);
}

/* One counter: the weight (cases or participants), the cases, and how
 * many of them are group discussions. */
typedef struct tcount {
	long w, cases, groups;
} tcount;

typedef struct tkeys {
	char **v;
	size_t n;
	long *total;  /* weight per key, for ordering by count */
	size_t fixed; /* the first `fixed` keys were asked for, in order */
} tkeys;

static size_t key_of(tkeys *k, const char *v)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcasecmp(k->v[i], v))
			return i;
	k->v = fw_xrealloc(k->v, (k->n + 1) * sizeof *k->v);
	k->total = fw_xrealloc(k->total, (k->n + 1) * sizeof *k->total);
	k->v[k->n] = fw_xstrdup(v);
	k->total[k->n] = 0;
	return k->n++;
}

/* The values an attribute was asked to show, first and in order. */
static void keys_asked(tkeys *k, const fw_sample_attr *a)
{
	for (size_t i = 0; a && i < a->nvalues; i++)
		key_of(k, a->values[i]);
	k->fixed = k->n;
}

static void count_cell(char *out, size_t n, const tcount *c, int participants)
{
	if (participants && c->cases && c->groups == c->cases)
		snprintf(out, n, "%ld in %ld group%s", c->w, c->groups,
			 c->groups == 1 ? "" : "s");
	else
		snprintf(out, n, "%ld", c->w);
}

static void tc_add(tcount *x, long w, int grp)
{
	x->w += w;
	x->cases++;
	x->groups += grp;
}

/* How key_order sorts (qsort_r's argument). */
typedef struct key_sort {
	const tkeys *k;
	int order;
} key_sort;

static int key_cmp(const void *a, const void *b, void *arg)
{
	const key_sort *ks = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const tkeys *k = ks->k;
	if (i < k->fixed || j < k->fixed)
		return i < j ? -1 : i > j;
	if (ks->order == FW_ORDER_COUNT && k->total[i] != k->total[j])
		return k->total[i] > k->total[j] ? -1 : 1;
	if (ks->order == FW_ORDER_NAME)
		return fw_natcmp(k->v[i], k->v[j]);
	return i < j ? -1 : i > j;
}

static size_t *key_order(const tkeys *k, int order)
{
	size_t *ix = fw_xcalloc(k->n ? k->n : 1, sizeof *ix);
	for (size_t i = 0; i < k->n; i++)
		ix[i] = i;
	key_sort ks = {k, order};
	qsort_r(ix, k->n, sizeof *ix, key_cmp, &ks);
	return ix;
}

static void keys_free(tkeys *k)
{
	values_free(k->v, k->n);
	free(k->total);
	memset(k, 0, sizeof *k);
}

/* A value "X (Y)" split, for a roll-up, into X (returned, a copy) and Y
 * (*sub, or NULL when the value has no such qualifier). */
static char *rolled(const char *v, char **sub)
{
	size_t n = strlen(v);
	const char *open = n > 3 && v[n - 1] == ')' ? strrchr(v, '(') : NULL;
	*sub = NULL;
	if (!open || open == v || open[-1] != ' ')
		return fw_xstrdup(v);
	*sub = fw_xstrndup(open + 1, (size_t)(v + n - 1 - (open + 1)));
	return fw_xstrndup(v, (size_t)(open - 1 - v));
}

/* The plural of a noun phrase, by its last word. */
static void plural(fw_buf *b, const char *s)
{
	static const char *const irr[][2] = {{"child", "children"},
					     {"person", "people"},
					     {"man", "men"},
					     {"woman", "women"}};
	const char *w = strrchr(s, ' ');
	w = w ? w + 1 : s;
	for (size_t i = 0; i < sizeof irr / sizeof *irr; i++)
		if (!strcasecmp(w, irr[i][0])) {
			fw_buf_put(b, s, (size_t)(w - s));
			fw_buf_puts(b, irr[i][1]);
			return;
		}
	size_t n = strlen(s);
	char last = n ? s[n - 1] : 0, before = n > 1 ? s[n - 2] : 0;
	if (last == 'y' && !strchr("aeiou", before)) {
		fw_buf_put(b, s, n - 1);
		fw_buf_puts(b, "ies");
	} else {
		fw_buf_puts(b, s);
		fw_buf_puts(b, strchr("sx", last) || (last == 'h' &&
						      strchr("cs", before))
				       ? "es"
				       : "s");
	}
}

/* One row attribute's block: its rows, their cells per column, and for a
 * roll-up the parts of each row. */
typedef struct block {
	const fw_sample_opts *o;
	const fw_sample_attr *a;
	tkeys rows;
	size_t capr, ncol;
	tcount *cnt;  /* rows x ncol */
	tcount *rtot; /* per row, each case once */
	tkeys *subs;  /* per row: the Ys rolled into it, with their weights */
	tcount *ctot, all;
	int multi, col_multi;
} block;

static size_t block_row(block *k, const char *v)
{
	size_t r = key_of(&k->rows, v);
	if (r >= k->capr) {
		size_t n2 = k->capr ? k->capr * 2 : 16;
		while (n2 <= r)
			n2 *= 2;
		k->cnt = fw_xrealloc(k->cnt, n2 * k->ncol * sizeof *k->cnt);
		memset(k->cnt + k->capr * k->ncol, 0,
		       (n2 - k->capr) * k->ncol * sizeof *k->cnt);
		k->rtot = fw_xrealloc(k->rtot, n2 * sizeof *k->rtot);
		memset(k->rtot + k->capr, 0, (n2 - k->capr) * sizeof *k->rtot);
		k->subs = fw_xrealloc(k->subs, n2 * sizeof *k->subs);
		memset(k->subs + k->capr, 0, (n2 - k->capr) * sizeof *k->subs);
		k->capr = n2;
	}
	return r;
}

/* The rows asked for, first and in order; rolled up, "X (Y)" asks for
 * the row X and puts Y in order among its parts. */
static void block_asked(block *k)
{
	for (size_t i = 0; i < k->a->nvalues; i++) {
		char *sub = NULL;
		char *base = k->o->rollup ? rolled(k->a->values[i], &sub)
					  : fw_xstrdup(k->a->values[i]);
		size_t r = block_row(k, base);
		if (sub)
			key_of(&k->subs[r], sub);
		free(base);
		free(sub);
	}
	k->rows.fixed = k->rows.n;
}

/* A case's weight: 1, or its `participants` value. */
static long case_weight(fw_project *p, long long cid, int participants)
{
	long w = 1;
	if (participants) {
		char **pv;
		size_t np = case_values(p, cid, "participants", &pv);
		if (np == 1 && atol(pv[0]) > 0)
			w = atol(pv[0]);
		values_free(pv, np);
	}
	return w;
}

/* Count one case into the block. */
static void block_case(block *k, fw_project *p, long long cid, int grp,
		       tkeys *cols)
{
	const fw_sample_opts *o = k->o;
	char **rv, **cv = NULL;
	size_t nr = case_values(p, cid, k->a->name, &rv), nc = 1;
	if (o->col)
		nc = case_values(p, cid, o->col->name, &cv);
	if (nr && nc) {
		long w = case_weight(p, cid, o->participants);
		size_t *rs = fw_xcalloc(nr, sizeof *rs), nrs = 0;
		for (size_t a = 0; a < nr; a++) {
			char *sub = NULL;
			char *base = o->rollup ? rolled(rv[a], &sub)
					       : fw_xstrdup(rv[a]);
			size_t r = block_row(k, base);
			if (sub) {
				size_t j = key_of(&k->subs[r], sub);
				k->subs[r].total[j] += w;
			}
			free(base);
			free(sub);
			int seen = 0;
			for (size_t i = 0; i < nrs; i++)
				seen |= rs[i] == r;
			if (seen)
				continue;
			rs[nrs++] = r;
			k->rows.total[r] += w;
			tc_add(&k->rtot[r], w, grp);
			for (size_t b = 0; b < nc; b++)
				tc_add(&k->cnt[r * k->ncol +
					       key_of(cols, o->col ? cv[b]
								   : "Number")],
				       w, grp);
		}
		if (nrs > 1)
			k->multi = 1;
		if (nc > 1)
			k->col_multi = 1;
		for (size_t b = 0; b < nc; b++)
			tc_add(&k->ctot[key_of(cols,
					       o->col ? cv[b] : "Number")],
			       w, grp);
		tc_add(&k->all, w, grp);
		free(rs);
	}
	values_free(rv, nr);
	values_free(cv, o->col ? nc : 0);
}

/* "(1 of whom were parents and 6 were adult children)", in the study's
 * words (plural throughout); parts no case has are left out. */
static char *rollup_note(const tkeys *s)
{
	size_t n = 0, k = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->total[i] > 0;
	if (!n)
		return NULL;
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_putc(&b, '(');
	for (size_t i = 0; i < s->n; i++) {
		if (!s->total[i])
			continue;
		if (k)
			fw_buf_puts(&b, k + 1 == n ? " and " : ", ");
		fw_buf_printf(&b, "%ld%s ", s->total[i],
			      k++ ? " were" : " of whom were");
		plural(&b, s->v[i]);
	}
	fw_buf_putc(&b, ')');
	return fw_buf_detach(&b);
}

/* The block's rows into t: cross-tab or list, with the totals asked for
 * where they add up. */
static void block_rows(block *k, const tkeys *cols, int stacked, int notes,
		       fw_table *t)
{
	const fw_sample_opts *o = k->o;
	int list = o->layout == FW_LAYOUT_LIST;
	int tot_col =
		o->col && !list && !k->col_multi &&
		(o->totals == FW_TOTALS_BOTH || o->totals == FW_TOTALS_COLUMN);
	int tot_row =
		!stacked && !k->multi &&
		(o->totals == FW_TOTALS_BOTH || o->totals == FW_TOTALS_ROW);
	size_t ncols = t->ncols;
	const char **row = fw_xcalloc(ncols, sizeof *row);
	char(*buf)[48] = fw_xcalloc(ncols + cols->n, sizeof *buf);
	if (stacked) {
		row[0] = k->a->name;
		fw_table_add(t, FW_ROW_GROUP, row);
	}
	size_t *ix = key_order(&k->rows, o->order);
	size_t *cix = key_order(cols, o->order);
	for (size_t a = 0; a < k->rows.n; a++) {
		size_t r = ix[a];
		char *note = notes ? rollup_note(&k->subs[r]) : NULL;
		memset(row, 0, ncols * sizeof *row);
		row[0] = k->rows.v[r];
		if (list) {
			for (size_t b = 0; b < cols->n; b++) {
				tcount *x = &k->cnt[r * k->ncol + cix[b]];
				if (!x->cases && o->col)
					continue;
				count_cell(buf[0], sizeof buf[0], x,
					   o->participants);
				row[1] = o->col ? cols->v[cix[b]] : buf[0];
				if (o->col)
					row[2] = buf[0];
				if (notes)
					row[ncols - 1] = note ? note : "";
				fw_table_add(t, FW_ROW_DATA, row);
			}
			free(note);
			continue;
		}
		for (size_t b = 0; b < cols->n; b++) {
			count_cell(buf[b], sizeof buf[b],
				   &k->cnt[r * k->ncol + cix[b]],
				   o->participants);
			row[1 + b] = buf[b];
		}
		if (tot_col) {
			count_cell(buf[cols->n], sizeof buf[0], &k->rtot[r],
				   o->participants);
			row[1 + cols->n] = buf[cols->n];
		}
		if (notes)
			row[ncols - 1] = note ? note : "";
		fw_table_add(t, FW_ROW_DATA, row);
		free(note);
	}
	if (tot_row) {
		memset(row, 0, ncols * sizeof *row);
		row[0] = o->total_label ? o->total_label : "Total";
		if (list) {
			count_cell(buf[0], sizeof buf[0], &k->all,
				   o->participants);
			row[o->col ? 2 : 1] = buf[0];
			if (o->col)
				row[1] = "";
		} else {
			for (size_t b = 0; b < cols->n; b++) {
				count_cell(buf[b], sizeof buf[b],
					   &k->ctot[cix[b]], o->participants);
				row[1 + b] = buf[b];
			}
			if (tot_col) {
				count_cell(buf[cols->n], sizeof buf[0], &k->all,
					   o->participants);
				row[1 + cols->n] = buf[cols->n];
			}
		}
		for (size_t c = 0; c < ncols; c++)
			if (!row[c])
				row[c] = "";
		fw_table_add(t, FW_ROW_DATA, row);
	}
	free(cix);
	free(ix);
	free(row);
	free(buf);
}

static void block_free(block *k)
{
	for (size_t r = 0; r < k->rows.n; r++)
		keys_free(&k->subs[r]);
	free(k->subs);
	free(k->cnt);
	free(k->rtot);
	free(k->ctot);
	keys_free(&k->rows);
}

/* The cases the table counts, in sheet order. */
static int table_cases(fw_project *p, const fw_sample_opts *o, long long **ids,
		       int **is_group, size_t *nids, fw_error *err)
{
	sqlite3_stmt *cs;
	int rc = fw_prepare(
		p, &cs, "SELECT id, is_group FROM \"case\" ORDER BY sort, id",
		err);
	*ids = NULL;
	*is_group = NULL;
	*nids = 0;
	if (rc)
		return rc;
	while (fw_row(p, cs)) {
		long long cid = sqlite3_column_int64(cs, 0);
		if (!fw_where_keep(p, cid, o->where, o->nwhere))
			continue;
		*ids = fw_xrealloc(*ids, (*nids + 1) * sizeof **ids);
		*is_group =
			fw_xrealloc(*is_group, (*nids + 1) * sizeof **is_group);
		(*ids)[*nids] = cid;
		(*is_group)[(*nids)++] = sqlite3_column_int(cs, 1);
	}
	sqlite3_finalize(cs);
	return fw_rows_ok(p, err);
}

/* The column attribute's values: those asked for, then the cases'. */
static void table_columns(tkeys *cols, fw_project *p, const fw_sample_opts *o,
			  const long long *ids, size_t nids)
{
	if (!o->col) {
		key_of(cols, "Number");
		cols->fixed = 1;
		return;
	}
	keys_asked(cols, o->col);
	for (size_t i = 0; i < nids; i++) {
		char **cv;
		size_t nc = case_values(p, ids[i], o->col->name, &cv);
		for (size_t b = 0; b < nc; b++)
			key_of(cols, cv[b]);
		values_free(cv, nc);
	}
}

static int check_opts(fw_project *p, const fw_sample_opts *o, fw_error *err)
{
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc)
		return rc;
	if (!o->nrows)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a table needs an attribute for its rows");
	for (size_t i = 0; i <= o->nrows; i++) {
		const char *a = i < o->nrows ? o->rows[i].name
				: o->col     ? o->col->name
					     : NULL;
		if (a && !fw_attribute_id(p, a, 0, NULL))
			return fw_error_set(
				err, FW_ENOTFOUND, NULL, 0,
				"no attribute '%s' in the classification "
				"sheet",
				a);
	}
	if (o->layout == FW_LAYOUT_LIST && o->nrows > 1)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a list is of one row attribute; stack "
				    "several in a cross-tab");
	return 0;
}

int fw_sample_build(fw_table **out, fw_sample_info *info, fw_project *p,
		    const fw_sample_opts *o, fw_error *err)
{
	*out = NULL;
	memset(info, 0, sizeof *info);
	long long *ids = NULL;
	int *is_group = NULL;
	size_t nids = 0;
	int rc = check_opts(p, o, err);
	if (rc || (rc = table_cases(p, o, &ids, &is_group, &nids, err)))
		return rc;
	tkeys cols = {0};
	table_columns(&cols, p, o, ids, nids);
	/* count every block first: which totals add up decides the columns */
	block *bl = fw_xcalloc(o->nrows, sizeof *bl);
	int col_multi = 0, notes = 0, list = o->layout == FW_LAYOUT_LIST;
	for (size_t i = 0; i < o->nrows; i++) {
		block *k = &bl[i];
		k->o = o;
		k->a = &o->rows[i];
		k->ncol = cols.n;
		block_asked(k);
		k->ctot = fw_xcalloc(cols.n ? cols.n : 1, sizeof *k->ctot);
		for (size_t c = 0; c < nids; c++)
			block_case(k, p, ids[c], is_group[c], &cols);
		col_multi |= k->col_multi;
		info->multi |= k->multi | k->col_multi;
		for (size_t r = 0; r < k->rows.n; r++)
			notes |= k->subs[r].n > 0;
	}
	int tot_col =
		o->col && !list && !col_multi &&
		(o->totals == FW_TOTALS_BOTH || o->totals == FW_TOTALS_COLUMN);
	size_t ncols = list ? (o->col ? 3 : 2) : 1 + cols.n + (size_t)tot_col;
	ncols += (size_t)notes;
	const char **names = fw_xcalloc(ncols, sizeof *names);
	names[0] = o->corner ? o->corner : o->nrows == 1 ? o->rows[0].name : "";
	const char *count = o->count_label ? o->count_label : "Number";
	if (list) {
		names[1] = o->col ? (o->column_label ? o->column_label
						     : o->col->name)
				  : count;
		if (o->col)
			names[2] = count;
	} else {
		size_t *cix = key_order(&cols, o->order);
		for (size_t b = 0; b < cols.n; b++)
			names[1 + b] = o->col ? cols.v[cix[b]] : count;
		free(cix);
		if (tot_col)
			names[1 + cols.n] = "Total";
	}
	if (notes)
		names[ncols - 1] = "";
	fw_table *t = fw_table_new(ncols, names);
	free(names);
	for (size_t i = 0; i < o->nrows; i++) {
		bl[i].col_multi = col_multi;
		block_rows(&bl[i], &cols, o->nrows > 1, notes, t);
		block_free(&bl[i]);
	}
	free(bl);
	keys_free(&cols);
	free(ids);
	free(is_group);
	return fw_table_done(out, t, p, err);
}

int fw_sample_table(fw_table **out, int *multi, fw_project *p,
		    const char *const *rowattrs, size_t nrows,
		    const char *colattr, int participants, int order,
		    const char *const *where, size_t nwhere, fw_error *err)
{
	fw_sample_attr rows[8], col = {.name = colattr};
	for (size_t i = 0; i < nrows && i < 8; i++)
		rows[i] = (fw_sample_attr){.name = rowattrs[i]};
	fw_sample_opts o = {.rows = rows,
			    .nrows = nrows < 8 ? nrows : 8,
			    .col = colattr ? &col : NULL,
			    .participants = participants,
			    .order = order,
			    .where = where,
			    .nwhere = nwhere};
	fw_sample_info info;
	int rc = fw_sample_build(out, &info, p, &o, err);
	*multi = info.multi;
	return rc;
}
