/*
 * autocode.c: applying the codebook's rules.  Each rule is a PCRE2 pattern
 * (JIT-compiled, with match and depth limits) run over the turns of the
 * speakers it names; a match codes its scope unit (the sentence, paragraph
 * or whole turn).  Units of one code in one source that overlap, touch or
 * are separated only by white space merge into one coding.  The result is
 * compared with the rule codings already stored, so re-running keeps them
 * (and their GUIDs) and only adds or removes the difference.
 *
 * Each turn is read once for all rules (rulescan.c): PCRE2 then runs only
 * the rules that matched somewhere in it, so the codings are the same
 * whichever engine found the turn.  Sources are matched on every core
 * (pipe.h) and written in order by the caller, so the codings and their
 * ids are the same whatever the number of threads.
 */
#include "codebook.h"
#include "natcmp.h"
#include "rulescan.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/transcript.h"
#include "lines.h"
#include "pipe.h"
#include "table.h"
#include "timefmt.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Limits on one rule's match: a clear error, never a runaway pattern. */
#define FW_PCRE_MATCH_LIMIT 1000000u
#define FW_PCRE_DEPTH_LIMIT 10000u

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct crule {
	long long id, code_id;
	int code_ix;
	pcre2_code *re;
	int scope;
	int role; /* FW_ROLE_NONE = any speaker */
} crule;

