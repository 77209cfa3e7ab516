/*
 * test_formats.c: format detection and the readers of structured
 * transcripts (captions, exports, XML, Office documents), their times,
 * labels and refusals of hostile input.
 */
#include "testutil.h"
#include "zipio.h"

#define FX "../golden/fixtures/formats/"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	b[n] = 0;
	*len = (size_t)n;
	return b;
}

static fw_transcript *parse_mem(const char *data, size_t len, const char *name,
				int fmt, fw_error *e)
{
	fw_ingest_opts o = {0};
	o.allow_cp1252 = 1;
	o.format = fmt;
	fw_transcript *t = NULL;
	fw_error_clear(e);
	if (fw_transcript_parse(&t, data, len, name, &o, e))
		return NULL;
	return t;
}

static fw_transcript *parse_file(const char *name)
{
	size_t len;
	char path[256];
	snprintf(path, sizeof path, FX "%s", name);
	char *d = slurp(path, &len);
	fw_error e;
	fw_transcript *t = parse_mem(d, len, path, 0, &e);
	free(d);
	if (!t)
		fail_msg("%s: %s", name, e.msg);
	return t;
}

static int role(const fw_transcript *t, size_t k)
{
	return t->turns[k].speaker < 0 ? -1
				       : t->speakers[t->turns[k].speaker].role;
}

