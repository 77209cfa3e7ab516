/*
 * query_search.c: full-text search: SQLite FTS5 over speaker turns (the
 * indexes of search_index.c; prefix and phrase queries), or /REGEX/ with
 * PCRE2; keyword in context; --code codes every hit.  Hits stream in
 * document order (transcripts by name, turns in order) with memory bounded
 * whatever their number: the query walks the source-name and turn indexes
 * (CROSS JOIN keeps that order), so nothing is sorted, and each transcript's
 * text is read once, its turns cut from it by byte span.
 */
#include "case.h"
#include "codebook.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/query.h"
#include "table.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* t[a, z) with its line breaks as spaces, copied a run at a time. */
static void kwic_part(fw_buf *b, const char *t, size_t a, size_t z)
{
	while (a < z) {
		const char *nl = memchr(t + a, '\n', z - a);
		size_t e = nl ? (size_t)(nl - t) : z;
		fw_buf_put(b, t + a, e - a);
		if (nl) {
			fw_buf_putc(b, ' ');
			e++;
		}
		a = e;
	}
}

static void kwic(fw_buf *b, const char *t, size_t len, size_t hs, size_t he)
{
	size_t a = hs > 40 ? hs - 40 : 0, z = he + 40 < len ? he + 40 : len;
	while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
		a--;
	while (z < len && ((unsigned char)t[z] & 0xC0) == 0x80)
		z++;
	if (a > 0)
		fw_buf_puts(b, "...");
	kwic_part(b, t, a, hs < a ? a : hs > z ? z : hs);
	if (hs >= a && hs < z)
		fw_buf_puts(b, "[");
	size_t m = he > z ? z : he < hs ? hs : he;
	kwic_part(b, t, hs < a ? a : hs > z ? z : hs, m);
	if (he >= 1 && he - 1 >= a && he - 1 < z && he > hs)
		fw_buf_puts(b, "]");
	kwic_part(b, t, m, z);
	if (z < len)
		fw_buf_puts(b, "...");
}

#define MAX_HITS 256

/* One search being run. */
typedef struct srch {
	fw_project *p;
	const fw_search_opts *o;
	int regex;
	int prefix; /* the query has a prefix term (word*) */
	pcre2_code *re;
	pcre2_match_data *md;
	char **terms; /* full-text: the words to mark in the context */
	size_t nterms;
	unsigned char first[256]; /* a byte some term may start with */
	unsigned char fb[4];      /* those bytes, when there are so few */
	int nfb;                  /* how many, or -1: more */
	unsigned char alnum[256]; /* isalnum, looked up */
	long long code_id;        /* --code: the code every hit gets */
	int *coded;
	fw_table *t;
	long long sid; /* the transcript in text */
	fw_buf text;
} srch;

static void srch_dispose(srch *s)
{
	fw_strv_free(s->terms, s->nterms);
	fw_buf_dispose(&s->text);
	pcre2_match_data_free(s->md);
	pcre2_code_free(s->re);
}

/* /REGEX/ or /REGEX/i, compiled. */
static int srch_compile(srch *s, const char *q, size_t ql, fw_error *err)
{
	int icase = q[ql - 1] == 'i';
	int ec;
	PCRE2_SIZE eo;
	size_t pl = ql - 2 - (size_t)icase;
	s->re = pcre2_compile((PCRE2_SPTR)(q + 1), pl,
			      PCRE2_UTF | (icase ? PCRE2_CASELESS : 0), &ec,
			      &eo, NULL);
	if (!s->re) {
		char msg[200];
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "search: %s at offset %zu", msg,
				    (size_t)eo);
	}
	pcre2_jit_compile(s->re, PCRE2_JIT_COMPLETE);
	s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
	return 0;
}

static void add_term(srch *s, const char *w, size_t wl, int phrase)
{
	if (!phrase && wl && w[wl - 1] == '*')
		wl--;
	/* stems cut crudely, so that "worried" finds "worry" in the text */
	if (!phrase && wl > 5)
		wl -= wl > 7 ? 3 : 2;
	if (!wl)
		return;
	s->terms = fw_xrealloc(s->terms, (s->nterms + 1) * sizeof *s->terms);
	s->terms[s->nterms++] = fw_xstrndup(w, wl);
	/* the bytes term_at takes for its first: any case of the letter,
	 * any white space for a space */
	for (int c = 0; c < 256; c++)
		if (*w == ' ' ? isspace(c) != 0
			      : tolower(c) == tolower((unsigned char)*w))
			s->first[c] = 1;
}

