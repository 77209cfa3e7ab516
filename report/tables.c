/*
 * tables.c: reading a tables file, the sample tables a study's report
 * prints, each as the study lays it out (tables.h has the format).  Every
 * error names the file and line; nothing is kept from a file with one.
 */
#include "tables.h"
#include "names.h"
#include "report.h"
#include "buf.h"
#include "alloc.h"
#include "fileio.h"
#include "lines.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TABLES 500
#define MAX_VALUES 200
#define MAX_WHERE  8

static void attr_dispose(fw_sample_attr *a)
{
	free((char *)a->name);
	for (size_t i = 0; i < a->nvalues; i++)
		free((char *)a->values[i]);
	free((void *)a->values);
	memset(a, 0, sizeof *a);
}

static void tdef_dispose(rp_tdef *d)
{
	for (size_t i = 0; i < d->nrows; i++)
		attr_dispose(&d->rows[i]);
	attr_dispose(&d->col);
	free(d->number);
	free(d->title);
	free(d->note);
	free(d->corner);
	free(d->count_label);
	free(d->column_label);
	free(d->total_label);
	fw_strv_free(d->where, d->nwhere);
	memset(d, 0, sizeof *d);
}

void rp_tables_dispose(rp_tdefs *t)
{
	for (size_t i = 0; i < t->n; i++)
		tdef_dispose(&t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

void rp_tdef_opts(const rp_tdef *d, fw_sample_opts *o)
{
	memset(o, 0, sizeof *o);
	o->rows = d->rows;
	o->nrows = d->nrows;
	o->col = d->has_col ? &d->col : NULL;
	o->participants = d->participants;
	o->order = d->order;
	o->layout = d->layout;
	o->totals = d->totals;
	o->rollup = d->rollup;
	o->corner = d->corner;
	o->count_label = d->count_label;
	o->column_label = d->column_label;
	o->total_label = d->total_label;
	o->where = (const char *const *)d->where;
	o->nwhere = d->nwhere;
}

/* s with blanks trimmed off both ends, in place. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

/* "name = v1; v2; ..." (values optional). */
static int parse_attr(fw_sample_attr *a, char *v, const char *label, int line,
		      fw_error *err)
{
	char *eq = strchr(v, '=');
	if (eq)
		*eq = 0;
	char *name = trim(v);
	if (!*name)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "an attribute name is missing (as in "
				    "\"rows: sex = female; male\")");
	a->name = fw_xstrdup(name);
	if (!eq)
		return 0;
	char **vals = NULL;
	size_t n = 0;
	for (char *q = eq + 1; q;) {
		char *semi = strchr(q, ';');
		if (semi)
			*semi = 0;
		char *t = trim(q);
		if (*t) {
			if (n == MAX_VALUES) {
				fw_strv_free(vals, n);
				attr_dispose(a);
				return fw_error_set(err, FW_EPARSE, label, line,
						    "more than %d values for "
						    "'%s'",
						    MAX_VALUES, a->name);
			}
			vals = fw_xrealloc(vals, (n + 1) * sizeof *vals);
			vals[n++] = fw_xstrdup(t);
		}
		q = semi ? semi + 1 : NULL;
	}
	a->values = (const char *const *)vals;
	a->nvalues = n;
	return 0;
}

/* value among the choices ("a|b|c"): its index, or an error. */
static int choice(int *out, const char *v, const char *choices, const char *key,
		  const char *label, int line, fw_error *err)
{
	int i = 0;
	for (const char *c = choices; *c; i++) {
		size_t n = strcspn(c, "|");
		if (strlen(v) == n && !strncasecmp(v, c, n)) {
			*out = i;
			return 0;
		}
		c += n + (c[n] == '|');
	}
	return fw_error_set(err, FW_EPARSE, label, line,
			    "%s: '%s' is not one of %s", key, v, choices);
}

static int set_text(char **slot, const char *v, const char *key,
		    const char *label, int line, fw_error *err)
{
	if (*slot)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "%s: given twice for this table", key);
	*slot = fw_xstrdup(v);
	return 0;
}

