/*
 * render_docx.c: the report as a Word document (Office Open XML), written
 * with libxml2's text writer and zipped by fw_zip_write.  It uses Word's
 * own structures so a writer can carry on in Word or LibreOffice: the built-in
 * Title, Heading 1-3, Quote and Caption styles (headings carry outline
 * levels, so the navigation pane works), a real contents field (TOC, its
 * cached result the headings linked to their bookmarks; Word adds the page
 * numbers when it updates it), page numbers in the footer, captions
 * carrying a hidden SEQ field (so Word's lists of tables and figures find
 * them while the caption keeps the study's own number), and real tables
 * with a repeating header row.  Links go only within the document or to
 * the web: never to local files such as the transcript pages.
 * Figures are drawn from their SVG to PNG by librsvg (svgpng.c) and
 * placed as pictures fitted to the text width; a figure that cannot be
 * drawn falls back to its data as a table.
 */
#include "doc.h"
#include "buf.h"
#include "errors.h"
#include "alloc.h"
#include "escape.h"
#include "table.h"
#include "svgpng.h"
#include "zipio.h"

#include <libxml/xmlwriter.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W    "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PR   "http://schemas.openxmlformats.org/package/2006/relationships"
#define HREL R "/hyperlink"

/* A figure drawn for the document: word/media/figN.png. */
typedef struct dimg {
	fw_buf png;
} dimg;

typedef struct dw {
	xmlTextWriterPtr w;
	fw_buf *rels;
	int nrel;
	int bookmark;
	dimg *img; /* the figures drawn, in order */
	size_t nimg;
} dw;

#define S(x) (const xmlChar *)(x)

static void el(dw *d, const char *name)
{
	xmlTextWriterStartElement(d->w, S(name));
}
static void end(dw *d)
{
	xmlTextWriterEndElement(d->w);
}
static void at(dw *d, const char *k, const char *v)
{
	xmlTextWriterWriteAttribute(d->w, S(k), S(v));
}
/* An empty element with attributes: name, value, name, value ..., NULL. */
static void empty(dw *d, const char *name, const char *const *kv)
{
	el(d, name);
	for (; kv && kv[0] && kv[1]; kv += 2)
		at(d, kv[0], kv[1]);
	end(d);
}
#define EMPTY(d, name, ...)                                                    \
	empty(d, name, (const char *const[]){__VA_ARGS__, NULL})

/* an empty element with one w:val attribute */
static void val(dw *d, const char *name, const char *v)
{
	empty(d, name, (const char *const[]){"w:val", v, NULL});
}

/* Text for a w:t: control characters as the escaping policy says, and
 * tabs and line ends as spaces (a run's text is one line in Word). */
