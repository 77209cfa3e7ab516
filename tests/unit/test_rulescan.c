/*
 * test_rulescan.c: the one-pass engine.  Which engine reads each rule, and
 * the differential test: Hyperscan's one pass (PCRE2 deciding where) gives
 * exactly the codings PCRE2 alone gives, on the demo study and on
 * generated text full of what ASCII rules get wrong (accents, case folds
 * such as KELVIN SIGN and LONG S, curly quotes, Greek, Cyrillic, CJK,
 * emoji, Arabic-Indic digits).
 */
#include "testutil.h"
#include "rulescan.h"
#include "store.h"

#include <dirent.h>

static void test_engines(void **s)
{
	const char *pat[] = {"abc", "\\bletters?\\b", "(?<=a)b",
			     "a*",  "caf\\w",         "x{0,80}y"};
	const char *flg[] = {"", "i", "", "", "", ""};
	fw_rulescan *r = fw_rulescan_new(pat, flg, 6, NULL);
	const char *why;
	assert_int_equal(fw_rulescan_engine(r, 0, &why), FW_ENGINE_HYPERSCAN);
	assert_null(why);
	assert_int_equal(fw_rulescan_engine(r, 1, &why), FW_ENGINE_PREFILTER);
	assert_string_equal(why, "\\b left to PCRE2");
	/* look-behind: Hyperscan's own prefilter mode */
	assert_int_equal(fw_rulescan_engine(r, 2, &why), FW_ENGINE_PREFILTER);
	assert_non_null(strstr(why, "not supported"));
	/* a pattern that matches nothing at all: PCRE2 alone */
	assert_int_equal(fw_rulescan_engine(r, 3, &why), FW_ENGINE_PCRE2);
	assert_non_null(why);
	assert_int_equal(fw_rulescan_engine(r, 4, &why), FW_ENGINE_PREFILTER);
	assert_string_equal(why, "Unicode classes widened");
	assert_int_equal(fw_rulescan_engine(r, 5, &why), FW_ENGINE_PREFILTER);
	assert_string_equal(why, "long repeats widened");
	assert_string_equal(fw_engine_name(FW_ENGINE_PREFILTER),
			    "hyperscan-prefilter");

	unsigned char hit[6];
	const char *t = "the café had a letter";
	assert_int_equal(fw_rulescan_scan(r, t, strlen(t), hit), 0);
	/* abc no; letter yes; (?<=a)b no; a* always (PCRE2 decides); caf\w
	 * yes although é is not an ASCII word character; x..y no */
	assert_memory_equal(hit, ((unsigned char[]){0, 1, 0, 1, 1, 0}), 6);
	/* "letter" ends at byte 22 and no match of \bletters?\b is longer
	 * than 8 bytes (LONG S, two bytes, matches s caselessly): PCRE2
	 * need not look before byte 14, and after the
	 * end nothing is left; a PCRE2-only rule is looked for everywhere */
	assert_int_equal(fw_rulescan_from(r, 1, 0), 14);
	assert_int_equal(fw_rulescan_from(r, 1, 17), 17);
	assert_int_equal(fw_rulescan_from(r, 1, 22), (size_t)-1);
	assert_int_equal(fw_rulescan_from(r, 0, 0), (size_t)-1);
	assert_int_equal(fw_rulescan_from(r, 3, 5), 5);
	fw_rulescan_free(r);

	r = fw_rulescan_new(pat, flg, 6, "asked for");
	assert_int_equal(fw_rulescan_engine(r, 0, &why), FW_ENGINE_PCRE2);
	assert_string_equal(why, "asked for");
	assert_int_equal(fw_rulescan_scan(r, "zzz", 3, hit), 0);
	assert_memory_equal(hit, ((unsigned char[]){1, 1, 1, 1, 1, 1}), 6);
	fw_rulescan_free(r);
}

/* Every coding of a project: code, offsets, lines and the rule that found
 * it, in one string. */
static char *codings_of(fw_project *p)
{
	static const char *const cols[] = {"code", "start", "end",    "l1",
					   "l2",   "rule",  "source", "id"};
	fw_table *t = NULL;
	fw_error e;
	if (fw_table_query(
		    &t, p, &e, cols, 8,
		    "SELECT k.number, c.start, c.\"end\", c.line_start, "
		    "c.line_end, r.line, s.name, c.id FROM coding c JOIN code "
		    "k ON k.id=c.code_id JOIN source s ON "
		    "s.id=c.source_id LEFT JOIN rule r ON r.id=c.rule_id "
		    "ORDER BY s.name, k.sort, c.start",
		    ""))
		fail_msg("%s", e.msg);
	fw_buf b = {0};
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t c = 0; c < 8; c++)
			fw_buf_printf(&b, "%s%c",
				      t->rows[i][c] ? t->rows[i][c] : "",
				      c == 7 ? '\n' : ' ');
	fw_table_free(t);
	return fw_buf_detach(&b);
}