typedef struct span {
	int code_ix;
	size_t bs, be;
	long long rule_id; /* the first rule that found it */
	long cs, ce;       /* in code points, once merged */
	int ls, le;        /* its first and last lines */
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

/* Bytes a sentence scan stops at: white space going back (a boundary
 * follows an end mark and closing quotes, or is a blank line), an end mark
 * or a newline going forward.  Every other byte is passed over by a table
 * look-up, not a comparison per kind of byte. */
enum { SB_SPACE = 1, SB_STOP = 2 };
static const unsigned char sb_class[256] = {
	['\t'] = SB_SPACE, ['\n'] = SB_SPACE | SB_STOP,
	[' '] = SB_SPACE,  ['.'] = SB_STOP,
	['?'] = SB_STOP,   ['!'] = SB_STOP,
};

static int sb_closer(char c)
{
	return c == '"' || c == '\'' || c == ')';
}

static int sb_mark(char c)
{
	return c == '.' || c == '?' || c == '!';
}

size_t fw_sentence_start(const char *t, size_t lo, size_t pos)
{
	size_t i = pos;
	while (i > lo) {
		if (!(sb_class[(unsigned char)t[i - 1]] & SB_SPACE)) {
			i--;
			continue;
		}
		if (t[i - 1] == '\n' && i >= lo + 2 && t[i - 2] == '\n')
			break;
		/* skip closing quotes/brackets after the mark */
		size_t j = i - 1;
		while (j > lo && sb_closer(t[j - 1]))
			j--;
		if (j > lo && sb_mark(t[j - 1]))
			break;
		i--;
	}
	while (i < pos && isspace((unsigned char)t[i]))
		i++;
	return i;
}

size_t fw_sentence_end(const char *t, size_t hi, size_t pos)
{
	size_t i = pos;
	while (i < hi) {
		char c = t[i];
		if (!(sb_class[(unsigned char)c] & SB_STOP)) {
			i++;
			continue;
		}
		if (c == '\n') {
			if (i + 1 < hi && t[i + 1] == '\n')
				break;
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < hi && sb_closer(t[j]))
			j++;
		if (j >= hi || isspace((unsigned char)t[j])) {
			i = j;
			break;
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
	return fw_cmp_then(FW_CMP_BY(x, y, code_ix),
			   fw_cmp_then(FW_CMP_BY(x, y, bs),
				       fw_cmp_then(FW_CMP_BY(x, y, be),
						   FW_CMP_BY(x, y, rule_id))));
}

typedef struct spans {
	span *v;
	size_t n, cap;
	span *tmp;     /* the sort's: as many as v */
	size_t *count; /* the sort's: spans per code */
	size_t tcap, ccap;
} spans;

static void spans_add(spans *s, int code_ix, long long rule_id, size_t bs,
		      size_t be)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = fw_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].code_ix = code_ix;
	s->v[s->n].rule_id = rule_id;
	s->v[s->n].bs = bs;
	s->v[s->n].be = be;
	s->n++;
}

/* Spans in span_cmp's order.  They arrive turn by turn and, within a
 * rule, in the order of the text: put in buckets by code, each bucket is
 * usually in order already (one rule per code) and sorted only if not. */
static void spans_sort(spans *s, size_t ncodes)
{
	s->tmp = fw_xgrow(s->tmp, &s->tcap, s->n, sizeof *s->tmp, 256);
	s->count =
		fw_xgrow(s->count, &s->ccap, ncodes + 1, sizeof *s->count, 64);
	memset(s->count, 0, (ncodes + 1) * sizeof *s->count);
	for (size_t i = 0; i < s->n; i++)
		s->count[s->v[i].code_ix + 1]++;
	for (size_t c = 1; c <= ncodes; c++)
		s->count[c] += s->count[c - 1];
	for (size_t i = 0; i < s->n; i++)
		s->tmp[s->count[s->v[i].code_ix]++] = s->v[i];
	span *t = s->v;
	s->v = s->tmp;
	s->tmp = t;
	size_t cap = s->cap;
	s->cap = s->tcap;
	s->tcap = cap;
	/* count[c] is now where bucket c ends */
	for (size_t c = 0, lo = 0; c < ncodes; lo = s->count[c++]) {
		for (size_t i = lo + 1; i < s->count[c]; i++)
			if (span_cmp(&s->v[i - 1], &s->v[i]) > 0) {
				qsort(s->v + lo, s->count[c] - lo, sizeof *s->v,
				      span_cmp);
				break;
			}
	}
}

/* Sort and merge spans that overlap, touch or have only white space
 * between them. */
static void spans_merge(spans *s, size_t ncodes, const char *text)
{
	if (!s->n)
		return;
	spans_sort(s, ncodes);
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
	int keep;    /* found again */
	int decided; /* confirmed or rejected: a researcher's, kept */
} oldc;

static int oldc_cmp(const void *a, const void *b)
{
	const oldc *x = a, *y = b;
	return fw_cmp_then(FW_CMP_BY(x, y, code_ix),
			   fw_cmp_then(FW_CMP_BY(x, y, s), FW_CMP_BY(x, y, e)));
}

typedef struct uturn {
	size_t bs, be;
	int role;
} uturn;

/* Code points before every CP_STEP-th byte of a source: a span's offsets
 * are counted on from the checkpoint before them, at most CP_STEP bytes,
 * whatever the order spans come in and however long the turn. */
#define CP_STEP 64

static void cp_checkpoints(long *ck, const char *text, size_t len)
{
	ck[0] = 0;
	for (size_t k = 1; k * CP_STEP <= len; k++)
		ck[k] = ck[k - 1] +
			fw_utf8_count(text + (k - 1) * CP_STEP, CP_STEP);
}

static long cp_of(const long *ck, const char *text, size_t b)
{
	size_t k = b / CP_STEP;
	return ck[k] + fw_utf8_count(text + k * CP_STEP, b - k * CP_STEP);
}

/* ---- one run ------------------------------------------------------------- */

struct run;

/* One thread's means of matching: its own scan state and PCRE2 match
 * data and JIT stack; the compiled rules are shared. */
typedef struct matcher {
	const struct run *x;
	fw_rulescan *scan;
	unsigned char *hit; /* per rule: may match in this turn */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	pcre2_match_data *md;
} matcher;

/* One source on its way: read by the caller, matched by any thread, its
 * codings then written by the caller, sources in order. */
typedef struct job {
	long long sid;
	char *text;
	size_t tlen, tcap;
	uturn *u; /* the source's turns */
	size_t nu, ucap;
	long *ck; /* code points at checkpoints (cp_checkpoints) */
	size_t ckcap;
	spans sp; /* what the rules found, merged */
	int rc;   /* a rule's limit reached, at byte `at` */
	size_t at;
	fw_error err;
} job;

typedef struct run {
	fw_project *p;
	int dry_run, engine;
	crule *rules;
	fw_rulescan *scan; /* each matcher scans with a clone of it */
	size_t nrules;
	ccode *codes;
	size_t ncodes;
	long long coder;
	char now[32]; /* one time for every coding of the run */
	matcher *m;   /* the caller's first, then each thread's */
	size_t nm;
	sqlite3_stmt *turns, *old, *del;
	fw_coding_batch batch; /* new codings, written many at a time */
	oldc *ov;              /* a source's rule codings as stored */
	size_t no, ocap;
} run;

static void matcher_init(matcher *m, const run *x)
{
	memset(m, 0, sizeof *m);
	m->x = x;
	m->scan = fw_rulescan_clone(x->scan);
	m->hit = fw_xcalloc(x->nrules ? x->nrules : 1, 1);
	m->mctx = pcre2_match_context_create(NULL);
	m->jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	pcre2_jit_stack_assign(m->mctx, NULL, m->jstack);
	pcre2_set_match_limit(m->mctx, FW_PCRE_MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, FW_PCRE_DEPTH_LIMIT);
	m->md = pcre2_match_data_create(1, NULL);
}

static void matcher_dispose(matcher *m)
{
	fw_rulescan_free(m->scan);
	free(m->hit);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jstack);
}

