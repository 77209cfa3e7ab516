/*
 * htmlpage.h: the one HTML page writer and style sheet of every page
 * charter writes (charts, transcript pages, the report): self-contained
 * (inline CSS, no scripts), HTML that is well-formed XML as well.  A page
 * is of a kind, the class of its body, which picks its typography.
 */
#ifndef FW_HTMLPAGE_H
#define FW_HTMLPAGE_H

#include "buf.h"

enum { FW_PAGE_CHART = 0, FW_PAGE_REPORT = 1 };

/** The page up to and including <body>: doctype, head, title (escaped),
 *  the style sheet. */
void fw_html_open(fw_buf *b, int kind, const char *title);
/** The end of the page. */
void fw_html_close(fw_buf *b);

#endif
