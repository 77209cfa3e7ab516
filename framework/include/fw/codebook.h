/*
 * fw/codebook.h: the thematic framework: charter's codebook format,
 * importing it, listing codes.
 */
#ifndef FW_CODEBOOK_H
#define FW_CODEBOOK_H

#include "fw/common.h"
#include "fw/project.h"

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

/* ---- changing the framework (each change in the framework's log) ---- */

/** A new code: its number says where (2.5 under theme 2, which must be
 *  there); refused when the number is taken or malformed. */
int fw_codebook_add(fw_project *p, const char *number, const char *name,
		    const char *definition, fw_error *err);
int fw_codebook_rename(fw_project *p, const char *number, const char *name,
		       fw_error *err);
/** Change a code's guidance: field "definition", "use" (use when), "not"
 *  (not when) or "example" becomes text (empty: none). */
int fw_codebook_define(fw_project *p, const char *number, const char *field,
		       const char *text, fw_error *err);

/** A rule for a code, written as the codebook's `rule:` lines are
 *  (/PATTERN/FLAGS [scope=...] [speaker=...]), checked and compiled;
 *  *rule_id its id.  Auto-coding applies it from its next run. */
int fw_codebook_rule_add(long long *rule_id, fw_project *p,
			 const char *number, const char *rule, fw_error *err);
/** Remove a rule; the suggestions it made stay, tied to no rule. */
int fw_codebook_rule_remove(fw_project *p, long long rule_id, fw_error *err);

/** A code and its sub-themes take number `to` (2.3 -> 4.1 moves it under
 *  theme 4; 2.3 -> 2.7 renumbers it); codings, cells and rules follow, as
 *  they hang on the code, not its number.  Refused into itself. */
int fw_codebook_renumber(fw_project *p, const char *from, const char *to,
			 fw_error *err);
/** Renumber `from` to the next free number under `under` (NULL: the next
 *  main theme); *number the new number. */
int fw_codebook_move(char **number, fw_project *p, const char *from,
		     const char *under, fw_error *err);
/** Merge `from` into `into`: codings unioned (a passage coded to both kept
 *  once), a case's summaries joined with their references, rules and
 *  memos moved, `from` removed; *moved the codings moved.  Refused into
 *  itself or a code inside it, and for codes with sub-themes. */
int fw_codebook_merge(long *moved, fw_project *p, const char *from,
		      const char *into, fw_error *err);
/** Delete a code and its sub-themes; refused while they have codings or
 *  summaries unless force, which deletes those (counted in *codings,
 *  *cells).  Memos on them stay, anchored to the project. */
int fw_codebook_delete(long *codings, long *cells, fw_project *p,
		       const char *number, int force, fw_error *err);
/** Import a codebook file into a project that has one: *out the
 *  difference, matched by number (change: added, renamed, changed,
 *  removed; code; name; detail), applied only with apply, when a removed
 *  code with nothing on it goes and one with codings or summaries stays
 *  with its rules stopped (its detail says so).  Without apply nothing
 *  changes. */
int fw_codebook_reimport(fw_table **out, fw_codebook_result *res,
			 fw_project *p, const char *path, int apply,
			 fw_error *err);
/** The removals of a difference (fw_codebook_reimport's rows "removed")
 *  applied: a code with nothing on it deleted, one with codings kept
 *  with its rules stopped (the row's detail says so). */
int fw_codebook_apply_removed(fw_project *p, fw_table *diff, fw_error *err);

struct fw_refi_result;
/** A REFI-QDA codebook imported into a project that has one, codes
 *  matched by GUID: *out the difference (added; renamed: its number or
 *  name changed; removed: a code the file does not hold).  The import is
 *  made; the caller keeps it (then applies the removals) or rolls it
 *  back to show the difference alone. */
int fw_codebook_diff_refi(fw_table **out, struct fw_refi_result *rr,
			  fw_project *p, const char *path, fw_error *err);

/** The framework's change log: at, coder, action, code, detail, and the
 *  codings the project held then (0: before indexing began). */
int fw_framework_changes(fw_table **out, fw_project *p, fw_error *err);

/** Code id by number; FW_ENOTFOUND if none. */
int fw_code_find(long long *id, fw_project *p, const char *number,
		 fw_error *err);

/** Main themes in codebook order: number, name. */
int fw_theme_list(fw_table **out, fw_project *p, fw_error *err);

#endif
