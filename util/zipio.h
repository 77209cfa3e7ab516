/*
 * zipio.h: the only door through which charter hands user bytes to libzip
 * (DOCX, ODT, XLSX, QDPX), and the one zip writer.
 *
 * Reading: entries with absolute or ".." paths refuse the whole archive;
 * an entry over FW_ZIP_MAX_ENTRY bytes, or compressed more than
 * FW_ZIP_MAX_RATIO to one, is refused as a possible zip bomb, and reading
 * stops at the declared size whatever the stream holds.
 */
#ifndef FW_ZIPIO_H
#define FW_ZIPIO_H

#include <stddef.h>
#include <stdio.h>

#include "errors.h"

#define FW_ZIP_MAX_ENTRY (64u << 20)
#define FW_ZIP_MAX_RATIO 200

/** One entry of an in-memory zip; *out NUL-terminated, the caller's.
 *  FW_ENOTFOUND (with err filled) if the archive has no such entry. */
int fw_zip_entry(char **out, size_t *out_len, const char *data, size_t len,
		 const char *label, const char *name, fw_error *err);
/** 1 if the archive opens and holds the entry. */
int fw_zip_has(const char *data, size_t len, const char *name);
/** Every entry's name (refusing unsafe ones); free each and the array. */
int fw_zip_names(char ***names, size_t *n, const char *data, size_t len,
		 const char *label, fw_error *err);

/** Bytes for an entry, made when the zip writer comes to it and freed
 *  (free()) when it is done: *data NULL and *len 0 for an empty entry.
 *  0, or non-zero when they cannot be had (the write fails). */
typedef int (*fw_zip_load_fn)(void *ctx, long long key, char **data,
			      size_t *len);

/** One file of a zip to write: data[0, len); or, with file, the whole of
 *  that open stream (read from its start and closed by the writer); or,
 *  with load, what load(ctx, key) gives, asked for only when the entry is
 *  written, so that one entry at a time is in memory. */
typedef struct fw_zip_part {
	const char *name;
	const void *data;
	size_t len;
	FILE *file;
	fw_zip_load_fn load;
	void *ctx;
	long long key;
} fw_zip_part;
/** Write a zip of these parts in this order, atomically (fileio.h). */
int fw_zip_write(const char *path, const fw_zip_part *parts, size_t n,
		 fw_error *err);

#endif
