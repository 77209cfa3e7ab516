/*
 * render_tables.c: the report's tables on their own, for report writers
 * who lay out a chapter elsewhere: every table of the report (or of one
 * chapter) with its number, caption and note, exactly as the report holds
 * it: a worksheet each in a workbook (libxlsxwriter), a section each in a
 * CSV, or a DOCX of the tables alone (the report's own renderer).
 */
#include "doc.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fileio.h"
#include "table.h"

#include <xlsxwriter.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A worksheet name from a caption's number ("Table A.3 ..." -> "Table
 * A.3"), unique in the workbook and without the characters Excel
 * refuses. */
static void sheet_name(char *out, size_t n, const rp_block *b, size_t k,
		       char (*used)[32], size_t nused)
{
	const char *cap = b->caption ? b->caption : "";
	size_t len = 0;
	int words = 0;
	for (const char *p = cap; *p && len + 1 < n && len < 28; p++) {
		if (*p == ' ' && ++words == 2)
			break;
		out[len++] = strchr("[]:*?/\\'", *p) ? '-' : *p;
	}
	out[len] = 0;
	if (!len)
		snprintf(out, n, "Table %zu", k + 1);
	for (size_t i = 0; i < nused; i++)
		if (!strcmp(used[i], out)) {
			snprintf(out + (len > 24 ? 24 : len),
				 n - (len > 24 ? 24 : len), " (%zu)", k + 1);
			break;
		}
}

static int write_xlsx(const rp_block *const *t, size_t n, const char *path,
		      fw_error *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return fw_error_set(err, FW_EIO, path, 0, "cannot write");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDCE6F1);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *group = workbook_add_format(wb);
	format_set_bold(group);
	format_set_bg_color(group, 0xF3F3F3);
	format_set_border(group, LXW_BORDER_THIN);
	lxw_format *cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_text_wrap(cell);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_RIGHT);
	lxw_format *note = workbook_add_format(wb);
	format_set_italic(note);
	char(*used)[32] = fw_xcalloc(n ? n : 1, sizeof *used);
	for (size_t k = 0; k < n; k++) {
		const rp_block *b = t[k];
		sheet_name(used[k], sizeof used[k], b, k, used, k);
		lxw_worksheet *ws = workbook_add_worksheet(wb, used[k]);
		const fw_table *tb = b->table;
		worksheet_write_string(ws, 0, 0, b->caption ? b->caption : "",
				       bold);
		for (size_t c = 0; c < tb->ncols; c++)
			worksheet_write_string(ws, 2, (lxw_col_t)c, tb->cols[c],
					       head);
		for (size_t r = 0; r < tb->nrows; r++) {
			int grp = tb->kinds[r] == FW_ROW_GROUP;
			for (size_t c = 0; c < tb->ncols; c++) {
				const char *v =
					tb->rows[r][c] ? tb->rows[r][c] : "";
				int count = c > 0 && rp_is_count(v);
				char *end;
				double d = strtod(v, &end);
				lxw_row_t row = (lxw_row_t)(3 + r);
				if (count && *v && !*end)
					worksheet_write_number(
						ws, row, (lxw_col_t)c, d, num);
				else
					worksheet_write_string(ws, row,
							       (lxw_col_t)c, v,
							       grp     ? group
							       : count ? num
								       : cell);
			}
		}
		if (b->note)
			worksheet_write_string(ws, (lxw_row_t)(4 + tb->nrows),
					       0, b->note, note);
		worksheet_set_column(ws, 0, 0, 42, NULL);
		if (tb->ncols > 1)
			worksheet_set_column(ws, 1, (lxw_col_t)(tb->ncols - 1),
					     16, NULL);
		worksheet_set_row(ws, 2, 32, NULL); /* two lines of heading */
		worksheet_repeat_rows(ws, 2, 2);
		worksheet_set_paper(ws, 9); /* A4 */
		worksheet_fit_to_pages(ws, 1, 0);
		char hf[80];
		snprintf(hf, sizeof hf, "&C&\"Calibri,Bold\"%s", used[k]);
		worksheet_set_header(ws, hf);
		worksheet_set_footer(ws, "&CPage &P of &N");
	}
	free(used);
	lxw_error e = workbook_close(wb);
	return e == LXW_NO_ERROR
		       ? 0
		       : fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				      lxw_strerror(e));
}

/* CSV: a section per table: its caption, the header and rows, its note,
 * then a blank line. */
static void csv_row(fw_buf *o, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fw_buf_putc(o, ',');
		fw_esc_csv(o, v[i] ? v[i] : "");
	}
	fw_buf_puts(o, "\r\n");
}

static int write_csv(const rp_block *const *t, size_t n, const char *path,
		     fw_error *err)
{
	fw_buf o;
	fw_buf_init(&o);
	for (size_t k = 0; k < n; k++) {
		const rp_block *b = t[k];
		const char *cap[1] = {b->caption ? b->caption : ""};
		csv_row(&o, cap, 1);
		csv_row(&o, (const char *const *)b->table->cols,
			b->table->ncols);
		for (size_t r = 0; r < b->table->nrows; r++)
			csv_row(&o, (const char *const *)b->table->rows[r],
				b->table->ncols);
		if (b->note) {
			const char *nt[1] = {b->note};
			csv_row(&o, nt, 1);
		}
		fw_buf_puts(&o, "\r\n");
	}
	int rc = fw_file_write(path, o.ptr ? o.ptr : "", o.len, err);
	fw_buf_dispose(&o);
	return rc;
}

int rp_write_tables(const rp_doc *d, const char *chapter, int format,
		    const char *path, size_t *ntables, fw_error *err)
{
	/* the tables under the chapter's heading (all when none is named) */
	const rp_block **t = NULL;
	size_t n = 0;
	int in = !chapter, found = !chapter;
	for (size_t i = 0; i < d->n; i++) {
		const rp_block *b = &d->b[i];
		if (chapter && b->kind == RP_HEADING && b->level == 1) {
			in = b->id && !strcmp(b->id, chapter);
			found |= in;
		}
		if (in && b->kind == RP_TABLE && b->table) {
			t = fw_xrealloc(t, (n + 1) * sizeof *t);
			t[n++] = b;
		}
	}
	*ntables = n;
	int rc = 0;
	if (!found)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "the report has no chapter %s", chapter);
	else if (format == RP_TABLES_XLSX)
		rc = write_xlsx(t, n, path, err);
	else if (format == RP_TABLES_CSV)
		rc = write_csv(t, n, path, err);
	else {
		/* the tables alone, in the report's own Word renderer */
		rp_doc only = {.title = d->title, .subtitle = "Tables"};
		only.b = fw_xcalloc(n ? n : 1, sizeof *only.b);
		for (size_t i = 0; i < n; i++)
			only.b[only.n++] = *t[i];
		rc = rp_write_docx(&only, path, err);
		free(only.b); /* the blocks are the report's */
	}
	free(t);
	return rc;
}
