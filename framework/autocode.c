/*
 * autocode.c: applying the codebook's rules.  Each rule is a PCRE2 pattern
 * (JIT-compiled, with match and depth limits) run over the turns of the
 * speakers it names; a match codes its scope unit (the sentence, paragraph
 * or whole turn).  Units of one code in one source that overlap, touch or
 * are separated only by white space merge into one coding.  The result is
 * compared with the rule codings already stored, so re-running keeps them
 * (and their GUIDs) and only adds or removes the difference.
 */
#include "codebook.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/transcript.h"
#include "guid.h"
#include "lines.h"
#include "table.h"
#include "timefmt.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Limits on one rule's match: a clear error, never a runaway pattern. */
#define FW_PCRE_MATCH_LIMIT 1000000u
#define FW_PCRE_DEPTH_LIMIT 10000u

#include <ctype.h>
#include <stdlib.h>
#include <string.h>


typedef struct crule {
	long long code_id;
	int code_ix;
	pcre2_code *re;
	int scope;
	int role; /* FW_ROLE_NONE = any speaker */
} crule;

typedef struct span {
	int code_ix;
	size_t bs, be;
} span;

typedef struct ccode {
	long long id;
	char *number, *name;
	long total, added, removed;
} ccode;

static int role_of(const char *s)
{
	int r = s ? fw_role_parse(s) : FW_ROLE_NONE;
	return r < 0 ? FW_ROLE_NONE : r;
}

/* Is position i (a byte after a sentence end mark) a sentence boundary? */
static size_t sentence_start(const char *t, size_t lo, size_t pos)
{
	size_t i = pos;
	while (i > lo) {
		char c = t[i - 1];
		if (c == '\n' && i >= lo + 2 && t[i - 2] == '\n')
			break;
		if (c == ' ' || c == '\n' || c == '\t') {
			/* skip closing quotes/brackets after the mark */
			size_t j = i - 1;
			while (j > lo && (t[j - 1] == '"' || t[j - 1] == '\'' ||
					  t[j - 1] == ')'))
				j--;
			if (j > lo && (t[j - 1] == '.' || t[j - 1] == '?' ||
				       t[j - 1] == '!'))
				break;
		}
		i--;
	}
	while (i < pos && isspace((unsigned char)t[i]))
		i++;
	return i;
}

static size_t sentence_end(const char *t, size_t hi, size_t pos)
{
	size_t i = pos;
	while (i < hi) {
		char c = t[i];
		if (c == '\n' && i + 1 < hi && t[i + 1] == '\n')
			break;
		if (c == '.' || c == '?' || c == '!') {
			size_t j = i + 1;
			while (j < hi &&
			       (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
				j++;
			if (j >= hi || isspace((unsigned char)t[j])) {
				i = j;
				break;
			}
		}
		i++;
	}
	while (i > pos && isspace((unsigned char)t[i - 1]))
		i--;
	return i;
}

static size_t para_start(const char *t, size_t lo, size_t pos)
{
	size_t i = pos;
	while (i > lo && !(t[i - 1] == '\n' && i >= lo + 2 && t[i - 2] == '\n'))
		i--;
	return i;
}

static size_t para_end(const char *t, size_t hi, size_t pos)
{
	size_t i = pos;
	while (i < hi && !(t[i] == '\n' && i + 1 < hi && t[i + 1] == '\n'))
		i++;
	while (i > pos && isspace((unsigned char)t[i - 1]))
		i--;
	return i;
}

static int span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;
	if (x->code_ix != y->code_ix)
		return x->code_ix < y->code_ix ? -1 : 1;
	if (x->bs != y->bs)
		return x->bs < y->bs ? -1 : 1;
	return (x->be > y->be) - (x->be < y->be);
}

typedef struct spans {
	span *v;
	size_t n, cap;
} spans;

static void spans_add(spans *s, int code_ix, size_t bs, size_t be)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = fw_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].code_ix = code_ix;
	s->v[s->n].bs = bs;
	s->v[s->n].be = be;
	s->n++;
}

/* Sort and merge spans that overlap, touch or have only white space
 * between them. */
static void spans_merge(spans *s, const char *text)
{
	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof *s->v, span_cmp);
	size_t w = 0;
	for (size_t i = 1; i < s->n; i++) {
		span *a = &s->v[w], *b = &s->v[i];
		int join = 0;
		if (a->code_ix == b->code_ix) {
			if (b->bs <= a->be) {
				join = 1;
			} else {
				join = 1;
				for (size_t k = a->be; k < b->bs; k++)
					if (!isspace((unsigned char)text[k])) {
						join = 0;
						break;
					}
			}
		}
		if (join) {
			if (b->be > a->be)
				a->be = b->be;
		} else {
			s->v[++w] = *b;
		}
	}
	s->n = w + 1;
}

