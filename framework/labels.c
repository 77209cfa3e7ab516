/*
 * labels.c: what a line of a transcript is: a speaker's label and the
 * start of their words (in one of the styles below), a time stamp alone,
 * a marker that is nobody's words (a page or tape marker, [Music]), or
 * text.  transcript_lines.c decides from the whole file which style is the
 * file's and makes the turns.
 *
 *   Name: text   Jane B. Doe, Psy.D: text   The Chair (Jane Doe): text
 *   Speaker 1 (00:01:02): text              Q<no-break space>text
 *   [Name] text   {Name} text   **Name:** text   Teacher 4-<tab>text
 *   S1 00:00:01.717 text   Jane Doe (00:01:02) - text   Jane Doe  0:03
 *   p1: text   mop03-2b: text   [id1] text   {P2} text   (ids: only as
 *   the file's dominant style)
 *
 * Any of them may follow a time ("[00:01:02] Name: text") or be followed
 * by one ("**Host:** [00:04:01] text"); the time is the turn's.  Spaces
 * are ASCII or Unicode (no-break, narrow, ideographic).
 */
#include "ingest.h"
#include "alias.h"
#include "timefmt.h"

#include <ctype.h>
#include <string.h>

/* Words that end in a colon at a line start but are not speakers. */
static const char *const not_speakers =
	"note|notes|date|time|location|place|duration|subject|re|example|"
	"examples|transcript|project|file|page|source|case|participants|"
	"present|attendees|title|tel|email|http|https|summary|comment|"
	"comments|interviewee|venue|length|ref|reference|laughs|laughter|"
	"inaudible|pause|crosstalk|unclear|coughs|sic|end|start|ps|nb|id|total|"
	"break|ad break|jingle|intro|outro|music|applause|silence|noise|"
	"sponsor|advert|advertisement|transition|sfx|sound|theme|part|"
	"chapter|section|segment|episode|tape|side|recording|date completed|"
	"transcribed by|transcriber|interview date|keywords|language|audio|"
	"video|warning|disclaimer|copyright|url|link|tags";

/* Lines that are nobody's words when they stand alone. */
static const char *const events =
	"break|ad break|commercial break|jingle|intro|outro|music|theme music|"
	"music plays|music playing|applause|laughter|laughs|laughing|crosstalk|"
	"cross talk|cross-talk|silence|pause|long pause|inaudible|"
	"unintelligible|indistinct|overlapping|overlapping speech|background "
	"noise|noise|end|the end|end of interview|end of recording|end of "
	"transcript|end of tape|end of side|sponsor|sponsor message|advert|"
	"advertisement|transition|sound effect|sfx|beep|interruption|"
	"recording paused|recording resumed|recording stopped|"
	"recording starts|recording ends|tape change|break in recording|"
	"pause in recording|gap in recording";

/* Words that start a page, tape or side marker: "Page 3", "Tape 1, Side
 * A", "End of tape 2", "Begin tape 2". */
static const char *const marker_heads =
	"page|tape|side|cassette|disc|disk|cd|minidisc|track|file|"
	"end of tape|end of side|end of page|beginning of tape|begin tape|"
	"start of tape|start of side|continued on|continued from";

/* An editor's or transcriber's line in brackets: "[Transcriber's note:
 * the tape is unclear here]", "[Editor's note ...]". */
static const char *const editorial =
	"transcriber's note|transcriber’s note|transcriber note|editor's note|"
	"editor’s note|editorial note|translator's note|translator’s note|"
	"note|notes|ed. note|ed note|researcher's note|researcher’s note|"
	"redacted|name redacted|personal details removed|section removed|"
	"audio unclear|tape unclear|end of transcript|transcript ends";

/* Words a NAME 0:03 line cannot start with ("At 10:30 we met"). */
static const char *const not_timed_names =
	"at|by|from|until|till|after|before|around|about|since|to|on|in|"
	"about|approximately|approx|circa|ca|time|timestamp|duration|length";

/* Lower-case words allowed inside a typed name (Ludwig van Beethoven,
 * Secretary of State). */
static const char *const particles =
	"of|de|van|von|der|den|la|le|da|di|du|del|dos|das|bin|ibn|al|el|y|e";

size_t fw_space_at(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i >= n)
		return 0;
	if (u[i] == ' ' || u[i] == '\t')
		return 1;
	if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)
		return 2; /* no-break space */
	if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	    ((u[i + 2] >= 0x80 && u[i + 2] <= 0x8A) || u[i + 2] == 0xAF))
		return 3; /* en quad .. hair space, narrow no-break space */
	if (i + 2 < n && u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80)
		return 3; /* ideographic space */
	return 0;
}

