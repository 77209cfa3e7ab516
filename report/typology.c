/*
 * typology.c: typology rules (typology.h has the format), parsed into
 * small expression trees and evaluated case by case; and the typology of
 * a project's cases built from them (rp_typology_build), the evidence
 * read as the report reads it.
 */
#include "typology.h"
#include "analysis.h"
#include "report.h"
#include "alloc.h"
#include "buf.h"
#include "fileio.h"
#include "lines.h"
#include "table.h"
#include "fw/case.h"
#include "fw/report_data.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH  32
#define MAX_TYPES  100
#define MAX_TOKENS 400

enum { N_CODED, N_SUMMARY, N_ATTR, N_NOT, N_AND, N_OR };

struct rp_tnode {
	int op;
	char *a, *b; /* code; code; attribute and value */
	pcre2_code *re;
	rp_tnode *l, *r;
};

static void node_free(rp_tnode *n)
{
	if (!n)
		return;
	node_free(n->l);
	node_free(n->r);
	free(n->a);
	free(n->b);
	pcre2_code_free(n->re);
	free(n);
}

void rp_typology_dispose(rp_typology *t)
{
	for (size_t i = 0; i < t->ntypes; i++) {
		for (size_t k = 0; k < t->types[i].nwhen; k++)
			node_free(t->types[i].when[k]);
		free(t->types[i].when);
		free(t->types[i].name);
	}
	free(t->types);
	fw_strv_free(t->only, t->nonly);
	memset(t, 0, sizeof *t);
}

/* ---- tokens -------------------------------------------------------------- */

typedef struct lex {
	char **tok;
	size_t n, at;
	const char *label;
	int line;
	fw_error *err;
	int depth;
} lex;

/* Split an expression: ( ) ~, /regex/flags, words (with "quoted" parts,
 * as in role="provider manager"). */
static int tokenize(lex *x, const char *s)
{
	while (*s) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (x->n == MAX_TOKENS)
			return fw_error_set(
				x->err, FW_EPARSE, x->label, x->line,
				"a rule of more than %d words", MAX_TOKENS);
		fw_buf b;
		fw_buf_init(&b);
		if (strchr("()~", *s)) {
			fw_buf_putc(&b, *s++);
		} else if (*s == '/') {
			fw_buf_putc(&b, *s++);
			while (*s && *s != '/') {
				if (*s == '\\' && s[1])
					fw_buf_putc(&b, *s++);
				fw_buf_putc(&b, *s++);
			}
			if (*s != '/') {
				fw_buf_dispose(&b);
				return fw_error_set(x->err, FW_EPARSE, x->label,
						    x->line,
						    "a /regex/ is not closed");
			}
			fw_buf_putc(&b, *s++);
			while (isalpha((unsigned char)*s))
				fw_buf_putc(&b, *s++);
		} else {
			while (*s && !isspace((unsigned char)*s) &&
			       !strchr("()~", *s)) {
				if (*s == '"') {
					s++;
					while (*s && *s != '"')
						fw_buf_putc(&b, *s++);
					if (*s != '"') {
						fw_buf_dispose(&b);
						return fw_error_set(
							x->err, FW_EPARSE,
							x->label, x->line,
							"a quoted value is not "
							"closed");
					}
					s++;
				} else {
					fw_buf_putc(&b, *s++);
				}
			}
		}
		x->tok = fw_xrealloc(x->tok, (x->n + 1) * sizeof *x->tok);
		x->tok[x->n++] = fw_buf_detach(&b);
	}
	return 0;
}

static const char *peek(const lex *x)
{
	return x->at < x->n ? x->tok[x->at] : NULL;
}

static int bad(lex *x, const char *what)
{
	const char *t = peek(x);
	return fw_error_set(x->err, FW_EPARSE, x->label, x->line, "%s%s%s%s",
			    what, t ? " at '" : " at the end", t ? t : "",
			    t ? "'" : "");
}

/* ---- parsing ------------------------------------------------------------- */

static rp_tnode *expr(lex *x);

static rp_tnode *leaf(int op)
{
	rp_tnode *n = fw_xcalloc(1, sizeof *n);
	n->op = op;
	return n;
}

