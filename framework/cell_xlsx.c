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
	const char *v; /* a shared string's, or in the sheet's vals */
	size_t off;    /* where in vals, or NO_OFF for a shared string */
} xcell;
#define NO_OFF ((size_t)-1)

typedef struct xsheet {
	char *name;
	char target[512]; /* its part: each read once */
	xcell *c;
	size_t n, cap;
	char *vals; /* the cells' own values, NUL-separated */
} xsheet;

/* The sheets with their cells, and the shared strings they point into. */
typedef struct xbook {
	xsheet *sh;
	size_t nsh;
	char **ss;
	size_t nss, nss_cap, cells;
} xbook;

static int xcell_cmp(const void *a, const void *b)
{
	const xcell *x = a, *y = b;
	return fw_cmp_then(FW_CMP_BY(x, y, row), FW_CMP_BY(x, y, col));
}

/* A string item's text with Excel's _x000D_ escapes and CRs removed,
 * appended to o with its NUL. */
static void excel_text(fw_buf *o, const fw_buf *b)
{
	const char *s = fw_buf_str(b);
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\r')
			continue;
		if (!strncmp(s + i, "_x000D_", 7)) {
			i += 6;
			continue;
		}
		if (!strncmp(s + i, "_x000A_", 7)) {
			fw_buf_putc(o, '\n');
			i += 6;
			continue;
		}
		fw_buf_putc(o, s[i]);
	}
	fw_buf_put(o, "", 1);
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
		free(b->sh[i].c);
		free(b->sh[i].vals);
		free(b->sh[i].name);
	}
	free(b->sh);
	fw_strv_free(b->ss, b->nss);
	memset(b, 0, sizeof *b);
}

/* ---- parts read with SAX: no tree, no allocation per cell ---------------
 * A string item (<si> of the shared strings, <is> of an inline cell) is
 * the text of its <t> children and of the <t> in its <r> runs; a cell is
 * <c r="B2" t="s"> in a <row> of <sheetData>, its value the last <v> or
 * <is> it holds. */
#define XS_DEPTH 300 /* libxml2 stops at 256 levels */

typedef struct xsax {
	fw_xml_sax sax; /* first: the callbacks' ctx */
	xbook *bk;
	xsheet *x; /* NULL while reading the shared strings */
	const char *label;
	fw_error *err;
	int depth, item, grab, data, cell, got, shared;
	char run[XS_DEPTH]; /* 1: an <r> of the item at this depth */
	xcell cur;
	fw_buf text, vals;
} xsax;

static const char *xs_attr(int n, const xmlChar **at, const char *name,
			   char *buf, size_t cap)
{
	for (int i = 0; i < n; i++, at += 5)
		if (!strcmp((const char *)at[0], name)) {
			size_t k = (size_t)(at[4] - at[3]);
			snprintf(buf, cap, "%.*s", (int)(k < cap ? k : cap - 1),
				 (const char *)at[3]);
			return buf;
		}
	return NULL;
}

static void xs_bad_ref(xsax *q, const char *ref)
{
	fw_error_set(q->err, FW_EPARSE, q->label, fw_xml_sax_line(&q->sax),
		     "%s: the cell reference \"%.40s\" is not inside a "
		     "worksheet's grid (A1 to XFD1048576)",
		     q->x->target, ref ? ref : "");
	fw_xml_sax_stop(&q->sax, FW_EPARSE);
}

static void xs_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nns, const xmlChar **ns, int nat,
		     int ndef, const xmlChar **at)
{
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
	xsax *q = ctx;
	const char *n = (const char *)local;
	int d = ++q->depth;
	if (d >= XS_DEPTH)
		return;
	q->run[d] = 0;
	if (q->item && d > q->item) {
		int under = d == q->item + 1 || q->run[d - 1];
		if (under && !strcmp(n, "r"))
			q->run[d] = 1;
		else if (under && !strcmp(n, "t") && !q->grab)
			q->grab = d;
		return;
	}
	if (!q->x) { /* <sst><si> */
		if (d == 2 && !strcmp(n, "si")) {
			q->item = d;
			fw_buf_clear(&q->text);
		}
		return;
	}
	if (d == 2 && !strcmp(n, "sheetData"))
		q->data = 1;
	else if (d == 4 && q->data && !strcmp(n, "c")) {
		char ref[64], t[16];
		const char *r = xs_attr(nat, at, "r", ref, sizeof ref);
		const char *ty = xs_attr(nat, at, "t", t, sizeof t);
		q->cell = 1;
		q->got = 0;
		q->shared = ty && !strcmp(ty, "s");
		if (!r || ref_rc(r, &q->cur.row, &q->cur.col))
			xs_bad_ref(q, r);
	} else if (d == 5 && q->cell && !strcmp(n, "v")) {
		q->grab = d;
		fw_buf_clear(&q->text);
	} else if (d == 5 && q->cell && !strcmp(n, "is")) {
		q->item = d;
		fw_buf_clear(&q->text);
	}
}