size_t fw_skip_space(const char *s, size_t i, size_t n)
{
	size_t k;
	while ((k = fw_space_at(s, i, n)))
		i += k;
	return i;
}

/* The length of s[0..n) without the spaces and the given punctuation at
 * its end. */
static size_t trim_end(const char *s, size_t n, const char *punct)
{
	for (;;) {
		if (n && strchr(punct, s[n - 1]) && s[n - 1])
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
			 (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			return n;
	}
}

static int in_list(const char *list, const char *s, size_t n)
{
	return fw_alias_findn(&list, 1, s, n) == 0;
}

static int is_upper_start(const unsigned char *s)
{
	return isupper(*s) || *s >= 0xC0; /* a letter beyond ASCII: accept */
}

static int name_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '.' || c == '\'' || c == '-' ||
	       c == '&' || c == '_';
}

/* A person's or role's name as typed before a colon: one to five words,
 * each capitalised, a number or a particle ("of", "van"), with commas
 * between (Jane B. Doe, Psy.D) and parenthesised parts ((Eastside),
 * (Jane Doe)); strict: the first word is capitalised. */
static int name_ok(const char *s, size_t n, int strict)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0 || n > FW_MAX_LINE_LABEL || in_list(not_speakers, s, n))
		return 0;
	if (!is_upper_start(u) && !(strict == 0 && isdigit(u[0])))
		return 0;
	int words = 0;
	size_t i = 0;
	while (i < n) {
		size_t k = fw_space_at(s, i, n);
		if (k || s[i] == ',') {
			i += k ? k : 1;
			continue;
		}
		if (s[i] == '(') {
			const char *close = memchr(s + i, ')', n - i);
			if (!close || close == s + i + 1)
				return 0;
			i = (size_t)(close - s) + 1;
			continue;
		}
		size_t w = i;
		while (i < n && name_char(u[i]))
			i++;
		if (i == w)
			return 0;
		if (++words > 5)
			return 0;
		int cap = is_upper_start(u + w) || isdigit(u[w]);
		if (!cap && !in_list(particles, s + w, i - w))
			return 0;
		if (!cap && w == 0)
			return 0;
	}
	/* the first word alone may not be a word that is no speaker ("Note,
	 * 3 May") */
	size_t first = 0;
	while (first < n && name_char(u[first]))
		first++;
	if (first < n && in_list(not_speakers, s, first))
		return 0;
	return words >= 1;
}

/* A time at s[i..): "00:01:02", "1:02.5", in brackets or parentheses or
 * not; *end past it.  -1 if there is none. */
static long time_at(const char *s, size_t i, size_t n, size_t *end)
{
	char close = 0;
	if (i < n && (s[i] == '[' || s[i] == '(')) {
		close = s[i] == '[' ? ']' : ')';
		i++;
	}
	size_t st = i;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ':' ||
			 s[i] == '.' || s[i] == ','))
		i++;
	while (i > st && (s[i - 1] == '.' || s[i - 1] == ','))
		i--; /* "at 10:30." */
	if (i == st || !memchr(s + st, ':', i - st))
		return -1;
	long t = fw_time_parse(s + st, i - st);
	if (t < 0)
		return -1;
	if (close) {
		if (i >= n || s[i] != close)
			return -1;
		i++;
	}
	*end = i;
	return t;
}

/* Fills h for a label at s[st..lend) in style whose words start at c; a
 * time right after the label is the turn's. */
static int hit(fw_label_hit *h, int style, const char *s, size_t st,
	       size_t lend, size_t c, size_t n)
{
	h->style = style;
	h->lstart = st;
	h->llen = lend - st;
	h->content = fw_skip_space(s, c, n);
	size_t e;
	long t = time_at(s, h->content, n, &e);
	if (t >= 0 && (e == n || fw_space_at(s, e, n))) {
		if (h->t_ms < 0)
			h->t_ms = t;
		h->content = fw_skip_space(s, e, n);
	}
	return FW_LINE_LABEL;
}

/* **Name:** or **Name**: */
static int bold_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	if (!(i + 4 < n && s[i] == '*' && s[i + 1] == '*'))
		return 0;
	size_t st = i + 2, j = st;
	while (j < n && j - st <= FW_MAX_LINE_LABEL && s[j] != '*' &&
	       s[j] != ':')
		j++;
	int in = j + 2 < n && s[j] == ':' && s[j + 1] == '*' && s[j + 2] == '*';
	int out =
		j + 2 < n && s[j] == '*' && s[j + 1] == '*' && s[j + 2] == ':';
	if (!(in || out) || !name_ok(s + st, j - st, 0))
		return 0;
	return hit(h, FW_LS_BOLD, s, st, j, j + 3, n);
}

