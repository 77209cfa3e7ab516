/*
 * test_chart.c: charts as spreadsheets.  The workbook round trip (export,
 * a cell edited by another program, import), conflicts with changes made
 * in the project since the export, and workbooks that are not charter's.
 */
#include "testutil.h"
#include "zipio.h"

#include <zip.h>

#define FX "../golden/fixtures/"

/* What another program does to the workbook: rewrite one string of
 * xl/sharedStrings.xml in place. */
static void edit_workbook(const char *src, const char *dst, const char *from,
			  const char *to)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, dst);
	assert_int_equal(system(cmd), 0);
	int ze;
	zip_t *z = zip_open(dst, 0, &ze);
	assert_non_null(z);
	zip_int64_t i = zip_name_locate(z, "xl/sharedStrings.xml", 0);
	assert_true(i >= 0);
	zip_stat_t st;
	zip_stat_index(z, (zip_uint64_t)i, 0, &st);
	char *buf = malloc(st.size + 1);
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	buf[st.size] = 0;
	char *at = strstr(buf, from);
	if (!at)
		fail_msg("'%s' is not in the workbook", from);
	size_t nl = st.size - strlen(from) + strlen(to);
	char *out = malloc(nl + 1);
	size_t pre = (size_t)(at - buf);
	memcpy(out, buf, pre);
	strcpy(out + pre, to);
	strcpy(out + pre + strlen(to), at + strlen(from));
	zip_source_t *s = zip_source_buffer(z, out, nl, 1);
	assert_int_equal(zip_file_replace(z, (zip_uint64_t)i, s, 0), 0);
	assert_int_equal(zip_close(z), 0);
	free(buf);
}

static char *summary(fw_project *p, const char *c, const char *code)
{
	fw_table *t;
	fw_error e;
	assert_int_equal(fw_cell_get(&t, p, c, code, &e), 0);
	/* columns: case, code, summary, agreement, coded, updated */
	assert_true(t->nrows == 1 && t->ncols >= 3);
	char *s = strdup(t->rows[0][2] ? t->rows[0][2] : "");
	fw_table_free(t);
	assert_non_null(s);
	return s;
}

static int import(fw_project *p, const char *x, int force, fw_xlsx_result *r)
{
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(fw_project_begin(p, &e), 0);
	int rc = fw_cell_import_xlsx(r, p, x, force, &e);
	if (rc) {
		fw_project_rollback(p);
		return rc;
	}
	assert_int_equal(fw_project_commit(p, &e), 0);
	return 0;
}

/* The charts exported to NAME.xlsx, and where an edited copy goes. */
typedef struct workbook {
	char x[512], ed[512];
	int sheets;
} workbook;

static workbook exported(fw_project *p, const char *name,
			 const char *const *show, size_t nshow)
{
	workbook w = {.sheets = 0};
	fw_error e;
	char f[128];
	snprintf(f, sizeof f, "%s.xlsx", name);
	snprintf(w.x, sizeof w.x, "%s", tu_path(f));
	snprintf(f, sizeof f, "%s-edited.xlsx", name);
	snprintf(w.ed, sizeof w.ed, "%s", tu_path(f));
	if (fw_chart_export_xlsx(&w.sheets, p, w.x, NULL, 0, show, nshow, &e))
		fail_msg("%s", e.msg);
	return w;
}

