/*
 * fw/history.h: the project's history.  Every writing verb is one entry
 * (when, which coder, the verb and its arguments, how many rows of what it
 * changed) holding the changes it made as an SQLite session changeset;
 * undo applies the inverted changesets, newest first, and is an entry of
 * its own.
 */
#ifndef FW_HISTORY_H
#define FW_HISTORY_H

#include "fw/common.h"
#include "fw/project.h"

/** Record the verb whose transaction has just begun (fw_project_begin):
 *  its changes become one history entry when it commits, none when it
 *  changed nothing.  coder NULL: $CHARTER_CODER, $USER, "researcher". */
int fw_history_record(fw_project *p, const char *verb, const char *args,
		      const char *coder, fw_error *err);

/** The entries, oldest first: entry, at, coder, verb (and arguments, cut
 *  at 100 characters: v_history has them whole), changes, undone (the
 *  entry that undid it, empty if none).  last > 0: only the newest
 *  last entries. */
int fw_history_list(fw_table **out, fw_project *p, long last, fw_error *err);

/** The history other projects brought when merged in: at, coder, verb
 *  (and arguments), changes, from (the project). */
int fw_history_carried(fw_table **out, fw_project *p, fw_error *err);

/** Undo: entry 0, the newest entry not undone; else every entry from
 *  entry on that is not undone, newest first; with only, entry alone.
 *  Undo entries are not undone again.  Opens its own transaction (the
 *  project must not be in one).  Refuses, changing nothing, when a later
 *  change conflicts with one being reverted, naming it.  *out: the
 *  entries undone (entry, verb, changes). */
int fw_history_undo(fw_table **out, fw_project *p, long long entry, int only,
		    const char *coder, fw_error *err);

/** The coder's own newest entry that is not undone (what the workbench's
 *  undo takes back while others edit too), as fw_history_undo(entry,
 *  only). */
int fw_history_undo_mine(fw_table **out, fw_project *p, const char *coder,
			 fw_error *err);

/** Redo: the coder's newest undo, when no change of theirs has followed
 *  it, taken back (what it reverted made again, as a "redo" entry); the
 *  entries it undid are not undone again, so undo takes them back once
 *  more.  Refuses, changing nothing, when a later change is in the way.
 *  *out: the undo entry redone (entry, verb, changes). */
int fw_history_redo(fw_table **out, fw_project *p, const char *coder,
		    fw_error *err);

#endif
