/*
 * fw.h: the public API of libframework, charter's engine for qualitative
 * analysis with the Framework method (transcripts, codebook, indexing,
 * charting, reporting).  The command-line tool and the report renderers
 * include only this header.
 *
 * Conventions: fallible functions return 0 on success and a negative FW_E*
 * code on failure, filling the optional fw_error.  An out-parameter
 * `T **out` comes first; the caller owns it and frees it with the matching
 * *_free function, which accepts NULL.  Positions in source text are 0-based
 * Unicode code-point offsets, end exclusive; line numbers are 1-based.
 */
#ifndef FW_H
#define FW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "escape.h"
#include "fileio.h"
#include "guid.h"
#include "sha256.h"
#include "table.h"
#include "timefmt.h"
#include "utf8.h"

#define FW_VERSION "0.1.0"

/* ---- text decoding and transcripts --------------------------------------- */

enum {
	FW_ROLE_NONE = 0,
	FW_ROLE_INTERVIEWER,
	FW_ROLE_RESPONDENT,
	FW_ROLE_PARTICIPANT
};
const char *fw_role_name(int role);
/** Parse "interviewer|respondent|participant|any"; -1 if unknown, and
 *  FW_ROLE_NONE for "any". */
int fw_role_parse(const char *s);

/** One speaker of a transcript. */
typedef struct fw_tspeaker {
	char *label;
	int role; /* FW_ROLE_* */
	int turns;
} fw_tspeaker;

/** One turn: the speech after the label, as byte and code-point spans of
 *  fw_transcript.text.  speaker is an index into speakers, or -1 for text
 *  before the first turn (a header), which is kept but belongs to nobody. */
typedef struct fw_turn {
	int speaker;
	size_t bstart, bend;
	long start, end;
	int line_start, line_end;
	long t_start_ms, t_end_ms; /* -1 when unknown */
} fw_turn;

/** A parsed transcript in charter's normalised model. */
typedef struct fw_transcript {
	char *text; /* normalised UTF-8, LF line ends */
	size_t len; /* bytes */
	long chars; /* code points */
	int lines;
	char encoding[32];
	const char *format;
	fw_tspeaker *speakers;
	size_t nspeakers;
	fw_turn *turns;
	size_t nturns;
	long words;
	char warning[256]; /* "" or one note for the user (encoding, guesses) */
} fw_transcript;

/** Options for reading a transcript. */
typedef struct fw_ingest_opts {
	const char *case_name; /* case to attach to (created if new) */
	int group; /* a group discussion: speakers are participants */
	const char *
		speaker_pattern; /* PCRE2 with (?<speaker>...) [(?<time>...)] */
	const char *const *interviewers; /* labels that are interviewers */
	size_t ninterviewers;
	const char *name;      /* source name; default: file's base name */
	int allow_cp1252;      /* 0: strict UTF-8; 1: auto (plain text
				  falls back to Windows-1252 with a
				  warning); 2: the file is Windows-1252 */
	int format;            /* FW_TF_*; FW_TF_AUTO detects */
	int participant_cases; /* each participant a case of their own */
} fw_ingest_opts;

/** Transcript formats charter reads. */
enum {
	FW_TF_AUTO = 0,
	FW_TF_TXT,
	FW_TF_MD,
	FW_TF_DOCX,
	FW_TF_ODT,
	FW_TF_HTML,
	FW_TF_VTT,
	FW_TF_SRT,
	FW_TF_TEI,
	FW_TF_EAF,
	FW_TF_TRS,
	FW_TF_TSV,
	FW_TF_N
};
/** "txt", "docx" ...; NULL for an unknown number. */
const char *fw_format_name(int fmt);
/** The number for a name (also "markdown", "htm", "webvtt", "elan",
 *  "transcriber", "tab"); -1 if unknown. */
int fw_format_from_name(const char *s);
/** Guess the format from content first (zip members, XML root, WEBVTT,
 *  cue timings, tab columns), then the path's extension. */
int fw_format_detect(const char *data, size_t len, const char *path);
/** Parse a transcript of any format (opts->format, or detected). */
int fw_transcript_parse(fw_transcript **out, const char *data, size_t len,
			const char *label, const fw_ingest_opts *opts,
			fw_error *err);
/** 1 if the path's extension is one charter reads as a transcript. */
int fw_format_known_ext(const char *path);

