/*
 * test_util.c: util/'s small modules: time stamps, SHA-256, GUIDs,
 * atomic writes, natural order, the line index, diagnostics.
 */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>
#include "progress.h"
#include <stddef.h>
#include "alias.h"
#include "alloc.h"
#include "idmap.h"
#include "pipe.h"
#include "zipio.h"

#include <zip.h>

static void test_time_parse(void **s)
{
	(void)s;
	assert_int_equal(fw_time_parse("00:01:02", 8), 62000);
	assert_int_equal(fw_time_parse("1:02:03.5", 9), 3723500);
	assert_int_equal(fw_time_parse("02:03,250", 9), 123250);
	assert_int_equal(fw_time_parse("12", 2), -1);
	/* days first, as oral-history time stamps write them */
	assert_int_equal(fw_time_parse("01:02:03:04", 11),
			 (26L * 3600 + 3 * 60 + 4) * 1000);
	assert_int_equal(fw_time_parse("00:24:00:00", 11), -1);
	assert_int_equal(fw_time_parse("1:2:3:4:5", 9), -1);
	assert_int_equal(fw_time_parse("00:61", 5), -1);
	assert_int_equal(fw_time_parse("ab:cd", 5), -1);
}

static void test_sha256_guid(void **s)
{
	(void)s;
	char hex[65], g1[37], g2[37];
	fw_sha256_hex(hex, "abc", 3);
	assert_string_equal(
		hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	fw_guid_new(g1);
	fw_guid_new(g2);
	assert_int_equal(strlen(g1), 36);
	assert_int_equal(g1[14], '7');
	assert_true(strcmp(g1, g2) < 0); /* time-ordered */
	assert_string_not_equal(g1, g2);
}

static void test_guid_derive(void **s)
{
	(void)s;
	char a[37], b[37], c[37];
	fw_guid_derive(a, "charter:rule:X:1");
	fw_guid_derive(b, "charter:rule:X:1");
	fw_guid_derive(c, "charter:rule:X:2");
	assert_string_equal(a, b); /* stable */
	assert_string_not_equal(a, c);
	assert_int_equal(a[14], '8'); /* version 8 */
	assert_non_null(strchr("89AB", a[19]));
	/* v7: many in one millisecond stay in order */
	char prev[37] = "";
	for (int i = 0; i < 3000; i++) {
		char g[37];
		fw_guid_new(g);
		assert_true(strcmp(prev, g) < 0);
		memcpy(prev, g, sizeof g);
	}
}

static int files_named(const char *dir, const char *prefix)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^%s' > '%s/count'", dir,
		 prefix, dir);
	if (system(cmd) == -1)
		return -1;
	char path[600], *data;
	size_t len;
	snprintf(path, sizeof path, "%s/count", dir);
	fw_error e;
	if (fw_file_read(&data, &len, path, 100, &e))
		return -1;
	int n = atoi(data);
	free(data);
	return n;
}

