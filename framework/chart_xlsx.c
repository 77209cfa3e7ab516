/*
 * chart_xlsx.c: charts written for a spreadsheet.  Researchers often chart
 * in Excel: `charter chart export --format xlsx` writes one worksheet per
 * main theme (frozen header row and case column, group header rows,
 * wrapped text), keeping the case and code GUIDs in a hidden column and a
 * hidden row, and a hidden sheet with a hash of what every cell held at
 * export; `--format csv` writes the same as a CSV of cells.  cell_xlsx.c
 * reads them back.
 *
 * Layout of a theme sheet (0-based rows and columns):
 *   row 0 (hidden)   A "charter:codes", then the sub-themes' code GUIDs
 *   row 1            A "case id", B "case", C the grouping attribute, then
 *                    "8.1 Name" per sub-theme
 *   rows 2..         a group header row (B only), or a case: A its GUID
 *                    (column A hidden), B name, C group, then the summaries;
 *                    a group row's agreement is the summary's last line,
 *                    "agreement: consensus".
 */
#include "case.h"
#include "chart.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/chart.h"
#include "fw/project.h"
#include "sha256.h"
#include "table.h"

#include <xlsxwriter.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What a cell held, as its snapshot keeps it: SHA-256 of the summary and
 * agreement. */
void fw_xlsx_cell_hash(const char *summary, const char *agreement, char out[65])
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, summary ? summary : "");
	fw_buf_putc(&b, 0x1f);
	fw_buf_puts(&b, agreement ? agreement : "");
	fw_sha256_hex(out, b.ptr ? b.ptr : "", b.len);
	fw_buf_dispose(&b);
}

/* A worksheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *number, const char *name, char *out,
		       size_t cap)
{
	char tmp[128];
	snprintf(tmp, sizeof tmp, "%s %s", number, name);
	size_t k = 0;
	for (const char *p = tmp; *p && k + 1 < cap && k < 31; p++) {
		unsigned char c = (unsigned char)*p;
		if (strchr("[]:*?/\\'", c))
			continue;
		if (c >= 0x80) {
			/* keep whole UTF-8 characters only */
			int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (k + (size_t)len > 31 || k + (size_t)len + 1 > cap)
				break;
			memcpy(out + k, p, (size_t)len);
			k += (size_t)len;
			p += len - 1;
			continue;
		}
		out[k++] = (char)c;
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = 0;
}

/* What writing one workbook needs: the formats, the statements, the cases
 * in chart order, and the snapshot of every cell as exported. */
typedef struct xlsx_out {
	fw_project *p;
	lxw_workbook *wb;
	lxw_format *head, *group, *body, *name, *draft;
	sqlite3_stmt *themes, *subs, *cell, *guid, *refs;
	const char *attr;
	const char *const *show;
	size_t nshow;
	lxw_col_t x0; /* the first sub-theme column */
	fw_chart_case *cases;
	size_t ncases;
	fw_buf snap; /* "case GUID \t code GUID \t hash \n" per cell */
} xlsx_out;

typedef struct xsub {
	long long id;
	char *number, *name, *guid;
} xsub;

static void xlsx_formats(xlsx_out *x)
{
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(x->head, 0xDCE6F1);
	format_set_border(x->head, LXW_BORDER_THIN);
	x->group = workbook_add_format(x->wb);
	format_set_bold(x->group);
	format_set_bg_color(x->group, 0xEDEDED);
	x->body = workbook_add_format(x->wb);
	format_set_text_wrap(x->body);
	format_set_align(x->body, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->body, LXW_BORDER_THIN);
	x->draft = workbook_add_format(x->wb);
	format_set_text_wrap(x->draft);
	format_set_align(x->draft, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->draft, LXW_BORDER_THIN);
	format_set_italic(x->draft);
	format_set_font_color(x->draft, 0x7F6000);
	format_set_bg_color(x->draft, 0xFFF4D6);
	x->name = workbook_add_format(x->wb);
	format_set_bold(x->name);
	format_set_align(x->name, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->name, LXW_BORDER_THIN);
}

