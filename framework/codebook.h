/*
 * codebook.h: what auto-coding takes from the codebook inside libframework.
 */
#ifndef FW_CODEBOOK_INT_H
#define FW_CODEBOOK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "fw/codebook.h"

/* "2", "2.3", "2.3.1" (and "1." as codebook files write it): 1 with
 * *depth its levels, or 0. */
int fw_code_number_valid(const char *s, int *depth);

/* Record a change to the framework (framework_change): what was done, to
 * which code, in words; with the time, the coder and how many codings the
 * project held then (0: before indexing began). */
int fw_framework_log(fw_project *p, const char *action, const char *code,
		     const char *detail, fw_error *err);

/* Put every code's sort in natural number order (after a change of
 * numbers). */
int fw_codebook_resort(fw_project *p, fw_error *err);

/* Read and parse a codebook file (fw_codebook_parse's errors). */
int fw_codebook_load(fw_codebook **cb, const char *path, fw_error *err);

/* Are code id's stored rules the theme's, in order? */
int fw_rules_same(fw_project *p, long long id, const fw_theme_def *t);

/* The sentence holding byte pos of text, within [lo, hi): where it
 * starts (after the last . ? or ! and space before pos, or a blank line)
 * and ends (its mark, and closing quotes). */
size_t fw_sentence_start(const char *t, size_t lo, size_t pos);
size_t fw_sentence_end(const char *t, size_t hi, size_t pos);

/* PCRE2 compile options for a rule's flag letters (i x s m). */
uint32_t fw_rule_options(const char *flags);

#endif
