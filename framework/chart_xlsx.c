/*
 * chart_xlsx.c: charts as a spreadsheet and back.  Researchers often chart
 * in Excel: `charter chart export --format xlsx` writes one worksheet per
 * main theme (frozen header row and case column, group header rows,
 * wrapped text), and `charter cell import edited.xlsx` brings the edited
 * summaries back, matched by the case and code GUIDs the export keeps in a
 * hidden column and a hidden row.  A hidden sheet records what every cell
 * held at export, so a cell changed in the project since then is reported
 * as a conflict rather than overwritten (unless forced).
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
#include "csv.h"
#include "errors.h"
#include "fileio.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/project.h"
#include "sha256.h"
#include "table.h"
#include "utf8.h"
#include "xmlio.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xlsxwriter.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define AGREE "\nagreement: "

static void cell_hash(const char *summary, const char *agreement, char out[65])
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
	lxw_format *head, *group, *body, *name;
	sqlite3_stmt *themes, *subs, *cell, *guid, *kv;
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
	x->name = workbook_add_format(x->wb);
	format_set_bold(x->name);
	format_set_align(x->name, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->name, LXW_BORDER_THIN);
}

static int xlsx_prepare(xlsx_out *x, fw_error *err)
{
	fw_project *p = x->p;
	int rc;
	if ((rc = fw_prepare(p, &x->themes,
			     "SELECT id, number, name FROM code WHERE "
			     "parent_id IS NULL ORDER BY sort, id",
			     err)) ||
	    (rc = fw_prepare(p, &x->subs,
			     "SELECT id, number, name, guid FROM code WHERE "
			     "parent_id=? ORDER BY sort, id",
			     err)) ||
	    (rc = fw_prepare(p, &x->cell,
			     "SELECT summary, agreement FROM cell WHERE "
			     "case_id=? AND code_id=?",
			     err)) ||
	    (rc = fw_prepare(p, &x->guid,
			     "SELECT guid FROM \"case\" WHERE id=?", err)))
		return rc;
	return fw_prepare(p, &x->kv,
			  "SELECT v.value FROM case_value v JOIN attribute a "
			  "ON a.id=v.attribute_id WHERE v.case_id=? AND a.name=?",
			  err);
}

static void xsubs_free(xsub *sv, size_t ns)
{
	for (size_t k = 0; k < ns; k++) {
		free(sv[k].number);
		free(sv[k].name);
		free(sv[k].guid);
	}
	free(sv);
}

/* The sub-themes of theme tid, in order. */
static xsub *xlsx_subs(xlsx_out *x, long long tid, size_t *ns)
{
	xsub *sv = NULL;
	*ns = 0;
	sqlite3_reset(x->subs);
	sqlite3_bind_int64(x->subs, 1, tid);
	while (fw_row(x->p, x->subs)) {
		sv = fw_xrealloc(sv, (*ns + 1) * sizeof *sv);
		xsub *s = &sv[(*ns)++];
		s->id = sqlite3_column_int64(x->subs, 0);
		s->number =
			fw_xstrdup((const char *)sqlite3_column_text(x->subs, 1));
		s->name =
			fw_xstrdup((const char *)sqlite3_column_text(x->subs, 2));
		s->guid =
			fw_xstrdup((const char *)sqlite3_column_text(x->subs, 3));
	}
	return sv;
}

/* A theme sheet's hidden GUID row, header row, widths, panes and printing. */
static void xlsx_sheet_head(xlsx_out *x, lxw_worksheet *ws, const xsub *sv,
			    size_t ns)
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
}

/* Column text of a statement's first result column, or "" if no row. */
static const char *first_text(fw_project *p, sqlite3_stmt *st)
{
	const char *v = fw_row(p, st) ? (const char *)sqlite3_column_text(st, 0)
				      : NULL;
	return v ? v : "";
}

/* One summary cell (with its agreement line) and its snapshot line;
 * returns the length written. */