static rp_tnode *regex_node(lex *x, const char *code)
{
	const char *t = peek(x);
	if (!t || t[0] != '/') {
		bad(x, "expected a /regex/ after ~");
		return NULL;
	}
	const char *end = strrchr(t, '/');
	uint32_t flags = PCRE2_UTF | PCRE2_UCP;
	for (const char *f = end + 1; *f; f++)
		if (*f == 'i')
			flags |= PCRE2_CASELESS;
		else {
			bad(x, "a /regex/ takes only the flag i");
			return NULL;
		}
	int ec;
	PCRE2_SIZE off;
	pcre2_code *re =
		pcre2_compile((PCRE2_SPTR)(t + 1), (PCRE2_SIZE)(end - t - 1),
			      flags, &ec, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[200];
		pcre2_get_error_message(ec, msg, sizeof msg);
		fw_error_set(x->err, FW_EPARSE, x->label, x->line,
			     "regex %s: %s at offset %zu", t, (char *)msg,
			     (size_t)off);
		return NULL;
	}
	x->at++;
	rp_tnode *n = leaf(N_SUMMARY);
	n->a = fw_xstrdup(code);
	n->re = re;
	return n;
}

static int is_code(const char *t)
{
	if (!t || !isdigit((unsigned char)*t))
		return 0;
	for (; *t; t++)
		if (!isdigit((unsigned char)*t) && *t != '.')
			return 0;
	return 1;
}

static rp_tnode *cond(lex *x)
{
	const char *t = peek(x);
	if (t && (!strcasecmp(t, "coded") || !strcasecmp(t, "summary"))) {
		int summary = !strcasecmp(t, "summary");
		x->at++;
		const char *code = peek(x);
		if (!is_code(code)) {
			bad(x, "expected a code number");
			return NULL;
		}
		x->at++;
		if (!summary) {
			rp_tnode *n = leaf(N_CODED);
			n->a = fw_xstrdup(code);
			return n;
		}
		if (!peek(x) || strcmp(peek(x), "~")) {
			bad(x, "expected ~ /regex/ after the code");
			return NULL;
		}
		x->at++;
		return regex_node(x, code);
	}
	const char *eq = t ? strchr(t, '=') : NULL;
	if (!eq || eq == t || !eq[1]) {
		bad(x, "expected coded CODE, summary CODE ~ /regex/ or "
		       "ATTR=VALUE");
		return NULL;
	}
	rp_tnode *n = leaf(N_ATTR);
	n->a = fw_xstrndup(t, (size_t)(eq - t));
	n->b = fw_xstrdup(eq + 1);
	x->at++;
	return n;
}

static rp_tnode *unary(lex *x)
{
	const char *t = peek(x);
	if (++x->depth > MAX_DEPTH) {
		bad(x, "a rule nested too deep");
		return NULL;
	}
	rp_tnode *n = NULL;
	if (t && !strcasecmp(t, "not")) {
		x->at++;
		rp_tnode *c = unary(x);
		if (c) {
			n = leaf(N_NOT);
			n->l = c;
		}
	} else if (t && !strcmp(t, "(")) {
		x->at++;
		n = expr(x);
		if (n && (!peek(x) || strcmp(peek(x), ")"))) {
			bad(x, "expected )");
			node_free(n);
			n = NULL;
		} else if (n) {
			x->at++;
		}
	} else {
		n = cond(x);
	}
	x->depth--;
	return n;
}

static rp_tnode *binary(lex *x, const char *word, int op,
			rp_tnode *(*sub)(lex *))
{
	rp_tnode *l = sub(x);
	while (l && peek(x) && !strcasecmp(peek(x), word)) {
		x->at++;
		rp_tnode *r = sub(x);
		if (!r) {
			node_free(l);
			return NULL;
		}
		rp_tnode *n = leaf(op);
		n->l = l;
		n->r = r;
		l = n;
	}
	return l;
}

static rp_tnode *conjunction(lex *x)
{
	return binary(x, "and", N_AND, unary);
}

static rp_tnode *expr(lex *x)
{
	return binary(x, "or", N_OR, conjunction);
}

static rp_tnode *parse_rule(const char *s, const char *label, int line,
			    fw_error *err)
{
	lex x = {.label = label, .line = line, .err = err};
	rp_tnode *n = NULL;
	if (!tokenize(&x, s)) {
		if (!x.n)
			bad(&x, "a rule is empty");
		else if ((n = expr(&x)) && x.at < x.n) {
			bad(&x, "expected and, or or the end");
			node_free(n);
			n = NULL;
		}
	}
	fw_strv_free(x.tok, x.n);
	return n;
}

/* ---- the file ------------------------------------------------------------ */

