/*
 * project_fuzz.h: the small golden study as a project, made once per fuzz
 * process (from tests/golden/fixtures, run from the top of the tree) for
 * the targets whose input is read against a project: queries, sheets,
 * workbooks, archives.  Each input's changes are rolled back.
 */
#ifndef CHARTER_PROJECT_FUZZ_H
#define CHARTER_PROJECT_FUZZ_H

#include "fw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PF_FX "tests/golden/fixtures/"

static fw_project *pf_proj;
static char pf_path[64], pf_file[64];

static void pf_done(void)
{
	fw_project_free(pf_proj);
	if (pf_path[0]) {
		char side[96];
		unlink(pf_path);
		snprintf(side, sizeof side, "%s-wal", pf_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", pf_path);
		unlink(side);
	}
	if (pf_file[0])
		unlink(pf_file);
}

/* The study: cases, three transcripts, the codebook, its codings
 * accepted, a summary in one cell.  Traps when it cannot be made (that is
 * charter's failure, not the input's). */
static inline fw_project *pf_project(void)
{
	if (pf_proj)
		return pf_proj;
	fw_error e;
	snprintf(pf_path, sizeof pf_path, "/tmp/charter-fuzz-%d.charter",
		 (int)getpid());
	snprintf(pf_file, sizeof pf_file, "/tmp/charter-fuzz-%d.in",
		 (int)getpid());
	unlink(pf_path);
	atexit(pf_done);
	fw_cases_result cr;
	fw_codebook_result cb;
	fw_ingest_result ir;
	fw_autocode_result ar = {0};
	fw_ingest_opts o = {0};
	fw_ingest_opts og = {0};
	og.group = 1;
	og.case_name = "G1";
	if (fw_project_create(&pf_proj, pf_path, &e) ||
	    fw_project_begin(pf_proj, &e) ||
	    fw_cases_import(&cr, pf_proj, PF_FX "cases.csv", &e) ||
	    (o.case_name = "C01",
	     fw_source_ingest(&ir, NULL, pf_proj, PF_FX "c01.txt", &o, &e)) ||
	    (o.case_name = "C02",
	     fw_source_ingest(&ir, NULL, pf_proj, PF_FX "c02.txt", &o, &e)) ||
	    fw_source_ingest(&ir, NULL, pf_proj, PF_FX "g1.txt", &og, &e) ||
	    fw_codebook_import(&cb, pf_proj, PF_FX "codebook.txt", &e) ||
	    fw_autocode_run(&ar, pf_proj, 0, &e) ||
	    fw_search_index_update(pf_proj, &e) ||
	    fw_project_commit(pf_proj, &e)) {
		fprintf(stderr, "fuzz: the study: %s\n", e.msg);
		__builtin_trap();
	}
	fw_table_free(ar.per_code);
	return pf_proj;
}

/* The input as a file (for the readers that take a path). */
static inline const char *pf_write(const uint8_t *data, size_t size)
{
	pf_project();
	FILE *f = fopen(pf_file, "wb");
	if (!f)
		__builtin_trap();
	if (size && fwrite(data, 1, size, f) != size)
		__builtin_trap();
	fclose(f);
	return pf_file;
}

/* Every failure says why (an error with a message); what succeeded or
 * failed is undone. */
static inline void pf_check(int rc, const fw_error *e)
{
	if (rc && !e->msg[0])
		__builtin_trap();
}

#endif