/* FTS finds turns; the query's words (operators left out) and "phrases"
 * (whole) are found in the text for the context. */
static void srch_terms(srch *s, const char *q)
{
	for (const char *c = q; *c;) {
		if (*c == '"') {
			const char *e = strchr(c + 1, '"');
			size_t n = e ? (size_t)(e - c - 1) : strlen(c + 1);
			add_term(s, c + 1, n, 1);
			c += n + 1 + (e != NULL);
			continue;
		}
		if (*c == ' ' || *c == '(' || *c == ')') {
			c++;
			continue;
		}
		size_t n = strcspn(c, " ()\"");
		if (!(n == 3 &&
		      (!strncmp(c, "AND", 3) || !strncmp(c, "NOT", 3))) &&
		    !(n == 2 && !strncmp(c, "OR", 2)) && strncmp(c, "NEAR", 4))
			add_term(s, c, n, 0);
		c += n;
	}
}

/* Does term (its spaces matching any white space, letters any case) stand
 * at t[a..]?  Its end in *z (the word completed), or 0. */
static int term_at(const char *t, size_t len, size_t a, const char *term,
		   size_t *z)
{
	size_t i = a;
	for (const char *c = term; *c; c++) {
		if (*c == ' ') {
			if (i >= len || !isspace((unsigned char)t[i]))
				return 0;
			while (i < len && isspace((unsigned char)t[i]))
				i++;
			continue;
		}
		if (i >= len ||
		    tolower((unsigned char)t[i]) != tolower((unsigned char)*c))
			return 0;
		i++;
	}
	while (i < len && (isalnum((unsigned char)t[i]) || t[i] == '\''))
		i++;
	*z = i;
	return 1;
}

/* The turns to look in, with their case, source and place: every turn
 * of the speakers asked for (regex), or those FTS matches. */
static int srch_prepare(sqlite3_stmt **st, srch *s, fw_error *err)
{
	static const char cols[] =
		"SELECT u.id, c.id, c.name, s.name, s.id, u.line_start, "
		"u.start, u.bstart, u.bend ";
	static const char who[] =
		"JOIN speaker k ON k.id=u.speaker_id LEFT JOIN \"case\" c ON "
		"c.id=coalesce(k.case_id, (SELECT min(x.case_id) FROM "
		"case_source x WHERE x.source_id=s.id)) WHERE (?1='all' OR "
		"k.role=?1 OR (?1='respondent' AND k.role='participant')) ";
	char sql[1400];
	snprintf(sql, sizeof sql, "%s%s%s%sORDER BY s.name, u.seq", cols,
		 "FROM source s CROSS JOIN utterance u ON u.source_id=s.id ",
		 who,
		 s->regex    ? ""
		 : s->prefix ? "AND u.id IN (SELECT rowid FROM turn_fts WHERE "
			       "turn_fts MATCH ?2 UNION SELECT rowid FROM "
			       "turn_raw WHERE turn_raw MATCH ?2) "
			     : "AND u.id IN (SELECT rowid FROM turn_fts WHERE "
			       "turn_fts MATCH ?2) ");
	int rc = fw_prepare(s->p, st, sql, err);
	if (rc)
		return rc;
	sqlite3_bind_text(*st, 1, s->o->speaker ? s->o->speaker : "respondent",
			  -1, SQLITE_TRANSIENT);
	if (!s->regex)
		sqlite3_bind_text(*st, 2, s->o->query, -1, SQLITE_TRANSIENT);
	return 0;
}

/* The text of the transcript a hit is in: read once per transcript (the
 * hits come transcript by transcript). */
