/*
 * source.h: storing a source from memory, inside libframework (REFI-QDA
 * import stores its texts the way charter ingest does).
 */
#ifndef FW_SOURCE_INT_H
#define FW_SOURCE_INT_H

#include "fw/source.h"

/* Store a transcript from memory; guid and when (import time) may be
 * NULL; no_case leaves it unlinked (the caller links it). */
int fw_source_add_mem(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		      const char *name, const char *path, const char *data,
		      size_t len, const fw_ingest_opts *opts,
		      const char *guid_in, const char *when, int no_case,
		      fw_error *err);

#endif
