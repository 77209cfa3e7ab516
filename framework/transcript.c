/*
 * transcript.c: what every transcript format shares.  Formats are detected
 * from content first and extension second; each reader hands its turns to
 * one of two builders, so that all formats end in the same normalised model
 * (UTF-8 text with LF line ends, turns with speakers and roles, line
 * numbers, and times where the format has them):
 *
 *   paragraph builder  DOCX, ODT, HTML: one line per paragraph, labels
 *                      given by the layout (bold run, table column) or
 *                      typed, found by the plain-text line parser;
 *   turn builder       WebVTT, SRT, TSV, TEI, ELAN, Transcriber: turns
 *                      rendered as "[hh:mm:ss] Name: speech" paragraphs.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A speaker label from a format's markup: whitespace collapsed, at most
 * FW_MAX_LINE_LABEL bytes (cut at a character boundary). */
static char *clean_label(const char *s)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_put_collapsed(&b, s, strlen(s));
	fw_buf_rtrim(&b);
	b.len = fw_utf8_cut(b.ptr ? b.ptr : "", b.len, FW_MAX_LINE_LABEL);
	if (b.ptr)
		b.ptr[b.len] = 0;
	if (!b.len) {
		fw_buf_dispose(&b);
		return fw_xstrdup("Unidentified");
	}
	return fw_buf_detach(&b);
}

/* ---- paragraph builder --------------------------------------------------- */

void fw_pb_init(fw_pbuild *b)
{
	memset(b, 0, sizeof *b);
	fw_buf_init(&b->text);
}

static fw_hint *pb_line(fw_pbuild *b)
{
	if (b->nlines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->hints = fw_xrealloc(b->hints, b->cap * sizeof *b->hints);
	}
	fw_hint *h = &b->hints[b->nlines++];
	h->kind = FW_HINT_NONE;
	h->llen = 0;
	return h;
}

void fw_pb_para(fw_pbuild *b, const char *label, size_t llen, const char *s,
		size_t n, int section)
{
	/* trim the paragraph; keep inner newlines and tabs */
	while (n && (*s == ' ' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' ||
		     s[n - 1] == '\r'))
		n--;
	if (b->nlines)
		fw_buf_putc(&b->text, '\n');
	fw_hint *h = pb_line(b);
	if (section)
		h->kind = FW_HINT_SECTION;
	if (label && llen) {
		char *l = fw_xstrndup(label, llen);
		char *c = clean_label(l);
		free(l);
		h->kind = FW_HINT_LABEL;
		h->llen = (unsigned short)strlen(c);
		fw_buf_puts(&b->text, c);
		fw_buf_puts(&b->text, n ? ": " : ":");
		free(c);
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			continue;
		fw_buf_putc(&b->text, s[i]);
		if (s[i] == '\n') {
			fw_hint *k = pb_line(b);
			if (section)
				k->kind = FW_HINT_SECTION;
		}
	}
}

void fw_pb_dispose(fw_pbuild *b)
{
	fw_buf_dispose(&b->text);
	free(b->hints);
	memset(b, 0, sizeof *b);
}

