/*
 * rdoc.h: a report as a list of blocks (headings, paragraphs, quotes,
 * tables, figures), composed once by report.c and written by one renderer
 * per format: Markdown (render_md.c), HTML (render_html.c) and DOCX
 * (render_docx.c).  Text is UTF-8; renderers escape it.
 */
#ifndef CHARTER_RDOC_H
#define CHARTER_RDOC_H

#include "fw.h"

enum { RS_BOLD = 1, RS_ITALIC = 2 };

/** A run of text, perhaps a link (href relative to the report). */
typedef struct rspan {
	char *text;
	char *href;
	int style;
} rspan;

enum {
	RB_HEADING, /* level 1 (chapter) .. 3; id is its anchor */
	RB_PARA,
	RB_QUOTE,  /* spans: the quoted words; attrib: who said them */
	RB_TABLE,  /* caption, table (group rows as sub-headings), note */
	RB_FIGURE, /* caption, svg; table is what a format without SVG shows */
	RB_CONTENTS, /* the list of chapters (level 1 and 2 headings) */
	RB_BREAK     /* page break before the next chapter */
};

typedef struct rblock {
	int kind;
	int level;
	char *id;
	rspan *spans;
	size_t nspans;
	char *attrib;
	char *attrib_href;
	char *caption;
	fw_table *table;
	char *note;
	char *svg;
	char *figname;   /* file name for the figure when written apart (md) */
	int style_class; /* RB_PARA: 1 for a case's summary */
} rblock;

typedef struct rdoc {
	char *title;
	char *subtitle;
	rblock *b;
	size_t n, cap;
} rdoc;

void rdoc_init(rdoc *d, const char *title, const char *subtitle);
void rdoc_dispose(rdoc *d);
/** Start a block; the returned pointer is valid until the next add. */
rblock *rdoc_add(rdoc *d, int kind);
rblock *rdoc_heading(rdoc *d, int level, const char *id, const char *text);
/** Append a span to a block (text copied; href may be NULL). */
void rblock_span(rblock *b, const char *text, const char *href, int style);
/** Append text, turning line references (L12, L12-18, L12*) into links to
 *  page#L12 when page is not NULL. */
void rblock_linked(rblock *b, const char *text, const char *page);

/** Renderers: write the document to path. */
int rdoc_write_md(const rdoc *d, const char *path, const char *figdir,
		  fw_error *err);
int rdoc_write_html(const rdoc *d, const char *path, fw_error *err);
int rdoc_write_docx(const rdoc *d, const char *path, fw_error *err);
/** The same documents in memory (tests). */
void rdoc_md(const rdoc *d, const char *figprefix, fw_buf *out);
void rdoc_html(const rdoc *d, fw_buf *out);
/** The main part of the DOCX (word/document.xml) and its relationships. */
int rdoc_docx_parts(const rdoc *d, fw_buf *document, fw_buf *rels);

/** Text for XML (and HTML): & < > " escaped, control characters but tab
 *  and newline made spaces. */
/** Is a table cell a count ("12", "8%", "34 in 6 groups", "5 of 6"), to be
 *  set to the right? */
int rdoc_is_count(const char *s);

/** Write a buffer to a file. */

#endif