static void test_round_trip_and_edit(void **s)
{
	fw_project *p = *s;
	static const char *const show[] = {"sex"};
	workbook w = exported(p, "charts", show, 1);
	assert_int_equal(w.sheets, 2);
	/* straight back: nothing changes */
	fw_xlsx_result r;
	assert_int_equal(import(p, w.x, 0, &r), 0);
	assert_int_equal(r.updated + r.cleared + r.conflicts, 0);
	assert_true(r.unchanged >= 9);
	fw_diags_dispose(&r.diags);
	/* a group cell edited in the spreadsheet, agreement line and all */
	edit_workbook(w.x, w.ed, "Letters frighten customers",
		      "Letters alarm customers");
	assert_int_equal(import(p, w.ed, 0, &r), 0);
	assert_int_equal(r.updated, 1);
	assert_int_equal(r.conflicts, 0);
	fw_diags_dispose(&r.diags);
	char *v = summary(p, "G1", "1.1");
	assert_string_equal(
		v, "Letters alarm customers (L5*, L7); one disagrees (L9)");
	free(v);
	/* the same cell as Excel writes rich text: runs with their own
	 * formatting, a phonetic run (not text), a CR escape, CDATA */
	edit_workbook(w.x, w.ed, "Letters frighten customers",
		      "</t><r><rPr><b/></rPr><t>Letters</t></r>"
		      "<r><t xml:space=\"preserve\"> upset_x000D_ </t></r>"
		      "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh>"
		      "<t><![CDATA[customers & staff]]>");
	assert_int_equal(import(p, w.ed, 1, &r), 0);
	assert_int_equal(r.updated, 1);
	fw_diags_dispose(&r.diags);
	v = summary(p, "G1", "1.1");
	assert_string_equal(v, "Letters upset customers & staff (L5*, L7); "
			       "one disagrees (L9)");
	free(v);
}

static void test_conflicts(void **s)
{
	fw_project *p = *s;
	fw_error e;
	workbook w = exported(p, "c", NULL, 0);
	edit_workbook(w.x, w.ed, "Worried by the letter",
		      "Upset by the letter");
	/* meanwhile the cell changes in the project */
	assert_int_equal(fw_project_begin(p, &e), 0);
	fw_diags dg = {0};
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C01", "1.1",
				     "Frightened by the letter (L5*)", NULL,
				     NULL, &e),
			 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_xlsx_result r;
	assert_int_equal(import(p, w.ed, 0, &r), 0);
	assert_int_equal(r.conflicts, 1);
	assert_int_equal(r.updated, 0);
	assert_non_null(tu_diag(&r.diags, "C01 1.1: changed in the project"));
	fw_diags_dispose(&r.diags);
	char *v = summary(p, "C01", "1.1");
	assert_string_equal(v, "Frightened by the letter (L5*)");
	free(v);
	/* --force takes the spreadsheet's */
	assert_int_equal(import(p, w.ed, 1, &r), 0);
	assert_int_equal(r.updated, 1);
	fw_diags_dispose(&r.diags);
	v = summary(p, "C01", "1.1");
	assert_non_null(strstr(v, "Upset by the letter"));
	free(v);
}

static void test_not_charters_workbook(void **s)
{
	fw_project *p = *s;
	fw_xlsx_result r;
	/* a zip that is not a workbook, and a DOCX */
	assert_int_not_equal(import(p, FX "formats/docx-bold.docx", 0, &r), 0);
	assert_int_not_equal(
		import(p, FX "formats/hostile-truncated.docx", 0, &r), 0);
}

/* A workbook of one sheet whose cells are cells (row elements' XML) and
 * whose sheet is listed nlist times; sst is the shared strings' XML. */
static const char *hostile_book(const char *name, const char *sst,
				const char *cells, int nlist)
{
	fw_buf wb;
	fw_buf_init(&wb);
	fw_buf_puts(&wb, "<workbook xmlns:r=\"r\"><sheets>");
	for (int i = 0; i < nlist; i++)
		fw_buf_printf(&wb, "<sheet name=\"S%d\" r:id=\"rId1\"/>", i);
	fw_buf_puts(&wb, "</sheets></workbook>");
	const char *rels = "<Relationships><Relationship Id=\"rId1\" "
			   "Target=\"worksheets/sheet1.xml\"/></Relationships>";
	fw_buf sh;
	fw_buf_init(&sh);
	fw_buf_printf(&sh,
		      "<worksheet><sheetData><row><c r=\"A1\" t=\"inlineStr\">"
		      "<is><t>charter:codes</t></is></c></row>%s</sheetData>"
		      "</worksheet>",
		      cells);
	fw_zip_part parts[] = {
		{.name = "xl/workbook.xml", .data = wb.ptr, .len = wb.len},
		{.name = "xl/_rels/workbook.xml.rels",
		 .data = rels,
		 .len = strlen(rels)},
		{.name = "xl/worksheets/sheet1.xml",
		 .data = sh.ptr,
		 .len = sh.len},
		{.name = "xl/sharedStrings.xml",
		 .data = sst,
		 .len = strlen(sst)},
	};
	fw_error e;
	const char *path = tu_path(name);
	assert_int_equal(fw_zip_write(path, parts, 4, &e), 0);
	fw_buf_dispose(&wb);
	fw_buf_dispose(&sh);
	return path;
}

