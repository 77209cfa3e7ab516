/*
 * errors.c: errors and the diagnostics list.
 */
#include "errors.h"
#include "alloc.h"
#include "buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int fw_error_set(fw_error *err, int code, const char *file, int line,
		 const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		err->line = line;
		err->col = 0;
		snprintf(err->file, sizeof err->file, "%s", file ? file : "");
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void fw_error_clear(fw_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

/* "file:line: msg", "file: msg" or "msg". */
static void where_what(char *buf, size_t n, const char *file, int line,
		       const char *msg)
{
	if (file && file[0] && line > 0)
		snprintf(buf, n, "%s:%d: %s", file, line, msg);
	else if (file && file[0])
		snprintf(buf, n, "%s: %s", file, msg);
	else
		snprintf(buf, n, "%s", msg);
}

void fw_error_format(char *buf, size_t n, const fw_error *err)
{
	where_what(buf, n, err->file, err->line,
		   err->msg[0] ? err->msg : "failed");
}

void fw_term_put(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c == 0x1B)
			fputs("\\e", fp);
		else if ((c < 0x20 && c != '\t') || c == 0x7F)
			fprintf(fp, "\\x%02X", c);
		else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
			 (unsigned char)s[1] <= 0x9F)
			fprintf(fp, "\\u%04X", (unsigned char)*++s);
		else
			fputc(c, fp);
	}
}

void fw_error_print(const fw_error *err, FILE *fp)
{
	char buf[1600];
	fw_error_format(buf, sizeof buf, err);
	fputs("charter: ", fp);
	fw_term_put(fp, buf);
	fputc('\n', fp);
}

void fw_diags_init(fw_diags *d)
{
	memset(d, 0, sizeof *d);
}

void fw_diags_add(fw_diags *d, int severity, const char *file, int line,
		  const char *fmt, ...)
{
	if (!d)
		return;
	fw_buf msg;
	fw_buf_init(&msg);
	va_list ap;
	va_start(ap, fmt);
	fw_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	d->v = fw_xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v, 8);
	fw_diag *g = &d->v[d->n++];
	g->severity = severity;
	g->file = file && *file ? fw_xstrdup(file) : NULL;
	g->line = line;
	g->col = 0;
	g->msg = msg.ptr ? msg.ptr : fw_xstrdup("");
}

void fw_diags_append(fw_diags *to, const fw_diags *from, const char *file)
{
	for (size_t i = 0; to && i < from->n; i++) {
		const fw_diag *g = &from->v[i];
		fw_diags_add(to, g->severity, g->file ? g->file : file, g->line,
			     "%s", g->msg);
	}
}

size_t fw_diags_count(const fw_diags *d, int severity)
{
	size_t k = 0;
	for (size_t i = 0; d && i < d->n; i++)
		k += d->v[i].severity == severity;
	return k;
}

void fw_diag_format(char *buf, size_t n, const fw_diag *g)
{
	where_what(buf, n, g->file, g->line, g->msg);
}

void fw_diags_print(const fw_diags *d, FILE *fp)
{
	for (size_t i = 0; d && i < d->n; i++) {
		const fw_diag *g = &d->v[i];
		fprintf(fp, "charter: %s: ",
			g->severity >= FW_DIAG_WARNING ? "warning" : "note");
		fw_term_put(fp, g->file);
		if (g->file && g->line > 0)
			fprintf(fp, ":%d", g->line);
		if (g->file)
			fputs(": ", fp);
		/* a message may hold its own line breaks (a list): kept, the
		 * rest of what is not text escaped */
		for (const char *m = g->msg; *m;) {
			size_t k = strcspn(m, "\n");
			char part[1200];
			snprintf(part, sizeof part, "%.*s", (int)k, m);
			fw_term_put(fp, part);
			if (!m[k])
				break;
			fputc('\n', fp);
			m += k + 1;
		}
		fputc('\n', fp);
	}
}

void fw_diags_dispose(fw_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	fw_diags_init(d);
}

int fw_name_check(const char *s, size_t max, const char *bad, const char *what,
		  fw_error *err)
{
	if (s && *s && strlen(s) <= max && !strpbrk(s, "\n\r\t") &&
	    !(bad && *bad && strpbrk(s, bad)))
		return 0;
	return fw_error_set(err, FW_EINVAL, NULL, 0,
			    "%s's name is one line of at most %zu bytes%s%s%s",
			    what, max, bad && *bad ? ", without '" : "",
			    bad && *bad ? bad : "", bad && *bad ? "'" : "");
}
