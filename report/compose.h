/*
 * compose.h: what the parts of the report's composition share: the
 * composer's state, the chapters and their sub-groups, and each part's
 * entry (prevalence.c, quotes.c, chapter.c, cross.c, appendix.c, compose.c).
 */
#ifndef RP_COMPOSE_H
#define RP_COMPOSE_H

#include "report.h"
#include "doc.h"
#include "inputs.h"
#include "tables.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/report_data.h"

/* A sub-group of a chapter: the cases with one value of `within`. */
typedef struct sub {
	char *value;
	int sort; /* the first of its cases in the sheet */
	char one[128], many[128];
	int unit_group; /* its cases are group discussions */
	size_t *cases;  /* indexes into d->cases */
	size_t n;
} rp_sub;

typedef struct chap {
	char *value;
	const char *title;
	char one[128], many[128];
	rp_sub *subs;
	size_t nsubs;
	size_t *cases;
	size_t n;
} rp_chap;

typedef struct used_quote {
	char *source;
	int line;
} rp_used_quote;

/* Something the report needs and the project lacks (report check). */
typedef struct todo_row {
	char *item, *about, *how;
} rp_todo_row;

typedef struct ctx {
	fw_project *p;
	const rp_report_opts *o;
	fw_rdata *d;
	const rp_inputs *in; /* the side files, loaded */
	rp_chap *chaps;
	size_t nchaps;
	const char *within;
	char label[512];
	const char *pages;
	rp_doc doc;
	rp_report_result *res;
	rp_used_quote *used;
	size_t nused;
	fw_buf refused;      /* labels that single out a person (strict) */
	size_t *case_chap;   /* the chapter of each case (SIZE_MAX: none) */
	rp_redact names_out; /* names replaced with [name] */
	rp_tdefs tables;     /* the appendix's sample tables, checked */
	int table_seq;       /* the last A.n given to a table of charter's */
	char **case_label;      /* each case's attribution label */
	int listed_names;       /* how many came from --redact */
	fw_rpassage **passages; /* per sub-theme, loaded when first needed */
	size_t *npassages;
	char **warned;
	size_t nwarned;
	char **page_src;   /* the transcripts the report links to, in the
			      order first linked: page i is sources/t<i+1> */
	size_t npages;
	rp_todo_row *todo; /* memos missing, in the order the report needs them */
	size_t ntodo;
} rp_ctx;

/* prevalence.c */
const fw_rcell *rp_cell_at(const rp_ctx *c, size_t ci, size_t ki);
/** A case's quote label ("participant" when its attributes give none). */
const char *rp_case_label(const rp_ctx *c, size_t ci);
/** Who a case's summary is told under: its quote label (its case id
 *  with --case-ids, for an internal draft). */
const char *rp_case_who(const rp_ctx *c, size_t ci);
/** The first letter of s in capitals, as a sentence opens. */
void rp_cap_first(char *s);
int rp_theme_data(const rp_ctx *c, size_t ci, size_t t);
/* n: the chapter's cases with data on sub-theme ki; base: the cases it is
 * out of (those with data on the theme, or all with base_all). */
void rp_count_chap(const rp_ctx *c, const rp_chap *h, size_t ki, int *n,
		   int *base, int base_all);
/* "Most TPPMs ... raised this."; 0 when nobody did. */
int rp_prevalence_sentence(const rp_ctx *c, const rp_chap *h, size_t ki,
			   fw_buf *out);
/* What the agreement markers of a sub-group's discussions say; 0: none. */
int rp_agreement_sentence(const rp_ctx *c, const rp_sub *s, size_t ki,
			  fw_buf *out);

/* quotes.c */
/* The link to the report's own (redacted) page of a transcript, at a line
 * (none: 0); the page's name says nothing of whose transcript it is. */
void rp_page_href(char *out, size_t n, rp_ctx *c, const char *source,
		  int line);
/* Up to the --quotes limit for sub-theme ki in chapter g. */
int rp_add_quotes(rp_ctx *c, size_t g, size_t ki, fw_error *err);

/* memos.c */
/* A row of report check; with placeholder, a visible "[To write: ...]"
 * in the report too. */
void rp_todo(rp_ctx *c, const char *item, const char *about, const char *how,
	     const char *placeholder);
/* Chapter g's key findings: its group's memo, or a placeholder. */
void rp_key_findings(rp_ctx *c, size_t g);
/* Theme t's narrative in chapter g: its memo, or a placeholder. */
void rp_theme_narrative(rp_ctx *c, size_t g, size_t t);
/* Sub-theme k's memos within chapter g's group, if any were written. */
int rp_subtheme_narrative(rp_ctx *c, size_t g, size_t k);
/* The conclusions chapter: the project's analytic memos. */
void rp_conclusions(rp_ctx *c);
/** The description memos of the typology stored as attribute attr (a
 *  project memo titled "Typology: ATTR"), as paragraphs; how many. */
int rp_typology_memo(rp_ctx *c, const char *attr);

/* chapter.c, cross.c, appendix.c */
int rp_chapter(rp_ctx *c, size_t g, fw_error *err);
void rp_cross_chapter(rp_ctx *c);
int rp_appendix(rp_ctx *c, fw_error *err);
/* The next number for a table of the report's own: A.n after the highest
 * appendix number of the study's tables (--tables), so none collide. */
void rp_table_number(rp_ctx *c, char *out, size_t n);

#endif
