/*
 * fw/chart.h: Framework charts: a main theme's cases by sub-themes, checks,
 * HTML pages, and the workbook and CSV round trips.
 */
#ifndef FW_CHART_H
#define FW_CHART_H

#include "fw/common.h"
#include "fw/project.h"

typedef struct fw_chart_opts {
	const char *const *sort; /* attributes to order rows by, after group */
	size_t nsort;
	int refs_only;            /* show references even where summarised */
	const char *const *where; /* "attr=value": keep cases with that value */
	size_t nwhere;
	const char *const *show; /* attribute columns after the group's */
	size_t nshow;
	const char *code; /* one sub-theme only (a column across cases) */
	fw_sink *sink;    /* rows go there as they are made (NULL: kept) */
} fw_chart_opts;

/** The chart of a main theme: a row per case grouped by the grouping
 *  attribute (group header rows between groups), a column per sub-theme.
 *  Columns: case, <group attribute>, then "N name" per sub-theme. */
int fw_chart_build(fw_table **out, fw_project *p, const char *theme,
		   const fw_chart_opts *opts, fw_error *err);

/** The file name chart export gives a source's transcript page. */
void fw_source_page(char *out, size_t n, const char *source);

typedef struct fw_xlsx_result {
	int updated, cleared, unchanged, conflicts, rejected, skipped;
	fw_diags diags;   /* a warning per conflict, rejection or note */
	const char *file; /* the file the import read (names the warnings) */
} fw_xlsx_result;

/** Every main theme's chart as a worksheet of an .xlsx, with hidden case
 *  and code GUIDs and a hidden snapshot for conflict detection. */
int fw_chart_export_xlsx(int *sheets, fw_project *p, const char *path,
			 const char *const *sort, size_t nsort,
			 const char *const *show, size_t nshow, fw_error *err);

/** The same as a long CSV: case_id, code_id, case, code, summary,
 *  agreement, exported (the hash of what the cell held), a row per case
 *  and sub-theme. */
int fw_chart_export_csv(int *rows, fw_project *p, const char *path,
			fw_error *err);

/** Lint: case, code, problem, detail for cells coded but not summarised,
 *  summaries without references, references to lines not coded to the
 *  cell, and summaries copying 12+ words of the transcript in a row.
 *  theme NULL: every theme. */
int fw_chart_check(fw_table **out, fw_project *p, const char *theme,
		   fw_error *err);

/** The lines chart summaries cite that nothing counted codes to the
 *  cell's sub-theme, coded to it by hand (as coder): the researcher's
 *  reference taken as the coding the rules missed.  out: case, code,
 *  lines, coded ("by hand", or with dry_run "would be" and nothing
 *  coded).  theme NULL: every theme. */
int fw_chart_code_cited(fw_table **out, fw_project *p, const char *theme,
			int dry_run, const char *coder, fw_error *err);

/** A chart as an HTML page whose references link to sources/PAGE#Ln. */
int fw_chart_html(fw_buf *out, fw_project *p, const char *theme,
		  const fw_chart_opts *o, fw_error *err);

/** A transcript as an HTML page: numbered lines with coding stripes;
 *  page receives the page's file name. */
int fw_source_html(fw_buf *out, char *page, size_t page_len, fw_project *p,
		   const char *name, fw_error *err);

/** How a transcript page is shown where readers must not learn whose it
 *  is (a report's pages): a title in place of the source's name, and each
 *  line's text passed through a filter (redaction: a new string, freed
 *  here). */
typedef struct fw_source_html_opts {
	const char *title;
	char *(*filter)(void *ctx, const char *line);
	void *ctx;
} fw_source_html_opts;

int fw_source_html_with(fw_buf *out, fw_project *p, const char *name,
			const fw_source_html_opts *o, fw_error *err);

#endif
