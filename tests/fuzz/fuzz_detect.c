/* fuzz_detect.c: format detection, the first thing ingest does with any
 * file: the same bytes under each name a researcher might give them, the
 * format charter picks, and that reader on them. */
#include "fw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"t.txt", "t.docx", "t.odt",  "t.vtt", "t.srt",	   "t.eaf",
		"t.trs", "t.tei",  "t.html", "t.md",  "t.TextGrid", "t.json",
		"t.cha", "t.tsv",  "t.rtf",  "t.pdf", "t",	   "t.xml"};
	const char *name = names[size ? data[0] % (sizeof names /
						    sizeof *names)
				      : 0];
	int f = fw_format_detect((const char *)data, size, name);
	/* -1: no transcript format; -2: XML of another kind */
	if (f < -2 || f >= FW_TF_N)
		__builtin_trap();
	fw_ingest_opts o = {0};
	o.allow_cp1252 = 1;
	fw_transcript *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	if (fw_transcript_parse(&t, (const char *)data, size, name, &o, &e)) {
		if (!e.msg[0])
			__builtin_trap();
		return 0;
	}
	fw_transcript_free(t);
	return 0;
}
