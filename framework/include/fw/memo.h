/*
 * fw/memo.h: memos, the researcher's writing about the data: anchored to
 * the project, a source, a span of a source, a case, a code, a chart cell
 * (case and code), a theme within an actor group (the analytic memo a
 * report section is written from) or the group itself; each with a kind
 * and an author.
 */
#ifndef FW_MEMO_H
#define FW_MEMO_H

#include "fw/common.h"
#include "fw/project.h"

/** What a memo is about; nothing given: the project.  source with lines
 *  (line_start > 0): a span; case and code: a cell; code (a theme or
 *  sub-theme) and group (a value of the grouping attribute): the theme
 *  within that actor group; group alone: the actor group as a whole (the
 *  key findings its report chapter opens with). */
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

typedef struct fw_memo_import_result {
	int added, updated, unchanged;
} fw_memo_import_result;

/** Memos from a CSV with a header naming its columns: text, and any of
 *  kind (default note), theme (or code), group, case, source, lines and
 *  title, which say what each is about as fw_memo_target does.  A row
 *  whose anchor, kind and title match a memo already there replaces its
 *  text, so a sheet of memos imported again adds none twice.  A bad row
 *  is an error naming path and line. */
int fw_memo_import(fw_memo_import_result *r, fw_project *p, const char *path,
		   const char *coder, fw_error *err);

int fw_memo_remove(fw_project *p, long long id, fw_error *err);

#endif
