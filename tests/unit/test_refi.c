/*
 * test_refi.c: REFI-QDA export validates against the schemas, round trips
 * lose nothing, and the real exports of NVivo, ATLAS.ti and Taguette
 * import with their quirks.
 */
#include "testutil.h"
#include "zipio.h"
#include "store.h"

#include <libxml/xmlschemas.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <ctype.h>

#define REFI "../refi/"

/* The schemas: $CHARTER_REFI_SCHEMAS, the shared folder beside the
 * checkout, or the copy kept with the tests. */
static const char *schema_path(const char *name)
{
	static char buf[1024];
	const char *env = getenv("CHARTER_REFI_SCHEMAS");
	const char *dirs[] = {env, "../../../shared/refi-qda", REFI "schemas"};
	for (int i = 0; i < 3; i++) {
		if (!dirs[i])
			continue;
		snprintf(buf, sizeof buf, "%s/%s", dirs[i], name);
		if (access(buf, R_OK) == 0)
			return buf;
	}
	fail_msg("no %s (set CHARTER_REFI_SCHEMAS)", name);
	return NULL;
}

static int validates(const char *xsd, const char *xml, size_t len)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema_path(xsd));
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "export.xml", NULL,
				      XML_PARSE_NONET);
	assert_non_null(doc);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc == 0;
}

/* One text value per row of a query, joined: what a comparison needs. */
static char *dump(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 0);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL))
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	fw_buf b;
	fw_buf_init(&b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *t =
				(const char *)sqlite3_column_text(st, i);
			fw_buf_puts(&b, t ? t : "NULL");
			fw_buf_putc(&b, '|');
		}
		fw_buf_putc(&b, '\n');
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (!b.ptr)
		fw_buf_putc(&b, 0);
	return fw_buf_detach(&b);
}

static char *unzip_entry(const char *zip, const char *name)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", zip, name);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	fw_buf b;
	fw_buf_init(&b);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		fw_buf_put(&b, buf, n);
	pclose(f);
	if (!b.ptr)
		fw_buf_putc(&b, 0);
	return fw_buf_detach(&b);
}

/* Import path into p in a transaction of its own; the test fails with
 * the error if it is refused. */
static void import_ok(fw_refi_result *r, fw_project *p, const char *path)
{
	fw_error e;
	assert_int_equal(fw_project_begin(p, &e), 0);
	if (fw_refi_import(r, p, path, &e))
		fail_msg("import %s: %s", path, e.msg);
	assert_int_equal(fw_project_commit(p, &e), 0);
}

static void richer(fw_project *p);

static void test_exports_validate(void **s)
{
	(void)s;
	fw_project *p = tu_study("v.charter", 1);
	richer(p);
	fw_error e;
	fw_buf b;
	fw_buf_init(&b);
	assert_int_equal(fw_refi_codebook(&b, p, &e), 0);
	assert_true(validates("Codebook.xsd", b.ptr, b.len));
	/* hierarchy and guidance carried */
	assert_non_null(strstr(b.ptr, "name=\"1.1 "));
	assert_non_null(strstr(b.ptr, "Use when: "));
	fw_buf_dispose(&b);
	fw_buf_init(&b);
	assert_int_equal(fw_refi_project_xml(&b, p, &e), 0);
	assert_true(validates("Project.xsd", b.ptr, b.len));
	assert_non_null(strstr(b.ptr, "charter:cell agreement="));
	assert_non_null(strstr(b.ptr, "charter:rule scope="));
	/* charter's own, where the standard allows a Description */
	assert_non_null(strstr(b.ptr, "charter:cell draft=1 agreement="));
	assert_non_null(strstr(b.ptr, "charter:suggestion origin=rule "
				      "status=rejected"));
	assert_non_null(strstr(b.ptr, "charter:coding origin=rule "
				      "status=confirmed"));
	assert_non_null(strstr(b.ptr, "<Description>charter:settings\n"));
	fw_buf_dispose(&b);
	/* the .qdpx: project.qde and sources/GUID.txt without a BOM */
	char out[512];
	snprintf(out, sizeof out, "%s", tu_path("v.qdpx"));
	fw_refi_counts n;
	assert_int_equal(fw_refi_export(&n, p, out, &e), 0);
	assert_int_equal(n.sources, 3);
	char *qde = unzip_entry(out, "project.qde");
	assert_true(validates("Project.xsd", qde, strlen(qde)));
	free(qde);
	char *list = dump(tu_path("v.charter"),
			  "SELECT guid FROM source ORDER BY name");
	char guid[40];
	memcpy(guid, list, 36);
	guid[36] = 0;
	free(list);
	char entry[80];
	snprintf(entry, sizeof entry, "sources/%s.txt", guid);
	char *txt = unzip_entry(out, entry);
	assert_true(strlen(txt) > 100);
	assert_false(txt[0] == '\xEF');
	free(txt);
	fw_project_free(p);
}