/* A cell's value as the last <v> or <is> in it says. */
static void xs_value(xsax *q, int inline_string)
{
	q->got = 1;
	if (q->shared && !inline_string) {
		char *end;
		long i = strtol(fw_buf_str(&q->text), &end, 10);
		q->cur.v = i >= 0 && (size_t)i < q->bk->nss ? q->bk->ss[i] : "";
		q->cur.off = NO_OFF;
		return;
	}
	q->cur.v = NULL;
	q->cur.off = q->vals.len;
	if (inline_string)
		excel_text(&q->vals, &q->text);
	else
		fw_buf_put(&q->vals, fw_buf_str(&q->text), q->text.len + 1);
}

static void xs_cell(xsax *q)
{
	q->cell = 0;
	if (!q->got)
		return;
	if (++q->bk->cells > XLSX_MAX_CELLS) {
		fw_error_set(q->err, FW_ELIMIT, q->label, 0,
			     "the workbook holds more than %d cells with "
			     "values (charter's bound)",
			     XLSX_MAX_CELLS);
		fw_xml_sax_stop(&q->sax, FW_ELIMIT);
		return;
	}
	xsheet *x = q->x;
	x->c = fw_xgrow(x->c, &x->cap, x->n + 1, sizeof *x->c, 256);
	x->c[x->n++] = q->cur;
}

static void xs_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	(void)local, (void)prefix, (void)uri;
	xsax *q = ctx;
	int d = q->depth--;
	if (d == q->grab)
		q->grab = 0;
	if (d == q->item) {
		q->item = 0;
		if (q->x) {
			xs_value(q, 1);
		} else {
			fw_buf o;
			fw_buf_init(&o);
			excel_text(&o, &q->text);
			q->bk->ss =
				fw_xgrow(q->bk->ss, &q->bk->nss_cap,
					 q->bk->nss + 1, sizeof *q->bk->ss, 64);
			q->bk->ss[q->bk->nss++] = fw_buf_detach(&o);
		}
	} else if (q->x && d == 5 && q->cell && !q->item) {
		if (!strcmp((const char *)local, "v"))
			xs_value(q, 0);
	} else if (q->x && d == 4 && q->cell) {
		xs_cell(q);
	} else if (q->x && d == 2) {
		q->data = 0;
	}
}

static void xs_chars(void *ctx, const xmlChar *ch, int len)
{
	xsax *q = ctx;
	if (q->grab && q->depth >= q->grab)
		fw_buf_put(&q->text, ch, (size_t)len);
}

/* Read one part (x: a sheet's cells; NULL: the shared strings). */
static int xs_read(xbook *bk, xsheet *x, fw_zip *z, const char *label,
		   const char *part, fw_error *err)
{
	char *data, inner[600];
	size_t len;
	int rc = fw_zip_read(z, part, &data, &len, err);
	if (rc)
		return rc;
	snprintf(inner, sizeof inner, "%s(%s)", label, part);
	xsax q;
	memset(&q, 0, sizeof q);
	q.bk = bk;
	q.x = x;
	q.label = label;
	q.err = err;
	q.sax.h.startElementNs = xs_start;
	q.sax.h.endElementNs = xs_end;
	q.sax.h.characters = xs_chars;
	fw_buf_init(&q.text);
	fw_buf_init(&q.vals);
	rc = fw_xml_sax_mem(&q.sax, data, len, inner, err);
	free(data);
	fw_buf_dispose(&q.text);
	if (x) {
		x->vals = fw_buf_detach(&q.vals);
		for (size_t k = 0; k < x->n; k++)
			if (x->c[k].off != NO_OFF)
				x->c[k].v = x->vals + x->c[k].off;
		if (x->n)
			qsort(x->c, x->n, sizeof *x->c, xcell_cmp);
	}
	fw_buf_dispose(&q.vals);
	return rc;
}

/* The shared strings, if the workbook has any. */
static int shared_strings(xbook *bk, fw_zip *z, const char *label,
			  fw_error *err)
{
	fw_error e2;
	fw_error_clear(&e2);
	int rc = xs_read(bk, NULL, z, label, "xl/sharedStrings.xml", &e2);
	if (rc == FW_ENOTFOUND)
		return 0;
	if (rc)
		*err = e2;
	return rc;
}

