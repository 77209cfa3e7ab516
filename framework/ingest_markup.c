/*
 * ingest_markup.c: documents made of paragraphs, DOCX, ODT and HTML.
 *
 * Each paragraph becomes one line of the normalised text (a line break
 * inside it starts another line; tabs stay tabs).  A speaker label is taken
 * from the layout when there is one: a bold run opening the paragraph and
 * ending in (or followed by) a colon, a first table column ("speaker |
 * text" tables, with an optional time column first), or a label column set
 * off by a tab.  Otherwise typed labels ("Name:") are found by the
 * plain-text line parser, which also decides between the styles by count.
 * Headings are section markers, not speech.  Left out: DOCX footnotes,
 * comments, tracked deletions and drawings; ODT notes, annotations and
 * tracked changes; HTML scripts, styles and the head.
 */
#include "ingest.h"
#include "alias.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/transcript.h"
#include "xmlio.h"
#include "zipio.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the paragraph accumulator ------------------------------------------- */

typedef struct acc {
	fw_pbuild pb;
	fw_buf buf;
	long bold_start, bold_end; /* the opening bold run, -1 if none */
	int bold_closed;           /* text other than the opening run seen */
	int section;
	int in_table;
	/* the first content charter could not read (too deep, too many
	 * cells): the document is refused, never read without it */
	int lost_line;
	const char *lost_what;
} acc;

static void acc_lost(acc *a, xmlNodePtr n, const char *what)
{
	if (a->lost_line)
		return;
	long l = n ? xmlGetLineNo(n) : 0;
	a->lost_line = l > 0 && l < 1000000000 ? (int)l : 1;
	a->lost_what = what;
}

/* What a cell's own accumulator lost, told to the document's. */
static void acc_lost_from(acc *a, const acc *cell)
{
	if (cell->lost_line && !a->lost_line) {
		a->lost_line = cell->lost_line;
		a->lost_what = cell->lost_what;
	}
}

#define DEEP_BLOCK  "content nested more than 32 levels deep"
#define DEEP_INLINE "text nested more than 64 levels deep"
#define WIDE_ROW    "a table row with more than 64 cells"

static void acc_init(acc *a)
{
	memset(a, 0, sizeof *a);
	fw_pb_init(&a->pb);
	fw_buf_init(&a->buf);
	a->bold_start = a->bold_end = -1;
}

static int all_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

static void acc_text(acc *a, const char *s, size_t n, int bold)
{
	if (!n)
		return;
	int ws = all_space(s, n);
	if (bold && !ws && !a->bold_closed) {
		if (a->bold_start < 0 &&
		    all_space(a->buf.ptr ? a->buf.ptr : "", a->buf.len))
			a->bold_start = (long)a->buf.len;
		if (a->bold_start >= 0 &&
		    (a->bold_end < 0 || a->bold_end == (long)a->buf.len ||
		     all_space(a->buf.ptr + a->bold_end,
			       a->buf.len - (size_t)a->bold_end))) {
			fw_buf_put(&a->buf, s, n);
			a->bold_end = (long)a->buf.len;
			return;
		}
	}
	if (!bold && !ws)
		a->bold_closed = 1;
	fw_buf_put(&a->buf, s, n);
}

/* A label set off by the layout: words before a tab. */
static int tab_label(const char *s, size_t n, size_t *llen)
{
	const char *tab = memchr(
		s, '\t', n < FW_MAX_LINE_LABEL + 2 ? n : FW_MAX_LINE_LABEL + 2);
	if (!tab || tab == s)
		return 0;
	size_t k = (size_t)(tab - s);
	if (memchr(s, '\n', k))
		return 0;
	int words = 1;
	if (!(isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0xC0 ||
	      isdigit((unsigned char)s[0])))
		return 0;
	for (size_t i = 0; i < k; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			words++;
		else if (!(isalnum(c) || c >= 0x80 || c == '.' || c == '\'' ||
			   c == '-' || c == ':' || c == '_'))
			return 0;
	}
	if (words > 4)
		return 0;
	*llen = k;
	return 1;
}

