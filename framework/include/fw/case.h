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

#endif
