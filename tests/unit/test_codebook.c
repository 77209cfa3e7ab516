/*
 * test_codebook.c: the native codebook format and its errors.
 */
#include "testutil.h"

static fw_codebook *parse_ok(const char *s)
{
	fw_codebook *cb = NULL;
	fw_error e;
	fw_error_clear(&e);
	if (fw_codebook_parse(&cb, s, strlen(s), "cb.txt", &e))
		fail_msg("parse failed: line %d: %s", e.line, e.msg);
	return cb;
}

static void parse_err(const char *s, int line, const char *needle)
{
	fw_codebook *cb = NULL;
	fw_error e;
	fw_error_clear(&e);
	assert_int_not_equal(fw_codebook_parse(&cb, s, strlen(s), "cb.txt", &e),
			     0);
	assert_null(cb);
	assert_string_equal(e.file, "cb.txt");
	if (e.line != line || !strstr(e.msg, needle))
		fail_msg("want line %d '%s', got line %d '%s'", line, needle,
			 e.line, e.msg);
}

static void test_fields_and_rules(void **s)
{
	(void)s;
	fw_codebook *cb = parse_ok(
		"title: Pathways\n"
		"# a comment\n"
		"1 Awareness\n"
		"  definition: What people knew\n"
		"    before the letter.\n"
		"  use: any mention of hearing about it\n"
		"  not: the WFI itself (use 2)\n"
		"  example: \"I got a letter\"\n"
		"  color: #4477aa\n"
		"\n"
		"1.1. Sources of information\n"
		"  rule: /heard (about|of) it/i\n"
		"  rule: /a\\/b/ scope=utterance speaker=any\n"
		"2 The WFI\n"
		"2.1 Content\n"
		"2.1.1 Screening\n"
		"  rule: /screening/x scope=paragraph speaker=interviewer\n");
	assert_string_equal(cb->title, "Pathways");
	assert_int_equal(cb->nthemes, 5);
	fw_theme_def *t = &cb->themes[0];
	assert_string_equal(t->number, "1");
	assert_string_equal(t->name, "Awareness");
	assert_string_equal(t->definition,
			    "What people knew before the letter.");
	assert_string_equal(t->use_when, "any mention of hearing about it");
	assert_string_equal(t->not_when, "the WFI itself (use 2)");
	assert_string_equal(t->color, "#4477aa");
	assert_int_equal(t->depth, 1);
	t = &cb->themes[1];
	assert_string_equal(t->number, "1.1");
	assert_int_equal(t->depth, 2);
	assert_int_equal(t->nrules, 2);
	assert_string_equal(t->rules[0].pattern, "heard (about|of) it");
	assert_string_equal(t->rules[0].flags, "i");
	assert_int_equal(t->rules[0].scope, FW_SCOPE_SENTENCE);
	assert_int_equal(t->rules[0].role, FW_ROLE_RESPONDENT);
	assert_int_equal(t->rules[0].line, 12);
	assert_string_equal(t->rules[1].pattern, "a/b");
	assert_int_equal(t->rules[1].scope, FW_SCOPE_UTTERANCE);
	assert_int_equal(t->rules[1].role, FW_ROLE_NONE);
	t = &cb->themes[4];
	assert_int_equal(t->depth, 3);
	assert_int_equal(t->rules[0].scope, FW_SCOPE_PARAGRAPH);
	assert_int_equal(t->rules[0].role, FW_ROLE_INTERVIEWER);
	fw_codebook_free(cb);
}

static void test_errors_name_the_line(void **s)
{
	(void)s;
	parse_err("1 A\n2 B\n1 C\n", 3, "used twice (first on line 1)");
	parse_err("1 A\n  rule: /(unclosed/\n", 2, "bad pattern");
	parse_err("1 A\n  rule: /x/q\n", 2, "unknown rule flag 'q'");
	parse_err("1 A\n  rule: /x/ scope=page\n", 2, "unknown scope");
	parse_err("1 A\n  rule: /x/ speaker=boss\n", 2, "unknown speaker");
	parse_err("1 A\n  rule: /never closed\n", 2, "no closing");
	parse_err("1 A\n2.1 B\n", 2, "before its parent 2");
	parse_err("1 A\nTheme two\n", 2, "expected a theme number");
	parse_err("  definition: x\n1 A\n", 1, "before the first theme");
	parse_err("1\n", 1, "has no name");
	parse_err("1 A\n  definition: x\n  definition: y\n", 3,
		  "two 'definition'");
	parse_err("1 A\n  free text\n", 2, "expected a field");
	parse_err("# only a comment\n", 1, "no themes");
	parse_err("1 A\n  definition: caf\xC3\n", 2, "invalid UTF-8");
}

