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

#endif
