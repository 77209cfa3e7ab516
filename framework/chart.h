/*
 * chart.h: what charts, their pages and workbooks, and report data share
 * inside libframework: the order of a chart's rows, and what the chart
 * workbook's writer and reader agree on.
 */
#ifndef FW_CHART_INT_H
#define FW_CHART_INT_H

#include "fw/chart.h"

/* A case in chart order: by the rank of its grouping value (the first sheet
 * row showing it), then the sort attributes, then the natural order of
 * names. */
typedef struct fw_chart_case {
	long long id;
	char *name;
	char *group; /* value of the grouping attribute, NULL if none */
	int is_group;
	int sort;
	char **keys; /* values of the sort attributes */
} fw_chart_case;

int fw_chart_cases(fw_chart_case **out, size_t *n, fw_project *p,
		   const char *attr, const char *const *sort, size_t nsort,
		   fw_error *err);
void fw_chart_cases_free(fw_chart_case *c, size_t n, size_t nsort);

/* The chart workbook and id CSV (chart_xlsx.c) and their reading back
 * (cell_xlsx.c): a group row's agreement is the summary's last line, and
 * the snapshot holds a hash of what each cell held at export. */
#define FW_XLSX_AGREE "\nagreement: "
void fw_xlsx_cell_hash(const char *summary, const char *agreement,
		       char out[65]);

#endif
