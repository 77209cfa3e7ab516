/*
 * csv.c: RFC 4180 CSV reading (quoted fields, doubled quotes, embedded
 * commas and newlines, CRLF, a leading BOM) and table output in the formats
 * charter offers for listings: aligned text, CSV, JSON and Markdown.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct fw_csv {
	char *owned;
	const char *p, *end;
	int line;
	char label[512];
	fw_buf field;
	char **fields;
	size_t nfields, cap;
	size_t *offs;
};

static void csv_init(fw_csv *c, const char *data, size_t len, const char *label)
{
	c->p = data;
	c->end = data + len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	c->line = 1;
	snprintf(c->label, sizeof c->label, "%s", label ? label : "");
	fw_buf_init(&c->field);
}

int fw_csv_open_mem(fw_csv **out, const char *data, size_t len,
		    const char *label, fw_error *err)
{
	(void)err;
	fw_csv *c = fw_xcalloc(1, sizeof *c);
	csv_init(c, data, len, label);
	*out = c;
	return 0;
}

int fw_csv_open(fw_csv **out, const char *path, fw_error *err)
{
	char *data;
	size_t len;
	*out = NULL;
	int rc = fw_file_read(path, FW_MAX_FILE, &data, &len, err);
	if (rc)
		return rc;
	size_t bad;
	if (!fw_utf8_valid(data, len, &bad)) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		free(data);
		return fw_error_set(
			err, FW_EPARSE, path, line,
			"invalid UTF-8 at byte offset %zu (save the "
			"sheet as CSV UTF-8)",
			bad);
	}
	fw_csv *c = fw_xcalloc(1, sizeof *c);
	c->owned = data;
	csv_init(c, data, len, path);
	*out = c;
	return 0;
}

int fw_csv_next(fw_csv *c, char ***fields, size_t *n, int *line, fw_error *err)
{
	/* skip blank lines between records */
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return 0;
	*line = c->line;
	fw_buf_dispose(&c->field);
	fw_buf_init(&c->field);
	size_t nf = 0;
	free(c->offs);
	size_t ocap = 16;
	c->offs = fw_xmalloc(ocap * sizeof *c->offs);
	for (;;) {
		if (nf == ocap) {
			ocap *= 2;
			c->offs = fw_xrealloc(c->offs, ocap * sizeof *c->offs);
		}
		c->offs[nf++] = c->field.len;
		if (c->p < c->end && *c->p == '"') {
			int qline = c->line;
			c->p++;
			for (;;) {
				if (c->p >= c->end)
					return fw_error_set(
						err, FW_EPARSE, c->label, qline,
						"quoted field is never closed");
				if (*c->p == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						fw_buf_putc(&c->field, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\r' && c->p + 1 < c->end &&
				    c->p[1] == '\n') {
					c->p++;
					continue;
				}
				if (*c->p == '\n')
					c->line++;
				fw_buf_putc(&c->field, *c->p++);
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    *c->p != '\r')
				return fw_error_set(
					err, FW_EPARSE, c->label, c->line,
					"unexpected text after a closing quote "
					"in field %zu",
					nf);
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			       *c->p != '\r')
				fw_buf_putc(&c->field, *c->p++);
		}
		fw_buf_putc(&c->field, 0);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n') {
			c->p++;
			c->line++;
		}
		break;
	}
	if (nf > c->cap) {
		c->cap = nf;
		c->fields = fw_xrealloc(c->fields, nf * sizeof *c->fields);
	}
	for (size_t i = 0; i < nf; i++)
		c->fields[i] = c->field.ptr + c->offs[i];
	c->nfields = nf;
	*fields = c->fields;
	*n = nf;
	return 1;
}

void fw_csv_free(fw_csv *c)
{
	if (!c)
		return;
	free(c->owned);
	fw_buf_dispose(&c->field);
	free(c->fields);
	free(c->offs);
	free(c);
}

/* ---- table output -------------------------------------------------------- */

