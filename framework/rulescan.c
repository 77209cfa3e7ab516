/*
 * rulescan.c: the codebook's rules as one Hyperscan database (block mode,
 * every match's end offset reported).  Each rule's ends, with the longest
 * match it can make (in bytes, from Hyperscan's expression info), bound
 * where PCRE2 has to look: a match of the rule ends at one of the ends, so
 * it cannot start more than the longest match before the first end at or
 * after where PCRE2 is.  Compiling a set that Hyperscan refuses
 * names the rule at fault: that rule is demoted (exact -> prefilter ->
 * PCRE2 alone) and the rest compiled again, so one odd rule never costs
 * the others their one pass.
 */
#include "rulescan.h"
#include "alloc.h"

#include <hs/hs.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fw_rulescan {
	size_t n;
	int *engine;
	char **why;
	char **expr; /* the pattern as given to Hyperscan */
	unsigned *hsflags;
	unsigned char *pref; /* compiled with HS_FLAG_PREFILTER */
	unsigned *maxw;      /* longest match in bytes (UINT_MAX: unbounded) */
	hs_database_t *db;
	hs_scratch_t *scratch;
	/* the last scan's ends: (rule, end) as reported, then by rule */
	struct end {
		unsigned id;
		unsigned to;
	} * got;
	size_t ngot, gotcap;
	unsigned *ends; /* by rule: first[i] .. first[i] + count[i] */
	size_t endcap;
	size_t *first, *count, *cur;
	int failed; /* the last scan failed: PCRE2 looks everywhere */
	const fw_rulescan *of; /* a clone: the rules are of's, not its own */
};

const char *fw_engine_name(int engine)
{
	return engine == FW_ENGINE_HYPERSCAN   ? "hyperscan"
	       : engine == FW_ENGINE_PREFILTER ? "hyperscan-prefilter"
					       : "pcre2";
}

/* charter's flag letters as Hyperscan's flags; x (extended) has no flag,
 * so it is said in the pattern. */
static unsigned hs_flags(const char *flags, int *extended)
{
	unsigned f = HS_FLAG_UTF8;
	*extended = 0;
	for (const char *c = flags; c && *c; c++) {
		if (*c == 'i')
			f |= HS_FLAG_CASELESS;
		else if (*c == 's')
			f |= HS_FLAG_DOTALL;
		else if (*c == 'm')
			f |= HS_FLAG_MULTILINE;
		else if (*c == 'x')
			*extended = 1;
	}
	return f;
}

/* What Hyperscan reads in place of a rule: the pattern widened so that,
 * read by Hyperscan's ASCII classes (its Unicode mode compiles too slowly
 * to run per call, and has no \b), it matches wherever PCRE2's Unicode
 * reading does, and perhaps more; PCRE2, holding the real pattern, then
 * decides.  (Hyperscan's caseless UTF-8 matching folds as PCRE2's does,
 * KELVIN SIGN and LONG S included, so letters stay as they are.)
 * Widening never narrows:
 *   \b \B             dropped (an assertion gone only adds matches)
 *   \w \d \s          also any non-ASCII character
 *   [..\w..], [[:alpha:]]  also any non-ASCII character
 *   [^..\W..], [^[:^alpha:]]  any character
 *   {m,n} (n > 8)     * or + (Hyperscan compiles counted repeats of
 *                     UTF-8 classes slowly: seconds for {0,80})
 * Escapes with braces, \Q...\E and group openers "(?...:" are copied as
 * they are.  The widened pattern is written to out (16 * strlen + 64
 * bytes); the return says what was widened (WIDE_* bits). */
enum { WIDE_BOUNDARY = 1, WIDE_UNICODE = 2, WIDE_REPEAT = 4 };

/* p at '{': a counted repeat {m,n} or {m,} with n > 8 becomes * (m = 0)
 * or + ; 1 when it did. */
static int wide_repeat(const char **pp, char **o)
{
	const char *p = *pp + 1;
	char *e;
	long m = strtol(p, &e, 10);
	if (e == p || *e != ',')
		return 0;
	p = e + 1;
	long n = strtol(p, &e, 10);
	if (*e != '}' || (e != p && n <= 8))
		return 0;
	*(*o)++ = m ? '+' : '*';
	*pp = e + 1;
	return 1;
}

#define NONASCII "\\x{80}-\\x{10FFFF}"

static const char *copy_escape(const char *p, char **o)
{
	/* p at '\\': the escape, with its {...} if it has one */
	const char *e = p + 2;
	if (*e == '{' && strchr("xpPNogk", p[1])) {
		const char *c = strchr(e, '}');
		e = c ? c + 1 : e;
	}
	memcpy(*o, p, (size_t)(e - p));
	*o += e - p;
	return e;
}

