/*
 * fw/report_data.h: what a report is written from, read in one pass: cases,
 * themes, cells, quotes.
 */
#ifndef FW_REPORT_DATA_H
#define FW_REPORT_DATA_H

#include "fw/common.h"
#include "fw/project.h"

typedef struct fw_rcase {
	long long id;
	char *name;
	char *group;      /* value of the grouping attribute, NULL if none */
	int is_group;     /* a group discussion: one case, several speakers */
	int participants; /* the `participants` attribute, else 1 (a group
			     discussion: its speakers but the interviewer) */
	int sort;         /* the case's row in the classification sheet */
	char *source;     /* a transcript of the case (for links), or NULL */
	size_t nattrs;
	char **keys, **vals;
} fw_rcase;

typedef struct fw_rtheme {
	long long id;
	char *number, *name;
	size_t first, n; /* its sub-themes: codes[first .. first+n) */
} fw_rtheme;

typedef struct fw_rcode {
	long long id;
	char *number, *name;
	size_t theme; /* index into themes */
} fw_rcode;

typedef struct fw_rcell {
	int codings;     /* codings of the case to the sub-theme or below */
	char *summary;   /* the researcher's summary, NULL if none */
	char *agreement; /* group cases: consensus|majority|divergent|single:X
			  */
	int pending;     /* suggestions to the sub-theme not yet reviewed */
	int draft;       /* a draft summary, left out until accepted */
} fw_rcell;

/** An analytic memo a report is written from: on an actor group as a
 *  whole ('G', its chapter's key findings), on a theme ('T') or sub-theme
 *  ('S') within a group (a section's narrative), or on the project ('P',
 *  the conclusions). */
typedef struct fw_rmemo {
	char what;
	char *group;  /* 'G', 'T', 'S': the value of the grouping attribute */
	size_t index; /* 'T': into themes; 'S': into codes */
	char *title;  /* or NULL */
	char *text;
} fw_rmemo;

/** What a report is written from.  cells[case * ncodes + code];
 *  theme_data[case * nthemes + theme] is 1 when the case has codings or a
 *  summary anywhere in the theme. */
typedef struct fw_rdata {
	fw_rcase *cases; /* in chart order (grouped) */
	size_t ncases;
	fw_rtheme *themes;
	size_t nthemes;
	fw_rcode *codes; /* sub-themes, theme by theme */
	size_t ncodes;
	fw_rcell *cells;
	unsigned char *theme_data;
	int drafts;      /* draft summaries left out */
	char *title;     /* the codebook's title, or NULL */
	void *stmts;     /* statements kept for the quote readers */
	void *index;     /* case id -> place in chart order (an fw_idmap) */
	char **speakers; /* distinct labels of speakers but interviewers */
	size_t nspeakers;
	fw_rmemo *memos; /* analytic memos, oldest first */
	size_t nmemos;
} fw_rdata;

int fw_rdata_load(fw_rdata **out, fw_project *p, const char *attr,
		  fw_error *err);

void fw_rdata_free(fw_rdata *d);

/** A case's value of an attribute, NULL if it has none. */
const char *fw_rcase_attr(const fw_rcase *c, const char *name);

/** A passage that could be quoted: the respondents' words on the lines of a
 *  reference (whole turns, labels removed). */
typedef struct fw_rquote {
	char *text;
	char *source;
	int line;
	int starred; /* marked '*' in the cell's summary */
	int words;
} fw_rquote;

/** A cell's references marked '*' (good quotes), in the order written,
 *  each as the respondents' words on its lines; the same words once. */
int fw_rdata_starred(fw_rquote **out, size_t *n, fw_project *p, fw_rdata *d,
		     size_t ci, size_t ki, fw_error *err);

/** A coded passage of a sub-theme (or below it): the case it counts for,
 *  where it is, and the length in characters of the turn it is in (what
 *  a quote of it would show). */
typedef struct fw_rpassage {
	size_t ci;
	long long source_id;
	int line_start, line_end;
	long chars;
} fw_rpassage;

/** Every coded passage of sub-theme ki, shortest turn first. */
int fw_rdata_passages(fw_rpassage **out, size_t *n, fw_project *p, fw_rdata *d,
		      size_t ki, fw_error *err);

/** A passage as a quote: the respondents' words on its lines. */
int fw_rdata_quote(fw_rquote *out, fw_project *p, fw_rdata *d,
		   const fw_rpassage *x, fw_error *err);

void fw_rquotes_free(fw_rquote *q, size_t n);

#endif
