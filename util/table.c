/*
 * table.c: result tables and their writer (text, CSV, JSON, Markdown),
 * kept or streamed to a sink.
 */
#include "table.h"
#include "alias.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

int fw_format_parse(const char *s)
{
	static const char *const names[] = {[FW_FMT_TEXT] = "text",
					    [FW_FMT_CSV] = "csv",
					    [FW_FMT_JSON] = "json",
					    [FW_FMT_MD] = "md|markdown"};
	return fw_alias_find(names, (int)(sizeof names / sizeof *names), s);
}

int fw_format_streams(int format)
{
	return format == FW_FMT_CSV || format == FW_FMT_JSON ||
	       format == FW_FMT_MD;
}

void fw_sink_init(fw_sink *s, FILE *fp, int format)
{
	memset(s, 0, sizeof *s);
	s->fp = fp;
	s->format = format;
}

/* ---- rows as text of one format ------------------------------------------ */

/* A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(const char *s)
{
	if (!s || !*s)
		return 0;
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == 0;
}

static void csv_row(fw_buf *b, size_t n, const char *const *cells)
{
	for (size_t c = 0; c < n; c++) {
		if (c)
			fw_buf_putc(b, ',');
		fw_esc_csv(b, cells[c]);
	}
	fw_buf_puts(b, "\r\n");
}

/* nth: the row's place among the data rows written (for the comma) */
static void json_row(fw_buf *b, const fw_table *t, const char *const *cells,
		     size_t nth)
{
	fw_buf_puts(b, nth ? ",\n  {" : "\n  {");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fw_buf_puts(b, ", ");
		fw_esc_json(b, t->cols[c]);
		fw_buf_puts(b, ": ");
		if (cells[c] && t->numeric[c] && json_number(cells[c]))
			fw_buf_puts(b, cells[c]);
		else
			fw_esc_json(b, cells[c]);
	}
	fw_buf_putc(b, '}');
}

void fw_md_header(fw_buf *b, const fw_table *t, int md_flags)
{
	fw_buf_puts(b, "|");
	for (size_t c = 0; c < t->ncols; c++) {
		fw_buf_putc(b, ' ');
		fw_esc_md(b, t->cols[c], md_flags);
		fw_buf_puts(b, " |");
	}
	fw_buf_puts(b, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		fw_buf_puts(b, "---|");
	fw_buf_putc(b, '\n');
}

static void md_row(fw_buf *b, size_t n, int kind, const char *const *cells)
{
	fw_buf_puts(b, "|");
	for (size_t c = 0; c < n; c++) {
		fw_buf_putc(b, ' ');
		if (kind == FW_ROW_GROUP) {
			if (c == 0) {
				fw_buf_puts(b, "**");
				fw_esc_md(b, cells[0], FW_MD_TABLE | FW_MD_BR);
				fw_buf_puts(b, "**");
			}
		} else {
			fw_esc_md(b, cells[c], FW_MD_TABLE | FW_MD_BR);
		}
		fw_buf_puts(b, " |");
	}
	fw_buf_putc(b, '\n');
}

static void header(fw_buf *b, const fw_table *t, int format)
{
	if (format == FW_FMT_CSV)
		csv_row(b, t->ncols, (const char *const *)t->cols);
	else if (format == FW_FMT_JSON)
		fw_buf_puts(b, "[");
	else if (format == FW_FMT_MD)
		fw_md_header(b, t, FW_MD_TABLE | FW_MD_BR);
}

/* A row in a format that streams; nth as for json_row.  Returns 1 if the
 * row was written (group rows are not, but in Markdown). */
static int row(fw_buf *b, const fw_table *t, int format, int kind,
	       const char *const *cells, size_t nth)
{
	if (format == FW_FMT_MD) {
		md_row(b, t->ncols, kind, cells);
		return kind == FW_ROW_DATA;
	}
	if (kind != FW_ROW_DATA)
		return 0;
	if (format == FW_FMT_CSV)
		csv_row(b, t->ncols, cells);
	else
		json_row(b, t, cells, nth);
	return 1;
}

static void trailer(fw_buf *b, int format, size_t rows)
{
	if (format == FW_FMT_JSON)
		fw_buf_puts(b, rows ? "\n]\n" : "]\n");
}

/* ---- aligned text -------------------------------------------------------- */

/* Display width in code points. */
static size_t width(const char *s)
{
	return s ? (size_t)fw_utf8_count(s, strlen(s)) : 0;
}

/* A cell with newlines and tabs shown as spaces, padded to w. */
static void text_cell(fw_buf *b, const char *s, size_t w, int pad)
{
	size_t n = 0;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		/* a control character (C0, DEL, C1) never reaches the
		 * terminal: a name holding ESC [ 2 J must not clear it */
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9F) {
			fw_buf_putc(b, '?');
			s++;
			n++;
			continue;
		}
		fw_buf_putc(b, c == '\n' || c == '\t'  ? ' '
			       : c < 0x20 || c == 0x7F ? '?'
						       : *s);
		if ((c & 0xC0) != 0x80)
			n++;
	}
	if (pad)
		for (; n < w; n++)
			fw_buf_putc(b, ' ');
}

