/*
 * ingest.c: reading a transcript of any format: the formats charter knows,
 * detection from content first and extension second, and dispatch to the
 * reader.  Readers (ingest_*.c) never call back up here.
 */
#include "ingest.h"
#include "alias.h"
#include "errors.h"
#include "lines.h"
#include "fw/transcript.h"
#include "timefmt.h"
#include "zipio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- formats ------------------------------------------------------------- */

static const char *const fmt_names[FW_TF_N] = {
	"auto", "txt",      "md",      "docx", "odt", "html",
	"vtt",  "srt",      "tei",     "eaf",  "trs", "tsv",
	"chat", "textgrid", "whisper", "rtf",  "pdf"};

const char *fw_format_name(int fmt)
{
	return fmt >= 0 && fmt < FW_TF_N ? fmt_names[fmt] : NULL;
}

/* the file extensions (and --format names) of each format */
static const char *const exts[FW_TF_N] = {[FW_TF_TXT] = "txt|text",
					  [FW_TF_MD] = "md|markdown",
					  [FW_TF_DOCX] = "docx",
					  [FW_TF_ODT] = "odt",
					  [FW_TF_HTML] = "html|htm|xhtml",
					  [FW_TF_VTT] = "vtt|webvtt",
					  [FW_TF_SRT] = "srt",
					  [FW_TF_TEI] = "tei|xml",
					  [FW_TF_EAF] = "eaf|elan",
					  [FW_TF_TRS] = "trs|transcriber",
					  [FW_TF_TSV] = "tsv|tab",
					  [FW_TF_CHAT] = "cha|chat",
					  [FW_TF_TEXTGRID] = "textgrid",
					  [FW_TF_WHISPER] =
						  "json|whisper|whisperx",
					  [FW_TF_RTF] = "rtf",
					  [FW_TF_PDF] = "pdf"};

int fw_format_from_name(const char *s)
{
	if (s && !strcasecmp(s, fmt_names[FW_TF_AUTO]))
		return FW_TF_AUTO;
	return fw_alias_find(exts, FW_TF_N, s);
}

static int ext_format(const char *path)
{
	if (!path)
		return 0;
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot || dot == path || (slash && dot == slash + 1))
		return 0;
	int f = fw_alias_find(exts, FW_TF_N, dot + 1);
	return f < 0 ? 0 : f;
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

/* What a file is when it is no transcript charter reads (a recording, an
 * image, an old Word file), said in msg so that the user knows what to
 * do: 1; 0 for anything else. */
static int not_a_transcript(const char *data, size_t len, char *msg, size_t cap)
{
	static const char rec[] = ", not a transcript: transcribe it first "
				  "(charter reads Whisper's JSON, among "
				  "others)";
	static const struct {
		size_t at, n;
		const char *magic, *what, *then;
	} kinds[] = {
		{0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
		 "a Word 97-2003 document (.doc) or another old Office file",
		 ", which charter does not read: save it as .docx (File, Save "
		 "As) and ingest that"},
		{0, 8, "\x89PNG\r\n\x1A\n", "an image (PNG)",
		 ", not a transcript"},
		{0, 3, "\xFF\xD8\xFF", "an image (JPEG)", ", not a transcript"},
		{0, 4, "GIF8", "an image (GIF)", ", not a transcript"},
		{0, 3, "ID3", "an audio recording (MP3)", rec},
		{8, 4, "WAVE", "an audio recording (WAV)", rec},
		{4, 4, "ftyp", "an audio or video recording (MP4, M4A)", rec},
		{0, 4, "OggS", "an audio recording (Ogg)", rec},
		{0, 4, "fLaC", "an audio recording (FLAC)", rec},
		{0, 4, "\x1A\x45\xDF\xA3", "a video (WebM, MKV)", rec},
		{0, 2, "\x1F\x8B", "a gzip archive", ": unpack it first"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (len >= kinds[i].at + kinds[i].n &&
		    !memcmp(data + kinds[i].at, kinds[i].magic, kinds[i].n)) {
			snprintf(msg, cap, "this is %s%s", kinds[i].what,
				 kinds[i].then);
			return 1;
		}
	return 0;
}

/* JSON's start: an object's first key, or an array of objects. */
static int looks_json(const char *s)
{
	if (*s != '{' && *s != '[')
		return 0;
	const char *p = s + 1;
	while (isspace((unsigned char)*p))
		p++;
	return *s == '{' ? *p == '"' || *p == '}' : *p == '{';
}

/* The formats known by their first bytes, whatever the extension says;
 * -1 for JSON or Praat text that is no transcript. */
static int sniff_text_format(const char *s)
{
	if (!strncmp(s, "{\\rtf", 5))
		return FW_TF_RTF;
	if (!strncmp(s, "@UTF8", 5) || !strncmp(s, "@Begin", 6))
		return FW_TF_CHAT;
	if (!strncmp(s, "File type = \"ooTextFile\"", 24) ||
	    !strncmp(s, "\"ooTextFile\"", 12))
		return strstr(s, "TextGrid") ? FW_TF_TEXTGRID : -1;
	if (looks_json(s))
		return strstr(s, "\"segments\"") || (strstr(s, "\"start\"") &&
						     strstr(s, "\"text\""))
			       ? FW_TF_WHISPER
			       : -1;
	return 0;
}

int fw_format_detect(const char *data, size_t len, const char *path)
{
	int ext = ext_format(path);
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return FW_TF_PDF;
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
	int sniffed = sniff_text_format(s);
	if (sniffed > 0)
		return sniffed;
	if (sniffed < 0)
		return -1; /* JSON or a Praat file of no transcript */
	if (*s == '<') {
		char root[64];
		xml_root(s, root, sizeof root);
		/* the root elements of the XML formats */
		static const char *const roots[FW_TF_N] = {
			[FW_TF_TEI] = "tei|tei.2|teicorpus",
			[FW_TF_EAF] = "annotation_document",
			[FW_TF_TRS] = "trans",
			[FW_TF_HTML] = "html"};
		int f = fw_alias_find(roots, FW_TF_N, root);
		if (f >= 0)
			return f;
		if (ext == FW_TF_TEI || ext == FW_TF_EAF || ext == FW_TF_TRS ||
		    ext == FW_TF_HTML)
			return ext;
		if (strcasestr(s, "<p") || strcasestr(s, "<body") ||
		    strcasestr(s, "<div"))
			return FW_TF_HTML;
		if (!strncmp(s, "<?xml", 5) && ext != FW_TF_TXT &&
		    ext != FW_TF_MD)
			return -2; /* XML of another kind */
	}
	/* look at the first lines: cue timings, tab columns */
	int lines = 0, arrows = 0, numbered_cue = 0, comma_ms = 0, tabbed = 0,
	    timed_tab = 0;
	fw_line_iter it = {buf, n, (size_t)(s - buf), 0};
	const char *p;
	size_t ln;
	char prev[32] = "";
	while (lines < 40 && fw_line_next(&it, &p, &ln, 1)) {
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

/* Warnings about what was read that a researcher should look at: a
 * transcript of one turn or one speaker, no one asking, a crowd. */
static void review(fw_transcript *t, const fw_ingest_opts *o)
{
	size_t turns = 0, asking = 0;
	for (size_t k = 0; k < t->nturns; k++)
		turns += t->turns[k].speaker >= 0;
	for (size_t i = 0; i < t->nspeakers; i++)
		asking += t->speakers[i].role == FW_ROLE_INTERVIEWER;
	int unlabelled = t->label_style && !strcmp(t->label_style, "none");
	if (unlabelled || !t->nspeakers)
		return; /* the reader said so */
	if (turns == 1)
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "only one turn was read: check the speaker "
			     "labels (ingest --dry-run shows them)");
	else if (t->nspeakers == 1)
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "only one speaker, '%s', was read: check the "
			     "speaker labels (ingest --dry-run shows them)",
			     t->speakers[0].label);
	else if (!asking && !(o && o->ninterviewers))
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "no interviewer among the %zu speakers (say who "
			     "asks with --interviewer LABEL)",
			     t->nspeakers);
	if (t->nspeakers > 20)
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "%zu speakers were read, more than an interview "
			     "or group usually has: check the speaker labels",
			     t->nspeakers);
}

