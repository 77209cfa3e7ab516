/*
 * fw/lineref.h: line references, the way a chart cell's summary cites its
 * transcript: "L12", "L12-18" (or "L12–18", "L12-L18"), "L12-18*" for a
 * passage good to quote; several as "L12-18, L40", with source names when
 * a case has several sources.
 */
#ifndef FW_LINEREF_H
#define FW_LINEREF_H

#include "fw/common.h"

/** One reference found in a text. */
typedef struct fw_lref_hit {
	const char *start, *end; /* the reference's bytes, '*' included */
	int a, b;                /* first and last line */
	int quote;               /* marked '*' */
} fw_lref_hit;

/** The first reference in s at or after from: 1 with *hit filled, 0 when
 *  there is none.  "L2A" and "BL12" are not references. */
int fw_lref_scan(fw_lref_hit *hit, const char *s, const char *from);

/** References of one or several sources. */
typedef struct fw_lref {
	char *source;
	int a, b;
	int quote; /* 1 marked '*'; FW_LREF_SUGGESTED an unreviewed coding's */
} fw_lref;
#define FW_LREF_SUGGESTED 2

typedef struct fw_lrefs {
	fw_lref *v;
	size_t n, cap;
	/* set before the first add: each source name is the caller's, kept
	 * as given (not copied) and outliving the references */
	int borrowed;
} fw_lrefs;

void fw_lrefs_add(fw_lrefs *r, const char *source, int a, int b, int quote);
/** Every reference of a summary (source "") added to r. */
void fw_lrefs_parse(fw_lrefs *r, const char *s);
/** "L12-18, L40": sorted, touching ranges merged, sources named when
 *  there are several, a range only suggestions cite marked "L40?"; NULL
 *  when r is empty. */
char *fw_lrefs_format(fw_lrefs *r);
void fw_lrefs_dispose(fw_lrefs *r);

/** Lines a to b as a reference: "L12", or "L12-18". */
void fw_lref_label(char *buf, size_t n, int a, int b);

#endif