static int srch_source(srch *s, long long sid, fw_error *err)
{
	if (sid == s->sid)
		return 0;
	sqlite3_stmt *st;
	int rc = fw_query(&st, s->p, err, "SELECT text FROM source WHERE id=?",
			  "i", sid);
	if (rc)
		return rc;
	fw_buf_clear(&s->text);
	if (fw_row(s->p, st))
		fw_buf_put(&s->text, sqlite3_column_text(st, 0),
			   (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	s->sid = sid;
	return 0;
}

/* The bytes a term may start with, gathered once the terms are known. */
static void first_bytes(srch *s)
{
	s->nfb = 0;
	for (int c = 0; c < 256; c++)
		if (s->first[c]) {
			if (s->nfb == (int)sizeof s->fb) {
				s->nfb = -1;
				return;
			}
			s->fb[s->nfb++] = (unsigned char)c;
		}
}

/* The first byte at or after a that a term may start with (len: none):
 * memchr for each of them when they are few (a word's two cases), else
 * the table.  This reads every byte of every turn found. */
static size_t next_first(const srch *s, const char *t, size_t a, size_t len)
{
	if (s->nfb < 0) {
		while (a < len && !s->first[(unsigned char)t[a]])
			a++;
		return a;
	}
	size_t best = len;
	for (int i = 0; i < s->nfb && a < best; i++) {
		const char *q = memchr(t + a, s->fb[i], best - a);
		if (q)
			best = (size_t)(q - t);
	}
	return best;
}

/* The hits within a turn, as byte spans; a turn FTS matched by stemming
 * alone has one empty hit at its start. */
static int srch_hits(const srch *s, const char *txt, size_t len,
		     size_t hs[MAX_HITS], size_t he[MAX_HITS])
{
	int nh = 0;
	if (s->regex) {
		size_t off = 0;
		int m = 0;
		while (nh < MAX_HITS && off <= len &&
		       (m = pcre2_match(s->re, (PCRE2_SPTR)txt, len, off,
					off ? PCRE2_NO_UTF_CHECK : 0, s->md,
					NULL)) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
			hs[nh] = ov[0];
			he[nh] = ov[1];
			nh++;
			off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			/* on a character boundary, as PCRE2_NO_UTF_CHECK asks
			 */
			while (off < len &&
			       ((unsigned char)txt[off] & 0xC0) == 0x80)
				off++;
		}
		/* a limit (match, depth, heap) is not "no hit" */
		return m < 0 && m != PCRE2_ERROR_NOMATCH ? m : nh;
	}
	for (size_t a = next_first(s, txt, 0, len); a < len && nh < MAX_HITS;
	     a = next_first(s, txt, a + 1, len)) {
		/* a word's start, where a term may begin */
		if (a > 0 && s->alnum[(unsigned char)txt[a - 1]])
			continue;
		for (size_t k = 0; k < s->nterms; k++) {
			size_t z;
			if (term_at(txt, len, a, s->terms[k], &z)) {
				hs[nh] = a;
				he[nh] = z;
				nh++;
				a = z - 1; /* the next hit after this one */
				break;
			}
		}
	}
	if (!nh) {
		hs[0] = he[0] = 0;
		nh = 1;
	}
	return nh;
}

/* A hit as a row (its line and keyword in context), coded with --code. */
static void srch_emit(srch *s, sqlite3_stmt *st, const char *txt, size_t len,
		      size_t hs, size_t he)
{
	int line = sqlite3_column_int(st, 5);
	for (const char *q = txt, *e = txt + hs;
	     (q = memchr(q, '\n', (size_t)(e - q))); q++)
		line++;
	fw_buf b;
	fw_buf_init(&b);
	kwic(&b, txt, len, hs, he > hs ? he : hs + 1);
	char ln[24];
	snprintf(ln, sizeof ln, "L%d", line);
	const char *row[] = {(const char *)sqlite3_column_text(st, 2),
			     (const char *)sqlite3_column_text(st, 3), ln,
			     b.ptr};
	fw_table_add(s->t, FW_ROW_DATA, row);
	fw_buf_dispose(&b);
	if (!s->code_id || he <= hs)
		return;
	/* the hit's sentence, or its turn: never the word alone */
	size_t us = s->o->scope_turn ? 0 : fw_sentence_start(txt, 0, hs);
	size_t ue = s->o->scope_turn ? len : fw_sentence_end(txt, len, he);
	while (ue > us && isspace((unsigned char)txt[ue - 1]))
		ue--;
	long ustart = sqlite3_column_int64(st, 6);
	long a = ustart + fw_utf8_count(txt, us);
	long z = ustart + fw_utf8_count(txt, ue);
	char src[300];
	snprintf(src, sizeof src, "%s", sqlite3_column_text(st, 3));
	long long id;
	fw_error e2;
	fw_error_clear(&e2);
	if (!fw_code_span(&id, s->p, src, a, z, s->o->code, s->o->coder, &e2) &&
	    s->coded)
		(*s->coded)++;
}

/* The regex stopped at one of PCRE2's limits in the row's turn: said
 * with the transcript and line, never read as "no hits". */
static int srch_limit(const srch *s, sqlite3_stmt *st, int m, fw_error *err)
{
	char msg[256];
	pcre2_get_error_message(m, (PCRE2_UCHAR *)msg, sizeof msg);
	return fw_error_set(err, FW_ELIMIT,
			    (const char *)sqlite3_column_text(st, 3),
			    sqlite3_column_int(st, 5),
			    "search %s: %s in this turn (simplify the "
			    "pattern: nested repeats such as (a+)+ take "
			    "exponential time)",
			    s->o->query, msg);
}

int fw_query_search(fw_table **out, int *coded, fw_project *p,
		    const fw_search_opts *o, fw_error *err)
{
	*out = NULL;
	if (coded)
		*coded = 0;
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc)
		return rc;
	const char *q = o->query;
	size_t ql = strlen(q);
	srch s = {.p = p, .o = o, .coded = coded, .sid = -1};
	s.regex = ql >= 2 && q[0] == '/' &&
		  (q[ql - 1] == '/' ||
		   (ql >= 3 && q[ql - 2] == '/' && q[ql - 1] == 'i'));
	sqlite3_stmt *st = NULL;
	s.prefix = !s.regex && strchr(q, '*') != NULL;
	if ((rc = s.regex ? srch_compile(&s, q, ql, err)
			  : fw_search_index_sync(p, FW_INDEX_STEMMED, err)) ||
	    (s.prefix && (rc = fw_search_index_sync(p, FW_INDEX_WHOLE, err))) ||
	    (o->code && (rc = fw_code_find(&s.code_id, p, o->code, err))) ||
	    (rc = srch_prepare(&st, &s, err)))
		goto out;
	for (int c = 0; c < 256; c++)
		s.alnum[c] = isalnum(c) != 0;
	if (!s.regex)
		srch_terms(&s, q);
	first_bytes(&s);
	static const char *const cols[] = {"case", "source", "line", "context"};
	s.t = fw_table_new_sink(o->sink, 4, cols);
	fw_table_numeric(s.t, 2);
	long long pass_case = -1;
	int pass_ok = 1;
	while (fw_row(p, st)) {
		long long cid = sqlite3_column_int64(st, 1);
		if (cid != pass_case) {
			pass_case = cid;
			pass_ok = fw_where_keep(p, cid, o->where, o->nwhere);
		}
		if (!pass_ok)
			continue;
		if ((rc = srch_source(&s, sqlite3_column_int64(st, 4), err))) {
			fw_table_free(s.t);
			goto out;
		}
		if (!s.text.ptr)
			continue;
		size_t a = (size_t)sqlite3_column_int64(st, 7),
		       z = (size_t)sqlite3_column_int64(st, 8);
		if (z > s.text.len)
			z = s.text.len;
		if (a > z)
			a = z;
		const char *txt = s.text.ptr + a;
		size_t len = z - a;
		size_t hs[MAX_HITS], he[MAX_HITS];
		int nh = srch_hits(&s, txt, len, hs, he);
		if (nh < 0) {
			rc = srch_limit(&s, st, nh, err);
			fw_table_free(s.t);
			goto out;
		}
		for (int h = 0; h < nh; h++)
			srch_emit(&s, st, txt, len, hs[h], he[h]);
	}
	*out = s.t;
	if (p->step_rc && p->step_rc != FW_EBUSY) {
		/* what FTS5 could not read is the query, not the project */
		rc = fw_error_set(err, FW_EPARSE, NULL, 0,
				  "the search %s is not understood: %s "
				  "(a \"phrase\" is closed with a quote)",
				  o->query, p->step_msg);
		p->step_rc = 0;
	} else {
		rc = fw_rows_ok(p, err);
	}
out:
	sqlite3_finalize(st);
	srch_dispose(&s);
	return rc;
}