int fw_format_parse(const char *s)
{
	if (!strcmp(s, "text"))
		return FW_FMT_TEXT;
	if (!strcmp(s, "csv"))
		return FW_FMT_CSV;
	if (!strcmp(s, "json"))
		return FW_FMT_JSON;
	if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		return FW_FMT_MD;
	return -1;
}

void fw_csv_quote(fw_buf *b, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n\r")) {
		fw_buf_puts(b, s);
		return;
	}
	fw_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			fw_buf_putc(b, '"');
		fw_buf_putc(b, *s);
	}
	fw_buf_putc(b, '"');
}

static void json_str(fw_buf *b, const char *s)
{
	fw_buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': fw_buf_puts(b, "\\\""); break;
		case '\\': fw_buf_puts(b, "\\\\"); break;
		case '\n': fw_buf_puts(b, "\\n"); break;
		case '\t': fw_buf_puts(b, "\\t"); break;
		case '\r': fw_buf_puts(b, "\\r"); break;
		default:
			if (c < 0x20)
				fw_buf_printf(b, "\\u%04x", c);
			else
				fw_buf_putc(b, (int)c);
		}
	}
	fw_buf_putc(b, '"');
}

/* Markdown cell: pipes escaped, newlines as <br>. */
static void md_cell(fw_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fw_buf_puts(b, "\\|");
		else if (*s == '\n')
			fw_buf_puts(b, "<br>");
		else
			fw_buf_putc(b, *s);
	}
}

/* Display width in code points, newlines shown as spaces. */
static size_t width(const char *s)
{
	return s ? (size_t)fw_utf8_count(s, strlen(s)) : 0;
}

static void text_cell(fw_buf *b, const char *s, size_t w, int pad)
{
	size_t n = 0;
	for (; s && *s; s++) {
		fw_buf_putc(b, *s == '\n' || *s == '\t' ? ' ' : *s);
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	}
	if (pad)
		for (; n < w; n++)
			fw_buf_putc(b, ' ');
}

void fw_table_sink_start(fw_table *t)
{
	fw_buf b;
	fw_buf_init(&b);
	if (t->sink_format == FW_FMT_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fw_buf_putc(&b, ',');
			fw_csv_quote(&b, t->cols[c]);
		}
		fw_buf_puts(&b, "\r\n");
	} else {
		fw_buf_puts(&b, "[");
	}
	fwrite(b.ptr, 1, b.len, t->sink);
	fw_buf_dispose(&b);
}

void fw_table_sink_row(fw_table *t, const char *const *cells)
{
	fw_buf b;
	fw_buf_init(&b);
	if (t->sink_format == FW_FMT_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fw_buf_putc(&b, ',');
			fw_csv_quote(&b, cells[c]);
		}
		fw_buf_puts(&b, "\r\n");
	} else {
		fw_buf_puts(&b, t->streamed ? ",\n  {" : "\n  {");
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fw_buf_puts(&b, ", ");
			json_str(&b, t->cols[c]);
			fw_buf_puts(&b, ": ");
			if (cells[c])
				json_str(&b, cells[c]);
			else
				fw_buf_puts(&b, "null");
		}
		fw_buf_putc(&b, '}');
	}
	fwrite(b.ptr, 1, b.len, t->sink);
	fw_buf_dispose(&b);
	t->streamed++;
}

void fw_table_sink_end(fw_table *t)
{
	if (t->sink_format != FW_FMT_CSV)
		fputs(t->streamed ? "\n]\n" : "]\n", t->sink);
	fflush(t->sink);
	t->sink = NULL;
}