static void run_dispose(run *x)
{
	fw_coding_batch_dispose(&x->batch);
	sqlite3_finalize(x->turns);
	sqlite3_finalize(x->old);
	sqlite3_finalize(x->del);
	for (size_t i = 0; i < x->nm; i++)
		matcher_dispose(&x->m[i]);
	free(x->m);
	for (size_t i = 0; i < x->nrules; i++)
		pcre2_code_free(x->rules[i].re);
	free(x->rules);
	fw_rulescan_free(x->scan);
	FW_FREE_FIELDS(x->codes, x->ncodes, ccode, offsetof(ccode, number),
		       offsetof(ccode, name));
	free(x->ov);
}

static int code_index(const run *x, long long id)
{
	for (size_t i = 0; i < x->ncodes; i++)
		if (x->codes[i].id == id)
			return (int)i;
	return -1;
}

/* Every code with rules or rule codings, so the table lists them all. */
static int load_codes(run *x, fw_error *err)
{
	sqlite3_stmt *st;
	int rc =
		fw_prepare(x->p, &st,
			   "SELECT c.id, c.number, c.name FROM code c WHERE "
			   "EXISTS (SELECT 1 FROM rule r WHERE r.code_id=c.id) "
			   "OR EXISTS (SELECT 1 FROM coding k WHERE "
			   "k.code_id=c.id AND k.origin='rule') "
			   "ORDER BY c.sort, c.id",
			   err);
	while (!rc && (rc = fw_step(x->p, st, err)) > 0) {
		rc = 0;
		x->codes = fw_xpush(x->codes, x->ncodes, sizeof *x->codes);
		ccode *c = &x->codes[x->ncodes++];
		fw_columns(st, "itt", &c->id, &c->number, &c->name);
	}
	sqlite3_finalize(st);
	return rc;
}

/* One rule, compiled with JIT. */
static int compile_rule(run *x, sqlite3_stmt *st, fw_error *err)
{
	crule r;
	memset(&r, 0, sizeof r);
	r.code_id = sqlite3_column_int64(st, 0);
	r.id = sqlite3_column_int64(st, 7);
	r.code_ix = code_index(x, r.code_id);
	const char *scope = (const char *)sqlite3_column_text(st, 3);
	r.scope = !strcmp(scope, "utterance")   ? FW_SCOPE_UTTERANCE
		  : !strcmp(scope, "paragraph") ? FW_SCOPE_PARAGRAPH
						: FW_SCOPE_SENTENCE;
	r.role = role_of((const char *)sqlite3_column_text(st, 4));
	int ec;
	PCRE2_SIZE eo;
	r.re = pcre2_compile(
		sqlite3_column_text(st, 1), PCRE2_ZERO_TERMINATED,
		fw_rule_options((const char *)sqlite3_column_text(st, 2)), &ec,
		&eo, NULL);
	if (!r.re) {
		char msg[256];
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
		return fw_error_set(
			err, FW_EPARSE, NULL, 0, "rule of code %s: %s",
			(const char *)sqlite3_column_text(st, 6), msg);
	}
	pcre2_jit_compile(r.re, PCRE2_JIT_COMPLETE);
	x->rules = fw_xrealloc(x->rules, (x->nrules + 1) * sizeof *x->rules);
	x->rules[x->nrules++] = r;
	return 0;
}