static long run_engine(fw_project *p, int engine, int jobs)
{
	fw_error e;
	fw_autocode_result r;
	fw_autocode_opts o = {.engine = engine, .jobs = jobs};
	if (fw_autocode_run_with(&r, p, &o, &e))
		fail_msg("autocode: %s", e.msg);
	fw_table_free(r.per_code);
	return r.added;
}

static fw_project *project_of(const char *name, const char *const *files,
			      size_t n, const char *codebook)
{
	fw_project *p = tu_project(name);
	fw_error e;
	for (size_t i = 0; i < n; i++) {
		fw_ingest_opts o;
		memset(&o, 0, sizeof o);
		fw_ingest_result r;
		if (fw_source_ingest(&r, NULL, p, files[i], &o, &e))
			fail_msg("%s: %s", files[i], e.msg);
	}
	fw_codebook_result cb;
	if (fw_codebook_import(&cb, p, codebook, &e))
		fail_msg("codebook: %s", e.msg);
	return p;
}

/* The same files and codebook, once per engine, and matched in one thread
 * and in several: the same codings, with the same ids. */
static char *differential(const char *const *files, size_t n,
			  const char *codebook, long *count)
{
	fw_project *a = project_of("diff-pcre2.charter", files, n, codebook);
	fw_project *b = project_of("diff-hs.charter", files, n, codebook);
	fw_project *c = project_of("diff-threads.charter", files, n, codebook);
	long na = run_engine(a, FW_AUTOCODE_PCRE2, 1);
	long nb = run_engine(b, FW_AUTOCODE_HYPERSCAN, 1);
	long nc = run_engine(c, FW_AUTOCODE_HYPERSCAN, 4);
	assert_int_equal(na, nb);
	assert_int_equal(na, nc);
	char *ca = codings_of(a), *cb = codings_of(b), *cc = codings_of(c);
	assert_string_equal(ca, cb);
	assert_string_equal(ca, cc);
	free(cb);
	free(cc);
	fw_project_free(a);
	fw_project_free(b);
	fw_project_free(c);
	*count = na;
	return ca;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void test_demo_study(void **s)
{
	const char *dir = "../../corpus/pathways";
	DIR *d = opendir(dir);
	assert_non_null(d);
	char *files[128];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 128) {
		size_t len = strlen(de->d_name);
		if (len > 4 && !strcmp(de->d_name + len - 4, ".txt")) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
			files[n++] = fw_xstrdup(path);
		}
	}
	closedir(d);
	qsort(files, n, sizeof *files, by_name);
	assert_true(n >= 50);
	long count;
	char *all = differential((const char *const *)files, n,
				 "../../codebooks/pathways.txt", &count);
	/* the demo's 70 rules find well over a thousand passages */
	assert_true(count > 1000);
	free(all);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
}

/* Words that an ASCII reading of a rule gets wrong, and plain ones. */
static const char *const words[] = {"café",
				    "cafés",
				    "qualité",
				    "université",
				    "happy",
				    "not",
				    "naïve",
				    "façade",
				    "ÅNGSTRÖM",
				    "ключи",
				    "ключ",
				    "“quoted",
				    "words”",
				    "\xE2\x84\xAA"
				    "elvin",
				    "kelvin",
				    "\xC5\xBF"
				    "trasse",
				    "straße",
				    "😀😀",
				    "🎉",
				    "٣٤",
				    "12",
				    "zzz",
				    "λόγος",
				    "ἄνθρωπος",
				    "internationalisation",
				    "Überraschungsei",
				    "well",
				    "東京",
				    "日本語",
				    "école",
				    "ÉCOLE",
				    "the",
				    "end",
				    "budget",
				    "cuts",
				    "running",
				    "ing",
				    "—",
				    "…",
				    "and",
				    "we",
				    "said",
				    "it",
				    "was",
				    "a",
				    "long",
				    "day",
				    "Ölçek",
				    "ǅemal",
				    "ǆemal",
				    "ﬁne",
				    "Straße,",
				    "(café)",
				    "«ключ»",
				    "dégâts",
				    "happy\u00A0day",
				    "٣٤٥",
				    "naïveté"};

