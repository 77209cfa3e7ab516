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
/* An archive opened once from its file (its entry names checked once,
 * unsafe ones refusing it) for reading many entries, read as they are
 * needed: an archive of any size.  path must outlive it. */
typedef struct fw_zip fw_zip;
int fw_zip_open_path(fw_zip **out, const char *path, fw_error *err);
/** The same over bytes in memory (data and label must outlive it). */
int fw_zip_open_mem(fw_zip **out, const char *data, size_t len,
		    const char *label, fw_error *err);
/** Every entry's name; free each and the array. */
int fw_zip_list(fw_zip *z, char ***names, size_t *n, fw_error *err);
/** One entry, whole (limits as fw_zip_entry). */
int fw_zip_read(fw_zip *z, const char *name, char **out, size_t *len,
		fw_error *err);
void fw_zip_close(fw_zip *z);

/* An entry read as it unpacks, for one too big to hold (a project's XML):
 * up to FW_ZIP_MAX_STREAM bytes, the compression ratio limited as for
 * others, and never more than its declared size. */
#define FW_ZIP_MAX_STREAM (16ull << 30)
typedef struct fw_zip_stream fw_zip_stream;
int fw_zip_stream_open(fw_zip_stream **out, fw_zip *z, const char *name,
		       fw_error *err);
/** Up to n bytes; 0 at the end, -1 when the entry is damaged. */
long fw_zip_stream_read(fw_zip_stream *s, char *buf, size_t n);
void fw_zip_stream_close(fw_zip_stream *s);

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
