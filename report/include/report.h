/*
 * report.h: charter's report, written from the project's charts: a
 * chapter per actor group with a section per theme and a sub-section per
 * sub-theme (prevalence in words, the group's summaries, quotes), a
 * chapter across the groups, and a method appendix with the sample
 * tables; as Markdown, HTML and DOCX.  libreport's public API: it is
 * written on libframework's fw.h only.
 */
#ifndef RP_REPORT_H
#define RP_REPORT_H

#include "fw/project.h"

enum { RP_MD = 1, RP_HTML = 2, RP_DOCX = 4 };

typedef struct rp_report_opts {
	const char *attr;   /* chapters: one per value (default: grouping) */
	const char *title;  /* the report's title (default: the codebook's) */
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
	const char *pages;  /* prefix of transcript page links (default
			       sources/, where the report writes its own
			       redacted pages) */
	const char *const
		*tables; /* sample tables: ROWS[:COL][:participants] */
	size_t ntables;
	const char *tables_file; /* the study's tables, numbered (tables.h) */
	const char *redact; /* more names to replace with [name], or NULL */
	int keep_names;     /* leave names in quotes and summaries */
	int no_summaries;   /* the chapters without the case-by-case chart
			       summaries (a reading copy) */
	int case_ids;       /* summaries under their case ids (an internal
			       draft), not under the quote label */
} rp_report_opts;

typedef struct rp_report_result {
	int files; /* files written */
	int chapters, sections, quotes, summaries;
	int redacted;   /* names replaced with [name] */
	int memos;      /* analytic memos the report is written from */
	int pages;      /* transcript pages written (redacted) */
	int placeholders; /* memos missing, marked "[To write: ...]" */
	fw_diags diags; /* warnings (labels that single out a person) */
} rp_report_result;

/** Compose and write the report (report.md/.html/.docx in outdir, and
 *  Markdown figures in outdir/figures).  Nothing is written when the
 *  options are wrong or, with strict, a quote label names one person. */
int rp_report_write(rp_report_result *res, fw_project *p,
		    const rp_report_opts *o, fw_error *err);
void rp_report_result_dispose(rp_report_result *r);

/** What the report would rest on that the researcher has not yet done:
 *  the memos it needs (key findings per chapter, an analytic memo per
 *  theme within each group that spoke about it, the conclusions), cells
 *  coded but not summarised (or only drafted), and suggestions not yet
 *  reviewed, with the command that does each: item, about, detail, to
 *  do.  outdir is not needed; nothing is written. */
int rp_report_check(fw_table **out, fw_project *p, const rp_report_opts *o,
		    fw_error *err);

/** Every table of the report (or of one chapter: its number, "A" for the
 *  appendix, or an actor group) with its number, caption and note, as
 *  the report holds them, written to path: format 0 a workbook (a
 *  worksheet each), 1 a CSV (a section each), 2 a DOCX of the tables. */
int rp_report_tables(size_t *ntables, fw_project *p, const rp_report_opts *o,
		     const char *chapter, int format, const char *path,
		     fw_error *err);

/** The range of views on a theme or sub-theme, for mapping: every
 *  researcher's summary and starred quote, grouped by actor group (attr):
 *  group, case, sub-theme, kind (summary|quote), text, where. */
int rp_views(fw_table **out, fw_project *p, const char *attr,
	     const char *code, fw_error *err);

/** How a theme or sub-theme is held across an attribute's values: per
 *  value, its cases, those who raised it (as the report counts: coded or
 *  summarised), the share, and the cases behind the count. */
int rp_associate(fw_table **out, fw_project *p, const char *code,
		 const char *attr, fw_error *err);

/** A typology from the evidence: the rules of file (report/typology.h)
 *  applied to each case (as the report counts: coded or summarised):
 *  case, group, type (several joined with "; "), fits (one, none,
 *  several).  With name, the cases that fit one type get it as the case
 *  attribute name (*saved of them), for charts, tables and queries. */
int rp_typology_build(fw_table **out, int *saved, fw_project *p,
		      const char *attr, const char *file, const char *name,
		      fw_error *err);

/** A sample table of a tables file, built: its caption ("Table 1.1
 *  ..."), the table in the names' words, and its note (or NULL). */
typedef struct rp_table_built {
	char *caption;
	fw_table *table;
	char *note;
} rp_table_built;

/** The tables of a tables file (docs/REPORTS.md), or those numbered, as
 *  the report shows them; names (a value,label CSV) may be NULL. */
int rp_tables_build(rp_table_built **out, size_t *n, fw_project *p,
		    const char *file, const char *names,
		    const char *const *numbers, size_t nnumbers, fw_error *err);
void rp_tables_built_free(rp_table_built *v, size_t n);

#endif