static const char *widen_class(const char *p, char **o, int *wide)
{
	/* p at '[': copy to the closing ']' */
	const char *q = p + 1;
	int neg = *q == '^', narrow = 0, ascii = 0;
	if (neg)
		q++;
	if (*q == ']')
		q++;
	while (*q && *q != ']') {
		if (q[0] == '[' && q[1] == ':') {
			const char *e = strstr(q + 2, ":]");
			if (q[2] == '^')
				narrow = 1;
			else
				ascii = 1;
			q = e ? e + 2 : q + 1;
		} else if (q[0] == '\\' && q[1]) {
			if (strchr("WDS", q[1]))
				narrow = 1;
			else if (strchr("wds", q[1]))
				ascii = 1;
			q += 2;
		} else {
			q++;
		}
	}
	const char *end = *q ? q + 1 : q;
	if (neg && narrow) {
		*o += sprintf(*o, "[\\x{0}-\\x{10FFFF}]");
		*wide |= WIDE_UNICODE;
		return end;
	}
	size_t n = (size_t)(end - p);
	memcpy(*o, p, n);
	*o += n;
	if (!neg && ascii && *q == ']') {
		/* add before the closing ']' */
		(*o)--;
		*o += sprintf(*o, "%s]", NONASCII);
		*wide |= WIDE_UNICODE;
	}
	return end;
}

