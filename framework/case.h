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

/* Each source's cases (its case_source links, not a participant's), read
 * once in source order, so that a query reading many codings finds their
 * cases in memory instead of seeking the links per coding. */
typedef struct fw_srccases {
	long long *src, *cs;
	size_t n;
} fw_srccases;
int fw_srccases_load(fw_srccases *m, fw_project *p, fw_error *err);
/* The first link of source sid (m->src[i] == sid from there), or m->n. */
size_t fw_srccases_first(const fw_srccases *m, long long sid);
void fw_srccases_dispose(fw_srccases *m);

#endif
