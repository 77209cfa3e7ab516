/*
 * ingest_doc.c: documents whose text is the transcript: RTF (its own small
 * reader: groups, control words, \'hh in the document's code page, \u)
 * and PDF (poppler, page by page, in reading order).  The text goes to
 * the line parser like a plain-text transcript.
 */
#include "ingest.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "utf8.h"

#include <poppler.h>

#include <ctype.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- RTF ----------------------------------------------------------------- */

/* Destinations whose text is not the document's. */
static const char *const rtf_skip[] = {"fonttbl",    "colortbl",
				       "stylesheet", "info",
				       "pict",       "header",
				       "footer",     "headerl",
				       "headerr",    "footerl",
				       "footerr",    "footnote",
				       "object",     "xmlnstbl",
				       "listtable",  "listoverridetable",
				       "rsidtbl",    "generator",
				       "themedata",  "colorschememapping",
				       "datastore",  "latentstyles",
				       "filetbl",    "revtbl",
				       "pgdsctbl",   NULL};

static int rtf_skipped(const char *w)
{
	for (int i = 0; rtf_skip[i]; i++)
		if (!strcmp(w, rtf_skip[i]))
			return 1;
	return 0;
}

/* Windows-1252's 0x80-0x9F, the rest of the byte being Latin-1. */
static unsigned long cp1252(unsigned char c)
{
	static const unsigned short hi[32] = {
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
		0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
	return c >= 0x80 && c < 0xA0 ? hi[c - 0x80] : c;
}

typedef struct rtf_in {
	const char *s;
	size_t n, i;
	int line;
	fw_buf out;
	int skip_depth;         /* > 0: inside a skipped group, at this depth */
	int depth, uc;          /* bytes to drop after \uN */
	int cpg;                /* the \ansicpg: 1252, 65001 (UTF-8) ... */
	unsigned long map[128]; /* bytes 0x80-0xFF in cpg, when cpg_ok */
	int cpg_ok;
} rtf_in;

/* The upper half of a single-byte Windows code page (1250 Central
 * European, 1251 Cyrillic, 1253 Greek ...) from iconv; 1252 and others
 * iconv does not know stay Windows-1252. */
static void rtf_codepage(rtf_in *r, long cpg)
{
	r->cpg = (int)cpg;
	r->cpg_ok = 0;
	if (cpg == 1252 || cpg == 65001 || cpg <= 0 || cpg > 99999)
		return;
	char name[16];
	snprintf(name, sizeof name, "CP%ld", cpg);
	iconv_t cd = iconv_open("UTF-32LE", name);
	if (cd == (iconv_t)-1)
		return;
	r->cpg_ok = 1;
	for (int b = 0x80; b < 0x100; b++) {
		char in = (char)b;
		unsigned char outb[8] = {0};
		char *ip = &in, *op = (char *)outb;
		size_t il = 1, ol = sizeof outb;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 4)
			r->map[b - 0x80] = 0xFFFD; /* a lead byte, or none */
		else
			r->map[b - 0x80] = outb[0] |
					   (unsigned long)outb[1] << 8 |
					   (unsigned long)outb[2] << 16;
	}
	iconv_close(cd);
}

/* A byte of the document's code page as a code point. */
static unsigned long rtf_byte(const rtf_in *r, unsigned char b)
{
	if (b < 0x80)
		return b;
	return r->cpg_ok ? r->map[b - 0x80] : cp1252(b);
}

static void rtf_put(rtf_in *r, unsigned long cp)
{
	if (r->skip_depth || cp == 0)
		return;
	fw_utf8_put(&r->out, cp);
}

