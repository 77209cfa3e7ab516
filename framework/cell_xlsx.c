/*
 * cell_xlsx.c: edited charts back into cells.  `charter cell import
 * edited.xlsx` reads a workbook written by chart_xlsx.c (and edited in
 * Excel or LibreOffice), matching cases and sub-themes by the GUIDs the
 * export keeps in a hidden column and row; `charter cell import edited.csv`
 * does the same for the id CSV.  A cell changed in the project since the
 * export (its hash differs from the snapshot) is a conflict, reported and
 * left alone unless forced.
 */
#include "chart.h"
#include "natcmp.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fileio.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/project.h"
#include "utf8.h"
#include "xmlio.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A workbook's bounds: Excel's own grid, and what a chart of 2,000 cases
 * by 60 sub-themes needs many times over. */
#define XLSX_MAX_ROW    1048576
#define XLSX_MAX_COL    16384
#define XLSX_MAX_CELLS  4000000
#define XLSX_MAX_SHEETS 1024

typedef struct xcell {
	int row, col;
	const char *v; /* a shared string's, or own */
	char *own;
} xcell;

typedef struct xsheet {
	char *name;
	char target[512]; /* its part: each read once */
	xcell *c;
	size_t n, cap;
} xsheet;

/* The sheets with their cells, and the shared strings they point into. */
typedef struct xbook {
	xsheet *sh;
	size_t nsh;
	char **ss;
	size_t nss, cells;
} xbook;

static int xcell_cmp(const void *a, const void *b)
{
	const xcell *x = a, *y = b;
	return fw_cmp_then(FW_CMP_BY(x, y, row), FW_CMP_BY(x, y, col));
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

/* "AB12" as a 0-based row and column inside Excel's grid; -1 when it is
 * not a cell reference or falls outside the grid. */
static int ref_rc(const char *r, int *row, int *col)
{
	long c = 0, k = 0;
	while (isupper((unsigned char)r[k])) {
		c = c * 26 + (r[k] - 'A' + 1);
		if (c > XLSX_MAX_COL)
			return -1;
		k++;
	}
	if (!k || !isdigit((unsigned char)r[k]))
		return -1;
	long w = 0;
	for (; isdigit((unsigned char)r[k]); k++) {
		w = w * 10 + (r[k] - '0');
		if (w > XLSX_MAX_ROW)
			return -1;
	}
	if (r[k] || w < 1)
		return -1;
	*col = (int)c - 1;
	*row = (int)w - 1;
	return 0;
}

static void book_free(xbook *b)
{
	for (size_t i = 0; i < b->nsh; i++) {
		for (size_t k = 0; k < b->sh[i].n; k++)
			free(b->sh[i].c[k].own);
		free(b->sh[i].c);
		free(b->sh[i].name);
	}
	free(b->sh);
	fw_strv_free(b->ss, b->nss);
	memset(b, 0, sizeof *b);
}

/* The shared strings, if the workbook has any. */
static int shared_strings(xbook *bk, const char *data, size_t len,
			  const char *label, fw_error *err)
{
	xmlDocPtr d;
	fw_error e2;
	fw_error_clear(&e2);
	if (fw_xml_read_entry(&d, data, len, label, "xl/sharedStrings.xml",
			      FW_ENC_UTF8, &e2)) {
		if (e2.code == FW_ENOTFOUND)
			return 0;
		*err = e2;
		return e2.code;
	}
	size_t cap = 0;
	for (xmlNodePtr si = xmlDocGetRootElement(d)->children; si;
	     si = si->next)
		if (fw_xml_is(si, "si")) {
			if (bk->nss == cap) {
				cap = cap ? 2 * cap : 64;
				bk->ss = fw_xrealloc(bk->ss,
						     cap * sizeof *bk->ss);
			}
			bk->ss[bk->nss++] = text_of(si);
		}
	xmlFreeDoc(d);
	return 0;
}

/* The archive path of the sheet with relationship id rid, or "". */
static void sheet_target(char target[512], xmlDocPtr rels, const char *rid)
{
	target[0] = 0;
	for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r;
	     r = r->next) {
		if (!fw_xml_is(r, "Relationship"))
			continue;
		char *id = fw_xml_attr(r, "Id"), *t = fw_xml_attr(r, "Target");
		if (id && t && rid && !strcmp(id, rid))
			snprintf(target, 512, "%s%s", t[0] == '/' ? "" : "xl/",
				 t[0] == '/' ? t + 1 : t);
		free(id);
		free(t);
	}
}

/* A <c> cell's text: its value, shared string (pointed to, not copied)
 * or inline string; 0 when it has none. */