/* An id as transcribers type it: p1, mop03-2b, id1, P2. */
static int id_token(const char *s, size_t n)
{
	int digit = 0;
	if (n == 0 || n > 16 || !isalpha((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) || c == '-' || c == '_' || c == '.'))
			return 0;
		digit |= isdigit(c) != 0;
	}
	return digit || n <= 3;
}

/* [Name] text, {Name} text; [id1] and {p2} as ids. */
static int bracket_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	if (!(i < n && (s[i] == '[' || s[i] == '{')))
		return 0;
	char close = s[i] == '[' ? ']' : '}';
	size_t st = i + 1, j = st;
	while (j < n && j - st <= FW_MAX_LINE_LABEL && s[j] != close)
		j++;
	if (j >= n || s[j] != close)
		return 0;
	size_t k = j + 1;
	if (k < n && s[k] == ':')
		k++;
	if (k < n && !fw_space_at(s, k, n))
		return 0;
	if (name_ok(s + st, j - st, 0) && !memchr(s + st, '(', j - st))
		return hit(h, FW_LS_BRACKET, s, st, j, k, n);
	if (id_token(s + st, j - st) && !in_list(events, s + st, j - st))
		return hit(h, FW_LS_IDBRACKET, s, st, j, k, n);
	return 0;
}

/* Name: text, with the name's own time in parentheses (Speaker 1
 * (00:01:02): text), or Q followed by a no-break space. */
static int colon_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	size_t st = i, j = i, lend = 0;
	while (j < n && j - st <= FW_MAX_LINE_LABEL + 24 && s[j] != ':') {
		if (s[j] == '(') {
			size_t e;
			long t = time_at(s, j, n, &e);
			if (t >= 0) {
				size_t k = fw_skip_space(s, e, n);
				if (k < n && s[k] == ':') {
					h->t_ms = t;
					lend = j;
					j = k;
					break;
				}
			}
		}
		j++;
	}
	if (j >= n || s[j] != ':')
		return 0;
	if (j + 1 < n && !fw_space_at(s, j + 1, n))
		return 0; /* "http://", "10:30" */
	if (!lend)
		lend = j;
	lend = trim_end(s + st, lend - st, " \t,") + st;
	if (name_ok(s + st, lend - st, 1))
		return hit(h, FW_LS_COLON, s, st, lend, j + 1, n);
	h->t_ms = -1;
	if (id_token(s + st, lend - st))
		return hit(h, FW_LS_ID, s, st, lend, j + 1, n);
	return 0;
}

/* Q and A as reporters type them: Q<no-break space>text. */
static int qa_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	if (i + 2 < n && (s[i] == 'Q' || s[i] == 'A') &&
	    (unsigned char)s[i + 1] == 0xC2 && (unsigned char)s[i + 2] == 0xA0)
		return hit(h, FW_LS_COLON, s, i, i + 1, i + 3, n);
	return 0;
}

/* Teacher 4-<tab>text: a name, a hyphen against it, then space. */
static int hyphen_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	size_t j = i;
	while (j < n && j - i <= FW_MAX_LINE_LABEL && s[j] != '-' &&
	       s[j] != ':' && s[j] != '\t')
		j++;
	if (j >= n || s[j] != '-' || j == i || j + 1 >= n)
		return 0;
	/* against the name, or (" - ") followed by a tab */
	int against = !fw_space_at(s, j - 1, n);
	if (!(s[j + 1] == '\t' || (against && fw_space_at(s, j + 1, n))))
		return 0;
	size_t lend = trim_end(s + i, j - i, " \t") + i;
	if (!name_ok(s + i, lend - i, 1))
		return 0;
	return hit(h, FW_LS_HYPHEN, s, i, lend, j + 1, n);
}

/* S1 00:00:01.717 text, Jane Doe (00:01:02) - text, and Otter's
 * "Jane Doe  0:03" with the words on the next line. */
static int timed_label(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	size_t j = i;
	while (j < n && j - i <= FW_MAX_LINE_LABEL) {
		size_t k = fw_space_at(s, j, n);
		if (!k) {
			j++;
			continue;
		}
		size_t t0 = fw_skip_space(s, j, n), e;
		long t = time_at(s, t0, n, &e);
		if (t < 0) {
			j += k;
			continue;
		}
		size_t c = fw_skip_space(s, e, n);
		if (c < n && (s[c] == '-' || s[c] == ':' || s[c] == '|'))
			c = fw_skip_space(s, c + 1, n);
		else if (c < n && (unsigned char)s[c] == 0xE2 && c + 2 < n &&
			 (unsigned char)s[c + 1] == 0x80 &&
			 (unsigned char)s[c + 2] == 0x93)
			c = fw_skip_space(s, c + 3, n); /* en dash */
		else if (c < n && c == e)
			return 0; /* "S1 00:01x" */
		size_t lend = j;
		size_t w = i;
		while (w < lend && name_char((unsigned char)s[w]))
			w++;
		if (in_list(not_timed_names, s + i, w - i))
			return 0;
		if (!name_ok(s + i, lend - i, 1) && !id_token(s + i, lend - i))
			return 0;
		h->t_ms = t;
		h->style = FW_LS_TIMED;
		h->lstart = i;
		h->llen = lend - i;
		h->content = c;
		return FW_LINE_LABEL;
	}
	return 0;
}

