/*
 * test_labels.c: what one line is (labels.c): each label style with the
 * speaker's name and where the words start, times before and after
 * labels, time-stamp and marker lines, and the lines that are not labels.
 */
#include "testutil.h"

#include "ingest.h"

/* One line as labels.c reads it: its kind, and for a label the style, the
 * name, the words and the time. */
typedef struct line_case {
	const char *line;
	int kind, style;
	const char *name, *words;
	long t_ms;
} line_case;

static void check(const line_case *c)
{
	fw_label_hit h;
	size_t n = strlen(c->line);
	int kind = fw_line_classify(c->line, n, &h);
	if (kind != c->kind)
		fail_msg("\"%s\": kind %d, want %d", c->line, kind, c->kind);
	if (kind == FW_LINE_LABEL) {
		if (h.style != c->style)
			fail_msg("\"%s\": style %d, want %d", c->line, h.style,
				 c->style);
		if (strlen(c->name) != h.llen ||
		    strncmp(c->line + h.lstart, c->name, h.llen))
			fail_msg("\"%s\": name \"%.*s\", want \"%s\"", c->line,
				 (int)h.llen, c->line + h.lstart, c->name);
	}
	if (c->words && strcmp(c->line + h.content, c->words))
		fail_msg("\"%s\": words \"%s\", want \"%s\"", c->line,
			 c->line + h.content, c->words);
	if (h.t_ms != c->t_ms)
		fail_msg("\"%s\": time %ld, want %ld", c->line, h.t_ms,
			 c->t_ms);
}

#define L_ FW_LINE_LABEL
static void test_label_styles(void **s)
{
	(void)s;
	static const line_case cases[] = {
		{"INTERVIEWER: How?", L_, FW_LS_COLON, "INTERVIEWER", "How?",
		 -1},
		{"Jane B. Doe, Psy.D: Thanks.", L_, FW_LS_COLON,
		 "Jane B. Doe, Psy.D", "Thanks.", -1},
		{"Dr. Smith: Yes.", L_, FW_LS_COLON, "Dr. Smith", "Yes.", -1},
		{"The Chair (Jane Doe): Item four.", L_, FW_LS_COLON,
		 "The Chair (Jane Doe)", "Item four.", -1},
		{"Jane Doe (Eastside) (Lab): No.", L_, FW_LS_COLON,
		 "Jane Doe (Eastside) (Lab)", "No.", -1},
		{"Secretary of State: We will.", L_, FW_LS_COLON,
		 "Secretary of State", "We will.", -1},
		{"Speaker 1 (00:01:02): Hello.", L_, FW_LS_COLON, "Speaker 1",
		 "Hello.", 62000},
		/* no-break space, narrow no-break space, after the colon */
		{"MR PRICE:\xC2\xA0Good afternoon.", L_, FW_LS_COLON,
		 "MR PRICE", "Good afternoon.", -1},
		{"Respondent:\xE2\x80\xAF"
		 "A letter.",
		 L_, FW_LS_COLON, "Respondent", "A letter.", -1},
		{"Q\xC2\xA0 Thank you.", L_, FW_LS_COLON, "Q", "Thank you.",
		 -1},
		{"[Interviewer] Tell me.", L_, FW_LS_BRACKET, "Interviewer",
		 "Tell me.", -1},
		{"{Respondent} Fine.", L_, FW_LS_BRACKET, "Respondent", "Fine.",
		 -1},
		{"**Host:** [00:04:01] Welcome.", L_, FW_LS_BOLD, "Host",
		 "Welcome.", 241000},
		{"**Sam**: Thanks.", L_, FW_LS_BOLD, "Sam", "Thanks.", -1},
		{"Teacher 4-\tIt started well.", L_, FW_LS_HYPHEN, "Teacher 4",
		 "It started well.", -1},
		{"S1 00:00:01.717 Okay, so.", L_, FW_LS_TIMED, "S1",
		 "Okay, so.", 1717},
		{"Jane Doe (00:00:03) - Thanks.", L_, FW_LS_TIMED, "Jane Doe",
		 "Thanks.", 3000},
		{"Maria Lopez  0:03", L_, FW_LS_TIMED, "Maria Lopez", "", 3000},
		{"mop03-2b: since the spring", L_, FW_LS_ID, "mop03-2b",
		 "since the spring", -1},
		{"int: ok so", L_, FW_LS_ID, "int", "ok so", -1},
		{"[id1] hello", L_, FW_LS_IDBRACKET, "id1", "hello", -1},
		{"{P2} Two years.", L_, FW_LS_BRACKET, "P2", "Two years.", -1},
		{"[00:01:02] NARRATOR: In Bolton.", L_, FW_LS_COLON, "NARRATOR",
		 "In Bolton.", 62000},
		{"00:01:02 Name: text", L_, FW_LS_COLON, "Name", "text", 62000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check(&cases[i]);
}

/* Lines that are a time, a marker, or words. */
static void test_other_lines(void **s)
{
	(void)s;
	static const line_case cases[] = {
		{"[00:01:02]", FW_LINE_TIME, 0, NULL, NULL, 62000},
		{"  00:00:01:02  ", FW_LINE_TIME, 0, NULL, NULL, 62000},
		{"(1:05)", FW_LINE_TIME, 0, NULL, NULL, 65000},
		{"00:00:14 The mill opened.", FW_LINE_TIMED, 0, NULL,
		 "The mill opened.", 14000},
		{"[Tape 1, Side A]", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"--- Page 2 ---", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"[End of Tape 1, Side A]", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"Jingle", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"[Music]", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"(crosstalk)", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"Break: back after this.", FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"[Transcriber's note: the tape is unclear here]",
		 FW_LINE_MARKER, 0, NULL, NULL, -1},
		{"(Editor's note - names changed.)", FW_LINE_MARKER, 0, NULL,
		 NULL, -1},
		{"[Name redacted]", FW_LINE_MARKER, 0, NULL, NULL, -1},
		/* words, not labels */
		{"One thing: it was short.", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"Note: the foreman was my uncle.", FW_LINE_TEXT, 0, NULL, NULL,
		 -1},
		{"See http://example.org for more.", FW_LINE_TEXT, 0, NULL,
		 NULL, -1},
		{"We met at 10:30 that day.", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"At 10:30 the bus came.", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"Well - I never.", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"But I told him: no.", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"[laughs] yes, that's right", FW_LINE_TEXT, 0, NULL, NULL, -1},
		{"[Note to self] check the date", FW_LINE_TEXT, 0, NULL, NULL,
		 -1},
		{"Page three of the diary is missing.", FW_LINE_TEXT, 0, NULL,
		 NULL, -1},
		{"", FW_LINE_TEXT, 0, NULL, NULL, -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check(&cases[i]);
}

/* The spaces charter treats as spaces, and the bytes that are not. */
static void test_spaces(void **s)
{
	(void)s;
	assert_int_equal(fw_space_at(" ", 0, 1), 1);
	assert_int_equal(fw_space_at("\xC2\xA0", 0, 2), 2);
	assert_int_equal(fw_space_at("\xE2\x80\x89", 0, 3), 3);
	assert_int_equal(fw_space_at("\xE3\x80\x80", 0, 3), 3);
	assert_int_equal(fw_space_at("\xC2\xA0", 0, 1), 0);     /* cut short */
	assert_int_equal(fw_space_at("\xE2\x80\x93", 0, 3), 0); /* en dash */
	assert_int_equal(fw_space_at("a", 0, 1), 0);
}

TU_MAIN(cmocka_unit_test(test_label_styles), cmocka_unit_test(test_other_lines),
	cmocka_unit_test(test_spaces));
