/*
 * names.c: names for attribute values (a CSV of value,label,singular,plural)
 * and attribution labels for quotes ("{role}, {sex}, {age_band}").
 */
#include "names.h"
#include "doc.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- labels -------------------------------------------------------------- */

int rp_label_check(const fw_rdata *d, const char *tmpl, fw_error *err)
{
	for (const char *s = tmpl; *s; s++) {
		if (*s == '}')
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--label: '}' without '{' in \"%s\"", tmpl);
		if (*s != '{')
			continue;
		const char *e = strchr(s, '}');
		if (!e || memchr(s + 1, '{', (size_t)(e - s - 1)))
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--label: '{' without '}' in \"%s\"", tmpl);
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(e - s - 1), s + 1);
		if (!*name)
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "--label: empty {} in \"%s\"",
					    tmpl);
		int ok = !d;
		for (size_t c = 0; d && c < d->ncases && !ok; c++)
			for (size_t a = 0; a < d->cases[c].nattrs && !ok; a++)
				ok = !strcasecmp(d->cases[c].keys[a], name);
		if (!ok)
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "--label: no attribute '%s' in the "
					    "classification sheet",
					    name);
		s = e;
	}
	return 0;
}

void rp_label_render(const char *tmpl, const fw_rcase *c, fw_buf *out)
{
	const char *s = tmpl, *lit = tmpl;
	int any = 0;
	/* the literal before the first placeholder is always kept */
	const char *first = strchr(tmpl, '{');
	if (!first) {
		fw_buf_puts(out, tmpl);
		return;
	}
	fw_buf_put(out, tmpl, (size_t)(first - tmpl));
	s = lit = first;
	const char *sep = NULL;
	size_t seplen = 0;
	while (*s) {
		if (*s == '{') {
			const char *e = strchr(s, '}');
			if (!e)
				break;
			char name[128];
			snprintf(name, sizeof name, "%.*s", (int)(e - s - 1),
				 s + 1);
			const char *v = NULL;
			for (size_t a = 0; a < c->nattrs && !v; a++)
				if (!strcasecmp(c->keys[a], name))
					v = c->vals[a];
			if (v && *v) {
				if (any && sep)
					fw_buf_put(out, sep, seplen);
				fw_buf_puts(out, v);
				any = 1;
			}
			s = e + 1;
			sep = s;
			seplen = 0;
			while (s[seplen] && s[seplen] != '{')
				seplen++;
			if (!s[seplen]) {
				/* the literal after the last placeholder */
				fw_buf_put(out, s, seplen);
				return;
			}
			s += seplen;
		} else {
			s++;
		}
	}
}

/* ---- names --------------------------------------------------------------- */

int rp_names_load(rp_names *nm, const char *path, fw_error *err)
{
	memset(nm, 0, sizeof *nm);
	fw_csv *c;
	int rc = fw_csv_open(&c, path, err);
	if (rc)
		return rc;
	char **f;
	size_t nf;
	int line;
	int first = 1;
	while ((rc = fw_csv_next(&f, &nf, &line, c, err)) > 0) {
		if (first) {
			first = 0;
			if (nf && !strcasecmp(f[0], "value"))
				continue;
		}
		if (nf == 1 && !*f[0])
			continue;
		if (nf < 2 || !*f[0] || !*f[1]) {
			fw_csv_free(c);
			rp_names_dispose(nm);
			return fw_error_set(
				err, FW_EPARSE, path, line,
				"expected value,label[,singular,plural]");
		}
		size_t k = nm->n++;
		nm->value = fw_xrealloc(nm->value, nm->n * sizeof *nm->value);
		nm->label = fw_xrealloc(nm->label, nm->n * sizeof *nm->label);
		nm->one = fw_xrealloc(nm->one, nm->n * sizeof *nm->one);
		nm->many = fw_xrealloc(nm->many, nm->n * sizeof *nm->many);
		nm->value[k] = fw_xstrdup(f[0]);
		nm->label[k] = fw_xstrdup(f[1]);
		nm->one[k] = nf > 2 && *f[2] ? fw_xstrdup(f[2]) : NULL;
		nm->many[k] = nf > 3 && *f[3] ? fw_xstrdup(f[3]) : NULL;
	}
	fw_csv_free(c);
	if (rc < 0) {
		rp_names_dispose(nm);
		return err->code ? err->code : FW_EPARSE;
	}
	return 0;
}

void rp_names_dispose(rp_names *nm)
{
	for (size_t i = 0; i < nm->n; i++) {
		free(nm->value[i]);
		free(nm->label[i]);
		free(nm->one[i]);
		free(nm->many[i]);
	}
	free(nm->value);
	free(nm->label);
	free(nm->one);
	free(nm->many);
	memset(nm, 0, sizeof *nm);
}

static long find(const rp_names *nm, const char *value)
{
	for (size_t i = 0; nm && i < nm->n; i++)
		if (!strcasecmp(nm->value[i], value))
			return (long)i;
	return -1;
}

const char *rp_names_label(const rp_names *nm, const char *value)
{
	long i = find(nm, value);
	return i >= 0 ? nm->label[i] : value;
}

void rp_names_nouns(const rp_names *nm, const char *value, char *one, size_t n1,
		    char *many, size_t n2)
{
	long i = find(nm, value);
	const char *o = i >= 0 && nm->one[i] ? nm->one[i] : value;
	snprintf(one, n1, "%s", o);
	if (i >= 0 && nm->many[i]) {
		snprintf(many, n2, "%s", nm->many[i]);
		return;
	}
	size_t l = strlen(o);
	const char *last = o;
	for (const char *q = o; *q; q++)
		if (*q == ' ')
			last = q + 1;
	if (!strcasecmp(last, "staff") || !strcasecmp(last, "people") ||
	    (l > 1 && (o[l - 1] == 's' || o[l - 1] == 'S')))
		snprintf(many, n2, "%s", o);
	else if (l > 1 && o[l - 1] == 'y' && !strchr("aeiou", o[l - 2]))
		snprintf(many, n2, "%.*sies", (int)(l - 1), o);
	else if (!strcasecmp(last, "person"))
		snprintf(many, n2, "%.*speople", (int)(l - 6), o);
	else
		snprintf(many, n2, "%ss", o);
}

void rp_names_table(const rp_names *nm, fw_table *t)
{
	for (size_t k = 0; k < t->ncols; k++) {
		const char *v = rp_names_label(nm, t->cols[k]);
		if (v != t->cols[k]) {
			free(t->cols[k]);
			t->cols[k] = fw_xstrdup(v);
		}
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; k < t->ncols; k++) {
			char *v = t->rows[r][k];
			if (!v || rp_is_count(v))
				continue;
			const char *l = rp_names_label(nm, v);
			if (l != v) {
				t->rows[r][k] = fw_xstrdup(l);
				free(v);
			}
		}
}
