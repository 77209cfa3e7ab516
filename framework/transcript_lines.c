/*
 * transcript_lines.c: the line parser every paragraph-shaped format ends
 * in (plain text, Markdown, DOCX, ODT, HTML).  Speaker turns are found
 * from the label styles transcribers use:
 *
 *   NAME: text          Name Surname: text      Q: / A:   P1:   IV: / R:
 *   [Name] text         **Name:** text          Speaker 1 (00:01:02): text
 *   [00:01:02] Name: text                       00:01:02 Name: text
 *
 * Every line is tried against each style; the file's dominant style wins,
 * so a stray "One thing: ..." in another style is not taken for a speaker.
 * A --speaker-pattern (PCRE2 with (?<speaker>...) and optional
 * (?<time>...)) replaces the built-in styles for a house style.  Lines a
 * format marked (a bold run, a table column: hints) count as one more
 * style.
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

enum { ST_NONE = 0, ST_COLON, ST_BRACKET, ST_BOLD, ST_CUSTOM, ST_FORCED, ST_N };

typedef struct label_hit {
	int style;
	size_t lstart, llen; /* label within the line */
	size_t content;      /* offset of the speech within the line */
	long t_ms;
} label_hit;

/* Words that end in a colon at a line start but are not speakers. */
static const char *const not_speakers =
	"note|notes|date|time|location|place|duration|subject|re|example|"
	"examples|transcript|project|file|page|source|case|participants|"
	"present|attendees|title|tel|email|http|https|summary|comment|"
	"comments|interviewee|venue|length|ref|reference|laughs|laughter|"
	"inaudible|pause|crosstalk|unclear|coughs|sic|end|start|ps|nb|id|total";

static int is_stop(const char *s, size_t n)
{
	return fw_alias_findn(&not_speakers, 1, s, n) == 0;
}

static int is_upper_start(const unsigned char *s)
{
	return isupper(*s) || *s >= 0xC0; /* a letter beyond ASCII: accept */
}

/* Check a label's words: at most 4, each capitalised or a number. */
static int label_ok(const char *s, size_t n, int strict)
{
	if (n == 0 || n > FW_MAX_LINE_LABEL)
		return 0;
	if (is_stop(s, n))
		return 0;
	const unsigned char *u = (const unsigned char *)s;
	if (!is_upper_start(u))
		return 0;
	int words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && u[i] == ' ')
			i++;
		if (i >= n)
			break;
		words++;
		if (strict && !(is_upper_start(u + i) || isdigit(u[i])))
			return 0;
		while (i < n && u[i] != ' ') {
			if (!(isalnum(u[i]) || u[i] >= 0x80 || u[i] == '.' ||
			      u[i] == '\'' || u[i] == '-' || u[i] == '&' ||
			      u[i] == '_'))
				return 0;
			i++;
		}
	}
	return words >= 1 && words <= 4;
}

/* "[hh:mm:ss]" or "hh:mm:ss" at s; returns bytes consumed incl. spaces. */
static size_t lead_time(const char *s, size_t n, long *ms)
{
	size_t i = 0;
	int br = 0;
	if (i < n && (s[i] == '[' || s[i] == '(')) {
		br = 1;
		i++;
	}
	size_t st = i;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ':' ||
			 s[i] == '.' || s[i] == ','))
		i++;
	if (i == st)
		return 0;
	long t = fw_time_parse(s + st, i - st);
	if (t < 0)
		return 0;
	if (br) {
		if (i >= n || (s[i] != ']' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*ms = t;
	return i;
}

static size_t skip_sp(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* The label s[st..end) in style, if it reads as a speaker (colon: typed
 * "Name:"), with the words from content on. */
static int found(label_hit *h, int style, const char *s, size_t st, size_t end,
		 size_t content, size_t n)
{
	if (!label_ok(s + st, end - st, style == ST_COLON))
		return 0;
	h->style = style;
	h->lstart = st;
	h->llen = end - st;
	h->content = skip_sp(s, content, n);
	return 1;
}

/* Try the built-in styles on one line (no newline). */
static int match_label(const char *s, size_t n, label_hit *h)
{
	memset(h, 0, sizeof *h);
	h->t_ms = -1;
	size_t i = lead_time(s, n, &h->t_ms);
	if (i + 4 < n && s[i] == '*' && s[i + 1] == '*') {
		/* **Name:** or **Name**: */
		size_t st = i + 2, j = st;
		while (j < n && j - st <= FW_MAX_LINE_LABEL && s[j] != '*' &&
		       s[j] != ':')
			j++;
		/* the colon inside the bold run, or after it */
		int colon_in = j + 2 < n && s[j] == ':' && s[j + 1] == '*' &&
			       s[j + 2] == '*';
		int colon_out = j + 2 < n && s[j] == '*' && s[j + 1] == '*' &&
				s[j + 2] == ':';
		return (colon_in || colon_out) &&
		       found(h, ST_BOLD, s, st, j, j + 3, n);
	}
	if (i < n && s[i] == '[') {
		size_t st = i + 1, j = st;
		while (j < n && j - st <= FW_MAX_LINE_LABEL && s[j] != ']')
			j++;
		if (j >= n || s[j] != ']')
			return 0;
		size_t k = j + 1;
		if (k < n && s[k] == ':')
			k++;
		if (k < n && s[k] != ' ' && s[k] != '\t')
			return 0;
		return found(h, ST_BRACKET, s, st, j, k, n);
	}
	/* Name[ (time)]: */
	size_t st = i, j = i;
	while (j < n && j - st <= FW_MAX_LINE_LABEL + 16 && s[j] != ':' &&
	       s[j] != '(')
		j++;
	if (j >= n)
		return 0;
	size_t lend = j;
	while (lend > st && s[lend - 1] == ' ')
		lend--;
	if (s[j] == '(') {
		size_t k = j + 1, ts = k;
		while (k < n && s[k] != ')')
			k++;
		if (k >= n)
			return 0;
		long t = fw_time_parse(s + ts, k - ts);
		if (t < 0)
			return 0;
		h->t_ms = t;
		j = k + 1;
		if (j >= n || s[j] != ':')
			return 0;
	}
	if (j + 1 < n && s[j + 1] != ' ' && s[j + 1] != '\t')
		return 0; /* "http://", "10:30" */
	return found(h, ST_COLON, s, st, lend, j + 1, n);
}

/* ---- the parser ---------------------------------------------------------- */

typedef struct pline {
	size_t off, len;
	int has, section;
	label_hit hit;
} pline;

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
			size_t n, label_hit *h)
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
	h->style = ST_CUSTOM;
	h->lstart = ov[2 * si];
	h->llen = ov[2 * si + 1] - ov[2 * si];
	if (h->llen > FW_MAX_LINE_LABEL)
		return 0;
	int ti = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "time");
	if (ti >= 0 && ov[2 * ti] != PCRE2_UNSET)
		h->t_ms = fw_time_parse(s + ov[2 * ti],
					ov[2 * ti + 1] - ov[2 * ti]);
	h->content = skip_sp(s, ov[1], n);
	return 1;
}

