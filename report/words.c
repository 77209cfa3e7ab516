/*
 * words.c: the words a report uses for how many: word tables, checked so
 * every count of every base gets a word.
 *
 * Qualitative reports speak of prevalence in words because counts over
 * small purposive samples invite misreading; the word table is stated once
 * in the method appendix so a reader knows what "most" means here.
 */
#include "words.h"
#include "alloc.h"
#include "lines.h"
#include "errors.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void add_rule(rp_words *w, const char *word, int share, double v)
{
	w->r = fw_xrealloc(w->r, (w->n + 1) * sizeof *w->r);
	w->r[w->n].word = fw_xstrdup(word);
	w->r[w->n].share = share;
	w->r[w->n].v = v;
	w->n++;
}

void rp_words_default(rp_words *w)
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

void rp_words_dispose(rp_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->r[i].word);
	free(w->r);
	memset(w, 0, sizeof *w);
}

static const char *match(const rp_words *w, int n, int base)
{
	for (size_t i = 0; i < w->n; i++) {
		const rp_word *r = &w->r[i];
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

const char *rp_words_word(const rp_words *w, int n, int base)
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

int rp_words_parse(rp_words *w, const char *text, size_t len, const char *label,
		   fw_error *err)
{
	memset(w, 0, sizeof *w);
	fw_line_iter it = {text, len, 0, 0};
	const char *ls;
	size_t l;
	int line = 0;
	while (fw_line_next(&it, &ls, &l, 0)) {
		line = it.line;
		char buf[256];
		if (l >= sizeof buf) {
			rp_words_dispose(w);
			return fw_error_set(err, FW_EPARSE, label, line,
					    "line longer than %zu bytes",
					    sizeof buf - 1);
		}
		memcpy(buf, ls, l);
		buf[l] = 0;
		if (memchr(buf, 0, l)) {
			rp_words_dispose(w);
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
			rp_words_dispose(w);
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
		    (!share && (v > 1e6 || v != (long)v))) {
			rp_words_dispose(w);
			return fw_error_set(
				err, FW_EPARSE, label, line,
				"'%s%s' is not a rule: a count (\"1\") or a "
				"share from 0%% to 100%% (\"75%%\")",
				rule, share ? "%" : "");
		}
		for (char *c = s; *c; c++)
			if ((unsigned char)*c < 0x20) {
				rp_words_dispose(w);
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"control character in the word");
			}
		if (w->n >= 64) {
			rp_words_dispose(w);
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
				rp_words_dispose(w);
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"no word for %d of %d: end the table "
					"with a rule that always holds, such "
					"as \"a few 0%%\"",
					n, base);
			}
	return 0;
}
