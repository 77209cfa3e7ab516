/*
 * fw/coding.h: indexing: auto-coding by the codebook's rules, coding by
 * hand, listing codings.
 */
#ifndef FW_CODING_H
#define FW_CODING_H

#include "fw/common.h"
#include "fw/project.h"

typedef struct fw_autocode_result {
	long added, removed, kept;
	fw_table *per_code; /* number, name, codings, added, removed */
} fw_autocode_result;

/** Apply every rule; rule codings of one code that overlap or touch merge.
 *  Idempotent: codings already there are kept.  With `dry_run`, nothing is
 *  written.  Free res->per_code with fw_table_free. */
int fw_autocode_run(fw_autocode_result *res, fw_project *p, int dry_run,
		    fw_error *err);

/* Which engine reads the rules: Hyperscan's one pass for a project of 2
 * MB of text or more (auto), always, or PCRE2 alone (the reference). */
enum { FW_AUTOCODE_AUTO = 0, FW_AUTOCODE_HYPERSCAN, FW_AUTOCODE_PCRE2 };

typedef struct fw_autocode_opts {
	int dry_run;
	int engine; /* FW_AUTOCODE_* */
	int jobs;   /* threads that match: 0, one per core; 1, the caller's */
} fw_autocode_opts;

/** fw_autocode_run with options. */
int fw_autocode_run_with(fw_autocode_result *res, fw_project *p,
			 const fw_autocode_opts *o, fw_error *err);

/** Each rule (code, line) with the engine that reads it (hyperscan,
 *  hyperscan-prefilter or pcre2), why, where it is not plain Hyperscan,
 *  and its pattern.  Free *out with fw_table_free. */
int fw_autocode_explain(fw_table **out, fw_project *p, int engine,
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

/** Code the exact words of quote in the case's source (white space
 *  matching any white space): refused when they are not there, or stand
 *  more than once (the places named). */
int fw_code_quote(long long *coding_id, fw_project *p, const char *case_name,
		  const char *source, const char *quote, const char *code,
		  const char *coder, fw_error *err);

/** Code turn number `turn` (as charter turns numbers them) of the case's
 *  source: the speaker's words, without the label. */
int fw_code_turn(long long *coding_id, fw_project *p, const char *case_name,
		 const char *source, int turn, const char *code,
		 const char *coder, fw_error *err);

/** The highest coding id ever given (ids are not used twice). */
long long fw_coding_last_id(fw_project *p);

/** Where coding id is: its source, code and span. */
int fw_coding_where(long long *sid, long long *code_id, long *a, long *b,
		    fw_project *p, long long id, fw_error *err);

/** Widen coding id to the sentences it touches (within its turns). */
int fw_coding_widen(fw_project *p, long long id, fw_error *err);

/** Take code code_id off [a, b) of source sid: codings of it there are
 *  removed, trimmed, or split round the span (*changed: how many). */
int fw_uncode_span(long *changed, fw_project *p, long long sid,
		   long long code_id, long a, long b, fw_error *err);

/** Remove the case's codings to code lying within lines l1..l2
 *  (*removed); none is an error. */
int fw_coding_remove_lines(long *removed, fw_project *p, const char *case_name,
			   const char *code, int l1, int l2, fw_error *err);

/** Remove one coding by its id. */
int fw_coding_remove(fw_project *p, long long id, fw_error *err);

/** Hand codings go to sub-themes (or themes without any): fw_code_lines,
 *  fw_code_span and fw_code_quote refuse a theme with sub-themes. */

/** Codings of a case/code with line references, origin, id and text. */
int fw_coding_list(fw_table **out, fw_project *p, const char *case_name,
		   const char *code, fw_error *err);

#endif
