/* fuzz_refi.c: the REFI-QDA reader (.qdpx zips, .qde projects, .qdc
 * codebooks), importing into an in-memory project whose transaction is
 * rolled back after each input. */
#include "fw.h"
#include "csv.h"
#include "escape.h"
#include "fileio.h"
#include "guid.h"
#include "sha256.h"
#include "timefmt.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fw_project *proj;
static char path[64];

static void done(void)
{
	fw_project_free(proj);
	if (path[0])
		unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_error e;
	if (!proj) {
		if (fw_project_create(&proj, ":memory:", &e))
			__builtin_trap();
		snprintf(path, sizeof path, "/tmp/charter-fuzz-refi-%d",
			 (int)getpid());
		atexit(done);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (fw_project_begin(proj, &e))
		__builtin_trap();
	fw_refi_result r;
	fw_refi_import(&r, proj, path, &e);
	fw_refi_result_dispose(&r);
	fw_project_rollback(proj);
	return 0;
}