static void test_detection(void **s)
{
	(void)s;
	static const struct {
		const char *data, *path;
		int want;
	} c[] = {
		{"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "x.txt", FW_TF_VTT},
		{"1\n00:00:01,000 --> 00:00:02,000\nhi\n", "x", FW_TF_SRT},
		{"00:00:01.000 --> 00:00:02.000\nhi\n", "x", FW_TF_VTT},
		{"00:00:01.000 --> 00:00:02.000\nhi\n", "x.srt", FW_TF_SRT},
		{"<?xml version=\"1.0\"?>\n<!-- c -->\n<TEI><text/></TEI>",
		 "x.xml", FW_TF_TEI},
		{"<?xml version=\"1.0\"?><ANNOTATION_DOCUMENT/>", "x.xml",
		 FW_TF_EAF},
		{"<?xml version=\"1.0\"?><!DOCTYPE Trans SYSTEM \"t.dtd\"><Trans/>",
		 "x", FW_TF_TRS},
		{"<!DOCTYPE html><html><body><p>x</p></body></html>", "x.txt",
		 FW_TF_HTML},
		{"0:00:00.0 - 0:00:05.2\tHello\tInterviewer\n", "x.txt",
		 FW_TF_TSV},
		{"Interviewer: hello\nJo: hi\n", "x.md", FW_TF_MD},
		{"Interviewer: hello\nJo: hi\n", "x.txt", FW_TF_TXT},
		{"Interviewer: hello\nJo: hi\n", "x", FW_TF_TXT},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if (fw_format_detect(c[i].data, strlen(c[i].data), c[i].path) !=
		    c[i].want)
			fail_msg("case %zu (%s): got %s, want %s", i, c[i].path,
				 fw_format_name(fw_format_detect(
					 c[i].data, strlen(c[i].data),
					 c[i].path)),
				 fw_format_name(c[i].want));
	assert_int_equal(fw_format_from_name("webvtt"), FW_TF_VTT);
	assert_int_equal(fw_format_from_name("markdown"), FW_TF_MD);
	assert_int_equal(fw_format_from_name("nonsense"), -1);
}

static void test_vtt_merges_cues_and_keeps_times(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("zoom.vtt");
	assert_int_equal(t->nturns, 4);
	assert_string_equal(tu_who(t, 1), "Sarah");
	/* cues 2 and 3 are one turn: from the start of 2 to the end of 3 */
	assert_int_equal(t->turns[1].t_start_ms, 4500);
	assert_int_equal(t->turns[1].t_end_ms, 12000);
	assert_string_equal(tu_turn_text(t, 1),
			    "Well, I got a letter & then a phone call from the "
			    "provider. It was a bit of a <shock>, honestly.");
	/* "Interviewer:" prefix, no voice tag */
	assert_string_equal(tu_who(t, 2), "Interviewer");
	assert_int_equal(role(t, 2), FW_ROLE_INTERVIEWER);
	/* the NOTE, STYLE and REGION blocks are not speech */
	assert_null(strstr(t->text, "NOTE"));
	assert_null(strstr(t->text, "yellow"));
	assert_string_equal(tu_turn_text(t, 3), "I went along. Reluctantly.");
	fw_transcript_free(t);
}

static void test_srt_prefixes_tags_entities(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("unnumbered-dot.srt");
	assert_int_equal(t->nturns, 3);
	TU_TURN(t, 0, "INTERVIEWER", "Right, we're recording.");
	/* an unlabelled cue continues the speaker before it */
	assert_string_equal(
		tu_turn_text(t, 1),
		"OK. I'm a bit nervous. It's fine, I've done this before.");
	assert_int_equal(t->turns[1].t_start_ms, 2500);
	assert_int_equal(t->turns[1].t_end_ms, 7000);
	fw_transcript_free(t);
}

static void test_tsv_header_and_guess(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("nvivo.tsv");
	assert_int_equal(t->nturns, 2);
	TU_TURN(t, 1, "Jo", "I work, part-time, \"in a shop\"");
	assert_int_equal(t->turns[1].t_start_ms, 5200);
	assert_int_equal(t->turns[1].t_end_ms, 12900);
	fw_transcript_free(t);
	t = parse_file("noheader.tsv");
	assert_int_equal(t->nturns, 4);
	assert_string_equal(tu_who(t, 3), "Karen");
	assert_int_equal(t->turns[3].t_start_ms, 14000);
	fw_transcript_free(t);
}

static void test_docx_layout_labels(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("docx-bold.docx");
	/* header, then bold labels; deletions, footnotes, comments left out */
	assert_int_equal(t->turns[0].speaker, -1);
	TU_TURN(t, 2, "Jo", "I got a letter. It was quite sudden.");
	assert_null(strstr(t->text, "very"));
	assert_null(strstr(t->text, "FOOTNOTE"));
	/* a line break and a tab kept; "Note:" is not a speaker */
	assert_string_equal(tu_turn_text(t, 4),
			    "First line\nsecond line\tafter tab\n"
			    "Note: not a speaker, continues Jo.");
	assert_int_equal(t->turns[4].line_start, 5);
	assert_int_equal(t->turns[4].line_end, 7);
	fw_transcript_free(t);
	t = parse_file("docx-table.docx");
	TU_TURN(t, 2, "Maria", "They sent me to the provider.");
	fw_transcript_free(t);
	t = parse_file("docx-tabcol.docx");
	assert_int_equal(t->nturns, 4);
	assert_string_equal(tu_who(t, 1), "Ann");
	fw_transcript_free(t);
}

static void test_odt_and_html(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("odt-bold.odt");
	assert_null(strstr(t->text, "DELETED"));
	assert_null(strstr(t->text, "COMMENT"));
	assert_null(strstr(t->text, "FOOTNOTE"));
	assert_string_equal(tu_who(t, 4), "Priya"); /* bold run, then ": " */
	fw_transcript_free(t);
	t = parse_file("labels.html");
	assert_null(strstr(t->text, "SCRIPT"));
	assert_null(strstr(t->text, "TITLE"));
	assert_null(strstr(t->text, "color"));
	assert_string_equal(tu_turn_text(t, 1),
			    "How long have you been claiming?");
	assert_string_equal(tu_turn_text(t, 2),
			    "About two years.\nMaybe three.");
	fw_transcript_free(t);
}

static void test_tei_eaf_trs(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("interview.tei");
	assert_string_equal(tu_who(t, 0),
			    "Researcher Kay"); /* role="interviewer" */
	assert_int_equal(role(t, 0), FW_ROLE_INTERVIEWER);
	assert_string_equal(tu_turn_text(t, 1), "It was alright really.");
	assert_int_equal(t->turns[1].t_end_ms, 7000);
	fw_transcript_free(t);
	t = parse_file("interview.eaf");
	/* ordered by time across tiers; the dependent tier left out */
	assert_string_equal(tu_who(t, 0), "Interviewer");
	assert_string_equal(tu_who(t, 1), "Lee");
	assert_string_equal(tu_who(t, 2), "Interviewer");
	assert_null(strstr(t->text, "GLOSS"));
	fw_transcript_free(t);
	t = parse_file("latin1.trs");
	assert_string_equal(t->encoding, "ISO-8859-1");
	assert_string_equal(tu_who(t, 1), "Ren\xc3\xa9"
					  "e");
	assert_string_equal(tu_turn_text(t, 1), "Yes, I did. It was good.");
	/* overlapping speech split by <Who> */
	assert_string_equal(tu_who(t, 3), "Ren\xc3\xa9"
					  "e");
	assert_string_equal(tu_turn_text(t, 3), "Yes.");
	fw_transcript_free(t);
}

static void test_hostile_xml_and_zip(void **s)
{
	(void)s;
	static const char *const bad[] = {
		"hostile-xxe.xml",       "hostile-laughs.xml",
		"hostile-slip.docx",     "hostile-absolute.docx",
		"hostile-bomb.docx",     "hostile-huge.docx",
		"hostile-truncated.docx"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t len;
		char path[256];
		snprintf(path, sizeof path, FX "%s", bad[i]);
		char *d = slurp(path, &len);
		fw_error e;
		fw_transcript *t = parse_mem(d, len, path, 0, &e);
		free(d);
		if (t)
			fail_msg("%s was accepted", bad[i]);
		assert_string_equal(e.file, path);
	}
	/* an external entity never reaches the parser, whatever the format */
	const char *xxe =
		"<?xml version=\"1.0\"?><!DOCTYPE Trans [<!ENTITY x "
		"SYSTEM \"file:///etc/passwd\">]><Trans><Episode><Section>"
		"<Turn speaker=\"a\">&x;</Turn></Section></Episode></Trans>";
	fw_error e;
	assert_null(parse_mem(xxe, strlen(xxe), "x.trs", FW_TF_TRS, &e));
	assert_non_null(strstr(e.msg, "entities"));
	/* nor in an encoding that hides it from a byte search: UTF-7 and
	 * ISO-2022 are refused; EBCDIC and UCS-4 too */
	static const struct {
		const char *xml;
		size_t len;
		const char *says;
	} hidden[] = {
		{"<?xml version=\"1.0\" encoding=\"UTF-7\"?>"
		 "+ADwAIQ-DOCTYPE TEI +AFsAPAAh-ENTITY a \"x\"+AD4AXQA+-"
		 "<TEI><text><u who=\"#a\">hi</u></text></TEI>",
		 0, "encoding UTF-7"},
		{"<?xml version='1.0' encoding='iso-2022-jp-2'?><!DOCTYPE TEI "
		 "[<!\x1b(BENTITY a 'x'>]><TEI/>",
		 0, "encoding iso-2022-jp-2"},
		{"\x4c\x6f\xa7\x94<TEI/>", 10, "EBCDIC"},
		{"\0\0\0<\0\0\0T", 8, "UCS-4"},
	};
	for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
		size_t n =
			hidden[i].len ? hidden[i].len : strlen(hidden[i].xml);
		assert_null(
			parse_mem(hidden[i].xml, n, "x.tei", FW_TF_TEI, &e));
		if (!strstr(e.msg, hidden[i].says))
			fail_msg("%zu: %s", i, e.msg);
		assert_int_equal(e.line, 1);
	}
	/* every text node is bounded: one of 11 MB is refused, by name */
	fw_buf big;
	fw_buf_init(&big);
	fw_buf_puts(&big, "<?xml version=\"1.0\"?><TEI><text><u who=\"#a\">");
	for (int i = 0; i < 2200000; i++)
		fw_buf_puts(&big, "word ");
	fw_buf_puts(&big, "</u></text></TEI>");
	assert_null(parse_mem(big.ptr, big.len, "big.tei", FW_TF_TEI, &e));
	assert_non_null(strstr(e.msg, "longer than 10,000,000 bytes"));
	fw_buf_dispose(&big);
	/* a document that declares ISO-8859-1 is still read */
	const char *latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
			    "<TEI><text><u who=\"#a\">caf\xe9</u></text></TEI>";
	fw_transcript *t =
		parse_mem(latin, strlen(latin), "l.tei", FW_TF_TEI, &e);
	if (!t)
		fail_msg("%s", e.msg);
	fw_transcript_free(t);
}

/* A DOCX whose body is body (WordprocessingML), as bytes in b. */
static void docx_of(fw_buf *b, const char *body)
{
	fw_buf doc;
	fw_buf_init(&doc);
	fw_buf_printf(&doc,
		      "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"http://"
		      "schemas.openxmlformats.org/wordprocessingml/2006/main\">"
		      "\n<w:body>\n%s\n</w:body></w:document>",
		      body);
	static const char ct[] =
		"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas."
		"openxmlformats.org/package/2006/content-types\"><Override "
		"PartName=\"/word/document.xml\" ContentType=\"application/"
		"vnd.openxmlformats-officedocument.wordprocessingml.document."
		"main+xml\"/></Types>";
	fw_zip_part parts[] = {
		{.name = "[Content_Types].xml",
		 .data = ct,
		 .len = sizeof ct - 1},
		{.name = "word/document.xml", .data = doc.ptr, .len = doc.len}};
	fw_error e;
	assert_int_equal(fw_zip_write(tu_path("made.docx"), parts, 2, &e), 0);
	fw_buf_dispose(&doc);
	size_t len;
	char *d = slurp(tu_path("made.docx"), &len);
	fw_buf_put(b, d, len);
	free(d);
}

#define PARA(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"

/* Content nested past charter's depth, or a row wider than it reads, is
 * refused with the file and line, never left out with exit 0. */
static void test_nothing_dropped_silently(void **s)
{
	(void)s;
	fw_error e;
	fw_buf b, body;
	/* 40 levels of content controls around one turn */
	fw_buf_init(&body);
	fw_buf_puts(&body, PARA("A: Hello.") "\n");
	for (int i = 0; i < 40; i++)
		fw_buf_puts(&body, "<w:sdt><w:sdtContent>\n");
	fw_buf_puts(&body, PARA("B: Deep inside."));
	for (int i = 0; i < 40; i++)
		fw_buf_puts(&body, "</w:sdtContent></w:sdt>");
	fw_buf_init(&b);
	docx_of(&b, body.ptr);
	fw_transcript *t = parse_mem(b.ptr, b.len, "deep.docx", 0, &e);
	assert_null(t);
	assert_non_null(strstr(e.msg, "nested more than 32 levels deep"));
	assert_true(e.line > 10); /* the element past the depth, not line 1 */
	fw_buf_dispose(&b);
	fw_buf_dispose(&body);
	/* ten levels read as before */
	fw_buf_init(&body);
	for (int i = 0; i < 10; i++)
		fw_buf_puts(&body, "<w:sdt><w:sdtContent>");
	fw_buf_puts(&body, PARA("B: Ten down."));
	for (int i = 0; i < 10; i++)
		fw_buf_puts(&body, "</w:sdtContent></w:sdt>");
	fw_buf_init(&b);
	docx_of(&b, body.ptr);
	t = parse_mem(b.ptr, b.len, "ten.docx", 0, &e);
	if (!t)
		fail_msg("%s", e.msg);
	assert_non_null(strstr(t->text, "Ten down."));
	fw_transcript_free(t);
	fw_buf_dispose(&b);
	fw_buf_dispose(&body);
	/* a table row of 70 cells */
	fw_buf_init(&body);
	fw_buf_puts(&body, "<w:tbl><w:tr>");
	for (int i = 0; i < 70; i++)
		fw_buf_printf(&body, "<w:tc>" PARA("cell %d") "</w:tc>", i);
	fw_buf_puts(&body, "</w:tr></w:tbl>");
	fw_buf_init(&b);
	docx_of(&b, body.ptr);
	assert_null(parse_mem(b.ptr, b.len, "wide.docx", 0, &e));
	assert_non_null(strstr(e.msg, "more than 64 cells"));
	fw_buf_dispose(&b);
	fw_buf_dispose(&body);
	/* HTML 300 levels deep */
	fw_buf_init(&b);
	fw_buf_puts(&b, "<html><body><p>A: Hello.</p>\n");
	for (int i = 0; i < 300; i++)
		fw_buf_puts(&b, "<div>");
	fw_buf_puts(&b, "<p>B: Deep.</p>");
	for (int i = 0; i < 300; i++)
		fw_buf_puts(&b, "</div>");
	fw_buf_puts(&b, "</body></html>\n");
	assert_null(parse_mem(b.ptr, b.len, "deep.html", 0, &e));
	assert_non_null(strstr(e.msg, "levels deep"));
	assert_string_equal(e.file, "deep.html");
	fw_buf_dispose(&b);
}

/* The transcript of body (DOCX paragraphs, or HTML inside <body>), or
 * NULL with the error in e. */
static fw_transcript *made(const char *body, int html, fw_error *e)
{
	fw_buf b;
	fw_buf_init(&b);
	if (html)
		fw_buf_printf(&b,
			      "<html><body><p>A: Hello.</p>\n%s</body></html>",
			      body);
	else
		docx_of(&b, body);
	fw_transcript *t =
		parse_mem(b.ptr, b.len, html ? "n.html" : "n.docx", 0, e);
	fw_buf_dispose(&b);
	return t;
}

/* body: open n times, inner, close n times (or a row of n cells) */
static int read_at(const char *open, const char *inner, const char *close,
		   int n, int html, const char *want)
{
	fw_buf body;
	fw_buf_init(&body);
	if (!html)
		fw_buf_puts(&body, PARA("A: Hello.") "\n");
	for (int i = 0; i < n; i++)
		fw_buf_puts(&body, open);
	fw_buf_puts(&body, inner);
	for (int i = 0; i < n; i++)
		fw_buf_puts(&body, close);
	fw_error e;
	fw_transcript *t = made(body.ptr, html, &e);
	fw_buf_dispose(&body);
	int ok = t && strstr(t->text, want);
	if (!t && !strstr(e.msg, "levels deep") && !strstr(e.msg, "cells"))
		fail_msg("%d levels: %s", n, e.msg);
	fw_transcript_free(t);
	return ok;
}

/* The markup bounds at their edge: DOCX blocks 32 levels (an <w:sdt>
 * with its <w:sdtContent> is two), runs 64 levels inside a paragraph, a
 * table row 64 cells; HTML 128 elements deep counting <html> and
 * <body>.  One more is refused.  Right-to-left runs (<w:dir>, <w:bdo>)
 * and a paragraph moved with tracked changes are read, not dropped. */
static void test_markup_edges(void **s)
{
	(void)s;
	const char *sdt = "<w:sdt><w:sdtContent>",
		   *sdt_ = "</w:sdtContent></w:sdt>";
	assert_true(read_at(sdt, PARA("B: Deep."), sdt_, 16, 0, "Deep."));
	assert_false(read_at(sdt, PARA("B: Deep."), sdt_, 17, 0, "Deep."));
	for (int n = 64; n <= 65; n++) {
		fw_buf in;
		fw_buf_init(&in);
		fw_buf_puts(&in, "<w:p>");
		for (int i = 0; i < n; i++)
			fw_buf_puts(&in, "<w:hyperlink>");
		fw_buf_puts(&in, "<w:r><w:t>B: Linked.</w:t></w:r>");
		for (int i = 0; i < n; i++)
			fw_buf_puts(&in, "</w:hyperlink>");
		fw_buf_puts(&in, "</w:p>");
		assert_int_equal(read_at("", in.ptr, "", 0, 0, "Linked."),
				 n == 64);
		fw_buf_dispose(&in);
	}
	for (int n = 64; n <= 65; n++) {
		fw_buf row;
		fw_buf_init(&row);
		fw_buf_puts(&row, "<w:tbl><w:tr>");
		for (int i = 0; i < n; i++)
			fw_buf_printf(&row, "<w:tc>" PARA("B: c%d") "</w:tc>",
				      i);
		fw_buf_puts(&row, "</w:tr></w:tbl>");
		assert_int_equal(read_at("", row.ptr, "", 0, 0, "c63"),
				 n == 64);
		fw_buf_dispose(&row);
	}
	assert_true(
		read_at("<div>", "<p>B: Deep.</p>", "</div>", 125, 1, "Deep."));
	assert_false(
		read_at("<div>", "<p>B: Deep.</p>", "</div>", 126, 1, "Deep."));
	assert_true(read_at("<span>", "B: deep", "</span>", 126, 1, "deep"));
	assert_false(read_at("<span>", "B: deep", "</span>", 127, 1, "deep"));
	assert_true(read_at(
		"",
		"<w:p><w:dir w:val=\"rtl\"><w:r><w:t>B: \xd9\x86\xd8\xb9\xd9\x85"
		"</w:t></w:r></w:dir></w:p><w:p><w:bdo w:val=\"rtl\"><w:r><w:t>"
		"A: bdo text</w:t></w:r></w:bdo></w:p>",
		"", 0, 0, "\xd9\x86\xd8\xb9\xd9\x85"));
	assert_true(read_at(
		"",
		"<w:p><w:bdo w:val=\"rtl\"><w:r><w:t>B: bdo text</w:t></w:r></w:bdo></w:p>",
		"", 0, 0, "bdo text"));
	assert_true(read_at(
		"",
		"<w:moveTo w:id=\"1\">" PARA("B: Moved here.") "</w:moveTo>",
		"", 0, 0, "Moved here."));
}

static void test_declared_utf8_that_is_not(void **s)
{
	(void)s;
	const char *x =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI><text>\n"
		"<u who=\"#a\">caf\xe9</u></text></TEI>\n";
	fw_error e;
	assert_null(parse_mem(x, strlen(x), "x.tei", 0, &e));
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "byte offset 66"));
	fw_ingest_opts o = {0};
	o.allow_cp1252 = 2;
	fw_transcript *t = NULL;
	assert_int_equal(fw_transcript_parse(&t, x, strlen(x), "x.tei", &o, &e),
			 0);
	assert_string_equal(tu_turn_text(t, 0), "caf\xc3\xa9");
	fw_transcript_free(t);
	/* WebVTT is UTF-8 by definition: no silent fallback */
	const char *v = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>caf\xe9\n";
	assert_null(parse_mem(v, strlen(v), "x.vtt", 0, &e));
	assert_int_equal(e.line, 4);
}

