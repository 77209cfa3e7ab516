/*
 * fw/source.h: sources: storing transcripts in a project and listing them
 * and their turns.
 */
#ifndef FW_SOURCE_H
#define FW_SOURCE_H

#include "fw/common.h"
#include "fw/project.h"
#include "fw/transcript.h"

typedef struct fw_ingest_result {
	long long source_id;
	int duplicate; /* identical bytes were already ingested */
	char name[256];
	char format[16];
	char encoding[32];
	int turns, speakers;
	long words;
} fw_ingest_result;

/** Read a transcript file and store it (caller manages the transaction). */
int fw_source_ingest(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		     const char *path, const fw_ingest_opts *opts,
		     fw_error *err);

/** Many files read ahead: while one is stored, the next ones are read,
 *  hashed and parsed on the machine's other cores.  paths and opts must
 *  outlive the reader. */
typedef struct fw_source_reader fw_source_reader;
fw_source_reader *fw_source_reader_new(const char *const *paths, size_t n,
				       const fw_ingest_opts *opts);
/** fw_source_ingest of the next of the paths, in the order given, as read
 *  ahead. */
int fw_source_reader_ingest(fw_source_reader *r, fw_ingest_result *res,
			    fw_diags *diags, fw_project *p, fw_error *err);
/** The bytes of files read ahead at once (64 MB unless set; one file is
 *  always read, however large). */
void fw_source_reader_limit(fw_source_reader *r, size_t bytes);
void fw_source_reader_free(fw_source_reader *r);

/** Sources with counts: name, format, case, turns, speakers, words. */
/** A source's turns in the normalised model: turn, speaker, role, case,
 *  lines, start and end times, code-point offsets, text. */
int fw_source_turns(fw_table **out, fw_project *p, const char *name,
		    fw_error *err);

int fw_source_list(fw_table **out, fw_project *p, fw_error *err);

/** Remove a source with its turns, speakers, codings and the references
 *  chart cells make to it; *codings and *refs say how many went. */
int fw_source_remove(fw_project *p, const char *name, int *codings, int *refs,
		     fw_error *err);
/** Give a source another name (unique in the project). */
int fw_source_rename(fw_project *p, const char *name, const char *to,
		     fw_error *err);

#endif