static const char *const same_sql[] = {
	"SELECT guid, number, name, coalesce(definition,''), coalesce(use_when,''),"
	" coalesce(not_when,''), coalesce(example,''), coalesce(color,'') FROM code"
	" ORDER BY number",
	"SELECT guid, name, text FROM source ORDER BY guid",
	"SELECT c.guid, c.name, group_concat(a.name || '=' || v.value, ';') FROM"
	" \"case\" c LEFT JOIN case_value v ON v.case_id=c.id LEFT JOIN attribute a"
	" ON a.id=v.attribute_id GROUP BY c.id ORDER BY c.guid",
	"SELECT g.guid, k.guid, s.guid, g.start, g.\"end\", g.line_start,"
	" g.line_end, g.origin, w.name FROM coding g JOIN code k ON k.id=g.code_id"
	" JOIN source s ON s.id=g.source_id LEFT JOIN coder w ON w.id=g.coder_id"
	" ORDER BY g.guid",
	"SELECT c.name, k.number, l.summary, coalesce(l.agreement,'') FROM cell l"
	" JOIN \"case\" c ON c.id=l.case_id JOIN code k ON k.id=l.code_id ORDER BY"
	" 1, 2",
	"SELECT k.number, r.pattern, r.flags, r.scope, r.speaker_role FROM rule r"
	" JOIN code k ON k.id=r.code_id ORDER BY 1, 2",
	"SELECT c.guid, s.guid FROM case_source x JOIN \"case\" c ON c.id=x.case_id"
	" JOIN source s ON s.id=x.source_id ORDER BY 1, 2",
	/* what charter keeps beyond the standard: statuses, who decided,
	 * the rule, drafts, settings, memos on their targets, coders */
	"SELECT g.guid, g.status, coalesce(v.name, ''), coalesce(g.reviewed_at,"
	" ''), coalesce(k.number || ' ' || r.pattern, '') FROM coding g LEFT JOIN"
	" coder v ON v.id = g.reviewer_id LEFT JOIN rule r ON r.id = g.rule_id"
	" LEFT JOIN code k ON k.id = r.code_id ORDER BY g.guid",
	"SELECT c.name, k.number, l.draft FROM cell l JOIN \"case\" c ON"
	" c.id=l.case_id JOIN code k ON k.id=l.code_id ORDER BY 1, 2",
	"SELECT key, value FROM setting WHERE key IN ('codebook_title',"
	" 'group_by') ORDER BY 1",
	"SELECT m.guid, m.kind, m.target, coalesce(s.guid, ''),"
	" coalesce(m.start, -1), coalesce(m.\"end\", -1), coalesce(c.guid, ''),"
	" coalesce(k.guid, ''), coalesce(m.grp, ''), m.text, coalesce(w.name, '')"
	" FROM memo m LEFT JOIN source s ON s.id = m.source_id LEFT JOIN"
	" \"case\" c ON c.id = m.case_id LEFT JOIN code k ON k.id = m.code_id"
	" LEFT JOIN coder w ON w.id = m.coder_id ORDER BY m.guid",
	"SELECT guid, name FROM coder ORDER BY guid",
};

/* What a researcher leaves in a project beyond codings and summaries:
 * a suggestion rejected and one pending (decided by someone), a second
 * coder's identical coding, a draft, the grouping attribute, a memo on
 * every kind of target. */