/* An import of x tried and rolled back: its code, the error in e. */
static int try_import(fw_project *p, const char *x, fw_error *e)
{
	fw_xlsx_result r;
	fw_error_clear(e);
	assert_int_equal(fw_project_begin(p, e), 0);
	int rc = fw_cell_import_xlsx(&r, p, x, 0, e);
	fw_diags_dispose(&r.diags);
	fw_project_rollback(p);
	return rc;
}

/* A hostile workbook costs what its bytes do: a shared string is pointed
 * to, not copied per cell; a sheet part listed many times is refused, not
 * parsed each time; a cell reference outside Excel's grid is an error
 * naming it, not an overflow. */
static void test_hostile_workbooks(void **s)
{
	fw_project *p = *s;
	fw_error e;
	/* 2,000 cells of one 50 KB shared string */
	fw_buf sst, cells;
	fw_buf_init(&sst);
	fw_buf_init(&cells);
	fw_buf_puts(&sst, "<sst><si><t>");
	for (int i = 0; i < 5000; i++)
		fw_buf_puts(&sst, "summary ..");
	fw_buf_puts(&sst, "</t></si></sst>");
	fw_buf_puts(&cells, "<row>");
	for (int i = 0; i < 2000; i++)
		fw_buf_printf(&cells, "<c r=\"B%d\" t=\"s\"><v>0</v></c>",
			      i + 2);
	fw_buf_puts(&cells, "</row>");
	const char *x = hostile_book("amplified.xlsx", sst.ptr, cells.ptr, 1);
	tu_heap_begin();
	int rc = try_import(p, x, &e);
	size_t peak = tu_heap_end();
	if (rc)
		fail_msg("%s", e.msg);
	if (peak > 8u << 20)
		fail_msg("2,000 cells of a 50 KB string peaked at %zu bytes",
			 peak);
	/* the same sheet part listed 5,000 times */
	x = hostile_book("listed.xlsx", "<sst/>", "", 5000);
	assert_int_not_equal(try_import(p, x, &e), 0);
	assert_non_null(strstr(e.msg, "sheet part xl/worksheets/sheet1.xml "
				      "more than once"));
	/* references at the grid's edge, and past it */
	static const struct {
		const char *ref;
		int ok;
	} refs[] = {{"XFD1048576", 1},  {"XFE1", 0},
		    {"A1048577", 0},    {"ZZZZZZZZZZZZZZZZZZZZ1", 0},
		    {"A2147483648", 0}, {"A0", 0},
		    {"B2x", 0}};
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		char c[200];
		snprintf(c, sizeof c, "<row><c r=\"%s\"><v>1</v></c></row>",
			 refs[i].ref);
		x = hostile_book("ref.xlsx", "<sst/>", c, 1);
		rc = try_import(p, x, &e);
		if (refs[i].ok != !rc)
			fail_msg("%s: rc %d %s", refs[i].ref, rc, e.msg);
		if (!refs[i].ok && !strstr(e.msg, refs[i].ref))
			fail_msg("%s: %s", refs[i].ref, e.msg);
	}
	fw_buf_dispose(&sst);
	fw_buf_dispose(&cells);
	/* a sheet in UTF-16 declaring an entity: refused, with the part
	 * named (the SAX path has the same guards as the tree) */
	const char *sheet = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
			    "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">]>"
			    "<worksheet><sheetData><row><c r=\"A1\" "
			    "t=\"inlineStr\"><is><t>&a;</t></is></c></row>"
			    "</sheetData></worksheet>";
	size_t n = strlen(sheet);
	char *u16 = calloc(2 * n + 2, 1);
	u16[0] = (char)0xFF;
	u16[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++)
		u16[2 + 2 * i] = sheet[i];
	const char *wbx = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" "
			  "r:id=\"rId1\"/></sheets></workbook>";
	const char *rels = "<Relationships><Relationship Id=\"rId1\" "
			   "Target=\"worksheets/sheet1.xml\"/></Relationships>";
	fw_zip_part parts[] = {
		{.name = "xl/workbook.xml", .data = wbx, .len = strlen(wbx)},
		{.name = "xl/_rels/workbook.xml.rels",
		 .data = rels,
		 .len = strlen(rels)},
		{.name = "xl/worksheets/sheet1.xml",
		 .data = u16,
		 .len = 2 * n + 2}};
	x = tu_path("entity16.xlsx");
	assert_int_equal(fw_zip_write(x, parts, 3, &e), 0);
	free(u16);
	assert_int_equal(try_import(p, x, &e), FW_EPARSE);
	assert_non_null(strstr(e.msg, "declares XML entities"));
	assert_non_null(strstr(e.file, "(xl/worksheets/sheet1.xml)"));
}

