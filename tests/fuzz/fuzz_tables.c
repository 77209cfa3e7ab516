/* fuzz_tables.c: the tables file parser (the sample tables a report
 * prints): every input parses or fails with a message, and what parses
 * holds tables with rows and numbers. */
#include "report.h"
#include "tables.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_tdefs t;
	fw_error e;
	memset(&e, 0, sizeof e);
	if (rp_tables_parse(&t, (const char *)data, size, "fuzz", &e)) {
		if (!e.msg[0] || t.n || t.v)
			__builtin_trap(); /* says why, keeps nothing */
		return 0;
	}
	for (size_t i = 0; i < t.n; i++) {
		const rp_tdef *d = &t.v[i];
		if (!d->number || !d->nrows || d->nrows > RP_TABLE_ROWS)
			__builtin_trap();
		fw_sample_opts o;
		rp_tdef_opts(d, &o);
		if (o.nrows != d->nrows || !o.rows[0].name)
			__builtin_trap();
		char *cap = rp_tdef_caption(d, NULL);
		if (strncmp(cap, "Table ", 6))
			__builtin_trap();
		free(cap);
	}
	/* a --table spec over the same bytes */
	char spec[600];
	size_t n = size < sizeof spec - 1 ? size : sizeof spec - 1;
	memcpy(spec, data, n);
	spec[n] = 0;
	rp_tables_add_spec(&t, spec, &e);
	rp_tables_dispose(&t);
	return 0;
}
