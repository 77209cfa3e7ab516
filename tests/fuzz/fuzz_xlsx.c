/* fuzz_xlsx.c: an edited chart workbook (cell import of an .xlsx): the
 * zip, its shared strings, workbook, relationships and sheets, read into
 * the study and rolled back. */
#include "project_fuzz.h"
#include "fw/cell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_project *p = pf_project();
	const char *path = pf_write(data, size);
	fw_error e;
	fw_error_clear(&e);
	if (fw_project_begin(p, &e))
		__builtin_trap();
	fw_xlsx_result r;
	int rc = fw_cell_import_xlsx(&r, p, path, size && (data[0] & 1), &e);
	fw_diags_dispose(&r.diags);
	pf_check(rc, &e);
	fw_project_rollback(p);
	return 0;
}
