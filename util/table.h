/*
 * table.h: the common shape of listing results, and the one table writer.
 *
 * A table has named columns and rows of strings (NULL is empty); group
 * header rows carry their label in column 0.  It is written as aligned
 * text, CSV (RFC 4180, CRLF line ends, group rows left out), JSON (an
 * array of objects, numeric columns as numbers, group rows left out) or
 * Markdown.  A table made with a sink writes each row there as it is
 * added instead of keeping it, so large results never sit in memory.
 */
#ifndef FW_TABLE_H
#define FW_TABLE_H

#include "buf.h"

#include <stddef.h>
#include <stdio.h>

enum { FW_ROW_DATA = 0, FW_ROW_GROUP = 1 };
enum { FW_FMT_TEXT, FW_FMT_CSV, FW_FMT_JSON, FW_FMT_MD };

/** Where a streaming table's rows go. */
typedef struct fw_sink {
	FILE *fp;
	int format;  /* FW_FMT_CSV, FW_FMT_JSON or FW_FMT_MD */
	size_t rows; /* data rows written */
	int failed;  /* a write failed (disk full, closed pipe) */
} fw_sink;

typedef struct fw_table {
	size_t ncols;
	char **cols;
	unsigned char *numeric; /* per column: values are numbers */
	size_t nrows;
	char ***rows;
	int *kinds;
	size_t cap;
	fw_sink *sink; /* streaming: rows are written there, not kept */
	int ended;
} fw_table;

/** A Markdown table's header and rule line for t's columns, each name
 *  escaped with the FW_MD_* flags. */
void fw_md_header(fw_buf *b, const fw_table *t, int md_flags);

/** Parse "text|csv|json|md"; -1 if unknown. */
int fw_format_parse(const char *s);
/** 1 if a table in this format can be written row by row. */
int fw_format_streams(int format);

void fw_sink_init(fw_sink *s, FILE *fp, int format);

fw_table *fw_table_new(size_t ncols, const char *const *names);
/** A table whose rows go to sink as they are added (its header now);
 *  sink NULL: an ordinary table. */
fw_table *fw_table_new_sink(fw_sink *sink, size_t ncols,
			    const char *const *names);
/** Mark column col as numeric: JSON writes its values as numbers. */
void fw_table_numeric(fw_table *t, size_t col);
/** Add a row; cells has ncols entries (copied; NULL allowed). */
void fw_table_add(fw_table *t, int kind, const char *const *cells);
/** The row r's cell c ("" when empty). */
const char *fw_table_cell(const fw_table *t, size_t r, size_t c);
/** End a streaming table (writing the JSON array's close); 0, or FW_EIO
 *  when any write to the sink failed.  Does nothing for a kept table. */
int fw_table_end(fw_table *t);
void fw_table_free(fw_table *t);

/** Write a kept table to fp; 0 or FW_EIO.  A streaming table has been
 *  written already: this ends it. */
int fw_table_write(fw_table *t, int format, FILE *fp);

#endif