static int xlsx_prepare(xlsx_out *x, fw_error *err)
{
	return FW_PREPARE_ALL(
		x->p, err,
		{&x->themes, "SELECT id, number, name FROM code WHERE "
			     "parent_id IS NULL ORDER BY sort, id"},
		{&x->subs, "SELECT id, number, name, guid FROM code WHERE "
			   "parent_id=? ORDER BY sort, id"},
		{&x->cell, "SELECT summary, agreement, draft FROM charted "
			   "WHERE case_id=? AND code_id=?"},
		/* what a cell's summary would rest on: the lines coded to
		 * the sub-theme (or below it) that count for the case */
		{&x->refs,
		 "SELECT DISTINCT s.name, g.line_start, g.line_end FROM counted "
		 "g JOIN counted_case x ON x.coding_id = g.id JOIN code k ON "
		 "k.id = g.code_id JOIN source s ON s.id = g.source_id WHERE "
		 "x.case_id = ?1 AND (k.id = ?2 OR k.number LIKE (SELECT "
		 "number FROM code WHERE id = ?2) || '.%') ORDER BY s.name, "
		 "g.line_start, g.line_end"},
		{&x->guid, "SELECT guid FROM \"case\" WHERE id=?"});
}

static void xsubs_free(xsub *sv, size_t ns)
{
	FW_FREE_FIELDS(sv, ns, xsub, offsetof(xsub, number),
		       offsetof(xsub, name), offsetof(xsub, guid));
}

/* The sub-themes of theme tid, in order. */
static xsub *xlsx_subs(xlsx_out *x, long long tid, size_t *ns)
{
	xsub *sv = NULL;
	*ns = 0;
	fw_rebind(x->subs, "i", (long long)tid);
	while (fw_row(x->p, x->subs)) {
		sv = fw_xrealloc(sv, (*ns + 1) * sizeof *sv);
		xsub *s = &sv[(*ns)++];
		s->id = sqlite3_column_int64(x->subs, 0);
		s->number = fw_xstrdup(
			(const char *)sqlite3_column_text(x->subs, 1));
		s->name = fw_xstrdup(
			(const char *)sqlite3_column_text(x->subs, 2));
		s->guid = fw_xstrdup(
			(const char *)sqlite3_column_text(x->subs, 3));
	}
	return sv;
}

/* A theme sheet's hidden GUID row, header row, widths, panes and printing. */
static void xlsx_sheet_head(xlsx_out *x, lxw_worksheet *ws, const xsub *sv,
			    size_t ns, const char *title)
{
	worksheet_write_string(ws, 0, 0, "charter:codes", NULL);
	worksheet_write_string(ws, 1, 0, "case id", x->head);
	worksheet_write_string(ws, 1, 1, "case", x->head);
	worksheet_write_string(ws, 1, 2, x->attr ? x->attr : "group", x->head);
	for (size_t k = 0; k < x->nshow; k++)
		worksheet_write_string(ws, 1, (lxw_col_t)(3 + k), x->show[k],
				       x->head);
	for (size_t k = 0; k < ns; k++) {
		char h[600];
		snprintf(h, sizeof h, "%s %s", sv[k].number, sv[k].name);
		worksheet_write_string(ws, 0, (lxw_col_t)(x->x0 + k),
				       sv[k].guid, NULL);
		worksheet_write_string(ws, 1, (lxw_col_t)(x->x0 + k), h,
				       x->head);
	}
	lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
	worksheet_set_row_opt(ws, 0, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
	worksheet_set_row(ws, 1, 32, NULL);
	worksheet_set_column_opt(ws, 0, 0, 38, NULL, &hidden);
	worksheet_set_column(ws, 1, 1, 12, NULL);
	worksheet_set_column(ws, 2, 2, 24, NULL);
	if (x->nshow)
		worksheet_set_column(ws, 3, (lxw_col_t)(x->x0 - 1), 16, NULL);
	if (ns)
		worksheet_set_column(ws, x->x0, (lxw_col_t)(x->x0 + ns - 1), 48,
				     NULL);
	worksheet_freeze_panes(ws, 2, 2);
	/* printing: landscape, A3, a page wide, headings repeated */
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 8);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 1, 1);
	worksheet_repeat_columns(ws, 1, 1);
	/* each page headed by the chart's title, numbered in the footer
	 * ('&' doubled: it starts a code there) */
	char hf[256] = "&C&\"Calibri,Bold\"";
	size_t k = strlen(hf);
	for (const char *q = title; *q && k + 3 < sizeof hf - 1; q++) {
		if (*q == '&')
			hf[k++] = '&';
		hf[k++] = *q;
	}
	hf[k] = 0;
	worksheet_set_header(ws, hf);
	worksheet_set_footer(ws, "&CPage &P of &N");
}