int fw_pb_finish(fw_pbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err)
{
	*out = NULL;
	size_t len = b->text.len;
	if (!b->text.ptr)
		fw_buf_putc(&b->text, 0), b->text.len = 0, len = 0;
	fw_transcript *t =
		fw_transcript_new(fw_buf_detach(&b->text), len, enc, format);
	int rc = fw_lines_to_turns(t, b->hints, b->nlines, label, opts, err);
	fw_pb_dispose(b);
	if (rc) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* ---- turn builder -------------------------------------------------------- */

void fw_tb_init(fw_tbuild *b)
{
	memset(b, 0, sizeof *b);
}

void fw_tb_add(fw_tbuild *b, const char *speaker, const char *s, size_t n,
	       long t0, long t1, int merge)
{
	char *spk = speaker ? clean_label(speaker) : NULL;
	fw_tbitem *last = b->n ? &b->v[b->n - 1] : NULL;
	if (merge && last && spk && last->speaker &&
	    !strcmp(last->speaker, spk)) {
		free(spk);
		if (last->text.len && last->text.ptr[last->text.len - 1] != ' ')
			fw_buf_putc(&last->text, ' ');
		fw_buf_put_collapsed(&last->text, s, n);
		if (t1 >= 0 && t1 > last->t1)
			last->t1 = t1;
		if (last->t0 < 0)
			last->t0 = t0;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = fw_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	fw_tbitem *it = &b->v[b->n++];
	it->speaker = spk;
	fw_buf_init(&it->text);
	fw_buf_put_collapsed(&it->text, s, n);
	it->t0 = t0;
	it->t1 = t1;
}

void fw_tb_interviewer(fw_tbuild *b, const char *label)
{
	b->iv = fw_xrealloc(b->iv, (b->niv + 1) * sizeof *b->iv);
	b->iv[b->niv++] = clean_label(label);
}

void fw_tb_dispose(fw_tbuild *b)
{
	for (size_t i = 0; i < b->niv; i++)
		free(b->iv[i]);
	free(b->iv);
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].speaker);
		fw_buf_dispose(&b->v[i].text);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

static void put_time(fw_buf *b, long ms)
{
	long s = ms / 1000;
	fw_buf_printf(b, "[%02ld:%02ld:%02ld] ", s / 3600, s / 60 % 60, s % 60);
}

int fw_tb_finish(fw_tbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err)
{
	*out = NULL;
	/* drop turns left empty (a cue of only tags) */
	size_t speech = 0;
	for (size_t i = 0; i < b->n; i++) {
		fw_buf *x = &b->v[i].text;
		while (x->len && x->ptr[x->len - 1] == ' ')
			x->ptr[--x->len] = 0;
		speech += x->len > 0 && b->v[i].speaker;
	}
	if (!speech) {
		fw_tb_dispose(b);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "no speech found: the %s file has no turns "
				    "with text",
				    format);
	}
	fw_buf text;
	fw_buf_init(&text);
	fw_transcript *t = fw_xcalloc(1, sizeof *t);
	size_t cap = 0;
	typedef struct {
		int spk;
		size_t bs, be;
		long t0, t1;
	} span;
	span *sp = fw_xcalloc(b->n + 1, sizeof *sp);
	size_t ns = 0;
	for (size_t i = 0; i < b->n; i++) {
		fw_tbitem *it = &b->v[i];
		if (!it->text.len)
			continue;
		if (text.len)
			fw_buf_puts(&text, "\n\n");
		if (it->t0 >= 0)
			put_time(&text, it->t0);
		int spk = -1;
		if (it->speaker) {
			spk = fw_speaker_index(t, it->speaker,
					       strlen(it->speaker));
			fw_buf_puts(&text, it->speaker);
			fw_buf_puts(&text, ": ");
		}
		sp[ns].spk = spk;
		sp[ns].bs = text.len;
		fw_buf_put(&text, it->text.ptr, it->text.len);
		sp[ns].be = text.len;
		sp[ns].t0 = it->t0;
		sp[ns].t1 = it->t1;
		ns++;
	}
	fw_buf_putc(&text, '\n');
	fw_ingest_opts local;
	if (opts)
		local = *opts;
	else
		memset(&local, 0, sizeof local);
	if (b->niv && !local.ninterviewers) {
		local.interviewers = (const char *const *)b->iv;
		local.ninterviewers = b->niv;
	}
	t->len = text.len;
	t->text = fw_buf_detach(&text);
	snprintf(t->encoding, sizeof t->encoding, "%s", enc ? enc : "");
	t->format = format;
	for (size_t i = 0; i < ns; i++)
		fw_turn_add(t, &cap, sp[i].spk, sp[i].bs, sp[i].be, sp[i].t0,
			    sp[i].t1);
	free(sp);
	fw_transcript_finish(t, &local);
	fw_tb_dispose(b);
	*out = t;
	return 0;
}