/* Below this many characters of transcript, PCRE2 alone reads the project
 * faster than Hyperscan compiles the rules into one pass (about 12 ms a
 * rule to compile; PCRE2 reads a megabyte per rule in about 8 ms). */
#define FW_ONE_PASS_CHARS 2000000

/* Why every rule runs on PCRE2 alone, or NULL when Hyperscan reads. */
static const char *pcre2_why(run *x, char *buf, size_t size)
{
	if (x->engine == FW_AUTOCODE_PCRE2)
		return "asked for (--engine pcre2)";
	if (x->engine == FW_AUTOCODE_HYPERSCAN)
		return NULL;
	long long chars =
		fw_query_int(x->p, 0, "SELECT sum(chars) FROM source", "");
	if (chars >= FW_ONE_PASS_CHARS)
		return NULL;
	char amount[32];
	if (chars < 1000000)
		snprintf(amount, sizeof amount, "%lld KB",
			 (chars + 999) / 1000);
	else
		snprintf(amount, sizeof amount, "%.1f MB", (double)chars / 1e6);
	snprintf(buf, size,
		 "a small project (%s): PCRE2 reads it faster than the one "
		 "pass compiles",
		 amount);
	return buf;
}

static int load_rules(run *x, fw_error *err)
{
	sqlite3_stmt *st;
	char **pat = NULL, **flg = NULL;
	int rc =
		fw_prepare(x->p, &st,
			   "SELECT r.code_id, r.pattern, r.flags, r.scope, "
			   "r.speaker_role, r.line, c.number, r.id FROM rule r "
			   "JOIN code c ON c.id=r.code_id ORDER BY r.id",
			   err);
	while (!rc && (rc = fw_step(x->p, st, err)) > 0) {
		rc = compile_rule(x, st, err);
		pat = fw_xrealloc(pat, x->nrules * sizeof *pat);
		flg = fw_xrealloc(flg, x->nrules * sizeof *flg);
		pat[x->nrules - 1] =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		const char *f = (const char *)sqlite3_column_text(st, 2);
		flg[x->nrules - 1] = fw_xstrdup(f ? f : "");
	}
	sqlite3_finalize(st);
	if (!rc) {
		char why[160];
		x->scan = fw_rulescan_new((const char *const *)pat,
					  (const char *const *)flg, x->nrules,
					  pcre2_why(x, why, sizeof why));
	}
	for (size_t i = 0; pat && i < x->nrules; i++) {
		free(pat[i]);
		free(flg[i]);
	}
	free(pat);
	free(flg);
	return rc;
}

static int run_init(run *x, fw_project *p, const fw_autocode_opts *o,
		    fw_error *err)
{
	memset(x, 0, sizeof *x);
	x->p = p;
	fw_coding_batch_init(&x->batch, p);
	x->dry_run = o->dry_run;
	x->engine = o->engine;
	fw_now(x->now, sizeof x->now);
	int rc;
	if ((rc = load_codes(x, err)) || (rc = load_rules(x, err)))
		return rc;
	/* matching on every core: the caller and its threads */
	x->nm = o->jobs > 0 ? (size_t)o->jobs : 1 + fw_pipe_threads(7);
	x->m = fw_xcalloc(x->nm, sizeof *x->m);
	for (size_t i = 0; i < x->nm; i++)
		matcher_init(&x->m[i], x);
	if (!o->dry_run && x->nrules &&
	    !(x->coder = fw_coder_id(p, "charter-autocode", err)))
		return FW_EIO;
	return FW_PREPARE_ALL(
		p, err,
		{&x->turns, "SELECT u.bstart, u.bend, k.role FROM "
			    "utterance u LEFT JOIN speaker k ON "
			    "k.id=u.speaker_id WHERE u.source_id=? ORDER BY "
			    "u.seq"},
		{&x->old, "SELECT id, code_id, start, \"end\", status <> "
			  "'suggested' FROM coding WHERE source_id=? AND "
			  "origin='rule'"},
		{&x->del, "DELETE FROM coding WHERE id=?"});
}

