/*
 * ingest_txt.c: plain-text transcripts.  Speaker turns are found from the
 * label styles transcribers use:
 *
 *   NAME: text          Name Surname: text      Q: / A:   P1:   IV: / R:
 *   [Name] text         **Name:** text          Speaker 1 (00:01:02): text
 *   [00:01:02] Name: text                       00:01:02 Name: text
 *
 * Every line is tried against each style; the file's dominant style wins,
 * so a stray "One thing: ..." in another style is not taken for a speaker.
 * A --speaker-pattern (PCRE2 with (?<speaker>...) and optional (?<time>...))
 * replaces the built-in styles for a house style.
 */
#include "internal.h"

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
static const char *const not_speakers[] = {
	"note",        "notes",        "date",     "time",
	"location",    "place",        "duration", "subject",
	"re",          "example",      "examples", "transcript",
	"project",     "file",         "page",     "source",
	"case",        "participants", "present",  "attendees",
	"title",       "tel",          "email",    "http",
	"https",       "summary",      "comment",  "comments",
	"interviewee", "venue",        "length",   "ref",
	"reference",   "laughs",       "laughter", "inaudible",
	"pause",       "crosstalk",    "unclear",  "coughs",
	"sic",         "end",          "start",    "ps",
	"nb",          "id",           "total",    NULL};

static int is_stop(const char *s, size_t n)
{
	for (int i = 0; not_speakers[i]; i++)
		if (strlen(not_speakers[i]) == n &&
		    !strncasecmp(s, not_speakers[i], n))
			return 1;
	return 0;
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
		if (j + 2 < n + 1 && j < n && s[j] == ':' && j + 2 <= n &&
		    s[j + 1] == '*' && s[j + 2] == '*') {
			if (!label_ok(s + st, j - st, 0))
				return 0;
			h->style = ST_BOLD;
			h->lstart = st;
			h->llen = j - st;
			h->content = skip_sp(s, j + 3, n);
			return 1;
		}
		if (j + 2 < n + 1 && j + 1 < n && s[j] == '*' &&
		    s[j + 1] == '*' && j + 2 < n && s[j + 2] == ':') {
			if (!label_ok(s + st, j - st, 0))
				return 0;
			h->style = ST_BOLD;
			h->lstart = st;
			h->llen = j - st;
			h->content = skip_sp(s, j + 3, n);
			return 1;
		}
		return 0;
	}
	if (i < n && s[i] == '[') {
		size_t st = i + 1, j = st;
		while (j < n && j - st <= FW_MAX_LINE_LABEL && s[j] != ']')
			j++;
		if (j >= n || s[j] != ']')
			return 0;
		if (!label_ok(s + st, j - st, 0))
			return 0;
		size_t k = j + 1;
		if (k < n && s[k] == ':')
			k++;
		if (k < n && s[k] != ' ' && s[k] != '\t')
			return 0;
		h->style = ST_BRACKET;
		h->lstart = st;
		h->llen = j - st;
		h->content = skip_sp(s, k, n);
		return 1;
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
	if (!label_ok(s + st, lend - st, 1))
		return 0;
	h->style = ST_COLON;
	h->lstart = st;
	h->llen = lend - st;
	h->content = skip_sp(s, j + 1, n);
	return 1;
}

/* ---- roles --------------------------------------------------------------- */

static const char *const interviewer_labels[] = {"interviewer",
						 "int",
						 "iv",
						 "i",
						 "q",
						 "facilitator",
						 "moderator",
						 "researcher",
						 "fac",
						 "mod",
						 "chair",
						 "question",
						 "interviewer 1",
						 "interviewer 2",
						 "researcher 1",
						 "researcher 2",
						 "researcher 3",
						 "facilitator 1",
						 "facilitator 2",
						 "moderator 1",
						 "moderator 2",
						 NULL};

static int label_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

static int is_interviewer_label(const char *l, const fw_ingest_opts *o)
{
	if (o && o->ninterviewers) {
		for (size_t i = 0; i < o->ninterviewers; i++)
			if (label_eq(l, o->interviewers[i]))
				return 1;
		return 0;
	}
	for (int i = 0; interviewer_labels[i]; i++)
		if (label_eq(l, interviewer_labels[i]))
			return 1;
	return 0;
}

/* ---- the parser ---------------------------------------------------------- */

typedef struct pline {
	size_t off, len;
	int has, section;
	label_hit hit;
} pline;

int fw_speaker_index(fw_transcript *t, const char *l, size_t n)
{
	for (size_t i = 0; i < t->nspeakers; i++)
		if (strlen(t->speakers[i].label) == n &&
		    !strncmp(t->speakers[i].label, l, n))
			return (int)i;
	t->speakers = fw_xrealloc(t->speakers,
				  (t->nspeakers + 1) * sizeof *t->speakers);
	fw_tspeaker *s = &t->speakers[t->nspeakers];
	s->label = fw_xstrndup(l, n);
	s->role = FW_ROLE_NONE;
	s->turns = 0;
	return (int)t->nspeakers++;
}