/* ---- decoding ------------------------------------------------------------ */

int fw_decode_for(const char *data, size_t len, const char *label,
		  const fw_ingest_opts *o, int strict, char **out,
		  size_t *out_len, const char **enc, fw_error *err)
{
	int mode = o ? o->allow_cp1252 : 1;
	if (strict && mode == 1)
		mode = 0;
	return fw_text_decode(out, out_len, enc, data, len, label, mode, err);
}

/* ---- formats ------------------------------------------------------------- */

static const char *const fmt_names[FW_TF_N] = {"auto", "txt",  "md",  "docx",
					       "odt",  "html", "vtt", "srt",
					       "tei",  "eaf",  "trs", "tsv"};

const char *fw_format_name(int fmt)
{
	return fmt >= 0 && fmt < FW_TF_N ? fmt_names[fmt] : NULL;
}

static const struct {
	const char *ext;
	int fmt;
} exts[] = {{"txt", FW_TF_TXT},
	    {"text", FW_TF_TXT},
	    {"md", FW_TF_MD},
	    {"markdown", FW_TF_MD},
	    {"docx", FW_TF_DOCX},
	    {"odt", FW_TF_ODT},
	    {"html", FW_TF_HTML},
	    {"htm", FW_TF_HTML},
	    {"xhtml", FW_TF_HTML},
	    {"vtt", FW_TF_VTT},
	    {"webvtt", FW_TF_VTT},
	    {"srt", FW_TF_SRT},
	    {"tei", FW_TF_TEI},
	    {"xml", FW_TF_TEI},
	    {"eaf", FW_TF_EAF},
	    {"elan", FW_TF_EAF},
	    {"trs", FW_TF_TRS},
	    {"transcriber", FW_TF_TRS},
	    {"tsv", FW_TF_TSV},
	    {"tab", FW_TF_TSV},
	    {NULL, 0}};

int fw_format_from_name(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < FW_TF_N; i++)
		if (!strcasecmp(s, fmt_names[i]))
			return i;
	for (int i = 0; exts[i].ext; i++)
		if (!strcasecmp(s, exts[i].ext))
			return exts[i].fmt;
	return -1;
}

static int ext_format(const char *path)
{
	if (!path)
		return 0;
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot || dot == path || (slash && dot == slash + 1))
		return 0;
	for (int i = 0; exts[i].ext; i++)
		if (!strcasecmp(dot + 1, exts[i].ext))
			return exts[i].fmt;
	return 0;
}

int fw_format_known_ext(const char *path)
{
	return ext_format(path) != 0;
}

/* The first bytes as ASCII-ish text for sniffing: UTF-16 squeezed to its
 * low bytes, a UTF-8 BOM skipped. */
static size_t sniff_prefix(const char *data, size_t len, char *buf, size_t cap)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t n = 0;
	int le = len >= 2 && u[0] == 0xFF && u[1] == 0xFE;
	int be = len >= 2 && u[0] == 0xFE && u[1] == 0xFF;
	if (!le && !be && len >= 4 && len % 2 == 0) {
		/* no BOM: NUL bytes in alternate positions */
		size_t z0 = 0, z1 = 0, m = len < 256 ? len : 256;
		for (size_t i = 0; i + 1 < m; i += 2) {
			z0 += u[i] == 0;
			z1 += u[i + 1] == 0;
		}
		if (z1 * 10 >= m / 2 * 7 && z0 * 10 <= m / 2)
			le = 2;
		else if (z0 * 10 >= m / 2 * 7 && z1 * 10 <= m / 2)
			be = 2;
	}
	if (le || be) {
		size_t i = (le == 1 || be == 1) ? 2 : 0;
		for (; i + 1 < len && n + 1 < cap; i += 2) {
			unsigned c = be ? u[i + 1] : u[i];
			unsigned hi = be ? u[i] : u[i + 1];
			buf[n++] = hi ? '?' : (char)(c ? c : '?');
		}
	} else {
		size_t i =
			len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF
				? 3
				: 0;
		for (; i < len && n + 1 < cap; i++)
			buf[n++] = u[i] ? (char)u[i] : '?';
	}
	buf[n] = 0;
	return n;
}

