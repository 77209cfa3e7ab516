/*
 * testutil.h: what charter's cmocka tests share.
 */
#ifndef CHARTER_TESTUTIL_H
#define CHARTER_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fw.h"
#include "csv.h"
#include "escape.h"
#include "fileio.h"
#include "guid.h"
#include "sha256.h"
#include "timefmt.h"
#include "utf8.h"
#include "lines.h"
#include "natcmp.h"

/* The heap's high-water mark between tu_heap_begin and tu_heap_end, from
 * AddressSanitizer's allocation hooks (the test build always has them):
 * what a test bounds a reader's memory with. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TU_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TU_ASAN 1
#endif
#ifdef TU_ASAN
/* AddressSanitizer's allocator interface (gcc ships no header for it) */
int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);
static size_t tu_heap_now, tu_heap_peak;
static int tu_heap_on;
static inline void tu_malloc_hook(const volatile void *p, size_t n)
{
	(void)p;
	if (tu_heap_on && (tu_heap_now += n) > tu_heap_peak)
		tu_heap_peak = tu_heap_now;
}
static inline void tu_free_hook(const volatile void *p)
{
	if (!tu_heap_on || !p)
		return;
	size_t n = __sanitizer_get_allocated_size(p);
	tu_heap_now = n > tu_heap_now ? 0 : tu_heap_now - n;
}
static inline void tu_heap_begin(void)
{
	static int installed;
	if (!installed)
		__sanitizer_install_malloc_and_free_hooks(tu_malloc_hook,
							  tu_free_hook);
	installed = 1;
	tu_heap_now = tu_heap_peak = 0;
	tu_heap_on = 1;
}
static inline size_t tu_heap_end(void)
{
	tu_heap_on = 0;
	return tu_heap_peak;
}
#else
#error "charter's unit tests are built with AddressSanitizer"
#endif

/* The first diagnostic whose message holds needle, or NULL. */
static inline const char *tu_diag(const fw_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle))
			return d->v[i].msg;
	return NULL;
}

/* d emptied, for the next call's diagnostics. */
static inline fw_diags *tu_fresh(fw_diags *d)
{
	fw_diags_dispose(d);
	return d;
}

/* A fresh temporary directory per test binary, removed at exit. */
/* The text of turn k (until the next call). */
static inline const char *tu_turn_text(const fw_transcript *t, size_t k)
{
	static char buf[512];
	size_t n = t->turns[k].bend - t->turns[k].bstart;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, t->text + t->turns[k].bstart, n);
	buf[n] = 0;
	return buf;
}

/* The speaker label of turn k, "-" for none. */
static inline const char *tu_who(const fw_transcript *t, size_t k)
{
	return t->turns[k].speaker < 0 ? "-"
				       : t->speakers[t->turns[k].speaker].label;
}

/* Turn k is who's, with this text. */
#define TU_TURN(t, k, who, text)                                               \
	do {                                                                   \
		assert_string_equal(tu_who((t), (k)), (who));                  \
		assert_string_equal(tu_turn_text((t), (k)), (text));           \
	} while (0)

static char tu_dir[256];

static void tu_cleanup(void)
{
	char cmd[300];
	if (tu_dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tu_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tu_dir);
	}
}

static inline const char *tu_path(const char *name)
{
	static char buf[4][512];
	static int k;
	if (!tu_dir[0]) {
		snprintf(tu_dir, sizeof tu_dir, "/tmp/charter-test-XXXXXX");
		if (!mkdtemp(tu_dir))
			abort();
		atexit(tu_cleanup);
	}
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tu_dir, name);
	return buf[k];
}

static inline void tu_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

#define TU_WRITE_STR(path, s) tu_write((path), (s), strlen(s))

/* Create a new empty project at a fresh path. */
static inline fw_project *tu_project(const char *name)
{
	fw_project *p = NULL;
	fw_error e;
	const char *path = tu_path(name);
	unlink(path);
	assert_int_equal(fw_project_create(&p, path, &e), 0);
	return p;
}

/* The researcher accepts every pending suggestion. */
static inline void tu_accept_all(fw_project *p)
{
	fw_error e;
	fw_review_filter all = {0};
	long accepted = 0;
	assert_int_equal(
		fw_review_decide(&accepted, p, &all, FW_CONFIRMED, NULL, &e),
		0);
}

/* Lines a..b of the case's source coded by hand to code by coder: the
 * coding must be stored. */
static inline void tu_code_lines(fw_project *p, const char *cs, int a, int b,
				 const char *code, const char *coder)
{
	fw_error e;
	fw_error_clear(&e);
	if (fw_code_lines(NULL, p, cs, NULL, a, b, code, coder, &e))
		fail_msg("%s L%d-%d %s by %s: %s", cs, a, b, code, coder,
			 e.msg);
}

/* The golden fixtures' study, which several suites share: the
 * classification sheet, C01, C02 and the group discussion G1, the
 * codebook, auto-coding and, with `summaries`, the chart summaries. */
#define TU_FX "../golden/fixtures/"

