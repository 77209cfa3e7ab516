/*
 * fileio.h: reading files whole, and writing every output charter makes
 * atomically: to a temporary file beside the target, renamed over it only
 * when complete, so an interrupted or failed write leaves the old file
 * (or none) and never half of a new one.
 */
#ifndef FW_FILEIO_H
#define FW_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "errors.h"

/** The most charter reads of one input file (transcript, sheet, codebook,
 *  archive): larger ones are refused with a clear error. */
#define FW_MAX_INPUT (256u << 20)

/** 0 if path is a regular file (symbolic links followed); else an error
 *  saying what it is (a pipe, a device, a directory ...).  A FIFO would
 *  block a reader, and with it the project, until something wrote to it. */
int fw_file_regular(const char *path, fw_error *err);

/** Read a whole regular file of at most limit bytes; *out is
 *  NUL-terminated and the caller's. */
int fw_file_read(char **out, size_t *len, const char *path, size_t limit,
		 fw_error *err);

/** A file being written: `tmp` is written (through fp, or by a library
 *  given the name), then renamed to `path` by fw_atomic_commit. */
typedef struct fw_atomic {
	char path[4096];
	char tmp[4096 + 40];
	FILE *fp;
} fw_atomic;

/** Create the temporary file beside path, open for writing as a->fp. */
int fw_atomic_begin(fw_atomic *a, const char *path, fw_error *err);
/** Close it (checking that every byte was written) and rename it over
 *  path; on failure the temporary file is removed. */
int fw_atomic_commit(fw_atomic *a, fw_error *err);
/** Give up: close and remove the temporary file (safe to call twice). */
void fw_atomic_abort(fw_atomic *a);

/** Write len bytes as the whole of path, atomically. */
int fw_file_write(const char *path, const void *data, size_t len,
		  fw_error *err);

/** mkdir -p: a directory and its parents. */
int fw_mkdirs(const char *dir, fw_error *err);
/** A file-name part made of a title: lower-case letters and digits, other
 *  runs as one '-' ("x" when nothing is left). */
void fw_path_slug(char *out, size_t n, const char *s);
/** The last component of a path. */
const char *fw_path_base(const char *path);

#endif
