/* fuzz_csv.c: the RFC 4180 CSV reader used for classification sheets and
 * cell imports. */
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
	fw_csv *c;
	fw_error e;
	if (fw_csv_open_mem(&c, (const char *)data, size, "fuzz", &e))
		return 0;
	char **f;
	size_t n;
	int line, rc, prev = 0;
	while ((rc = fw_csv_next(&f, &n, &line, c, &e)) == 1) {
		if (n == 0 || line < prev)
			__builtin_trap();
		for (size_t i = 0; i < n; i++)
			(void)strlen(f[i]);
		prev = line;
	}
	fw_csv_free(c);
	return 0;
}
