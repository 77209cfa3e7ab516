/* fuzz_sheets.c: the sheets a researcher imports into a project: the
 * classification sheet (cases import), chart summaries (cell import of a
 * CSV) and the id CSV a chart export writes; each in a transaction
 * rolled back. */
#include "project_fuzz.h"
#include "fw/cell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_project *p = pf_project();
	const char *path = pf_write(data, size);
	fw_error e;
	for (int k = 0; k < 3; k++) {
		fw_error_clear(&e);
		if (fw_project_begin(p, &e))
			__builtin_trap();
		int rc, count = 0;
		fw_diags dg = {0};
		if (k == 0) {
			fw_cases_result r;
			rc = fw_cases_import(&r, p, path, &e);
		} else if (k == 1) {
			rc = fw_cell_import(&count, &dg, p, path, &e);
		} else {
			fw_xlsx_result r;
			rc = fw_cell_import_idcsv(&r, p, path, 0, &e);
			fw_diags_dispose(&r.diags);
		}
		fw_diags_dispose(&dg);
		pf_check(rc, &e);
		fw_project_rollback(p);
	}
	return 0;
}
