/*
 * redact.c: names out of quotes and summaries.  A report's quotes and
 * summaries are the participants' and researchers' words, and they name
 * people: group members address each other ("I agree with Janet"), people
 * name their advisers ("Martin understood"), summaries record who said
 * what.  The report replaces, as whole words, the speaker labels that are
 * personal names and the names a researcher lists (--redact FILE) with
 * "[name]".
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
		char *name = fw_xstrndup(s + k, l - k);
		rp_redact_add(r, name);
		free(name);
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rp_redact_sort(rp_redact *r)
{
	if (r->n)
		qsort(r->w, r->n, sizeof *r->w, cmp);
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Is text[0..n) a listed name? (r sorted) */
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
			return 1;
	}
	return 0;
}

char *rp_redact_apply(const rp_redact *r, const char *text, int *count)
{
	fw_buf b;
	fw_buf_init(&b);
	const char *p = text;
	while (*p) {
		if (r->n && word_char((unsigned char)*p) &&
		    (p == text || !word_char((unsigned char)p[-1]))) {
			/* the word here (with and without an apostrophe:
			 * O'Neill, Janet's), and with the next word (two-word
			 * names) */
			const char *e1 = p, *e0;
			while (word_char((unsigned char)*e1) ||
			       ((*e1 == '\'' || *e1 == '-') &&
				word_char((unsigned char)e1[1])))
				e1++;
			e0 = p;
			while (word_char((unsigned char)*e0) ||
			       (*e0 == '-' && word_char((unsigned char)e0[1])))
				e0++;
			const char *e2 = NULL;
			if (*e0 == ' ' && isupper((unsigned char)e0[1])) {
				e2 = e0 + 1;
				while (word_char((unsigned char)*e2) ||
				       (*e2 == '-' &&
					word_char((unsigned char)e2[1])))
					e2++;
			}
			const char *hit = NULL;
			if (e2 && listed(r, p, (size_t)(e2 - p)))
				hit = e2;
			else if (listed(r, p, (size_t)(e1 - p)))
				hit = e1;
			else if (e0 != e1 && listed(r, p, (size_t)(e0 - p)))
				hit = e0;
			/* a possessive stays: Janet's -> [name]'s */
			if (hit) {
				fw_buf_puts(&b, "[name]");
				if (count)
					(*count)++;
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
