/*
 * fw/transcript.h: the normalised transcript model and reading transcripts
 * of any format (plain text, Markdown, DOCX, ODT, HTML, WebVTT, SRT, TSV,
 * TEI, ELAN, Transcriber) into it.
 */
#ifndef FW_TRANSCRIPT_H
#define FW_TRANSCRIPT_H

#include "fw/common.h"

enum {
	FW_ROLE_NONE = 0,
	FW_ROLE_INTERVIEWER,
	FW_ROLE_RESPONDENT,
	FW_ROLE_PARTICIPANT
};

const char *fw_role_name(int role);

/** Parse "interviewer|respondent|participant|any"; -1 if unknown, and
 *  FW_ROLE_NONE for "any". */
int fw_role_parse(const char *s);

/** One speaker of a transcript. */
typedef struct fw_tspeaker {
	char *label;
	int role; /* FW_ROLE_* */
	int turns;
} fw_tspeaker;

/** One turn: the speech after the label, as byte and code-point spans of
 *  fw_transcript.text.  speaker is an index into speakers, or -1 for text
 *  before the first turn (a header), which is kept but belongs to nobody. */
typedef struct fw_turn {
	int speaker;
	size_t bstart, bend;
	long start, end;
	int line_start, line_end;
	long t_start_ms, t_end_ms; /* -1 when unknown */
} fw_turn;

/** A parsed transcript in charter's normalised model. */
typedef struct fw_transcript {
	char *text; /* normalised UTF-8, LF line ends */
	size_t len; /* bytes */
	long chars; /* code points */
	int lines;
	char encoding[32];
	const char *format;
	fw_tspeaker *speakers;
	size_t nspeakers;
	fw_turn *turns;
	size_t nturns;
	long words;
	fw_diags diags; /* what the reader noticed: encoding, guesses */
	const char *label_style; /* the speaker labels' style, as read */
	char **meta_keys, **meta_values; /* the cover sheet: Date, Place ... */
	size_t nmeta;
	size_t *sidx, scap; /* speakers by label (fw_speaker_index) */
} fw_transcript;

/** Options for reading a transcript. */
typedef struct fw_ingest_opts {
	const char *case_name; /* case to attach to (created if new) */
	int group; /* a group discussion: speakers are participants */
	const char *
		speaker_pattern; /* PCRE2 with (?<speaker>...) [(?<time>...)] */
	const char *const *interviewers; /* labels that are interviewers */
	size_t ninterviewers;
	const char *name;      /* source name; default: file's base name */
	int allow_cp1252;      /* 0: strict UTF-8; 1: auto (plain text
				  falls back to Windows-1252 with a
				  warning); 2: the file is Windows-1252 */
	int format;            /* FW_TF_*; FW_TF_AUTO detects */
	int participant_cases; /* each participant a case of their own */
	int strict;            /* a warning about the reading refuses it */
} fw_ingest_opts;

/** Transcript formats charter reads. */
enum {
	FW_TF_AUTO = 0,
	FW_TF_TXT,
	FW_TF_MD,
	FW_TF_DOCX,
	FW_TF_ODT,
	FW_TF_HTML,
	FW_TF_VTT,
	FW_TF_SRT,
	FW_TF_TEI,
	FW_TF_EAF,
	FW_TF_TRS,
	FW_TF_TSV,
	FW_TF_CHAT,
	FW_TF_TEXTGRID,
	FW_TF_WHISPER,
	FW_TF_RTF,
	FW_TF_PDF,
	FW_TF_N
};

/** "txt", "docx" ...; NULL for an unknown number. */
const char *fw_format_name(int fmt);

/** The number for a name (also "markdown", "htm", "webvtt", "elan",
 *  "transcriber", "tab"); -1 if unknown. */
int fw_format_from_name(const char *s);

/** Guess the format from content first (zip members, XML root, WEBVTT,
 *  cue timings, tab columns), then the path's extension. */
int fw_format_detect(const char *data, size_t len, const char *path);

/** Parse a transcript of any format (opts->format, or detected). */
int fw_transcript_parse(fw_transcript **out, const char *data, size_t len,
			const char *label, const fw_ingest_opts *opts,
			fw_error *err);

/** 1 if the path's extension is one charter reads as a transcript. */
int fw_format_known_ext(const char *path);

/** Parse a plain-text transcript from memory (already raw file bytes). */
int fw_transcript_parse_md(fw_transcript **out, const char *data, size_t len,
			   const char *label, const fw_ingest_opts *opts,
			   fw_error *err);

int fw_transcript_parse_txt(fw_transcript **out, const char *data, size_t len,
			    const char *label, const fw_ingest_opts *opts,
			    fw_error *err);

void fw_transcript_free(fw_transcript *t);

#endif