/* Column text of a statement's first result column, or "" if no row. */
static const char *first_text(fw_project *p, sqlite3_stmt *st)
{
	const char *v =
		fw_row(p, st) ? (const char *)sqlite3_column_text(st, 0) : NULL;
	return v ? v : "";
}

/* A note on an empty cell the case has codings for: "Coded, not yet
 * summarised: cl01.txt L12-14, L30". */
static void cell_refs(xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		      lxw_col_t col, long long case_id, long long code_id)
{
	fw_rebind(x->refs, "ii", case_id, code_id);
	fw_buf b;
	fw_buf_init(&b);
	const char *last = NULL;
	char *lastc = NULL;
	int n = 0;
	while (fw_row(x->p, x->refs) && b.len < 2000) {
		const char *src = (const char *)sqlite3_column_text(x->refs, 0);
		int a = sqlite3_column_int(x->refs, 1),
		    z = sqlite3_column_int(x->refs, 2);
		if (!n)
			fw_buf_puts(&b, "Coded, not yet summarised:");
		if (!last || strcmp(last, src)) {
			fw_buf_printf(&b, "%s %s", n ? ";" : "", src);
			free(lastc);
			lastc = fw_xstrdup(src);
			last = lastc;
		} else {
			fw_buf_putc(&b, ',');
		}
		if (z > a)
			fw_buf_printf(&b, " L%d-%d", a, z);
		else
			fw_buf_printf(&b, " L%d", a);
		n++;
	}
	free(lastc);
	if (n)
		worksheet_write_comment(ws, row, col, b.ptr);
	fw_buf_dispose(&b);
}

/* One summary cell (with its agreement line) and its snapshot line;
 * returns the length written. */
static size_t xlsx_cell(xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
			lxw_col_t col, long long case_id, const char *case_guid,
			const xsub *s)
{
	fw_rebind(x->cell, "ii", (long long)case_id, (long long)s->id);
	const char *sm = NULL, *ag = NULL;
	int draft = 0;
	if (fw_row(x->p, x->cell)) {
		sm = (const char *)sqlite3_column_text(x->cell, 0);
		ag = (const char *)sqlite3_column_text(x->cell, 1);
		draft = sqlite3_column_int(x->cell, 2);
	}
	fw_buf t;
	fw_buf_init(&t);
	if (sm && *sm) {
		fw_buf_puts(&t, sm);
		if (ag && *ag)
			fw_buf_printf(&t, FW_XLSX_AGREE "%s", ag);
	}
	if (t.len > 32000)
		t.ptr[t.len = 32000] = 0;
	if (t.len)
		worksheet_write_string(ws, row, col, t.ptr,
				       draft ? x->draft : x->body);
	else
		worksheet_write_blank(ws, row, col, x->body);
	/* notes beside the cell, not in it (what is in it is imported
	 * back): a draft says so; a coded cell with no summary yet lists
	 * the lines it would rest on */
	if (t.len && draft)
		worksheet_write_comment(ws, row, col,
					"Draft (charter chart summarise): "
					"edit it, or accept it with charter "
					"cell accept.");
	else if (!t.len)
		cell_refs(x, ws, row, col, case_id, s->id);
	size_t len = t.len;
	fw_buf_dispose(&t);
	/* the snapshot: case, code, what the cell held */
	char h[65];
	fw_xlsx_cell_hash(sm && *sm ? sm : NULL, sm && *sm ? ag : NULL, h);
	fw_buf_printf(&x->snap, "%s\t%s\t%s\n", case_guid, s->guid, h);
	return len;
}

/* One case's row: its GUID, name, group, shown attributes and summaries,
 * tall enough for its longest summary (44 characters a line). */
