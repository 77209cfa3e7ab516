/*
 * test_ingest.c: speaker turns, roles, offsets, lines and times of plain
 * text transcripts in the label styles transcribers use.
 */
#include "testutil.h"
#include "store.h"

static fw_transcript *parse(const char *text, const fw_ingest_opts *o)
{
	fw_transcript *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	int rc =
		fw_transcript_parse_txt(&t, text, strlen(text), "t.txt", o, &e);
	if (rc)
		fail_msg("parse failed: %s", e.msg);
	return t;
}

static void test_caps_labels_with_header(void **s)
{
	(void)s;
	fw_transcript *t =
		parse("Client interview CL01, District A\n"
		      "\n"
		      "INTERVIEWER: How did you hear about it?\n"
		      "\n"
		      "RESPONDENT: A letter came. One thing: it was short.\n"
		      "\n"
		      "Then I rang them.\n"
		      "\n"
		      "INTERVIEWER: Right.\n",
		      NULL);
	assert_int_equal(t->nturns, 4);
	TU_TURN(t, 0, "-", "Client interview CL01, District A");
	TU_TURN(t, 1, "INTERVIEWER", "How did you hear about it?");
	/* the continuation paragraph stays in the respondent's turn */
	assert_string_equal(
		tu_turn_text(t, 2),
		"A letter came. One thing: it was short.\n\nThen I rang them.");
	assert_int_equal(t->turns[2].line_start, 5);
	assert_int_equal(t->turns[2].line_end, 7);
	assert_int_equal(t->nspeakers, 2);
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_int_equal(t->speakers[1].role, FW_ROLE_RESPONDENT);
	/* code-point offsets: the turn starts after "RESPONDENT: " */
	long want = (long)strlen("Client interview CL01, District A\n\n"
				 "INTERVIEWER: How did you hear about it?\n\n"
				 "RESPONDENT: ");
	assert_int_equal(t->turns[2].start, want);
	assert_int_equal(t->lines, 9);
	fw_transcript_free(t);
}

static void test_timestamps_and_codepoints(void **s)
{
	(void)s;
	fw_transcript *t = parse("[00:00:05] IV: Caf\xC3\xA9 or home?\n"
				 "[00:01:10] R: Home \xE2\x80\x93 always.\n",
				 NULL);
	assert_int_equal(t->nturns, 2);
	assert_string_equal(tu_who(t, 0), "IV");
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_int_equal(t->turns[0].t_start_ms, 5000);
	assert_int_equal(t->turns[0].t_end_ms, 70000);
	assert_int_equal(t->turns[1].t_start_ms, 70000);
	assert_int_equal(t->turns[1].t_end_ms, -1);
	/* "[00:00:05] IV: " is 15 code points; "Café or home?" is 13 */
	assert_int_equal(t->turns[0].start, 15);
	assert_int_equal(t->turns[0].end, 28);
	assert_int_equal(t->chars, fw_utf8_count(t->text, t->len));
	fw_transcript_free(t);
}

static void test_speaker_n_guesses_interviewer(void **s)
{
	(void)s;
	fw_transcript *t = parse(
		"Speaker 1 (00:00:01): Shall we start? How long have you claimed?\n\n"
		"Speaker 2 (00:00:09): About four years now.\n\n"
		"Speaker 1 (00:00:15): And the letter, what did it say?\n\n"
		"Speaker 2 (00:00:20): That I had to go in.\n",
		NULL);
	assert_int_equal(t->nturns, 4);
	assert_string_equal(t->speakers[0].label, "Speaker 1");
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_int_equal(t->speakers[1].role, FW_ROLE_RESPONDENT);
	assert_int_equal(t->turns[1].t_start_ms, 9000);
	assert_int_equal(t->diags.n, 1);
	assert_non_null(strstr(t->diags.v[0].msg, "Speaker 1"));
	fw_transcript_free(t);
}