/* The workbook's relationships, sorted by id: each sheet's part found by
 * a binary search, not a walk of them all. */
typedef struct xrel {
	char *id, *target;
} xrel;

static int xrel_cmp(const void *a, const void *b)
{
	return strcmp(((const xrel *)a)->id, ((const xrel *)b)->id);
}

static xrel *rels_index(xmlDocPtr rels, size_t *n)
{
	xrel *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r;
	     r = r->next) {
		if (!fw_xml_is(r, "Relationship"))
			continue;
		char *id = fw_xml_attr(r, "Id"), *t = fw_xml_attr(r, "Target");
		if (!id || !t) {
			free(id);
			free(t);
			continue;
		}
		v = fw_xgrow(v, &cap, *n + 1, sizeof *v, 16);
		v[*n].id = id;
		v[*n].target = t;
		++*n;
	}
	if (*n)
		qsort(v, *n, sizeof *v, xrel_cmp);
	return v;
}

static void rels_free(xrel *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].target);
	}
	free(v);
}

/* One <sheet> of the workbook: its part read once, its cells kept. */
static int read_sheet(xbook *bk, xmlNodePtr s, const xrel *rel, size_t nrel,
		      fw_zip *z, const char *label, fw_error *err)
{
	char *rid = fw_xml_attr(s, "id");
	xrel key = {rid, NULL};
	const xrel *hit =
		rid && nrel ? bsearch(&key, rel, nrel, sizeof *rel, xrel_cmp)
			    : NULL;
	free(rid);
	if (!hit)
		return 0;
	const char *t = hit->target;
	char target[512];
	snprintf(target, sizeof target, "%s%s", t[0] == '/' ? "" : "xl/",
		 t[0] == '/' ? t + 1 : t);
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
	bk->sh = fw_xrealloc(bk->sh, (bk->nsh + 1) * sizeof *bk->sh);
	xsheet *x = &bk->sh[bk->nsh++];
	memset(x, 0, sizeof *x);
	x->name = fw_xml_attr(s, "name");
	snprintf(x->target, sizeof x->target, "%s", target);
	return xs_read(bk, x, z, label, target, err);
}

/* A part of the workbook as a tree (the small ones: workbook, rels). */
static int part_doc(xmlDocPtr *doc, fw_zip *z, const char *label,
		    const char *name, fw_error *err)
{
	char *xml, enc[32], inner[600];
	size_t len;
	*doc = NULL;
	int rc = fw_zip_read(z, name, &xml, &len, err);
	if (rc)
		return rc;
	snprintf(inner, sizeof inner, "%s(%s)", label, name);
	rc = fw_xml_read(doc, enc, xml, len, inner, FW_ENC_UTF8, 0, err);
	free(xml);
	return rc;
}

static int read_workbook(const char *data, size_t len, const char *label,
			 xbook *bk, fw_error *err)
{
	memset(bk, 0, sizeof *bk);
	xmlDocPtr wbd = NULL, rels = NULL;
	xrel *rel = NULL;
	size_t nrel = 0;
	fw_zip *z;
	int rc = fw_zip_open_mem(&z, data, len, label, err);
	if (rc)
		return rc;
	if ((rc = shared_strings(bk, z, label, err)))
		goto out;
	rc = part_doc(&wbd, z, label, "xl/workbook.xml", err);
	if (rc == FW_ENOTFOUND)
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "not a spreadsheet: no xl/workbook.xml");
	if (rc ||
	    (rc = part_doc(&rels, z, label, "xl/_rels/workbook.xml.rels", err)))
		goto out;
	rel = rels_index(rels, &nrel);
	xmlNodePtr sheets = NULL;
	for (xmlNodePtr c = xmlDocGetRootElement(wbd)->children; c; c = c->next)
		if (fw_xml_is(c, "sheets"))
			sheets = c;
	for (xmlNodePtr s = sheets ? sheets->children : NULL; !rc && s;
	     s = s->next)
		if (fw_xml_is(s, "sheet"))
			rc = read_sheet(bk, s, rel, nrel, z, label, err);
out:
	rels_free(rel, nrel);
	if (wbd)
		xmlFreeDoc(wbd);
	if (rels)
		xmlFreeDoc(rels);
	fw_zip_close(z);
	if (rc)
		book_free(bk);
	return rc;
}

/* Cells are sorted by (row, col) once read: lookups are binary searches. */
static const char *at(const xsheet *s, int row, int col)
{
	if (!s->n)
		return NULL; /* bsearch must not be given a NULL array */
	xcell key = {row, col, NULL, 0};
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