/* One "key: value" line of table d. */
static int table_key(rp_tdef *d, const char *key, char *v, const char *label,
		     int line, fw_error *err)
{
	int yes = 0;
	if (!strcasecmp(key, "rows")) {
		if (d->nrows == RP_TABLE_ROWS)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "at most %d row attributes",
					    RP_TABLE_ROWS);
		int rc = parse_attr(&d->rows[d->nrows], v, label, line, err);
		d->nrows += !rc;
		return rc;
	}
	if (!strcasecmp(key, "columns")) {
		if (d->has_col)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "columns: given twice for this "
					    "table (a table has one column "
					    "attribute)");
		int rc = parse_attr(&d->col, v, label, line, err);
		d->has_col = !rc;
		return rc;
	}
	if (!strcasecmp(key, "where")) {
		if (!strchr(v, '=') || d->nwhere == MAX_WHERE)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "where: takes A=V (at most %d "
					    "per table)",
					    MAX_WHERE);
		d->where = fw_xrealloc(d->where,
				       (d->nwhere + 1) * sizeof *d->where);
		d->where[d->nwhere++] = fw_xstrdup(v);
		return 0;
	}
	if (!strcasecmp(key, "count"))
		return choice(&d->participants, v, "cases|participants", key,
			      label, line, err);
	if (!strcasecmp(key, "layout"))
		return choice(&d->layout, v, "crosstab|list", key, label, line,
			      err);
	if (!strcasecmp(key, "totals"))
		return choice(&d->totals, v, "both|row|column|none", key, label,
			      line, err);
	if (!strcasecmp(key, "order"))
		return choice(&d->order, v, "sheet|name|count", key, label,
			      line, err);
	if (!strcasecmp(key, "rollup")) {
		int rc = choice(&yes, v, "no|yes", key, label, line, err);
		d->rollup = yes;
		return rc;
	}
	static const struct {
		const char *key;
		size_t off;
	} texts[] = {{"corner", offsetof(rp_tdef, corner)},
		     {"count label", offsetof(rp_tdef, count_label)},
		     {"column label", offsetof(rp_tdef, column_label)},
		     {"total label", offsetof(rp_tdef, total_label)},
		     {"note", offsetof(rp_tdef, note)}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (!strcasecmp(key, texts[i].key))
			return set_text((char **)((char *)d + texts[i].off), v,
					key, label, line, err);
	return fw_error_set(err, FW_EPARSE, label, line,
			    "unknown key '%s' (rows, columns, count, where, "
			    "layout, totals, rollup, order, corner, column "
			    "label, count label, total label, note)",
			    key);
}

/* "table NUMBER [TITLE]" */
static int table_head(rp_tdefs *t, char *rest, const char *label, int line,
		      fw_error *err)
{
	if (t->n == MAX_TABLES)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "more than %d tables", MAX_TABLES);
	rest = trim(rest);
	size_t n = strcspn(rest, " \t");
	if (!n)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "a table needs its number (\"table 1.1 "
				    "Achieved interviews\")");
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)rest[i]) && rest[i] != '.')
			return fw_error_set(err, FW_EPARSE, label, line,
					    "'%.*s' is not a table number (as "
					    "1.1 or A.3)",
					    (int)n, rest);
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].number && strlen(t->v[i].number) == n &&
		    !strncmp(t->v[i].number, rest, n))
			return fw_error_set(err, FW_EPARSE, label, line,
					    "table %.*s is already defined at "
					    "line %d",
					    (int)n, rest, t->v[i].line);
	t->v = fw_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	rp_tdef *d = &t->v[t->n++];
	memset(d, 0, sizeof *d);
	d->number = fw_xstrndup(rest, n);
	char *title = trim(rest + n);
	d->title = *title ? fw_xstrdup(title) : NULL;
	d->line = line;
	return 0;
}