int fw_table_write(const fw_table *t, int format, FILE *fp)
{
	if (t->sink)
		return 0; /* already written, row by row */
	fw_buf b;
	fw_buf_init(&b);
	size_t nc = t->ncols;
	if (format == FW_FMT_CSV) {
		for (size_t c = 0; c < nc; c++) {
			if (c)
				fw_buf_putc(&b, ',');
			fw_csv_quote(&b, t->cols[c]);
		}
		fw_buf_puts(&b, "\r\n");
		for (size_t r = 0; r < t->nrows; r++) {
			if (t->kinds[r] == FW_ROW_GROUP)
				continue;
			for (size_t c = 0; c < nc; c++) {
				if (c)
					fw_buf_putc(&b, ',');
				fw_csv_quote(&b, t->rows[r][c]);
			}
			fw_buf_puts(&b, "\r\n");
		}
	} else if (format == FW_FMT_JSON) {
		fw_buf_puts(&b, "[");
		int first = 1;
		for (size_t r = 0; r < t->nrows; r++) {
			if (t->kinds[r] == FW_ROW_GROUP)
				continue;
			fw_buf_puts(&b, first ? "\n  {" : ",\n  {");
			first = 0;
			for (size_t c = 0; c < nc; c++) {
				if (c)
					fw_buf_puts(&b, ", ");
				json_str(&b, t->cols[c]);
				fw_buf_puts(&b, ": ");
				if (t->rows[r][c])
					json_str(&b, t->rows[r][c]);
				else
					fw_buf_puts(&b, "null");
			}
			fw_buf_putc(&b, '}');
		}
		fw_buf_puts(&b, first ? "]\n" : "\n]\n");
	} else if (format == FW_FMT_MD) {
		fw_buf_puts(&b, "|");
		for (size_t c = 0; c < nc; c++) {
			fw_buf_putc(&b, ' ');
			md_cell(&b, t->cols[c]);
			fw_buf_puts(&b, " |");
		}
		fw_buf_puts(&b, "\n|");
		for (size_t c = 0; c < nc; c++)
			fw_buf_puts(&b, "---|");
		fw_buf_putc(&b, '\n');
		for (size_t r = 0; r < t->nrows; r++) {
			fw_buf_puts(&b, "|");
			for (size_t c = 0; c < nc; c++) {
				fw_buf_putc(&b, ' ');
				if (t->kinds[r] == FW_ROW_GROUP) {
					if (c == 0) {
						fw_buf_puts(&b, "**");
						md_cell(&b, t->rows[r][0]);
						fw_buf_puts(&b, "**");
					}
				} else {
					md_cell(&b, t->rows[r][c]);
				}
				fw_buf_puts(&b, " |");
			}
			fw_buf_putc(&b, '\n');
		}
	} else {
		size_t *w = fw_xcalloc(nc, sizeof *w);
		for (size_t c = 0; c < nc; c++)
			w[c] = width(t->cols[c]);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < nc; c++)
				if (t->kinds[r] == FW_ROW_DATA &&
				    width(t->rows[r][c]) > w[c])
					w[c] = width(t->rows[r][c]);
		for (size_t c = 0; c < nc; c++) {
			text_cell(&b, t->cols[c], w[c], c + 1 < nc);
			if (c + 1 < nc)
				fw_buf_puts(&b, "  ");
		}
		fw_buf_putc(&b, '\n');
		for (size_t r = 0; r < t->nrows; r++) {
			if (t->kinds[r] == FW_ROW_GROUP) {
				fw_buf_puts(&b, "-- ");
				text_cell(&b, t->rows[r][0], 0, 0);
				fw_buf_puts(&b, " --\n");
				continue;
			}
			for (size_t c = 0; c < nc; c++) {
				text_cell(&b, t->rows[r][c], w[c], c + 1 < nc);
				if (c + 1 < nc)
					fw_buf_puts(&b, "  ");
			}
			/* trim trailing spaces */
			while (b.len && b.ptr[b.len - 1] == ' ')
				b.ptr[--b.len] = 0;
			fw_buf_putc(&b, '\n');
		}
		free(w);
	}
	size_t wr = b.len ? fwrite(b.ptr, 1, b.len, fp) : 0;
	int bad = wr != b.len;
	fw_buf_dispose(&b);
	return bad ? FW_EIO : 0;
}