static int rule_line(rp_typology *t, char *l, int indented, const char *label,
		     int line, fw_error *err)
{
	if (!indented && !strncasecmp(l, "type ", 5)) {
		char *name = l + 5;
		while (isspace((unsigned char)*name))
			name++;
		if (!*name || t->ntypes == MAX_TYPES)
			return fw_error_set(err, FW_EPARSE, label, line,
					    *name ? "more than %d types"
						  : "a type needs a name",
					    MAX_TYPES);
		for (size_t i = 0; i < t->ntypes; i++)
			if (!strcasecmp(t->types[i].name, name))
				return fw_error_set(err, FW_EPARSE, label, line,
						    "type '%s' is already "
						    "defined at line %d",
						    name, t->types[i].line);
		t->types = fw_xrealloc(t->types,
				       (t->ntypes + 1) * sizeof *t->types);
		t->types[t->ntypes++] =
			(rp_ttype){.name = fw_xstrdup(name), .line = line};
		return 0;
	}
	if (!indented && !strncasecmp(l, "only:", 5)) {
		char *v = l + 5;
		while (isspace((unsigned char)*v))
			v++;
		if (!strchr(v, '=') || *v == '=')
			return fw_error_set(err, FW_EPARSE, label, line,
					    "only: takes ATTR=VALUE");
		t->only =
			fw_xrealloc(t->only, (t->nonly + 1) * sizeof *t->only);
		t->only[t->nonly++] = fw_xstrdup(v);
		return 0;
	}
	if (indented && !strncasecmp(l, "when:", 5)) {
		if (!t->ntypes)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "when: before any type");
		rp_tnode *n = parse_rule(l + 5, label, line, err);
		if (!n)
			return FW_EPARSE;
		rp_ttype *ty = &t->types[t->ntypes - 1];
		ty->when = fw_xrealloc(ty->when,
				       (ty->nwhen + 1) * sizeof *ty->when);
		ty->when[ty->nwhen++] = n;
		return 0;
	}
	return fw_error_set(err, FW_EPARSE, label, line,
			    indented ? "expected \"when: RULE\""
				     : "expected \"type NAME\" or \"only: "
				       "ATTR=VALUE\" (a type's when: lines "
				       "are indented)");
}

int rp_typology_parse(rp_typology *t, const char *text, size_t len,
		      const char *label, fw_error *err)
{
	memset(t, 0, sizeof *t);
	if (memchr(text, 0, len))
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "not a text file (it holds NUL bytes)");
	int rc = 0, line = 0;
	fw_line_iter it = {.text = text, .len = len};
	const char *ls;
	size_t n;
	while (!rc && fw_line_next(&it, &ls, &n, 1)) {
		char *s = fw_xstrndup(ls, n);
		line = it.line;
		int indented = *s == ' ' || *s == '\t';
		char *l = s;
		while (isspace((unsigned char)*l))
			l++;
		size_t k = strlen(l);
		while (k && isspace((unsigned char)l[k - 1]))
			l[--k] = 0;
		if (*l && *l != '#')
			rc = rule_line(t, l, indented, label, line, err);
		free(s);
	}
	for (size_t i = 0; !rc && i < t->ntypes; i++)
		if (!t->types[i].nwhen)
			rc = fw_error_set(err, FW_EPARSE, label,
					  t->types[i].line,
					  "type '%s' has no when: rule",
					  t->types[i].name);
	if (!rc && !t->ntypes)
		rc = fw_error_set(err, FW_EPARSE, label, line ? line : 1,
				  "no types: start with \"type NAME\"");
	if (rc)
		rp_typology_dispose(t);
	return rc;
}

/* ---- evaluation ---------------------------------------------------------- */

static int holds(const rp_tnode *n, const rp_tcase_view *v)
{
	switch (n->op) {
	case N_CODED: return v->coded(v->ctx, n->a);
	case N_ATTR: return fw_value_has(v->attr(v->ctx, n->a), n->b);
	case N_NOT: return !holds(n->l, v);
	case N_AND: return holds(n->l, v) && holds(n->r, v);
	case N_OR: return holds(n->l, v) || holds(n->r, v);
	default: break;
	}
	pcre2_match_data *md =
		pcre2_match_data_create_from_pattern(n->re, NULL);
	int hit = 0;
	const char *s;
	for (size_t i = 0; !hit && (s = v->summary(v->ctx, n->a, i)); i++)
		hit = pcre2_match(n->re, (PCRE2_SPTR)s, strlen(s), 0, 0, md,
				  NULL) >= 0;
	pcre2_match_data_free(md);
	return hit;
}

int rp_ttype_holds(const rp_ttype *t, const rp_tcase_view *v)
{
	for (size_t i = 0; i < t->nwhen; i++)
		if (holds(t->when[i], v))
			return 1;
	return 0;
}

/* ---- a project's typology ------------------------------------------------ */

typedef struct cview {
	const fw_rdata *d;
	size_t ci;
} cview;

static int cv_coded(void *ctx, const char *code)
{
	const cview *c = ctx;
	size_t k0, k1;
	if (!rp_code_range(c->d, code, &k0, &k1))
		return 0;
	for (size_t k = k0; k < k1; k++)
		if (c->d->cells[c->ci * c->d->ncodes + k].codings)
			return 1;
	return 0;
}