static int cell_value(xcell *x, xmlNodePtr c, const xbook *bk)
{
	char *t = fw_xml_attr(c, "t");
	int got = 0;
	for (xmlNodePtr k = c->children; k; k = k->next) {
		if (fw_xml_is(k, "v")) {
			xmlChar *vv = xmlNodeGetContent(k);
			const char *sv = vv ? (const char *)vv : "";
			free(x->own);
			x->own = NULL;
			if (t && !strcmp(t, "s")) {
				char *end;
				long i = strtol(sv, &end, 10);
				x->v = i >= 0 && (size_t)i < bk->nss ? bk->ss[i]
								     : "";
			} else {
				x->v = x->own = fw_xstrdup(sv);
			}
			xmlFree(vv);
			got = 1;
		} else if (fw_xml_is(k, "is")) {
			free(x->own);
			x->v = x->own = text_of(k);
			got = 1;
		}
	}
	free(t);
	return got;
}

/* Every cell with a value of one worksheet, sorted by (row, col). */
static int sheet_cells(xbook *bk, xsheet *x, xmlDocPtr sd, const char *label,
		       fw_error *err)
{
	xmlNodePtr sdata = NULL;
	for (xmlNodePtr c = xmlDocGetRootElement(sd)->children; c; c = c->next)
		if (fw_xml_is(c, "sheetData"))
			sdata = c;
	for (xmlNodePtr r = sdata ? sdata->children : NULL; r; r = r->next) {
		if (!fw_xml_is(r, "row"))
			continue;
		for (xmlNodePtr c = r->children; c; c = c->next) {
			if (!fw_xml_is(c, "c"))
				continue;
			char *ref = fw_xml_attr(c, "r");
			xcell cell = {0, 0, NULL, NULL};
			int bad = !ref || ref_rc(ref, &cell.row, &cell.col);
			if (bad) {
				int rc = fw_error_set(
					err, FW_EPARSE, label,
					(int)xmlGetLineNo(c),
					"%s: the cell reference \"%.40s\" is "
					"not inside a worksheet's grid "
					"(A1 to XFD1048576)",
					x->target, ref ? ref : "");
				free(ref);
				return rc;
			}
			free(ref);
			if (!cell_value(&cell, c, bk))
				continue;
			if (++bk->cells > XLSX_MAX_CELLS) {
				free(cell.own);
				return fw_error_set(
					err, FW_ELIMIT, label, 0,
					"the workbook holds more than %d "
					"cells with values (charter's bound)",
					XLSX_MAX_CELLS);
			}
			if (x->n == x->cap) {
				x->cap = x->cap ? 2 * x->cap : 256;
				x->c = fw_xrealloc(x->c, x->cap * sizeof *x->c);
			}
			x->c[x->n++] = cell;
		}
	}
	if (x->n)
		qsort(x->c, x->n, sizeof *x->c, xcell_cmp);
	return 0;
}

/* One <sheet> of the workbook: its part read once, its cells kept. */
static int read_sheet(xbook *bk, xmlNodePtr s, xmlDocPtr rels, const char *data,
		      size_t len, const char *label, fw_error *err)
{
	char target[512];
	char *rid = fw_xml_attr(s, "id");
	sheet_target(target, rels, rid);
	free(rid);
	if (!target[0])
		return 0;
	for (size_t i = 0; i < bk->nsh; i++)
		if (!strcmp(bk->sh[i].target, target))
			return fw_error_set(err, FW_EPARSE, label,
					    (int)xmlGetLineNo(s),
					    "the workbook lists the sheet part "
					    "%s more than once",
					    target);
	if (bk->nsh == XLSX_MAX_SHEETS)
		return fw_error_set(err, FW_ELIMIT, label, 0,
				    "the workbook has more than %d sheets "
				    "(charter's bound)",
				    XLSX_MAX_SHEETS);
	xmlDocPtr sd;
	int rc = fw_xml_read_entry(&sd, data, len, label, target, FW_ENC_UTF8,
				   err);
	if (rc)
		return rc;
	bk->sh = fw_xrealloc(bk->sh, (bk->nsh + 1) * sizeof *bk->sh);
	xsheet *x = &bk->sh[bk->nsh++];
	memset(x, 0, sizeof *x);
	x->name = fw_xml_attr(s, "name");
	snprintf(x->target, sizeof x->target, "%s", target);
	rc = sheet_cells(bk, x, sd, label, err);
	xmlFreeDoc(sd);
	return rc;
}

static int read_workbook(const char *data, size_t len, const char *label,
			 xbook *bk, fw_error *err)
{
	memset(bk, 0, sizeof *bk);
	xmlDocPtr wbd = NULL, rels = NULL;
	int rc;
	if ((rc = shared_strings(bk, data, len, label, err)))
		return rc;
	rc = fw_xml_read_entry(&wbd, data, len, label, "xl/workbook.xml",
			       FW_ENC_UTF8, err);
	if (rc == FW_ENOTFOUND)
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "not a spreadsheet: no xl/workbook.xml");
	if (rc || (rc = fw_xml_read_entry(&rels, data, len, label,
					  "xl/_rels/workbook.xml.rels",
					  FW_ENC_UTF8, err)))
		goto out;
	xmlNodePtr sheets = NULL;
	for (xmlNodePtr c = xmlDocGetRootElement(wbd)->children; c; c = c->next)
		if (fw_xml_is(c, "sheets"))
			sheets = c;
	for (xmlNodePtr s = sheets ? sheets->children : NULL; !rc && s;
	     s = s->next)
		if (fw_xml_is(s, "sheet"))
			rc = read_sheet(bk, s, rels, data, len, label, err);