static char *clean(const char *s)
{
	char *r = fw_esc_xml_clean(s);
	for (char *p = r; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return r;
}

static void run(dw *d, const char *text, int style, const char *rstyle)
{
	el(d, "w:r");
	if (style || rstyle) {
		el(d, "w:rPr");
		if (rstyle)
			val(d, "w:rStyle", rstyle);
		if (style & RP_BOLD)
			val(d, "w:b", NULL);
		if (style & RP_ITALIC)
			val(d, "w:i", NULL);
		end(d);
	}
	el(d, "w:t");
	at(d, "xml:space", "preserve");
	char *c = clean(text);
	xmlTextWriterWriteString(d->w, S(c));
	free(c);
	end(d);
	end(d);
}

static void hyperlink_start(dw *d, const char *href)
{
	el(d, "w:hyperlink");
	if (href[0] == '#') {
		at(d, "w:anchor", href + 1);
	} else {
		char id[32];
		snprintf(id, sizeof id, "rIdL%d", ++d->nrel);
		at(d, "r:id", id);
		xmlBufferPtr xb = xmlBufferCreate();
		xmlTextWriterPtr aw = xmlNewTextWriterMemory(xb, 0);
		xmlTextWriterStartElement(aw, S("Relationship"));
		xmlTextWriterWriteAttribute(aw, S("Id"), S(id));
		xmlTextWriterWriteAttribute(aw, S("Type"), S(HREL));
		xmlTextWriterWriteAttribute(aw, S("Target"), S(href));
		xmlTextWriterWriteAttribute(aw, S("TargetMode"), S("External"));
		xmlTextWriterEndElement(aw);
		xmlFreeTextWriter(aw);
		fw_buf_put(d->rels, xmlBufferContent(xb),
			   (size_t)xmlBufferLength(xb));
		xmlBufferFree(xb);
	}
}

/* A link a document sent on its own can follow: within it (#anchor) or
 * to the web; the transcript pages beside the report are local files,
 * which Word would try to open from wherever the document is. */
static int portable(const char *href)
{
	return href && (href[0] == '#' || !strncmp(href, "http://", 7) ||
			!strncmp(href, "https://", 8));
}

static void spans(dw *d, const rp_block *b)
{
	for (size_t i = 0; i < b->nspans; i++) {
		const rp_span *s = &b->spans[i];
		if (portable(s->href)) {
			hyperlink_start(d, s->href);
			run(d, s->text, s->style, "Hyperlink");
			end(d);
		} else {
			run(d, s->text, s->style, NULL);
		}
	}
}

/* A field's code and its cached result: Word shows the result and
 * updates it (settings ask it to on opening). */
static void hidden_rpr(dw *d, int hidden)
{
	if (!hidden)
		return;
	el(d, "w:rPr");
	el(d, "w:vanish");
	end(d);
	end(d);
}

static void field_char_h(dw *d, const char *type, int hidden)
{
	el(d, "w:r");
	hidden_rpr(d, hidden);
	EMPTY(d, "w:fldChar", "w:fldCharType", type);
	end(d);
}

static void field_char(dw *d, const char *type)
{
	field_char_h(d, type, 0);
}

static void field_code_h(dw *d, const char *code, int hidden)
{
	el(d, "w:r");
	hidden_rpr(d, hidden);
	el(d, "w:instrText");
	at(d, "xml:space", "preserve");
	xmlTextWriterWriteString(d->w, S(code));
	end(d);
	end(d);
}

static void field_code(dw *d, const char *code)
{
	field_code_h(d, code, 0);
}

/* A SEQ field that numbers a caption for Word's lists of tables and
 * figures, hidden: the caption's own number ("Table A.3", the study's
 * scheme) is what the reader sees. */
static void seq_hidden(dw *d, const char *what)
{
	char code[64];
	snprintf(code, sizeof code, " SEQ %s \\* ARABIC \\h ", what);
	field_char_h(d, "begin", 1);
	field_code_h(d, code, 1);
	field_char_h(d, "separate", 1);
	el(d, "w:r"); /* the result, hidden too (not every reader honours
			 the field's \h) */
	hidden_rpr(d, 1);
	el(d, "w:t");
	xmlTextWriterWriteString(d->w, S("1"));
	end(d);
	end(d);
	field_char_h(d, "end", 1);
}

#define WP                                                                     \
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define A          "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC        "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define EMU_PER_PX 9525    /* at 96 pixels an inch */
#define TEXT_WIDTH 5976000 /* 16.6 cm: A4 less 2 cm margins, in EMU */

/* A figure's SVG as a picture in its own paragraph: drawn to PNG by
 * librsvg, fitted to the text width; 0 when it could not be drawn. */
static int picture(dw *d, const rp_block *b)
{
	fw_buf png;
	fw_buf_init(&png);
	double w, h;
	if (fw_svg_png(&png, &w, &h, b->svg, strlen(b->svg), 2, NULL)) {
		fw_buf_dispose(&png);
		return 0;
	}
	d->img = fw_xrealloc(d->img, (d->nimg + 1) * sizeof *d->img);
	d->img[d->nimg++].png = png;
	long long cx = (long long)(w * EMU_PER_PX),
		  cy = (long long)(h * EMU_PER_PX);
	if (cx > TEXT_WIDTH) {
		cy = cy * TEXT_WIDTH / cx;
		cx = TEXT_WIDTH;
	}
	char scx[32], scy[32], id[16], rid[32], name[32];
	snprintf(scx, sizeof scx, "%lld", cx);
	snprintf(scy, sizeof scy, "%lld", cy);
	snprintf(id, sizeof id, "%zu", d->nimg);
	snprintf(rid, sizeof rid, "rIdImg%zu", d->nimg);
	snprintf(name, sizeof name, "fig%zu.png", d->nimg);
	fw_buf_printf(d->rels,
		      "<Relationship Id=\"%s\" Type=\"" R
		      "/image\" Target=\"media/%s\"/>",
		      rid, name);
	el(d, "w:p");
	el(d, "w:pPr");
	EMPTY(d, "w:keepNext", "w:val", "1");
	val(d, "w:jc", "center");
	end(d);
	el(d, "w:r");
	el(d, "w:drawing");
	el(d, "wp:inline");
	at(d, "xmlns:wp", WP);
	EMPTY(d, "wp:extent", "cx", scx, "cy", scy);
	EMPTY(d, "wp:docPr", "id", id, "name", name, "descr",
	      b->caption ? b->caption : name);
	el(d, "a:graphic");
	at(d, "xmlns:a", A);
	el(d, "a:graphicData");
	at(d, "uri", PIC);
	el(d, "pic:pic");
	at(d, "xmlns:pic", PIC);
	el(d, "pic:nvPicPr");
	EMPTY(d, "pic:cNvPr", "id", id, "name", name);
	el(d, "pic:cNvPicPr");
	end(d);
	end(d);
	el(d, "pic:blipFill");
	EMPTY(d, "a:blip", "r:embed", rid);
	el(d, "a:stretch");
	el(d, "a:fillRect");
	end(d);
	end(d);
	end(d);
	el(d, "pic:spPr");
	el(d, "a:xfrm");
	EMPTY(d, "a:off", "x", "0", "y", "0");
	EMPTY(d, "a:ext", "cx", scx, "cy", scy);
	end(d);
	el(d, "a:prstGeom");
	at(d, "prst", "rect");
	el(d, "a:avLst");
	end(d);
	end(d);
	end(d);
	end(d); /* pic:pic */
	end(d);
	end(d);
	end(d); /* wp:inline */
	end(d);
	end(d);
	end(d); /* w:p */
	return 1;
}

static void para_start(dw *d, const char *style)
{
	el(d, "w:p");
	if (style) {
		el(d, "w:pPr");
		val(d, "w:pStyle", style);
		end(d);
	}
}

static void text_para(dw *d, const char *style, const char *text)
{
	para_start(d, style);
	run(d, text, 0, NULL);
	end(d);
}

static void cell(dw *d, const char *text, int bold, int shade, int right,
		 int width, int keep)
{
	el(d, "w:tc");
	el(d, "w:tcPr");
	char wv[16];
	snprintf(wv, sizeof wv, "%d", width);
	EMPTY(d, "w:tcW", "w:w", wv, "w:type", "pct");
	if (shade)
		EMPTY(d, "w:shd", "w:val", "clear", "w:color", "auto", "w:fill",
		      shade == 1 ? "E8EEF7" : "F3F3F3");
	end(d);
	el(d, "w:p");
	el(d, "w:pPr");
	val(d, "w:pStyle", "TableText");
	if (keep)
		EMPTY(d, "w:keepNext", "w:val", "1");
	if (right)
		val(d, "w:jc", "right");
	end(d);
	if (text && *text)
		run(d, text, bold ? RP_BOLD : 0, NULL);
	end(d);
	end(d);
}

static void table(dw *d, const fw_table *t)
{
	el(d, "w:tbl");
	el(d, "w:tblPr");
	val(d, "w:tblStyle", "ReportTable");
	EMPTY(d, "w:tblW", "w:w", "5000", "w:type", "pct");
	EMPTY(d, "w:tblLook", "w:val", "04A0", "w:firstRow", "1", "w:lastRow",
	      "0", "w:firstColumn", "1", "w:lastColumn", "0", "w:noHBand", "0",
	      "w:noVBand", "1");
	end(d);
	/* the first column takes the room the others leave */
	int first = t->ncols > 1 ? 5000 - (int)(t->ncols - 1) *
						   (t->ncols > 5 ? 500 : 800)
				 : 5000;
	if (first < 1500)
		first = 1500;
	int other = t->ncols > 1 ? (5000 - first) / (int)(t->ncols - 1) : 0;
	el(d, "w:tblGrid");
	for (size_t c = 0; c < t->ncols; c++) {
		char wv[16];
		snprintf(wv, sizeof wv, "%d",
			 (c ? other : first) * 9638 / 5000);
		EMPTY(d, "w:gridCol", "w:w", wv);
	}
	end(d);
	el(d, "w:tr");
	el(d, "w:trPr");
	val(d, "w:tblHeader", NULL);
	val(d, "w:cantSplit", NULL);
	end(d);
	for (size_t c = 0; c < t->ncols; c++) {
		/* a heading sits over its column: right over counts */
		int counts = 0;
		for (size_t r = 0; r < t->nrows && !counts; r++)
			if (t->kinds[r] != FW_ROW_GROUP && t->rows[r][c] &&
			    *t->rows[r][c])
				counts = rp_is_count(t->rows[r][c]) ? 1 : -1;
		cell(d, t->cols[c], 1, 1, c > 0 && counts > 0,
		     c ? other : first, 1);
	}
	end(d);
	/* a table of up to 25 rows stays on one page (its rows keep with
	 * the next); a longer one breaks, its heading row repeated */
	int keep = t->nrows <= 25;
	for (size_t r = 0; r < t->nrows; r++) {
		int grp = t->kinds[r] == FW_ROW_GROUP;
		el(d, "w:tr");
		el(d, "w:trPr");
		val(d, "w:cantSplit", NULL);
		end(d);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->rows[r][c];
			cell(d, v, grp, grp ? 2 : 0, c > 0 && rp_is_count(v),
			     c ? other : first, keep && r + 1 < t->nrows);
		}
		end(d);
	}
	end(d);
}

