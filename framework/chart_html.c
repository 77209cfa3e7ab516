/*
 * chart_html.c: charts and transcripts as HTML.  A chart page is the
 * theme's table with each line reference a link to the transcript page at
 * that line; a transcript page shows every line with its number, the
 * speaker's turns, and a stripe per code coding the line (in the code's
 * colour, named on hover).  Pages are self-contained: one small style
 * sheet inline, no scripts.
 */
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fw/chart.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "htmlpage.h"
#include "lines.h"
#include "table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A file name for a source's page. */
void fw_source_page(char *out, size_t n, const char *src)
{
	size_t k = 0;
	for (const char *p = src; *p && k + 6 < n; p++)
		out[k++] = isalnum((unsigned char)*p) || *p == '.' ||
					   *p == '-' || *p == '_'
				   ? *p
				   : '_';
	snprintf(out + k, n - k, ".html");
}

/* Cell text with every line reference turned into a link. */
static void linked(fw_buf *b, const char *s, const char *page)
{
	fw_lref_hit h;
	const char *p = s;
	while (page && fw_lref_scan(&h, s, p)) {
		char *run = fw_xstrndup(p, (size_t)(h.start - p));
		fw_esc_xml(b, run);
		free(run);
		fw_buf_printf(b, "<a href=\"sources/%s#L%d\">", page, h.a);
		char *ref = fw_xstrndup(h.start, (size_t)(h.end - h.start));
		fw_esc_xml(b, ref);
		free(ref);
		fw_buf_puts(b, "</a>");
		p = h.end;
	}
	fw_esc_xml(b, p);
}