static void richer(fw_project *p)
{
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(fw_project_begin(p, &e), 0);
	long long one =
		fw_query_int(p, 0,
			     "SELECT min(id) FROM coding WHERE origin = "
			     "'rule'",
			     "");
	long long two =
		fw_query_int(p, 0,
			     "SELECT max(id) FROM coding WHERE origin = "
			     "'rule'",
			     "");
	long n;
	fw_review_filter f = {.id = one};
	assert_int_equal(fw_review_decide(&n, p, &f, FW_REJECTED, "rita", &e),
			 0);
	f.id = two;
	assert_int_equal(fw_review_decide(&n, p, &f, FW_SUGGESTED, NULL, &e),
			 0);
	assert_int_equal(
		fw_code_lines(NULL, p, "C01", NULL, 5, 5, "1.1", "ann", &e), 0);
	assert_int_equal(
		fw_code_lines(NULL, p, "C01", NULL, 5, 5, "1.1", "ben", &e), 0);
	assert_int_equal(fw_setting_set(p, "group_by", "actor_group", &e), 0);
	assert_int_equal(fw_run(p, &e, "t", NULL,
				"UPDATE cell SET draft = 1 WHERE id = (SELECT "
				"min(id) FROM cell)",
				""),
			 0);
	const fw_memo_target ts[] = {
		{.source = "c01.txt"},
		{.source = "c01.txt", .line_start = 5, .line_end = 5},
		{.case_name = "C02"},
		{.code = "1.2"},
		{.case_name = "C01", .code = "1.1"},
		{.code = "1", .group = "client"},
		{0}};
	for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
		long long id;
		char text[32];
		snprintf(text, sizeof text, "memo %zu", i);
		if (fw_memo_add(&id, p, &ts[i], i % 2 ? "analytic" : "method",
				NULL, text, "ann", &e))
			fail_msg("memo %zu: %s", i, e.msg);
	}
	assert_int_equal(fw_project_commit(p, &e), 0);
}

static void strip_dates(char *s)
{
	/* creationDateTime="..." of the export itself differ; blank them all
	 * in both documents before comparing */
	char *p = s;
	while ((p = strstr(p, "creationDateTime=\""))) {
		p += 18;
		while (*p && *p != '"')
			*p++ = 'x';
	}
}

static void test_round_trip(void **s)
{
	(void)s;
	fw_project *p = tu_study("a.charter", 1);
	richer(p);
	fw_error e;
	char x1[512], x2[512];
	snprintf(x1, sizeof x1, "%s", tu_path("a.qdpx"));
	fw_refi_counts n;
	assert_int_equal(fw_refi_export(&n, p, x1, &e), 0);
	fw_project_free(p);
	fw_project *q = tu_project("b.charter");
	fw_refi_result r;
	import_ok(&r, q, x1);
	assert_int_equal(fw_diags_count(&r.diags, FW_DIAG_NOTE),
			 0); /* nothing dropped */
	assert_int_equal(n.suggestions, 2);
	assert_int_equal(r.codings, n.codings + n.suggestions);
	assert_int_equal(r.summaries, n.summaries);
	fw_refi_result_dispose(&r);
	for (size_t i = 0; i < sizeof same_sql / sizeof same_sql[0]; i++) {
		char *a = dump(tu_path("a.charter"), same_sql[i]);
		char *b = dump(tu_path("b.charter"), same_sql[i]);
		if (strcmp(a, b))
			fail_msg(
				"differs after the round trip: %s\n--- before\n%.600s\n"
				"--- after\n%.600s",
				same_sql[i], a, b);
		free(a);
		free(b);
	}
	/* exporting again gives the same document apart from its date */
	snprintf(x2, sizeof x2, "%s", tu_path("b.qdpx"));
	assert_int_equal(fw_refi_export(&n, q, x2, &e), 0);
	char *d1 = unzip_entry(x1, "project.qde"),
	     *d2 = unzip_entry(x2, "project.qde");
	strip_dates(d1);
	strip_dates(d2);
	/* the project's name is the file's */
	char *n1 = strstr(d1, " name=\"a\""), *n2 = strstr(d2, " name=\"b\"");
	assert_non_null(n1);
	assert_non_null(n2);
	n1[7] = 'b';
	if (strcmp(d1, d2)) {
		tu_write("/tmp/charter-refi-d1.xml", d1, strlen(d1));
		tu_write("/tmp/charter-refi-d2.xml", d2, strlen(d2));
		fail_msg(
			"the second export differs (see /tmp/charter-refi-d[12].xml)");
	}
	free(d1);
	free(d2);
	/* importing the same file again adds nothing */
	import_ok(&r, q, x1);
	assert_int_equal(r.codes + r.sources + r.cases + r.codings, 0);
	assert_true(r.codes_matched > 0 && r.sources_matched == 3);
	fw_refi_result_dispose(&r);
	fw_project_free(q);
}

