/*
 * refi.h: what the parts of the REFI-QDA import share (refi_import.c,
 * refi_codebook.c, refi_sources.c, refi_units.c, refi_cases.c,
 * refi_notes.c): the import's state, GUID maps, and each part's entry.
 */
#ifndef FW_REFI_INT_H
#define FW_REFI_INT_H

#include "case.h"
#include "source.h"
#include "store.h"
#include "fw/refi.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "xmlio.h"

/* a map from GUID to a row id */
typedef struct gmap {
	char **g;
	long long *id;
	size_t n, cap;
} gmap;

/* Where a NoteRef to a note stands: in a Code, a TextSource, or a
 * PlainTextSelection of one (its source and offsets). */
typedef struct refi_anchor {
	char *note, *holder, *source; /* GUIDs */
	int kind;                     /* 'C' code, 'S' source, 'P' selection */
	long start, end;
	size_t seq; /* the order met */
} refi_anchor;

/* The import under way. */
typedef struct imp {
	fw_project *p;
	const char *label;
	fw_refi_result *res;
	gmap codes, users, vars, sources, cases, notes;
	char *origin;
	/* zip, when the project came in one */
	char **znames;
	size_t nz;
	fw_zip *zip; /* the archive, opened once */
	char *dir;   /* a bare .qde's folder, where its sources/ may be */
	sqlite3_stmt *st_guid; /* a coding's GUID */
	sqlite3_stmt *st_rule; /* a rule coding's rule */
	refi_anchor *anchors; /* the NoteRefs met, first of each note */
	size_t nanchors, canchors;
	int anchors_sorted;
	char qde_label[600]; /* "file(project.qde)" */
	int sort;
	int had_codings; /* the project had codings before the import */
} imp;

/* GUIDs: braces stripped, upper case (as charter writes them). */
char *refi_guid_norm(const char *g);
/* An attribute holding a GUID, normalised; NULL if absent. */
char *refi_gatt(xmlNodePtr n, const char *name);
void refi_gmap_put(gmap *m, const char *g, long long id);
long long refi_gmap_get(const gmap *m, const char *g);
void refi_gmap_free(gmap *m);
/* The id a one-parameter query finds for key, 0 if none. */
long long refi_row_id(fw_project *p, const char *sql, const char *key);
/* An element's guid and name (owned; *g is NULL, and *name freed, when it
 * has no guid, and the element is skipped) and the id of the row sql
 * finds by that guid (0 if none). */
long long refi_known(fw_project *p, xmlNodePtr n, const char *sql, char **g,
		     char **name);
/* KEY=VALUE in a charter description ("charter:memo kind=analytic
 * ..."): the value up to the next space, or with rest to the end of the
 * line (the last field, which may hold spaces); NULL if none. */
char *refi_desc_value(const char *desc, const char *key, int rest);
/* One line of what was left out (dropped) or a warning. */
void refi_note(imp *x, int dropped, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Position units. */
enum { U_CP, U_CP_LF, U_UTF16, U_BYTES, U_N };

typedef struct sel {
	long a, b;    /* as written */
	char *code;   /* code GUID */
	char *coding; /* coding GUID */
	char *user;
	char *when;
	/* charter's own, from the selection's Description ("charter:coding
	 * ..." or "charter:suggestion ..."); NULL from other tools */
	char *status, *reviewer, *reviewed;
	int rule;   /* the code's rule number (1..), 0 none */
	int origin; /* 1 a rule's, 0 by hand, -1 not said */
} sel;

/* offsets in unit u of the raw text -> code points of the normalised text
 * (BOM dropped, CRLF and CR as LF); -1 past the end. */
typedef struct unitmap {
	long *to; /* indexed by unit offset */
	long n;   /* units in the text */
} unitmap;

/* refi_units.c */
extern const char *const refi_unit_names[U_N];
void refi_unit_map(const char *raw, size_t len, int unit, unitmap *m);
double refi_unit_score(const unitmap *m, const sel *s, size_t ns,
		       const char *norm, size_t nlen, int *bad);
long refi_snap(const char *t, const size_t *cpb, long k, long chars);
/* The byte where each code point of t starts (and len after the last):
 * chars + 1 entries, the caller's to free. */
size_t *refi_cp_bytes(const char *t, size_t len, long *chars);

/* the parts */
int refi_import_codes(imp *x, xmlNodePtr codes, fw_error *err);
int refi_import_variables(imp *x, xmlNodePtr vars, fw_error *err);
/* Record the NoteRefs below n (a CodeBook, a TextSource) as anchors of
 * their notes, so that notes read later find them without the tree. */
void refi_anchor_walk(imp *x, xmlNodePtr n);
void refi_anchors_free(imp *x);

/* One element of <Sources> (the done-th): a TextSource imported, other
 * kinds noted as left out. */
int refi_import_source_el(imp *x, xmlNodePtr c, size_t done, fw_error *err);
int refi_import_cases(imp *x, xmlNodePtr cases, fw_error *err);
int refi_orphan_cases(imp *x, fw_error *err);
int refi_import_notes(imp *x, xmlNodePtr notes, xmlNodePtr links,
		      fw_error *err);

#endif
