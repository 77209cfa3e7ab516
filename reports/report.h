/*
 * report.h: report writing on top of libframework's report data.
 */
#ifndef CHARTER_REPORT_H
#define CHARTER_REPORT_H

#include "fw.h"

typedef struct fw_report_opts {
	const char *attr;    /* grouping attribute: one chapter per value */
	int format;          /* FW_FMT_MD */
	const char *outdir;  /* created if missing */
} fw_report_opts;

/** Write the report: report.md (every chapter) and one file per chapter.
 *  `written` (may be NULL) receives the number of files written. */
int fw_report_write(fw_project *p, const fw_report_opts *o, int *written,
                    fw_error *err);

/** A file-name-safe slug of `s` into `out`. */
void fw_slug(const char *s, char *out, size_t n);

#endif