/* One line: a table's start, or one of its keys. */
static int table_line(rp_tdefs *t, char *s, const char *label, int line,
		      fw_error *err)
{
	int indented = *s == ' ' || *s == '\t';
	char *l = trim(s);
	if (!*l || *l == '#')
		return 0;
	if (!indented) {
		if (strncasecmp(l, "table", 5) ||
		    (l[5] && !isspace((unsigned char)l[5])))
			return fw_error_set(err, FW_EPARSE, label, line,
					    "expected \"table NUMBER TITLE\" "
					    "(a table's keys are indented)");
		return table_head(t, l + 5, label, line, err);
	}
	if (!t->n)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "a key before any table: start with "
				    "\"table NUMBER TITLE\"");
	char *colon = strchr(l, ':');
	if (!colon)
		return fw_error_set(err, FW_EPARSE, label, line,
				    "expected \"key: value\"");
	*colon = 0;
	return table_key(&t->v[t->n - 1], trim(l), trim(colon + 1), label, line,
			 err);
}

int rp_tables_parse(rp_tdefs *out, const char *text, size_t len,
		    const char *label, fw_error *err)
{
	memset(out, 0, sizeof *out);
	if (memchr(text, 0, len))
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "not a text file (it holds NUL bytes)");
	int rc = 0;
	fw_line_iter it = {.text = text, .len = len};
	const char *ls;
	size_t n;
	while (!rc && fw_line_next(&it, &ls, &n, 1)) {
		char *s = fw_xstrndup(ls, n);
		rc = table_line(out, s, label, it.line, err);
		free(s);
	}
	for (size_t i = 0; !rc && i < out->n; i++)
		if (!out->v[i].nrows)
			rc = fw_error_set(err, FW_EPARSE, label, out->v[i].line,
					  "table %s has no rows: (as \"rows: "
					  "role\")",
					  out->v[i].number);
		else if (out->v[i].layout == FW_LAYOUT_LIST &&
			 out->v[i].nrows > 1)
			rc = fw_error_set(err, FW_EPARSE, label, out->v[i].line,
					  "table %s: a list has one rows: "
					  "attribute",
					  out->v[i].number);
	if (rc)
		rp_tables_dispose(out);
	return rc;
}

int rp_tables_load(rp_tdefs *out, const char *path, fw_error *err)
{
	char *data;
	size_t len;
	memset(out, 0, sizeof *out);
	int rc = fw_file_read(&data, &len, path, 1 << 20, err);
	if (rc)
		return rc;
	rc = rp_tables_parse(out, data, len, path, err);
	free(data);
	return rc;
}

int rp_tables_add_spec(rp_tdefs *t, const char *spec, fw_error *err)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", spec);
	rp_tdef d;
	memset(&d, 0, sizeof d);
	char *eq = strchr(buf, '=');
	if (eq) {
		*eq = 0;
		d.title = fw_xstrdup(eq + 1);
	}
	char *part[3] = {buf, NULL, NULL};
	int np = 1;
	for (char *q = buf; *q && np < 3; q++)
		if (*q == ':') {
			*q = 0;
			part[np++] = q + 1;
		}
	int rc = 0;
	for (int i = 1; i < np && !rc; i++) {
		if (!strcmp(part[i], "participants"))
			d.participants = 1;
		else if (!strcmp(part[i], "cases"))
			;
		else if (i == 1 && *part[i]) {
			d.col.name = fw_xstrdup(part[i]);
			d.has_col = 1;
		} else
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--table %s: expected ROWS[:COL][:participants]"
				"[=TITLE]",
				spec);
	}
	for (char *r = strtok(part[0], ","); !rc && r; r = strtok(NULL, ","))
		if (*r && d.nrows < RP_TABLE_ROWS)
			d.rows[d.nrows++].name = fw_xstrdup(r);
	if (!rc && !d.nrows)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "--table %s: no attribute for the rows",
				  spec);
	if (rc) {
		tdef_dispose(&d);
		return rc;
	}
	t->v = fw_xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n++] = d;
	return 0;
}

