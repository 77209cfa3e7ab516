/*
 * csv.h: reading CSV per RFC 4180: quoted fields, doubled quotes,
 * embedded commas and newlines, CRLF, a leading byte-order mark.
 */
#ifndef FW_CSV_H
#define FW_CSV_H

#include <stddef.h>

#include "errors.h"

typedef struct fw_csv fw_csv;

/** A reader over a file (at most FW_MAX_INPUT bytes, UTF-8); errors name
 *  the path and line. */
int fw_csv_open(fw_csv **out, const char *path, fw_error *err);
/** A reader over memory (not copied: it must outlive the reader); label
 *  names it in errors. */
int fw_csv_open_mem(fw_csv **out, const char *data, size_t len,
		    const char *label, fw_error *err);
/** The next record: 1 with *fields (borrowed until the next call) and *n,
 *  0 at the end of input, negative on a malformed record.  *line is the
 *  line the record starts on.  Blank lines between records are skipped. */
int fw_csv_next(char ***fields, size_t *n, int *line, fw_csv *c, fw_error *err);
void fw_csv_free(fw_csv *c);
/** Opens path and reads its header row: for each k < n, idx[k] is the
 *  first column whose heading (trailing blanks aside) is one of names[k]
 *  ('|'-separated, case ignored), or -1; *head (borrowed until the next
 *  record, may be NULL) and *ncols are the header itself.  An empty file is
 *  an error at line 1 that says which header was expected. */
int fw_csv_open_header(fw_csv **out, const char *path, const char *expect,
		       const char *const *names, int n, int *idx, char ***head,
		       size_t *ncols, fw_error *err);

#endif
