/* fuzz_codebook.c: the native codebook parser. */
#include "fw.h"
#include "csv.h"
#include "escape.h"
#include "fileio.h"
#include "guid.h"
#include "sha256.h"
#include "timefmt.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_codebook *cb = NULL;
	fw_error e;
	if (fw_codebook_parse(&cb, (const char *)data, size, "fuzz", &e) == 0) {
		for (size_t i = 0; i < cb->nthemes; i++)
			if (!cb->themes[i].number || !cb->themes[i].name ||
			    cb->themes[i].depth < 1)
				__builtin_trap();
		fw_codebook_free(cb);
	} else if (e.msg[0] == 0) {
		__builtin_trap(); /* every failure says why */
	}
	return 0;
}