static void test_atomic_writes(void **s)
{
	(void)s;
	fw_error e;
	const char *dir = tu_path("atomic/a/b");
	assert_int_equal(fw_mkdirs(dir, &e), 0);
	assert_int_equal(fw_mkdirs(dir, &e), 0); /* already there */
	char path[600];
	snprintf(path, sizeof path, "%s/out.txt", dir);
	assert_int_equal(fw_file_write(path, "first", 5, &e), 0);
	assert_int_equal(fw_file_write(path, "second", 6, &e), 0);
	char *data;
	size_t len;
	assert_int_equal(fw_file_read(&data, &len, path, 100, &e), 0);
	assert_string_equal(data, "second");
	free(data);
	/* given up: the old file stays, no temporary file is left */
	fw_atomic a;
	assert_int_equal(fw_atomic_begin(&a, path, &e), 0);
	fputs("half of a new", a.fp);
	fw_atomic_abort(&a);
	assert_int_equal(fw_file_read(&data, &len, path, 100, &e), 0);
	assert_string_equal(data, "second");
	free(data);
	assert_int_equal(files_named(dir, "out.txt.tmp"), 0);
	/* a killed writer's temporary file is swept by the next write; a
	 * running one's is left alone */
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	char stale[700], live[700];
	snprintf(stale, sizeof stale, "%s.tmp-%ld-Ab12Cd", path, (long)dead);
	snprintf(live, sizeof live, "%s.tmp-%ld-Ef34Gh", path, (long)getppid());
	TU_WRITE_STR(stale, "left by a kill -9");
	TU_WRITE_STR(live, "being written");
	assert_int_equal(fw_file_write(path, "third", 5, &e), 0);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	unlink(live);
	/* written again, a file keeps its mode */
	chmod(path, 0600);
	assert_int_equal(fw_file_write(path, "fourth", 6, &e), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* a symbolic link at the destination is replaced, never written
	 * through: what it pointed at is unchanged */
	char target[600], link[600];
	snprintf(target, sizeof target, "%s/target.txt", dir);
	snprintf(link, sizeof link, "%s/link.html", dir);
	TU_WRITE_STR(target, "not yours");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(fw_file_write(link, "<p>page</p>", 11, &e), 0);
	assert_int_equal(fw_file_read(&data, &len, target, 100, &e), 0);
	assert_string_equal(data, "not yours");
	free(data);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* a directory that is not there: an error naming the file */
	assert_int_equal(fw_file_write(tu_path("none/x.txt"), "x", 1, &e),
			 FW_EIO);
	assert_non_null(strstr(e.file, "none/x.txt"));
	/* reading: limits and directories */
	assert_int_equal(fw_file_read(&data, &len, path, 3, &e), FW_ELIMIT);
	assert_int_equal(fw_file_read(&data, &len, dir, 100, &e), FW_EIO);
	char slug[32];
	fw_path_slug(slug, sizeof slug, "Clients' needs & work (2008)");
	assert_string_equal(slug, "clients-needs-work-2008");
	fw_path_slug(slug, sizeof slug, "!!!");
	assert_string_equal(slug, "x");
}

/* FW_MAX_INPUT at its edge: a file of exactly 256 MB is read into one
 * buffer of its size (no doubling past it); a byte more is refused from
 * its size, before anything is read. */
static void test_input_bound(void **s)
{
	(void)s;
	fw_error e;
	const char *path = tu_path("edge.txt");
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, FW_MAX_INPUT), 0);
	assert_int_equal(pwrite(fd, "end", 3, FW_MAX_INPUT - 3), 3);
	char *data;
	size_t len;
	tu_heap_begin();
	assert_int_equal(fw_file_read(&data, &len, path, FW_MAX_INPUT, &e), 0);
	size_t peak = tu_heap_end();
	assert_int_equal(len, FW_MAX_INPUT);
	assert_memory_equal(data + len - 3, "end", 4);
	free(data);
	if (peak > (size_t)FW_MAX_INPUT + (1u << 20))
		fail_msg("reading 256 MB peaked at %zu bytes", peak);
	assert_int_equal(ftruncate(fd, (off_t)FW_MAX_INPUT + 1), 0);
	close(fd);
	tu_heap_begin();
	assert_int_equal(fw_file_read(&data, &len, path, FW_MAX_INPUT, &e),
			 FW_ELIMIT);
	peak = tu_heap_end();
	assert_null(data);
	assert_string_equal(e.file, path);
	assert_non_null(strstr(e.msg, "larger than the limit of 256 MB"));
	if (peak > 1u << 20)
		fail_msg("refusing a 256 MB file allocated %zu bytes", peak);
	/* and an empty file is the empty string */
	fd = open(path, O_TRUNC | O_WRONLY);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(fw_file_read(&data, &len, path, FW_MAX_INPUT, &e), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	unlink(path);
}

