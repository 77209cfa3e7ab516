/*
 * errors.h: how charter reports what went wrong and what to look at.
 *
 * A fallible function returns 0 or a negative FW_E* code and fills an
 * optional fw_error with the code, the file and line of the user's input
 * it is about, and one sentence.  Warnings and notes, which do not stop
 * the work, go into a diagnostics list (as mandoc's mandoc_msg): each
 * with a severity and where, printed by the CLI as
 * "charter: warning: file:line: message".
 */
#ifndef FW_ERRORS_H
#define FW_ERRORS_H

#include <stddef.h>
#include <stdio.h>

enum {
	FW_OK = 0,
	FW_ERROR = -1,     /* generic failure */
	FW_ENOTFOUND = -2, /* a named case, code, source ... does not exist */
	FW_EPARSE = -3,    /* malformed user input */
	FW_EEXISTS = -4,   /* already there (duplicate) */
	FW_EINVAL = -5,    /* bad argument */
	FW_EIO = -6,       /* file or database I/O */
	FW_EBUSY = -7,     /* database locked by another writer */
	FW_ELIMIT = -8     /* a size or resource limit was hit */
};

/** An error: code, one-line message, and where in the user's input. */
typedef struct fw_error {
	int code;
	int line;       /* 1-based line in `file`, 0 if none */
	int col;        /* 1-based column, 0 if none */
	char file[512]; /* input file the error is about, "" if none */
	char msg[1024];
} fw_error;

/** s written to fp as a terminal may see it: line breaks, escape
 *  sequences and other control characters (C0, DEL, C1) as \n, \e,
 *  \xNN, \uNNNN (a file named with ESC [ 2 J cannot clear the screen). */
void fw_term_put(FILE *fp, const char *s);

/** Fill err (may be NULL) and return code. */
int fw_error_set(fw_error *err, int code, const char *file, int line,
		 const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/** Clear err (may be NULL). */
void fw_error_clear(fw_error *err);
/** A name a user gives (a case, a source, a speaker): not empty, one line,
 *  at most max bytes, none of the bytes in bad; else FW_EINVAL with a
 *  message naming what it is for. */
int fw_name_check(const char *s, size_t max, const char *bad, const char *what,
		  fw_error *err);
/** "file:line: message" (what fw_error_print prints after "charter: "). */
void fw_error_format(char *buf, size_t n, const fw_error *err);
/** Write err as "charter: file:line: msg" (or "charter: msg") to fp. */
void fw_error_print(const fw_error *err, FILE *fp);

/* ---- diagnostics --------------------------------------------------------- */

enum { FW_DIAG_NOTE = 0, FW_DIAG_WARNING = 1 };

typedef struct fw_diag {
	int severity; /* FW_DIAG_* */
	char *file;   /* NULL if none */
	int line, col;
	char *msg;
} fw_diag;

/** Warnings and notes collected while working, in the order found. */
typedef struct fw_diags {
	fw_diag *v;
	size_t n, cap;
} fw_diags;

void fw_diags_init(fw_diags *d);
/** Add one (d may be NULL: the diagnostic is dropped). */
void fw_diags_add(fw_diags *d, int severity, const char *file, int line,
		  const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/** Number of diagnostics of that severity. */
/** Each diagnostic of from added to to (when to is not NULL), named by
 *  file where it names no file of its own. */
void fw_diags_append(fw_diags *to, const fw_diags *from, const char *file);
size_t fw_diags_count(const fw_diags *d, int severity);
/** "file:line: message" of one diagnostic. */
void fw_diag_format(char *buf, size_t n, const fw_diag *g);
/** Each as "charter: warning: file:line: message" on fp. */
void fw_diags_print(const fw_diags *d, FILE *fp);
void fw_diags_dispose(fw_diags *d);

#endif
