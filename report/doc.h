/*
 * doc.h: a report as a list of blocks (headings, paragraphs, quotes,
 * tables, figures), composed once (compose.c and its parts) and written by one
 * renderer per format: Markdown (render_md.c), HTML (render_html.c) and DOCX
 * (render_docx.c).  Text is UTF-8; renderers escape it.
 */
#ifndef RP_DOC_H
#define RP_DOC_H

#include "fw.h"

enum { RP_BOLD = 1, RP_ITALIC = 2 };

/** What a paragraph is, for its style: a case's chart summary, or a
 *  placeholder for writing the report still needs. */
enum { RP_CLASS_TEXT = 0, RP_CLASS_SUMMARY = 1, RP_CLASS_TODO = 2 };

/** A run of text, perhaps a link (href relative to the report). */
typedef struct rp_span {
	char *text;
	char *href;
	int style;
} rp_span;

enum {
	RP_HEADING, /* level 1 (chapter) .. 3; id is its anchor */
	RP_PARA,
	RP_QUOTE,  /* spans: the quoted words; attrib: who said them */
	RP_TABLE,  /* caption, table (group rows as sub-headings), note */
	RP_FIGURE, /* caption, svg; table is what a format without SVG shows */
	RP_CONTENTS, /* the list of chapters (level 1 and 2 headings) */
	RP_BREAK     /* page break before the next chapter */
};

typedef struct rp_block {
	int kind;
	int level;
	char *id;
	rp_span *spans;
	size_t nspans;
	char *attrib;
	char *attrib_href;
	char *caption;
	fw_table *table;
	char *note;
	char *svg;
	char *figname;   /* file name for the figure when written apart (md) */
	int style_class; /* RP_PARA: RP_CLASS_* */
} rp_block;

typedef struct rp_doc {
	char *title;
	char *subtitle;
	rp_block *b;
	size_t n, cap;
} rp_doc;

void rp_doc_init(rp_doc *d, const char *title, const char *subtitle);
void rp_doc_dispose(rp_doc *d);
/** Start a block; the returned pointer is valid until the next add. */
rp_block *rp_doc_add(rp_doc *d, int kind);
rp_block *rp_doc_heading(rp_doc *d, int level, const char *id,
			 const char *text);
/** Append a span to a block (text copied; href may be NULL). */
void rp_block_span(rp_block *b, const char *text, const char *href, int style);
/* A paragraph of one span of text in style (none if text is NULL or empty). */
rp_block *rp_doc_para(rp_doc *d, const char *text, int style);
/* A paragraph of printf-style text, plain. */
rp_block *rp_doc_paraf(rp_doc *d, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/** Append text, turning line references (L12, L12-18, L12*) into links to
 *  page#L12 when page is not NULL. */
void rp_block_linked(rp_block *b, const char *text, const char *page);

/** Renderers: write the document to path. */
int rp_write_md(const rp_doc *d, const char *path, const char *figdir,
		fw_error *err);
int rp_write_html(const rp_doc *d, const char *path, fw_error *err);
int rp_write_docx(const rp_doc *d, const char *path, fw_error *err);
/** The document's tables alone (those of one level-1 heading's chapter,
 *  by its id, or all): a worksheet each (xlsx), a section each (csv), or a
 *  DOCX of them; *ntables says how many. */
enum { RP_TABLES_XLSX = 0, RP_TABLES_CSV, RP_TABLES_DOCX };
int rp_write_tables(const rp_doc *d, const char *chapter, int format,
		    const char *path, size_t *ntables, fw_error *err);
/** The same documents in memory (tests). */
void rp_render_md(const rp_doc *d, const char *figprefix, fw_buf *out);
void rp_render_html(const rp_doc *d, fw_buf *out);
/** The main part of the DOCX (word/document.xml) and its relationships. */
int rp_render_docx_parts(const rp_doc *d, fw_buf *document, fw_buf *rels);

/** Is a table cell a count ("12", "8%", "34 in 6 groups", "5 of 6"), to be
 *  set to the right? */
int rp_is_count(const char *s);

#endif
