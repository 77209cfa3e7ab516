/*
 * prevalence.c: the words a report uses for how many (word tables), the
 * labels it attributes quotes with, and the names it gives attribute values.
 *
 * Qualitative reports speak of prevalence in words because counts over
 * small purposive samples invite misreading; the word table is stated once
 * in the method appendix so a reader knows what "most" means here.
 */
#include "report.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fileio.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void add_rule(fw_pwords *w, const char *word, int share, double v)
{
	w->r = fw_xrealloc(w->r, (w->n + 1) * sizeof *w->r);
	w->r[w->n].word = fw_xstrdup(word);
	w->r[w->n].share = share;
	w->r[w->n].v = v;
	w->n++;
}

void fw_pwords_default(fw_pwords *w)
{
	memset(w, 0, sizeof *w);
	add_rule(w, "none", 0, 0);
	add_rule(w, "all", 1, 100);
	add_rule(w, "one", 0, 1);
	add_rule(w, "most", 1, 75);
	add_rule(w, "many", 1, 50);
	add_rule(w, "some", 1, 25);
	add_rule(w, "a few", 1, 0);
}

void fw_pwords_dispose(fw_pwords *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->r[i].word);
	free(w->r);
	memset(w, 0, sizeof *w);
}

static const char *match(const fw_pwords *w, int n, int base)
{
	for (size_t i = 0; i < w->n; i++) {
		const fw_pword *r = &w->r[i];
		if (!r->share) {
			if ((double)n == r->v)
				return r->word;
		} else if (base > 0) {
			double pc = 100.0 * n / base;
			if (r->v >= 100 ? n == base : pc + 1e-9 >= r->v)
				return r->word;
		}
	}
	return NULL;
}

const char *fw_pwords_word(const fw_pwords *w, int n, int base)
{
	if (base <= 0) /* nobody to count: read as none of one */
		n = 0, base = 1;
	if (n < 0)
		n = 0;
	if (n > base)
		n = base;
	const char *s = match(w, n, base);
	return s ? s : "";
}

int fw_pwords_parse(fw_pwords *w, const char *text, size_t len,
		    const char *label, fw_error *err)
{
	memset(w, 0, sizeof *w);
	int line = 0;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		line++;
		char buf[256];
		size_t l = e - i;
		if (l >= sizeof buf) {
			fw_pwords_dispose(w);
			return fw_error_set(err, FW_EPARSE, label, line,
					    "line longer than %zu bytes",
					    sizeof buf - 1);
		}
		memcpy(buf, text + i, l);
		buf[l] = 0;
		i = e + 1;
		if (memchr(buf, 0, l)) {
			fw_pwords_dispose(w);
			return fw_error_set(err, FW_EPARSE, label, line,
					    "NUL byte");
		}
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = 0;
		char *s = buf, *t = buf + strlen(buf);
		while (*s && isspace((unsigned char)*s))
			s++;
		while (t > s && isspace((unsigned char)t[-1]))
			*--t = 0;
		if (!*s)
			continue;
		char *rule = t;
		while (rule > s && !isspace((unsigned char)rule[-1]))
			rule--;
		if (rule == s) {
			fw_pwords_dispose(w);
			return fw_error_set(
				err, FW_EPARSE, label, line,
				"'%s' needs a word and a rule, as in "
				"\"most 75%%\" or \"one 1\"",
				s);
		}
		char *we = rule;
		while (we > s && isspace((unsigned char)we[-1]))
			*--we = 0;
		int share = rule[strlen(rule) - 1] == '%';
		if (share)
			rule[strlen(rule) - 1] = 0;
		char *end;
		errno = 0;
		double v = strtod(rule, &end);
		if (!*rule || *end || errno || v < 0 || v != v ||
		    (share && v > 100) ||
		    (!share && (v != (long)v || v > 1e6))) {
			fw_pwords_dispose(w);
			return fw_error_set(
				err, FW_EPARSE, label, line,
				"'%s%s' is not a rule: a count (\"1\") or a "
				"share from 0%% to 100%% (\"75%%\")",
				rule, share ? "%" : "");
		}
		for (char *c = s; *c; c++)
			if ((unsigned char)*c < 0x20) {
				fw_pwords_dispose(w);
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"control character in the word");
			}
		if (w->n >= 64) {
			fw_pwords_dispose(w);
			return fw_error_set(err, FW_EPARSE, label, line,
					    "more than 64 rules");
		}
		add_rule(w, s, share, v);
	}
	if (!w->n)
		return fw_error_set(
			err, FW_EPARSE, label, line ? line : 1,
			"no rules: write lines such as \"most 75%%\"");
	/* every count of every base up to 60 must have a word */
	for (int base = 1; base <= 60; base++)
		for (int n = 0; n <= base; n++)
			if (!match(w, n, base)) {
				fw_pwords_dispose(w);
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"no word for %d of %d: end the table "
					"with a rule that always holds, such "
					"as \"a few 0%%\"",
					n, base);
			}
	return 0;
}

int fw_pwords_load(fw_pwords *w, const char *path, fw_error *err)
{
	char *data;
	size_t len;
	int rc = fw_file_read(&data, &len, path, 1 << 20, err);
	if (rc)
		return rc;
	rc = fw_pwords_parse(w, data, len, path, err);
	free(data);
	return rc;
}

/* ---- labels -------------------------------------------------------------- */

int fw_label_check(const fw_rdata *d, const char *tmpl, fw_error *err)
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

void fw_label_render(const char *tmpl, const fw_rcase *c, fw_buf *out)
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

int fw_names_load(fw_names *nm, const char *path, fw_error *err)
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
			fw_names_dispose(nm);
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
		fw_names_dispose(nm);
		return err->code ? err->code : FW_EPARSE;
	}
	return 0;
}

void fw_names_dispose(fw_names *nm)
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

static long find(const fw_names *nm, const char *value)
{
	for (size_t i = 0; nm && i < nm->n; i++)
		if (!strcasecmp(nm->value[i], value))
			return (long)i;
	return -1;
}

const char *fw_names_label(const fw_names *nm, const char *value)
{
	long i = find(nm, value);
	return i >= 0 ? nm->label[i] : value;
}

void fw_names_nouns(const fw_names *nm, const char *value, char *one, size_t n1,
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
