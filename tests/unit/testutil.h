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

#endif
