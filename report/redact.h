/*
 * redact.h: names out of quotes and summaries: speaker labels that are
 * personal names and the names a researcher lists become "[name]".
 */
#ifndef RP_REDACT_H
#define RP_REDACT_H

#include <stddef.h>

#include "errors.h"

/* What a listed phrase is, and what it becomes. */
enum {
	RP_REDACT_NAME = 0,
	RP_REDACT_PROVIDER,
	RP_REDACT_PLACE,
	RP_REDACT_CASE,
	RP_REDACT_NKINDS
};

typedef struct rp_redact {
	char **w;
	int *kind; /* RP_REDACT_*, one per entry of w */
	size_t n;
} rp_redact;

void rp_redact_init(rp_redact *r);
void rp_redact_dispose(rp_redact *r);
/** Does a speaker label look like a person's name ("Janet", "Anne-Marie",
 *  "Mo Khan"), not a role ("Respondent", "P3", "Speaker 2")? */
int rp_redact_namelike(const char *label);
void rp_redact_add(rp_redact *r, const char *name);
/** A phrase of up to six words of a kind: "[name]", "[provider]",
 *  "[place]" or "[case]" (a case id, on the report's transcript pages)
 *  replaces it. */
void rp_redact_add_kind(rp_redact *r, const char *name, int kind);
/** A list of names, one per line ('#' starts a comment); a line
 *  "provider: NAME" or "place: NAME" lists an organisation or a place
 *  ("name: NAME" a person, as a bare line does). */
int rp_redact_parse(rp_redact *r, const char *text, size_t len,
		    const char *label, fw_error *err);
/** Sort the list; needed before rp_redact_apply. */
void rp_redact_sort(rp_redact *r);
/** text with every listed phrase, as whole words, replaced by "[name]",
 *  "[provider]" or "[place]" (the longest listed phrase where several
 *  start at one word); *count (may be NULL) is increased by the
 *  replacements. */
char *rp_redact_apply(const rp_redact *r, const char *text, int *count);
/** The same, with the replacements counted by kind: kinds[RP_REDACT_*]
 *  (RP_REDACT_NKINDS of them) is increased. */
char *rp_redact_apply_kinds(const rp_redact *r, const char *text, int *kinds);

#endif