static int word(const char *t, long i)
{
	unsigned char c = (unsigned char)t[i];
	return isalnum(c) || c >= 0x80 || c == '\'';
}

static void test_nvivo_sample(void **s)
{
	(void)s;
	fw_project *p = tu_project("nv.charter");
	fw_refi_result r;
	import_ok(&r, p, REFI "samples/nvivo-win-12.6_oltas0517.qdpx");
	assert_int_equal(r.codes, 152);
	assert_int_equal(r.sources, 2);
	assert_int_equal(r.users, 2);
	assert_int_equal(r.codings, 303);
	fw_refi_result_dispose(&r);
	fw_project_free(p);
	/* every coding starts and ends on a word boundary (positions were
	 * UTF-16 units over CRLF text with a BOM; emoji count two) */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(tu_path("nv.charter"), &db), 0);
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(db,
				   "SELECT s.text, g.start, g.\"end\" FROM "
				   "coding g JOIN source s ON s.id=g.source_id",
				   -1, &st, NULL),
		0);
	int n = 0, good = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		long a = (long)fw_utf8_byte_at(t, len,
					       sqlite3_column_int(st, 1));
		long b = (long)fw_utf8_byte_at(t, len,
					       sqlite3_column_int(st, 2));
		int ok_a = a == 0 || !word(t, a - 1) || !word(t, a);
		int ok_b = (size_t)b >= len || !word(t, b) || !word(t, b - 1);
		n++;
		good += ok_a && ok_b;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(n, 303);
	assert_int_equal(good, 303);
}

static void test_other_samples(void **s)
{
	(void)s;
	static const struct {
		const char *file;
		int codes, memos;
		const char *dropped;
	} c[] = {
		{"atlasti-mac-8.4_standard-project.qde", 14, 2, "PDFSource"},
		{"atlasti-win-23.4_codebook.from-requal-test.qdc", 1, 0,
		 "1 set of codes"},
		{"taguette_codebook.reconstructed-from-tests.qdc", 3, 0, NULL},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "s%zu.charter", i);
		fw_project *p = tu_project(name);
		fw_refi_result r;
		char path[256];
		snprintf(path, sizeof path, REFI "samples/%s", c[i].file);
		import_ok(&r, p, path);
		assert_int_equal(r.codes, c[i].codes);
		assert_int_equal(r.memos, c[i].memos);
		if (c[i].dropped)
			assert_non_null(tu_diag(&r.diags, c[i].dropped));
		fw_refi_result_dispose(&r);
		fw_project_free(p);
	}
}

static void test_quirks(void **s)
{
	(void)s;
	fw_project *p = tu_project("q.charter");
	fw_error e;
	fw_refi_result r;
	/* Trial.qde, Sources/, namespace 0:10, braces and mixed-case GUIDs,
	 * a BOM on the .qde and the .txt, CRLF, a duplicate selection, a
	 * reference to a missing code and source, a nameless case */
	import_ok(&r, p, REFI "fixtures/quirks.qdpx");
	assert_int_equal(r.codes, 3);
	assert_int_equal(r.codings, 2);
	assert_int_equal(r.codings_duplicate, 1);
	assert_int_equal(r.refs_missing, 2);
	assert_int_equal(r.memos, 1);
	fw_refi_result_dispose(&r);
	fw_project_free(p);
	char *d = dump(tu_path("q.charter"),
		       "SELECT c.name, k.number, substr(s.text, g.start+1, "
		       "g.\"end\"-g.start) FROM coding g JOIN code k ON "
		       "k.id=g.code_id JOIN source s ON s.id=g.source_id JOIN "
		       "case_source x ON x.source_id=s.id JOIN \"case\" c ON "
		       "c.id=x.case_id ORDER BY 2");
	assert_string_equal(d, "jo|1.1|Fine \xF0\x9F\x98\x80 thanks|\n"
			       "inline|2|Part-time now.|\n");
	free(d);
	d = dump(tu_path("q.charter"),
		 "SELECT a.name, v.value FROM case_value v JOIN attribute a ON "
		 "a.id=v.attribute_id");
	assert_string_equal(d, "Age|42|\n");
	free(d);
	/* hostile and wrong files: an error, nothing added */
	static const char *const bad[] = {"slip.qdpx", "xxe.qde",
					  "notrefi.qde"};
	for (int i = 0; i < 3; i++) {
		p = tu_project("bad.charter");
		char path[128];
		snprintf(path, sizeof path, REFI "fixtures/%s", bad[i]);
		assert_int_equal(fw_project_begin(p, &e), 0);
		assert_int_not_equal(fw_refi_import(&r, p, path, &e), 0);
		fw_refi_result_dispose(&r);
		fw_project_rollback(p);
		fw_project_free(p);
	}
}