/* One control word or symbol after its backslash. */
static void rtf_control(rtf_in *r, int group_start)
{
	const char *s = r->s;
	if (r->i >= r->n)
		return;
	char c = s[r->i];
	if (!isalpha((unsigned char)c)) {
		r->i++;
		if (c == '\'' && r->i + 1 < r->n &&
		    isxdigit((unsigned char)s[r->i]) &&
		    isxdigit((unsigned char)s[r->i + 1])) {
			char hx[3] = {s[r->i], s[r->i + 1], 0};
			unsigned char b = (unsigned char)strtol(hx, NULL, 16);
			r->i += 2;
			rtf_put(r, rtf_byte(r, b));
		} else if (c == '*' && group_start && !r->skip_depth) {
			r->skip_depth = r->depth; /* {\* ...} unknown dest */
		} else if (c == '~') {
			rtf_put(r, 0xA0);
		} else if (c == '\\' || c == '{' || c == '}') {
			rtf_put(r, (unsigned char)c);
		} else if (c == '\n' || c == '\r') {
			rtf_put(r, '\n');
		}
		return;
	}
	char w[32];
	size_t k = 0;
	while (r->i < r->n && isalpha((unsigned char)s[r->i])) {
		if (k < sizeof w - 1)
			w[k++] = s[r->i];
		r->i++;
	}
	w[k] = 0;
	long arg = 0;
	int has = 0, neg = 0;
	if (r->i < r->n && s[r->i] == '-') {
		neg = 1;
		r->i++;
	}
	while (r->i < r->n && isdigit((unsigned char)s[r->i]) && has < 10) {
		arg = arg * 10 + (s[r->i++] - '0');
		has++;
	}
	if (neg)
		arg = -arg;
	if (r->i < r->n && s[r->i] == ' ')
		r->i++;
	if (group_start && !r->skip_depth && rtf_skipped(w))
		r->skip_depth = r->depth;
	else if (!strcmp(w, "par") || !strcmp(w, "line") || !strcmp(w, "sect"))
		rtf_put(r, '\n');
	else if (!strcmp(w, "tab") || !strcmp(w, "cell"))
		rtf_put(r, '\t');
	else if (!strcmp(w, "row"))
		rtf_put(r, '\n');
	else if (!strcmp(w, "ansicpg") && has)
		rtf_codepage(r, arg);
	else if (!strcmp(w, "uc") && has)
		r->uc = (int)(arg < 0 ? 0 : arg > 4 ? 4 : arg);
	else if (!strcmp(w, "u") && has) {
		rtf_put(r, arg < 0 ? (unsigned long)(arg + 65536)
				   : (unsigned long)arg);
		/* the fallback characters after it */
		for (int d = 0; d < r->uc && r->i < r->n; d++) {
			if (s[r->i] == '\\' && r->i + 1 < r->n &&
			    s[r->i + 1] == '\'')
				r->i += 4;
			else if (s[r->i] == '{' || s[r->i] == '}')
				break;
			else
				r->i++;
		}
	} else {
		/* the control words that are characters */
		static const struct {
			const char *w;
			unsigned long cp;
		} sym[] = {{"emdash", 0x2014},    {"endash", 0x2013},
			   {"lquote", 0x2018},    {"rquote", 0x2019},
			   {"ldblquote", 0x201C}, {"rdblquote", 0x201D},
			   {"bullet", 0x2022}};
		for (size_t k2 = 0; k2 < sizeof sym / sizeof *sym; k2++)
			if (!strcmp(w, sym[k2].w))
				rtf_put(r, sym[k2].cp);
	}
}

