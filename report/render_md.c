/*
 * render_md.c: the report as Markdown, figures written as SVG files beside
 * it and linked.
 */
#include "doc.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fileio.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void md_spans(fw_buf *o, const rp_block *b)
{
	for (size_t i = 0; i < b->nspans; i++) {
		const rp_span *s = &b->spans[i];
		/* emphasis must hug its text: spaces go outside the markers */
		const char *t = s->text, *e = t + strlen(t);
		if (s->style) {
			while (*t == ' ')
				fw_buf_putc(o, *t++);
			while (e > t && e[-1] == ' ')
				e--;
		}
		char *mid = fw_xstrndup(t, (size_t)(e - t));
		if (s->style & RP_BOLD)
			fw_buf_puts(o, "**");
		if (s->style & RP_ITALIC)
			fw_buf_puts(o, "*");
		if (s->href)
			fw_buf_putc(o, '[');
		fw_esc_md(o, mid, FW_MD_INLINE);
		if (s->href)
			fw_buf_printf(o, "](%s)", s->href);
		if (s->style & RP_ITALIC)
			fw_buf_puts(o, "*");
		if (s->style & RP_BOLD)
			fw_buf_puts(o, "**");
		fw_buf_puts(o, e);
		free(mid);
	}
}

static void md_table(fw_buf *o, const fw_table *t)
{
	fw_md_header(o, t, FW_MD_INLINE | FW_MD_TABLE);
	for (size_t r = 0; r < t->nrows; r++) {
		fw_buf_puts(o, "|");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->rows[r][c];
			fw_buf_putc(o, ' ');
			if (v && *v) {
				int bold = t->kinds[r] == FW_ROW_GROUP;
				if (bold)
					fw_buf_puts(o, "**");
				fw_esc_md(o, v, FW_MD_INLINE | FW_MD_TABLE);
				if (bold)
					fw_buf_puts(o, "**");
			}
			fw_buf_puts(o, " |");
		}
		fw_buf_putc(o, '\n');
	}
}

void rp_render_md(const rp_doc *d, const char *figprefix, fw_buf *o)
{
	fw_buf_printf(o, "# %s\n\n", d->title ? d->title : "Report");
	if (d->subtitle)
		fw_buf_printf(o, "%s\n\n", d->subtitle);
	for (size_t i = 0; i < d->n; i++) {
		const rp_block *b = &d->b[i];
		switch (b->kind) {
		case RP_HEADING:
			for (int l = 0; l <= b->level; l++)
				fw_buf_putc(o, '#');
			fw_buf_putc(o, ' ');
			md_spans(o, b);
			fw_buf_puts(o, "\n\n");
			break;
		case RP_PARA:
			md_spans(o, b);
			fw_buf_puts(o, "\n\n");
			break;
		case RP_QUOTE:
			fw_buf_puts(o, "> ");
			md_spans(o, b);
			if (b->attrib) {
				fw_buf_puts(o, "\n>\n> (");
				if (b->attrib_href)
					fw_buf_putc(o, '[');
				fw_esc_md(o, b->attrib, FW_MD_INLINE);
				if (b->attrib_href)
					fw_buf_printf(o, "](%s)",
						      b->attrib_href);
				fw_buf_puts(o, ")");
			}
			fw_buf_puts(o, "\n\n");
			break;
		case RP_TABLE:
			if (b->caption)
				fw_buf_printf(o, "**%s**\n\n", b->caption);
			md_table(o, b->table);
			fw_buf_putc(o, '\n');
			if (b->note)
				fw_buf_printf(o, "*%s*\n\n", b->note);
			break;
		case RP_FIGURE:
			if (figprefix && b->figname && b->svg) {
				fw_buf_printf(o, "![%s](%s%s)\n\n",
					      b->caption ? b->caption : "",
					      figprefix, b->figname);
				if (b->caption)
					fw_buf_printf(o, "**%s**\n\n",
						      b->caption);
			} else if (b->table) {
				if (b->caption)
					fw_buf_printf(o, "**%s**\n\n",
						      b->caption);
				md_table(o, b->table);
				fw_buf_putc(o, '\n');
			}
			break;
		case RP_CONTENTS:
			fw_buf_puts(o, "## Contents\n\n");
			for (size_t j = 0; j < d->n; j++) {
				const rp_block *h = &d->b[j];
				if (h->kind != RP_HEADING || h->level > 2)
					continue;
				fw_buf_puts(o, h->level == 1 ? "- " : "  - ");
				md_spans(o, h);
				fw_buf_putc(o, '\n');
			}
			fw_buf_putc(o, '\n');
			break;
		case RP_BREAK: break;
		}
	}
}

int rp_write_md(const rp_doc *d, const char *path, const char *figdir,
		fw_error *err)
{
	fw_buf o;
	fw_buf_init(&o);
	int rc = 0;
	if (figdir) {
		rc = fw_mkdirs(figdir, err);
		for (size_t i = 0; !rc && i < d->n; i++) {
			const rp_block *b = &d->b[i];
			if (b->kind != RP_FIGURE || !b->svg || !b->figname)
				continue;
			char fp[1200];
			snprintf(fp, sizeof fp, "%s/%s", figdir, b->figname);
			rc = fw_file_write(fp, b->svg, strlen(b->svg), err);
		}
	}
	if (!rc) {
		const char *slash = figdir ? strrchr(figdir, '/') : NULL;
		char prefix[300] = "";
		if (figdir)
			snprintf(prefix, sizeof prefix, "%s/",
				 slash ? slash + 1 : figdir);
		rp_render_md(d, figdir ? prefix : NULL, &o);
		rc = fw_file_write(path, o.ptr ? o.ptr : "", o.len, err);
	}
	fw_buf_dispose(&o);
	return rc;
}
