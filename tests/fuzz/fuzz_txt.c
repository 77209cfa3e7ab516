/* fuzz_txt.c: the plain-text transcript parser. */
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
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.allow_cp1252 = size & 1;
	o.group = (size >> 1) & 1;
	fw_transcript *t = NULL;
	fw_error e;
	if (fw_transcript_parse_txt(&t, (const char *)data, size, "fuzz", &o,
				    &e) == 0) {
		/* the model's invariants */
		for (size_t k = 0; k < t->nturns; k++) {
			const fw_turn *u = &t->turns[k];
			if (u->bstart > u->bend || u->bend > t->len ||
			    u->start > u->end || u->end > t->chars ||
			    u->line_start > u->line_end ||
			    u->line_end > t->lines)
				__builtin_trap();
			if (k && t->turns[k - 1].bend > u->bstart)
				__builtin_trap();
		}
		fw_transcript_free(t);
	}
	return 0;
}