static void test_bracket_and_bold_styles(void **s)
{
	(void)s;
	fw_transcript *t = parse("[Interviewer] Tell me more.\n\n"
				 "[Respondent] It was fine [laughs] mostly.\n",
				 NULL);
	assert_int_equal(t->nturns, 2);
	assert_string_equal(tu_turn_text(t, 1), "It was fine [laughs] mostly.");
	fw_transcript_free(t);
	t = parse("**Interviewer:** Why?\n\n**Sandra:** Because: reasons.\n",
		  NULL);
	assert_int_equal(t->nturns, 2);
	TU_TURN(t, 1, "Sandra", "Because: reasons.");
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	fw_transcript_free(t);
}

static void test_group_roles_and_dominant_style(void **s)
{
	(void)s;
	fw_ingest_opts o = {0};
	o.group = 1;
	/* "Note: ..." and a lower-case "the point:" are not speakers */
	fw_transcript *t = parse("Facilitator: Who goes first?\n\n"
				 "Janet: Me.\n\n"
				 "Note: recorder paused\n\n"
				 "Paul: Not me. And the point: none.\n\n"
				 "Researcher 2: Thanks.\n",
				 &o);
	assert_int_equal(t->nturns, 4);
	assert_string_equal(tu_turn_text(t, 1), "Me.\n\nNote: recorder paused");
	assert_int_equal(t->nspeakers, 4);
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_int_equal(t->speakers[1].role, FW_ROLE_PARTICIPANT);
	assert_int_equal(t->speakers[3].role, FW_ROLE_INTERVIEWER);
	fw_transcript_free(t);
}

static void test_explicit_interviewer_and_pattern(void **s)
{
	(void)s;
	fw_ingest_opts o = {0};
	const char *iv[] = {"JM"};
	o.interviewers = iv;
	o.ninterviewers = 1;
	fw_transcript *t = parse("JM: Hello?\n\nAB: Hi.\n", &o);
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_int_equal(t->speakers[1].role, FW_ROLE_RESPONDENT);
	fw_transcript_free(t);

	memset(&o, 0, sizeof o);
	o.speaker_pattern = "<(?<speaker>[a-z]+)@(?<time>\\d+:\\d+)>";
	const char *iv2[] = {"int"};
	o.interviewers = iv2;
	o.ninterviewers = 1;
	t = parse("<int@00:10> Right then.\n<bob@00:15> Yes.\n", &o);
	assert_int_equal(t->nturns, 2);
	assert_string_equal(tu_who(t, 1), "bob");
	assert_int_equal(t->turns[1].t_start_ms, 15000);
	assert_string_equal(tu_turn_text(t, 1), "Yes.");
	fw_transcript_free(t);

	/* a pattern without a speaker group is refused */
	fw_error e;
	memset(&o, 0, sizeof o);
	o.speaker_pattern = "([A-Z]+):";
	assert_int_equal(fw_transcript_parse_txt(&t, "A: b\n", 5, "t", &o, &e),
			 FW_EINVAL);
	o.speaker_pattern = "(?<speaker>[A-Z+:";
	assert_int_equal(fw_transcript_parse_txt(&t, "A: b\n", 5, "t", &o, &e),
			 FW_EINVAL);
}

static void test_crlf_bom_and_no_labels(void **s)
{
	(void)s;
	fw_transcript *t =
		parse("\xEF\xBB\xBFQ: One?\r\n\r\nA: Two.\r\n", NULL);
	assert_int_equal(t->nturns, 2);
	assert_string_equal(tu_turn_text(t, 1), "Two.");
	assert_int_equal(t->speakers[0].role, FW_ROLE_INTERVIEWER);
	assert_string_equal(t->encoding, "UTF-8 BOM");
	assert_int_equal(t->turns[0].start, 3);
	fw_transcript_free(t);
	t = parse("Just some notes\nwith no speakers at all.\n", NULL);
	assert_int_equal(t->nturns, 1);
	assert_int_equal(t->speakers[0].role, FW_ROLE_RESPONDENT);
	assert_int_equal(t->diags.n, 1);
	assert_non_null(strstr(t->diags.v[0].msg, "no speaker labels"));
	assert_int_equal(t->words, 8);
	fw_transcript_free(t);
}

/* Many speakers: each label found again by the speaker index (a table,
 * not a walk over every speaker), in linear time. */
