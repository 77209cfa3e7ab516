/*
 * internal.h: helpers shared between libframework's modules; not part of
 * the public API (cli/ and reports/ include only fw.h).
 */
#ifndef FW_INTERNAL_H
#define FW_INTERNAL_H

#include "fw.h"
#include <sqlite3.h>

/* Limits on user input: each gives a clear error, never a crash. */
#define FW_MAX_FILE (256u << 20)      /* one transcript, codebook or sheet */
#define FW_MAX_LINE_LABEL 48          /* characters in a speaker label */
#define FW_PCRE_MATCH_LIMIT 1000000u
#define FW_PCRE_DEPTH_LIMIT 10000u

void *fw_xmalloc(size_t n);
void *fw_xrealloc(void *p, size_t n);
void *fw_xcalloc(size_t n, size_t size);
char *fw_xstrdup(const char *s);
char *fw_xstrndup(const char *s, size_t n);

struct fw_project {
	sqlite3 *db;
	char *path;
	int readonly;
	int in_tx;
};

/* store.c */
int fw_store_init(sqlite3 *db, fw_error *err);
int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err);
int fw_sql_error(fw_project *p, fw_error *err, const char *what);
/* Prepare; on failure fills err from the database. */
int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql,
               fw_error *err);
/* Run one statement with no result. */
int fw_exec(fw_project *p, const char *sql, fw_error *err);
/* The current UTC time as ISO 8601, into buf (>= 21 bytes). */
void fw_now(char *buf, size_t n);
/* Get or create a coder by name; returns id or 0 on error. */
long long fw_coder_id(fw_project *p, const char *name, fw_error *err);

/* text.c: line index over a UTF-8 text: byte offset of each line start. */
typedef struct fw_lines {
	size_t *start;  /* byte offset of line i (0-based) */
	int n;
} fw_lines;
void fw_lines_build(fw_lines *li, const char *text, size_t len);
void fw_lines_dispose(fw_lines *li);
/* 1-based line holding byte offset `b`. */
int fw_lines_at(const fw_lines *li, size_t b);
/* Byte offset of code point `cp` in text (walks from 0). */
size_t fw_utf8_byte_at(const char *s, size_t len, long cp);

/* attribute helpers (case.c) */
long long fw_attribute_id(fw_project *p, const char *name, int create,
                          fw_error *err);
/* Get or create a case; *created set if new. Returns id or 0. */
long long fw_case_ensure(fw_project *p, const char *name, int *created,
                         fw_error *err);

/* matrix.c: cases in chart order (grouping attribute, sort attributes,
 * then natural order of names). */
typedef struct fw_chart_case {
	long long id;
	char *name;
	char *group;  /* value of the grouping attribute, NULL if none */
	int is_group;
	int sort;
	char **keys;  /* values of the sort attributes */
} fw_chart_case;
int fw_chart_cases(fw_project *p, const char *attr, const char *const *sort,
                   size_t nsort, fw_chart_case **out, size_t *n,
                   fw_error *err);
void fw_chart_cases_free(fw_chart_case *c, size_t n, size_t nsort);
/* natural comparison: digit runs compare as numbers, letters case-blind */
int fw_natcmp(const char *a, const char *b);

#endif