/* memos travel as notes attached to their targets (NoteRef on the code,
 * the source, a selection for a span), and come back attached */
static void test_memo_notes(void **s)
{
	(void)s;
	fw_project *p = tu_study("m.charter", 0);
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(fw_project_begin(p, &e), 0);
	struct {
		fw_memo_target t;
		const char *kind, *text;
	} m[] = {
		{{.code = "1", .group = "client"}, "analytic", "Letters alarm"},
		{{.source = "c01.txt", .line_start = 5}, "note", "Worried"},
		{{.source = "c02.txt"}, "method", "Short interview"},
		{{.case_name = "C01", .code = "1.1"}, "note", "Cell memo"},
		{{.case_name = "C02"}, "reflexive", "I led too much"},
		{{.code = "2.2"}, "note", "Providers code"},
		{{0}, "note", "Project"},
		{{.group = "client"}, "analytic", "Clients in short"},
		{{.code = "1.1", .group = "client"}, "analytic", "On 1.1"},
	};
	long long id;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (fw_memo_add(&id, p, &m[i].t, m[i].kind, NULL, m[i].text,
				"ann", &e))
			fail_msg("memo %zu: %s", i, e.msg);
	assert_int_equal(fw_project_commit(p, &e), 0);
	fw_table *before;
	assert_int_equal(
		fw_memo_list(&before, p, &(fw_memo_target){0}, NULL, &e), 0);
	assert_string_equal(fw_table_cell(before, 0, 2), "theme 1 in client");
	assert_string_equal(fw_table_cell(before, 1, 2), "c01.txt L5");
	fw_buf b;
	fw_buf_init(&b);
	assert_int_equal(fw_refi_project_xml(&b, p, &e), 0);
	assert_true(validates("Project.xsd", b.ptr, b.len));
	fw_buf_dispose(&b);
	char out[512];
	snprintf(out, sizeof out, "%s", tu_path("m.qdpx"));
	fw_refi_counts n;
	assert_int_equal(fw_refi_export(&n, p, out, &e), 0);
	fw_project *q = tu_project("m2.charter");
	fw_refi_result r;
	memset(&r, 0, sizeof r);
	import_ok(&r, q, out);
	assert_int_equal(r.memos, 9);
	assert_int_equal(r.selections_uncoded, 0);
	fw_refi_result_dispose(&r);
	fw_table *after;
	assert_int_equal(
		fw_memo_list(&after, q, &(fw_memo_target){0}, NULL, &e), 0);
	assert_int_equal(after->nrows, before->nrows);
	for (size_t i = 0; i < before->nrows; i++)
		for (size_t c = 1; c < 5; c++)
			assert_string_equal(fw_table_cell(after, i, c),
					    fw_table_cell(before, i, c));
	fw_table_free(before);
	fw_table_free(after);
	fw_project_free(q);
	fw_project_free(p);
}

/* An archive of project.qde (xml) and one source text, written here. */
static const char *archive_n(const char *name, const char *xml, size_t len)
{
	static const char text[] = "Jo: I was worried about the letter.\n";
	fw_zip_part parts[] = {
		{.name = "project.qde", .data = xml, .len = len},
		{.name = "sources/AAAAAAAA-0000-7000-8000-000000000001.txt",
		 .data = text,
		 .len = sizeof text - 1}};
	fw_error e;
	const char *path = tu_path(name);
	assert_int_equal(fw_zip_write(path, parts, 2, &e), 0);
	return path;
}

static const char *archive(const char *name, const char *xml)
{
	return archive_n(name, xml, strlen(xml));
}

/* xml as UTF-16LE with its byte-order mark, in b. */
static void utf16le(fw_buf *b, const char *xml)
{
	fw_buf_puts(b, "\xff\xfe");
	for (const char *c = xml; *c; c++) {
		fw_buf_putc(b, *c);
		fw_buf_putc(b, 0);
	}
}