static void gen_text(fw_buf *b, unsigned seed, int turns)
{
	size_t nw = sizeof words / sizeof *words;
	unsigned x = seed;
	for (int t = 0; t < turns; t++) {
		fw_buf_printf(b, "%s: ", t % 2 ? "RESPONDENT" : "INTERVIEWER");
		int sentences =
			1 + (int)((x = x * 1103515245u + 12345u) >> 16) % 6;
		for (int k = 0; k < sentences; k++) {
			int len = 2 +
				  (int)((x = x * 1103515245u + 12345u) >> 16) %
					  14;
			for (int w = 0; w < len; w++) {
				x = x * 1103515245u + 12345u;
				fw_buf_printf(b, "%s%s", w ? " " : "",
					      words[(x >> 16) % nw]);
			}
			x = x * 1103515245u + 12345u;
			fw_buf_puts(b, (x >> 16) % 3 == 0   ? ". "
				       : (x >> 16) % 3 == 1 ? "? "
							    : "!\n\n");
		}
		fw_buf_puts(b, "\n\n");
	}
}

static const char unicode_codebook[] =
	"1 Unicode\n"
	"1.1 Cafe\n  rule: /\\bcafé\\b/i\n"
	"1.2 Ite\n  rule: /\\b\\w+ité\\b/\n"
	"1.3 Happy\n  rule: /(?<!not )happy/i\n"
	"1.4 Accents\n  rule: /naïve|façade|ångström/i\n"
	"1.5 Cyrillic\n  rule: /\\bключ\\w*/i\n"
	"1.6 Quotes\n  rule: /“[^”]{0,40}”/\n"
	"1.7 Kelvin\n  rule: /\\bkelvin\\b/i\n"
	"1.8 Long s\n  rule: /\\bstrasse\\b/i\n"
	"1.9 Emoji\n  rule: /😀+|🎉/\n"
	"2 More\n"
	"2.1 Digits\n  rule: /\\d{2,}/\n"
	"2.2 Backref\n  rule: /(\\w)\\1{2}/\n"
	"2.3 Greek\n  rule: /[[:alpha:]]+ος\\b/\n"
	"2.4 Long words\n  rule: /[^\\W\\d]{12,}/\n"
	"2.5 Anchor\n  rule: /^\\s*(well|we|it|the)\\b/im\n"
	"2.6 CJK\n  rule: /東京|日本語/\n"
	"2.7 Ecole\n  rule: /\\bÉcole\\b/i scope=paragraph\n"
	"2.8 Span\n  rule: /\\bthe\\b.{0,20}\\bend\\b/s\n"
	"2.9 Ahead\n  rule: /cuts?(?= \\w+ budget)/i scope=utterance\n"
	"3 Last\n"
	"3.1 Inside\n  rule: /\\Bing\\b/\n"
	"3.2 Ligature\n  rule: /\\bfine\\b/i\n"
	"3.3 Title case\n  rule: /\\bǆemal\\b/i\n"
	"3.4 Turkish\n  rule: /ölçek/i\n"
	"3.5 Word class\n  rule: /\\bd\\w+ts\\b/\n"
	"3.6 Space class\n  rule: /\\bhappy\\sday\\b/i\n"
	"3.7 Digit class\n  rule: /[\\d]{3}/\n"
	"3.8 Posix\n  rule: /\\bna[[:alpha:]]{3}té/\n"
	"3.9 Negated\n  rule: /\\bna[^\\W\\d]ve/\n";

static void test_generated_unicode(void **s)
{
	const char *files[4];
	char names[4][64];
	for (int i = 0; i < 4; i++) {
		fw_buf b = {0};
		gen_text(&b, 7u + 1000u * (unsigned)i, 60);
		snprintf(names[i], sizeof names[i], "uni%d.txt", i);
		files[i] = tu_path(names[i]);
		files[i] = fw_xstrdup(files[i]);
		tu_write(files[i], b.ptr, b.len);
		fw_buf_dispose(&b);
	}
	TU_WRITE_STR(tu_path("uni-cb.txt"), unicode_codebook);
	long count;
	char *all = differential(files, 4, tu_path("uni-cb.txt"), &count);
	assert_true(count > 200);
	/* every rule found something: each case fold and class was tried */
	static const char *const codes[] = {
		"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9",
		"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9",
		"3.1", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		char line[16];
		snprintf(line, sizeof line, "\n%s ", codes[i]);
		if (!strstr(all, line) &&
		    strncmp(all, line + 1, strlen(line + 1)))
			fail_msg("no coding of %s", codes[i]);
	}
	free(all);
	for (int i = 0; i < 4; i++)
		free((char *)files[i]);
}

TU_MAIN(cmocka_unit_test(test_engines), cmocka_unit_test(test_demo_study),
	cmocka_unit_test(test_generated_unicode))