out:
	if (wbd)
		xmlFreeDoc(wbd);
	if (rels)
		xmlFreeDoc(rels);
	if (rc)
		book_free(bk);
	return rc;
}

/* Cells are sorted by (row, col) once read: lookups are binary searches. */
static const char *at(const xsheet *s, int row, int col)
{
	if (!s->n)
		return NULL; /* bsearch must not be given a NULL array */
	xcell key = {row, col, NULL, NULL};
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
	if (!fw_query(&st, p, NULL, "SELECT id, number FROM code WHERE guid=?",
		      "t", kg)) {
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
	char *ag = strstr(summary, FW_XLSX_AGREE);
	if (ag) {
		agreement = fw_xstrdup(ag + strlen(FW_XLSX_AGREE));
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
	if (!fw_query(
		    &st, p, NULL,
		    "SELECT l.summary, l.agreement FROM cell l JOIN \"case\" c "
		    "ON c.id=l.case_id WHERE c.guid=? AND l.code_id=?",
		    "ti", cg, (long long)kid)) {
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
		fw_xlsx_cell_hash(cur_s, cur_a, now_h);
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
	xbook bk;
	rc = read_workbook(data, len, path, &bk, err);
	free(data);
	if (rc)
		return rc;
	xsheet *sh = bk.sh;
	size_t nsh = bk.nsh;
	/* the snapshot */
	const xsheet *snap = NULL;
	for (size_t i = 0; i < nsh; i++) {
		const char *a = at(&sh[i], 0, 0);
		if (a && !strcmp(a, "charter:snapshot"))
			snap = &sh[i];
	}
	/* the snapshot as a sorted index of "caseGUID codeGUID" */
	snapkey *sk = NULL;
	size_t nsk = 0, capsk = 0;
	for (size_t k = 0; snap && k < snap->n; k++) {
		if (snap->c[k].col != 0 || snap->c[k].row == 0)
			continue;
		int r = snap->c[k].row;
		const char *sc = at(snap, r, 0), *sg = at(snap, r, 1),
			   *sh2 = at(snap, r, 2);
		if (!sc || !sg || !sh2)
			continue;
		if (nsk == capsk) {
			capsk = capsk ? 2 * capsk : 256;
			sk = fw_xrealloc(sk, capsk * sizeof *sk);
		}
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
		/* the cases down column A (cells are sorted by row, then
		 * column), the sub-themes' GUIDs across row 1 */
		const xsheet *x = &sh[i];
		size_t head = 0;
		while (head < x->n && x->c[head].row == 0)
			head++;
		for (size_t k = head; !rc && k < x->n; k++) {
			if (x->c[k].col != 0 || x->c[k].row < 2)
				continue;
			int row = x->c[k].row;
			const char *cg = x->c[k].v;
			if (!*cg)
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
			for (size_t h = 0; !rc && h < head; h++) {
				if (x->c[h].col < 3)
					continue;
				int col = x->c[h].col;
				const char *kg = x->c[h].v;
				if (!*kg)
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
	book_free(&bk);
	if (!rc && !themes)
		rc = fw_error_set(
			err, FW_EPARSE, path, 0,
			"no charter chart sheets in the workbook (export one "
			"with charter chart export --format xlsx)");
	return rc ? rc : fw_rows_ok(p, err);
}

/* ---- the same round trip as CSV ------------------------------------------ */

int fw_cell_import_idcsv(fw_xlsx_result *res, fw_project *p, const char *path,
			 int force, fw_error *err)
{
	memset(res, 0, sizeof *res);
	res->file = path;
	static const char *const heads[] = {"case_id",   "code_id",  "summary",
					    "agreement", "exported", "case"};
	fw_csv *c;
	int col[6], line;
	size_t n;
	int rc = fw_csv_open_header(&c, path, "case_id,code_id,summary,...",
				    heads, 6, col, NULL, &n, err);
	if (rc)
		return rc;
	rc = 1;
	int ci = col[0], ki = col[1], si = col[2], ai = col[3], hi = col[4],
	    ni = col[5];
	char **f;
	if (ci < 0 || ki < 0 || si < 0)
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
		if (!fw_query(&st, p, NULL,
			      "SELECT name FROM \"case\" WHERE guid=?", "t",
			      f[ci])) {
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
			fw_buf_printf(&v, FW_XLSX_AGREE "%s", f[ai]);
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