#define PROJECT_OPEN                                                           \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project "                \
	"xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">\n"
#define A_SOURCE                                                               \
	"<Sources><TextSource guid=\"AAAAAAAA-0000-7000-8000-000000000001\" "  \
	"name=\"jo.txt\" plainTextPath=\"internal://"                          \
	"AAAAAAAA-0000-7000-8000-000000000001.txt\"/></Sources>\n"

/* Two selections whose codings have one GUID, into a project with no
 * codings: the first is stored, the second counted as matched, as into a
 * project that had the first already. */
static void test_repeated_coding_guid(void **s)
{
	(void)s;
	static const char xml[] = PROJECT_OPEN
		"<CodeBook><Codes><Code guid=\"CCCCCCCC-0000-7000-8000-"
		"000000000001\" name=\"Letters\" isCodable=\"true\"/>"
		"</Codes></CodeBook>\n"
		"<Sources><TextSource guid=\"AAAAAAAA-0000-7000-8000-"
		"000000000001\" name=\"jo.txt\" plainTextPath=\"internal://"
		"AAAAAAAA-0000-7000-8000-000000000001.txt\">"
		"<PlainTextSelection guid=\"BBBBBBBB-0000-7000-8000-"
		"000000000001\" startPosition=\"4\" endPosition=\"9\">"
		"<Coding guid=\"DDDDDDDD-0000-7000-8000-000000000001\">"
		"<CodeRef targetGUID=\"CCCCCCCC-0000-7000-8000-000000000001\"/>"
		"</Coding></PlainTextSelection>"
		"<PlainTextSelection guid=\"BBBBBBBB-0000-7000-8000-"
		"000000000002\" startPosition=\"16\" endPosition=\"23\">"
		"<Coding guid=\"DDDDDDDD-0000-7000-8000-000000000001\">"
		"<CodeRef targetGUID=\"CCCCCCCC-0000-7000-8000-000000000001\"/>"
		"</Coding></PlainTextSelection>"
		"</TextSource></Sources>\n</Project>";
	const char *path = archive("guid2.qdpx", xml);
	fw_project *p = tu_project("guid2.charter");
	fw_refi_result r;
	import_ok(&r, p, path);
	assert_int_equal(r.codings, 1);
	assert_int_equal(r.codings_matched, 1);
	fw_refi_result_dispose(&r);
	fw_project_free(p);
	char *d = dump(tu_path("guid2.charter"),
		       "SELECT guid, start, \"end\" FROM coding");
	assert_string_equal(d, "DDDDDDDD-0000-7000-8000-000000000001|4|9|\n");
	free(d);
}

/* The project's XML is read as a stream: what it refuses, it refuses as
 * the whole-document reader did, naming the entry and line, and nothing
 * is added; a well-formed one comes in whole. */