/* The document's text, or an error for what is no RTF. */
static int rtf_text(char **out, size_t *n, const char *s, size_t len,
		    const char *label, fw_error *err)
{
	if (len < 5 || memcmp(s, "{\\rtf", 5))
		return fw_error_set(err, FW_EPARSE, label, 1,
				    "not an RTF document: it does not start "
				    "with {\\rtf");
	rtf_in r = {.s = s, .n = len, .line = 1, .uc = 1, .cpg = 1252};
	fw_buf_init(&r.out);
	int start = 0;
	while (r.i < r.n) {
		char c = s[r.i];
		if (c == '{') {
			if (++r.depth > 256) {
				fw_buf_dispose(&r.out);
				return fw_error_set(err, FW_EPARSE, label,
						    r.line,
						    "RTF groups nested more "
						    "than 256 deep");
			}
			r.i++;
			start = 1;
			continue;
		}
		if (c == '}') {
			if (r.skip_depth == r.depth)
				r.skip_depth = 0;
			r.depth--;
			r.i++;
		} else if (c == '\\') {
			r.i++;
			rtf_control(&r, start);
		} else if (c == '\n' || c == '\r') {
			r.line += c == '\n';
			r.i++;
		} else {
			unsigned char b = (unsigned char)c;
			/* raw bytes: UTF-8 where the writer used it */
			if (b >= 0x80 && r.cpg != 65001)
				rtf_put(&r, rtf_byte(&r, b));
			else if (!r.skip_depth)
				fw_buf_putc(&r.out, c);
			r.i++;
		}
		start = 0;
	}
	if (r.depth > 0) {
		fw_buf_dispose(&r.out);
		return fw_error_set(err, FW_EPARSE, label, r.line,
				    "RTF cut short: %d group%s not closed",
				    r.depth, r.depth == 1 ? "" : "s");
	}
	*n = r.out.len;
	*out = r.out.ptr ? fw_buf_detach(&r.out) : fw_xstrdup("");
	return 0;
}

/* ---- PDF ----------------------------------------------------------------- */

#define PDF_MAX_PAGES 5000

/* The pages' text in reading order, a blank line between pages. */
static int pdf_text(char **out, size_t *n, const char *data, size_t len,
		    const char *label, fw_error *err)
{
	GBytes *bytes = g_bytes_new(data, len);
	GError *ge = NULL;
	PopplerDocument *doc =
		poppler_document_new_from_bytes(bytes, NULL, &ge);
	g_bytes_unref(bytes);
	if (!doc) {
		int rc = fw_error_set(err, FW_EPARSE, label, 0,
				      "not a PDF charter can read: %s",
				      ge ? ge->message : "unknown error");
		if (ge)
			g_error_free(ge);
		return rc;
	}
	int pages = poppler_document_get_n_pages(doc);
	if (pages > PDF_MAX_PAGES) {
		g_object_unref(doc);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "%d pages: more than a transcript (%d at "
				    "most)",
				    pages, PDF_MAX_PAGES);
	}
	fw_buf b;
	fw_buf_init(&b);
	for (int i = 0; i < pages; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		char *t = pg ? poppler_page_get_text(pg) : NULL;
		if (t) {
			if (b.len)
				fw_buf_puts(&b, "\n\n");
			fw_buf_puts(&b, t);
			g_free(t);
		}
		if (pg)
			g_object_unref(pg);
	}
	g_object_unref(doc);
	*n = b.len;
	*out = b.ptr ? fw_buf_detach(&b) : fw_xstrdup("");
	if (!*n) {
		free(*out);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "the PDF has no text (a scan? charter does "
				    "not read images of text)");
	}
	return 0;
}

int fw_parse_document(fw_transcript **out, int format, const char *data,
		      size_t len, const char *label, const fw_ingest_opts *o,
		      fw_error *err)
{
	*out = NULL;
	char *text;
	size_t n;
	int rc = format == FW_TF_PDF
			 ? pdf_text(&text, &n, data, len, label, err)
			 : rtf_text(&text, &n, data, len, label, err);
	if (rc)
		return rc;
	/* CRLF and CR as LF, no NUL bytes; the text must be valid UTF-8 */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ||
		    text[i] == 0)
			continue;
		text[k++] = text[i] == '\r' || text[i] == '\f' ? '\n' : text[i];
	}
	text[k] = 0;
	size_t bad;
	if (!fw_utf8_valid(text, k, &bad)) {
		free(text);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "the text is not valid UTF-8");
	}
	fw_transcript *t =
		fw_transcript_new(text, k, format == FW_TF_PDF ? "PDF" : "RTF",
				  format == FW_TF_PDF ? "pdf" : "rtf");
	if ((rc = fw_lines_to_turns(t, NULL, 0, 0, label, o, err))) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