/** Parse a plain-text transcript from memory (already raw file bytes). */
int fw_transcript_parse_md(fw_transcript **out, const char *data, size_t len,
			   const char *label, const fw_ingest_opts *opts,
			   fw_error *err);
int fw_transcript_parse_txt(fw_transcript **out, const char *data, size_t len,
			    const char *label, const fw_ingest_opts *opts,
			    fw_error *err);
void fw_transcript_free(fw_transcript *t);
/* ---- projects ------------------------------------------------------------ */

typedef struct fw_project fw_project;

enum {
	FW_OPEN_RW = 0,
	FW_OPEN_READONLY = 1,
	FW_OPEN_STRICT = 2 /* with READONLY: read-only even if writable */
};

/** Create a new, empty project file; fails with FW_EEXISTS if it exists. */
int fw_project_create(fw_project **out, const char *path, fw_error *err);
/** Open an existing project, migrating its schema forward if needed. */
int fw_project_open(fw_project **out, const char *path, int flags,
		    fw_error *err);
void fw_project_free(fw_project *p);
/** The schema version this library writes. */
int fw_schema_version(void);

/** Every verb's writes are one transaction. */
int fw_project_begin(fw_project *p, fw_error *err);
int fw_project_commit(fw_project *p, fw_error *err);
void fw_project_rollback(fw_project *p);
/** Inside a transaction: mark a point to undo one file's work to... */
int fw_project_savepoint(fw_project *p, fw_error *err);
/** ...and keep it (keep=1) or undo it (keep=0). */
int fw_project_release(fw_project *p, int keep, fw_error *err);

/** A project setting; *out owned by caller, NULL if unset. */
int fw_setting_get(char **out, fw_project *p, const char *key, fw_error *err);
int fw_setting_set(fw_project *p, const char *key, const char *value,
		   fw_error *err);
/** The grouping attribute (setting group_by, default "actor_group"). */
char *fw_group_attribute(fw_project *p);

/* ---- sources ------------------------------------------------------------- */

typedef struct fw_ingest_result {
	long long source_id;
	int duplicate; /* identical bytes were already ingested */
	char name[256];
	char format[16];
	char encoding[32];
	int turns, speakers;
	long words;
	char warning[256];
} fw_ingest_result;

/** Read a transcript file and store it (caller manages the transaction). */
int fw_source_ingest(fw_ingest_result *res, fw_project *p, const char *path,
		     const fw_ingest_opts *opts, fw_error *err);
/** Sources with counts: name, format, case, turns, speakers, words. */
/** A source's turns in the normalised model: turn, speaker, role, case,
 *  lines, start and end times, code-point offsets, text. */
int fw_source_turns(fw_table **out, fw_project *p, const char *name,
		    fw_error *err);
int fw_source_list(fw_table **out, fw_project *p, fw_error *err);

/** Project counts for `charter status`. */
int fw_project_status(fw_table **out, fw_project *p, fw_error *err);

/* ---- cases and attributes ------------------------------------------------ */

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

/* ---- codebook ------------------------------------------------------------ */

enum { FW_SCOPE_UTTERANCE = 0, FW_SCOPE_SENTENCE, FW_SCOPE_PARAGRAPH };
const char *fw_scope_name(int scope);

typedef struct fw_rule_def {
	char *pattern;
	char *flags; /* letters: i x s m */
	int scope;   /* FW_SCOPE_* */
	int role;    /* FW_ROLE_*, FW_ROLE_NONE for any speaker */
	int line;
} fw_rule_def;

typedef struct fw_theme_def {
	char *number; /* "2.3" */
	char *name;
	char *definition, *use_when, *not_when, *example, *color;
	int depth; /* 1 for main themes */
	int line;
	fw_rule_def *rules;
	size_t nrules;
} fw_theme_def;

typedef struct fw_codebook {
	char *title;
	fw_theme_def *themes;
	size_t nthemes;
} fw_codebook;

/** Parse charter's native codebook text format (docs/FORMATS.md).  Errors
 *  name `label`:line; regexes are compiled to check them. */
int fw_codebook_parse(fw_codebook **out, const char *text, size_t len,
		      const char *label, fw_error *err);
void fw_codebook_free(fw_codebook *cb);

