/*
 * transcript_lines.c: the line parser every paragraph-shaped format ends
 * in (plain text, Markdown, DOCX, ODT, HTML, and the text of PDF-like
 * exports).  Each line is classified (labels.c): a label in one of the
 * styles transcribers use, a time stamp alone, a page or event marker, or
 * words.  The file's dominant label style wins, so a stray "One thing:
 * ..." in another style is not taken for a speaker; the weak styles (ids
 * such as p1:, Name 0:03) win only when they are used consistently.  A
 * cover sheet at the top (Interviewer: Name, Date: ..., Place: ...) is
 * kept as the source's details, not as speakers.  A --speaker-pattern
 * (PCRE2 with (?<speaker>...) and optional (?<time>...)) replaces the
 * built-in styles for a house style; lines a format marked (a bold run, a
 * table column: hints) count as one more style.
 */
#include "ingest.h"
#include "alias.h"
#include "alloc.h"
#include "errors.h"
#include "fw/transcript.h"
#include "timefmt.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the parser ---------------------------------------------------------- */

typedef struct pline {
	size_t off, len;
	int kind; /* FW_LINE_*, or LN_SECTION / LN_COVER */
	fw_label_hit hit;
} pline;

enum { LN_SECTION = 100, LN_COVER };

static int compile_custom(const char *pat, pcre2_code **re, fw_error *err)
{
	int ec;
	PCRE2_SIZE eo;
	*re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			    PCRE2_UTF | PCRE2_ANCHORED, &ec, &eo, NULL);
	if (!*re) {
		char msg[256];
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "--speaker-pattern: %s at offset %zu", msg,
				    (size_t)eo);
	}
	uint32_t n = 0;
	if (pcre2_substring_number_from_name(*re, (PCRE2_SPTR) "speaker") < 0) {
		pcre2_code_free(*re);
		*re = NULL;
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"--speaker-pattern needs a group named speaker, "
			"as in (?<speaker>[A-Z]+):");
	}
	(void)n;
	return 0;
}

static int custom_match(pcre2_code *re, pcre2_match_data *md, const char *s,
			size_t n, fw_label_hit *h)
{
	memset(h, 0, sizeof *h);
	h->t_ms = -1;
	int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	if (rc <= 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	int si = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "speaker");
	if (si < 0 || ov[2 * si] == PCRE2_UNSET || ov[2 * si + 1] == ov[2 * si])
		return 0;
	h->style = FW_LS_CUSTOM;
	h->lstart = ov[2 * si];
	h->llen = ov[2 * si + 1] - ov[2 * si];
	if (h->llen > FW_MAX_LINE_LABEL)
		return 0;
	int ti = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "time");
	if (ti >= 0 && ov[2 * ti] != PCRE2_UNSET)
		h->t_ms = fw_time_parse(s + ov[2 * ti],
					ov[2 * ti + 1] - ov[2 * ti]);
	h->content = fw_skip_space(s, ov[1], n);
	return FW_LINE_LABEL;
}

static int has_text(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!isspace((unsigned char)s[a]))
			return 1;
	return 0;
}

/* Styles that win only when used consistently: few names, each used
 * more than once on the whole. */
static int weak_style(int style)
{
	return style == FW_LS_ID || style == FW_LS_IDBRACKET ||
	       style == FW_LS_TIMED || style == FW_LS_HYPHEN;
}

static int consistent(const pline *L, size_t n, const char *text, int style)
{
	const char *name[12];
	size_t len[12], distinct = 0, hits = 0;
	for (size_t k = 0; k < n; k++) {
		if (L[k].kind != FW_LINE_LABEL || L[k].hit.style != style)
			continue;
		hits++;
		const char *l = text + L[k].off + L[k].hit.lstart;
		size_t d = 0;
		while (d < distinct && !(len[d] == L[k].hit.llen &&
					 !memcmp(name[d], l, len[d])))
			d++;
		if (d == distinct) {
			if (distinct == 12)
				return 0;
			name[distinct] = l;
			len[distinct++] = L[k].hit.llen;
		}
	}
	return hits >= 2 && hits > distinct;
}

/* Says so when a second style is used nearly as often as the file's: a
 * transcriber who changed style half way, or a misreading. */
static void ambiguous(fw_transcript *t, const int *counts, int style)
{
	int second = FW_LS_NONE;
	for (int st = 1; st < FW_LS_N; st++)
		if (st != style && counts[st] > counts[second])
			second = st;
	if (second != FW_LS_NONE && counts[second] >= 3 &&
	    counts[second] * 2 >= counts[style])
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "two label styles are used about as often (\"%s\" "
			     "on %d lines, \"%s\" on %d); read as \"%s\" (the "
			     "other lines are speech; --speaker-pattern says "
			     "otherwise)",
			     fw_label_style_name(style), counts[style],
			     fw_label_style_name(second), counts[second],
			     fw_label_style_name(style));
}

