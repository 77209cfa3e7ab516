/*
 * redact.c: names out of quotes and summaries.  A report's quotes and
 * summaries are the participants' and researchers' words, and they name
 * people: group members address each other ("I agree with Janet"), people
 * name their advisers ("Martin understood"), summaries record who said
 * what, and name the providers and places that would identify them.  The
 * report replaces, as whole words, the speaker labels that are personal
 * names and the names a researcher lists (--redact FILE) with "[name]",
 * and the providers and places the list names with "[provider]" and
 * "[place]".
 */
#include "redact.h"
#include "alias.h"
#include "alloc.h"
#include "lines.h"
#include "buf.h"
#include "errors.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rp_redact_init(rp_redact *r)
{
	memset(r, 0, sizeof *r);
}

void rp_redact_dispose(rp_redact *r)
{
	fw_strv_free(r->w, r->n);
	free(r->kind);
	memset(r, 0, sizeof *r);
}

/* Labels that name a role, not a person. */
static const char *const generic =
	"adviser|advisor|answer|client|customer|female|facilitator|group|"
	"interviewee|interviewer|male|man|manager|member|moderator|note|other|"
	"participant|question|researcher|respondent|speaker|staff|unknown|"
	"voice|woman|worker";

int rp_redact_namelike(const char *s)
{
	/* one or two words, each a capital and then lower-case letters
	 * (apostrophes and hyphens inside: O'Neill, Anne-Marie) */
	int words = 0;
	const char *p = s;
	while (*p) {
		if (!isupper((unsigned char)*p))
			return 0;
		const char *w = p++;
		int lower = 0;
		while (islower((unsigned char)*p) ||
		       ((*p == '\'' || *p == '-') &&
			isalpha((unsigned char)p[1])) ||
		       (isupper((unsigned char)*p) &&
			(p[-1] == '\'' || p[-1] == '-')))
			lower += islower((unsigned char)*p++) != 0;
		if (lower < 1)
			return 0;
		if (++words > 2)
			return 0;
		if (fw_alias_findn(&generic, 1, w, (size_t)(p - w)) == 0)
			return 0;
		if (*p == ' ')
			p++;
		else if (*p)
			return 0;
	}
	return words > 0;
}

void rp_redact_add(rp_redact *r, const char *name)
{
	rp_redact_add_kind(r, name, RP_REDACT_NAME);
}

void rp_redact_add_kind(rp_redact *r, const char *name, int kind)
{
	size_t n = strlen(name);
	while (n && isspace((unsigned char)name[n - 1]))
		n--;
	while (n && isspace((unsigned char)*name))
		name++, n--;
	if (!n || n > 100)
		return;
	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->w[i]) == n && !strncmp(r->w[i], name, n))
			return;
	r->w = fw_xrealloc(r->w, (r->n + 1) * sizeof *r->w);
	r->kind = fw_xrealloc(r->kind, (r->n + 1) * sizeof *r->kind);
	r->kind[r->n] = kind;
	r->w[r->n++] = fw_xstrndup(name, n);
}

int rp_redact_parse(rp_redact *r, const char *text, size_t len,
		    const char *label, fw_error *err)
{
	fw_line_iter it = {text, len, 0, 0};
	const char *s;
	size_t l;
	while (fw_line_next(&it, &s, &l, 1)) {
		int line = it.line;
		if (memchr(s, 0, l))
			return fw_error_set(err, FW_EPARSE, label, line,
					    "NUL byte");
		size_t k = 0;
		while (k < l && isspace((unsigned char)s[k]))
			k++;
		if (k == l || s[k] == '#')
			continue;
		if (l - k > 100)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "a name of more than 100 bytes");
		for (size_t c = k; c < l; c++)
			if ((unsigned char)s[c] < 0x20 && s[c] != '\t')
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"control character in the name");
		if (r->n >= 100000)
			return fw_error_set(err, FW_EPARSE, label, line,
					    "more than 100,000 names");
		static const char *const kinds[] = {
			"name:", "provider:", "place:"};
		int kind = RP_REDACT_NAME;
		for (int i = 0; i < 3; i++) {
			size_t kl = strlen(kinds[i]);
			if (l - k > kl && !strncasecmp(s + k, kinds[i], kl)) {
				kind = i;
				k += kl;
				while (k < l && isspace((unsigned char)s[k]))
					k++;
				break;
			}
		}
		char *name = fw_xstrndup(s + k, l - k);
		rp_redact_add_kind(r, name, kind);
		free(name);
	}
	return 0;
}

