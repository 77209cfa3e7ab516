/*
 * fw/sample.h: sample tables from the classification sheet, as a study
 * report shows its sample.
 */
#ifndef FW_SAMPLE_H
#define FW_SAMPLE_H

#include "fw/common.h"
#include "fw/project.h"

enum { FW_ORDER_SHEET = 0, FW_ORDER_NAME, FW_ORDER_COUNT };

/** How a table is laid out: a cross-tab (a column per value of the
 *  column attribute), or a list (the column attribute's value beside each
 *  row's, then the count: "Jobcentre Plus advisers | Group | 34 in 6
 *  groups"). */
enum { FW_LAYOUT_CROSS = 0, FW_LAYOUT_LIST };

/** Which totals a table shows, of those that add up. */
enum {
	FW_TOTALS_BOTH = 0, /* a Total row and a Total column */
	FW_TOTALS_ROW,      /* the row of column totals only */
	FW_TOTALS_COLUMN,   /* the column of row totals only */
	FW_TOTALS_NONE
};

/** An attribute of a table with, optionally, the order of its values:
 *  those listed first, in that order (case ignored; shown even where no
 *  case has them, as zero cells), the rest after in the table's order. */
typedef struct fw_sample_attr {
	const char *name;
	const char *const *values;
	size_t nvalues;
} fw_sample_attr;

typedef struct fw_sample_opts {
	const fw_sample_attr *rows; /* stacked, each under its name, when
				       several */
	size_t nrows;
	const fw_sample_attr *col; /* NULL: one count column */
	int participants;          /* sum `participants`, not cases */
	int order;                 /* FW_ORDER_* of values not listed */
	int layout;                /* FW_LAYOUT_* */
	int totals;                /* FW_TOTALS_* */
	int rollup;      /* "X (Y)" values as one row X, the Ys in a note */
	const char *corner;       /* the rows' heading (NULL: the attribute) */
	const char *count_label;  /* the count column's (NULL: "Number") */
	const char *column_label; /* list layout: the column attribute's */
	const char *total_label;  /* the total row's (NULL: "Total") */
	const char *const *where; /* A=V conditions on the cases */
	size_t nwhere;
} fw_sample_opts;

/** What a table shows beyond its cells. */
typedef struct fw_sample_info {
	int multi; /* some case has several values: columns add up to more
		      than their cases, and totals that would not add up are
		      left out */
} fw_sample_info;

/** A sample table from the classification sheet, as a study report shows
 *  its sample: a row per value of each row attribute (several attributes
 *  are stacked, each under a group row with its name), a column per value
 *  of the column attribute (or one count column), and the totals asked
 *  for where they add up: none across values of a multi-valued attribute
 *  (';'), whose values count once each.  Counts cases or participants; a
 *  cell whose cases are all group discussions reads "34 in 6 groups".
 *  Cases with no value are left out. */
int fw_sample_build(fw_table **out, fw_sample_info *info, fw_project *p,
		    const fw_sample_opts *o, fw_error *err);

/** The same with attribute names only (values in `order`), both totals. */
int fw_sample_table(fw_table **out, int *multi, fw_project *p,
		    const char *const *rowattrs, size_t nrows,
		    const char *colattr, int participants, int order,
		    const char *const *where, size_t nwhere, fw_error *err);

#endif