static void acc_flush(acc *a)
{
	const char *s = a->buf.ptr ? a->buf.ptr : "";
	size_t n = a->buf.len;
	if (all_space(s, n) && !a->section) {
		/* an empty paragraph: an empty line, as the document shows it
		 */
		fw_pb_para(&a->pb, NULL, 0, "", 0, 0);
	} else if (a->section) {
		fw_pb_para(&a->pb, NULL, 0, s, n, 1);
	} else {
		const char *lab = NULL;
		size_t llen = 0, rest = 0;
		if (a->bold_start >= 0 && a->bold_end > a->bold_start) {
			size_t bs = (size_t)a->bold_start,
			       be = (size_t)a->bold_end;
			while (bs < be && isspace((unsigned char)s[bs]))
				bs++;
			size_t le = be;
			while (le > bs && isspace((unsigned char)s[le - 1]))
				le--;
			size_t after = be;
			while (after < n && (s[after] == ' '))
				after++;
			int colon = 0;
			if (le > bs && s[le - 1] == ':') {
				le--;
				colon = 1;
			} else if (after < n && s[after] == ':') {
				colon = 1;
				after++;
			}
			int tab = !colon && after < n && s[after] == '\t';
			if ((colon || tab) && le > bs &&
			    le - bs <= FW_MAX_LINE_LABEL &&
			    !memchr(s + bs, '\n', le - bs)) {
				lab = s + bs;
				llen = le - bs;
				rest = after;
			}
		}
		if (!lab && tab_label(s, n, &llen) && llen &&
		    s[llen - 1] != ':') {
			lab = s;
			rest = llen + 1;
		}
		if (lab) {
			while (rest < n && (s[rest] == ' ' || s[rest] == '\t'))
				rest++;
			fw_pb_para(&a->pb, lab, llen, s + rest, n - rest, 0);
		} else {
			fw_pb_para(&a->pb, NULL, 0, s, n, 0);
		}
	}
	a->buf.len = 0;
	if (a->buf.ptr)
		a->buf.ptr[0] = 0;
	a->bold_start = a->bold_end = -1;
	a->bold_closed = 0;
	a->section = 0;
}

/* A table row: [time |] speaker | text ... */
static void acc_row(acc *a, char **cells, size_t nc)
{
	if (nc == 0)
		return;
	if (nc == 1) {
		fw_pb_para(&a->pb, NULL, 0, cells[0], strlen(cells[0]), 0);
		return;
	}
	size_t si = 0;
	size_t l0 = strlen(cells[0]);
	if (nc >= 3 && l0 && l0 < 16 && isdigit((unsigned char)cells[0][0]) &&
	    strchr(cells[0], ':'))
		si = 1; /* a time column first */
	char *spk = cells[si];
	size_t sl = strlen(spk);
	while (sl &&
	       (isspace((unsigned char)spk[sl - 1]) || spk[sl - 1] == ':'))
		sl--;
	while (sl && isspace((unsigned char)*spk))
		spk++, sl--;
	fw_buf t;
	fw_buf_init(&t);
	for (size_t i = si + 1; i < nc; i++) {
		if (t.len && cells[i][0])
			fw_buf_putc(&t, ' ');
		fw_buf_puts(&t, cells[i]);
	}
	/* a header row ("Speaker | Text") is not speech */
	if (!strcasecmp(spk, "speaker") || !strcasecmp(spk, "name") ||
	    !strcasecmp(spk, "who")) {
		fw_pb_para(&a->pb, NULL, 0, "", 0, 1);
	} else if (sl && sl <= FW_MAX_LINE_LABEL && !memchr(spk, '\n', sl)) {
		fw_pb_para(&a->pb, spk, sl, t.ptr ? t.ptr : "", t.len, 0);
	} else {
		fw_pb_para(&a->pb, NULL, 0, cells[0], strlen(cells[0]), 0);
		fw_pb_para(&a->pb, NULL, 0, t.ptr ? t.ptr : "", t.len, 0);
	}
	fw_buf_dispose(&t);
}