static void bookmark(dw *d, const char *name, int open)
{
	char id[16];
	snprintf(id, sizeof id, "%d", open ? ++d->bookmark : d->bookmark);
	el(d, open ? "w:bookmarkStart" : "w:bookmarkEnd");
	at(d, "w:id", id);
	if (open)
		at(d, "w:name", name);
	end(d);
}

static void heading_text(const rp_block *h, fw_buf *b)
{
	for (size_t s = 0; s < h->nspans; s++)
		fw_buf_puts(b, h->spans[s].text);
}

/* The last heading the contents list shows. */
static size_t last_toc(const rp_doc *doc)
{
	size_t last = SIZE_MAX;
	for (size_t j = 0; j < doc->n; j++)
		if (doc->b[j].kind == RP_HEADING && doc->b[j].level <= 2 &&
		    doc->b[j].id)
			last = j;
	return last;
}

static void body(dw *d, const rp_doc *doc)
{
	text_para(d, "Title", doc->title ? doc->title : "Report");
	if (doc->subtitle)
		text_para(d, "Subtitle", doc->subtitle);
	for (size_t i = 0; i < doc->n; i++) {
		const rp_block *b = &doc->b[i];
		switch (b->kind) {
		case RP_HEADING: {
			char style[16];
			snprintf(style, sizeof style, "Heading%d", b->level);
			para_start(d, style);
			if (b->id)
				bookmark(d, b->id, 1);
			spans(d, b);
			if (b->id)
				bookmark(d, b->id, 0);
			end(d);
			break;
		}
		case RP_PARA:
			para_start(d, b->style_class == RP_CLASS_SUMMARY
					      ? "Summary"
				      : b->style_class == RP_CLASS_TODO
					      ? "Placeholder"
					      : NULL);
			spans(d, b);
			end(d);
			break;
		case RP_QUOTE:
			para_start(d, "Quote");
			run(d, "\u201c", 0, NULL);
			spans(d, b);
			run(d, "\u201d", 0, NULL);
			end(d);
			if (b->attrib) {
				para_start(d, "QuoteSource");
				run(d, "(", 0, NULL);
				if (portable(b->attrib_href)) {
					hyperlink_start(d, b->attrib_href);
					run(d, b->attrib, 0, "Hyperlink");
					end(d);
				} else {
					run(d, b->attrib, 0, NULL);
				}
				run(d, ")", 0, NULL);
				end(d);
			}
			break;
		case RP_TABLE:
		case RP_FIGURE:
			if (!b->table && !b->svg)
				break;
			if (b->caption) {
				para_start(d, "Caption");
				seq_hidden(d, b->kind == RP_TABLE ? "Table"
								  : "Figure");
				run(d, b->caption, 0, NULL);
				end(d);
			}
			if (b->kind != RP_FIGURE || !b->svg || !picture(d, b))
				if (b->table)
					table(d, b->table);
			if (b->note)
				text_para(d, "TableNote", b->note);
			else
				text_para(d, "TableNote", "");
			break;
		case RP_CONTENTS:
			text_para(d, "TOCHeading", "Contents");
			/* a TOC field whose cached result is the linked list
			 * of headings: Word fills in page numbers when it
			 * updates the field */
			for (size_t j = 0, first = 1; j < doc->n; j++) {
				const rp_block *h = &doc->b[j];
				if (h->kind != RP_HEADING || h->level > 2 ||
				    !h->id)
					continue;
				para_start(d, h->level == 1 ? "TOC1" : "TOC2");
				if (first) {
					field_char(d, "begin");
					field_code(d,
						   " TOC \\o \"1-2\" \\h \\z "
						   "\\u ");
					field_char(d, "separate");
					first = 0;
				}
				char href[200];
				snprintf(href, sizeof href, "#%s", h->id);
				fw_buf t;
				fw_buf_init(&t);
				heading_text(h, &t);
				hyperlink_start(d, href);
				run(d, t.ptr ? t.ptr : "", 0, NULL);
				end(d);
				fw_buf_dispose(&t);
				if (j == last_toc(doc))
					field_char(d, "end");
				end(d);
			}
			break;
		case RP_BREAK: break;
		}
	}
	/* A4 portrait, 2 cm margins, page numbers in the footer */
	el(d, "w:sectPr");
	EMPTY(d, "w:footerReference", "w:type", "default", "r:id", "rIdFooter");
	EMPTY(d, "w:pgSz", "w:w", "11906", "w:h", "16838");
	EMPTY(d, "w:pgMar", "w:top", "1134", "w:right", "1134", "w:bottom",
	      "1134", "w:left", "1134", "w:header", "709", "w:footer", "709",
	      "w:gutter", "0");
	end(d);
}