/* The root element's name of an XML or HTML document, lower-cased. */
static void xml_root(const char *s, char *name, size_t cap)
{
	name[0] = 0;
	const char *p = s;
	for (;;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (*p != '<')
			return;
		if (!strncmp(p, "<?", 2)) {
			const char *e = strstr(p, "?>");
			if (!e)
				return;
			p = e + 2;
		} else if (!strncmp(p, "<!--", 4)) {
			const char *e = strstr(p, "-->");
			if (!e)
				return;
			p = e + 3;
		} else if (!strncasecmp(p, "<!doctype", 9)) {
			const char *q = p + 9;
			while (*q == ' ')
				q++;
			if (!strncasecmp(q, "html", 4)) {
				snprintf(name, cap, "html");
				return;
			}
			/* skip to the end of the declaration (internal subset
			 * too) */
			int depth = 0;
			while (*q && !(*q == '>' && depth == 0)) {
				depth += *q == '[';
				depth -= *q == ']';
				q++;
			}
			if (!*q)
				return;
			p = q + 1;
		} else {
			p++;
			size_t n = 0;
			while (*p && n + 1 < cap &&
			       !isspace((unsigned char)*p) && *p != '>' &&
			       *p != '/') {
				name[n++] = (char)tolower((unsigned char)*p);
				p++;
			}
			name[n] = 0;
			/* a namespace prefix (tei:TEI) does not matter */
			char *colon = strchr(name, ':');
			if (colon)
				memmove(name, colon + 1, strlen(colon + 1) + 1);
			return;
		}
	}
}

/* A time or a time range at the start of s (NVivo: "0:00:00.0 - 0:01:02.3"). */
static int starts_with_time(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 14 &&
	       (isdigit((unsigned char)s[i]) || s[i] == ':' || s[i] == '.' ||
		s[i] == ','))
		i++;
	return i >= 3 && fw_time_parse(s, i) >= 0;
}

