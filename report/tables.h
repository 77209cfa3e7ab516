/*
 * tables.h: a study's sample tables as its report prints them, read from a
 * tables file (--tables FILE, charter table --file FILE) or from --table
 * specs: each with its number, title, attributes and their values' order,
 * layout, totals, headings and note.
 */
#ifndef RP_TABLES_H
#define RP_TABLES_H

#include <stddef.h>

#include "errors.h"
#include "fw/project.h"
#include "fw/sample.h"

#define RP_TABLE_ROWS 8

/** One table.  Strings are owned. */
typedef struct rp_tdef {
	char *number; /* "1.1", "A.3"; NULL: numbered by the report */
	char *title;  /* NULL: made from the attributes */
	char *note;   /* the table's own note, or NULL */
	fw_sample_attr rows[RP_TABLE_ROWS];
	size_t nrows;
	fw_sample_attr col;
	int has_col;
	int participants, order, layout, totals, rollup;
	char *corner, *count_label, *column_label, *total_label;
	char **where;
	size_t nwhere;
	int line; /* where it starts in its file (0: a --table spec) */
} rp_tdef;

typedef struct rp_tdefs {
	rp_tdef *v;
	size_t n;
} rp_tdefs;

/** Parse a tables file:
 *
 *    # comment
 *    table 1.1 Achieved interviews across six fieldwork sites
 *      rows: role = incapacity benefits recipient; provider manager
 *      columns: interview_type
 *      count: participants
 *      layout: list
 *
 *  "table NUMBER [TITLE]" starts a table; its indented "key: value" lines
 *  are rows (several stack), columns, count (cases|participants), where
 *  (A=V, several narrow), layout (crosstab|list), totals
 *  (both|row|column|none), rollup (yes|no), order (sheet|name|count),
 *  corner, column label, count label, total label and note.  An
 *  attribute's values, after '=' and ';'-separated, come first in that
 *  order.  Errors name label:line. */
int rp_tables_parse(rp_tdefs *out, const char *text, size_t len,
		    const char *label, fw_error *err);
int rp_tables_load(rp_tdefs *out, const char *path, fw_error *err);
/** A --table spec, ROWS[:COL][:participants][=TITLE], as a table. */
int rp_tables_add_spec(rp_tdefs *t, const char *spec, fw_error *err);
void rp_tables_dispose(rp_tdefs *t);
/** The sample options of a table (pointing into it). */
void rp_tdef_opts(const rp_tdef *d, fw_sample_opts *o);

struct rp_names;
/** "Table 1.1 Achieved interviews ...", or with no title one made of the
 *  attributes in the names' words (names may be NULL). */
char *rp_tdef_caption(const rp_tdef *d, const struct rp_names *names);
/** A table built from the classification sheet, in the names' words,
 *  with its caption and note, as the report and charter table --file
 *  show it; an error names file and the table's line (a file's table). */
struct rp_table_built;
int rp_tdef_build(struct rp_table_built *out, const rp_tdef *d,
		  const struct rp_names *nm, fw_project *p, const char *file,
		  fw_error *err);
/** The note under a built table: its own, or what the counts need said
 *  (values counted once each; participants), or NULL. */
const char *rp_tdef_note(const rp_tdef *d, const fw_sample_info *info);

#endif