static int acc_finish(acc *a, fw_transcript **out, const char *format,
		      const char *enc, const char *label,
		      const fw_ingest_opts *o, fw_error *err)
{
	if (a->buf.len)
		acc_flush(a);
	fw_buf_dispose(&a->buf);
	if (a->lost_line) {
		fw_pb_dispose(&a->pb);
		*out = NULL;
		return fw_error_set(err, FW_ELIMIT, label, a->lost_line,
				    "%s; charter does not read it, and refuses "
				    "the document rather than leave it out",
				    a->lost_what);
	}
	return fw_pb_finish(&a->pb, out, format, enc, label, o, err);
}

static void acc_dispose(acc *a)
{
	fw_buf_dispose(&a->buf);
	fw_pb_dispose(&a->pb);
}

/* ---- DOCX ---------------------------------------------------------------- */

static int on_off(xmlNodePtr n)
{
	char *v = fw_xml_attr(n, "val");
	if (!v)
		return 1;
	int on = strcmp(v, "0") && strcmp(v, "false") && strcmp(v, "off");
	free(v);
	return on;
}

static int run_bold(xmlNodePtr r)
{
	xmlNodePtr b = fw_xml_child(fw_xml_child(r, "rPr"), "b");
	return b ? on_off(b) : 0;
}

static void docx_inline(acc *a, xmlNodePtr n, int depth);

static void docx_run(acc *a, xmlNodePtr r)
{
	int bold = run_bold(r);
	for (xmlNodePtr c = r->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t) {
				acc_text(a, (char *)t, strlen((char *)t), bold);
				xmlFree(t);
			}
		} else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab")) {
			acc_text(a, "\t", 1, bold);
		} else if (!strcmp(nm, "br") || !strcmp(nm, "cr")) {
			acc_text(a, "\n", 1, 0);
		} else if (!strcmp(nm, "noBreakHyphen")) {
			acc_text(a, "-", 1, bold);
		}
		/* delText, footnote/endnote/comment references, drawings: left
		 * out */
	}
}

static void docx_inline(acc *a, xmlNodePtr n, int depth)
{
	if (depth > 64) {
		acc_lost(a, n, DEEP_INLINE);
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "r"))
			docx_run(a, c);
		else if (!strcmp(nm, "del") || !strcmp(nm, "moveFrom") ||
			 !strcmp(nm, "pPr") || !strcmp(nm, "AlternateContent"))
			continue;
		else if (!strcmp(nm, "ins") || !strcmp(nm, "hyperlink") ||
			 !strcmp(nm, "smartTag") || !strcmp(nm, "fldSimple") ||
			 !strcmp(nm, "moveTo") || !strcmp(nm, "sdt") ||
			 !strcmp(nm, "sdtContent") ||
			 !strcmp(nm, "customXml") || !strcmp(nm, "dir") ||
			 !strcmp(nm, "bdo"))
			docx_inline(a, c, depth + 1); /* dir, bdo: RTL text */
	}
}

static int docx_heading(xmlNodePtr p)
{
	xmlNodePtr pr = fw_xml_child(p, "pPr");
	if (fw_xml_child(pr, "outlineLvl"))
		return 1;
	char *v = fw_xml_attr(fw_xml_child(pr, "pStyle"), "val");
	int h = v && (!strncasecmp(v, "heading", 7) ||
		      !strcasecmp(v, "title") || !strcasecmp(v, "subtitle"));
	free(v);
	return h;
}

/* The text of a table cell: its paragraphs joined by newlines. */
static char *docx_cell_text(acc *up, xmlNodePtr tc)
{
	acc a;
	acc_init(&a);
	fw_buf out;
	fw_buf_init(&out);
	for (xmlNodePtr c = tc->children; c; c = c->next) {
		if (!fw_xml_is(c, "p"))
			continue;
		a.buf.len = 0;
		docx_inline(&a, c, 0);
		if (out.len)
			fw_buf_putc(&out, '\n');
		fw_buf_put(&out, a.buf.ptr ? a.buf.ptr : "", a.buf.len);
	}
	acc_lost_from(up, &a);
	acc_dispose(&a);
	/* trim */
	size_t n = out.len;
	while (n && isspace((unsigned char)out.ptr[n - 1]))
		n--;
	size_t st = 0;
	while (st < n && isspace((unsigned char)out.ptr[st]))
		st++;
	char *s = fw_xstrndup(out.ptr ? out.ptr + st : "", n - st);
	fw_buf_dispose(&out);
	return s;
}

