/*
 * report.h: the report, written from the project's charts: a chapter per
 * actor group with a section per theme and a sub-section per sub-theme
 * (prevalence in words, the group's summaries, quotes), a chapter across
 * the groups, and a method appendix with the sample tables.  The same
 * document is written as Markdown, HTML and DOCX (rdoc.h).
 */
#ifndef CHARTER_REPORT_H
#define CHARTER_REPORT_H

#include "fw.h"

enum { FW_REPORT_MD = 1, FW_REPORT_HTML = 2, FW_REPORT_DOCX = 4 };

/* ---- prevalence words (prevalence.c) ------------------------------------- */

/** A word table: the first rule that holds for a count n of a base names
 *  it.  A rule is an exact count ("one 1") or a least share ("most 75%");
 *  "100%" holds only when n is the whole base. */
typedef struct fw_pword {
	char *word;
	int share; /* 1: v is a least percentage; 0: v is an exact count */
	double v;
} fw_pword;

typedef struct fw_pwords {
	fw_pword *r;
	size_t n;
} fw_pwords;

/** all / none / one / most (75%+) / many (50%+) / some (25%+) / a few. */
void fw_pwords_default(fw_pwords *w);
/** Parse a word table: lines "WORD RULE" (the word may have spaces; '#'
 *  starts a comment).  Every count of every base must get a word. */
int fw_pwords_parse(fw_pwords *w, const char *text, size_t len,
		    const char *label, fw_error *err);
int fw_pwords_load(fw_pwords *w, const char *path, fw_error *err);
void fw_pwords_dispose(fw_pwords *w);
/** The word for n of base (base 0 reads as none). */
const char *fw_pwords_word(const fw_pwords *w, int n, int base);

/* ---- attribution labels (prevalence.c) ----------------------------------- */

/** Check a label template ("{role}, {sex}, {age_band}") against the
 *  attributes the project has. */
int fw_label_check(const fw_rdata *d, const char *tmpl, fw_error *err);
/** Render a template for a case: placeholders with no value are dropped
 *  with the separator before them. */
void fw_label_render(const char *tmpl, const fw_rcase *c, fw_buf *out);

/* ---- names for values (prevalence.c) ------------------------------------- */

/** What the report calls an attribute value: a title, and singular and
 *  plural nouns for its people ("Third Party Provision Manager" -> "TPPM",
 *  "TPPMs").  Loaded from a CSV: value,label[,singular,plural]. */
typedef struct fw_names {
	size_t n;
	char **value, **label, **one, **many;
} fw_names;

int fw_names_load(fw_names *nm, const char *path, fw_error *err);
void fw_names_dispose(fw_names *nm);
const char *fw_names_label(const fw_names *nm, const char *value);
/** Singular and plural nouns for a value (plural made by rule when not
 *  given: staff stays staff, -y becomes -ies, else -s). */
void fw_names_nouns(const fw_names *nm, const char *value, char *one, size_t n1,
		    char *many, size_t n2);

/* ---- names out of quotes and summaries (redact.c) ------------------------ */

typedef struct fw_redact {
	char **w;
	size_t n;
} fw_redact;

void fw_redact_init(fw_redact *r);
void fw_redact_dispose(fw_redact *r);
/** Does a speaker label look like a person's name ("Janet", "Anne-Marie",
 *  "Mo Khan"), not a role ("Respondent", "P3", "Speaker 2")? */
int fw_redact_namelike(const char *label);
void fw_redact_add(fw_redact *r, const char *name);
/** A list of names, one per line ('#' starts a comment). */
int fw_redact_parse(fw_redact *r, const char *text, size_t len,
		    const char *label, fw_error *err);
int fw_redact_load(fw_redact *r, const char *path, fw_error *err);
/** Sort the list; needed before fw_redact_apply. */
void fw_redact_sort(fw_redact *r);
/** text with every listed name, as a whole word, replaced by "[name]";
 *  *count (may be NULL) is increased by the replacements. */
char *fw_redact_apply(const fw_redact *r, const char *text, int *count);

/* ---- the report ---------------------------------------------------------- */

typedef struct fw_report_opts {
	const char *attr;   /* chapters: one per value (default: grouping) */
	const char *within; /* prevalence by this attribute within a
			       chapter (default: role, if cases have it) */
	int formats;        /* FW_REPORT_* bits (default: Markdown) */
	const char *outdir; /* created if missing */
	int numbers;        /* counts beside the words */
	int base_all;       /* base: every case of the group, not only
			       those with data on the theme */
	int quotes;         /* at most this many per sub-theme (default 2) */
	const char *label;  /* quote attribution template */
	int strict;         /* refuse labels that single out a person */
	const char *words;  /* word table file, or NULL for the default */
	const char *names;  /* value,label,singular,plural CSV, or NULL */
	const char *pages;  /* prefix of transcript page links
			       (default ../charts/sources/) */
	const char *const
		*tables; /* sample tables: ROWS[:COL][:participants] */
	size_t ntables;
	const char *redact; /* more names to replace with [name], or NULL */
	int keep_names;     /* leave names in quotes and summaries */
} fw_report_opts;

typedef struct fw_report_result {
	int files; /* files written */
	int chapters, sections, quotes, summaries;
	int redacted;    /* names replaced with [name] */
	fw_buf warnings; /* one line per warning */
} fw_report_result;

/** Compose and write the report (report.md/.html/.docx in outdir, and
 *  Markdown figures in outdir/figures).  Nothing is written when the
 *  options are wrong or, with strict, a quote label names one person. */
int fw_report_write(fw_project *p, const fw_report_opts *o,
		    fw_report_result *res, fw_error *err);
void fw_report_result_dispose(fw_report_result *r);

/* ---- figures (svg.c) ----------------------------------------------------- */

/** A heat map: rows x cols of shares in [0,1] (negative: no cases),
 *  shaded, with the share as a percentage in each cell. */
char *fw_svg_heatmap(const char *const *rows, size_t nrows,
		     const char *const *cols, size_t ncols, const double *share,
		     const char *title);
/** Horizontal grouped bars: a group of bars per row, one per series. */
char *fw_svg_bars(const char *const *rows, size_t nrows,
		  const char *const *series, size_t nseries,
		  const double *share, const char *title);


#endif
