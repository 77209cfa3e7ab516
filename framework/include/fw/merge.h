/*
 * fw/merge.h: merging another charter project into this one, as a team
 * does when each coder indexed or charted in a copy.
 */
#ifndef FW_MERGE_H
#define FW_MERGE_H

#include "fw/common.h"
#include "fw/project.h"

/** What a merge brought in (or, dry, would bring). */
typedef struct fw_merge_result {
	long coders_added, cases_added, cases_matched, values_differing;
	long codes_added, codes_matched, codes_renamed, codes_kept_back;
	long sources_added, sources_matched, sources_renamed;
	long codings_added, codings_there, codings_decided, codings_kept_back;
	long cells_added, cells_same, cells_conflicting;
	long memos_added, memos_there, memos_kept_back;
	long changes_carried, log_carried;
	fw_diags diags; /* each rename, code kept back, coding kept back,
			   differing value and conflicting cell, in words */
} fw_merge_result;

void fw_merge_result_dispose(fw_merge_result *r);

/** Merge the project at path into p, which must not be in a transaction:
 *  sources matched by content (SHA-256, whatever their names), codes by
 *  GUID then by number and name, cases by GUID then name, coders by GUID
 *  then name, attributes by name; what is not matched is added.  Codings
 *  are unioned per coder: one already here (its GUID, or the same span,
 *  code and coder) is not added again, a suggestion decided there and
 *  pending here takes that decision, and a coding whose code cannot be
 *  matched (its number stands for another code here) is kept back and
 *  reported, never dropped silently.  A cell's summary fills an empty
 *  cell; a differing one is kept as a conflict (fw_cell_conflicts,
 *  fw_cell_resolve).  Memos, framework changes and the history (as a
 *  log, charter log --carried) come along.  One history entry; dry: the
 *  same work rolled back, *r saying what would have come in.  The other
 *  project is only read. */
int fw_merge(fw_merge_result *r, fw_project *p, const char *path, int dry,
	     const char *args, const char *coder, fw_error *err);

#endif
