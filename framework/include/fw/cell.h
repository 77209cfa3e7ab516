/*
 * fw/cell.h: chart cells: researchers' summaries with line references,
 * drafts, imports.
 */
#ifndef FW_CELL_H
#define FW_CELL_H

#include "fw/common.h"
#include "fw/project.h"
#include "fw/chart.h"

/** Set a cell's summary (an empty summary clears it).  Line references
 *  (L12, L12-18, with '*' marking a good quote) must fall inside the case's
 *  transcript; a reference to lines not coded to the code is allowed but
 *  noted in diags (may be NULL).  `agreement` may be NULL; for group cases
 *  it is consensus|majority|divergent|single:SPEAKER. */
int fw_cell_set(fw_diags *diags, fw_project *p, const char *case_name,
		const char *code, const char *summary, const char *agreement,
		const char *coder, fw_error *err);

/** Import cells from CSV with columns case, code, summary[, agreement].
 *  Warnings go to diags (may be NULL), named by file and line. */
int fw_cell_import(int *count, fw_diags *diags, fw_project *p, const char *path,
		   fw_error *err);

/** One cell: summary, agreement, references. */
int fw_cell_get(fw_table **out, fw_project *p, const char *case_name,
		const char *code, fw_error *err);

/** Bring such a CSV back, as fw_cell_import_xlsx does a workbook. */
int fw_cell_import_idcsv(fw_xlsx_result *res, fw_project *p, const char *path,
			 int force, fw_error *err);

/** Bring edited summaries back from such a workbook (inside the caller's
 *  transaction); cells changed in the project since the export are kept
 *  and reported unless `force`. */
int fw_cell_import_xlsx(fw_xlsx_result *res, fw_project *p, const char *path,
			int force, fw_error *err);

/** Draft empty cells of a theme from their coded text (key phrases with
 *  line references), marked as drafts; cells with a summary are never
 *  touched.  cases (may be empty) limits the cases. */
int fw_chart_summarise(int *drafted, fw_project *p, const char *theme,
		       const char *const *cases, size_t ncases, fw_error *err);

/** The summaries a merge kept beside cells' own (case and code NULL:
 *  every cell's): case, code, n, coder, came_from, updated, summary. */
int fw_cell_conflicts(fw_table **out, fw_project *p, const char *case_name,
		      const char *code, fw_error *err);

/** Resolve a cell's conflicting summaries: take (1..n) makes that one the
 *  cell's summary, text writes another (the two combined, say), and
 *  neither keeps the cell's own; the conflicts then go. */
int fw_cell_resolve(fw_diags *diags, fw_project *p, const char *case_name,
		    const char *code, int take, const char *text,
		    const char *coder, fw_error *err);

/** A draft becomes the researcher's summary. */
int fw_cell_accept(fw_project *p, const char *case_name, const char *code,
		   fw_error *err);

#endif
