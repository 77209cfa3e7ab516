/* fuzz_qdpx.c: the REFI-QDA project XML inside a valid archive (the
 * input is the project.qde; the zip around it, with one plain-text source
 * and one PDF-less document, is always well-formed), so the fuzzer's
 * mutations reach the project reader rather than stopping at the zip. */
#include "project_fuzz.h"
#include "zipio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_project *p = pf_project();
	static const char text[] =
		"INTERVIEWER: And the letter?\nJo: I was worried about it.\n";
	fw_zip_part parts[] = {
		{.name = "project.qde", .data = (const char *)data, .len = size},
		{.name = "sources/AAAAAAAA-0000-7000-8000-000000000001.txt",
		 .data = text,
		 .len = sizeof text - 1}};
	fw_error e;
	fw_error_clear(&e);
	pf_write(NULL, 0);
	if (fw_zip_write(pf_file, parts, 2, &e))
		__builtin_trap();
	if (fw_project_begin(p, &e))
		__builtin_trap();
	fw_refi_result r;
	int rc = fw_refi_import(&r, p, pf_file, &e);
	fw_refi_result_dispose(&r);
	pf_check(rc, &e);
	fw_project_rollback(p);
	return 0;
}