/* A workbook of nsheet sheets: the first holds only the chart marker (one
 * cell), the others cells B2 ... each, `extra` of them one cell more. */
static const char *bounds_book(const char *name, int nsheet, int cells,
			       int extra)
{
	fw_buf wb, rels, body[2];
	fw_buf_init(&wb);
	fw_buf_init(&rels);
	fw_buf_puts(&wb, "<workbook xmlns:r=\"r\"><sheets>");
	fw_buf_puts(&rels, "<Relationships>");
	for (int i = 0; i < nsheet; i++) {
		fw_buf_printf(&wb, "<sheet name=\"S%d\" r:id=\"rId%d\"/>", i,
			      i);
		fw_buf_printf(&rels,
			      "<Relationship Id=\"rId%d\" "
			      "Target=\"worksheets/sheet%d.xml\"/>",
			      i, i);
	}
	fw_buf_puts(&wb, "</sheets></workbook>");
	fw_buf_puts(&rels, "</Relationships>");
	for (int k = 0; k < 2; k++) {
		fw_buf_init(&body[k]);
		fw_buf_puts(&body[k], "<worksheet><sheetData>");
		for (int r = 0; r < cells + k; r++)
			fw_buf_printf(&body[k],
				      "<row><c r=\"B%d\"><v>1</v></c></row>",
				      r + 2);
		fw_buf_puts(&body[k], "</sheetData></worksheet>");
	}
	const char *marker =
		"<worksheet><sheetData><row><c r=\"A1\" t=\"inlineStr\">"
		"<is><t>charter:codes</t></is></c></row></sheetData>"
		"</worksheet>";
	size_t n = (size_t)nsheet + 2;
	fw_zip_part *parts = calloc(n, sizeof *parts);
	char(*names)[40] = calloc((size_t)nsheet, sizeof *names);
	parts[0] = (fw_zip_part){
		.name = "xl/workbook.xml", .data = wb.ptr, .len = wb.len};
	parts[1] = (fw_zip_part){.name = "xl/_rels/workbook.xml.rels",
				 .data = rels.ptr,
				 .len = rels.len};
	for (int i = 0; i < nsheet; i++) {
		snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%d.xml",
			 i);
		const fw_buf *b = &body[i >= 1 && i <= extra];
		parts[i + 2] =
			(fw_zip_part){.name = names[i],
				      .data = i ? b->ptr : marker,
				      .len = i ? b->len : strlen(marker)};
	}
	fw_error e;
	const char *path = tu_path(name);
	assert_int_equal(fw_zip_write(path, parts, n, &e), 0);
	free(parts);
	free(names);
	fw_buf_dispose(&wb);
	fw_buf_dispose(&rels);
	fw_buf_dispose(&body[0]);
	fw_buf_dispose(&body[1]);
	return path;
}

/* The workbook's bounds at their edge: 1,024 sheets holding 4,000,000
 * cells with values import; one cell more, or one sheet more, is refused
 * with the bound named. */
static void test_workbook_bounds(void **s)
{
	fw_project *p = *s;
	fw_error e;
	/* 1 + 1023 * 3910 + 69 = 4,000,000 cells in 1,024 sheets */
	const char *x = bounds_book("edge.xlsx", 1024, 3910, 69);
	if (try_import(p, x, &e))
		fail_msg("4,000,000 cells in 1,024 sheets: %s", e.msg);
	x = bounds_book("cells.xlsx", 1024, 3910, 70);
	assert_int_equal(try_import(p, x, &e), FW_ELIMIT);
	assert_non_null(strstr(e.msg, "more than 4000000 cells with values"));
	x = bounds_book("sheets.xlsx", 1025, 1, 0);
	assert_int_equal(try_import(p, x, &e), FW_ELIMIT);
	assert_non_null(strstr(e.msg, "more than 1024 sheets"));
}