int fw_format_detect(const char *data, size_t len, const char *path)
{
	int ext = ext_format(path);
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4)) {
		if (fw_zip_has(data, len, "word/document.xml"))
			return FW_TF_DOCX;
		if (fw_zip_has(data, len, "content.xml"))
			return FW_TF_ODT;
		return ext == FW_TF_ODT ? FW_TF_ODT : FW_TF_DOCX;
	}
	char buf[4096];
	size_t n = sniff_prefix(data, len, buf, sizeof buf);
	const char *s = buf;
	while (*s && isspace((unsigned char)*s))
		s++;
	if (!strncmp(s, "WEBVTT", 6) &&
	    (s[6] == 0 || isspace((unsigned char)s[6])))
		return FW_TF_VTT;
	if (*s == '<') {
		char root[64];
		xml_root(s, root, sizeof root);
		if (!strcmp(root, "tei") || !strcmp(root, "tei.2") ||
		    !strcmp(root, "teicorpus"))
			return FW_TF_TEI;
		if (!strcmp(root, "annotation_document"))
			return FW_TF_EAF;
		if (!strcmp(root, "trans"))
			return FW_TF_TRS;
		if (!strcmp(root, "html"))
			return FW_TF_HTML;
		if (ext == FW_TF_TEI || ext == FW_TF_EAF || ext == FW_TF_TRS ||
		    ext == FW_TF_HTML)
			return ext;
		if (strcasestr(s, "<p") || strcasestr(s, "<body") ||
		    strcasestr(s, "<div"))
			return FW_TF_HTML;
	}
	/* look at the first lines: cue timings, tab columns */
	int lines = 0, arrows = 0, numbered_cue = 0, comma_ms = 0, tabbed = 0,
	    timed_tab = 0;
	const char *p = s, *end = buf + n;
	char prev[32] = "";
	while (p < end && lines < 40) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ln = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (ln && p[ln - 1] == '\r')
			ln--;
		if (ln) {
			lines++;
			const char *arrow = memmem(p, ln, "-->", 3);
			if (arrow && starts_with_time(p, ln)) {
				arrows++;
				if (prev[0] &&
				    strspn(prev, "0123456789") == strlen(prev))
					numbered_cue++;
				const char *c =
					memchr(p, ',', (size_t)(arrow - p));
				comma_ms += c != NULL;
			}
			const char *tab = memchr(p, '\t', ln);
			if (tab) {
				tabbed++;
				const char *t2 =
					memchr(tab + 1, '\t',
					       ln - (size_t)(tab + 1 - p));
				if (starts_with_time(p, (size_t)(tab - p)) ||
				    (t2 &&
				     starts_with_time(tab + 1,
						      (size_t)(t2 - tab - 1))))
					timed_tab++;
			}
		}
		size_t k = ln < sizeof prev - 1 ? ln : sizeof prev - 1;
		memcpy(prev, p, k);
		prev[k] = 0;
		if (!nl)
			break;
		p = nl + 1;
	}
	if (arrows) {
		if (ext == FW_TF_SRT || ext == FW_TF_VTT)
			return ext;
		return numbered_cue || comma_ms ? FW_TF_SRT : FW_TF_VTT;
	}
	if (ext == FW_TF_TSV)
		return FW_TF_TSV;
	if (lines && timed_tab * 2 >= lines)
		return FW_TF_TSV;
	if (ext && ext != FW_TF_DOCX && ext != FW_TF_ODT)
		return ext;
	(void)tabbed;
	return FW_TF_TXT;
}

int fw_transcript_parse(fw_transcript **out, const char *data, size_t len,
			const char *label, const fw_ingest_opts *opts,
			fw_error *err)
{
	*out = NULL;
	int fmt = opts && opts->format ? opts->format
				       : fw_format_detect(data, len, label);
	switch (fmt) {
	case FW_TF_MD:
		return fw_transcript_parse_md(out, data, len, label, opts, err);
	case FW_TF_DOCX: return fw_parse_docx(out, data, len, label, opts, err);
	case FW_TF_ODT: return fw_parse_odt(out, data, len, label, opts, err);
	case FW_TF_HTML: return fw_parse_html(out, data, len, label, opts, err);
	case FW_TF_VTT: return fw_parse_vtt(out, data, len, label, opts, err);
	case FW_TF_SRT: return fw_parse_srt(out, data, len, label, opts, err);
	case FW_TF_TEI: return fw_parse_tei(out, data, len, label, opts, err);
	case FW_TF_EAF: return fw_parse_eaf(out, data, len, label, opts, err);
	case FW_TF_TRS: return fw_parse_trs(out, data, len, label, opts, err);
	case FW_TF_TSV: return fw_parse_tsv(out, data, len, label, opts, err);
	default:
		return fw_transcript_parse_txt(out, data, len, label, opts,
					       err);
	}
}

const char *fw_role_name(int role)
{
	switch (role) {
	case FW_ROLE_INTERVIEWER: return "interviewer";
	case FW_ROLE_RESPONDENT: return "respondent";
	case FW_ROLE_PARTICIPANT: return "participant";
	default: return "any";
	}
}

int fw_role_parse(const char *s)
{
	if (!strcmp(s, "interviewer"))
		return FW_ROLE_INTERVIEWER;
	if (!strcmp(s, "respondent"))
		return FW_ROLE_RESPONDENT;
	if (!strcmp(s, "participant"))
		return FW_ROLE_PARTICIPANT;
	if (!strcmp(s, "any") || !strcmp(s, "all"))
		return FW_ROLE_NONE;
	return -1;
}