typedef struct entry {
	char *w;
	int kind;
} entry;

static int cmp(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->w, ((const entry *)b)->w);
}

void rp_redact_sort(rp_redact *r)
{
	if (!r->n)
		return;
	entry *v = fw_xmalloc(r->n * sizeof *v);
	for (size_t i = 0; i < r->n; i++)
		v[i] = (entry){r->w[i], r->kind[i]};
	qsort(v, r->n, sizeof *v, cmp);
	for (size_t i = 0; i < r->n; i++)
		r->w[i] = v[i].w, r->kind[i] = v[i].kind;
	free(v);
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Is text[0..n) a listed phrase? Its kind + 1, else 0 (r sorted). */
static int listed(const rp_redact *r, const char *text, size_t n)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(r->w[mid], text, n);
		if (!c && r->w[mid][n])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return r->kind[mid] + 1;
	}
	return 0;
}

/* The end of the word at p (hyphens inside; an apostrophe too when
 * apos: O'Neill, Janet's). */
static const char *word_end(const char *p, int apos)
{
	while (word_char((unsigned char)*p) ||
	       ((*p == '-' || (apos && *p == '\'')) &&
		word_char((unsigned char)p[1])))
		p++;
	return p;
}

#define PHRASE_WORDS 6

char *rp_redact_apply(const rp_redact *r, const char *text, int *count)
{
	int kinds[RP_REDACT_NKINDS] = {0};
	char *out = rp_redact_apply_kinds(r, text, kinds);
	if (count)
		for (int k = 0; k < RP_REDACT_NKINDS; k++)
			*count += kinds[k];
	return out;
}

char *rp_redact_apply_kinds(const rp_redact *r, const char *text, int *kinds)
{
	static const char *const as[] = {"[name]", "[provider]", "[place]",
					 "[case]"};
	fw_buf b;
	fw_buf_init(&b);
	const char *p = text;
	while (*p) {
		if (r->n && word_char((unsigned char)*p) &&
		    (p == text || !word_char((unsigned char)p[-1]))) {
			/* the ends of up to six words from here, one space
			 * apart; the first also with an apostrophe (Janet's
			 * stays [name]'s, O'Neill is one word) */
			const char *ends[PHRASE_WORDS + 1];
			size_t ne = 0;
			const char *e1 = word_end(p, 1), *e = word_end(p, 0);
			ends[ne++] = e;
			while (ne < PHRASE_WORDS && *e == ' ' &&
			       word_char((unsigned char)e[1]))
				ends[ne++] = e = word_end(e + 1, 0);
			const char *hit = NULL;
			int kind = 0;
			for (size_t k = ne; k-- > 1 && !hit;)
				if ((kind = listed(r, p,
						   (size_t)(ends[k] - p))))
					hit = ends[k];
			if (!hit && (kind = listed(r, p, (size_t)(e1 - p))))
				hit = e1;
			if (!hit && e1 != ends[0] &&
			    (kind = listed(r, p, (size_t)(ends[0] - p))))
				hit = ends[0];
			if (hit) {
				fw_buf_puts(&b, as[kind - 1]);
				kinds[kind - 1]++;
				p = hit;
				continue;
			}
			fw_buf_put(&b, p, (size_t)(e1 - p));
			p = e1;
			continue;
		}
		fw_buf_putc(&b, *p++);
	}
	if (!b.ptr)
		fw_buf_puts(&b, "");
	return fw_buf_detach(&b);
}
