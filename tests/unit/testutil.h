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

/* The golden fixtures' study, which several suites share: the
 * classification sheet, C01, C02 and the group discussion G1, the
 * codebook, auto-coding and, with `summaries`, the chart summaries. */
#define TU_FX "../golden/fixtures/"

static inline fw_project *tu_study(const char *name, int summaries)
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

#endif