void fw_turn_add(fw_transcript *t, size_t *cap, int speaker, size_t bs,
		 size_t be, long tms, long tend)
{
	/* trim whitespace at both ends */
	while (bs < be && isspace((unsigned char)t->text[bs]))
		bs++;
	while (be > bs && isspace((unsigned char)t->text[be - 1]))
		be--;
	if (be == bs && speaker < 0)
		return;
	if (t->nturns == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->turns = fw_xrealloc(t->turns, *cap * sizeof *t->turns);
	}
	fw_turn *u = &t->turns[t->nturns++];
	u->speaker = speaker;
	u->bstart = bs;
	u->bend = be;
	u->t_start_ms = tms;
	u->t_end_ms = tend;
	if (speaker >= 0)
		t->speakers[speaker].turns++;
}

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

static int ends_question(const char *s, size_t bs, size_t be)
{
	return be > bs && s[be - 1] == '?';
}

/* Assign roles: named interviewers, else the label asking most questions. */
static void assign_roles(fw_transcript *t, const fw_ingest_opts *o)
{
	int any = 0;
	for (size_t i = 0; i < t->nspeakers; i++) {
		if (is_interviewer_label(t->speakers[i].label, o)) {
			t->speakers[i].role = FW_ROLE_INTERVIEWER;
			any = 1;
		} else {
			t->speakers[i].role = o && o->group
						      ? FW_ROLE_PARTICIPANT
						      : FW_ROLE_RESPONDENT;
		}
	}
	if (any || t->nspeakers < 2 || (o && o->ninterviewers))
		return;
	/* No label says who asks: the speaker whose turns most often end in a
	 * question mark is taken to be the interviewer. */
	int best = -1;
	double bestr = 0.0;
	for (size_t i = 0; i < t->nspeakers; i++) {
		int q = 0, n = 0;
		for (size_t k = 0; k < t->nturns; k++)
			if (t->turns[k].speaker == (int)i) {
				n++;
				q += ends_question(t->text, t->turns[k].bstart,
						   t->turns[k].bend);
			}
		double r = n ? (double)q / n : 0.0;
		if (r > bestr) {
			bestr = r;
			best = (int)i;
		}
	}
	if (best >= 0 && bestr >= 0.3) {
		t->speakers[best].role = FW_ROLE_INTERVIEWER;
		snprintf(
			t->warning, sizeof t->warning,
			"no interviewer label; took '%s' (asks most questions) "
			"as the interviewer (use --interviewer to say)",
			t->speakers[best].label);
	}
}

void fw_transcript_finish(fw_transcript *t, const fw_ingest_opts *o)
{
	assign_roles(t, o);
	fw_lines li;
	fw_lines_build(&li, t->text, t->len);
	t->lines = t->len ? li.n : 0;
	/* code-point offsets: walk once, turns are in text order */
	long cp = 0;
	size_t b = 0;
	for (size_t k = 0; k < t->nturns; k++) {
		fw_turn *u = &t->turns[k];
		cp += fw_utf8_count(t->text + b, u->bstart - b);
		u->start = cp;
		cp += fw_utf8_count(t->text + u->bstart, u->bend - u->bstart);
		u->end = cp;
		b = u->bend;
		u->line_start = fw_lines_at(&li, u->bstart);
		u->line_end = fw_lines_at(&li, u->bend > u->bstart ? u->bend - 1
								   : u->bstart);
		if (u->t_start_ms >= 0 && u->t_end_ms < 0)
			for (size_t j = k + 1; j < t->nturns; j++)
				if (t->turns[j].t_start_ms >= 0) {
					u->t_end_ms = t->turns[j].t_start_ms;
					break;
				}
	}
	t->chars = fw_utf8_count(t->text, t->len);
	fw_lines_dispose(&li);
	long words = 0;
	for (size_t k = 0; k < t->nturns; k++) {
		int inw = 0;
		for (size_t i = t->turns[k].bstart; i < t->turns[k].bend; i++) {
			int sp = isspace((unsigned char)t->text[i]);
			if (!sp && !inw)
				words++;
			inw = !sp;
		}
	}
	t->words = words;
}

/* The line parser every paragraph-shaped format ends in: t->text holds the
 * normalised text; hints (may be NULL) mark lines whose label the format
 * itself gave (a bold run, a table column) or that are section headings. */
static int lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
			  int mixed, const char *label,
			  const fw_ingest_opts *opts, fw_error *err);

