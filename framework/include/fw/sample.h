/*
 * fw/sample.h: sample tables from the classification sheet, as a study
 * report shows its sample.
 */
#ifndef FW_SAMPLE_H
#define FW_SAMPLE_H

#include "fw/common.h"
#include "fw/project.h"

enum { FW_ORDER_SHEET = 0, FW_ORDER_NAME, FW_ORDER_COUNT };

/** A sample table from the classification sheet, as a study report shows
 *  its sample: a row per value of each row attribute (several attributes
 *  are stacked, each under a group row with its name), a column per value
 *  of colattr (or one "Number" column) and a Total column.  Counts cases
 *  or, with participants, the `participants` attribute summed; a cell
 *  whose cases are all group discussions reads "34 in 6 groups".  Values
 *  of multi-valued attributes (';') count once each, and *multi is set;
 *  totals count each case once.  Cases with no value are left out. */
int fw_sample_table(fw_table **out, int *multi, fw_project *p,
		    const char *const *rowattrs, size_t nrows,
		    const char *colattr, int participants, int order,
		    const char *const *where, size_t nwhere, fw_error *err);

#endif
