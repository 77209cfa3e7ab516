/*
 * fw/memo.h: memos, the researcher's writing about the data: anchored to
 * the project, a source, a span of a source, a case, a code, a chart cell
 * (case and code) or a theme within an actor group (the analytic memo a
 * report section is written from); each with a kind and an author.
 */
#ifndef FW_MEMO_H
#define FW_MEMO_H

#include "fw/common.h"
#include "fw/project.h"

/** What a memo is about; nothing given: the project.  source with lines
 *  (line_start > 0): a span; case and code: a cell; code (a main theme)
 *  and group (a value of the grouping attribute): the theme within that
 *  actor group. */
typedef struct fw_memo_target {
	const char *source;
	int line_start, line_end;
	const char *case_name;
	const char *code;
	const char *group;
} fw_memo_target;

/** "analytic", "method", "reflexive", "note" (NULL: "note"); unknown, or
 *  a target that does not exist, is an error naming it. */
int fw_memo_add(long long *id, fw_project *p, const fw_memo_target *t,
		const char *kind, const char *title, const char *text,
		const char *coder, fw_error *err);

/** The memos, oldest first: id, kind, about (the target in words), title
 *  (or the first line), author, created.  f and kind narrow the list:
 *  memos on f's source, case, code (its sub-themes' too) or group. */
int fw_memo_list(fw_table **out, fw_project *p, const fw_memo_target *f,
		 const char *kind, fw_error *err);

/** One memo: id, kind, about, title, author, created, updated, text. */
int fw_memo_get(fw_table **out, fw_project *p, long long id, fw_error *err);

/** Replace a memo's text (and title when not NULL). */
int fw_memo_set(fw_project *p, long long id, const char *title,
		const char *text, fw_error *err);

int fw_memo_remove(fw_project *p, long long id, fw_error *err);

#endif