typedef struct fw_codebook_result {
	int themes, added, updated, rules;
} fw_codebook_result;

/** Parse a codebook file and merge it into the project: themes are matched
 *  by number (added or updated), their rules replaced by the file's. */
int fw_codebook_import(fw_codebook_result *res, fw_project *p, const char *path,
		       fw_error *err);
/** The codebook: number, name, depth, rules, codings. */
int fw_codebook_list(fw_table **out, fw_project *p, fw_error *err);
/** Code id by number; FW_ENOTFOUND if none. */
int fw_code_find(long long *id, fw_project *p, const char *number,
		 fw_error *err);

/* ---- coding -------------------------------------------------------------- */

typedef struct fw_autocode_result {
	long added, removed, kept;
	fw_table *per_code; /* number, name, codings, added, removed */
} fw_autocode_result;

/** Apply every rule; rule codings of one code that overlap or touch merge.
 *  Idempotent: codings already there are kept.  With `dry_run`, nothing is
 *  written.  Free res->per_code with fw_table_free. */
int fw_autocode_run(fw_autocode_result *res, fw_project *p, int dry_run,
		    fw_error *err);

/** Code lines `l1`..`l2` (inclusive) of the case's source to a code.
 *  `source` may be NULL when the case has one source. */
int fw_code_lines(long long *coding_id, fw_project *p, const char *case_name,
		  const char *source, int l1, int l2, const char *code,
		  const char *coder, fw_error *err);
/** Code code-point offsets [start, end) of a source to a code. */
int fw_code_span(long long *coding_id, fw_project *p, const char *source,
		 long start, long end, const char *code, const char *coder,
		 fw_error *err);
/** Codings of a case/code with line references and text. */
int fw_coding_list(fw_table **out, fw_project *p, const char *case_name,
		   const char *code, fw_error *err);

/* ---- charts and cells ---------------------------------------------------- */

typedef struct fw_chart_opts {
	const char *const *sort; /* attributes to order rows by, after group */
	size_t nsort;
	int refs_only;            /* show references even where summarised */
	const char *const *where; /* "attr=value": keep cases with that value */
	size_t nwhere;
	const char *const *show; /* attribute columns after the group's */
	size_t nshow;
	const char *code; /* one sub-theme only (a column across cases) */
} fw_chart_opts;

/** The chart of a main theme: a row per case grouped by the grouping
 *  attribute (group header rows between groups), a column per sub-theme.
 *  Columns: case, <group attribute>, then "N name" per sub-theme. */
int fw_chart_build(fw_table **out, fw_project *p, const char *theme,
		   const fw_chart_opts *opts, fw_error *err);

/** Set a cell's summary (an empty summary clears it).  Line references
 *  (L12, L12-18, with '*' marking a good quote) must fall inside the case's
 *  transcript; a reference to lines not coded to the code is allowed but
 *  noted in `warn` (may be NULL).  `agreement` may be NULL; for group cases
 *  it is consensus|majority|divergent|single:SPEAKER. */
int fw_cell_set(fw_project *p, const char *case_name, const char *code,
		const char *summary, const char *agreement, const char *coder,
		char *warn, size_t warn_len, fw_error *err);
/** Import cells from CSV with columns case, code, summary[, agreement].
 *  *warnings (may be NULL) receives a table: file, line, warning. */
int fw_cell_import(fw_project *p, const char *path, int *count,
		   fw_table **warnings, fw_error *err);
/** One cell: summary, agreement, references. */
int fw_cell_get(fw_table **out, fw_project *p, const char *case_name,
		const char *code, fw_error *err);

/* ---- reports ------------------------------------------------------------- */

/** Main themes in codebook order: number, name. */
int fw_theme_list(fw_table **out, fw_project *p, fw_error *err);

/** Values of the grouping attribute in sheet order, with case counts. */
int fw_group_list(fw_table **out, fw_project *p, const char *attr,
		  fw_error *err);

/* ---- report data (report_data.c) ----------------------------------------- */

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
} fw_rcell;

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
	void *stmts;     /* statements kept for fw_rdata_quotes */
	void *index;     /* case ids in order, for lookups */
	char **speakers; /* distinct labels of speakers but interviewers */
	size_t nspeakers;
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
/** The file name chart export gives a source's transcript page. */
void fw_source_page(char *out, size_t n, const char *source);

