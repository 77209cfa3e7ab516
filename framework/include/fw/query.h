/*
 * fw/query.h: queries over the indexed data: matrix coding, retrieval by
 * code expressions, full-text and regex search, co-occurrence.
 */
#ifndef FW_QUERY_H
#define FW_QUERY_H

#include "fw/common.h"
#include "fw/project.h"

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

/* A retrieve expression's bounds: codes and operators, and the largest
 * NEAR/n (a larger n is taken as this: the whole transcript). */
#define FW_RETRIEVE_MAX_TOKENS 1024
#define FW_RETRIEVE_MAX_NEAR   1000000000LL

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
	int scope_turn;      /* --code codes the hit's turn (else sentence) */
	const char *coder;
	fw_sink *sink; /* rows go there as found (NULL: kept) */
} fw_search_opts;

/** Full-text search with keyword-in-context rows: case, source, line,
 *  context.  Words match by stem, a prefix (isolat*) by stem or by the
 *  word's own letters, a "phrase" as one hit.  With o->code, every hit's
 *  sentence (or turn) is coded (counted in *coded), never the word alone. */
int fw_query_search(fw_table **out, int *coded, fw_project *p,
		    const fw_search_opts *o, fw_error *err);

/* The full-text indexes over turns: by stem, and by whole words (for
 * prefix queries). */
enum { FW_INDEX_STEMMED = 0, FW_INDEX_WHOLE = 1 };

/** Bring one index up to date with the turns: only new turns added when
 *  there are only new ones, else built again. */
int fw_search_index_sync(fw_project *p, int which, fw_error *err);

/** After an ingest: the stemmed index up to date (made if missing), and
 *  the whole-word one if it was made. */
int fw_search_index_update(fw_project *p, fw_error *err);

enum { FW_WITHIN_TURN = 0, FW_WITHIN_CASE = -1 };

/** Code pairs coded together within a turn, a case, or N lines (within >
 *  0: pairs of codings within N lines in one source): together, Jaccard. */
int fw_query_cooccur(fw_table **out, fw_project *p, const char *theme,
		     int within, fw_error *err);

/** The turns where two or more codes meet: case, source, line, codes, text. */
int fw_query_cooccur_pairs(fw_table **out, fw_project *p, const char *theme,
			   fw_error *err);

#endif