static const char *cv_summary(void *ctx, const char *code, size_t i)
{
	const cview *c = ctx;
	size_t k0, k1;
	if (!rp_code_range(c->d, code, &k0, &k1))
		return NULL;
	for (size_t k = k0; k < k1; k++) {
		const char *s = c->d->cells[c->ci * c->d->ncodes + k].summary;
		if (s && i-- == 0)
			return s;
	}
	return NULL;
}

static const char *cv_attr(void *ctx, const char *name)
{
	const cview *c = ctx;
	return fw_rcase_attr(&c->d->cases[c->ci], name);
}

/* Every code a rule names must be in the codebook. */
static int check_codes(const rp_tnode *n, const fw_rdata *d, const char *file,
		       int line, fw_error *err)
{
	if (!n)
		return 0;
	size_t k0, k1;
	if ((n->op == N_CODED || n->op == N_SUMMARY) &&
	    !rp_code_range(d, n->a, &k0, &k1))
		return fw_error_set(err, FW_ENOTFOUND, file, line,
				    "no theme or sub-theme '%s'", n->a);
	int rc = check_codes(n->l, d, file, line, err);
	return rc ? rc : check_codes(n->r, d, file, line, err);
}

/* A row per case with its types; the cases that fit one type also as
 * CASE=TYPE in pairs (NUL-separated), for saving. */
static void build_rows(fw_table *t, fw_buf *pairs, const rp_typology *ty,
		       const fw_rdata *d)
{
	for (size_t ci = 0; ci < d->ncases; ci++) {
		cview cv = {d, ci};
		rp_tcase_view v = {cv_coded, cv_summary, cv_attr, &cv};
		int keep = 1;
		for (size_t i = 0; i < ty->nonly && keep; i++) {
			const char *eq = strchr(ty->only[i], '=');
			char a[200];
			snprintf(a, sizeof a, "%.*s", (int)(eq - ty->only[i]),
				 ty->only[i]);
			keep = fw_value_has(cv_attr(&cv, a), eq + 1);
		}
		if (!keep)
			continue;
		fw_buf types;
		fw_buf_init(&types);
		int n = 0;
		size_t one = 0;
		for (size_t k = 0; k < ty->ntypes; k++)
			if (rp_ttype_holds(&ty->types[k], &v)) {
				fw_buf_printf(&types, "%s%s", n ? "; " : "",
					      ty->types[k].name);
				n++;
				one = k;
			}
		const char *fits = n == 0 ? "none" : n == 1 ? "one" : "several";
		if (n == 1) {
			/* CASE=VALUE, NUL-separated, for saving */
			fw_buf_printf(pairs, "%s=%s", d->cases[ci].name,
				      ty->types[one].name);
			fw_buf_putc(pairs, 0);
		}
		const char *row[4] = {d->cases[ci].name,
				      d->cases[ci].group ? d->cases[ci].group
							 : "",
				      fw_buf_str(&types), fits};
		fw_table_add(t, FW_ROW_DATA, row);
		fw_buf_dispose(&types);
	}
}

int rp_typology_build(fw_table **out, int *saved, fw_project *p,
		      const char *attr, const char *file, const char *name,
		      fw_error *err)
{
	static const char *const cols[] = {"case", "group", "type", "fits"};
	*out = NULL;
	*saved = 0;
	char *text;
	size_t len;
	int rc = fw_file_read(&text, &len, file, 1 << 20, err);
	if (rc)
		return rc;
	rp_typology ty;
	rc = rp_typology_parse(&ty, text, len, file, err);
	free(text);
	if (rc)
		return rc;
	int was;
	fw_rdata *d = NULL;
	rc = rp_rdata_decided(&d, p, attr, &was, err);
	for (size_t i = 0; !rc && i < ty.ntypes; i++)
		for (size_t k = 0; !rc && k < ty.types[i].nwhen; k++)
			rc = check_codes(ty.types[i].when[k], d, file,
					 ty.types[i].line, err);
	if (!rc) {
		fw_table *t = fw_table_new(4, cols);
		fw_buf pairs;
		fw_buf_init(&pairs);
		build_rows(t, &pairs, &ty, d);
		if (name) {
			const char **pv = NULL;
			size_t np = 0;
			for (size_t at = 0; at < pairs.len;
			     at += strlen(pairs.ptr + at) + 1) {
				pv = fw_xrealloc(pv, (np + 1) * sizeof *pv);
				pv[np++] = pairs.ptr + at;
			}
			rc = fw_typology_set(saved, p, name, pv, np, err);
			free(pv);
		}
		fw_buf_dispose(&pairs);
		if (!rc)
			*out = t;
		else
			fw_table_free(t);
	}
	rp_rdata_release(d, p, was);
	rp_typology_dispose(&ty);
	return rc;
}