/* How many codings of code `number` with text like `like`. */
static long coded(fw_project *p, const char *number)
{
	fw_table *t;
	fw_error e;
	assert_int_equal(fw_coding_list(&t, p, NULL, number, &e), 0);
	long n = (long)t->nrows;
	fw_table_free(t);
	return n;
}

/* merge unions codings and joins summaries; renumber and move keep
 * codings with the code; delete refuses what would lose work */
static void test_edit(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_error_clear(&e);
	long long id;
	/* a passage coded to both 2.1 and 2.2 is kept once */
	assert_int_equal(
		fw_code_lines(&id, p, "C01", NULL, 15, 15, "2.1", NULL, &e), 0);
	long n21 = coded(p, "2.1"), n22 = coded(p, "2.2");
	assert_int_equal(n21, 2); /* the rule's sentence and the hand line */
	fw_diags dg = {0};
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C01", "2.1",
				     "Starts work in July (L15)", NULL, NULL,
				     &e),
			 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C01", "2.2",
				     "Provider helped (L9)", NULL, NULL, &e),
			 0);
	fw_diags_dispose(&dg);
	long moved;
	assert_int_equal(fw_codebook_merge(&moved, p, "2.2", "2.1", &e), 0);
	assert_int_equal(moved, n22);
	assert_int_equal(fw_code_find(&id, p, "2.2", NULL), FW_ENOTFOUND);
	/* the hand line 15 and the rule's turn 15 for 2.2: one passage */
	assert_int_equal(coded(p, "2.1"), n21 + n22 - 1);
	fw_table *c;
	assert_int_equal(fw_cell_get(&c, p, "C01", "2.1", &e), 0);
	assert_string_equal(fw_table_cell(c, 0, 2),
			    "Starts work in July (L15) Provider helped (L9)");
	fw_table_free(c);
	/* refused: into itself, into a code inside it, with sub-themes */
	assert_int_equal(fw_codebook_merge(&moved, p, "2", "2.1", &e),
			 FW_EINVAL);
	assert_non_null(strstr(e.msg, "inside it"));
	assert_int_equal(fw_codebook_merge(&moved, p, "2.1", "2.1", &e),
			 FW_EINVAL);
	assert_int_equal(fw_codebook_merge(&moved, p, "1", "2", &e), FW_EINVAL);
	assert_non_null(strstr(e.msg, "sub-themes"));
	/* renumber and move: the codings go with the code */
	assert_int_equal(fw_codebook_renumber(p, "2", "2.5", &e), FW_EINVAL);
	assert_int_equal(fw_codebook_renumber(p, "2.1", "1.2", &e), FW_EEXISTS);
	assert_int_equal(fw_codebook_renumber(p, "2.1", "7.1", &e),
			 FW_ENOTFOUND);
	char *to = NULL;
	assert_int_equal(fw_codebook_move(&to, p, "2.1", "1", &e), 0);
	assert_string_equal(to, "1.3");
	free(to);
	assert_int_equal(coded(p, "1.3"), n21 + n22 - 1);
	assert_int_equal(fw_codebook_add(p, "2.1", "Work again", NULL, &e), 0);
	/* delete: refused while coded, then forced */
	long codings, cells;
	assert_int_equal(fw_codebook_delete(&codings, &cells, p, "1", 0, &e),
			 FW_EINVAL);
	assert_non_null(strstr(e.msg, "--force"));
	assert_int_equal(fw_codebook_delete(&codings, &cells, p, "2.1", 0, &e),
			 0);
	assert_int_equal(fw_codebook_delete(&codings, &cells, p, "1", 1, &e),
			 0);
	assert_int_equal(cells, 1);
	assert_int_equal(codings, 4 + 1 + n21 + n22 - 1);
	/* the log: every change, in order */
	fw_table *t;
	assert_int_equal(fw_framework_changes(&t, p, &e), 0);
	assert_string_equal(fw_table_cell(t, 0, 2), "import");
	assert_string_equal(fw_table_cell(t, 1, 2), "merge");
	assert_string_equal(fw_table_cell(t, t->nrows - 1, 2), "delete");
	assert_string_equal(fw_table_cell(t, t->nrows - 1, 3), "1");
	fw_table_free(t);
}

/* importing again shows the difference and changes nothing without
 * apply; with it, a removed code with codings stays, its rules stopped */