static int render_parts(const rp_doc *doc, fw_buf *document, fw_buf *rels,
			dimg **img, size_t *nimg);

int rp_render_docx_parts(const rp_doc *doc, fw_buf *document, fw_buf *rels)
{
	dimg *img = NULL;
	size_t n = 0;
	int rc = render_parts(doc, document, rels, &img, &n);
	for (size_t i = 0; i < n; i++)
		fw_buf_dispose(&img[i].png);
	free(img);
	return rc;
}

/* The document, its relationships, and the figures it draws. */
static int render_parts(const rp_doc *doc, fw_buf *document, fw_buf *rels,
			dimg **img, size_t *nimg)
{
	xmlBufferPtr xb = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
	if (!w) {
		xmlBufferFree(xb);
		return FW_EIO;
	}
	fw_buf hl;
	fw_buf_init(&hl);
	dw d = {w, &hl, 0, 0, NULL, 0};
	xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
	el(&d, "w:document");
	at(&d, "xmlns:w", W);
	at(&d, "xmlns:r", R);
	el(&d, "w:body");
	body(&d, doc);
	end(&d);
	end(&d);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	fw_buf_put(document, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	fw_buf_puts(rels,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?>\n<Relationships xmlns=\"" PR "\">"
		    "<Relationship Id=\"rIdStyles\" Type=\"" R "/styles\" "
		    "Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" "
		    "Type=\"" R "/settings\" Target=\"settings.xml\"/>"
		    "<Relationship Id=\"rIdFooter\" Type=\"" R "/footer\" "
		    "Target=\"footer1.xml\"/>");
	if (hl.len)
		fw_buf_put(rels, hl.ptr, hl.len);
	fw_buf_puts(rels, "</Relationships>\n");
	fw_buf_dispose(&hl);
	*img = d.img;
	*nimg = d.nimg;
	return 0;
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"rels\" ContentType=\"application/"
	"vnd.openxmlformats-package.relationships+xml\"/><Default Extension="
	"\"png\" ContentType=\"image/png\"/><Default Extension="
	"\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/"
	"document.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.document.main+xml\"/><Override "
	"PartName=\"/word/styles.xml\" ContentType=\"application/vnd."
	"openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override "
	"PartName=\"/word/settings.xml\" ContentType=\"application/vnd."
	"openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/></Types>\n";

static const char package_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"" PR "\"><Relationship Id=\"rId1\" Type=\"" R
	"/officeDocument\" Target=\"word/document.xml\"/><Relationship Id="
	"\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"</Relationships>\n";

/* The footer: "Page N of M", centred. */
static const char footer[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:ftr xmlns:w=\"" W "\"><w:p><w:pPr><w:jc w:val=\"center\"/>"
	"</w:pPr><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r>"
	"<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
	"xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
	"w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r>"
	"<w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\""
	"preserve\"> of </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/>"
	"</w:r><w:r><w:instrText xml:space=\"preserve\"> NUMPAGES "
	"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
	"</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/>"
	"</w:r></w:p></w:ftr>\n";

static const char settings[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:settings xmlns:w=\"" W "\"><w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\""
	"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"</w:settings>\n";

#define PSTYLE(id, name, extra)                                                \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id                        \
	"\"><w:name w:val=\"" name                                             \
	"\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"          \
	"<w:qFormat/>" extra "</w:style>"

static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"" W "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" "
	"w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz "
	"w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr>"
	"</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\" "
	"w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/><w:qFormat/></w:style>" PSTYLE(
		"Title", "Title",
		"<w:pPr><w:spacing w:after=\"240\"/></w:pPr>"
		"<w:rPr><w:b/><w:color w:val=\"1F3A5F\"/><w:sz w:val=\"48\"/>"
		"</w:rPr>") PSTYLE("Subtitle", "Subtitle",
				   "<w:pPr><w:spacing w:after=\"360\"/>"
				   "</w:pPr><w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"26\"/>"
				   "</w:rPr>") PSTYLE("Heading1", "heading 1",
						      "<w:pPr><w:keepNext/><w:pageBreakBefore/>"
						      "<w:spacing w:before=\"240\" w:after=\"240\"/><w:outlineLvl "
						      "w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:color w:val=\"1F3A5F\"/>"
						      "<w:sz w:val=\"36\"/></w:rPr>")
		PSTYLE("Heading2", "heading 2",
		       "<w:pPr><w:keepNext/><w:spacing "
		       "w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>"
		       "</w:pPr><w:rPr><w:b/><w:color w:val=\"1F5FA8\"/><w:sz w:val="
		       "\"28\"/></w:rPr>") PSTYLE("Heading3", "heading 3",
						  "<w:pPr><w:keepNext/><w:spacing "
						  "w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>"
						  "</w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr>")
			PSTYLE("Quote", "Quote",
			       "<w:pPr><w:spacing w:before=\"120\" w:after="
			       "\"0\"/><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr><w:rPr><w:i/>"
			       "<w:color w:val=\"404040\"/></w:rPr>") PSTYLE("QuoteSource",
									     "Quote Source",
									     "<w:pPr><w:spacing w:after=\"160\"/>"
									     "<w:ind w:left=\"567\"/></w:pPr><w:rPr><w:color w:val=\"595959\"/>"
									     "<w:sz w:val=\"19\"/></w:rPr>")
				PSTYLE("Summary", "Case Summary",
				       "<w:pPr><w:spacing w:after=\"80\"/>"
				       "<w:ind w:left=\"284\" w:hanging=\"284\"/></w:pPr>") PSTYLE("Placeholder",
												   "Placeholder",
												   "<w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" "
												   "w:fill=\"FFF4D6\"/></w:pPr><w:rPr><w:color "
												   "w:val=\"6B5200\"/></w:rPr>")
					PSTYLE("Caption", "caption",
					       "<w:pPr><w:keepNext/><w:spacing w:before="
					       "\"240\" w:after=\"80\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"20\"/>"
					       "</w:rPr>") PSTYLE("TableText",
								  "Table Text",
								  "<w:pPr><w:spacing w:after=\"0\" "
								  "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val="
								  "\"19\"/></w:rPr>")
						PSTYLE("TableNote",
						       "Table Note",
						       "<w:pPr><w:spacing w:before=\"60\" "
						       "w:after=\"200\"/></w:pPr><w:rPr><w:i/><w:sz w:val=\"18\"/>"
						       "</w:rPr>") PSTYLE("TOCHeading",
									  "TOC Heading",
									  "<w:pPr><w:keepNext/><w:spacing "
									  "w:before=\"240\" w:after=\"120\"/></w:pPr><w:rPr><w:b/><w:color "
									  "w:val=\"1F3A5F\"/><w:sz w:val=\"32\"/></w:rPr>")
							PSTYLE("TOC1", "toc 1",
							       "<w:pPr><w:spacing w:before=\"120\" w:after=\"40\"/>"
							       "</w:pPr><w:rPr><w:b/></w:rPr>")
								PSTYLE("TOC2",
								       "toc 2",
								       "<w:pPr><w:spacing w:after=\"20\"/><w:ind "
								       "w:left=\"440\"/></w:pPr>") "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val="
												   "\"Hyperlink\"/><w:rPr><w:color w:val=\"1F5FA8\"/></w:rPr></w:style>"
												   "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
												   "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type="
												   "\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w="
												   "\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right "
												   "w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
												   "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val="
												   "\"Report Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr>"
												   "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
												   "w:color=\"A6A6A6\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
												   "w:color=\"A6A6A6\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
												   "w:color=\"A6A6A6\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
												   "w:color=\"A6A6A6\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space="
												   "\"0\" w:color=\"A6A6A6\"/><w:insideV w:val=\"single\" w:sz=\"4\" "
												   "w:space=\"0\" w:color=\"A6A6A6\"/></w:tblBorders><w:tblCellMar><w:top "
												   "w:w=\"40\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>"
												   "</w:tblCellMar></w:tblPr></w:style>"
												   "</w:styles>\n";

int rp_write_docx(const rp_doc *doc, const char *path, fw_error *err)
{
	fw_buf document, rels, core;
	fw_buf_init(&document);
	fw_buf_init(&rels);
	fw_buf_init(&core);
	dimg *img = NULL;
	size_t nimg = 0;
	int rc = render_parts(doc, &document, &rels, &img, &nimg);
	if (rc) {
		fw_buf_dispose(&document);
		fw_buf_dispose(&rels);
		return fw_error_set(err, FW_EIO, path, 0,
				    "cannot write the document");
	}
	{
		xmlBufferPtr xb = xmlBufferCreate();
		xmlTextWriterPtr w = xmlNewTextWriterMemory(xb, 0);
		xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
		xmlTextWriterStartElement(w, S("cp:coreProperties"));
		xmlTextWriterWriteAttribute(
			w, S("xmlns:cp"),
			S("http://schemas.openxmlformats.org/package/2006/metadata/"
			  "core-properties"));
		xmlTextWriterWriteAttribute(
			w, S("xmlns:dc"),
			S("http://purl.org/dc/elements/1.1/"));
		char *t = clean(doc->title ? doc->title : "Report");
		xmlTextWriterWriteElement(w, S("dc:title"), S(t));
		free(t);
		xmlTextWriterWriteElement(w, S("dc:creator"), S("charter"));
		xmlTextWriterEndElement(w);
		xmlTextWriterEndDocument(w);
		xmlFreeTextWriter(w);
		fw_buf_put(&core, xmlBufferContent(xb),
			   (size_t)xmlBufferLength(xb));
		xmlBufferFree(xb);
	}
	/* [Content_Types].xml first, as Word writes it */
	const fw_zip_part parts[] = {{.name = "[Content_Types].xml",
				      .data = content_types,
				      .len = sizeof content_types - 1},
				     {.name = "_rels/.rels",
				      .data = package_rels,
				      .len = sizeof package_rels - 1},
				     {.name = "word/document.xml",
				      .data = document.ptr,
				      .len = document.len},
				     {.name = "word/_rels/document.xml.rels",
				      .data = rels.ptr,
				      .len = rels.len},
				     {.name = "word/styles.xml",
				      .data = styles,
				      .len = sizeof styles - 1},
				     {.name = "word/settings.xml",
				      .data = settings,
				      .len = sizeof settings - 1},
				     {.name = "word/footer1.xml",
				      .data = footer,
				      .len = sizeof footer - 1},
				     {.name = "docProps/core.xml",
				      .data = core.ptr,
				      .len = core.len}};
	size_t np = sizeof parts / sizeof *parts;
	fw_zip_part *all = fw_xcalloc(np + nimg, sizeof *all);
	memcpy(all, parts, sizeof parts);
	char(*names)[48] = fw_xcalloc(nimg ? nimg : 1, sizeof *names);
	for (size_t i = 0; i < nimg; i++) {
		snprintf(names[i], sizeof names[i], "word/media/fig%zu.png",
			 i + 1);
		all[np + i] = (fw_zip_part){.name = names[i],
					    .data = img[i].png.ptr,
					    .len = img[i].png.len};
	}
	rc = fw_zip_write(path, all, np + nimg, err);
	free(all);
	free(names);
	for (size_t i = 0; i < nimg; i++)
		fw_buf_dispose(&img[i].png);
	free(img);
	fw_buf_dispose(&document);
	fw_buf_dispose(&rels);
	fw_buf_dispose(&core);
	return rc;
}