static void xlsx_case_row(xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
			  const fw_chart_case *c, const xsub *sv, size_t ns)
{
	const char *g = c->group ? c->group : "";
	fw_rebind(x->guid, "i", (long long)c->id);
	const char *cg = first_text(x->p, x->guid);
	worksheet_write_string(ws, row, 0, cg, NULL);
	worksheet_write_string(ws, row, 1, c->name, x->name);
	worksheet_write_string(ws, row, 2, g, x->body);
	for (size_t k = 0; k < x->nshow; k++) {
		char *v = fw_case_value(x->p, c->id, x->show[k]);
		worksheet_write_string(ws, row, (lxw_col_t)(3 + k), v ? v : "",
				       x->body);
		free(v);
	}
	size_t longest = 0;
	for (size_t k = 0; k < ns; k++) {
		size_t len = xlsx_cell(x, ws, row, (lxw_col_t)(x->x0 + k),
				       c->id, cg, &sv[k]);
		if (len > longest)
			longest = len;
	}
	double lines = (double)longest / 44.0 + 1;
	worksheet_set_row(ws, row,
			  lines < 2          ? 30
			  : lines * 15 > 400 ? 400
					     : lines * 15,
			  NULL);
}

/* One theme's sheet: the header, then the cases under group header rows. */
static void xlsx_theme_sheet(xlsx_out *x, lxw_worksheet *ws, long long tid,
			     const char *title)
{
	size_t ns;
	xsub *sv = xlsx_subs(x, tid, &ns);
	xlsx_sheet_head(x, ws, sv, ns, title);
	lxw_row_t row = 2;
	const char *last = NULL;
	for (size_t i = 0; i < x->ncases; i++) {
		const char *g = x->cases[i].group ? x->cases[i].group : "";
		if (x->attr && (!last || strcmp(last, g))) {
			worksheet_write_string(ws, row, 1,
					       *g ? g : "(no value)", x->group);
			for (lxw_col_t k = 2; k < x->x0 + ns; k++)
				worksheet_write_blank(ws, row, k, x->group);
			row++;
			last = g;
		}
		xlsx_case_row(x, ws, row++, &x->cases[i], sv, ns);
	}
	xsubs_free(sv, ns);
}

/* The hidden "charter" sheet: the snapshot, a row per cell. */
static void xlsx_snapshot_sheet(xlsx_out *x)
{
	lxw_worksheet *ids = workbook_add_worksheet(x->wb, "charter");
	worksheet_write_string(ids, 0, 0, "charter:snapshot", NULL);
	lxw_row_t row = 1;
	const char *s = x->snap.ptr ? x->snap.ptr : "";
	while (*s) {
		const char *t1 = strchr(s, '\t');
		const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		const char *nl = t2 ? strchr(t2 + 1, '\n') : NULL;
		if (!nl)
			break;
		char a[64], b[64], c[80];
		snprintf(a, sizeof a, "%.*s", (int)(t1 - s), s);
		snprintf(b, sizeof b, "%.*s", (int)(t2 - t1 - 1), t1 + 1);
		snprintf(c, sizeof c, "%.*s", (int)(nl - t2 - 1), t2 + 1);
		worksheet_write_string(ids, row, 0, a, NULL);
		worksheet_write_string(ids, row, 1, b, NULL);
		worksheet_write_string(ids, row, 2, c, NULL);
		row++;
		s = nl + 1;
	}
	worksheet_hide(ids);
}

/* A sheet per theme, then the snapshot; *nsheets counts the themes. */
static int xlsx_sheets(int *nsheets, xlsx_out *x, const char *path,
		       fw_error *err)
{
	*nsheets = 0;
	while (fw_row(x->p, x->themes)) {
		char sn[64];
		sheet_name((const char *)sqlite3_column_text(x->themes, 1),
			   (const char *)sqlite3_column_text(x->themes, 2), sn,
			   sizeof sn);
		lxw_worksheet *ws = workbook_add_worksheet(x->wb, sn);
		if (!ws)
			return fw_error_set(
				err, FW_EIO, path, 0,
				"cannot add a worksheet for theme %s",
				sqlite3_column_text(x->themes, 1));
		(*nsheets)++;
		char title[300];
		snprintf(title, sizeof title, "Chart %s: %s",
			 sqlite3_column_text(x->themes, 1),
			 sqlite3_column_text(x->themes, 2));
		xlsx_theme_sheet(x, ws, sqlite3_column_int64(x->themes, 0),
				 title);
	}
	if (!*nsheets)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "the project has no themes to chart");
	xlsx_snapshot_sheet(x);
	return 0;
}