static void docx_block(acc *a, xmlNodePtr body, int depth)
{
	if (depth > 32) {
		acc_lost(a, body, DEEP_BLOCK);
		return;
	}
	for (xmlNodePtr c = body->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "p")) {
			a->section = docx_heading(c);
			docx_inline(a, c, 0);
			acc_flush(a);
		} else if (!strcmp(nm, "tbl")) {
			for (xmlNodePtr tr = c->children; tr; tr = tr->next) {
				if (!fw_xml_is(tr, "tr"))
					continue;
				char *cells[64];
				size_t nc = 0;
				for (xmlNodePtr tc = tr->children; tc;
				     tc = tc->next)
					if (fw_xml_is(tc, "tc") && nc == 64)
						acc_lost(a, tc, WIDE_ROW);
					else if (fw_xml_is(tc, "tc"))
						cells[nc++] =
							docx_cell_text(a, tc);
				acc_row(a, cells, nc);
				for (size_t i = 0; i < nc; i++)
					free(cells[i]);
			}
		} else if (!strcmp(nm, "sdt") || !strcmp(nm, "sdtContent") ||
			   !strcmp(nm, "customXml") || !strcmp(nm, "ins") ||
			   !strcmp(nm, "moveTo")) {
			docx_block(a, c, depth + 1);
		}
	}
}

/* The XML part of an office document that holds its text; what is not
 * there says what the file is not. */
static int office_part(xmlDocPtr *doc, const char *data, size_t len,
		       const char *label, const fw_ingest_opts *o,
		       const char *part, const char *kind, fw_error *err)
{
	int rc = fw_xml_read_entry(doc, data, len, label, part,
				   fw_ingest_mode(o), err);
	if (rc == FW_ENOTFOUND)
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "not %s: the archive has no %s", kind,
				    part);
	return rc;
}

/* ---- ODT ----------------------------------------------------------------- */

typedef struct odt_styles {
	char **bold;
	size_t n;
} odt_styles;

static void odt_collect_styles(odt_styles *st, xmlNodePtr n, int depth)
{
	if (depth > 8)
		return;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (fw_xml_is(c, "automatic-styles") ||
		    fw_xml_is(c, "styles")) {
			odt_collect_styles(st, c, depth + 1);
			continue;
		}
		if (!fw_xml_is(c, "style"))
			continue;
		char *w = fw_xml_attr(fw_xml_child(c, "text-properties"),
				      "font-weight");
		int bold = w && (!strcmp(w, "bold") || atoi(w) >= 600);
		free(w);
		char *name = bold ? fw_xml_attr(c, "name") : NULL;
		if (name && st->n < 4096) {
			st->bold = fw_xrealloc(st->bold,
					       (st->n + 1) * sizeof *st->bold);
			st->bold[st->n++] = name;
		} else {
			free(name);
		}
	}
}

static int odt_is_bold(const odt_styles *st, xmlNodePtr span)
{
	char *name = fw_xml_attr(span, "style-name");
	if (!name)
		return 0;
	int bold = strcasestr(name, "strong") != NULL ||
		   strcasestr(name, "bold") != NULL;
	for (size_t i = 0; !bold && i < st->n; i++)
		bold = !strcmp(st->bold[i], name);
	free(name);
	return bold;
}