static void test_stream_hostile(void **s)
{
	(void)s;
	fw_error e;
	fw_refi_result r;
	/* well-formed: the source arrives */
	fw_project *p = tu_project("stream.charter");
	const char *ok = archive("ok.qdpx", PROJECT_OPEN A_SOURCE "</Project>");
	assert_int_equal(fw_project_begin(p, &e), 0);
	if (fw_refi_import(&r, p, ok, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(r.sources, 1);
	fw_refi_result_dispose(&r);
	fw_project_rollback(p);
	/* an entity declared after 200 KB of comment: found as it streams */
	fw_buf big;
	fw_buf_init(&big);
	fw_buf_puts(&big, "<?xml version=\"1.0\"?>\n");
	for (int i = 0; i < 4000; i++)
		fw_buf_puts(&big, "<!-- padding padding padding padding -->\n");
	fw_buf_puts(&big, "<!DOCTYPE Project [<!ENTITY x SYSTEM "
			  "\"file:///etc/passwd\">]>\n<Project "
			  "xmlns=\"urn:QDA-XML:project:1.0\">&x;" A_SOURCE
			  "</Project>");
	struct {
		const char *name, *xml, *says;
		int line;
	} bad[] = {
		{"xxe.qdpx", big.ptr, "declares XML entities", 4002},
		{"cut.qdpx",
		 PROJECT_OPEN A_SOURCE "<Notes><Note guid=", "malformed", 0},
		{"root.qdpx", "<?xml version=\"1.0\"?><Other/>", "root element",
		 0},
		{"empty.qdpx", "", "malformed", 0},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *path = archive(bad[i].name, bad[i].xml);
		assert_int_equal(fw_project_begin(p, &e), 0);
		fw_error_clear(&e);
		assert_int_not_equal(fw_refi_import(&r, p, path, &e), 0);
		if (!strstr(e.msg, bad[i].says))
			fail_msg("%s: %s", bad[i].name, e.msg);
		if (bad[i].line)
			assert_int_equal(e.line, bad[i].line);
		if (!strstr(e.file, "project.qde"))
			fail_msg("%s: %s: %s", bad[i].name, e.file, e.msg);
		fw_refi_result_dispose(&r);
		fw_project_rollback(p);
		fw_table *t;
		assert_int_equal(fw_source_list(&t, p, &e), 0);
		assert_int_equal(t->nrows, 0);
		fw_table_free(t);
	}
	fw_buf_dispose(&big);
	/* encodings that hide an entity declaration from a byte search:
	 * UTF-16 is read and the parsed document type refused; UTF-7 and
	 * ISO-2022-JP are refused outright */
	fw_buf w;
	fw_buf_init(&w);
	utf16le(&w, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		    "<!DOCTYPE Project [<!ENTITY a \"aaaaaaaaaa\">\n"
		    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
		    "<Project xmlns=\"urn:QDA-XML:project:1.0\">&b;" A_SOURCE
		    "</Project>");
	const char *hidden[][3] = {
		{"utf16.qdpx", NULL, "declares XML entities"},
		{"utf7.qdpx",
		 "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n"
		 "+ADwAIQ-DOCTYPE Project +AFsAPAAh-ENTITY a \"x\"+AD4AXQA+-\n"
		 "<Project/>",
		 "encoding UTF-7"},
		{"jis.qdpx",
		 "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n"
		 "<!DOCTYPE Project [<!\x1b(BENTITY a \"x\">]>\n<Project/>",
		 "encoding ISO-2022-JP"},
	};
	for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
		const char *path =
			hidden[i][1] ? archive(hidden[i][0], hidden[i][1])
				     : archive_n(hidden[i][0], w.ptr, w.len);
		assert_int_equal(fw_project_begin(p, &e), 0);
		fw_error_clear(&e);
		assert_int_not_equal(fw_refi_import(&r, p, path, &e), 0);
		if (!strstr(e.msg, hidden[i][2]))
			fail_msg("%s: %s", hidden[i][0], e.msg);
		assert_true(e.line >= 1);
		fw_refi_result_dispose(&r);
		fw_project_rollback(p);
	}
	fw_buf_dispose(&w);
	/* a truncated archive: not a zip */
	const char *whole =
		archive("whole.qdpx", PROJECT_OPEN A_SOURCE "</Project>");
	char *data;
	size_t len;
	assert_int_equal(fw_file_read(&data, &len, whole, 1 << 20, &e), 0);
	tu_write(tu_path("half.qdpx"), data, len / 2);
	free(data);
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_not_equal(fw_refi_import(&r, p, tu_path("half.qdpx"), &e),
			     0);
	assert_non_null(strstr(e.msg, "zip"));
	fw_refi_result_dispose(&r);
	fw_project_rollback(p);
	fw_project_free(p);
}

/* A bare project file whose texts sit beside it in sources/ (as ATLAS.ti
 * leaves them), and a source whose plain text is empty but whose rich
 * text (a DOCX, as NVivo 15 for Mac writes) holds the transcript. */
static void test_sources_beside_and_rich(void **s)
{
	(void)s;
	char dir[600];
	snprintf(dir, sizeof dir, "%s", tu_path("atlas"));
	char cmd[700];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/sources'", dir);
	assert_int_equal(system(cmd), 0);
	char path[700];
	snprintf(path, sizeof path, "%s/sources/T1.txt", dir);
	/* ATLAS.ti counts CRLF as one */
	TU_WRITE_STR(path, "Jo: I was worried\r\nabout the letter.\r\n");
	static const char docxml[] =
		"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://"
		"schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
		"<w:p><w:r><w:t>Sam: The adviser rang me.</w:t></w:r></w:p>"
		"</w:body></w:document>";
	static const char types[] =
		"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas."
		"openxmlformats.org/package/2006/content-types\"/>";
	fw_zip_part parts[] = {{.name = "[Content_Types].xml",
				.data = types,
				.len = sizeof types - 1},
			       {.name = "word/document.xml",
				.data = docxml,
				.len = sizeof docxml - 1}};
	fw_error e;
	snprintf(path, sizeof path, "%s/sources/R2.docx", dir);
	assert_int_equal(fw_zip_write(path, parts, 2, &e), 0);
	snprintf(path, sizeof path, "%s/sources/T2.txt", dir);
	TU_WRITE_STR(path, "");
	static const char qde[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project "
		"xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\" origin=\"ATLAS.ti "
		"8.4\"><CodeBook><Codes><Code guid=\"C0000000-0000-4000-8000-"
		"000000000001\" name=\"Worry\" isCodable=\"true\"/><Code "
		"guid=\"C0000000-0000-4000-8000-000000000002\" name=\"Adviser\" "
		"isCodable=\"true\"/></Codes></CodeBook><Sources><TextSource "
		"guid=\"50000000-0000-4000-8000-000000000001\" name=\"jo.docx\" "
		"plainTextPath=\"internal://T1.txt\"><PlainTextSelection "
		"guid=\"A0000000-0000-4000-8000-000000000001\" startPosition=\"4\" "
		"endPosition=\"35\"><Coding guid=\"B0000000-0000-4000-8000-"
		"000000000001\"><CodeRef targetGUID=\"C0000000-0000-4000-8000-"
		"000000000001\"/></Coding></PlainTextSelection></TextSource>"
		"<TextSource guid=\"50000000-0000-4000-8000-000000000002\" "
		"name=\"sam.docx\" plainTextPath=\"internal://T2.txt\" "
		"richTextPath=\"internal://R2.docx\"><PlainTextSelection "
		"guid=\"A0000000-0000-4000-8000-000000000002\" startPosition=\"9\" "
		"endPosition=\"16\"><Coding guid=\"B0000000-0000-4000-8000-"
		"000000000002\"><CodeRef targetGUID=\"C0000000-0000-4000-8000-"
		"000000000002\"/></Coding></PlainTextSelection></TextSource>"
		"<TextSource guid=\"50000000-0000-4000-8000-000000000003\" "
		"name=\"gone.docx\" plainTextPath=\"internal://../../etc/"
		"passwd\"><PlainTextSelection guid=\"A0000000-0000-4000-8000-"
		"000000000003\" startPosition=\"0\" endPosition=\"3\"><Coding "
		"guid=\"B0000000-0000-4000-8000-000000000003\"><CodeRef "
		"targetGUID=\"C0000000-0000-4000-8000-000000000002\"/></Coding>"
		"</PlainTextSelection></TextSource></Sources></Project>\n";
	snprintf(path, sizeof path, "%s/p.qde", dir);
	TU_WRITE_STR(path, qde);
	fw_project *p = tu_project("beside.charter");
	fw_refi_result r;
	import_ok(&r, p, path);
	assert_int_equal(r.sources, 2);
	assert_int_equal(r.codings, 2);
	/* the third's name would leave sources/: not followed, and its
	 * coding counted as lost */
	assert_int_equal(r.codings_lost, 1);
	assert_non_null(
		tu_diag(&r.diags, "source 'gone.docx' and its 1 coding"));
	assert_non_null(tu_diag(&r.diags, "read from its rich text"));
	fw_refi_result_dispose(&r);
	fw_project_free(p);
	char *d = dump(tu_path("beside.charter"),
		       "SELECT s.name, k.name, substr(s.text, g.start + 1, "
		       "g.\"end\" - g.start) FROM coding g JOIN source s ON "
		       "s.id = g.source_id JOIN code k ON k.id = g.code_id "
		       "ORDER BY s.name");
	assert_non_null(strstr(d, "jo.docx|Worry|I was worried\nabout the "
				  "letter."));
	assert_non_null(strstr(d, "sam.docx|Adviser|adviser"));
	free(d);
}

TU_MAIN(cmocka_unit_test(test_sources_beside_and_rich),
	cmocka_unit_test(test_exports_validate),
	cmocka_unit_test(test_stream_hostile),
	cmocka_unit_test(test_repeated_coding_guid),
	cmocka_unit_test(test_memo_notes), cmocka_unit_test(test_round_trip),
	cmocka_unit_test(test_nvivo_sample),
	cmocka_unit_test(test_other_samples), cmocka_unit_test(test_quirks));
