/*
 * fw/agree.h: inter-coder agreement between two coders (or groups of
 * coders), or Krippendorff's alpha among more, at four units: characters
 * (code points) per code and source, segments matched by overlap,
 * presence per case and per document.
 *
 * A coder's codings are the confirmed ones they own: a coding made by
 * hand belongs to its coder, an accepted suggestion to the researcher who
 * accepted it.  Pending and rejected suggestions never count.  A source
 * is compared when at least two of the coders coded something in it (a
 * coder who never coded a source has no values there: missing, not "not
 * coded").
 */
#ifndef FW_AGREE_H
#define FW_AGREE_H

#include "fw/common.h"
#include "fw/project.h"

/* ---- the coefficients ---------------------------------------------------- */

/** A coefficient's result: NaN where it is undefined. */
typedef struct fw_agree_stat {
	double n;     /* units */
	double po;    /* observed agreement */
	double kappa; /* Cohen's, with chance from the two coders' marginals */
	double alpha; /* Krippendorff's, nominal */
	double bp;    /* Brennan and Prediger's, chance 1/q */
	int q;        /* categories Brennan-Prediger assumes */
} fw_agree_stat;

/** Two coders on a coded / not-coded table: a both coded, b only the
 *  first, c only the second, d neither.  Chance agreement for kappa is
 *  ((a+b)(a+c) + (c+d)(b+d)) / N^2; kappa is 1 when chance is 1 (both
 *  coders gave every unit the same value).  Brennan-Prediger with q = 2. */
void fw_agree_binary(fw_agree_stat *s, double a, double b, double c, double d);

/** Brennan-Prediger's kappa for observed agreement po over q categories. */
double fw_agree_bp(double po, int q);

/** Krippendorff's alpha (nominal), built unit by unit: each unit's values
 *  are category numbers from 0, or -1 for a coder with no value there;
 *  a unit with fewer than two values is not pairable and adds nothing. */
typedef struct fw_alpha {
	double n;   /* pairable values */
	double occ; /* coincidences of a value with the same value */
	double *nc; /* pairable values per category */
	size_t ncat;
} fw_alpha;

void fw_alpha_init(fw_alpha *a);
/** Add a unit of m values, counted w times (w identical units). */
void fw_alpha_unit(fw_alpha *a, const int *vals, size_t m, double w);
/** 1 - (n-1) (n - occ) / (n^2 - sum nc^2); NaN with no variation. */
double fw_alpha_value(const fw_alpha *a);
void fw_alpha_dispose(fw_alpha *a);

/* ---- agreement on a project ---------------------------------------------- */

enum {
	FW_AGREE_CHARS = 0, /* code points, per code x source */
	FW_AGREE_SEGMENTS,  /* segments matched by overlap */
	FW_AGREE_CASES,     /* presence per case x code */
	FW_AGREE_SOURCES    /* presence per document x code */
};

typedef struct fw_agree_opts {
	/* each "NAME" or a group "NAME,NAME..." (a unit counts as coded by
	 * a group if any member coded it); two or more */
	const char *const *coders;
	size_t ncoders;
	const char *const *codes; /* numbers; a theme brings its sub-themes */
	size_t ncodes;            /* 0: every code a coder used */
	const char *const *sources;
	size_t nsources; /* 0: every source */
	const char *const *cases;
	size_t ncases;    /* 0: every case */
	int unit;         /* FW_AGREE_* */
	double threshold; /* segments: intersection over union (0: 0.9) */
	int coded_only;   /* characters: only text a coder coded */
	fw_sink *sink;    /* rows go there as they are made (NULL: kept) */
} fw_agree_opts;

/** Coefficients below this are flagged. */
#define FW_AGREE_LOW 0.667
/** Groups compared at most. */
#define FW_AGREE_MAX_CODERS 64

/** The coefficients, a row per code (per code and source for characters,
 *  then the mean over sources weighted by length and unweighted), and a
 *  row over all codes: unit, code, source, n, a, b, both, neither,
 *  agreement, kappa, alpha, bp, q, low, coders, codebook. */
int fw_agree(fw_table **out, fw_project *p, const fw_agree_opts *o,
	     fw_error *err);

/** Each place the two coders (or groups) disagree, for the team's
 *  discussion: unit, case, source, lines, code, a, b, speaker, text. */
int fw_agree_disagreements(fw_table **out, fw_project *p,
			   const fw_agree_opts *o, fw_error *err);

#endif