static size_t xlsx_cell(xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
			lxw_col_t col, long long case_id, const char *case_guid,
			const xsub *s)
{
	sqlite3_reset(x->cell);
	sqlite3_bind_int64(x->cell, 1, case_id);
	sqlite3_bind_int64(x->cell, 2, s->id);
	const char *sm = NULL, *ag = NULL;
	if (fw_row(x->p, x->cell)) {
		sm = (const char *)sqlite3_column_text(x->cell, 0);
		ag = (const char *)sqlite3_column_text(x->cell, 1);
	}
	fw_buf t;
	fw_buf_init(&t);
	if (sm && *sm) {
		fw_buf_puts(&t, sm);
		if (ag && *ag)
			fw_buf_printf(&t, AGREE "%s", ag);
	}
	if (t.len > 32000)
		t.ptr[t.len = 32000] = 0;
	if (t.len)
		worksheet_write_string(ws, row, col, t.ptr, x->body);
	else
		worksheet_write_blank(ws, row, col, x->body);
	size_t len = t.len;
	fw_buf_dispose(&t);
	/* the snapshot: case, code, what the cell held */
	char h[65];
	cell_hash(sm && *sm ? sm : NULL, sm && *sm ? ag : NULL, h);
	fw_buf_printf(&x->snap, "%s\t%s\t%s\n", case_guid, s->guid, h);
	return len;
}

/* One case's row: its GUID, name, group, shown attributes and summaries,
 * tall enough for its longest summary (44 characters a line). */