static void odt_inline(acc *a, const odt_styles *st, xmlNodePtr n, int bold,
		       int depth)
{
	if (depth > 64) {
		acc_lost(a, n, DEEP_INLINE);
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content)
				acc_text(a, (char *)c->content,
					 strlen((char *)c->content), bold);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "span") || !strcmp(nm, "a")) {
			odt_inline(a, st, c, bold || odt_is_bold(st, c),
				   depth + 1);
		} else if (!strcmp(nm, "s")) {
			char *v = fw_xml_attr(c, "c");
			int k = v ? atoi(v) : 1;
			free(v);
			if (k < 1)
				k = 1;
			if (k > 1000)
				k = 1000;
			for (int i = 0; i < k; i++)
				acc_text(a, " ", 1, bold);
		} else if (!strcmp(nm, "tab")) {
			acc_text(a, "\t", 1, bold);
		} else if (!strcmp(nm, "line-break")) {
			acc_text(a, "\n", 1, 0);
		}
		/* note, annotation, change marks, bookmarks, frames: left out
		 */
	}
}

static char *odt_cell_text(acc *a, const odt_styles *st, xmlNodePtr cell)
{
	fw_buf out;
	fw_buf_init(&out);
	for (xmlNodePtr c = cell->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (strcmp((const char *)c->name, "p") &&
		     strcmp((const char *)c->name, "h")))
			continue;
		a->buf.len = 0;
		odt_inline(a, st, c, 0, 0);
		if (out.len)
			fw_buf_putc(&out, '\n');
		fw_buf_put(&out, a->buf.ptr ? a->buf.ptr : "", a->buf.len);
	}
	a->buf.len = 0;
	a->bold_start = a->bold_end = -1;
	a->bold_closed = 0;
	char *s = fw_xstrndup(out.ptr ? out.ptr : "", out.len);
	fw_buf_dispose(&out);
	return s;
}

static void odt_block(acc *a, const odt_styles *st, xmlNodePtr n, int depth)
{
	if (depth > 32) {
		acc_lost(a, n, DEEP_BLOCK);
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "p") || !strcmp(nm, "h")) {
			a->section = !strcmp(nm, "h");
			int bold = odt_is_bold(st, c);
			odt_inline(a, st, c, bold, 0);
			acc_flush(a);
		} else if (!strcmp(nm, "table") || !strcmp(nm, "table-rows") ||
			   !strcmp(nm, "table-header-rows")) {
			odt_block(a, st, c, depth + 1);
		} else if (!strcmp(nm, "table-row")) {
			char *cells[64];
			size_t nc = 0;
			for (xmlNodePtr cell = c->children; cell;
			     cell = cell->next) {
				if (cell->type != XML_ELEMENT_NODE ||
				    strcmp((const char *)cell->name,
					   "table-cell"))
					continue;
				if (nc == 64)
					acc_lost(a, cell, WIDE_ROW);
				else
					cells[nc++] =
						odt_cell_text(a, st, cell);
			}
			acc_row(a, cells, nc);
			for (size_t i = 0; i < nc; i++)
				free(cells[i]);
		} else if (!strcmp(nm, "list") || !strcmp(nm, "list-item") ||
			   !strcmp(nm, "section") || !strcmp(nm, "text") ||
			   !strcmp(nm, "body") || !strcmp(nm, "list-header")) {
			odt_block(a, st, c, depth + 1);
		}
		/* tracked-changes (deleted text), sequence decls, forms: left
		 * out */
	}
}

/* styles.xml and content.xml's automatic styles: the bold ones */
static void odt_styles_read(odt_styles *st, xmlNodePtr root, const char *data,
			    size_t len, const char *label,
			    const fw_ingest_opts *o)
{
	odt_collect_styles(st, root, 0);
	/* named styles live in styles.xml */
	xmlDocPtr sd;
	fw_error e2;
	fw_error_clear(&e2);
	if (!fw_xml_read_entry(&sd, data, len, label, "styles.xml",
			       fw_ingest_mode(o), &e2)) {
		odt_collect_styles(st, xmlDocGetRootElement(sd), 0);
		xmlFreeDoc(sd);
	}
}

/* A Word document (odt 0) or an OpenDocument text (odt 1): its body's
 * paragraphs and tables, read as the line parser reads text. */