/* An archive of one entry, stored (fill: its bytes) or deflated. */
static const char *one_entry_zip(const char *name, size_t size, int fill,
				 int store)
{
	const char *path = tu_path(name);
	int ze;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	char *d = malloc(size);
	assert_non_null(d);
	memset(d, fill, size);
	zip_source_t *src = zip_source_buffer(z, d, size, 1);
	zip_int64_t i = zip_file_add(z, "content.xml", src, 0);
	assert_true(i >= 0);
	zip_set_file_compression(z, (zip_uint64_t)i,
				 store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
	assert_int_equal(zip_close(z), 0);
	return path;
}

/* The zip entry's bounds at their edge: 64 MB unpacked reads, a byte more
 * is refused; past 1 MB, more than 200:1 is refused as a bomb. */
static void test_zip_bounds(void **s)
{
	(void)s;
	static const struct {
		size_t size;
		int fill, store, ok;
		const char *why;
	} cases[] = {
		{FW_ZIP_MAX_ENTRY, 'x', 1, 1, NULL},
		{FW_ZIP_MAX_ENTRY + 1, 'x', 1, 0, "limit 64 MB"},
		{1u << 20, 0, 0, 1, NULL},
		{(1u << 20) + 1, 0, 0, 0, "(limit 200 to 1)"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		const char *path = one_entry_zip("edge.zip", cases[k].size,
						 cases[k].fill, cases[k].store);
		char *zip, *out = NULL;
		size_t zlen, len = 0;
		fw_error e;
		assert_int_equal(
			fw_file_read(&zip, &zlen, path, FW_MAX_INPUT, &e), 0);
		int rc = fw_zip_entry(&out, &len, zip, zlen, path,
				      "content.xml", &e);
		if (cases[k].ok != !rc)
			fail_msg("%zu bytes: rc %d %s", cases[k].size, rc,
				 e.msg);
		if (cases[k].ok)
			assert_int_equal(len, cases[k].size);
		else if (!strstr(e.msg, cases[k].why))
			fail_msg("%zu bytes: %s", cases[k].size, e.msg);
		free(out);
		free(zip);
	}
}

static void test_natcmp_lines_diags(void **s)
{
	(void)s;
	assert_true(fw_natcmp("CL2", "CL10") < 0);
	assert_true(fw_natcmp("cl02", "CL2") == 0);
	assert_true(fw_natcmp("ADV-B", "adv-a") > 0);
	assert_true(fw_natcmp("P1", "P1a") < 0);
	fw_lines li;
	const char *t = "one\ntwo\n\nfour";
	fw_lines_build(&li, t, strlen(t));
	assert_int_equal(li.n, 4);
	assert_int_equal(fw_lines_at(&li, 0), 1);
	assert_int_equal(fw_lines_at(&li, 4), 2);
	assert_int_equal(fw_lines_at(&li, 8), 3);
	assert_int_equal(fw_lines_at(&li, 12), 4);
	fw_lines_dispose(&li);
	fw_diags d;
	fw_diags_init(&d);
	fw_diags_add(&d, FW_DIAG_WARNING, "a.txt", 3, "odd %s", "label");
	fw_diags_add(&d, FW_DIAG_NOTE, NULL, 0, "left out");
	fw_diags_add(NULL, FW_DIAG_NOTE, NULL, 0, "dropped"); /* no list */
	assert_int_equal(fw_diags_count(&d, FW_DIAG_WARNING), 1);
	assert_int_equal(fw_diags_count(&d, FW_DIAG_NOTE), 1);
	char buf[100];
	fw_diag_format(buf, sizeof buf, &d.v[0]);
	assert_string_equal(buf, "a.txt:3: odd label");
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	fw_diags_print(&d, fp);
	fclose(fp);
	assert_string_equal(out, "charter: warning: a.txt:3: odd label\n"
				 "charter: note: left out\n");
	free(out);
	fw_diags_dispose(&d);
	assert_int_equal(fw_time_parse("1:00:00", 7), 3600000);
	fw_time_format(buf, sizeof buf, 3723500, 1);
	assert_string_equal(buf, "01:02:03.500");
	fw_time_format(buf, sizeof buf, 3723500, 0);
	assert_string_equal(buf, "01:02:03");
}

static void test_idmap(void **s)
{
	(void)s;
	fw_idmap m = {0};
	assert_int_equal(fw_idmap_get(&m, 7, -1), -1); /* empty */
	/* ids in any order, far apart; positions as given */
	static const long long ids[] = {900000000001LL, 5, 77, -3, 12};
	for (long i = 0; i < 5; i++)
		fw_idmap_add(&m, ids[i], i * 10);
	for (long i = 0; i < 200; i++) /* past the first allocation */
		fw_idmap_add(&m, 1000 + i, 500 + i);
	fw_idmap_sort(&m);
	assert_int_equal(fw_idmap_get(&m, 900000000001LL, -1), 0);
	assert_int_equal(fw_idmap_get(&m, 77, -1), 20);
	assert_int_equal(fw_idmap_get(&m, -3, -1), 30);
	assert_int_equal(fw_idmap_get(&m, 1199, -1), 699);
	assert_int_equal(fw_idmap_get(&m, 6, -1), -1);
	assert_int_equal(fw_idmap_get(&m, 2000, -99), -99);
	fw_idmap_dispose(&m);
	assert_int_equal(m.n, 0);
}

static void test_line_next(void **s)
{
	(void)s;
	const char *t = "one\r\ntwo\n\nlast";
	fw_line_iter it = {t, strlen(t), 0, 0};
	const char *l;
	size_t n;
	assert_true(fw_line_next(&it, &l, &n, 1));
	assert_int_equal(n, 3); /* CR dropped with crlf */
	assert_memory_equal(l, "one", 3);
	assert_true(fw_line_next(&it, &l, &n, 1));
	assert_int_equal(it.line, 2);
	assert_memory_equal(l, "two", 3);
	assert_true(fw_line_next(&it, &l, &n, 1));
	assert_int_equal(n, 0);
	assert_true(fw_line_next(&it, &l, &n, 1));
	assert_int_equal(it.line, 4);
	assert_int_equal(n, 4); /* no newline at the end */
	assert_false(fw_line_next(&it, &l, &n, 1));
	/* without crlf the CR stays */
	fw_line_iter raw = {t, strlen(t), 0, 0};
	assert_true(fw_line_next(&raw, &l, &n, 0));
	assert_int_equal(n, 4);
}

/* names users give: one line, not empty, within the limit, without the
 * bytes refused */
static void test_name_check(void **state)
{
	(void)state;
	fw_error e;
	assert_int_equal(fw_name_check("Joanne", 200, NULL, "a speaker", &e),
			 0);
	assert_int_equal(fw_name_check("", 200, NULL, "a speaker", &e),
			 FW_EINVAL);
	assert_int_equal(fw_name_check("a\nb", 200, NULL, "a case", &e),
			 FW_EINVAL);
	assert_int_equal(fw_name_check("x/y.txt", 255, "/", "a source", &e),
			 FW_EINVAL);
	assert_string_equal(e.msg, "a source's name is one line of at most "
				   "255 bytes, without '/'");
	assert_int_equal(fw_name_check("abcd", 3, NULL, "a case", &e),
			 FW_EINVAL);
}

/* alias lists: every name of a meaning finds it, case aside; a prefix,
 * a longer word or an empty name finds nothing */
static void test_alias(void **state)
{
	(void)state;
	static const char *const k[] = {"md|markdown", NULL, "start time|in"};
	assert_int_equal(fw_alias_find(k, 3, "md"), 0);
	assert_int_equal(fw_alias_find(k, 3, "MarkDown"), 0);
	assert_int_equal(fw_alias_find(k, 3, "start time"), 2);
	assert_int_equal(fw_alias_find(k, 3, "in"), 2);
	assert_int_equal(fw_alias_find(k, 3, "start"), -1);
	assert_int_equal(fw_alias_find(k, 3, "mdx"), -1);
	assert_int_equal(fw_alias_find(k, 3, "m"), -1);
	assert_int_equal(fw_alias_find(k, 3, ""), -1);
	assert_int_equal(fw_alias_find(k, 3, NULL), -1);
	assert_int_equal(fw_alias_findn(k, 3, "input", 2), 2);
}

/* rows whose fields are owned strings, freed field by field (ASan says
 * if one is left or freed twice) */
typedef struct row3 {
	char *a;
	long n;
	char *b;
} row3;

static void test_free_fields(void **state)
{
	(void)state;
	row3 *v = fw_xcalloc(2, sizeof *v);
	v[0].a = fw_xstrdup("one");
	v[0].b = fw_xstrdup("two");
	v[1].a = fw_xstrdup("three"); /* b left NULL */
	FW_FREE_FIELDS(v, 2, row3, offsetof(row3, a), offsetof(row3, b));
	FW_FREE_FIELDS(NULL, 0, row3, offsetof(row3, a));
	row3 one = {fw_xstrdup("a"), 1, fw_xstrdup("b")};
	FW_FREE_STRS(&one, offsetof(row3, a), offsetof(row3, b));
	char **sv = fw_xcalloc(3, sizeof *sv);
	sv[0] = fw_xstrdup("x");
	sv[2] = fw_xstrdup("z");
	fw_strv_free(sv, 3);
	fw_strv_free(NULL, 0);
	/* pushed items are zeroed and stay put as the array grows (ASan sees
	 * any write past its end) */
	row3 *pv = NULL;
	for (size_t i = 0; i < 100; i++) {
		pv = fw_xpush(pv, i, sizeof *pv);
		assert_null(pv[i].a);
		assert_int_equal(pv[i].n, 0);
		pv[i].n = (long)i;
	}
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(pv[i].n, (long)i);
	free(pv);
}

static void test_progress_line(void **state)
{
	(void)state;
	char b[200];
	fw_progress_line(b, sizeof b, "autocode", "sources", 120, 400, 4.0);
	assert_string_equal(b, "autocode: 120 of 400 sources, 30/s, 9 s left");
	fw_progress_line(b, sizeof b, "ingest", "files", 3, 3000, 2.0);
	assert_string_equal(b, "ingest: 3 of 3000 files, 1.5/s, 33 min left");
	fw_progress_line(b, sizeof b, "export", "sources", 10, 10, 1.0);
	assert_string_equal(b, "export: 10 of 10 sources, 10/s");
	fw_progress_line(b, sizeof b, "import", "sources", 0, 5, 0.0);
	assert_string_equal(b, "import: 0 of 5 sources");
	fw_progress_line(b, sizeof b, "search", "turns", 7, 0, 1.0);
	assert_string_equal(b, "search: 7 turns, 7.0/s");
}

/* A job of the pipe test: its number, how long it takes, who ran it. */
typedef struct pjob {
	int n, spins, runs;
	int ran_in; /* the index of the context */
	long result;
} pjob;

static void pjob_work(void *job, void *ctx)
{
	pjob *j = job;
	long v = j->n;
	for (int i = 0; i < j->spins; i++)
		v = (v * 1103515245 + 12345) % 2147483647;
	j->result = v;
	j->runs++;
	j->ran_in = *(int *)ctx;
}

/* Jobs come back in the order they went in, each run once, whatever the
 * threads; with none, the caller runs them all. */
static void test_pipe_order(void **state)
{
	(void)state;
	int ids[5] = {0, 1, 2, 3, 4};
	void *ctx[5] = {&ids[0], &ids[1], &ids[2], &ids[3], &ids[4]};
	enum { NJ = 200 };
	static pjob jobs[NJ];
	static const size_t threads[] = {0, 1, 4};
	static const size_t depths[] = {1, 3, 16};
	for (size_t ti = 0; ti < 3; ti++)
		for (size_t di = 0; di < 3; di++) {
			fw_pipe *p = fw_pipe_new(depths[di], threads[ti],
						 pjob_work, ctx);
			memset(jobs, 0, sizeof jobs);
			int next = 0, put = 0;
			while (next < NJ) {
				if (put < NJ && !fw_pipe_full(p)) {
					jobs[put].n = put;
					/* uneven work, so later jobs finish
					 * before earlier ones */
					jobs[put].spins = (put * 7919) % 20000;
					fw_pipe_put(p, &jobs[put]);
					put++;
					continue;
				}
				pjob *j = fw_pipe_take(p);
				assert_non_null(j);
				assert_int_equal(j->n, next);
				assert_int_equal(j->runs, 1);
				assert_true(j->ran_in >= 0 &&
					    (size_t)j->ran_in <= threads[ti]);
				if (!threads[ti])
					assert_int_equal(j->ran_in, 0);
				next++;
			}
			assert_null(fw_pipe_take(p));
			fw_pipe_free(p);
		}
	/* freed with jobs still in it: those running finish, the rest are
	 * left alone */
	fw_pipe *p = fw_pipe_new(8, 2, pjob_work, ctx);
	memset(jobs, 0, sizeof jobs);
	for (int i = 0; i < 8; i++) {
		jobs[i].spins = 100000;
		fw_pipe_put(p, &jobs[i]);
	}
	assert_true(fw_pipe_full(p));
	fw_pipe_free(p);
	for (int i = 0; i < 8; i++)
		assert_true(jobs[i].runs <= 1);
	assert_true(fw_pipe_threads(3) <= 3);
}

TU_MAIN(cmocka_unit_test(test_progress_line), cmocka_unit_test(test_name_check),
	cmocka_unit_test(test_time_parse), cmocka_unit_test(test_sha256_guid),
	cmocka_unit_test(test_guid_derive),
	cmocka_unit_test(test_atomic_writes),
	cmocka_unit_test(test_input_bound), cmocka_unit_test(test_zip_bounds),
	cmocka_unit_test(test_natcmp_lines_diags), cmocka_unit_test(test_idmap),
	cmocka_unit_test(test_line_next), cmocka_unit_test(test_alias),
	cmocka_unit_test(test_free_fields), cmocka_unit_test(test_pipe_order));
