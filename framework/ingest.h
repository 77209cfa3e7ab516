/*
 * ingest.h: what the transcript readers share, private to libframework:
 * limits, the paragraph and turn builders, the line parser, the model's
 * internals, and the readers themselves (called by ingest.c only).
 */
#ifndef FW_INGEST_H
#define FW_INGEST_H

#include "fw/transcript.h"
#include "lines.h"
#include "utf8.h"

/* A speaker label longer than this many bytes is not a label. */
#define FW_MAX_LINE_LABEL 48

/* A line's mark from a structured format: the label its layout gave (the
 * first llen bytes of the line, a bold run or a table's speaker column) or a
 * section heading, which is not speech. */
enum { FW_HINT_NONE = 0, FW_HINT_LABEL, FW_HINT_SECTION };
typedef struct fw_hint {
	unsigned char kind;
	unsigned short llen;
} fw_hint;

fw_transcript *fw_transcript_new(char *text, size_t len, const char *enc,
				 const char *format);
/* transcript_lines.c: turns from labelled lines of t->text, then roles
 * and positions (fw_transcript_finish); mixed: Markdown's **Name:** and
 * Name: count as one style. */
int fw_lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
		      int mixed, const char *label, const fw_ingest_opts *opts,
		      fw_error *err);
int fw_speaker_index(fw_transcript *t, const char *l, size_t n);
void fw_turn_add(fw_transcript *t, size_t *cap, int speaker, size_t bs,
		 size_t be, long tms, long tend);
/* labels.c: what one line is.  The label styles, FW_LS_*: */
enum {
	FW_LS_NONE = 0,
	FW_LS_COLON,     /* Name: text, Q<no-break space> */
	FW_LS_BRACKET,   /* [Name] text, {Name} text */
	FW_LS_BOLD,      /* **Name:** text */
	FW_LS_HYPHEN,    /* Teacher 4-<tab>text */
	FW_LS_TIMED,     /* S1 00:00:01.717 text; Name  0:03 (Otter) */
	FW_LS_ID,        /* p1: text (only as the file's dominant style) */
	FW_LS_IDBRACKET, /* [id1] text, {P2} text (likewise) */
	FW_LS_CUSTOM,    /* --speaker-pattern */
	FW_LS_FORCED,    /* the format said so (a bold run, a column) */
	FW_LS_N
};
/* What a line is: FW_LINE_*. */
enum {
	FW_LINE_TEXT = 0,
	FW_LINE_LABEL,  /* a speaker's label, their words from content */
	FW_LINE_TIME,   /* only a time: the next turn's */
	FW_LINE_TIMED,  /* a time, then words with no label */
	FW_LINE_MARKER, /* a page, tape or event marker: nobody's words */
};
typedef struct fw_label_hit {
	int style;
	size_t lstart, llen; /* the speaker's name within the line */
	size_t content;      /* where the words start within the line */
	long t_ms;           /* the turn's time, or -1 */
} fw_label_hit;
int fw_line_classify(const char *s, size_t n, fw_label_hit *h);
const char *fw_label_style_name(int style);
/* The bytes of the space (ASCII, no-break, narrow, ideographic) at s[i],
 * or 0. */
size_t fw_space_at(const char *s, size_t i, size_t n);
/* i moved past the spaces at s[i..n). */
size_t fw_skip_space(const char *s, size_t i, size_t n);
/* A typed "Name:" label at the start of s, as the plain-text reader
 * accepts it (capitalised words, not "Note:"). */
int fw_label_prefix(const char *s, size_t n, size_t *lstart, size_t *llen,
		    size_t *content);
/* Roles, line numbers, code-point offsets, end times and words. */
void fw_transcript_finish(fw_transcript *t, const fw_ingest_opts *o);
/* The reader for the format (given or detected), without the review
 * fw_transcript_parse adds. */
int fw_transcript_read(fw_transcript **out, const char *data, size_t len,
		       const char *label, const fw_ingest_opts *opts,
		       fw_error *err);
/* A detail of the source (a cover sheet's "Date: 3 May 2009"). */
void fw_transcript_meta_add(fw_transcript *t, const char *key, size_t klen,
			    const char *value, size_t vlen);

/* Paragraph builder (DOCX, ODT, HTML): text as lines plus hints. */
typedef struct fw_pbuild {
	fw_buf text;
	fw_hint *hints;
	size_t nlines, cap;
} fw_pbuild;
void fw_pb_init(fw_pbuild *b);
/* One paragraph: label (may be NULL) then text; newlines in s start new
 * lines of the same paragraph.  section: a heading. */
void fw_pb_para(fw_pbuild *b, const char *label, size_t llen, const char *s,
		size_t n, int section);
/* Hand over to the line parser; frees the builder either way. */
int fw_pb_finish(fw_pbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err);
void fw_pb_dispose(fw_pbuild *b);

/* Turn builder (WebVTT, SRT, TSV, TEI, ELAN, Transcriber): turns with
 * speakers and times, rendered as "[hh:mm:ss] Name: speech" paragraphs. */
typedef struct fw_tbitem {
	char *speaker; /* NULL: not speech (a note or section) */
	fw_buf text;
	long t0, t1;
} fw_tbitem;
typedef struct fw_tbuild {
	fw_tbitem *v;
	size_t n, cap;
	char **iv; /* labels the format marks as interviewers */
	size_t niv;
} fw_tbuild;
/* The format says this speaker is an interviewer (unless --interviewer). */
void fw_tb_interviewer(fw_tbuild *b, const char *label);
void fw_tb_init(fw_tbuild *b);
/* Add speech; merge: join it to the previous turn if the speaker is the
 * same.  Whitespace runs (newlines included) become one space. */
void fw_tb_add(fw_tbuild *b, const char *speaker, const char *s, size_t n,
	       long t0, long t1, int merge);
int fw_tb_finish(fw_tbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err);
void fw_tb_dispose(fw_tbuild *b);

/* Readers, one per format (ingest_*.c). */
/* WebVTT and SubRip captions (format FW_TF_VTT or _SRT). */
int fw_parse_cues(fw_transcript **out, int format, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_tsv(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_html(fw_transcript **out, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err);
/* TEI, ELAN and Transcriber (format FW_TF_TEI, _EAF or _TRS). */
int fw_parse_xml(fw_transcript **out, int format, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
/* CHAT, Praat TextGrid, Whisper JSON (FW_TF_CHAT, _TEXTGRID, _WHISPER). */
int fw_parse_speech(fw_transcript **out, int format, const char *data,
		    size_t len, const char *label, const fw_ingest_opts *o,
		    fw_error *err);
/* RTF and PDF, read as text by the line parser (FW_TF_RTF or _PDF). */
int fw_parse_document(fw_transcript **out, int format, const char *data,
		      size_t len, const char *label, const fw_ingest_opts *o,
		      fw_error *err);
/* Word and OpenDocument text (format FW_TF_DOCX or _ODT). */
int fw_parse_office(fw_transcript **out, int format, const char *data,
		    size_t len, const char *label, const fw_ingest_opts *o,
		    fw_error *err);

/* The encoding mode (FW_ENC_*) the options ask for; auto by default. */
static inline int fw_ingest_mode(const fw_ingest_opts *o)
{
	return o ? o->allow_cp1252 : FW_ENC_AUTO;
}

/* Decode a text format's bytes (BOM, UTF-16, the encoding option). */
int fw_decode_for(const char *data, size_t len, const char *label,
		  const fw_ingest_opts *o, int strict, char **out,
		  size_t *out_len, const char **enc, fw_error *err);

#endif