static int has_text(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!isspace((unsigned char)s[a]))
			return 1;
	return 0;
}

int fw_lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
		      const char *label, const fw_ingest_opts *opts,
		      fw_error *err)
{
	return lines_to_turns(t, hints, nhints, 0, label, opts, err);
}

/* mixed: Markdown's **Name:** and Name: count as one style */
static int lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
			  int mixed, const char *label,
			  const fw_ingest_opts *opts, fw_error *err)
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
		if (!t->warning[0])
			snprintf(
				t->warning, sizeof t->warning,
				"no speaker labels found in %s; the whole text is one "
				"respondent turn",
				label);
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

fw_transcript *fw_transcript_new(char *text, size_t len, const char *enc,
				 const char *format)
{
	fw_transcript *t = fw_xcalloc(1, sizeof *t);
	t->text = text;
	t->len = len;
	snprintf(t->encoding, sizeof t->encoding, "%s", enc ? enc : "");
	t->format = format;
	return t;
}

static int decode_text(fw_transcript **out, const char *data, size_t len,
		       const char *label, const char *format,
		       const fw_ingest_opts *opts, fw_error *err)
{
	char *text;
	size_t tlen;
	const char *enc;
	int rc = fw_text_decode(&text, &tlen, &enc, data, len, label, opts ? opts->allow_cp1252 : 1, err);
	if (rc)
		return rc;
	fw_transcript *t = fw_transcript_new(text, tlen, enc, format);
	if (!strcmp(enc, "windows-1252") && !(opts && opts->allow_cp1252 == 2))
		snprintf(t->warning, sizeof t->warning,
			 "%s is not UTF-8; read it as Windows-1252", label);
	*out = t;
	return 0;
}

int fw_transcript_parse_txt(fw_transcript **out, const char *data, size_t len,
			    const char *label, const fw_ingest_opts *opts,
			    fw_error *err)
{
	*out = NULL;
	fw_transcript *t;
	int rc = decode_text(&t, data, len, label, "txt", opts, err);
	if (rc)
		return rc;
	if ((rc = fw_lines_to_turns(t, NULL, 0, label, opts, err))) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* Markdown: **Name:** and Name: turns as in plain text; ATX headings
 * ("# ...") and setext underlines mark sections, which are not speech. */
int fw_transcript_parse_md(fw_transcript **out, const char *data, size_t len,
			   const char *label, const fw_ingest_opts *opts,
			   fw_error *err)
{
	*out = NULL;
	fw_transcript *t;
	int rc = decode_text(&t, data, len, label, "md", opts, err);
	if (rc)
		return rc;
	size_t nl = 1;
	for (size_t i = 0; i < t->len; i++)
		nl += t->text[i] == '\n';
	fw_hint *h = fw_xcalloc(nl, sizeof *h);
	size_t k = 0, off = 0, prev_off = 0, prev_len = 0;
	int fence = 0;
	while (off <= t->len && k < nl) {
		const char *nlp = memchr(t->text + off, '\n', t->len - off);
		size_t e = nlp ? (size_t)(nlp - t->text) : t->len;
		const char *s = t->text + off;
		size_t n = e - off, i = 0;
		while (i < n && i < 3 && s[i] == ' ')
			i++;
		if (n - i >= 3 &&
		    (!strncmp(s + i, "```", 3) || !strncmp(s + i, "~~~", 3))) {
			fence = !fence;
			h[k].kind = FW_HINT_SECTION;
		} else if (fence) {
			h[k].kind = FW_HINT_SECTION;
		} else if (i < n && s[i] == '#') {
			size_t j = i;
			while (j < n && s[j] == '#')
				j++;
			if (j - i <= 6 &&
			    (j == n || s[j] == ' ' || s[j] == '\t'))
				h[k].kind = FW_HINT_SECTION;
		} else if (k > 0 && n - i >= 3 && prev_len > 0 &&
			   strspn(s + i, "=") == n - i) {
			/* setext heading: the line above is the heading */
			h[k].kind = FW_HINT_SECTION;
			h[k - 1].kind = FW_HINT_SECTION;
		} else if (n - i >= 3 && (strspn(s + i, "-") == n - i ||
					  strspn(s + i, "*") == n - i)) {
			h[k].kind = FW_HINT_SECTION; /* thematic break */
		}
		(void)prev_off;
		prev_off = off;
		prev_len = n;
		k++;
		if (!nlp)
			break;
		off = e + 1;
	}
	rc = lines_to_turns(t, h, nl, 1, label, opts, err);
	free(h);
	if (rc) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void fw_transcript_free(fw_transcript *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nspeakers; i++)
		free(t->speakers[i].label);
	free(t->speakers);
	free(t->turns);
	free(t->text);
	free(t);
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
