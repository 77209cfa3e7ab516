/*
 * fw/review.h: reviewing auto-coding.  A rule's hit is a suggestion until
 * a researcher accepts it (confirmed: it counts in charts, queries and
 * reports), rejects it (kept, so that auto-coding does not suggest it
 * again) or recodes it to another code.
 */
#ifndef FW_REVIEW_H
#define FW_REVIEW_H

#include "fw/common.h"
#include "fw/project.h"

enum { FW_SUGGESTED = 0, FW_CONFIRMED = 1, FW_REJECTED = 2 };

/** Which codings a review acts on; every field given narrows it.  With
 *  id, that coding whatever its status (a decision can be changed);
 *  without, the pending suggestions. */
typedef struct fw_review_filter {
	const char *code;      /* the code and its sub-themes */
	const char *source;    /* one transcript */
	const char *case_name; /* the codings that count for the case */
	long long rule;        /* the rule that made them */
	long long id;          /* one coding */
	int line;              /* the codings that cover this line */
} fw_review_filter;

/** "suggested", "confirmed", "rejected"; -1 if s is none of them. */
int fw_review_status_parse(const char *s);
const char *fw_review_status_name(int status);

/** Decide the codings f selects: status FW_CONFIRMED (accept),
 *  FW_REJECTED (reject) or FW_SUGGESTED (back to pending); *changed is
 *  how many changed.  A named code, source, case or coding that does not
 *  exist is an error; none selected is not. */
int fw_review_decide(long *changed, fw_project *p, const fw_review_filter *f,
		     int status, const char *coder, fw_error *err);

/** The codings f selects, in review order: id, status, code, source,
 *  case, lines, rule (id and pattern) and text. */
int fw_review_list(fw_table **out, fw_project *p, const fw_review_filter *f,
		   fw_error *err);

/** How many suggestions are pending, in the whole project. */
int fw_review_pending(long *n, fw_project *p, fw_error *err);

/** Per code: how many suggestions are pending, confirmed and rejected,
 *  and the hand codings. */
int fw_review_summary(fw_table **out, fw_project *p, fw_error *err);

/** One suggestion to decide, with what a researcher needs to see. */
typedef struct fw_review_item {
	long long id;
	char *code, *code_name, *definition, *use_when, *not_when;
	char *source, *case_name, *speaker, *rule;
	/* the turn (or turns) holding the coding, in three parts: the words
	 * before the coded span, the span, the words after */
	char *before, *span, *after;
	/* what the rule matched, in bytes within span (match_len 0: none) */
	size_t match_at, match_len;
	int line_start, line_end;
	long position, pending; /* its place among the pending, of how many */
} fw_review_item;

/** The first pending suggestion f selects after coding id `after`,
 *  wrapping round to the first: 1 and *it filled, 0 when none is left,
 *  negative on an error. */
int fw_review_next(fw_review_item *it, fw_project *p,
		   const fw_review_filter *f, long long after, fw_error *err);
void fw_review_item_dispose(fw_review_item *it);

/** Move coding id to another code (a sub-theme, or a theme without
 *  any): a hand coding changes code; a rule's coding (recoding a
 *  suggestion) is rejected, so that the rule does not suggest it again,
 *  and its passage coded by hand to the code. */
int fw_coding_move(fw_project *p, long long id, const char *code,
		   const char *coder, fw_error *err);

#endif
