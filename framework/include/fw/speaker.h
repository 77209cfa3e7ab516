/*
 * fw/speaker.h: a source's speakers after ingest: listing them, and the
 * researcher's corrections (rename, merge, role, not a speaker, case).
 * Codings stay on their text: they are held by offsets into the source,
 * which none of these change.
 */
#ifndef FW_SPEAKER_H
#define FW_SPEAKER_H

#include "fw/common.h"
#include "fw/project.h"

/** Each source's speakers (or one source's): source, speaker, role,
 *  case, turns, first words. */
int fw_speaker_list(fw_table **out, fw_project *p, const char *source,
		    fw_error *err);

/** Rename a speaker; to a label the source already has, it is a merge. */
int fw_speaker_rename(fw_project *p, const char *source, const char *label,
		      const char *to, fw_error *err);

/** The speaker's turns become into's, and the speaker goes. */
int fw_speaker_merge(fw_project *p, const char *source, const char *label,
		     const char *into, fw_error *err);

/** Set a speaker's role: interviewer, respondent or participant. */
int fw_speaker_role(fw_project *p, const char *source, const char *label,
		    const char *role, fw_error *err);

/** A label that was no speaker (Note:, a place name): each of its turns
 *  joins the turn before it, label and all (or is nobody's when first),
 *  and the speaker goes. */
int fw_speaker_not(fw_project *p, const char *source, const char *label,
		   fw_error *err);

/** The speaker is (a participant of) case, whose codings they count for. */
int fw_speaker_case(fw_project *p, const char *source, const char *label,
		    const char *case_name, fw_error *err);

#endif
