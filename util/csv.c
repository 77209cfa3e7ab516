/*
 * csv.c: the RFC 4180 reader behind classification sheets, summaries,
 * name lists and chart round trips.
 */
#include "csv.h"
#include "alias.h"
#include "alloc.h"
#include "buf.h"
#include "fileio.h"
#include "utf8.h"

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
	size_t ocap;
};

static fw_csv *csv_new(const char *data, size_t len, const char *label)
{
	fw_csv *c = fw_xcalloc(1, sizeof *c);
	c->p = data;
	c->end = data + len;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	c->line = 1;
	snprintf(c->label, sizeof c->label, "%s", label ? label : "");
	fw_buf_init(&c->field);
	return c;
}

/* A NUL byte would end a field early, and what follows would be lost
 * without a word: refused, with its line. */
static int nul_refused(const char *data, size_t len, const char *label,
		       fw_error *err)
{
	const char *z = memchr(data, 0, len);
	if (!z)
		return 0;
	int line = 1;
	for (const char *c = data; c < z; c++)
		line += *c == '\n';
	return fw_error_set(err, FW_EPARSE, label, line,
			    "a NUL byte at byte offset %zu: not a text CSV "
			    "(save the sheet as CSV UTF-8)",
			    (size_t)(z - data));
}

int fw_csv_open_mem(fw_csv **out, const char *data, size_t len,
		    const char *label, fw_error *err)
{
	*out = NULL;
	int rc = nul_refused(data, len, label, err);
	if (rc)
		return rc;
	*out = csv_new(data, len, label);
	return 0;
}

int fw_csv_open(fw_csv **out, const char *path, fw_error *err)
{
	char *data;
	size_t len, bad;
	*out = NULL;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err);
	if (rc)
		return rc;
	if ((rc = nul_refused(data, len, path, err))) {
		free(data);
		return rc;
	}
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
	fw_csv *c = csv_new(data, len, path);
	c->owned = data;
	*out = c;
	return 0;
}

/* A quoted field, from the opening quote. */
static int quoted(fw_csv *c, size_t nf, fw_error *err)
{
	int qline = c->line;
	c->p++;
	for (;;) {
		if (c->p >= c->end)
			return fw_error_set(err, FW_EPARSE, c->label, qline,
					    "quoted field is never closed");
		if (*c->p == '"') {
			if (c->p + 1 < c->end && c->p[1] == '"') {
				fw_buf_putc(&c->field, '"');
				c->p += 2;
				continue;
			}
			c->p++;
			break;
		}
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') {
			c->p++;
			continue;
		}
		if (*c->p == '\n')
			c->line++;
		fw_buf_putc(&c->field, *c->p++);
	}
	if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
		return fw_error_set(err, FW_EPARSE, c->label, c->line,
				    "unexpected text after a closing quote "
				    "in field %zu",
				    nf);
	return 0;
}

int fw_csv_next(char ***fields, size_t *n, int *line, fw_csv *c, fw_error *err)
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
	fw_buf_clear(&c->field);
	size_t nf = 0;
	for (;;) {
		c->offs = fw_xgrow(c->offs, &c->ocap, nf + 1, sizeof *c->offs,
				   16);
		c->offs[nf++] = c->field.len;
		if (c->p < c->end && *c->p == '"') {
			int rc = quoted(c, nf, err);
			if (rc)
				return rc;
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
	c->fields = fw_xgrow(c->fields, &c->cap, nf, sizeof *c->fields, 16);
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

int fw_csv_open_header(fw_csv **out, const char *path, const char *expect,
		       const char *const *names, int n, int *idx, char ***head,
		       size_t *ncols, fw_error *err)
{
	int rc = fw_csv_open(out, path, err);
	if (rc)
		return rc;
	char **f;
	int line;
	rc = fw_csv_next(&f, ncols, &line, *out, err);
	if (rc == 0)
		rc = fw_error_set(err, FW_EPARSE, path, 1,
				  "empty file: expected a header row %s",
				  expect);
	if (rc < 0) {
		fw_csv_free(*out);
		*out = NULL;
		return rc;
	}
	for (int k = 0; k < n; k++)
		idx[k] = -1;
	for (size_t i = *ncols; i-- > 0;) {
		size_t l = strlen(f[i]);
		while (l && (f[i][l - 1] == ' ' || f[i][l - 1] == '\t'))
			l--;
		int k = fw_alias_findn(names, n, f[i], l);
		if (k >= 0)
			idx[k] = (int)i; /* right to left: the first wins */
	}
	if (head)
		*head = f;
	return 0;
}
