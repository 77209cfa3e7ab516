/*
 * case.h: cases and attributes inside libframework: attribute rows, and
 * the "--where ATTRIBUTE=VALUE" case filters charts and queries share.
 */
#ifndef FW_CASE_INT_H
#define FW_CASE_INT_H

#include "fw/case.h"

/* The attribute's id, made when create and missing; 0 when missing (or on
 * an error, with err filled). */
long long fw_attribute_id(fw_project *p, const char *name, int create,
			  fw_error *err);
/* Get or create a case; *created set if new.  Returns id or 0. */
long long fw_case_ensure(int *created, fw_project *p, const char *name,
			 fw_error *err);

/* "--where ATTRIBUTE=VALUE" filters: each must have an '='. */
int fw_where_check(const char *const *where, size_t n, fw_error *err);
/* 1 if the case passes every filter. */
int fw_where_keep(fw_project *p, long long cid, const char *const *where,
		  size_t n);

#endif