static int parse_office(fw_transcript **out, const char *data, size_t len,
			const char *label, const fw_ingest_opts *o, int odt,
			fw_error *err)
{
	static const char *const part[2] = {"word/document.xml", "content.xml"};
	static const char *const kind[2] = {"a Word document",
					    "an OpenDocument text"};
	static const char *const no_body[2] = {"no w:body",
					       "no office:text body"};
	*out = NULL;
	xmlDocPtr doc;
	int rc = office_part(&doc, data, len, label, o, part[odt], kind[odt],
			     err);
	if (rc)
		return rc;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr body = odt ? fw_xml_child(fw_xml_child(root, "body"), "text")
			      : fw_xml_child(root, "body");
	acc a;
	acc_init(&a);
	if (body && odt) {
		odt_styles st = {NULL, 0};
		odt_styles_read(&st, root, data, len, label, o);
		odt_block(&a, &st, body, 0);
		fw_strv_free(st.bold, st.n);
	} else if (body) {
		docx_block(&a, body, 0);
	}
	xmlFreeDoc(doc);
	if (!body) {
		acc_dispose(&a);
		return fw_error_set(err, FW_EPARSE, label, 0, "not %s: %s",
				    kind[odt], no_body[odt]);
	}
	return acc_finish(&a, out, odt ? "odt" : "docx", "UTF-8", label, o,
			  err);
}

int fw_parse_office(fw_transcript **out, int format, const char *data,
		    size_t len, const char *label, const fw_ingest_opts *o,
		    fw_error *err)
{
	return parse_office(out, data, len, label, o, format == FW_TF_ODT, err);
}

/* ---- HTML ---------------------------------------------------------------- */

/* HTML elements that start a paragraph of their own, and those whose
 * text is not the transcript's. */
static const char *const html_kinds[2] = {
	"p|div|li|dt|dd|blockquote|pre|section|article|main|header|footer|ul|"
	"ol|dl|body|h1|h2|h3|h4|h5|h6|table|tr|figure|address|aside|center",
	"script|style|head|noscript|template|title|iframe|object|svg|math|nav"};

static int html_block_name(const char *nm)
{
	return fw_alias_find(html_kinds, 1, nm) == 0;
}

static int html_skip(const char *nm)
{
	return fw_alias_find(html_kinds + 1, 1, nm) == 0;
}

static void html_walk(acc *a, xmlNodePtr n, int bold, int pre, int depth);

static char *html_cell_text(acc *up, xmlNodePtr cell)
{
	acc a;
	acc_init(&a);
	html_walk(&a, cell, 0, 0, 0);
	acc_lost_from(up, &a);
	fw_buf out;
	fw_buf_init(&out);
	/* the cell's paragraphs, collected into the builder, joined */
	if (a.buf.len)
		acc_flush(&a);
	const char *t = a.pb.text.ptr ? a.pb.text.ptr : "";
	size_t n = a.pb.text.len, st = 0;
	while (st < n && isspace((unsigned char)t[st]))
		st++;
	while (n > st && isspace((unsigned char)t[n - 1]))
		n--;
	char *s = fw_xstrndup(t + st, n - st);
	/* collapse runs of blank lines left by empty paragraphs */
	char *w = s;
	for (char *r = s; *r; r++)
		if (!(*r == '\n' && w > s && w[-1] == '\n'))
			*w++ = *r;
	*w = 0;
	fw_buf_dispose(&out);
	acc_dispose(&a);
	return s;
}

