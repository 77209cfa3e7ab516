/*
 * analysis.c: aids to mapping and interpretation, read from what a report
 * is written from (fw_rdata), so that "raised" means here what it means in
 * the report: a hand coding or accepted suggestion for the sub-theme (or
 * below it), or a chart summary in its cell; pending suggestions and
 * drafts never count.
 *
 *   views CODE: the range of views on a sub-theme, every summary and
 *     starred quote, grouped by actor group (for defining a concept's
 *     dimensions, as the Framework method's mapping stage does);
 *   associate CODE ATTR: how a sub-theme is held across an attribute's
 *     values, each count with the cases behind it.
 */
#include "analysis.h"
#include "report.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "table.h"
#include "fw/report_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rp_code_range(const fw_rdata *d, const char *code, size_t *k0, size_t *k1)
{
	for (size_t t = 0; t < d->nthemes; t++)
		if (!strcmp(d->themes[t].number, code)) {
			*k0 = d->themes[t].first;
			*k1 = *k0 + d->themes[t].n;
			return 1;
		}
	for (size_t k = 0; k < d->ncodes; k++) {
		size_t n = strlen(d->codes[k].number);
		if (!strncmp(code, d->codes[k].number, n) &&
		    (code[n] == 0 || code[n] == '.')) {
			*k0 = k;
			*k1 = k + 1;
			return 1;
		}
	}
	return 0;
}

static int code_range(const fw_rdata *d, const char *code, size_t *k0,
		      size_t *k1, fw_error *err)
{
	return rp_code_range(d, code, k0, k1)
		       ? 0
		       : fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				      "no theme or sub-theme '%s' (charter "
				      "codebook list shows them)",
				      code);
}

static int raised(const fw_rdata *d, size_t ci, size_t k0, size_t k1)
{
	for (size_t k = k0; k < k1; k++) {
		const fw_rcell *x = &d->cells[ci * d->ncodes + k];
		if (x->codings || x->summary)
			return 1;
	}
	return 0;
}

int rp_rdata_decided(fw_rdata **d, fw_project *p, const char *attr, int *was,
		     fw_error *err)
{
	*was = fw_project_counts_suggested(p);
	int rc = *was ? fw_project_count_suggested(p, 0, err) : 0;
	return rc ? rc : fw_rdata_load(d, p, attr, err);
}

void rp_rdata_release(fw_rdata *d, fw_project *p, int was)
{
	fw_rdata_free(d); /* NULL: nothing loaded */
	if (was)
		fw_project_count_suggested(p, 1, NULL);
}

int rp_views(fw_table **out, fw_project *p, const char *attr, const char *code,
	     fw_error *err)
{
	static const char *const cols[] = {"group", "case", "sub-theme",
					   "kind",  "text", "where"};
	*out = NULL;
	fw_rdata *d = NULL;
	int was;
	int rc = rp_rdata_decided(&d, p, attr, &was, err);
	size_t k0 = 0, k1 = 0;
	if (!rc)
		rc = code_range(d, code, &k0, &k1, err);
	fw_table *t = rc ? NULL : fw_table_new(6, cols);
	const char *last = NULL;
	for (size_t ci = 0; !rc && ci < d->ncases; ci++) {
		const fw_rcase *cs = &d->cases[ci];
		const char *g = cs->group ? cs->group : "";
		for (size_t k = k0; k < k1 && !rc; k++) {
			const fw_rcell *x = &d->cells[ci * d->ncodes + k];
			if (!x->summary)
				continue;
			if (!last || strcmp(last, g)) {
				const char *row[6] = {g, "", "", "", "", ""};
				fw_table_add(t, FW_ROW_GROUP, row);
				last = g;
			}
			char where[300];
			snprintf(where, sizeof where, "%s",
				 cs->source ? cs->source : "");
			const char *row[6] = {
				g,         cs->name,   d->codes[k].number,
				"summary", x->summary, where};
			fw_table_add(t, FW_ROW_DATA, row);
			fw_rquote *q;
			size_t nq;
			if ((rc = fw_rdata_starred(&q, &nq, p, d, ci, k, err)))
				break;
			for (size_t i = 0; i < nq; i++) {
				snprintf(where, sizeof where, "%s L%d",
					 q[i].source, q[i].line);
				const char *qr[6] = {
					g,       cs->name,  d->codes[k].number,
					"quote", q[i].text, where};
				fw_table_add(t, FW_ROW_DATA, qr);
			}
			fw_rquotes_free(q, nq);
		}
	}
	if (!rc)
		*out = t;
	else
		fw_table_free(t);
	rp_rdata_release(d, p, was);
	return rc;
}