/* ---- REFI-QDA interchange ------------------------------------------------ */

typedef struct fw_refi_counts {
	int codes, sources, cases, variables, codings, summaries, users, memos;
	int rules;
} fw_refi_counts;

/** What an import brought in, matched, and left out. */
typedef struct fw_refi_result {
	int codes, codes_matched, sources, sources_matched, sources_dropped;
	int cases, cases_matched, variables, values, users;
	int codings, codings_matched, codings_duplicate;
	int summaries, rules, memos;
	int refs_missing, selections_uncoded, selections_empty,
		selections_snapped;
	int case_refs_dropped, units_utf16;
	fw_buf dropped;  /* one line per kind of thing left out */
	fw_buf warnings; /* one line per warning (position units, renames) */
} fw_refi_result;

/** Import a .qdpx, .qde or .qdc into the project (inside the caller's
 *  transaction), matching by GUID what the project already holds. */
int fw_refi_import(fw_refi_result *res, fw_project *p, const char *path,
		   fw_error *err);
void fw_refi_result_dispose(fw_refi_result *r);

/** The codebook as a REFI-QDA .qdc document (UTF-8, no BOM). */
int fw_refi_codebook(fw_buf *out, fw_project *p, fw_error *err);
/** Write the project as a .qdpx (project.qde and sources/GUID.txt). */
int fw_refi_export(fw_refi_counts *counts, fw_project *p, const char *path,
		   fw_error *err);
/** The project.qde document alone, with a fixed date (for tests). */
int fw_refi_project_xml(fw_buf *out, fw_project *p, fw_error *err);

/* ---- charts as spreadsheets ---------------------------------------------- */

typedef struct fw_xlsx_result {
	int updated, cleared, unchanged, conflicts, rejected, skipped;
	fw_buf report; /* one line per conflict, rejection or warning */
} fw_xlsx_result;

/** Every main theme's chart as a worksheet of an .xlsx, with hidden case
 *  and code GUIDs and a hidden snapshot for conflict detection. */
int fw_chart_export_xlsx(int *sheets, fw_project *p, const char *path,
			 const char *const *sort, size_t nsort,
			 const char *const *show, size_t nshow, fw_error *err);
/** The same as a long CSV: case_id, code_id, case, code, summary,
 *  agreement, exported (the hash of what the cell held), a row per case
 *  and sub-theme. */
int fw_chart_export_csv(int *rows, fw_project *p, const char *path,
			fw_error *err);
/** Bring such a CSV back, as fw_cell_import_xlsx does a workbook. */
int fw_cell_import_idcsv(fw_xlsx_result *res, fw_project *p, const char *path,
			 int force, fw_error *err);
/** Bring edited summaries back from such a workbook (inside the caller's
 *  transaction); cells changed in the project since the export are kept
 *  and reported unless `force`. */
int fw_cell_import_xlsx(fw_xlsx_result *res, fw_project *p, const char *path,
			int force, fw_error *err);

/* ---- charting aids (chart_tools.c) --------------------------------------- */

/** Lint: case, code, problem, detail for cells coded but not summarised,
 *  summaries without references, references to lines not coded to the
 *  cell, and summaries copying 12+ words of the transcript in a row.
 *  theme NULL: every theme. */
int fw_chart_check(fw_table **out, fw_project *p, const char *theme,
		   fw_error *err);
/** Draft empty cells of a theme from their coded text (key phrases with
 *  line references), marked as drafts; cells with a summary are never
 *  touched.  cases (may be empty) limits the cases. */
int fw_chart_summarise(int *drafted, fw_project *p, const char *theme,
		       const char *const *cases, size_t ncases, fw_error *err);
/** A draft becomes the researcher's summary. */
int fw_cell_accept(fw_project *p, const char *case_name, const char *code,
		   fw_error *err);
/** One case across every theme: theme, sub-theme, summary, coded lines. */
int fw_case_profile(fw_table **out, fw_project *p, const char *case_name,
		    fw_error *err);

/** A chart as an HTML page whose references link to sources/PAGE#Ln. */
int fw_chart_html(fw_buf *out, fw_project *p, const char *theme,
		  const fw_chart_opts *o, fw_error *err);
/** A transcript as an HTML page: numbered lines with coding stripes;
 *  page receives the page's file name. */