/* A page, tape or side marker: a marker head and a number or a capital
 * after it ("Page 3", "Tape 1, Side A", "End of tape 2"). */
static int page_marker(const char *s, size_t a, size_t b)
{
	if (b - a > 40)
		return 0;
	for (size_t w = a + 1; w < b; w++) {
		if (!fw_space_at(s, w, b) && s[w] != ',')
			continue;
		size_t next = fw_skip_space(s, w, b);
		if (next < b &&
		    (isdigit((unsigned char)s[next]) ||
		     isupper((unsigned char)s[next])) &&
		    in_list(marker_heads, s + a, w - a))
			return 1;
	}
	return 0;
}

/* A line that is only a time, or a page, tape or event marker. */
static int whole_line(const char *s, size_t i, size_t n, fw_label_hit *h)
{
	size_t e;
	long t = time_at(s, i, n, &e);
	if (t >= 0 && fw_skip_space(s, e, n) == n) {
		h->t_ms = t;
		return FW_LINE_TIME;
	}
	/* the words inside the brackets, dashes and stars around them */
	size_t a = i, b = n;
	while (a < b && strchr("[({*-=_~#\\ \t", s[a]))
		a++;
	while (b > a && strchr("])}*-=_~.:\\ \t", s[b - 1]))
		b--;
	if (a == b)
		return 0;
	if (in_list(events, s + a, b - a) || page_marker(s, a, b))
		return FW_LINE_MARKER;
	/* an event as a label: "Music: upbeat", "Break:" */
	const char *colon = memchr(s + a, ':', n - a);
	if (colon && in_list(events, s + a, (size_t)(colon - s) - a))
		return FW_LINE_MARKER;
	/* an editor's line in brackets, whole */
	if ((s[i] == '[' || s[i] == '(' || s[i] == '{') &&
	    strchr("])}", s[n - 1 - (n - 1 > i && s[n - 1] == '.')])) {
		size_t w = a;
		while (w < b && s[w] != ':' && s[w] != ',' && s[w] != '-')
			w++;
		size_t we = w;
		while (we > a && s[we - 1] == ' ')
			we--;
		if (in_list(editorial, s + a, we - a))
			return FW_LINE_MARKER;
	}
	return 0;
}

int fw_line_classify(const char *s, size_t n, fw_label_hit *h)
{
	memset(h, 0, sizeof *h);
	h->t_ms = -1;
	size_t i = fw_skip_space(s, 0, n);
	if (i == n)
		return FW_LINE_TEXT;
	int kind = whole_line(s, i, n, h);
	if (kind)
		return kind;
	/* a time first: [00:01:02] Name: text, or 00:00:05 text */
	size_t e;
	long lead = time_at(s, i, n, &e);
	size_t j = i;
	if (lead >= 0 && fw_space_at(s, e, n)) {
		j = fw_skip_space(s, e, n);
		h->t_ms = lead;
	}
	if (bold_label(s, j, n, h) || bracket_label(s, j, n, h) ||
	    qa_label(s, j, n, h) || colon_label(s, j, n, h) ||
	    hyphen_label(s, j, n, h) || (j == i && timed_label(s, j, n, h)))
		return FW_LINE_LABEL;
	h->style = FW_LS_NONE;
	if (lead >= 0 && j > i) {
		h->t_ms = lead;
		h->content = j;
		return FW_LINE_TIMED;
	}
	h->t_ms = -1;
	return FW_LINE_TEXT;
}

const char *fw_label_style_name(int style)
{
	static const char *const names[FW_LS_N] = {
		[FW_LS_NONE] = "none",
		[FW_LS_COLON] = "Name: text",
		[FW_LS_BRACKET] = "[Name] text",
		[FW_LS_BOLD] = "**Name:** text",
		[FW_LS_HYPHEN] = "Name- text",
		[FW_LS_TIMED] = "Name 00:00:00 text",
		[FW_LS_ID] = "id: text",
		[FW_LS_IDBRACKET] = "[id] text",
		[FW_LS_CUSTOM] = "--speaker-pattern",
		[FW_LS_FORCED] = "the format's own"};
	return style >= 0 && style < FW_LS_N ? names[style] : "none";
}