static int has_text(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!isspace((unsigned char)s[a]))
			return 1;
	return 0;
}

/* mixed: Markdown's **Name:** and Name: count as one style */
int fw_lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
		      int mixed, const char *label, const fw_ingest_opts *opts,
		      fw_error *err)
{
	const char *text = t->text;
	size_t tlen = t->len;
	size_t nonblank = 0;
	while (nonblank < tlen && isspace((unsigned char)text[nonblank]))
		nonblank++;
	if (nonblank == tlen)
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

	/* pass 1: find label candidates per line and count styles */
	size_t nl = 1;
	for (size_t i = 0; i < tlen; i++)
		nl += text[i] == '\n';
	pline *L = fw_xcalloc(nl, sizeof *L);
	size_t n = 0, off = 0;
	int counts[ST_N] = {0};
	while (off <= tlen && n < nl) {
		const char *nlp = memchr(text + off, '\n', tlen - off);
		size_t e = nlp ? (size_t)(nlp - text) : tlen;
		L[n].off = off;
		L[n].len = e - off;
		const fw_hint *h = hints && n < nhints ? &hints[n] : NULL;
		if (h && h->kind == FW_HINT_SECTION) {
			L[n].section = 1;
		} else if (h && h->kind == FW_HINT_LABEL && h->llen > 0 &&
			   h->llen <= L[n].len) {
			memset(&L[n].hit, 0, sizeof L[n].hit);
			L[n].has = 1;
			L[n].hit.style = ST_FORCED;
			L[n].hit.lstart = 0;
			L[n].hit.llen = h->llen;
			L[n].hit.t_ms = -1;
			size_t c = h->llen;
			if (c < L[n].len && text[off + c] == ':')
				c++;
			L[n].hit.content = skip_sp(text + off, c, L[n].len);
		} else if (re) {
			L[n].has = custom_match(re, md, text + off, e - off,
						&L[n].hit);
		} else {
			L[n].has = match_label(text + off, e - off, &L[n].hit);
		}
		if (L[n].has && mixed && L[n].hit.style == ST_BOLD)
			L[n].hit.style = ST_COLON;
		if (L[n].has)
			counts[L[n].hit.style]++;
		n++;
		if (!nlp)
			break;
		off = e + 1;
	}
	int style = ST_NONE;
	for (int s = 1; s < ST_N; s++)
		if (counts[s] > counts[style])
			style = s;

	/* pass 2: turns */
	size_t cap = 0;
	int resp = -1; /* with no labels, all text is one respondent's */
	if (style == ST_NONE) {
		resp = fw_speaker_index(t, "Respondent", 10);
		fw_diags_add(&t->diags, FW_DIAG_WARNING, label, 0,
			     "no speaker labels found; the whole text is one "
			     "respondent turn");
	}
	int cur = resp;
	size_t cur_start = 0;
	long cur_t = -1;
	for (size_t k = 0; k < n; k++) {
		if (L[k].section) {
			/* a heading ends the turn and belongs to nobody */
			if (cur >= 0 && cur == resp &&
			    !has_text(text, cur_start, L[k].off))
				;
			else
				fw_turn_add(t, &cap, cur, cur_start, L[k].off,
					    cur_t, -1);
			fw_turn_add(t, &cap, -1, L[k].off, L[k].off + L[k].len,
				    -1, -1);
			cur = resp;
			cur_start = L[k].off + L[k].len;
			cur_t = -1;
			continue;
		}
		if (!L[k].has || L[k].hit.style != style)
			continue;
		fw_turn_add(t, &cap, cur, cur_start, L[k].off, cur_t, -1);
		label_hit *h = &L[k].hit;
		cur = fw_speaker_index(t, text + L[k].off + h->lstart, h->llen);
		cur_start = L[k].off + h->content;
		if (cur_start > L[k].off + L[k].len)
			cur_start = L[k].off + L[k].len;
		cur_t = h->t_ms;
	}
	if (!(cur >= 0 && cur == resp && t->nturns &&
	      !has_text(text, cur_start, tlen)))
		fw_turn_add(t, &cap, cur, cur_start, tlen, cur_t, -1);
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
	label_hit h;
	if (!match_label(s, n, &h) || h.style != ST_COLON || h.t_ms >= 0)
		return 0;
	*lstart = h.lstart;
	*llen = h.llen;
	*content = h.content;
	return 1;
}