char *rp_tdef_caption(const rp_tdef *d, const rp_names *names)
{
	static const rp_names none;
	if (!names)
		names = &none;
	fw_buf cap;
	fw_buf_init(&cap);
	fw_buf_printf(&cap, "Table %s", d->number ? d->number : "");
	if (d->title) {
		fw_buf_printf(&cap, " %s", d->title);
		return fw_buf_detach(&cap);
	}
	for (size_t r = 0; r < d->nrows; r++)
		fw_buf_printf(&cap, "%s%s",
			      r ? (r + 1 == d->nrows ? " and " : ", ") : " ",
			      rp_names_label(names, d->rows[r].name));
	if (d->has_col)
		fw_buf_printf(&cap, " by %s",
			      rp_names_label(names, d->col.name));
	if (d->participants)
		fw_buf_puts(&cap, " (participants)");
	return fw_buf_detach(&cap);
}

const char *rp_tdef_note(const rp_tdef *d, const fw_sample_info *info)
{
	if (d->note)
		return d->note;
	if (info->multi)
		return "Some cases have several values (for example more than "
		       "one health condition): each value is counted, so a "
		       "column adds up to more than its cases, and no total "
		       "is given.";
	if (d->participants)
		return "Participants: group discussions count everyone who "
		       "took part.";
	return NULL;
}

int rp_tdef_build(rp_table_built *out, const rp_tdef *d, const rp_names *nm,
		  fw_project *p, const char *file, fw_error *err)
{
	memset(out, 0, sizeof *out);
	fw_sample_opts so;
	rp_tdef_opts(d, &so);
	fw_sample_info info;
	fw_table *t = NULL;
	int rc = fw_sample_build(&t, &info, p, &so, err);
	if (rc) {
		if (d->line && file) {
			snprintf(err->file, sizeof err->file, "%s", file);
			err->line = d->line;
		}
		return rc;
	}
	rp_names_table(nm, t);
	const char *note = rp_tdef_note(d, &info);
	*out = (rp_table_built){.caption = rp_tdef_caption(d, nm),
				.table = t,
				.note = note ? fw_xstrdup(note) : NULL};
	return 0;
}

void rp_tables_built_free(rp_table_built *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].caption);
		free(v[i].note);
		fw_table_free(v[i].table);
	}
	free(v);
}

int rp_tables_build(rp_table_built **out, size_t *n, fw_project *p,
		    const char *file, const char *names,
		    const char *const *numbers, size_t nnumbers, fw_error *err)
{
	*out = NULL;
	*n = 0;
	rp_tdefs td;
	rp_names nm = {0};
	int rc = rp_tables_load(&td, file, err);
	if (rc)
		return rc;
	if (names)
		rc = rp_names_load(&nm, names, err);
	for (size_t i = 0; !rc && i < nnumbers; i++) {
		size_t k = 0;
		while (k < td.n && strcasecmp(td.v[k].number, numbers[i]))
			k++;
		if (k == td.n)
			rc = fw_error_set(err, FW_ENOTFOUND, file, 0,
					  "no table %s in the file",
					  numbers[i]);
	}
	rp_table_built *v = NULL;
	size_t nv = 0;
	for (size_t k = 0; !rc && k < td.n; k++) {
		const rp_tdef *d = &td.v[k];
		int want = !nnumbers;
		for (size_t i = 0; i < nnumbers; i++)
			want |= !strcasecmp(d->number, numbers[i]);
		if (!want)
			continue;
		rp_table_built b;
		if ((rc = rp_tdef_build(&b, d, &nm, p, file, err)))
			break;
		v = fw_xrealloc(v, (nv + 1) * sizeof *v);
		v[nv++] = b;
	}
	rp_tables_dispose(&td);
	rp_names_dispose(&nm);
	if (rc) {
		rp_tables_built_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}
