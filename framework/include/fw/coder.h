/*
 * fw/coder.h: the project's coders: who indexed, reviewed, charted and
 * wrote what.
 */
#ifndef FW_CODER_H
#define FW_CODER_H

#include "fw/common.h"
#include "fw/project.h"

/** Every coder, with what they did: coder, codings (confirmed ones they
 *  own), by_hand, accepted and rejected (suggestions they decided),
 *  suggested (auto-coding's, still pending), cells, memos, verbs (history
 *  entries). */
int fw_coders_list(fw_table **out, fw_project *p, fw_error *err);

/** The coder a writing verb records: name, or when NULL or empty
 *  $CHARTER_CODER, then the login name ($USER, else the account's), else
 *  "researcher". */
const char *fw_coder_name(const char *name);

/** Coding blind from now on (on 1: each coder sees only their own, as
 *  $CHARTER_CODER says), or no longer (0: everyone's shown again). */
int fw_coders_blind(fw_project *p, int on, fw_error *err);

#endif
