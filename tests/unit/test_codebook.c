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

TU_MAIN(cmocka_unit_test(test_fields_and_rules),
	cmocka_unit_test(test_errors_name_the_line));