typedef struct oldc {
	long long id;
	int code_ix;
	long s, e;
	int keep;
} oldc;

static int oldc_cmp(const void *a, const void *b)
{
	const oldc *x = a, *y = b;
	if (x->code_ix != y->code_ix)
		return x->code_ix < y->code_ix ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return (x->e > y->e) - (x->e < y->e);
}

typedef struct uturn {
	size_t bs, be;
	long cs;
	int role;
} uturn;

/* Code-point offset of byte b.  Spans arrive in increasing order within a
 * code, so the cursor usually counts on from where it last stopped. */
typedef struct cp_cursor {
	size_t b;
	long cp;
	int valid;
} cp_cursor;

static long cp_at(const char *text, const uturn *u, size_t nu, size_t b);

static long cp_at_cur(cp_cursor *c, const char *text, const uturn *u, size_t nu,
		      size_t b)
{
	if (c->valid && b >= c->b && b - c->b < 4096)
		c->cp += fw_utf8_count(text + c->b, b - c->b);
	else
		c->cp = cp_at(text, u, nu, b);
	c->b = b;
	c->valid = 1;
	return c->cp;
}

static long cp_at(const char *text, const uturn *u, size_t nu, size_t b)
{
	/* binary search the turn holding b */
	size_t lo = 0, hi = nu;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (u[mid].bs <= b)
			lo = mid;
		else
			hi = mid;
	}
	if (b < u[lo].bs)
		return fw_utf8_count(text, b);
	return u[lo].cs + fw_utf8_count(text + u[lo].bs, b - u[lo].bs);
}

