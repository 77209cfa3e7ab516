/*
 * names.h: what the report calls attribute values (titles and nouns for their
 * people), and the attribution labels of quotes.
 */
#ifndef RP_NAMES_H
#define RP_NAMES_H

#include "buf.h"
#include "errors.h"
#include "table.h"
#include "fw/report_data.h"

/** What the report calls an attribute value: a title, and singular and
 *  plural nouns for its people ("Third Party Provision Manager" -> "TPPM",
 *  "TPPMs").  Loaded from a CSV: value,label[,singular,plural]. */
typedef struct rp_names {
	size_t n;
	char **value, **label, **one, **many;
} rp_names;

int rp_names_load(rp_names *nm, const char *path, fw_error *err);
void rp_names_dispose(rp_names *nm);
const char *rp_names_label(const rp_names *nm, const char *value);
/** A table's headings and values in the names' words; counts and notes
 *  stay as they are. */
void rp_names_table(const rp_names *nm, fw_table *t);
/** Singular and plural nouns for a value (plural made by rule when not
 *  given: staff stays staff, -y becomes -ies, else -s). */
void rp_names_nouns(const rp_names *nm, const char *value, char *one, size_t n1,
		    char *many, size_t n2);

/** Check a label template ("{role}, {sex}, {age_band}") against the
 *  attributes the project has. */
int rp_label_check(const fw_rdata *d, const char *tmpl, fw_error *err);
/** Render a template for a case: placeholders with no value are dropped
 *  with the separator before them. */
void rp_label_render(const char *tmpl, const fw_rcase *c, fw_buf *out);

#endif