/* The source's turns, with the role of each speaker (-1: header text). */
static int load_turns(run *x, job *j, fw_error *err)
{
	j->nu = 0;
	size_t tlen = j->tlen;
	fw_rebind(x->turns, "i", (long long)j->sid);
	int rc;
	while ((rc = fw_step(x->p, x->turns, err)) > 0) {
		j->u = fw_xgrow(j->u, &j->ucap, j->nu + 1, sizeof *j->u, 128);
		uturn *t = &j->u[j->nu++];
		t->bs = (size_t)sqlite3_column_int64(x->turns, 0);
		t->be = (size_t)sqlite3_column_int64(x->turns, 1);
		const char *role =
			(const char *)sqlite3_column_text(x->turns, 2);
		t->role = role ? role_of(role) : -1;
		if (t->be > tlen)
			t->be = tlen;
	}
	return rc;
}

/* The unit a match at [ms, me) codes: the turn, paragraph or sentence. */
static void scope_unit(const crule *R, const uturn *t, const char *text,
		       size_t ms, size_t me, size_t *bs, size_t *be)
{
	size_t last = me > ms ? me - 1 : ms;
	if (R->scope == FW_SCOPE_UTTERANCE) {
		*bs = t->bs;
		*be = t->be;
	} else if (R->scope == FW_SCOPE_PARAGRAPH) {
		*bs = para_start(text, t->bs, ms);
		*be = para_end(text, t->be, last);
	} else {
		*bs = fw_sentence_start(text, t->bs, ms);
		*be = fw_sentence_end(text, t->be, last);
	}
	if (*be < me)
		*be = me;
}

static int rule_speaks(const crule *R, const uturn *t)
{
	if (t->role < 0)
		return 0;
	return R->role == FW_ROLE_NONE || t->role == R->role ||
	       (R->role == FW_ROLE_RESPONDENT &&
		t->role == FW_ROLE_PARTICIPANT);
}

