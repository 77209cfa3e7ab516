/*
 * fw/case.h: cases and attributes: the classification sheet, typologies, one
 * case across every theme.
 */
#ifndef FW_CASE_H
#define FW_CASE_H

#include "fw/common.h"
#include "fw/project.h"

typedef struct fw_cases_result {
	int rows, created, updated, attributes;
} fw_cases_result;

/** Import a classification sheet (CSV): a column `id` (or `case`) names the
 *  case, every other column is an attribute.  Values of several items are
 *  separated by ';'.  Errors name file:line. */
int fw_cases_import(fw_cases_result *res, fw_project *p, const char *path,
		    fw_error *err);

/** Cases with their attributes, in chart order. */
int fw_cases_list(fw_table **out, fw_project *p, fw_error *err);

/** Case id by name; FW_ENOTFOUND if none. */
int fw_case_find(long long *id, fw_project *p, const char *name, fw_error *err);

/** Values of the grouping attribute in sheet order, with case counts. */
int fw_group_list(fw_table **out, fw_project *p, const char *attr,
		  fw_error *err);

/** One case across every theme: theme, sub-theme, summary, coded lines. */
int fw_case_profile(fw_table **out, fw_project *p, const char *case_name,
		    fw_error *err);

/** A typology: CASE=VALUE pairs stored as the attribute NAME. */
int fw_typology_set(int *set, fw_project *p, const char *name,
		    const char *const *pairs, size_t n, fw_error *err);

/** Warnings for --where filters no case passes: the attribute's values
 *  are named, so a typo ("district=Z") is seen before an empty chart. */
void fw_where_unmatched(fw_project *p, const char *const *where, size_t n,
			fw_diags *diags);

/** Give a case another name (unique; a sheet re-imported later matches
 *  by name). */
int fw_case_rename(fw_project *p, const char *name, const char *to,
		   fw_error *err);
/** Merge case from into into: its sources, speakers, chart cells and the
 *  attribute values into lacks move over, then from goes.  Refused when
 *  both have a summary in the same cell (clear one first). */
int fw_case_merge(fw_project *p, const char *from, const char *into,
		  fw_diags *diags, fw_error *err);

/** 1 if value, or one of its ';'-separated values, is want (regardless
 *  of case and of spaces around the parts). */
int fw_value_has(const char *value, const char *want);

#endif