int fw_chart_export_xlsx(int *sheets, fw_project *p, const char *path,
			 const char *const *sort, size_t nsort,
			 const char *const *show, size_t nshow, fw_error *err)
{
	for (size_t k = 0; k < nshow; k++)
		if (!fw_attribute_id(p, show[k], 0, NULL))
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no attribute '%s' to show",
					    show[k]);
	/* sub-theme columns start after case id, case, group and the shown
	 * attributes */
	xlsx_out x = {.p = p,
		      .show = show,
		      .nshow = nshow,
		      .x0 = (lxw_col_t)(3 + nshow)};
	fw_buf_init(&x.snap);
	char *attr = fw_group_attribute(p);
	x.attr = attr;
	fw_atomic out;
	int nsheets = 0, rc, opened = 0;
	if ((rc = fw_chart_cases(&x.cases, &x.ncases, p, attr, sort, nsort,
				 err)) ||
	    (rc = fw_atomic_begin(&out, path, err)))
		goto out;
	opened = 1;
	if (!(x.wb = workbook_new(out.tmp))) {
		rc = fw_error_set(err, FW_EIO, path, 0,
				  "cannot create the file");
		goto out;
	}
	xlsx_formats(&x);
	if (!(rc = xlsx_prepare(&x, err)))
		rc = xlsx_sheets(&nsheets, &x, path, err);
	lxw_error le = workbook_close(x.wb);
	if (!rc && le != LXW_NO_ERROR)
		rc = fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				  lxw_strerror(le));
out:
	sqlite3_finalize(x.themes);
	sqlite3_finalize(x.subs);
	sqlite3_finalize(x.cell);
	sqlite3_finalize(x.guid);
	sqlite3_finalize(x.refs);
	fw_buf_dispose(&x.snap);
	fw_chart_cases_free(x.cases, x.ncases, nsort);
	free(attr);
	if (opened && rc)
		fw_atomic_abort(&out);
	else if (opened)
		rc = fw_atomic_commit(&out, err);
	if (!rc && sheets)
		*sheets = nsheets;
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_chart_export_csv(int *rows, fw_project *p, const char *path,
			fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(
		p, &st,
		"SELECT c.guid, k.guid, c.name, k.number, l.summary, "
		"l.agreement FROM \"case\" c CROSS JOIN code k LEFT JOIN charted "
		"l ON l.case_id=c.id AND l.code_id=k.id WHERE k.parent_id IS "
		"NOT NULL ORDER BY c.sort, c.id, k.sort",
		err);
	if (rc)
		return rc;
	fw_atomic out;
	if ((rc = fw_atomic_begin(&out, path, err))) {
		sqlite3_finalize(st);
		return rc;
	}
	static const char *const cols[] = {"case_id", "code_id", "case",
					   "code",    "summary", "agreement",
					   "exported"};
	fw_sink sink;
	fw_sink_init(&sink, out.fp, FW_FMT_CSV);
	fw_table *t = fw_table_new_sink(&sink, 7, cols);
	int n = 0;
	while (fw_row(p, st)) {
		const char *v[7];
		for (int c = 0; c < 6; c++)
			v[c] = (const char *)sqlite3_column_text(st, c);
		if (v[4] && !*v[4])
			v[4] = NULL;
		if (!v[4])
			v[5] = NULL;
		char h[65];
		fw_xlsx_cell_hash(v[4], v[5], h);
		v[6] = h;
		fw_table_add(t, FW_ROW_DATA, v);
		n++;
	}
	sqlite3_finalize(st);
	rc = fw_rows_ok(p, err);
	if (fw_table_end(t) && !rc)
		rc = fw_error_set(err, FW_EIO, path, 0, "cannot write");
	fw_table_free(t);
	if (rc)
		fw_atomic_abort(&out);
	else
		rc = fw_atomic_commit(&out, err);
	if (!rc && rows)
		*rows = n;
	return rc;
}
