/*
 * fw/refi.h: REFI-QDA interchange: .qdc codebooks and .qdpx projects in and
 * out.
 */
#ifndef FW_REFI_H
#define FW_REFI_H

#include "fw/common.h"
#include "fw/project.h"

typedef struct fw_refi_counts {
	int codes, sources, cases, variables, codings, summaries, users, memos;
	int rules;
	int suggestions; /* not counted (pending or rejected): charter's own */
} fw_refi_counts;

/** What an import brought in, matched, and left out. */
typedef struct fw_refi_result {
	int codes, codes_matched, sources, sources_matched, sources_dropped;
	int cases, cases_matched, variables, values, users;
	int codings, codings_matched, codings_duplicate;
	int summaries, rules, memos;
	int refs_missing, selections_uncoded, selections_empty,
		selections_snapped;
	int case_refs_dropped, units_utf16;
	int codings_lost; /* codings of sources whose text was not there */
	fw_diags diags; /* a note per kind of thing left out (FW_DIAG_NOTE),
			   a warning per doubt (position units, renames) */
	long long *code_ids; /* the project's codes the file held, added or */
	size_t ncode_ids;    /* matched by GUID */
} fw_refi_result;

/** Import a .qdpx, .qde or .qdc into the project (inside the caller's
 *  transaction), matching by GUID what the project already holds. */
int fw_refi_import(fw_refi_result *res, fw_project *p, const char *path,
		   fw_error *err);

void fw_refi_result_dispose(fw_refi_result *r);

/** The codebook as a REFI-QDA .qdc document (UTF-8, no BOM). */
int fw_refi_codebook(fw_buf *out, fw_project *p, fw_error *err);

/** Write the project as a .qdpx (project.qde and sources/GUID.txt). */
int fw_refi_export(fw_refi_counts *counts, fw_project *p, const char *path,
		   fw_error *err);

/** The project.qde document alone, with a fixed date (for tests). */
int fw_refi_project_xml(fw_buf *out, fw_project *p, fw_error *err);

#endif