static int count_rows(fw_table *t, const char *c, const char *code,
		      const char *problem)
{
	int n = 0;
	for (size_t r = 0; r < t->nrows; r++)
		n += !strcmp(t->rows[r][0], c) &&
		     !strcmp(t->rows[r][1], code) &&
		     strstr(t->rows[r][2], problem) != NULL;
	return n;
}

static void test_check_and_drafts(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_diags dg = {0};
	assert_int_equal(fw_project_begin(p, &e), 0);
	/* a summary with no reference, and one copying the transcript */
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C02", "1.1",
				     "Mentions letters.", NULL, NULL, &e),
			 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_table *t;
	assert_int_equal(fw_chart_check(&t, p, "1", &e), 0);
	assert_int_equal(count_rows(t, "C02", "1.1", "without a reference"), 1);
	/* the fixture summaries cite a line of G1 not coded to 1.1 */
	assert_int_equal(count_rows(t, "G1", "1.1", "not coded here"), 1);
	fw_table_free(t);
	/* drafts fill empty coded cells only, and are marked */
	assert_int_equal(fw_project_begin(p, &e), 0);
	int n = 0;
	assert_int_equal(fw_chart_summarise(&n, p, "1", NULL, 0, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	assert_true(n >= 1);
	char *v = summary(p, "C01", "1.1");
	assert_string_equal(v, "Worried by the letter, 'a bit worried' (L5*)");
	free(v);
	fw_chart_opts co = {0};
	assert_int_equal(fw_chart_build(&t, p, "1", &co, &e), 0);
	int drafts = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 2; c < t->ncols; c++)
			drafts += t->rows[r][c] &&
				  !strncmp(t->rows[r][c], "(draft) '", 9);
	assert_int_equal(drafts, n);
	/* a group row shows its agreement */
	int shown = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 2; c < t->ncols; c++)
			shown += t->rows[r][c] &&
				 strstr(t->rows[r][c], "[divergent]") != NULL;
	assert_int_equal(shown, 1);
	/* accepting a draft removes the mark; accepting twice is an error */
	char dcase[64] = "", dcode[64] = "";
	for (size_t r = 0; r < t->nrows && !dcase[0]; r++)
		for (size_t c = 2; c < t->ncols && !dcase[0]; c++)
			if (t->rows[r][c] &&
			    !strncmp(t->rows[r][c], "(draft) ", 8)) {
				snprintf(dcase, sizeof dcase, "%s",
					 t->rows[r][0]);
				snprintf(dcode, sizeof dcode, "%.*s",
					 (int)strcspn(t->cols[c], " "),
					 t->cols[c]);
			}
	fw_table_free(t);
	assert_true(dcase[0] != 0);
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cell_accept(p, dcase, dcode, &e), 0);
	assert_int_equal(fw_cell_accept(p, dcase, dcode, &e), FW_ENOTFOUND);
	assert_int_equal(fw_project_commit(p, &e), 0);
	v = summary(p, dcase, dcode);
	assert_true(v[0] == '\'');
	free(v);
}

static void test_views_and_html(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_chart_opts o = {0};
	static const char *const where[] = {"actor_group=client"};
	static const char *const show[] = {"sex"};
	o.where = where;
	o.nwhere = 1;
	o.show = show;
	o.nshow = 1;
	o.code = "1.1";
	fw_table *t;
	assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
	/* case, group, sex, then the one sub-theme; only the clients */
	assert_int_equal(t->ncols, 4);
	assert_string_equal(t->cols[2], "sex");
	assert_string_equal(t->cols[3], "1.1 Letters");
	int cases = 0;
	for (size_t r = 0; r < t->nrows; r++)
		if (t->kinds[r] == FW_ROW_DATA) {
			cases++;
			assert_string_equal(t->rows[r][1], "client");
		}
	assert_int_equal(cases, 2);
	fw_table_free(t);
	o.code = "2.1";
	assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), FW_ENOTFOUND);
	/* HTML: references link to the transcript page at the line */
	memset(&o, 0, sizeof o);
	fw_buf b;
	fw_buf_init(&b);
	assert_int_equal(fw_chart_html(&b, p, "1", &o, &e), 0);
	assert_non_null(
		strstr(b.ptr, "<a href=\"sources/c01.txt.html#L5\">L5*</a>"));
	assert_null(strstr(b.ptr, "<script"));
	fw_buf_dispose(&b);
	fw_buf_init(&b);
	char page[64];
	assert_int_equal(
		fw_source_html(&b, page, sizeof page, p, "c01.txt", &e), 0);
	assert_string_equal(page, "c01.txt.html");
	assert_non_null(strstr(b.ptr, "<tr id=\"L5\">"));
	assert_non_null(strstr(b.ptr, "title=\"1.1 Letters\""));
	fw_buf_dispose(&b);
}