int fw_autocode_run(fw_autocode_result *res, fw_project *p, int dry_run,
		    fw_error *err)
{
	memset(res, 0, sizeof *res);
	sqlite3_stmt *st = NULL, *ut = NULL, *old = NULL, *ins = NULL,
		     *del = NULL;
	crule *rules = NULL;
	ccode *codes = NULL;
	size_t nrules = 0, ncodes = 0;
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	pcre2_jit_stack *jstack =
		pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	pcre2_jit_stack_assign(mctx, NULL, jstack);
	pcre2_set_match_limit(mctx, FW_PCRE_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, FW_PCRE_DEPTH_LIMIT);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc = 0;
	long long coder = 0;

	/* the codes (all, so the table lists every rule-bearing code) */
	if ((rc = fw_prepare(
		     p, &st,
		     "SELECT c.id, c.number, c.name FROM code c WHERE "
		     "EXISTS (SELECT 1 FROM rule r WHERE r.code_id=c.id) "
		     "OR EXISTS (SELECT 1 FROM coding k WHERE "
		     "k.code_id=c.id AND k.origin='rule') "
		     "ORDER BY c.sort, c.id",
		     err)))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		codes = fw_xrealloc(codes, (ncodes + 1) * sizeof *codes);
		ccode *c = &codes[ncodes++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(st, 0);
		c->number =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		c->name = fw_xstrdup((const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	st = NULL;

	if ((rc = fw_prepare(p, &st,
			     "SELECT r.code_id, r.pattern, r.flags, r.scope, "
			     "r.speaker_role, r.line, c.number FROM rule r "
			     "JOIN code c ON c.id=r.code_id ORDER BY r.id",
			     err)))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		crule r;
		memset(&r, 0, sizeof r);
		r.code_id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < ncodes; i++)
			if (codes[i].id == r.code_id)
				r.code_ix = (int)i;
		const char *scope = (const char *)sqlite3_column_text(st, 3);
		r.scope = !strcmp(scope, "utterance")   ? FW_SCOPE_UTTERANCE
			  : !strcmp(scope, "paragraph") ? FW_SCOPE_PARAGRAPH
							: FW_SCOPE_SENTENCE;
		r.role = role_of((const char *)sqlite3_column_text(st, 4));
		int ec;
		PCRE2_SIZE eo;
		r.re = pcre2_compile(
			sqlite3_column_text(st, 1), PCRE2_ZERO_TERMINATED,
			fw_rule_options(
				(const char *)sqlite3_column_text(st, 2)),
			&ec, &eo, NULL);
		if (!r.re) {
			char msg[256];
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg,
						sizeof msg);
			rc = fw_error_set(
				err, FW_EPARSE, NULL, 0, "rule of code %s: %s",
				(const char *)sqlite3_column_text(st, 6), msg);
			goto out;
		}
		pcre2_jit_compile(r.re, PCRE2_JIT_COMPLETE);
		rules = fw_xrealloc(rules, (nrules + 1) * sizeof *rules);
		rules[nrules++] = r;
	}
	sqlite3_finalize(st);
	st = NULL;

	if (!dry_run) {
		coder = fw_coder_id(p, "charter-autocode", err);
		if (!coder) {
			rc = FW_EIO;
			goto out;
		}
	}
	if ((rc = fw_prepare(p, &st, "SELECT id, text FROM source ORDER BY id",
			     err)) ||
	    (rc = fw_prepare(
		     p, &ut,
		     "SELECT u.bstart, u.bend, u.start, k.role FROM "
		     "utterance u LEFT JOIN speaker k ON k.id=u.speaker_id "
		     "WHERE u.source_id=? ORDER BY u.seq",
		     err)) ||
	    (rc = fw_prepare(
		     p, &old,
		     "SELECT id, code_id, start, \"end\" FROM coding WHERE "
		     "source_id=? AND origin='rule'",
		     err)) ||
	    (rc = fw_prepare(p, &ins,
			     "INSERT INTO coding(guid,code_id,source_id,start,"
			     "\"end\",line_start,line_end,coder_id,origin,"
			     "created_at) VALUES(?,?,?,?,?,?,?,?,'rule',?)",
			     err)) ||
	    (rc = fw_prepare(p, &del, "DELETE FROM coding WHERE id=?", err)))
		goto out;
	char now[32];
	fw_now(now, sizeof now);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		long long sid = sqlite3_column_int64(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		size_t tlen = (size_t)sqlite3_column_bytes(st, 1);
		uturn *u = NULL;
		size_t nu = 0, ucap = 0;
		sqlite3_reset(ut);
		sqlite3_bind_int64(ut, 1, sid);
		while (sqlite3_step(ut) == SQLITE_ROW) {
			if (nu == ucap) {
				ucap = ucap ? ucap * 2 : 128;
				u = fw_xrealloc(u, ucap * sizeof *u);
			}
			u[nu].bs = (size_t)sqlite3_column_int64(ut, 0);
			u[nu].be = (size_t)sqlite3_column_int64(ut, 1);
			u[nu].cs = (long)sqlite3_column_int64(ut, 2);
			const char *role =
				(const char *)sqlite3_column_text(ut, 3);
			u[nu].role =
				role ? role_of(role) : -1; /* -1: header text */
			if (u[nu].be > tlen)
				u[nu].be = tlen;
			nu++;
		}
		spans sp = {0};
		for (size_t r = 0; r < nrules && !rc; r++) {
			crule *R = &rules[r];
			for (size_t k = 0; k < nu && !rc; k++) {
				if (u[k].role < 0)
					continue;
				if (R->role != FW_ROLE_NONE &&
				    u[k].role != R->role &&
				    !(R->role == FW_ROLE_RESPONDENT &&
				      u[k].role == FW_ROLE_PARTICIPANT))
					continue;
				size_t off = u[k].bs;
				while (off < u[k].be) {
					int m = pcre2_match(
						R->re, (PCRE2_SPTR)text,
						u[k].be, off, 0, md, mctx);
					if (m == PCRE2_ERROR_NOMATCH)
						break;
					if (m < 0) {
						char msg[256];
						pcre2_get_error_message(
							m, (PCRE2_UCHAR *)msg,
							sizeof msg);
						rc = fw_error_set(
							err, FW_ELIMIT, NULL, 0,
							"rule of code %s: %s",
							codes[R->code_ix]
								.number,
							msg);
						break;
					}
					PCRE2_SIZE *ov =
						pcre2_get_ovector_pointer(md);
					size_t ms = ov[0], me = ov[1];
					size_t bs, be;
					if (R->scope == FW_SCOPE_UTTERANCE) {
						bs = u[k].bs;
						be = u[k].be;
					} else if (R->scope ==
						   FW_SCOPE_PARAGRAPH) {
						bs = para_start(text, u[k].bs,
								ms);
						be = para_end(text, u[k].be,
							      me > ms ? me - 1
								      : ms);
					} else {
						bs = sentence_start(
							text, u[k].bs, ms);
						be = sentence_end(
							text, u[k].be,
							me > ms ? me - 1 : ms);
					}
					if (be < me)
						be = me;
					spans_add(&sp, R->code_ix, bs, be);
					off = be > off ? be : off + 1;
					/* keep the start on a character
					 * boundary */
					while (off < u[k].be &&
					       ((unsigned char)text[off] &
						0xC0) == 0x80)
						off++;
				}
			}
		}
		spans_merge(&sp, text);
		/* compare with what is stored */
		fw_lines li;
		fw_lines_build(&li, text, tlen);
		oldc *ov = NULL;
		size_t no = 0;
		sqlite3_reset(old);
		sqlite3_bind_int64(old, 1, sid);
		size_t ocap = 0;
		while (sqlite3_step(old) == SQLITE_ROW) {
			if (no == ocap) {
				ocap = ocap ? ocap * 2 : 64;
				ov = fw_xrealloc(ov, ocap * sizeof *ov);
			}
			ov[no].id = sqlite3_column_int64(old, 0);
			long long cid = sqlite3_column_int64(old, 1);
			ov[no].code_ix = -1;
			for (size_t i = 0; i < ncodes; i++)
				if (codes[i].id == cid)
					ov[no].code_ix = (int)i;
			ov[no].s = (long)sqlite3_column_int64(old, 2);
			ov[no].e = (long)sqlite3_column_int64(old, 3);
			ov[no].keep = 0;
			no++;
		}
		if (no)
			qsort(ov, no, sizeof *ov, oldc_cmp);
		size_t oj = 0;
		cp_cursor cur = {0, 0, 0};
		for (size_t i = 0; i < sp.n && !rc; i++) {
			long cs = cp_at_cur(&cur, text, u, nu, sp.v[i].bs);
			long ce = cs + fw_utf8_count(text + sp.v[i].bs,
						     sp.v[i].be - sp.v[i].bs);
			ccode *C = &codes[sp.v[i].code_ix];
			C->total++;
			/* both lists are in (code, start) order: walk them
			 * together */
			int found = 0;
			oldc want = {0, sp.v[i].code_ix, cs, ce, 0};
			while (oj < no && oldc_cmp(&ov[oj], &want) < 0)
				oj++;
			if (oj < no && oldc_cmp(&ov[oj], &want) == 0) {
				ov[oj++].keep = 1;
				found = 1;
			}
			if (found) {
				res->kept++;
				continue;
			}
			C->added++;
			res->added++;
			if (dry_run)
				continue;
			char guid[37];
			fw_guid_new(guid);
			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, guid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins, 2, C->id);
			sqlite3_bind_int64(ins, 3, sid);
			sqlite3_bind_int64(ins, 4, cs);
			sqlite3_bind_int64(ins, 5, ce);
			sqlite3_bind_int(ins, 6, fw_lines_at(&li, sp.v[i].bs));
			sqlite3_bind_int(ins, 7,
					 fw_lines_at(&li, sp.v[i].be - 1));
			sqlite3_bind_int64(ins, 8, coder);
			sqlite3_bind_text(ins, 9, now, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(ins) != SQLITE_DONE)
				rc = fw_sql_error(p, err, "storing coding");
		}
		for (size_t j = 0; j < no && !rc; j++) {
			if (ov[j].keep)
				continue;
			res->removed++;
			if (ov[j].code_ix >= 0)
				codes[ov[j].code_ix].removed++;
			if (dry_run)
				continue;
			sqlite3_reset(del);
			sqlite3_bind_int64(del, 1, ov[j].id);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = fw_sql_error(p, err, "removing coding");
		}
		free(ov);
		fw_lines_dispose(&li);
		free(sp.v);
		free(u);
	}
	if (!rc) {
		static const char *const cols[] = {"code", "name", "codings",
						   "added", "removed"};
		res->per_code = fw_table_new(5, cols);
		for (size_t i = 0; i < ncodes; i++) {
			char a[24], b[24], c[24];
			snprintf(a, sizeof a, "%ld", codes[i].total);
			snprintf(b, sizeof b, "%ld", codes[i].added);
			snprintf(c, sizeof c, "%ld", codes[i].removed);
			const char *row[5] = {codes[i].number, codes[i].name, a,
					      b, c};
			fw_table_add(res->per_code, FW_ROW_DATA, row);
		}
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ut);
	sqlite3_finalize(old);
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	for (size_t i = 0; i < nrules; i++)
		pcre2_code_free(rules[i].re);
	free(rules);
	for (size_t i = 0; i < ncodes; i++) {
		free(codes[i].number);
		free(codes[i].name);
	}
	free(codes);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	pcre2_jit_stack_free(jstack);
	return rc;
}
