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

/* The shared strings, if the workbook has any. */
static int shared_strings(char ***out, size_t *n, const char *data, size_t len,
			  const char *label, fw_error *err)
{
	*out = NULL;
	*n = 0;
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
	for (xmlNodePtr si = xmlDocGetRootElement(d)->children; si;
	     si = si->next)
		if (fw_xml_is(si, "si")) {
			*out = fw_xrealloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = text_of(si);
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

/* A <c> cell's text: its value, shared string or inline string. */
static char *cell_value(xmlNodePtr c, char **ss, size_t nss)
{
	char *t = fw_xml_attr(c, "t");
	char *v = NULL;
	for (xmlNodePtr k = c->children; k; k = k->next) {
		if (fw_xml_is(k, "v")) {
			xmlChar *vv = xmlNodeGetContent(k);
			const char *sv = vv ? (const char *)vv : "";
			free(v);
			if (t && !strcmp(t, "s")) {
				long i = strtol(sv, NULL, 10);
				v = fw_xstrdup(i >= 0 && (size_t)i < nss ? ss[i]
									 : "");
			} else {
				v = fw_xstrdup(sv);
			}
			xmlFree(vv);
		} else if (fw_xml_is(k, "is")) {
			free(v);
			v = text_of(k);
		}
	}
	free(t);
	return v;
}

/* Every cell with a value of one worksheet, sorted by (row, col). */
static void sheet_cells(xsheet *x, xmlDocPtr sd, char **ss, size_t nss)
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
			int row, col;
			char *v = ref && !ref_rc(ref, &row, &col)
					  ? cell_value(c, ss, nss)
					  : NULL;
			free(ref);
			if (!v)
				continue;
			x->c = fw_xrealloc(x->c, (x->n + 1) * sizeof *x->c);
			x->c[x->n++] = (xcell){row, col, v};
		}
	}
	if (x->n)
		qsort(x->c, x->n, sizeof *x->c, xcell_cmp);
}

static int read_workbook(const char *data, size_t len, const char *label,
			 xsheet **out, size_t *nout, fw_error *err)
{
	*out = NULL;
	*nout = 0;
	char **ss = NULL;
	size_t nss = 0;
	xmlDocPtr wbd = NULL, rels = NULL;
	xsheet *sh = NULL;
	size_t nsh = 0;
	int rc;
	if ((rc = shared_strings(&ss, &nss, data, len, label, err)))
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
	     s = s->next) {
		if (!fw_xml_is(s, "sheet"))
			continue;
		char target[512];
		char *rid = fw_xml_attr(s, "id");
		sheet_target(target, rels, rid);
		free(rid);
		xmlDocPtr sd;
		if (!target[0])
			continue;
		if (fw_xml_read_entry(&sd, data, len, label, target,
				      FW_ENC_UTF8, err)) {
			rc = err->code ? err->code : FW_EPARSE;
			break;
		}
		sh = fw_xrealloc(sh, (nsh + 1) * sizeof *sh);
		xsheet *x = &sh[nsh++];
		*x = (xsheet){fw_xml_attr(s, "name"), NULL, 0};
		sheet_cells(x, sd, ss, nss);
		xmlFreeDoc(sd);
	}
out:
	if (wbd)
		xmlFreeDoc(wbd);
	if (rels)
		xmlFreeDoc(rels);
	fw_strv_free(ss, nss);
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