/* The file's label style: the one most lines have, weak ones only when
 * consistent. */
static int dominant_style(fw_transcript *t, const pline *L, size_t n,
			  const char *text)
{
	int counts[FW_LS_N] = {0};
	for (size_t k = 0; k < n; k++)
		if (L[k].kind == FW_LINE_LABEL)
			counts[L[k].hit.style]++;
	for (;;) {
		int style = FW_LS_NONE;
		for (int st = 1; st < FW_LS_N; st++)
			if (counts[st] > counts[style])
				style = st;
		if (style == FW_LS_NONE || !weak_style(style) ||
		    consistent(L, n, text, style)) {
			if (style != FW_LS_NONE)
				ambiguous(t, counts, style);
			return style;
		}
		counts[style] = 0;
	}
}

/* Keys of a cover sheet's "Key: value" lines. */
static const char *const cover_keys =
	"interviewer|interviewers|interviewee|narrator|respondent|participant|"
	"participants|date|place|location|date completed|date of interview|"
	"interview date|time|duration|length|venue|transcriber|transcribed by|"
	"project|title|subject|recorded|recorded by|recording|file|audio file|"
	"language|keywords|summary|present|attendees|moderator|facilitator|"
	"name|age|occupation|ref|reference|interview number|collection|"
	"series|copyright|format|topic|event|setting|biography";

/* A cover sheet's line "Key: value": the key's end, or 0. */
static size_t cover_line(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n < 32 ? n : 32);
	if (!colon || colon == s)
		return 0;
	size_t k = (size_t)(colon - s), v = fw_skip_space(s, k + 1, n);
	if (n - v > 80 || (n > v && s[n - 1] == '?'))
		return 0;
	return fw_alias_findn(&cover_keys, 1, s, k) == 0 ? k : 0;
}

/* A run of two or more cover lines before the first turn of the dominant
 * style, within the first 30 lines: the source's details. */
/* Whether the speech after line last has a label named s[0..n): a cover
 * line "Interviewer: Jane" is dialogue when "Interviewer:" speaks later. */
static int speaks_later(const fw_transcript *t, const pline *L, size_t n,
			size_t last, const char *s, size_t k)
{
	for (size_t j = last + 1; j < n; j++)
		if (L[j].kind == FW_LINE_LABEL && L[j].hit.llen == k &&
		    !strncasecmp(t->text + L[j].off + L[j].hit.lstart, s, k))
			return 1;
	return 0;
}

static void cover_sheet(fw_transcript *t, pline *L, size_t n, int style)
{
	size_t first = 0, last = 0, run = 0;
	for (size_t k = 0; k < n && k < 30; k++) {
		const char *s = t->text + L[k].off;
		if (cover_line(s, L[k].len)) {
			if (!run++)
				first = k;
			last = k;
			continue;
		}
		if (run >= 2)
			break;
		if (L[k].len) /* blank lines may stand between them */
			run = 0;
	}
	(void)style;
	if (run < 2)
		return;
	for (size_t k = first; k <= last; k++) {
		const char *s = t->text + L[k].off;
		size_t key = cover_line(s, L[k].len);
		if (key && speaks_later(t, L, n, last, s, key))
			return; /* the dialogue itself */
	}
	for (size_t k = 0; k < first; k++)
		if (L[k].kind == FW_LINE_LABEL)
			L[k].kind = FW_LINE_TEXT; /* a title above the sheet */
	for (size_t k = first; k <= last; k++) {
		const char *s = t->text + L[k].off;
		size_t key = cover_line(s, L[k].len);
		if (!key)
			continue;
		size_t v = fw_skip_space(s, key + 1, L[k].len);
		fw_transcript_meta_add(t, s, key, s + v, L[k].len - v);
		L[k].kind = LN_COVER;
	}
}

/* Turns being made: the current speaker, where their words start, the
 * turn's time, and whether a label started it. */
typedef struct turns_w {
	fw_transcript *t;
	size_t cap;
	int cur, resp, by_label;
	size_t start;
	long t_ms;
} turns_w;

static void flush(turns_w *w, size_t end)
{
	if (has_text(w->t->text, w->start, end) || (w->by_label && w->cur >= 0))
		fw_turn_add(w->t, &w->cap, w->cur, w->start, end, w->t_ms, -1);
	w->by_label = 0;
}

/* A line that is nobody's words (a heading, a marker, a cover line). */
static void nobodys(turns_w *w, const pline *l)
{
	flush(w, l->off);
	fw_turn_add(w->t, &w->cap, -1, l->off, l->off + l->len, -1, -1);
	w->start = l->off + l->len;
	w->t_ms = -1;
}