static void test_reimport(void **s)
{
	fw_project *p = *s;
	fw_error e;
	const char *path = tu_path("cb2.txt");
	TU_WRITE_STR(path, "1 First contact\n1.1 Post\n  rule: /letter/i\n"
			   "2 Outcomes\n2.1 Work\n  rule: /\\b(start|started) "
			   "a job\\b/i\n3 New\n");
	fw_table *d;
	fw_codebook_result r;
	assert_int_equal(fw_codebook_reimport(&d, &r, p, path, 0, &e), 0);
	char want[][24] = {"renamed 1.1", "changed 1.1", "added 3",
			   "removed 1.2", "removed 2.2"};
	size_t found = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		char got[64];
		snprintf(got, sizeof got, "%s %s", fw_table_cell(d, i, 0),
			 fw_table_cell(d, i, 1));
		for (size_t k = 0; k < 5; k++)
			found += !strcmp(got, want[k]);
	}
	assert_true(found >= 5);
	fw_table_free(d);
	long long id;
	assert_int_equal(fw_code_find(&id, p, "3", NULL), FW_ENOTFOUND);
	assert_int_equal(fw_codebook_reimport(&d, &r, p, path, 1, &e), 0);
	fw_table_free(d);
	assert_int_equal(fw_code_find(&id, p, "3", NULL), 0);
	/* 2.2 is coded: kept, with no rules running */
	assert_int_equal(fw_code_find(&id, p, "2.2", NULL), 0);
	fw_table *cb;
	assert_int_equal(fw_codebook_list(&cb, p, &e), 0);
	for (size_t i = 0; i < cb->nrows; i++)
		if (!strcmp(fw_table_cell(cb, i, 0), "2.2"))
			assert_string_equal(fw_table_cell(cb, i, 2), "0");
	fw_table_free(cb);
}

/* A codebook's size costs linear time: a 20 MB definition written over
 * 200,000 continuation lines (each line once took a walk of the field so
 * far: hours), 10,000 themes (the bound) with every parent looked up by
 * its number, and a theme more refused. */
static void test_large_codebooks(void **s)
{
	(void)s;
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, "1 Awareness\n  definition: start\n");
	for (int i = 0; i < 200000; i++)
		fw_buf_printf(&b, "    line %06d %s\n", i,
			      "of a definition that goes on and on and on and "
			      "on and on and on and on");
	fw_codebook *cb = parse_ok(b.ptr);
	const char *d = cb->themes[0].definition;
	size_t per = strlen("line 000000 of a definition that goes on and on "
			    "and on and on and on and on and on") +
		     1;
	assert_int_equal(strlen(d), strlen("start") + 200000 * per);
	assert_non_null(strstr(d, "start line 000000 of"));
	assert_non_null(strstr(d, "on line 199999 of"));
	fw_codebook_free(cb);
	fw_buf_clear(&b);
	for (int i = 1; i <= 100; i++) {
		fw_buf_printf(&b, "%d Theme %d\n", i, i);
		for (int k = 1; k <= 99; k++)
			fw_buf_printf(&b, "%d.%d Sub %d\n", i, k, k);
	}
	cb = parse_ok(b.ptr);
	assert_int_equal(cb->nthemes, 10000);
	assert_string_equal(cb->themes[9999].number, "100.99");
	fw_codebook_free(cb);
	fw_buf_puts(&b, "100.100 One more\n");
	parse_err(b.ptr, 10001, "more than 10000 themes");
	fw_buf_clear(&b);
	fw_buf_puts(&b, "1 A\n2 B\n3 C\n2.1 Under B\n1.1 Under A\n2 Again\n");
	parse_err(b.ptr, 6, "theme number 2 is used twice (first on line 2)");
	fw_buf_clear(&b);
	fw_buf_puts(&b, "1 A\n2 B\n3.1 Orphan\n");
	parse_err(b.ptr, 3, "theme 3.1 comes before its parent 3");
	/* a title continued after a theme's field was (found by make fuzz:
	 * the title's length was not the one kept) */
	cb = parse_ok("1 A\n  definition: a much longer definition\ntitle: T\n"
		      "    continued\n    and more\n");
	assert_string_equal(cb->title, "T continued and more");
	assert_string_equal(cb->themes[0].definition,
			    "a much longer definition");
	fw_codebook_free(cb);
	fw_buf_dispose(&b);
}

TU_MAIN(cmocka_unit_test(test_fields_and_rules),
	cmocka_unit_test(test_large_codebooks),
	cmocka_unit_test(test_errors_name_the_line), TU_STUDY(test_edit),
	TU_STUDY(test_reimport));
