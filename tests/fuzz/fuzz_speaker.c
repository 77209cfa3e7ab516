/* fuzz_speaker.c: --speaker-pattern, the researcher's own regex for
 * speaker labels, over a transcript: the input is the pattern, a NUL, and
 * the text.  A pattern that cannot be used is an error with a message;
 * one that can yields turns inside the text. */
#include "fw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, 0, size);
	if (!nul || (size_t)(nul - (const char *)data) > 512)
		return 0;
	const char *text = nul + 1;
	size_t tlen = size - (size_t)(text - (const char *)data);
	fw_ingest_opts o = {0};
	o.speaker_pattern = (const char *)data;
	o.allow_cp1252 = 1;
	o.format = FW_TF_TXT;
	fw_transcript *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	if (fw_transcript_parse(&t, text, tlen, "fuzz.txt", &o, &e)) {
		if (!e.msg[0])
			__builtin_trap();
		return 0;
	}
	for (size_t k = 0; k < t->nturns; k++)
		if (t->turns[k].bend < t->turns[k].bstart ||
		    t->turns[k].bend > t->len)
			__builtin_trap();
	fw_transcript_free(t);
	return 0;
}