/* Pass 2: the turns, from the lines' kinds and the file's style. */
static void make_turns(fw_transcript *t, const pline *L, size_t n, int style)
{
	turns_w w = {t, 0, -1, -1, 0, 0, -1};
	size_t timed = 0;
	for (size_t k = 0; k < n; k++)
		timed += L[k].kind == FW_LINE_TIMED;
	if (style == FW_LS_NONE) {
		w.cur = w.resp = fw_speaker_index(t, "Respondent", 10);
		if (timed)
			fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
				     "no speaker labels found; the text is one "
				     "respondent's, in turns at its %zu time "
				     "stamps",
				     timed);
		else
			fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
				     "no speaker labels found; the whole text "
				     "is one respondent turn");
	}
	for (size_t k = 0; k < n; k++) {
		const pline *l = &L[k];
		const fw_label_hit *h = &l->hit;
		int kind = l->kind;
		if (kind == FW_LINE_LABEL && h->style != style)
			kind = FW_LINE_TEXT;
		switch (kind) {
		case LN_SECTION: /* a heading: the turn ends, nobody's after */
			nobodys(&w, l);
			w.cur = w.resp;
			break;
		case LN_COVER:
		case FW_LINE_MARKER: /* the speaker goes on after it */
			nobodys(&w, l);
			break;
		case FW_LINE_TIME:
			flush(&w, l->off);
			w.start = l->off + l->len;
			w.t_ms = h->t_ms;
			break;
		case FW_LINE_TIMED: /* the speaker goes on, at a new time */
			flush(&w, l->off);
			w.start = l->off + h->content;
			w.t_ms = h->t_ms;
			break;
		case FW_LINE_LABEL: {
			long pending = has_text(t->text, w.start, l->off)
					       ? -1
					       : w.t_ms;
			flush(&w, l->off);
			w.cur = fw_speaker_index(
				t, t->text + l->off + h->lstart, h->llen);
			w.start = l->off + h->content;
			if (w.start > l->off + l->len)
				w.start = l->off + l->len;
			w.t_ms = h->t_ms >= 0 ? h->t_ms : pending;
			w.by_label = 1;
			break;
		}
		default: break;
		}
	}
	flush(&w, t->len);
}

/* mixed: Markdown's **Name:** and Name: count as one style */
int fw_lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
		      int mixed, const char *label, const fw_ingest_opts *opts,
		      fw_error *err)
{
	const char *text = t->text;
	size_t tlen = t->len;
	if (!has_text(text, 0, tlen))
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "the transcript is empty");
	pcre2_code *re = NULL;
	pcre2_match_data *md = NULL;
	if (opts && opts->speaker_pattern) {
		int rc = compile_custom(opts->speaker_pattern, &re, err);
		if (rc)
			return rc;
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		md = pcre2_match_data_create_from_pattern(re, NULL);
	}
	/* pass 1: what each line is */
	size_t nl = 1;
	for (size_t i = 0; i < tlen; i++)
		nl += text[i] == '\n';
	pline *L = fw_xcalloc(nl, sizeof *L);
	size_t n = 0, off = 0;
	while (off <= tlen && n < nl) {
		const char *nlp = memchr(text + off, '\n', tlen - off);
		size_t e = nlp ? (size_t)(nlp - text) : tlen;
		pline *l = &L[n];
		l->off = off;
		l->len = e - off;
		l->hit.t_ms = -1;
		const fw_hint *h = hints && n < nhints ? &hints[n] : NULL;
		if (h && h->kind == FW_HINT_SECTION) {
			l->kind = LN_SECTION;
		} else if (h && h->kind == FW_HINT_LABEL && h->llen > 0 &&
			   h->llen <= l->len) {
			l->kind = FW_LINE_LABEL;
			l->hit.style = FW_LS_FORCED;
			l->hit.llen = h->llen;
			size_t c = h->llen;
			if (c < l->len && text[off + c] == ':')
				c++;
			l->hit.content = fw_skip_space(text + off, c, l->len);
		} else if (re) {
			l->kind = custom_match(re, md, text + off, l->len,
					       &l->hit);
		} else {
			l->kind = fw_line_classify(text + off, l->len, &l->hit);
		}
		if (l->kind == FW_LINE_LABEL && mixed &&
		    l->hit.style == FW_LS_BOLD)
			l->hit.style = FW_LS_COLON;
		n++;
		if (!nlp)
			break;
		off = e + 1;
	}
	int style = dominant_style(t, L, n, text);
	if (!re)
		cover_sheet(t, L, n, style);
	t->label_style = fw_label_style_name(style);
	make_turns(t, L, n, style);
	free(L);
	if (re) {
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	fw_transcript_finish(t, opts);
	return 0;
}

int fw_label_prefix(const char *s, size_t n, size_t *lstart, size_t *llen,
		    size_t *content)
{
	fw_label_hit h;
	if (fw_line_classify(s, n, &h) != FW_LINE_LABEL ||
	    h.style != FW_LS_COLON || h.t_ms >= 0)
		return 0;
	*lstart = h.lstart;
	*llen = h.llen;
	*content = h.content;
	return 1;
}