/* A chart written row by row to a sink (CSV, JSON) is the chart kept and
 * written whole, references, summaries and group rows alike. */
static void test_streamed(void **s)
{
	fw_project *p = *s;
	fw_error e;
	static const int fmts[] = {FW_FMT_CSV, FW_FMT_JSON};
	for (size_t f = 0; f < 2; f++)
		for (int refs_only = 0; refs_only < 2; refs_only++) {
			fw_chart_opts o = {0};
			o.refs_only = refs_only;
			char *kept = NULL, *streamed = NULL;
			size_t nk = 0, ns = 0;
			fw_table *t;
			assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
			assert_true(t->nrows > 3);
			FILE *fp = open_memstream(&kept, &nk);
			assert_int_equal(fw_table_write(t, fmts[f], fp), 0);
			fclose(fp);
			fw_table_free(t);
			fp = open_memstream(&streamed, &ns);
			fw_sink sink;
			fw_sink_init(&sink, fp, fmts[f]);
			o.sink = &sink;
			assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
			assert_int_equal(t->nrows, 0); /* none kept */
			assert_int_equal(fw_table_write(t, fmts[f], fp), 0);
			fw_table_free(t);
			fclose(fp);
			assert_string_equal(streamed, kept);
			/* C01's cell: its summary, or with refs_only its
			 * reference */
			assert_true((strstr(kept, "Worried by the letter") ==
				     NULL) == refs_only);
			if (f == 0 && refs_only)
				assert_non_null(strstr(kept, "C01,client,L5,"));
			free(kept);
			free(streamed);
		}
}

static void replace_in_file(const char *path, const char *from, const char *to)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *at = strstr(buf, from);
	if (!at)
		fail_msg("'%s' not in %s", from, path);
	f = fopen(path, "wb");
	fwrite(buf, 1, (size_t)(at - buf), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
}

static void test_csv_round_trip(void **s)
{
	fw_project *p = *s;
	fw_error e;
	char x[512];
	snprintf(x, sizeof x, "%s", tu_path("cells.csv"));
	int rows = 0;
	assert_int_equal(fw_chart_export_csv(&rows, p, x, &e), 0);
	assert_int_equal(rows, 12); /* 3 cases x 4 sub-themes */
	fw_xlsx_result r;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cell_import_idcsv(&r, p, x, 0, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	assert_int_equal(r.unchanged, 12);
	fw_diags_dispose(&r.diags);
	replace_in_file(x, "Worried by the letter", "Alarmed by the letter");
	/* the project changes the same cell meanwhile: a conflict */
	fw_diags dg = {0};
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C01", "1.1",
				     "Scared (L5)", NULL, NULL, &e),
			 0);
	assert_int_equal(fw_cell_import_idcsv(&r, p, x, 0, &e), 0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	assert_int_equal(r.conflicts, 1);
	fw_diags_dispose(&r.diags);
	char *v = summary(p, "C01", "1.1");
	assert_string_equal(v, "Scared (L5)");
	free(v);
}

TU_MAIN(TU_CHARTED(test_round_trip_and_edit), TU_CHARTED(test_conflicts),
	TU_CHARTED(test_not_charters_workbook),
	TU_CHARTED(test_hostile_workbooks), TU_CHARTED(test_workbook_bounds),
	TU_CHARTED(test_check_and_drafts), TU_CHARTED(test_views_and_html),
	TU_CHARTED(test_csv_round_trip), TU_CHARTED(test_streamed));