static void test_many_speakers(void **s)
{
	(void)s;
	fw_buf b;
	fw_buf_init(&b);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3000; i++)
			fw_buf_printf(&b, "Person %d: words %d.\n", i, round);
	fw_transcript *t = parse(b.ptr, NULL);
	fw_buf_dispose(&b);
	assert_int_equal(t->nspeakers, 3000);
	assert_int_equal(t->nturns, 6000);
	for (size_t i = 0; i < t->nspeakers; i++)
		assert_int_equal(t->speakers[i].turns, 2);
	assert_int_equal(t->turns[3000 + 1234].speaker, t->turns[1234].speaker);
	assert_string_equal(tu_who(t, 5999), "Person 2999");
	fw_transcript_free(t);
}

/* Every file of a list, one by one or read ahead (source_read.c): each
 * result and error, and what the project then holds, in one string. */
static char *ingest_all(const char *name, char **files, size_t n, int ahead,
			size_t limit)
{
	fw_project *p = tu_project(name);
	fw_source_reader *rd =
		ahead ? fw_source_reader_new((const char *const *)files, n,
					     NULL)
		      : NULL;
	if (rd && limit)
		fw_source_reader_limit(rd, limit);
	fw_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		fw_error e;
		fw_error_clear(&e);
		fw_ingest_result r;
		fw_diags dg;
		fw_diags_init(&dg);
		int rc = ahead ? fw_source_reader_ingest(rd, &r, &dg, p, &e)
			       : fw_source_ingest(&r, &dg, p, files[i], NULL,
						  &e);
		fw_buf_printf(&b, "%s: %d %s|%s %d %s %d %d %ld|%zu\n",
			      files[i], rc, rc ? e.msg : "", r.name,
			      r.duplicate, rc ? "" : r.format, r.turns,
			      r.speakers, r.words, dg.n);
		fw_diags_dispose(&dg);
	}
	if (rd) { /* every path taken: the next is an error, not a file */
		fw_error e;
		fw_ingest_result r;
		assert_int_equal(fw_source_reader_ingest(rd, &r, NULL, p, &e),
				 FW_EINVAL);
		assert_non_null(strstr(e.msg, "no file is left"));
	}
	fw_source_reader_free(rd);
	static const char *const cols[] = {"name", "sha", "turns", "speakers"};
	fw_table *t = NULL;
	fw_error e;
	if (fw_table_query(&t, p, &e, cols, 4,
			   "SELECT s.name, s.sha256, (SELECT group_concat("
			   "u.bstart || '-' || u.bend || ':' || "
			   "coalesce(u.speaker_id, '')) FROM utterance u WHERE "
			   "u.source_id = s.id), (SELECT group_concat(k.label "
			   "|| '/' || k.role) FROM speaker k WHERE k.source_id "
			   "= s.id) FROM source s ORDER BY s.id",
			   ""))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < t->nrows; i++)
		fw_buf_printf(&b, "%s %s %s %s\n", t->rows[i][0], t->rows[i][1],
			      t->rows[i][2] ? t->rows[i][2] : "",
			      t->rows[i][3] ? t->rows[i][3] : "");
	fw_table_free(t);
	fw_project_free(p);
	return fw_buf_detach(&b);
}

/* Files read ahead on other threads are stored as when read one by one:
 * the same sources, turns and speakers, the same results and errors (a
 * missing file, a malformed one, a duplicate, a PDF read by the caller). */
static void test_read_ahead(void **s)
{
	(void)s;
	static const char *const names[] = {"c01.txt",
					    "formats/zoom.vtt",
					    "formats/bad-malformed.tei",
					    "formats/interview.eaf",
					    "no-such-file.txt",
					    "formats/docx-table.docx",
					    "formats2/interview.pdf",
					    "c01.txt",
					    "formats/hostile-xxe.xml",
					    "formats/utf16le-bom.vtt",
					    "formats2/interview.rtf",
					    "formats/hostile-bomb.docx",
					    "c02.txt",
					    "g1.txt",
					    "formats/nvivo.tsv",
					    "formats/lo-cl05.odt"};
	size_t n = sizeof names / sizeof *names;
	char *files[32];
	for (size_t i = 0; i < n; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s%s", TU_FX, names[i]);
		files[i] = fw_xstrdup(path);
	}
	char *one = ingest_all("one-by-one.charter", files, n, 0, 0);
	char *ahead = ingest_all("ahead.charter", files, n, 1, 0);
	assert_string_equal(one, ahead);
	/* a byte limit that lets one file at a time be read ahead */
	char *narrow = ingest_all("narrow.charter", files, n, 1, 1);
	assert_string_equal(one, narrow);
	free(narrow);
	/* the list held what it should: stored files, a duplicate, errors */
	assert_non_null(strstr(one, "c01.txt: 0 |c01.txt 1"));
	assert_non_null(strstr(one, "no-such-file.txt: -6 cannot open"));
	assert_non_null(strstr(one, "bad-malformed.tei: -3 malformed XML"));
	assert_non_null(strstr(one, "interview.pdf: 0 |interview.pdf 0 pdf"));
	free(one);
	free(ahead);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
}