static int widen(const char *pat, char *out)
{
	int wide = 0;
	const char *p = pat;
	char *o = out;
	while (*p) {
		if (p[0] == '\\' && p[1] == 'Q') {
			const char *e = strstr(p + 2, "\\E");
			size_t n = e ? (size_t)(e + 2 - p) : strlen(p);
			memcpy(o, p, n);
			o += n;
			p += n;
		} else if (p[0] == '\\' && (p[1] == 'b' || p[1] == 'B')) {
			wide |= WIDE_BOUNDARY;
			p += 2;
		} else if (p[0] == '\\' && p[1] && strchr("wds", p[1])) {
			o += sprintf(o, "[\\%c%s]", p[1], NONASCII);
			wide |= WIDE_UNICODE;
			p += 2;
		} else if (p[0] == '\\' && p[1]) {
			p = copy_escape(p, &o);
		} else if (p[0] == '[') {
			p = widen_class(p, &o, &wide);
		} else if (p[0] == '{' && wide_repeat(&p, &o)) {
			wide |= WIDE_REPEAT;
		} else if (p[0] == '(' && p[1] == '?') {
			/* (?i) (?: (?<name> (?= ... : the opener as it is */
			size_t n = strcspn(p + 2, ":)>=!'");
			memcpy(o, p, n + 2);
			o += n + 2;
			p += n + 2;
			if (*p)
				*o++ = *p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return wide;
}

static const char *wide_why(int wide)
{
	static const char *const why[8] = {
		"",
		"\\b left to PCRE2",
		"Unicode classes widened",
		"\\b left to PCRE2, Unicode classes widened",
		"long repeats widened",
		"\\b left to PCRE2, long repeats widened",
		"Unicode classes and long repeats widened",
		"\\b left to PCRE2, Unicode classes and long repeats widened"};
	return why[wide & 7];
}

static void set_why(fw_rulescan *s, size_t i, const char *msg)
{
	free(s->why[i]);
	s->why[i] = fw_xstrdup(msg);
}

/* Compile the rules not on PCRE2 alone; on a refusal that names a rule,
 * demote it and try again.  0 when compiled (or nothing to compile). */
static int compile_set(fw_rulescan *s)
{
	const char **ex = fw_xcalloc(s->n ? s->n : 1, sizeof *ex);
	unsigned *fl = fw_xcalloc(s->n ? s->n : 1, sizeof *fl);
	unsigned *ids = fw_xcalloc(s->n ? s->n : 1, sizeof *ids);
	int rc = -1;
	for (;;) {
		unsigned k = 0;
		for (size_t i = 0; i < s->n; i++) {
			if (s->engine[i] == FW_ENGINE_PCRE2)
				continue;
			ex[k] = s->expr[i];
			fl[k] = s->hsflags[i] |
				(s->pref[i] ? HS_FLAG_PREFILTER : 0);
			ids[k++] = (unsigned)i;
		}
		if (!k) {
			rc = 0;
			break;
		}
		hs_compile_error_t *ce = NULL;
		if (hs_compile_multi(ex, fl, ids, k, HS_MODE_BLOCK, NULL,
				     &s->db, &ce) == HS_SUCCESS) {
			rc = hs_alloc_scratch(s->db, &s->scratch) == HS_SUCCESS
				     ? 0
				     : -1;
			break;
		}
		int bad = ce ? ce->expression : -1;
		if (bad < 0 || (unsigned)bad >= k) {
			/* not one rule's fault: all of them on PCRE2 */
			for (size_t i = 0; i < s->n; i++)
				if (s->engine[i] != FW_ENGINE_PCRE2) {
					s->engine[i] = FW_ENGINE_PCRE2;
					set_why(s, i, ce ? ce->message : "?");
				}
			hs_free_compile_error(ce);
			break;
		}
		size_t r = ids[bad];
		if (s->pref[r]) {
			s->engine[r] = FW_ENGINE_PCRE2;
		} else {
			s->engine[r] = FW_ENGINE_PREFILTER;
			s->pref[r] = 1;
		}
		set_why(s, r, ce->message);
		hs_free_compile_error(ce);
	}
	free(ex);
	free(fl);
	free(ids);
	return rc;
}

/* Hyperscan's parser says at once what it cannot compile exactly; asking
 * it first spares a full compile per such rule. */
static void precheck(fw_rulescan *s, size_t i)
{
	hs_expr_info_t *info = NULL;
	hs_compile_error_t *ce = NULL;
	if (hs_expression_info(s->expr[i], s->hsflags[i], &info, &ce) ==
	    HS_SUCCESS) {
		s->maxw[i] = info->max_width;
		free(info);
		return;
	}
	set_why(s, i, ce ? ce->message : "?");
	hs_free_compile_error(ce);
	ce = NULL;
	info = NULL;
	s->pref[i] = 1;
	s->engine[i] = FW_ENGINE_PREFILTER;
	if (hs_expression_info(s->expr[i], s->hsflags[i] | HS_FLAG_PREFILTER,
			       &info, &ce) == HS_SUCCESS) {
		s->maxw[i] = info->max_width;
		free(info);
		return;
	}
	set_why(s, i, ce ? ce->message : "?");
	hs_free_compile_error(ce);
	s->engine[i] = FW_ENGINE_PCRE2;
}

fw_rulescan *fw_rulescan_new(const char *const *patterns,
			     const char *const *flags, size_t n,
			     const char *pcre2_why)
{
	fw_rulescan *s = fw_xcalloc(1, sizeof *s);
	s->n = n;
	s->engine = fw_xcalloc(n ? n : 1, sizeof *s->engine);
	s->why = fw_xcalloc(n ? n : 1, sizeof *s->why);
	s->expr = fw_xcalloc(n ? n : 1, sizeof *s->expr);
	s->hsflags = fw_xcalloc(n ? n : 1, sizeof *s->hsflags);
	s->pref = fw_xcalloc(n ? n : 1, 1);
	s->maxw = fw_xcalloc(n ? n : 1, sizeof *s->maxw);
	s->first = fw_xcalloc(n ? n : 1, sizeof *s->first);
	s->count = fw_xcalloc(n ? n : 1, sizeof *s->count);
	s->cur = fw_xcalloc(n ? n : 1, sizeof *s->cur);
	for (size_t i = 0; i < n; i++) {
		s->maxw[i] = UINT_MAX;
		int x;
		s->hsflags[i] = hs_flags(flags[i], &x);
		s->expr[i] = fw_xmalloc(16 * strlen(patterns[i]) + 64);
		strcpy(s->expr[i], x ? "(?x)" : "");
		int wide = widen(patterns[i], s->expr[i] + strlen(s->expr[i]));
		s->engine[i] = pcre2_why ? FW_ENGINE_PCRE2
			       : wide    ? FW_ENGINE_PREFILTER
					 : FW_ENGINE_HYPERSCAN;
		if (pcre2_why)
			set_why(s, i, pcre2_why);
		else if (wide)
			set_why(s, i, wide_why(wide));
		if (!pcre2_why)
			precheck(s, i);
	}
	if (!pcre2_why && compile_set(s)) {
		for (size_t i = 0; i < n; i++)
			if (s->engine[i] != FW_ENGINE_PCRE2) {
				s->engine[i] = FW_ENGINE_PCRE2;
				set_why(s, i, "Hyperscan has no scratch space");
			}
	}
	return s;
}

int fw_rulescan_engine(const fw_rulescan *s, size_t i, const char **why)
{
	if (why)
		*why = s->engine[i] == FW_ENGINE_HYPERSCAN ? NULL : s->why[i];
	return s->engine[i];
}

static int on_match(unsigned int id, unsigned long long from,
		    unsigned long long to, unsigned int flags, void *ctx)
{
	(void)from;
	(void)flags;
	fw_rulescan *s = ctx;
	s->got = fw_xgrow(s->got, &s->gotcap, s->ngot + 1, sizeof *s->got, 256);
	s->got[s->ngot++] = (struct end){id, (unsigned)to};
	return 0;
}

static int uint_cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

/* The scan's ends grouped by rule (a counting sort, stable), each rule's
 * in increasing order. */
static void group_ends(fw_rulescan *s)
{
	/* count[] is zero: the scan cleared it */
	for (size_t k = 0; k < s->ngot; k++)
		s->count[s->got[k].id]++;
	size_t at = 0;
	for (size_t i = 0; i < s->n; i++) {
		s->first[i] = s->cur[i] = at;
		at += s->count[i];
	}
	s->ends = fw_xgrow(s->ends, &s->endcap, s->ngot + 1, sizeof *s->ends,
			   256);
	for (size_t k = 0; k < s->ngot; k++)
		s->ends[s->cur[s->got[k].id]++] = s->got[k].to;
	for (size_t i = 0; i < s->n; i++) {
		s->cur[i] = s->first[i];
		unsigned *e = s->ends + s->first[i];
		for (size_t k = 1; k < s->count[i]; k++)
			if (e[k] < e[k - 1]) {
				qsort(e, s->count[i], sizeof *e, uint_cmp);
				break;
			}
	}
}

int fw_rulescan_scan(fw_rulescan *s, const char *text, size_t len,
		     unsigned char *hit)
{
	s->ngot = 0;
	s->failed = 0;
	memset(s->count, 0, s->n * sizeof *s->count);
	for (size_t i = 0; i < s->n; i++)
		hit[i] = s->engine[i] == FW_ENGINE_PCRE2;
	if (!s->db || !len)
		return 0;
	if (len > 0xffffffffu ||
	    hs_scan(s->db, text, (unsigned)len, 0, s->scratch, on_match, s) !=
		    HS_SUCCESS) {
		memset(hit, 1, s->n);
		s->failed = 1;
		return -1;
	}
	group_ends(s);
	for (size_t i = 0; i < s->n; i++)
		hit[i] |= s->count[i] > 0;
	return 0;
}

size_t fw_rulescan_from(fw_rulescan *s, size_t i, size_t off)
{
	if (s->failed || s->engine[i] == FW_ENGINE_PCRE2)
		return off;
	size_t c = s->cur[i], e = s->first[i] + s->count[i];
	/* a rule Hyperscan reads matches something (it refuses rules
	 * that match the empty string): a match from off ends after it */
	while (c < e && s->ends[c] <= off)
		c++;
	s->cur[i] = c;
	if (c == e)
		return (size_t)-1;
	size_t to = s->ends[c], w = s->maxw[i];
	return w == UINT_MAX || to - off <= w ? off : to - w;
}

fw_rulescan *fw_rulescan_clone(const fw_rulescan *s)
{
	fw_rulescan *c = fw_xcalloc(1, sizeof *c);
	*c = *s;
	c->of = s->of ? s->of : s;
	c->got = NULL;
	c->ngot = c->gotcap = 0;
	c->ends = NULL;
	c->endcap = 0;
	size_t n = s->n ? s->n : 1;
	c->first = fw_xcalloc(n, sizeof *c->first);
	c->count = fw_xcalloc(n, sizeof *c->count);
	c->cur = fw_xcalloc(n, sizeof *c->cur);
	c->scratch = NULL;
	if (s->db && hs_clone_scratch(s->scratch, &c->scratch) != HS_SUCCESS) {
		/* no scratch: every scan fails, so PCRE2 reads every turn */
		c->scratch = NULL;
	}
	return c;
}

static void free_scan_state(fw_rulescan *s)
{
	free(s->got);
	free(s->ends);
	free(s->first);
	free(s->count);
	free(s->cur);
	hs_free_scratch(s->scratch);
}

void fw_rulescan_free(fw_rulescan *s)
{
	if (!s)
		return;
	free_scan_state(s);
	if (s->of) {
		free(s);
		return;
	}
	for (size_t i = 0; i < s->n; i++) {
		free(s->why[i]);
		free(s->expr[i]);
	}
	free(s->why);
	free(s->expr);
	free(s->engine);
	free(s->hsflags);
	free(s->pref);
	free(s->maxw);
	hs_free_database(s->db);
	free(s);
}