static void html_walk(acc *a, xmlNodePtr n, int bold, int pre, int depth)
{
	if (depth > 128) {
		acc_lost(a, n, "content nested more than 128 levels deep");
		return;
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			if (!s)
				continue;
			if (pre) {
				acc_text(a, s, strlen(s), bold);
			} else {
				/* HTML white space collapses, and a paragraph
				 * has no leading space */
				fw_buf tmp;
				fw_buf_init(&tmp);
				size_t before = a->buf.len;
				int lead = before == 0 ||
					   a->buf.ptr[before - 1] == ' ' ||
					   a->buf.ptr[before - 1] == '\n';
				for (const char *p = s; *p; p++) {
					if (isspace((unsigned char)*p)) {
						if (!lead)
							fw_buf_putc(&tmp, ' ');
						lead = 1;
					} else {
						fw_buf_putc(&tmp, *p);
						lead = 0;
					}
				}
				acc_text(a, tmp.ptr ? tmp.ptr : "", tmp.len,
					 bold);
				fw_buf_dispose(&tmp);
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (html_skip(nm))
			continue;
		if (!strcasecmp(nm, "br")) {
			acc_text(a, "\n", 1, 0);
			continue;
		}
		if (!strcasecmp(nm, "tr")) {
			if (a->buf.len)
				acc_flush(a);
			char *cells[64];
			size_t nc = 0;
			for (xmlNodePtr td = c->children; td; td = td->next) {
				if (td->type != XML_ELEMENT_NODE ||
				    (strcasecmp((const char *)td->name, "td") &&
				     strcasecmp((const char *)td->name, "th")))
					continue;
				if (nc == 64)
					acc_lost(a, td, WIDE_ROW);
				else
					cells[nc++] = html_cell_text(a, td);
			}
			acc_row(a, cells, nc);
			for (size_t i = 0; i < nc; i++)
				free(cells[i]);
			continue;
		}
		if (html_block_name(nm)) {
			if (a->buf.len)
				acc_flush(a);
			int heading = (nm[0] == 'h' || nm[0] == 'H') &&
				      nm[1] >= '1' && nm[1] <= '6' && !nm[2];
			html_walk(a, c, bold, pre || !strcasecmp(nm, "pre"),
				  depth + 1);
			if (a->buf.len || heading) {
				a->section = heading;
				acc_flush(a);
			}
			continue;
		}
		int b = bold || !strcasecmp(nm, "b") ||
			!strcasecmp(nm, "strong");
		html_walk(a, c, b, pre, depth + 1);
	}
}

/* The bytes of text in the paragraphs directly under n. */
static size_t para_text_len(xmlNodePtr n)
{
	size_t k = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (fw_xml_is(c, "p") || fw_xml_is(c, "blockquote") ||
		     fw_xml_is(c, "li") || fw_xml_is(c, "dd"))) {
			xmlChar *t = xmlNodeGetContent(c);
			k += t ? strlen((const char *)t) : 0;
			xmlFree(t);
		}
	return k;
}

typedef struct dense {
	xmlNodePtr best, main;
	size_t best_len, main_len, all;
} dense;

/* Walks the page for its main content: the <article> or <main> (or
 * role="main") with most text, and the element whose own paragraphs hold
 * most text. */
static void find_main(dense *d, xmlNodePtr n, int depth)
{
	if (depth > 64)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    html_skip((const char *)c->name))
			continue;
		size_t k = para_text_len(c);
		d->all += k;
		if (k > d->best_len) {
			d->best = c;
			d->best_len = k;
		}
		char *role = fw_xml_attr(c, "role");
		int is_main = fw_xml_is(c, "article") || fw_xml_is(c, "main") ||
			      (role && !strcmp(role, "main"));
		free(role);
		if (is_main) {
			xmlChar *t = xmlNodeGetContent(c);
			size_t tl = t ? strlen((const char *)t) : 0;
			xmlFree(t);
			if (tl > d->main_len) {
				d->main = c;
				d->main_len = tl;
			}
		}
		find_main(d, c, depth + 1);
	}
}

int fw_parse_html(fw_transcript **out, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err)
{
	*out = NULL;
	xmlDocPtr doc;
	char enc[32];
	int rc = fw_xml_read(&doc, enc, data, len, label, fw_ingest_mode(o), 1,
			     err);
	if (rc)
		return rc;
	/* a page saved from a website: its main content, not the navigation,
	 * share links and footers around it */
	dense d = {0};
	find_main(&d, (xmlNodePtr)doc, 0);
	xmlNodePtr from = (xmlNodePtr)doc;
	if (d.main)
		from = d.main;
	else if (d.best && d.best_len * 10 >= d.all * 6 && d.all > 800)
		from = d.best;
	acc a;
	acc_init(&a);
	html_walk(&a, from, 0, 0, 0);
	xmlFreeDoc(doc);
	/* the builder's empty lines between blocks are noise in HTML: drop
	 * leading empty paragraphs only; others are kept as blank lines */
	return acc_finish(&a, out, "html", enc, label, o, err);
}
