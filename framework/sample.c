/*
 * sample.c: sample tables from the classification sheet, as a study report
 * shows its sample: cases or participants by one or more attributes, with
 * totals, multi-valued attributes counted per value.
 */
#include "fw/sample.h"
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "natcmp.h"
#include "table.h"

#include <ctype.h>
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

/* How key_order sorts (qsort_r's argument). */
typedef struct key_sort {
	const tkeys *k;
	int order;
} key_sort;

static int key_cmp(const void *a, const void *b, void *arg)
{
	const key_sort *ks = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (ks->order == FW_ORDER_COUNT && ks->k->total[i] != ks->k->total[j])
		return ks->k->total[i] > ks->k->total[j] ? -1 : 1;
	if (ks->order == FW_ORDER_NAME)
		return fw_natcmp(ks->k->v[i], ks->k->v[j]);
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
}

/* One row attribute's block of the table.  The columns are known (cols,
 * collected from the same cases), so only rows grow. */
static int sample_block(fw_project *p, const long long *ids,
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
		size_t nr = case_values(p, ids[i], rowattr, &rv), nc = 1;
		if (colattr)
			nc = case_values(p, ids[i], colattr, &cv);
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
			size_t np = case_values(p, ids[i], "participants", &pv);
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
	int rc = fw_where_check(where, nwhere, err);
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
	sqlite3_stmt *cs;
	if ((rc = fw_prepare(
		     p, &cs,
		     "SELECT id, is_group FROM \"case\" ORDER BY sort, id",
		     err)))
		return rc;
	long long *ids = NULL;
	int *is_group = NULL;
	size_t nids = 0;
	while (fw_row(p, cs)) {
		long long cid = sqlite3_column_int64(cs, 0);
		if (!fw_where_keep(p, cid, where, nwhere))
			continue;
		ids = fw_xrealloc(ids, (nids + 1) * sizeof *ids);
		is_group = fw_xrealloc(is_group, (nids + 1) * sizeof *is_group);
		ids[nids] = cid;
		is_group[nids++] = sqlite3_column_int(cs, 1);
	}
	sqlite3_finalize(cs);
	/* the columns are known only after a pass: collect them first */
	tkeys cols = {0};
	if (colattr) {
		for (size_t i = 0; i < nids; i++) {
			char **cv;
			size_t nc = case_values(p, ids[i], colattr, &cv);
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
		sample_block(p, ids, is_group, nids, rowattrs[i], colattr,
			     participants, order, nrows > 1, &cols, t, multi);
	keys_free(&cols);
	free(ids);
	free(is_group);
	return fw_table_done(out, t, p, err);
}