static void test_utf16_without_bom(void **s)
{
	(void)s;
	fw_transcript *t = parse_file("utf16be-nobom.txt");
	assert_string_equal(t->encoding, "UTF-16BE");
	assert_int_equal(t->nturns, 4);
	assert_string_equal(tu_who(t, 1), "Ben");
	fw_transcript_free(t);
}

/* Word and OpenDocument files written by a real office suite (LibreOffice
 * converting the bold-labelled HTML of cl05.txt) read as the plain text
 * does: the same turns, speakers and words. */
static void test_office_suite_files_match_text(void **s)
{
	(void)s;
	size_t len;
	char *d = slurp("../../corpus/pathways/cl05.txt", &len);
	fw_error e;
	fw_transcript *ref = parse_mem(d, len, "cl05.txt", 0, &e);
	free(d);
	assert_non_null(ref);
	static const char *const files[] = {"lo-cl05.docx", "lo-cl05.odt",
					    "lo-cl05.html"};
	for (size_t f = 0; f < 3; f++) {
		fw_transcript *t = parse_file(files[f]);
		assert_int_equal(t->nturns, ref->nturns);
		assert_int_equal(t->words, ref->words);
		for (size_t k = 1; k < t->nturns; k++) {
			char a[512];
			snprintf(a, sizeof a, "%s", tu_turn_text(ref, k));
			if (strcmp(a, tu_turn_text(t, k)) ||
			    strcmp(tu_who(ref, k), tu_who(t, k)))
				fail_msg("%s turn %zu: %s: '%s' vs %s: '%s'",
					 files[f], k, tu_who(t, k),
					 tu_turn_text(t, k), tu_who(ref, k), a);
		}
		fw_transcript_free(t);
	}
	fw_transcript_free(ref);
}

TU_MAIN(cmocka_unit_test(test_markup_edges), cmocka_unit_test(test_detection),
	cmocka_unit_test(test_vtt_merges_cues_and_keeps_times),
	cmocka_unit_test(test_srt_prefixes_tags_entities),
	cmocka_unit_test(test_nothing_dropped_silently),
	cmocka_unit_test(test_tsv_header_and_guess),
	cmocka_unit_test(test_docx_layout_labels),
	cmocka_unit_test(test_odt_and_html), cmocka_unit_test(test_tei_eaf_trs),
	cmocka_unit_test(test_hostile_xml_and_zip),
	cmocka_unit_test(test_declared_utf8_that_is_not),
	cmocka_unit_test(test_utf16_without_bom),
	cmocka_unit_test(test_office_suite_files_match_text));
