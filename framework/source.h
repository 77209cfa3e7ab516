/*
 * source.h: storing a source from memory, inside libframework (REFI-QDA
 * import stores its texts the way charter ingest does).
 */
#ifndef FW_SOURCE_INT_H
#define FW_SOURCE_INT_H

#include "fw/source.h"
#include "errors.h"
#include "fw/transcript.h"

/* Store a transcript from memory; guid and when (import time) may be
 * NULL; no_case leaves it unlinked (the caller links it). */
int fw_source_add_mem(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		      const char *name, const char *path, const char *data,
		      size_t len, const fw_ingest_opts *opts,
		      const char *guid_in, const char *when, int no_case,
		      fw_error *err);

/* A file read, hashed and perhaps parsed already (source_read.c). */
typedef struct fw_source_read {
	const char *path, *data;
	size_t len;
	char hash[65];
	int parsed;       /* t and parse_rc hold the reading */
	int parse_rc;     /* 0, or why it could not be read (parse_err) */
	fw_transcript *t; /* taken by fw_source_add_read */
	fw_error parse_err;
} fw_source_read;

/* fw_source_ingest of what was read: named for its file (or --name),
 * stored, and its own part of the history. */
int fw_source_ingest_read(fw_ingest_result *res, fw_diags *diags, fw_project *p,
			  fw_source_read *rd, const fw_ingest_opts *opts,
			  fw_error *err);

/* fw_source_add_mem of what was read. */
int fw_source_add_read(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		       const char *name, fw_source_read *rd,
		       const fw_ingest_opts *opts, const char *guid_in,
		       const char *when, int no_case, fw_error *err);

#endif