static void xlsx_case_row(xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
			  const fw_chart_case *c, const xsub *sv, size_t ns)
{
	const char *g = c->group ? c->group : "";
	sqlite3_reset(x->guid);
	sqlite3_bind_int64(x->guid, 1, c->id);
	const char *cg = first_text(x->p, x->guid);
	worksheet_write_string(ws, row, 0, cg, NULL);
	worksheet_write_string(ws, row, 1, c->name, x->name);
	worksheet_write_string(ws, row, 2, g, x->body);
	for (size_t k = 0; k < x->nshow; k++) {
		sqlite3_reset(x->kv);
		sqlite3_bind_int64(x->kv, 1, c->id);
		sqlite3_bind_text(x->kv, 2, x->show[k], -1, SQLITE_TRANSIENT);
		worksheet_write_string(ws, row, (lxw_col_t)(3 + k),
				       first_text(x->p, x->kv), x->body);
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
static void xlsx_theme_sheet(xlsx_out *x, lxw_worksheet *ws, long long tid)
{
	size_t ns;
	xsub *sv = xlsx_subs(x, tid, &ns);
	xlsx_sheet_head(x, ws, sv, ns);
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
		xlsx_theme_sheet(x, ws, sqlite3_column_int64(x->themes, 0));
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
	xlsx_out x = {.p = p, .show = show, .nshow = nshow,
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
	sqlite3_finalize(x.kv);
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

/* ---- reading an edited workbook ------------------------------------------ */

typedef struct xcell {
	int row, col;
	char *v;
} xcell;

typedef struct xsheet {
	char *name;
	xcell *c;
	size_t n;
} xsheet;

static int xcell_cmp(const void *a, const void *b)
{
	const xcell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* All <t> text under n (rich text runs joined), with Excel's _x000D_
 * escapes and CRs removed. */
static char *text_of(xmlNodePtr n)
{
	fw_buf b;
	fw_buf_init(&b);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (fw_xml_is(c, "t")) {
			xmlChar *v = xmlNodeGetContent(c);
			if (v)
				fw_buf_puts(&b, (char *)v);
			xmlFree(v);
		} else if (fw_xml_is(c, "r")) {
			char *s = text_of(c);
			fw_buf_puts(&b, s);
			free(s);
		}
	}
	fw_buf o;
	fw_buf_init(&o);
	const char *s = b.ptr ? b.ptr : "";
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\r')
			continue;
		if (!strncmp(s + i, "_x000D_", 7)) {
			i += 6;
			continue;
		}
		if (!strncmp(s + i, "_x000A_", 7)) {
			fw_buf_putc(&o, '\n');
			i += 6;
			continue;
		}
		fw_buf_putc(&o, s[i]);
	}
	fw_buf_dispose(&b);
	if (!o.ptr)
		fw_buf_putc(&o, 0);
	return fw_buf_detach(&o);
}

static int ref_rc(const char *r, int *row, int *col)
{
	int c = 0, k = 0;
	while (isupper((unsigned char)r[k])) {
		c = c * 26 + (r[k] - 'A' + 1);
		k++;
	}
	if (!k || !isdigit((unsigned char)r[k]))
		return -1;
	*col = c - 1;
	*row = atoi(r + k) - 1;
	return 0;
}

static void sheets_free(xsheet *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < s[i].n; k++)
			free(s[i].c[k].v);
		free(s[i].c);
		free(s[i].name);
	}
	free(s);
}

static int read_workbook(const char *data, size_t len, const char *label,
			 xsheet **out, size_t *nout, fw_error *err)
{
	*out = NULL;
	*nout = 0;
	/* shared strings */
	char **ss = NULL;
	size_t nss = 0;
	xmlDocPtr d;
	fw_error e2;
	fw_error_clear(&e2);
	if (!fw_xml_read_entry(&d, data, len, label, "xl/sharedStrings.xml",
			       FW_ENC_UTF8, &e2)) {
		for (xmlNodePtr si = xmlDocGetRootElement(d)->children; si;
		     si = si->next)
			if (fw_xml_is(si, "si")) {
				ss = fw_xrealloc(ss, (nss + 1) * sizeof *ss);
				ss[nss++] = text_of(si);
			}
		xmlFreeDoc(d);
	} else if (e2.code != FW_ENOTFOUND) {
		*err = e2;
		return e2.code;
	}
	/* sheet names and their parts */
	xmlDocPtr wbd, rels;
	int rc = fw_xml_read_entry(&wbd, data, len, label, "xl/workbook.xml",
				   FW_ENC_UTF8, err);
	if (rc == FW_ENOTFOUND)
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "not a spreadsheet: no xl/workbook.xml");
	if (rc) {
		for (size_t i = 0; i < nss; i++)
			free(ss[i]);
		free(ss);
		return rc;
	}
	rc = fw_xml_read_entry(&rels, data, len, label,
			       "xl/_rels/workbook.xml.rels", FW_ENC_UTF8, err);
	if (rc) {
		xmlFreeDoc(wbd);
		for (size_t i = 0; i < nss; i++)
			free(ss[i]);
		free(ss);
		return rc;
	}
	xsheet *sh = NULL;
	size_t nsh = 0;
	xmlNodePtr sheets = NULL;
	for (xmlNodePtr c = xmlDocGetRootElement(wbd)->children; c; c = c->next)
		if (fw_xml_is(c, "sheets"))
			sheets = c;
	for (xmlNodePtr s = sheets ? sheets->children : NULL; !rc && s;
	     s = s->next) {
		if (!fw_xml_is(s, "sheet"))
			continue;
		char *nm = fw_xml_attr(s, "name"), *rid = fw_xml_attr(s, "id");
		char target[512] = "";
		for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r;
		     r = r->next) {
			if (!fw_xml_is(r, "Relationship"))
				continue;
			char *id = fw_xml_attr(r, "Id"),
			     *t = fw_xml_attr(r, "Target");
			if (id && t && rid && !strcmp(id, rid))
				snprintf(target, sizeof target, "%s%s",
					 t[0] == '/' ? "" : "xl/",
					 t[0] == '/' ? t + 1 : t);
			free(id);
			free(t);
		}
		free(rid);
		xmlDocPtr sd;
		if (!target[0] || fw_xml_read_entry(&sd, data, len, label,
						    target, FW_ENC_UTF8, err)) {
			free(nm);
			if (!target[0])
				continue;
			rc = err->code ? err->code : FW_EPARSE;
			break;
		}
		sh = fw_xrealloc(sh, (nsh + 1) * sizeof *sh);
		xsheet *x = &sh[nsh++];
		x->name = nm;
		x->c = NULL;
		x->n = 0;
		xmlNodePtr sdata = NULL;
		for (xmlNodePtr c = xmlDocGetRootElement(sd)->children; c;
		     c = c->next)
			if (fw_xml_is(c, "sheetData"))
				sdata = c;
		for (xmlNodePtr r = sdata ? sdata->children : NULL; r;
		     r = r->next) {
			if (!fw_xml_is(r, "row"))
				continue;
			for (xmlNodePtr c = r->children; c; c = c->next) {
				if (!fw_xml_is(c, "c"))
					continue;
				char *ref = fw_xml_attr(c, "r"),
				     *t = fw_xml_attr(c, "t");
				int row, col;
				if (!ref || ref_rc(ref, &row, &col)) {
					free(ref);
					free(t);
					continue;
				}
				char *v = NULL;
				for (xmlNodePtr k = c->children; k;
				     k = k->next) {
					if (fw_xml_is(k, "v")) {
						xmlChar *vv =
							xmlNodeGetContent(k);
						const char *sv =
							vv ? (const char *)vv
							   : "";
						if (t && !strcmp(t, "s")) {
							long i = strtol(
								sv, NULL, 10);
							v = fw_xstrdup(
								i >= 0 && (size_t)i < nss
									? ss[i]
									: "");
						} else {
							v = fw_xstrdup(sv);
						}
						xmlFree(vv);
					} else if (fw_xml_is(k, "is")) {
						v = text_of(k);
					}
				}
				free(ref);
				free(t);
				if (!v)
					continue;
				x->c = fw_xrealloc(x->c,
						   (x->n + 1) * sizeof *x->c);
				x->c[x->n].row = row;
				x->c[x->n].col = col;
				x->c[x->n].v = v;
				x->n++;
			}
		}
		xmlFreeDoc(sd);
		if (x->n)
			qsort(x->c, x->n, sizeof *x->c, xcell_cmp);
	}
	xmlFreeDoc(wbd);
	xmlFreeDoc(rels);
	for (size_t i = 0; i < nss; i++)
		free(ss[i]);
	free(ss);
	if (rc) {
		sheets_free(sh, nsh);
		return rc;
	}
	*out = sh;
	*nout = nsh;
	return 0;
}