static void text_line(fw_buf *b, size_t nc, const char *const *cells,
		      const size_t *w)
{
	for (size_t c = 0; c < nc; c++) {
		text_cell(b, cells[c], w[c], c + 1 < nc);
		if (c + 1 < nc)
			fw_buf_puts(b, "  ");
	}
	fw_buf_rtrim(b);
	fw_buf_putc(b, '\n');
}

static void text_table(fw_buf *b, const fw_table *t)
{
	size_t nc = t->ncols;
	size_t *w = fw_xcalloc(nc, sizeof *w);
	for (size_t c = 0; c < nc; c++)
		w[c] = width(t->cols[c]);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < nc; c++)
			if (t->kinds[r] == FW_ROW_DATA &&
			    width(t->rows[r][c]) > w[c])
				w[c] = width(t->rows[r][c]);
	text_line(b, nc, (const char *const *)t->cols, w);
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->kinds[r] == FW_ROW_GROUP) {
			fw_buf_puts(b, "-- ");
			text_cell(b, t->rows[r][0], 0, 0);
			fw_buf_puts(b, " --\n");
			continue;
		}
		text_line(b, nc, (const char *const *)t->rows[r], w);
	}
	free(w);
}

/* ---- tables -------------------------------------------------------------- */

static void sink_put(fw_sink *s, const fw_buf *b)
{
	if (b->len && fwrite(b->ptr, 1, b->len, s->fp) != b->len)
		s->failed = 1;
}

fw_table *fw_table_new_sink(fw_sink *sink, size_t ncols,
			    const char *const *names)
{
	fw_table *t = fw_xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->cols = fw_xcalloc(ncols, sizeof *t->cols);
	t->numeric = fw_xcalloc(ncols, 1);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = fw_xstrdup(names[i] ? names[i] : "");
	if (sink && fw_format_streams(sink->format)) {
		t->sink = sink;
		fw_buf b;
		fw_buf_init(&b);
		header(&b, t, sink->format);
		sink_put(sink, &b);
		fw_buf_dispose(&b);
	}
	return t;
}

fw_table *fw_table_new(size_t ncols, const char *const *names)
{
	return fw_table_new_sink(NULL, ncols, names);
}

void fw_table_numeric(fw_table *t, size_t col)
{
	if (col < t->ncols)
		t->numeric[col] = 1;
}

void fw_table_add(fw_table *t, int kind, const char *const *cells)
{
	if (t->sink) {
		fw_buf b;
		fw_buf_init(&b);
		t->sink->rows += (size_t)row(&b, t, t->sink->format, kind,
					     cells, t->sink->rows);
		sink_put(t->sink, &b);
		fw_buf_dispose(&b);
		return;
	}
	if (t->nrows == t->cap) {
		size_t cap = t->cap;
		t->rows = fw_xgrow(t->rows, &cap, t->nrows + 1, sizeof *t->rows,
				   16);
		t->kinds = fw_xrealloc(t->kinds, cap * sizeof *t->kinds);
		t->cap = cap;
	}
	char **r = fw_xcalloc(t->ncols, sizeof *r);
	for (size_t i = 0; i < t->ncols; i++)
		r[i] = cells[i] ? fw_xstrdup(cells[i]) : NULL;
	t->rows[t->nrows] = r;
	t->kinds[t->nrows] = kind;
	t->nrows++;
}

const char *fw_table_cell(const fw_table *t, size_t r, size_t c)
{
	if (r >= t->nrows || c >= t->ncols || !t->rows[r][c])
		return "";
	return t->rows[r][c];
}

int fw_table_end(fw_table *t)
{
	if (!t->sink || t->ended)
		return t->sink && t->sink->failed ? FW_EIO : 0;
	t->ended = 1;
	fw_buf b;
	fw_buf_init(&b);
	trailer(&b, t->sink->format, t->sink->rows);
	sink_put(t->sink, &b);
	fw_buf_dispose(&b);
	if (fflush(t->sink->fp))
		t->sink->failed = 1;
	return t->sink->failed ? FW_EIO : 0;
}

void fw_table_free(fw_table *t)
{
	if (!t)
		return;
	fw_table_end(t);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	fw_strv_free(t->cols, t->ncols);
	free(t->numeric);
	free(t->rows);
	free(t->kinds);
	free(t);
}

int fw_table_write(fw_table *t, int format, FILE *fp)
{
	if (t->sink)
		return fw_table_end(t);
	fw_buf b;
	fw_buf_init(&b);
	if (format == FW_FMT_TEXT) {
		text_table(&b, t);
	} else {
		size_t n = 0;
		header(&b, t, format);
		for (size_t r = 0; r < t->nrows; r++)
			n += (size_t)row(&b, t, format, t->kinds[r],
					 (const char *const *)t->rows[r], n);
		trailer(&b, format, n);
	}
	size_t wr = b.len ? fwrite(b.ptr, 1, b.len, fp) : 0;
	int bad = wr != b.len;
	fw_buf_dispose(&b);
	return bad ? FW_EIO : 0;
}