/* With --strict, the first warning about the reading refuses the file. */
static int strict_refusal(fw_transcript **out, const char *label,
			  const fw_ingest_opts *o, fw_error *err)
{
	if (!(o && o->strict) || !*out)
		return 0;
	for (size_t i = 0; i < (*out)->diags.n; i++) {
		const fw_diag *g = &(*out)->diags.v[i];
		if (g->severity != FW_DIAG_WARNING)
			continue;
		int rc =
			fw_error_set(err, FW_EPARSE, g->file ? g->file : label,
				     g->line, "%s (refused: --strict)", g->msg);
		fw_transcript_free(*out);
		*out = NULL;
		return rc;
	}
	return 0;
}

int fw_transcript_parse(fw_transcript **out, const char *data, size_t len,
			const char *label, const fw_ingest_opts *opts,
			fw_error *err)
{
	int rc = fw_transcript_read(out, data, len, label, opts, err);
	if (rc)
		return rc;
	review(*out, opts);
	return strict_refusal(out, label, opts, err);
}

int fw_transcript_read(fw_transcript **out, const char *data, size_t len,
		       const char *label, const fw_ingest_opts *opts,
		       fw_error *err)
{
	*out = NULL;
	char what[256];
	if (not_a_transcript(data, len, what, sizeof what))
		return fw_error_set(err, FW_EPARSE, label, 0, "%s", what);
	int fmt = opts && opts->format ? opts->format
				       : fw_format_detect(data, len, label);
	if (fmt == -2)
		return fw_error_set(
			err, FW_EPARSE, label, 0,
			"this is an XML document of another kind, "
			"not a transcript charter reads (TEI, ELAN, "
			"Transcriber, HTML)");
	if (fmt < 0)
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "this is JSON or a Praat file, but not a "
				    "transcript charter reads (Whisper JSON, "
				    "TextGrid)");
	switch (fmt) {
	case FW_TF_MD:
		return fw_transcript_parse_md(out, data, len, label, opts, err);
	case FW_TF_DOCX:
	case FW_TF_ODT:
		return fw_parse_office(out, fmt, data, len, label, opts, err);
	case FW_TF_HTML: return fw_parse_html(out, data, len, label, opts, err);
	case FW_TF_VTT:
	case FW_TF_SRT:
		return fw_parse_cues(out, fmt, data, len, label, opts, err);
	case FW_TF_TEI:
	case FW_TF_EAF:
	case FW_TF_TRS:
		return fw_parse_xml(out, fmt, data, len, label, opts, err);
	case FW_TF_TSV: return fw_parse_tsv(out, data, len, label, opts, err);
	case FW_TF_CHAT:
	case FW_TF_TEXTGRID:
	case FW_TF_WHISPER:
		return fw_parse_speech(out, fmt, data, len, label, opts, err);
	case FW_TF_RTF:
	case FW_TF_PDF:
		return fw_parse_document(out, fmt, data, len, label, opts, err);
	default:
		return fw_transcript_parse_txt(out, data, len, label, opts,
					       err);
	}
}