int fw_chart_html(fw_buf *out, fw_project *p, const char *theme,
		  const fw_chart_opts *o, fw_error *err)
{
	fw_table *t;
	int rc = fw_chart_build(&t, p, theme, o, err);
	if (rc)
		return rc;
	char tname[400] = "";
	sqlite3_stmt *st;
	if (!fw_query(&st, p, NULL, "SELECT name FROM code WHERE number=?", "t",
		      theme)) {
		if (fw_row(p, st))
			snprintf(tname, sizeof tname, "%s",
				 sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	/* the first source of each case, for the links */
	sqlite3_stmt *src = NULL;
	fw_prepare(p, &src,
		   "SELECT s.name FROM case_source x JOIN source s ON "
		   "s.id=x.source_id JOIN \"case\" c ON c.id=x.case_id WHERE "
		   "c.name=? ORDER BY s.name LIMIT 1",
		   NULL);
	char title[600];
	snprintf(title, sizeof title, "Chart %s: %s", theme, tname);
	fw_html_open(out, FW_PAGE_CHART, title);
	fw_buf_printf(out, "<h1>Chart %s: ", theme);
	fw_esc_xml(out, tname);
	fw_buf_puts(out, "</h1>\n<table class=\"chart\">\n<tr>");
	/* the group column repeats the group rows' headings: left out */
	for (size_t c = 0; c < t->ncols; c++) {
		if (c == 1)
			continue;
		fw_buf_puts(out, "<th>");
		fw_esc_xml(out, t->cols[c]);
		fw_buf_puts(out, "</th>");
	}
	fw_buf_puts(out, "</tr>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->kinds[r] == FW_ROW_GROUP) {
			fw_buf_printf(
				out, "<tr class=\"group\"><td colspan=\"%zu\">",
				t->ncols - 1);
			fw_esc_xml(out, t->rows[r][0]);
			fw_buf_puts(out, "</td></tr>\n");
			continue;
		}
		char page[300] = "";
		if (src) {
			sqlite3_reset(src);
			sqlite3_bind_text(src, 1, t->rows[r][0], -1,
					  SQLITE_TRANSIENT);
			if (fw_row(p, src))
				fw_source_page(
					page, sizeof page,
					(const char *)sqlite3_column_text(src,
									  0));
		}
		fw_buf_puts(out, "<tr><td class=\"case\">");
		fw_esc_xml(out, t->rows[r][0]);
		fw_buf_puts(out, "</td>");
		for (size_t c = 2; c < t->ncols; c++) {
			const char *v = t->rows[r][c] ? t->rows[r][c] : "";
			int refs_only =
				c >= 2 && *v == 'L' && !strchr(v, ' ') ? 1 : 0;
			if (c >= 2 && *v == 'L') {
				/* "L5, L7": only references */
				refs_only = 1;
				for (const char *q = v; *q; q++)
					if (isalpha((unsigned char)*q) &&
					    *q != 'L')
						refs_only = 0;
			}
			int draft = !strncmp(v, "(draft) ", 8);
			fw_buf_printf(out, "<td%s>",
				      refs_only ? " class=\"refs\""
				      : draft   ? " class=\"draft\""
						: "");
			if (c >= 2)
				linked(out, v, page[0] ? page : NULL);
			else
				fw_esc_xml(out, v);
			fw_buf_puts(out, "</td>");
		}
		fw_buf_puts(out, "</tr>\n");
	}
	fw_buf_puts(
		out,
		"</table>\n<p>Cells hold the researcher's summary; "
		"where there is none, the lines coded to the sub-theme. "
		"Every reference opens the transcript at that line; * marks "
		"a passage worth quoting.</p>\n");
	fw_html_close(out);
	sqlite3_finalize(src);
	fw_table_free(t);
	return fw_rows_ok(p, err);
}

int fw_source_html(fw_buf *out, char *page, size_t page_len, fw_project *p,
		   const char *name, fw_error *err)
{
	fw_source_page(page, page_len, name);
	return fw_source_html_with(out, p, name, NULL, err);
}

int fw_source_html_with(fw_buf *out, fw_project *p, const char *name,
			const fw_source_html_opts *o, fw_error *err)
{
	static const fw_source_html_opts plain;
	if (!o)
		o = &plain;
	const char *title = o->title ? o->title : name;
	sqlite3_stmt *st;
	int rc =
		fw_query(&st, p, err,
			 "SELECT id, text FROM source WHERE name=?", "t", name);
	if (rc)
		return rc;
	if (!fw_row(p, st)) {
		sqlite3_finalize(st);
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "no source '%s'", name);
	}
	long long sid = sqlite3_column_int64(st, 0);
	char *text = fw_xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	fw_lines li;
	size_t len = strlen(text);
	fw_lines_build(&li, text, len);
	/* codes per line: number, name, colour */
	typedef struct mark {
		char num[32];
		char color[16];
		char name[120];
	} mark;
	mark **per = fw_xcalloc((size_t)li.n + 1, sizeof *per);
	int *nper = fw_xcalloc((size_t)li.n + 1, sizeof *nper);
	if (!fw_query(
		    &st, p, NULL,
		    "SELECT g.line_start, g.line_end, k.number, k.name, "
		    "coalesce(k.color, t.color, '#888888') FROM counted g JOIN "
		    "code k ON k.id=g.code_id LEFT JOIN code t ON "
		    "t.id=k.parent_id WHERE g.source_id=? ORDER BY k.sort",
		    "i", (long long)sid)) {
		while (fw_row(p, st)) {
			int a = sqlite3_column_int(st, 0),
			    b = sqlite3_column_int(st, 1);
			for (int l = a; l <= b && l <= li.n; l++) {
				if (l < 1)
					continue;
				int dup = 0;
				for (int k = 0; k < nper[l]; k++)
					dup |= !strcmp(
						per[l][k].num,
						(const char *)
							sqlite3_column_text(st,
									    2));
				if (dup || nper[l] >= 12)
					continue;
				per[l] = fw_xrealloc(per[l],
						     (size_t)(nper[l] + 1) *
							     sizeof **per);
				mark *m = &per[l][nper[l]++];
				snprintf(m->num, sizeof m->num, "%s",
					 sqlite3_column_text(st, 2));
				snprintf(m->name, sizeof m->name, "%s",
					 sqlite3_column_text(st, 3));
				snprintf(m->color, sizeof m->color, "%s",
					 sqlite3_column_text(st, 4));
			}
		}
		sqlite3_finalize(st);
	}
	fw_html_open(out, FW_PAGE_CHART, title);
	fw_buf_puts(out, "<h1>");
	fw_esc_xml(out, title);
	fw_buf_puts(out, "</h1>\n<table class=\"src\">\n");
	for (int l = 1; l <= li.n; l++) {
		size_t a = li.start[l - 1];
		size_t b = l < li.n ? li.start[l] - 1 : len;
		if (b > a && text[b - 1] == '\n')
			b--;
		fw_buf_printf(
			out,
			"<tr id=\"L%d\"><td class=\"n\">%d</td><td class=\"k\">",
			l, l);
		for (int k = 0; k < nper[l]; k++) {
			fw_buf_printf(
				out,
				"<span class=\"s\" style=\"background:%s\" title=\"",
				per[l][k].color[0] == '#' ? per[l][k].color
							  : "#888");
			fw_esc_xml(out, per[l][k].num);
			fw_buf_putc(out, ' ');
			fw_esc_xml(out, per[l][k].name);
			fw_buf_puts(out, "\"></span>");
		}
		fw_buf_puts(out, "</td><td class=\"t\">");
		char *line = fw_xstrndup(text + a, b - a);
		if (o->filter) {
			char *f = o->filter(o->ctx, line);
			free(line);
			line = f;
		}
		fw_esc_xml(out, line);
		free(line);
		fw_buf_puts(out, "</td></tr>\n");
	}
	fw_buf_puts(out, "</table>\n");
	fw_html_close(out);
	for (int l = 0; l <= li.n; l++)
		free(per[l]);
	free(per);
	free(nper);
	fw_lines_dispose(&li);
	free(text);
	return fw_rows_ok(p, err);
}
