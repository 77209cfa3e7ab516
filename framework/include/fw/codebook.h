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

/** Code id by number; FW_ENOTFOUND if none. */
int fw_code_find(long long *id, fw_project *p, const char *number,
		 fw_error *err);

/** Main themes in codebook order: number, name. */
int fw_theme_list(fw_table **out, fw_project *p, fw_error *err);

#endif
