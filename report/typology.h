/*
 * typology.h: a typology built from the evidence: rules over the
 * researcher's codings, chart summaries and the sheet's attributes that
 * give each case a type.
 *
 *    # clients' outlooks on work
 *    only: role=incapacity benefits recipient
 *    type Thinking about work
 *      when: coded 8.2 and not coded 8.3
 *    type Wanting work but not expecting it
 *      when: coded 8.3 and summary 8.2 ~ /want|wish/i
 *
 * A condition is `coded CODE` (a hand coding or accepted suggestion for
 * the code or below it), `summary CODE ~ /REGEX/[i]` (a summary in the
 * code's cells matches), or `ATTR=VALUE` (`ATTR="two words"`), combined
 * with not, and, or and parentheses; several `when:` lines of a type are
 * alternatives.  `only:` narrows the cases considered.
 */
#ifndef RP_TYPOLOGY_H
#define RP_TYPOLOGY_H

#include <stddef.h>

#include "errors.h"

typedef struct rp_tnode rp_tnode;

typedef struct rp_ttype {
	char *name;
	rp_tnode **when; /* alternatives */
	size_t nwhen;
	int line;
} rp_ttype;

typedef struct rp_typology {
	rp_ttype *types;
	size_t ntypes;
	char **only; /* A=V */
	size_t nonly;
} rp_typology;

int rp_typology_parse(rp_typology *t, const char *text, size_t len,
		      const char *label, fw_error *err);
void rp_typology_dispose(rp_typology *t);

/* What a condition is asked of one case. */
typedef struct rp_tcase_view {
	int (*coded)(void *ctx, const char *code);
	const char *(*summary)(void *ctx, const char *code, size_t i);
	const char *(*attr)(void *ctx, const char *name);
	void *ctx;
} rp_tcase_view;

/** Does a type's rule hold for the case the view shows? */
int rp_ttype_holds(const rp_ttype *t, const rp_tcase_view *v);

#endif