/* 150 turns are stored by statements of 64, 64, 16, 4, 1 and 1 rows:
 * every turn's number, speaker, span, lines and time as parsed, and an
 * undo of the ingest takes every one of them away again. */
static void test_stored_turns(void **s)
{
	(void)s;
	fw_buf b;
	fw_buf_init(&b);
	for (int k = 0; k < 150; k++)
		fw_buf_printf(&b, "[00:%02d:%02d] %s: turn %d said.\n\n",
			      k / 60, k % 60, k % 2 ? "R" : "IV", k);
	tu_write(tu_path("turns150.txt"), b.ptr, b.len);
	fw_project *p = tu_project("turns150.charter");
	fw_error e;
	fw_ingest_opts o = {0};
	fw_ingest_result r;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(
		fw_history_record(p, "ingest", "turns150.txt", NULL, &e), 0);
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("turns150.txt"), &o, &e),
		0);
	assert_int_equal(fw_project_commit(p, &e), 0);
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(
			p->db,
			"SELECT u.seq, k.label, CAST(substr(CAST(s.text AS BLOB),"
			" u.bstart + 1, u.bend - u.bstart) AS TEXT), "
			"substr(s.text, u.start + 1, u.\"end\" - u.start), "
			"u.line_start, u.line_end, u.t_start_ms, u.t_end_ms "
			"FROM utterance u JOIN source s ON s.id = u.source_id "
			"JOIN speaker k ON k.id = u.speaker_id ORDER BY u.id",
			-1, &st, NULL),
		0);
	int k = 0;
	for (; sqlite3_step(st) == SQLITE_ROW; k++) {
		char want[40];
		snprintf(want, sizeof want, "turn %d said.", k);
		assert_int_equal(sqlite3_column_int(st, 0), k + 1);
		assert_string_equal(sqlite3_column_text(st, 1),
				    k % 2 ? "R" : "IV");
		assert_string_equal(sqlite3_column_text(st, 2), want);
		assert_string_equal(sqlite3_column_text(st, 3), want);
		assert_int_equal(sqlite3_column_int(st, 4), 2 * k + 1);
		assert_int_equal(sqlite3_column_int(st, 5), 2 * k + 1);
		assert_int_equal(sqlite3_column_int(st, 6), 1000 * k);
		if (k < 149)
			assert_int_equal(sqlite3_column_int(st, 7),
					 1000 * (k + 1));
	}
	sqlite3_finalize(st);
	assert_int_equal(k, 150);
	fw_table *t = NULL;
	assert_int_equal(fw_history_undo(&t, p, 0, 0, NULL, &e), 0);
	fw_table_free(t);
	assert_int_equal(sqlite3_prepare_v2(p->db,
					    "SELECT count(*) FROM utterance",
					    -1, &st, NULL),
			 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	fw_project_free(p);
	fw_buf_dispose(&b);
}

TU_MAIN(cmocka_unit_test(test_many_speakers), cmocka_unit_test(test_read_ahead),
	cmocka_unit_test(test_stored_turns),
	cmocka_unit_test(test_caps_labels_with_header),
	cmocka_unit_test(test_timestamps_and_codepoints),
	cmocka_unit_test(test_speaker_n_guesses_interviewer),
	cmocka_unit_test(test_bracket_and_bold_styles),
	cmocka_unit_test(test_group_roles_and_dominant_style),
	cmocka_unit_test(test_explicit_interviewer_and_pattern),
	cmocka_unit_test(test_crlf_bom_and_no_labels));