/* A case's values of attr, split on ';'. */
static size_t values_of(const fw_rcase *c, const char *attr, char ***out)
{
	*out = NULL;
	const char *v = fw_rcase_attr(c, attr);
	size_t n = 0;
	for (const char *q = v; q && *q;) {
		while (*q == ' ')
			q++;
		size_t l = strcspn(q, ";"), tl = l;
		while (tl && q[tl - 1] == ' ')
			tl--;
		if (tl) {
			*out = fw_xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = fw_xstrndup(q, tl);
		}
		q += l + (q[l] == ';');
	}
	return n;
}

typedef struct assoc {
	char *value;
	int base, raised;
	fw_buf who;
} assoc;

int rp_associate(fw_table **out, fw_project *p, const char *code,
		 const char *attr, fw_error *err)
{
	static const char *const cols[] = {"value", "cases", "raised it",
					   "share", "the cases who raised it"};
	*out = NULL;
	fw_rdata *d = NULL;
	int was;
	int rc = rp_rdata_decided(&d, p, attr, &was, err);
	size_t k0 = 0, k1 = 0;
	if (!rc)
		rc = code_range(d, code, &k0, &k1, err);
	assoc *v = NULL;
	size_t nv = 0;
	int any = 0;
	for (size_t ci = 0; !rc && ci < d->ncases; ci++) {
		char **vals;
		size_t n = values_of(&d->cases[ci], attr, &vals);
		any |= n > 0;
		int r = raised(d, ci, k0, k1);
		for (size_t i = 0; i < n; i++) {
			size_t j = 0;
			while (j < nv && strcasecmp(v[j].value, vals[i]))
				j++;
			if (j == nv) {
				v = fw_xrealloc(v, (nv + 1) * sizeof *v);
				v[nv] = (assoc){.value = fw_xstrdup(vals[i])};
				fw_buf_init(&v[nv].who);
				nv++;
			}
			v[j].base++;
			if (r) {
				v[j].raised++;
				fw_buf_printf(&v[j].who, "%s%s",
					      v[j].who.len ? ", " : "",
					      d->cases[ci].name);
			}
		}
		fw_strv_free(vals, n);
	}
	if (!rc && !any)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "no case has a value for '%s'", attr);
	if (!rc) {
		fw_table *t = fw_table_new(5, cols);
		for (size_t j = 0; j < nv; j++) {
			char b[16], r[16], sh[16];
			snprintf(b, sizeof b, "%d", v[j].base);
			snprintf(r, sizeof r, "%d", v[j].raised);
			snprintf(sh, sizeof sh, "%d%%",
				 v[j].base
					 ? (v[j].raised * 100 + v[j].base / 2) /
						   v[j].base
					 : 0);
			const char *row[5] = {v[j].value, b, r, sh,
					      fw_buf_str(&v[j].who)};
			fw_table_add(t, FW_ROW_DATA, row);
		}
		fw_table_numeric(t, 1);
		fw_table_numeric(t, 2);
		*out = t;
	}
	for (size_t j = 0; j < nv; j++) {
		free(v[j].value);
		fw_buf_dispose(&v[j].who);
	}
	free(v);
	rp_rdata_release(d, p, was);
	return rc;
}
