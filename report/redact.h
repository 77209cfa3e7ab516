/*
 * redact.h: names out of quotes and summaries: speaker labels that are
 * personal names and the names a researcher lists become "[name]".
 */
#ifndef RP_REDACT_H
#define RP_REDACT_H

#include <stddef.h>

#include "errors.h"

typedef struct rp_redact {
	char **w;
	size_t n;
} rp_redact;

void rp_redact_init(rp_redact *r);
void rp_redact_dispose(rp_redact *r);
/** Does a speaker label look like a person's name ("Janet", "Anne-Marie",
 *  "Mo Khan"), not a role ("Respondent", "P3", "Speaker 2")? */
int rp_redact_namelike(const char *label);
void rp_redact_add(rp_redact *r, const char *name);
/** A list of names, one per line ('#' starts a comment). */
int rp_redact_parse(rp_redact *r, const char *text, size_t len,
		    const char *label, fw_error *err);
/** Sort the list; needed before rp_redact_apply. */
void rp_redact_sort(rp_redact *r);
/** text with every listed name, as a whole word, replaced by "[name]";
 *  *count (may be NULL) is increased by the replacements. */
char *rp_redact_apply(const rp_redact *r, const char *text, int *count);

#endif
