/*
 * render_html.c: the report as one self-contained HTML page: inline CSS
 * and SVG, a contents list, print rules (each chapter on a new page,
 * tables and quotes kept whole).  The page is well-formed XML as well as
 * HTML, so it can be checked and transformed by XML tools.
 */
#include "doc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fileio.h"
#include "htmlpage.h"
#include "table.h"

#include <stdio.h>
#include <string.h>

static void spans(fw_buf *o, const rp_block *b)
{
	for (size_t i = 0; i < b->nspans; i++) {
		const rp_span *s = &b->spans[i];
		if (s->href) {
			fw_buf_puts(o, "<a href=\"");
			fw_esc_xml(o, s->href);
			fw_buf_puts(o, "\">");
		}
		if (s->style & RP_BOLD)
			fw_buf_puts(o, "<strong>");
		if (s->style & RP_ITALIC)
			fw_buf_puts(o, "<em>");
		fw_esc_xml(o, s->text);
		if (s->style & RP_ITALIC)
			fw_buf_puts(o, "</em>");
		if (s->style & RP_BOLD)
			fw_buf_puts(o, "</strong>");
		if (s->href)
			fw_buf_puts(o, "</a>");
	}
}

static void table(fw_buf *o, const fw_table *t)
{
	fw_buf_puts(o, "<table>\n<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		fw_buf_puts(o, "<th scope=\"col\">");
		fw_esc_xml(o, t->cols[c]);
		fw_buf_puts(o, "</th>");
	}
	fw_buf_puts(o, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		int grp = t->kinds[r] == FW_ROW_GROUP;
		fw_buf_puts(o, grp ? "<tr class=\"grp\">" : "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->rows[r][c];
			fw_buf_printf(o, "<td%s>",
				      c && rp_is_count(v) ? " class=\"n\""
							  : "");
			if (v)
				fw_esc_xml(o, v);
			fw_buf_puts(o, "</td>");
		}
		fw_buf_puts(o, "</tr>\n");
	}
	fw_buf_puts(o, "</tbody>\n</table>\n");
}

/* Escaped text between a start tag and an end tag, written whole. */
static void wrap(fw_buf *o, const char *open, const char *text,
		 const char *close)
{
	fw_buf_puts(o, open);
	fw_esc_xml(o, text);
	fw_buf_puts(o, close);
}

/* An element's start, with its id when it has one: "<tag id="...">". */
static void start_id(fw_buf *o, const char *tag, const char *id)
{
	fw_buf_puts(o, tag);
	if (id)
		wrap(o, " id=\"", id, "\"");
	fw_buf_putc(o, '>');
}

void rp_render_html(const rp_doc *d, fw_buf *o)
{
	fw_html_open(o, FW_PAGE_REPORT, d->title ? d->title : "Report");
	wrap(o, "<h1 class=\"title\">", d->title ? d->title : "Report",
	     "</h1>\n");
	if (d->subtitle)
		wrap(o, "<p class=\"subtitle\">", d->subtitle, "</p>\n");
	for (size_t i = 0; i < d->n; i++) {
		const rp_block *b = &d->b[i];
		switch (b->kind) {
		case RP_HEADING: {
			char tag[16];
			snprintf(tag, sizeof tag, "<h%d", b->level + 1);
			start_id(o, tag, b->id);
			spans(o, b);
			fw_buf_printf(o, "</h%d>\n", b->level + 1);
			break;
		}
		case RP_PARA:
			fw_buf_puts(o, b->style_class == RP_CLASS_SUMMARY
					       ? "<p class=\"summary\">"
				       : b->style_class == RP_CLASS_TODO
					       ? "<p class=\"todo\">"
					       : "<p>");
			spans(o, b);
			fw_buf_puts(o, "</p>\n");
			break;
		case RP_QUOTE:
			fw_buf_puts(o, "<blockquote><p>\u201c");
			spans(o, b);
			fw_buf_puts(o, "\u201d</p>");
			if (b->attrib) {
				fw_buf_puts(o, "<p class=\"who\">(");
				if (b->attrib_href) {
					fw_buf_puts(o, "<a href=\"");
					fw_esc_xml(o, b->attrib_href);
					fw_buf_puts(o, "\">");
				}
				fw_esc_xml(o, b->attrib);
				if (b->attrib_href)
					fw_buf_puts(o, "</a>");
				fw_buf_puts(o, ")</p>");
			}
			fw_buf_puts(o, "</blockquote>\n");
			break;
		case RP_TABLE:
			if (b->caption) {
				start_id(o, "<p class=\"caption\"", b->id);
				wrap(o, "", b->caption, "</p>\n");
			}
			table(o, b->table);
			if (b->note)
				wrap(o, "<p class=\"note\">", b->note,
				     "</p>\n");
			break;
		case RP_FIGURE:
			fw_buf_puts(o, "<figure>");
			if (b->caption)
				wrap(o, "<figcaption>", b->caption,
				     "</figcaption>");
			fw_buf_putc(o, '\n');
			if (b->svg)
				fw_buf_puts(o, b->svg);
			else if (b->table)
				table(o, b->table);
			fw_buf_puts(o, "</figure>\n");
			break;
		case RP_CONTENTS: {
			fw_buf_puts(
				o,
				"<nav class=\"contents\"><h2>Contents</h2>\n<ol>");
			int open2 = 0, any1 = 0;
			for (size_t j = 0; j < d->n; j++) {
				const rp_block *h = &d->b[j];
				if (h->kind != RP_HEADING || h->level > 2 ||
				    !h->id)
					continue;
				if (h->level == 1) {
					if (open2)
						fw_buf_puts(o, "</ol>");
					open2 = 0;
					if (any1)
						fw_buf_puts(o, "</li>");
					fw_buf_puts(o, "\n<li>");
					any1 = 1;
				} else {
					if (!any1) {
						fw_buf_puts(o, "\n<li>");
						any1 = 1;
					}
					if (!open2)
						fw_buf_puts(o, "<ol>");
					open2 = 1;
					fw_buf_puts(o, "<li>");
				}
				fw_buf_puts(o, "<a href=\"#");
				fw_esc_xml(o, h->id);
				fw_buf_puts(o, "\">");
				for (size_t s = 0; s < h->nspans; s++)
					fw_esc_xml(o, h->spans[s].text);
				fw_buf_puts(o, "</a>");
				if (h->level == 2)
					fw_buf_puts(o, "</li>");
			}
			if (open2)
				fw_buf_puts(o, "</ol>");
			if (any1)
				fw_buf_puts(o, "</li>");
			fw_buf_puts(o, "\n</ol></nav>\n");
			break;
		}
		case RP_BREAK: break;
		}
	}
	fw_html_close(o);
}

int rp_write_html(const rp_doc *d, const char *path, fw_error *err)
{
	fw_buf o;
	fw_buf_init(&o);
	rp_render_html(d, &o);
	int rc = fw_file_write(path, o.ptr, o.len, err);
	fw_buf_dispose(&o);
	return rc;
}
