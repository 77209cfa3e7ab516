/*
 * agree.h: what agree.c (the coders, codes and sources compared, and the
 * rows) and agree_units.c (the four units) share; private to
 * libframework.
 */
#ifndef FW_AGREE_PRIV_H
#define FW_AGREE_PRIV_H

#include "store.h"

#include "fw/agree.h"

#include <stdint.h>

/* Who owns a coding: its coder when made by hand, else who accepted it. */
#define AG_OWNER                                                               \
	"CASE WHEN g.origin = 'rule' THEN g.reviewer_id ELSE g.coder_id END"

/* The values groups gave units, as the coefficients need them. */
typedef struct ag_tally {
	double units, agree; /* pairable units, and those all agreed on */
	double a, b, c,
		d;    /* two groups, binary: both, first, second, neither */
	double *marg; /* two groups: each one's values per category */
	size_t ncat;
	fw_alpha al;
} ag_tally;

void ag_tally_init(ag_tally *t);
void ag_tally_dispose(ag_tally *t);
/* A unit's values (a category from 0, or -1: missing), w times. */
void ag_tally_unit(ag_tally *t, const int *vals, size_t ng, double w);
/* The coefficients; kappa and bp only for two groups, bp over q. */
void ag_tally_stat(fw_agree_stat *s, const ag_tally *t, size_t ng, int q);

/* A coding of the source being read: its code's place among those
 * compared (-1 when not compared), its owner's group, its span. */
typedef struct ag_seg {
	int code, grp;
	long s, e;
} ag_seg;

/* A place two groups disagree (for --disagreements). */
typedef struct ag_dis {
	long long src, cas;
	long s, e;   /* code points, or -1 for a whole case or source */
	char *code;  /* the codes they differ on */
	char *a, *b; /* each group's codes there */
} ag_dis;

typedef struct agx {
	fw_project *p;
	const fw_agree_opts *o;
	size_t ng;
	char *coders;     /* "alice | bob,carol" */
	char version[32]; /* the codebook: "v12" */
	int *grp;         /* by coder id: the group, or -1 */
	size_t ngrp;
	int *cix; /* by code id: the place among those compared, or -1 */
	size_t ncix;
	long long *cid; /* those compared, in codebook order */
	char **cnum;
	size_t nc;
	uint64_t *mask;      /* by source id: the groups that coded in it */
	unsigned char *want; /* by source id: asked for */
	size_t nsrc;
	long long *cases; /* --case, as ids */
	size_t ncases;
	/* the source being read */
	long long src;
	long chars;
	ag_seg *seg;
	size_t nseg, segcap;
	/* results */
	fw_table *t;
	ag_dis *dis; /* disagreements, when asked for */
	size_t ndis;
	int listing;
	void *unit; /* the unit's own state */
} agx;

static inline int ag_popcount(uint64_t m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* The groups present in source src: those that coded in it. */
static inline uint64_t ag_present(const agx *x, long long src)
{
	return src >= 0 && (size_t)src < x->nsrc ? x->mask[src] : 0;
}

/* Each unit: start (the codes known), a source's codings, the end. */
typedef struct ag_unit {
	void (*start)(agx *x);
	int (*source)(agx *x); /* x->src's codings in x->seg */
	int (*finish)(agx *x, fw_error *err);
	int spans; /* reads the codings' spans, a source at a time */
} ag_unit;

extern const ag_unit ag_chars, ag_segments, ag_cases, ag_sources;

/* A row of coefficients. */
void ag_row(agx *x, const char *code, const char *where, const fw_agree_stat *s,
	    const ag_tally *t);
/* A disagreement: a and b are each group's code list (copied). */
void ag_disagree(agx *x, long long src, long long cas, long s, long e,
		 const char *code, const char *a, const char *b);
/* The code numbers of places in list[0..n), ", "-joined, or "-". */
char *ag_codes(const agx *x, const int *list, size_t n);

#endif