static inline fw_project *tu_study_(const char *name, int summaries, int review)
{
	fw_project *p = tu_project(name);
	fw_error e;
	fw_error_clear(&e);
	assert_int_equal(fw_project_begin(p, &e), 0);
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, TU_FX "cases.csv", &e), 0);
	static const char *const files[][2] = {{TU_FX "c01.txt", "C01"},
					       {TU_FX "c02.txt", "C02"},
					       {TU_FX "g1.txt", "G1"}};
	for (int i = 0; i < 3; i++) {
		fw_ingest_opts o;
		memset(&o, 0, sizeof o);
		o.case_name = files[i][1];
		o.group = i == 2;
		fw_ingest_result r;
		assert_int_equal(
			fw_source_ingest(&r, NULL, p, files[i][0], &o, &e), 0);
	}
	fw_codebook_result cb;
	assert_int_equal(fw_codebook_import(&cb, p, TU_FX "codebook.txt", &e),
			 0);
	fw_autocode_result ar;
	memset(&ar, 0, sizeof ar);
	if (fw_autocode_run(&ar, p, 0, &e))
		fail_msg("autocode: %s", e.msg);
	fw_table_free(ar.per_code);
	if (review)
		tu_accept_all(p);
	if (summaries) {
		int n = 0;
		fw_diags warn = {0};
		if (fw_cell_import(&n, &warn, p, TU_FX "summaries.csv", &e))
			fail_msg("cells: %s", e.msg);
		fw_diags_dispose(&warn);
		assert_true(n > 0);
	}
	assert_int_equal(fw_project_commit(p, &e), 0);
	return p;
}

static inline fw_project *tu_study(const char *name, int summaries)
{
	return tu_study_(name, summaries, 1);
}

/* cmocka fixtures: a fresh fixture study as the test's state (charted:
 * with the chart summaries imported), freed after the test. */
static inline int tu_setup_study_(void **state, int summaries)
{
	static int n;
	char name[32];
	snprintf(name, sizeof name, "fixture%d.charter", n++);
	*state = tu_study(name, summaries);
	return *state ? 0 : -1;
}
static inline int tu_setup_study(void **state)
{
	return tu_setup_study_(state, 0);
}
static inline int tu_setup_charted(void **state)
{
	return tu_setup_study_(state, 1);
}
static inline int tu_teardown(void **state)
{
	fw_project_free(*state);
	return 0;
}
/* A test program's main: its tests, run as one group. */
#define TU_MAIN(...)                                                           \
	int main(void)                                                         \
	{                                                                      \
		const struct CMUnitTest tests[] = {__VA_ARGS__};               \
		if (getenv("TU_TEST")) /* TU_TEST=test_name: that one */       \
			cmocka_set_test_filter(getenv("TU_TEST"));             \
		return cmocka_run_group_tests(tests, NULL, NULL);              \
	}

#define TU_STUDY(t)                                                            \
	cmocka_unit_test_setup_teardown(t, tu_setup_study, tu_teardown)
#define TU_CHARTED(t)                                                          \
	cmocka_unit_test_setup_teardown(t, tu_setup_charted, tu_teardown)
/* the small study below as a fixture */
static fw_project *tu_mini(const char *name);
static inline int tu_setup_mini(void **state)
{
	static int n;
	char name[32];
	snprintf(name, sizeof name, "mini%d.charter", n++);
	*state = tu_mini(name);
	return *state ? 0 : -1;
}
#define TU_MINI(t)                                                             \
	cmocka_unit_test_setup_teardown(t, tu_setup_mini, tu_teardown)
/* A small study of its own: five cases (three staff, two clients), the
 * interview C2 (11 lines) and the group discussion G1, a codebook of two
 * themes whose 1.1 and 1.2 have rules. */
static const char tu_mini_sheet[] = "id,actor_group,district,sex\n"
				    "S2,staff,A,\n"
				    "C10,client,B,F\n"
				    "C2,client,A,M\n"
				    "S1,staff,B,\n"
				    "G1,staff,A,\n";

static const char tu_mini_c2[] =
	"Interview C2\n"                                  /* 1 */
	"\n"                                              /* 2 */
	"INTERVIEWER: Did you get the letter about it?\n" /* 3 */
	"\n"                                              /* 4 */
	"RESPONDENT: I got a letter. The letter said go in. I was worried.\n" /* 5 */
	"\n"                                           /* 6 */
	"I rang them about the letter the next day.\n" /* 7 */
	"\n"                                           /* 8 */
	"INTERVIEWER: And the adviser?\n"              /* 9 */
	"\n"                                           /* 10 */
	"RESPONDENT: She was nice. Really nice.\n";    /* 11 */

static const char tu_mini_g1[] = "Facilitator: What about the letter?\n"
				 "\n"
				 "Janet: The letter confuses people.\n"
				 "\n"
				 "Paul: I agree.\n";

static const char tu_mini_codebook[] = "1 Contact\n"
				       "  definition: First contact.\n"
				       "1.1 Letters\n"
				       "  rule: /\\bletter\\b/i\n"
				       "1.2 Advisers\n"
				       "  rule: /\\bnice\\b/ scope=utterance\n"
				       "2 Other\n";

static inline fw_project *tu_mini(const char *name)
{
	fw_project *p = tu_project(name);
	fw_error e;
	fw_error_clear(&e);
	TU_WRITE_STR(tu_path("cases.csv"), tu_mini_sheet);
	TU_WRITE_STR(tu_path("c2.txt"), tu_mini_c2);
	TU_WRITE_STR(tu_path("g1.txt"), tu_mini_g1);
	TU_WRITE_STR(tu_path("cb.txt"), tu_mini_codebook);
	fw_cases_result cr;
	assert_int_equal(fw_cases_import(&cr, p, tu_path("cases.csv"), &e), 0);
	assert_int_equal(cr.rows, 5);
	assert_int_equal(cr.attributes, 3);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	fw_ingest_result r;
	o.case_name = "C2";
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2.txt"), &o, &e), 0);
	assert_int_equal(r.turns, 4);
	o.case_name = "G1";
	o.group = 1;
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("g1.txt"), &o, &e), 0);
	fw_codebook_result cb;
	if (fw_codebook_import(&cb, p, tu_path("cb.txt"), &e))
		fail_msg("%s", e.msg);
	assert_int_equal(cb.added, 4);
	assert_int_equal(cb.rules, 2);
	return p;
}

#endif