int fw_source_html(fw_buf *out, char *page, size_t page_len, fw_project *p,
		   const char *name, fw_error *err);

/* ---- queries ------------------------------------------------------------- */

/** Run one read-only SQL statement (the project must have been opened
 *  with FW_OPEN_READONLY|FW_OPEN_STRICT, so nothing can write); rows as a
 *  table, at most max_rows (0: no limit), written to sink as SQLite yields
 *  them when one is given (so large results never sit in memory).
 *  Columns whose first value is a number are numeric. */
int fw_sql_query(fw_table **out, fw_project *p, const char *sql,
		 size_t max_rows, fw_sink *sink, fw_error *err);

enum { FW_COUNT_CASES = 0, FW_COUNT_CODINGS, FW_COUNT_WORDS };

typedef struct fw_matrix_opts {
	const char *rows,
		*cols; /* a theme, codes "4.1,4.2", "*", or an attribute */
	const char *const *where; /* "attr=value" case filters */
	size_t nwhere;
	int count;              /* FW_COUNT_* */
	int percent;            /* 0, 'r' (of the row) or 'c' (of the column) */
	int cell_row, cell_col; /* 1-based: list the passages of that cell */
} fw_matrix_opts;

/** Matrix coding: counts by rows x columns, or one cell's passages. */
int fw_query_matrix(fw_table **out, fw_project *p, const fw_matrix_opts *o,
		    fw_error *err);
typedef struct fw_retrieve_opts {
	const char *expr;         /* CODE [AND|OR|AND NOT|NEAR/n CODE]... */
	int deep;                 /* with sub-codes */
	const char *const *where; /* "attr=value" case filters */
	size_t nwhere;
	int context;             /* lines around each passage */
	const char *const *show; /* attribution attributes after the case */
	size_t nshow;
	fw_sink *sink; /* rows go there as found (NULL: kept) */
} fw_retrieve_opts;

/** Passages of a code expression: case, [shown attributes,] source,
 *  lines, text. */
int fw_query_retrieve(fw_table **out, fw_project *p, const fw_retrieve_opts *o,
		      fw_error *err);

typedef struct fw_search_opts {
	const char *query; /* FTS5 query, or /regex/ or /regex/i */
	const char *const *where;
	size_t nwhere;
	const char *speaker; /* respondent (default), interviewer, all */
	const char *code;    /* code every hit to this code */
	const char *coder;
	fw_sink *sink; /* rows go there as found (NULL: kept) */
} fw_search_opts;

/** Full-text search with keyword-in-context rows: case, source, line,
 *  context; with o->code, every hit is coded (counted in *coded). */
int fw_query_search(fw_table **out, int *coded, fw_project *p,
		    const fw_search_opts *o, fw_error *err);
enum { FW_WITHIN_TURN = 0, FW_WITHIN_CASE = -1 };
/** Code pairs coded together within a turn, a case, or N lines (within >
 *  0: pairs of codings within N lines in one source): together, Jaccard. */
int fw_query_cooccur(fw_table **out, fw_project *p, const char *theme,
		     int within, fw_error *err);
/** The turns where two or more codes meet: case, source, line, codes, text. */
int fw_query_cooccur_pairs(fw_table **out, fw_project *p, const char *theme,
			   fw_error *err);
/** A typology: CASE=VALUE pairs stored as the attribute NAME. */
int fw_typology_set(int *set, fw_project *p, const char *name,
		    const char *const *pairs, size_t n, fw_error *err);

enum { FW_ORDER_SHEET = 0, FW_ORDER_NAME, FW_ORDER_COUNT };

/** A sample table from the classification sheet, as a study report shows
 *  its sample: a row per value of each row attribute (several attributes
 *  are stacked, each under a group row with its name), a column per value
 *  of colattr (or one "Number" column) and a Total column.  Counts cases
 *  or, with participants, the `participants` attribute summed; a cell
 *  whose cases are all group discussions reads "34 in 6 groups".  Values
 *  of multi-valued attributes (';') count once each, and *multi is set;
 *  totals count each case once.  Cases with no value are left out. */
int fw_sample_table(fw_table **out, int *multi, fw_project *p,
		    const char *const *rowattrs, size_t nrows,
		    const char *colattr, int participants, int order,
		    const char *const *where, size_t nwhere, fw_error *err);

#endif
