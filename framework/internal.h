/*
 * internal.h: helpers shared between libframework's modules; not part of
 * the public API (cli/ and reports/ include only fw.h).
 */
#ifndef FW_INTERNAL_H
#define FW_INTERNAL_H

#include "fw.h"
#include <sqlite3.h>

#include "lines.h"
#include "xmlio.h"
#include "zipio.h"

/* Limits on user input: each gives a clear error, never a crash. */
#define FW_MAX_LINE_LABEL   48           /* characters in a speaker label */
#define FW_PCRE_MATCH_LIMIT 1000000u
#define FW_PCRE_DEPTH_LIMIT 10000u

struct fw_project {
	sqlite3 *db;
	char *path;
	int readonly;
	int in_tx;
};

/* store.c */
int fw_store_init(sqlite3 *db, fw_error *err);
int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err);
int fw_sql_error(fw_project *p, fw_error *err, const char *what);
/* Prepare; on failure fills err from the database. */
int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql,
	       fw_error *err);
/* Run one statement with no result. */
int fw_exec(fw_project *p, const char *sql, fw_error *err);
/* Get or create a coder by name; returns id or 0 on error. */
long long fw_coder_id(fw_project *p, const char *name, fw_error *err);

/* attribute helpers (case.c) */
long long fw_attribute_id(fw_project *p, const char *name, int create,
			  fw_error *err);
/* Get or create a case; *created set if new. Returns id or 0. */
long long fw_case_ensure(fw_project *p, const char *name, int *created,
			 fw_error *err);

/* matrix.c: cases in chart order (grouping attribute, sort attributes,
 * then natural order of names). */
typedef struct fw_chart_case {
	long long id;
	char *name;
	char *group; /* value of the grouping attribute, NULL if none */
	int is_group;
	int sort;
	char **keys; /* values of the sort attributes */
} fw_chart_case;
int fw_chart_cases(fw_project *p, const char *attr, const char *const *sort,
		   size_t nsort, fw_chart_case **out, size_t *n, fw_error *err);
void fw_chart_cases_free(fw_chart_case *c, size_t n, size_t nsort);
/* natural comparison: digit runs compare as numbers, letters case-blind */
int fw_natcmp(const char *a, const char *b);

/* ---- transcripts: shared by the format readers --------------------------- */

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
/* ingest_txt.c: turns from labelled lines of t->text, then roles and
 * positions (fw_transcript_finish). */
int fw_lines_to_turns(fw_transcript *t, const fw_hint *hints, size_t nhints,
		      const char *label, const fw_ingest_opts *opts,
		      fw_error *err);
int fw_speaker_index(fw_transcript *t, const char *l, size_t n);
void fw_turn_add(fw_transcript *t, size_t *cap, int speaker, size_t bs,
		 size_t be, long tms, long tend);
/* A typed "Name:" label at the start of s, as the plain-text reader
 * accepts it (capitalised words, not "Note:"). */
int fw_label_prefix(const char *s, size_t n, size_t *lstart, size_t *llen,
		    size_t *content);
/* Roles, line numbers, code-point offsets, end times and words. */
void fw_transcript_finish(fw_transcript *t, const fw_ingest_opts *o);

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
int fw_parse_vtt(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_srt(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_tsv(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_html(fw_transcript **out, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_tei(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_eaf(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_trs(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_docx(fw_transcript **out, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err);
int fw_parse_odt(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err);

/* The encoding mode (FW_ENC_*) the options ask for; auto by default. */
static inline int fw_ingest_mode(const fw_ingest_opts *o)
{
	return o ? o->allow_cp1252 : FW_ENC_AUTO;
}

/* Decode a text format's bytes (BOM, UTF-16, the encoding option). */
int fw_decode_for(const char *data, size_t len, const char *label,
		  const fw_ingest_opts *o, int strict, char **out,
		  size_t *out_len, const char **enc, fw_error *err);

/* source.c: store a transcript from memory; guid and when (import time)
 * may be NULL; no_case leaves it unlinked (the caller links it). */
int fw_source_add_mem(fw_project *p, const char *name, const char *path,
		      const char *data, size_t len, const fw_ingest_opts *opts,
		      const char *guid_in, const char *when, int no_case,
		      fw_ingest_result *res, fw_error *err);

/* chart_xlsx.c: one edited cell back, by case and code GUIDs, with the
 * export-time hash for conflict detection (NULL: none). */
int fw_cell_merge(fw_project *p, const char *cg, const char *cname,
		  const char *kg, const char *v, const char *then_h, int force,
		  fw_xlsx_result *res, fw_error *err);

#endif