/* Every match of one rule in one turn, as units added to sp. */
static int match_turn(matcher *m, size_t r, const uturn *t, const char *text,
		      spans *sp, fw_error *err)
{
	const run *x = m->x;
	const crule *R = &x->rules[r];
	size_t off = t->bs;
	while (off < t->be) {
		/* no match starts before `from` (the scan's ends say so) */
		size_t from = fw_rulescan_from(m->scan, r, off - t->bs);
		if (from == (size_t)-1)
			return 0;
		from += t->bs;
		while (from > off && ((unsigned char)text[from] & 0xC0) == 0x80)
			from--;
		/* the text is valid UTF-8 (ingest made it so) and from is on
		 * a character boundary: no need to check it again per call */
		int got = pcre2_match(R->re, (PCRE2_SPTR)text, t->be, from,
				      PCRE2_NO_UTF_CHECK, m->md, m->mctx);
		if (got == PCRE2_ERROR_NOMATCH)
			return 0;
		if (got < 0) {
			char msg[256];
			pcre2_get_error_message(got, (PCRE2_UCHAR *)msg,
						sizeof msg);
			return fw_error_set(err, FW_ELIMIT, NULL, 0,
					    "rule of code %s: %s",
					    x->codes[R->code_ix].number, msg);
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		size_t bs, be;
		scope_unit(R, t, text, ov[0], ov[1], &bs, &be);
		spans_add(sp, R->code_ix, R->id, bs, be);
		off = be > off ? be : off + 1;
		/* keep the start on a character boundary */
		while (off < t->be && ((unsigned char)text[off] & 0xC0) == 0x80)
			off++;
	}
	return 0;
}

/* The source's rule codings as stored, in (code, start) order. */
static int load_old(run *x, long long sid, fw_error *err)
{
	x->no = 0;
	fw_rebind(x->old, "i", (long long)sid);
	int rc;
	while ((rc = fw_step(x->p, x->old, err)) > 0) {
		x->ov = fw_xgrow(x->ov, &x->ocap, x->no + 1, sizeof *x->ov, 64);
		oldc *o = &x->ov[x->no++];
		o->id = sqlite3_column_int64(x->old, 0);
		o->code_ix = code_index(x, sqlite3_column_int64(x->old, 1));
		o->s = (long)sqlite3_column_int64(x->old, 2);
		o->e = (long)sqlite3_column_int64(x->old, 3);
		o->decided = sqlite3_column_int(x->old, 4);
		o->keep = 0;
	}
	if (x->no)
		qsort(x->ov, x->no, sizeof *x->ov, oldc_cmp);
	return rc;
}

/* Keep what is stored and found again, add what is new (a suggestion),
 * remove the suggestions no longer found.  What a researcher decided is
 * kept either way: a rejected hit is not suggested again, a confirmed one
 * stays when a rule changes. */
static int write_diff(run *x, long long sid, const spans *sp,
		      fw_autocode_result *res, fw_error *err)
{
	size_t oj = 0;
	int rc = 0;
	for (size_t i = 0; i < sp->n && !rc; i++) {
		const span *v = &sp->v[i];
		ccode *C = &x->codes[v->code_ix];
		C->total++;
		/* both lists are in (code, start) order: walk them together */
		oldc want = {0, v->code_ix, v->cs, v->ce, 0, 0};
		while (oj < x->no && oldc_cmp(&x->ov[oj], &want) < 0)
			oj++;
		if (oj < x->no && oldc_cmp(&x->ov[oj], &want) == 0) {
			x->ov[oj++].keep = 1;
			res->kept++;
			continue;
		}
		C->added++;
		res->added++;
		if (x->dry_run)
			continue;
		fw_coding_row r = {.code_id = C->id,
				   .source_id = sid,
				   .coder_id = x->coder,
				   .start = v->cs,
				   .end = v->ce,
				   .line_start = v->ls,
				   .line_end = v->le,
				   .origin = "rule",
				   .created_at = x->now,
				   .rule_id = v->rule_id};
		rc = fw_coding_batch_add(&x->batch, &r, err);
	}
	if (!rc && !x->dry_run)
		rc = fw_coding_batch_flush(&x->batch, err);
	for (size_t j = 0; j < x->no && !rc; j++) {
		if (x->ov[j].keep || x->ov[j].decided)
			continue;
		res->removed++;
		if (x->ov[j].code_ix >= 0)
			x->codes[x->ov[j].code_ix].removed++;
		if (x->dry_run)
			continue;
		fw_rebind(x->del, "i", (long long)x->ov[j].id);
		rc = fw_step_done(x->p, x->del, "removing a coding", err);
	}
	return rc;
}

/* A rule that stopped at PCRE2's limits: the error names the transcript
 * and the line of the turn, and says what to do. */
static int where_limit(run *x, long long sid, const char *text, size_t at,
		       fw_error *err)
{
	char what[600];
	snprintf(what, sizeof what, "%.590s", err ? err->msg : "");
	int line = 1;
	for (size_t i = 0; i < at; i++)
		line += text[i] == '\n';
	sqlite3_stmt *st;
	char name[512] = "?";
	if (!fw_query(&st, x->p, NULL, "SELECT name FROM source WHERE id=?",
		      "i", sid)) {
		if (fw_row(x->p, st))
			snprintf(name, sizeof name, "%s",
				 sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return fw_error_set(err, FW_ELIMIT, name, line,
			    "%s (simplify the rule: nested repeats such as "
			    "(a+)+ take exponential time); nothing was coded",
			    what);
}

/* Where the merged spans are, in code points and lines. */
static void place_spans(job *j)
{
	if (!j->sp.n)
		return;
	fw_lines li;
	fw_lines_build(&li, j->text, j->tlen);
	j->ck = fw_xgrow(j->ck, &j->ckcap, j->tlen / CP_STEP + 1, sizeof *j->ck,
			 64);
	cp_checkpoints(j->ck, j->text, j->tlen);
	for (size_t i = 0; i < j->sp.n; i++) {
		span *v = &j->sp.v[i];
		v->cs = cp_of(j->ck, j->text, v->bs);
		v->ce = cp_of(j->ck, j->text, v->be);
		v->ls = fw_lines_at(&li, v->bs);
		v->le = fw_lines_at(&li, v->be - 1);
	}
	fw_lines_dispose(&li);
}

/* Every turn once through the scan, then PCRE2 for the rules it found
 * there (and those that speak for the turn's speaker): a thread's work. */
static void match_source(void *arg, void *ctx)
{
	job *j = arg;
	matcher *m = ctx;
	const run *x = m->x;
	j->sp.n = 0;
	j->rc = 0;
	for (size_t k = 0; k < j->nu; k++) {
		const uturn *t = &j->u[k];
		size_t r = 0;
		while (r < x->nrules && !rule_speaks(&x->rules[r], t))
			r++;
		if (r == x->nrules || t->be <= t->bs)
			continue;
		fw_rulescan_scan(m->scan, j->text + t->bs, t->be - t->bs,
				 m->hit);
		for (; r < x->nrules && !j->rc; r++)
			if (m->hit[r] && rule_speaks(&x->rules[r], t))
				j->rc = match_turn(m, r, t, j->text, &j->sp,
						   &j->err);
		if (j->rc) {
			j->at = t->bs;
			return;
		}
	}
	spans_merge(&j->sp, x->ncodes, j->text);
	place_spans(j);
}

/* The next source read into an idle job, with its turns. */
static int read_source(run *x, job *j, sqlite3_stmt *st, fw_error *err)
{
	j->sid = sqlite3_column_int64(st, 0);
	j->tlen = (size_t)sqlite3_column_bytes(st, 1);
	const char *text = (const char *)sqlite3_column_text(st, 1);
	j->text = fw_xgrow(j->text, &j->tcap, j->tlen + 1, 1, 4096);
	if (j->tlen)
		memcpy(j->text, text, j->tlen);
	j->text[j->tlen] = 0;
	return load_turns(x, j, err);
}

/* A matched source's codings written (on a dry run, counted). */
static int write_source(run *x, job *j, fw_autocode_result *res, fw_error *err)
{
	if (j->rc) {
		if (err)
			*err = j->err;
		return j->rc == FW_ELIMIT
			       ? where_limit(x, j->sid, j->text, j->at, err)
			       : j->rc;
	}
	int rc = load_old(x, j->sid, err);
	return rc ? rc : write_diff(x, j->sid, &j->sp, res, err);
}

static fw_table *per_code_table(const run *x)
{
	static const char *const cols[] = {"code", "name", "codings", "added",
					   "removed"};
	fw_table *t = fw_table_new(5, cols);
	for (size_t c = 2; c < 5; c++)
		fw_table_numeric(t, c);
	for (size_t i = 0; i < x->ncodes; i++) {
		char a[24], b[24], c[24];
		snprintf(a, sizeof a, "%ld", x->codes[i].total);
		snprintf(b, sizeof b, "%ld", x->codes[i].added);
		snprintf(c, sizeof c, "%ld", x->codes[i].removed);
		const char *row[5] = {x->codes[i].number, x->codes[i].name, a,
				      b, c};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	return t;
}

int fw_autocode_run(fw_autocode_result *res, fw_project *p, int dry_run,
		    fw_error *err)
{
	fw_autocode_opts o = {.dry_run = dry_run};
	return fw_autocode_run_with(res, p, &o, err);
}

/* Sources read and their codings written here, in order; matched in
 * between on every core (pipe.h), so the codings and their ids are the
 * same whatever the number of threads. */
static int run_sources(run *x, sqlite3_stmt *st, fw_autocode_result *res,
		       size_t total, fw_error *err)
{
	fw_project *p = x->p;
	size_t depth = 2 * x->nm + 2, nidle = depth, done = 0;
	job *jobs = fw_xcalloc(depth, sizeof *jobs);
	job **idle = fw_xcalloc(depth, sizeof *idle);
	void **ctx = fw_xcalloc(x->nm, sizeof *ctx);
	for (size_t i = 0; i < depth; i++)
		idle[i] = &jobs[i];
	for (size_t i = 0; i < x->nm; i++)
		ctx[i] = &x->m[i];
	fw_pipe *pp = fw_pipe_new(depth, x->nm - 1, match_source, ctx);
	long since = 0; /* rows written since the history last took them */
	int rc = 0, more = 1;
	while (!rc) {
		if (more && !fw_pipe_full(pp)) {
			if ((rc = fw_step(p, st, err)) > 0) {
				job *j = idle[--nidle];
				if (!(rc = read_source(x, j, st, err)))
					fw_pipe_put(pp, j);
			} else if (!rc) {
				more = 0;
			}
			continue;
		}
		job *j = fw_pipe_take(pp);
		if (!j)
			break;
		long before = res->added + res->removed;
		rc = write_source(x, j, res, err);
		idle[nidle++] = j;
		since += res->added + res->removed - before;
		if (!rc && !x->dry_run && since >= p->history_part) {
			rc = fw_history_flush(p, err);
			since = 0;
		}
		fw_progress(p, "autocode", "sources", ++done, total);
	}
	fw_pipe_free(pp);
	for (size_t i = 0; i < depth; i++) {
		free(jobs[i].text);
		free(jobs[i].u);
		free(jobs[i].ck);
		free(jobs[i].sp.v);
		free(jobs[i].sp.tmp);
		free(jobs[i].sp.count);
	}
	free(jobs);
	free(idle);
	free(ctx);
	return rc;
}

int fw_autocode_run_with(fw_autocode_result *res, fw_project *p,
			 const fw_autocode_opts *o, fw_error *err)
{
	memset(res, 0, sizeof *res);
	run x;
	sqlite3_stmt *st = NULL;
	int rc = run_init(&x, p, o, err);
	int dry = o->dry_run;
	/* a coding a row: the tally is counted once at the end instead */
	if (!rc && !dry)
		rc = fw_tally_suspend(p, err);
	size_t total =
		(size_t)fw_query_int(p, 0, "SELECT count(*) FROM source", "");
	if (!rc)
		rc = fw_prepare(p, &st,
				"SELECT id, text FROM source ORDER BY id", err);
	if (!rc)
		rc = run_sources(&x, st, res, total, err);
	sqlite3_finalize(st);
	if (!rc && !dry)
		rc = fw_tally_resume(p, err);
	if (!rc)
		res->per_code = per_code_table(&x);
	run_dispose(&x);
	return rc;
}

/* Which engine reads each rule, and why not Hyperscan where it is not. */
int fw_autocode_explain(fw_table **out, fw_project *p, int engine,
			fw_error *err)
{
	/* the pattern last: it is often long */
	static const char *const cols[] = {"code", "line", "engine", "why",
					   "pattern"};
	fw_autocode_opts o = {.dry_run = 1, .engine = engine};
	run x;
	int rc = run_init(&x, p, &o, err);
	sqlite3_stmt *st = NULL;
	if (!rc)
		rc = fw_prepare(
			p, &st,
			"SELECT c.number, r.line, r.pattern FROM rule r "
			"JOIN code c ON c.id=r.code_id ORDER BY r.id",
			err);
	fw_table *t = rc ? NULL : fw_table_new(5, cols);
	for (size_t i = 0; !rc && fw_row(p, st) && i < x.nrules; i++) {
		const char *why;
		int e = fw_rulescan_engine(x.scan, i, &why);
		char line[24];
		snprintf(line, sizeof line, "%d", sqlite3_column_int(st, 1));
		const char *row[5] = {(const char *)sqlite3_column_text(st, 0),
				      line, fw_engine_name(e), why ? why : "",
				      (const char *)sqlite3_column_text(st, 2)};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	run_dispose(&x);
	*out = t;
	return rc;
}