/* Cells are sorted by (row, col) once read: lookups are binary searches. */
static const char *at(const xsheet *s, int row, int col)
{
	xcell key = {row, col, NULL};
	const xcell *f = bsearch(&key, s->c, s->n, sizeof *s->c, xcell_cmp);
	return f ? f->v : NULL;
}

typedef struct snapkey {
	char key[80];
	const char *hash;
} snapkey;

static int snapkey_cmp(const void *a, const void *b)
{
	return strcmp(((const snapkey *)a)->key, ((const snapkey *)b)->key);
}

/* One edited cell back into the project: the text may end in an
 * "agreement: X" line; then_h is the hash of what the cell held at export
 * (NULL if unknown). */
static int fw_cell_merge(fw_project *p, const char *cg, const char *cname,
			 const char *kg, const char *v, const char *then_h,
			 int force, fw_xlsx_result *res, fw_error *err)
{
	(void)err;
	char num[64] = "";
	long long kid = 0;
	sqlite3_stmt *st;
	if (!fw_prepare(p, &st, "SELECT id, number FROM code WHERE guid=?",
			NULL)) {
		sqlite3_bind_text(st, 1, kg, -1, SQLITE_TRANSIENT);
		if (fw_row(p, st)) {
			kid = sqlite3_column_int64(st, 0);
			snprintf(num, sizeof num, "%s",
				 sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	if (!kid) {
		fw_diags_add(&res->diags, FW_DIAG_WARNING, res->file, 0,
			     "%s: code %s is not in the project; "
			     "skipped\n",
			     cname, kg);
		res->skipped++;
		return 0;
	}
	char *summary = fw_xstrdup(v);
	char *agreement = NULL;
	char *ag = strstr(summary, AGREE);
	if (ag) {
		agreement = fw_xstrdup(ag + strlen(AGREE));
		*ag = 0;
	}
	size_t sl = strlen(summary);
	while (sl && isspace((unsigned char)summary[sl - 1]))
		summary[--sl] = 0;
	if (agreement) {
		size_t al = strlen(agreement);
		while (al && isspace((unsigned char)agreement[al - 1]))
			agreement[--al] = 0;
	}
	/* what the project holds now */
	char *cur_s = NULL, *cur_a = NULL;
	if (!fw_prepare(
		    p, &st,
		    "SELECT l.summary, l.agreement FROM cell l JOIN \"case\" c "
		    "ON c.id=l.case_id WHERE c.guid=? AND l.code_id=?",
		    NULL)) {
		sqlite3_bind_text(st, 1, cg, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, kid);
		if (fw_row(p, st)) {
			const char *x1 =
				(const char *)sqlite3_column_text(st, 0);
			const char *x2 =
				(const char *)sqlite3_column_text(st, 1);
			cur_s = x1 && *x1 ? fw_xstrdup(x1) : NULL;
			cur_a = cur_s && x2 && *x2 ? fw_xstrdup(x2) : NULL;
		}
		sqlite3_finalize(st);
	}
	int same = !strcmp(cur_s ? cur_s : "", summary) &&
		   !strcmp(cur_a ? cur_a : "", agreement ? agreement : "");
	if (same) {
		res->unchanged++;
	} else {
		char now_h[65];
		cell_hash(cur_s, cur_a, now_h);
		if (then_h && strcmp(then_h, now_h) && !force) {
			fw_diags_add(
				&res->diags, FW_DIAG_WARNING, res->file, 0,
				"%s %s: changed in the project since the export; "
				"kept the project's (use --force to take the "
				"edited one)\n",
				cname, num);
			res->conflicts++;
		} else {
			fw_diags warn;
			fw_diags_init(&warn);
			fw_error e2;
			fw_error_clear(&e2);
			if (fw_cell_set(&warn, p, cname, num, summary,
					agreement, NULL, &e2)) {
				fw_diags_add(&res->diags, FW_DIAG_WARNING,
					     res->file, 0, "%s %s: %s", cname,
					     num, e2.msg);
				res->rejected++;
			} else {
				if (*summary)
					res->updated++;
				else
					res->cleared++;
				for (size_t i = 0; i < warn.n; i++)
					fw_diags_add(&res->diags,
						     FW_DIAG_WARNING, res->file,
						     0, "%s", warn.v[i].msg);
			}
			fw_diags_dispose(&warn);
		}
	}
	free(cur_s);
	free(cur_a);
	free(summary);
	free(agreement);
	return 0;
}

int fw_cell_import_xlsx(fw_xlsx_result *res, fw_project *p, const char *path,
			int force, fw_error *err)
{
	memset(res, 0, sizeof *res);
	res->file = path;
	char *data;
	size_t len;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err);
	if (rc)
		return rc;
	xsheet *sh;
	size_t nsh;
	rc = read_workbook(data, len, path, &sh, &nsh, err);
	free(data);
	if (rc)
		return rc;
	/* the snapshot */
	const xsheet *snap = NULL;
	for (size_t i = 0; i < nsh; i++) {
		const char *a = at(&sh[i], 0, 0);
		if (a && !strcmp(a, "charter:snapshot"))
			snap = &sh[i];
	}
	/* the snapshot as a sorted index of "caseGUID codeGUID" */
	snapkey *sk = NULL;
	size_t nsk = 0;
	for (size_t k = 0; snap && k < snap->n; k++) {
		if (snap->c[k].col != 0 || snap->c[k].row == 0)
			continue;
		int r = snap->c[k].row;
		const char *sc = at(snap, r, 0), *sg = at(snap, r, 1),
			   *sh2 = at(snap, r, 2);
		if (!sc || !sg || !sh2)
			continue;
		sk = fw_xrealloc(sk, (nsk + 1) * sizeof *sk);
		snprintf(sk[nsk].key, sizeof sk[nsk].key, "%s %s", sc, sg);
		sk[nsk].hash = sh2;
		nsk++;
	}
	if (nsk)
		qsort(sk, nsk, sizeof *sk, snapkey_cmp);
	int themes = 0;
	for (size_t i = 0; !rc && i < nsh; i++) {
		const char *a = at(&sh[i], 0, 0);
		if (!a || strcmp(a, "charter:codes"))
			continue;
		themes++;
		/* code GUIDs by column */
		int maxcol = 0, maxrow = 0;
		for (size_t k = 0; k < sh[i].n; k++) {
			if (sh[i].c[k].col > maxcol)
				maxcol = sh[i].c[k].col;
			if (sh[i].c[k].row > maxrow)
				maxrow = sh[i].c[k].row;
		}
		for (int row = 2; !rc && row <= maxrow; row++) {
			const char *cg = at(&sh[i], row, 0);
			if (!cg || !*cg)
				continue; /* a group header row */
			char cname[300] = "";
			sqlite3_stmt *st;
			if (fw_prepare(p, &st,
				       "SELECT name FROM \"case\" WHERE guid=?",
				       err)) {
				rc = FW_EIO;
				break;
			}
			sqlite3_bind_text(st, 1, cg, -1, SQLITE_TRANSIENT);
			if (fw_row(p, st))
				snprintf(cname, sizeof cname, "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
			if (!cname[0]) {
				fw_diags_add(&res->diags, FW_DIAG_WARNING,
					     res->file, 0,
					     "%s row %d: case %s is not in the "
					     "project; skipped\n",
					     sh[i].name, row + 1, cg);
				res->skipped++;
				continue;
			}
			for (int col = 3; !rc && col <= maxcol; col++) {
				const char *kg = at(&sh[i], 0, col);
				if (!kg || !*kg)
					continue;
				const char *then_h = NULL;
				snapkey want;
				snprintf(want.key, sizeof want.key, "%s %s", cg,
					 kg);
				const snapkey *hit =
					nsk ? bsearch(&want, sk, nsk,
						      sizeof *sk, snapkey_cmp)
					    : NULL;
				if (hit)
					then_h = hit->hash;
				const char *v = at(&sh[i], row, col);
				rc = fw_cell_merge(p, cg, cname, kg, v ? v : "",
						   then_h, force, res, err);
			}
		}
	}
	free(sk);
	sheets_free(sh, nsh);
	if (!rc && !themes)
		rc = fw_error_set(
			err, FW_EPARSE, path, 0,
			"no charter chart sheets in the workbook (export one "
			"with charter chart export --format xlsx)");
	return rc ? rc : fw_rows_ok(p, err);
}

/* ---- the same round trip as CSV ------------------------------------------ */

int fw_chart_export_csv(int *rows, fw_project *p, const char *path,
			fw_error *err)
{
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT c.guid, k.guid, c.name, k.number, l.summary, "
		    "l.agreement FROM \"case\" c CROSS JOIN code k LEFT JOIN cell "
		    "l ON l.case_id=c.id AND l.code_id=k.id WHERE k.parent_id IS "
		    "NOT NULL ORDER BY c.sort, c.id, k.sort",
		    err))
		return FW_EIO;
	fw_atomic out;
	int rc = fw_atomic_begin(&out, path, err);
	if (rc) {
		sqlite3_finalize(st);
		return rc;
	}
	static const char *const cols[] = {"case_id", "code_id", "case",
					   "code",    "summary", "agreement",
					   "exported"};
	fw_sink sink;
	fw_sink_init(&sink, out.fp, FW_FMT_CSV);
	fw_table *t = fw_table_new_sink(&sink, 7, cols);
	int n = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[7];
		for (int c = 0; c < 6; c++)
			v[c] = (const char *)sqlite3_column_text(st, c);
		if (v[4] && !*v[4])
			v[4] = NULL;
		if (!v[4])
			v[5] = NULL;
		char h[65];
		cell_hash(v[4], v[5], h);
		v[6] = h;
		fw_table_add(t, FW_ROW_DATA, v);
		n++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		rc = fw_sql_error(p, err, "reading cells");
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

int fw_cell_import_idcsv(fw_xlsx_result *res, fw_project *p, const char *path,
			 int force, fw_error *err)
{
	memset(res, 0, sizeof *res);
	res->file = path;
	fw_csv *c;
	int rc = fw_csv_open(&c, path, err);
	if (rc)
		return rc;
	char **f;
	size_t n;
	int line;
	rc = fw_csv_next(&f, &n, &line, c, err);
	int ci = -1, ki = -1, si = -1, ai = -1, hi = -1, ni = -1;
	for (size_t i = 0; rc > 0 && i < n; i++) {
		if (!strcmp(f[i], "case_id"))
			ci = (int)i;
		else if (!strcmp(f[i], "code_id"))
			ki = (int)i;
		else if (!strcmp(f[i], "summary"))
			si = (int)i;
		else if (!strcmp(f[i], "agreement"))
			ai = (int)i;
		else if (!strcmp(f[i], "exported"))
			hi = (int)i;
		else if (!strcmp(f[i], "case"))
			ni = (int)i;
	}
	if (rc > 0 && (ci < 0 || ki < 0 || si < 0))
		rc = fw_error_set(
			err, FW_EPARSE, path, 1,
			"the header needs case_id, code_id and summary (as "
			"charter chart export --format csv writes it)");
	while (rc > 0 && (rc = fw_csv_next(&f, &n, &line, c, err)) > 0) {
		if ((size_t)ci >= n || (size_t)ki >= n || (size_t)si >= n) {
			rc = fw_error_set(
				err, FW_EPARSE, path, line,
				"a row with %zu fields; the header has more",
				n);
			break;
		}
		char cname[300] = "";
		sqlite3_stmt *st;
		if (!fw_prepare(p, &st,
				"SELECT name FROM \"case\" WHERE guid=?",
				NULL)) {
			sqlite3_bind_text(st, 1, f[ci], -1, SQLITE_TRANSIENT);
			if (fw_row(p, st))
				snprintf(cname, sizeof cname, "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		if (!cname[0]) {
			fw_diags_add(&res->diags, FW_DIAG_WARNING, res->file, 0,
				     "line %d: case %s is not in the "
				     "project; skipped\n",
				     line,
				     ni >= 0 && (size_t)ni < n ? f[ni] : f[ci]);
			res->skipped++;
			continue;
		}
		fw_buf v;
		fw_buf_init(&v);
		fw_buf_puts(&v, f[si]);
		if (ai >= 0 && (size_t)ai < n && f[ai][0] && f[si][0])
			fw_buf_printf(&v, AGREE "%s", f[ai]);
		rc = fw_cell_merge(p, f[ci], cname, f[ki], v.ptr ? v.ptr : "",
				   hi >= 0 && (size_t)hi < n && f[hi][0] ? f[hi]
									 : NULL,
				   force, res, err);
		fw_buf_dispose(&v);
		if (!rc)
			rc = 1;
	}
	fw_csv_free(c);
	return rc < 0 ? rc : fw_rows_ok(p, err);
}
