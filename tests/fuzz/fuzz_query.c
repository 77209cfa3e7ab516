/* fuzz_query.c: what analysts type against a project: retrieve
 * expressions, matrix specs, case filters, search strings, sample table
 * specs.  The first byte picks the parser, the rest is its text (lines
 * split where a parser takes two). */
#include "project_fuzz.h"
#include "fw/query.h"
#include "fw/sample.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	fw_project *p = pf_project();
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	if (strlen(s) != size - 1) { /* NUL inside: not what a user types */
		free(s);
		return 0;
	}
	char *two = strchr(s, '\n');
	if (two)
		*two++ = 0;
	const char *where[1] = {two ? two : s};
	fw_table *t = NULL;
	fw_error e;
	fw_error_clear(&e);
	int rc = 0, coded = 0, multi = 0;
	switch (data[0] % 6) {
	case 0: {
		fw_retrieve_opts o = {.expr = s, .context = data[0] >> 6};
		rc = fw_query_retrieve(&t, p, &o, &e);
		break;
	}
	case 1: {
		fw_matrix_opts o = {.rows = s, .cols = two ? two : "*"};
		o.count = (data[0] >> 3) % 3;
		rc = fw_query_matrix(&t, p, &o, &e);
		break;
	}
	case 2: {
		fw_retrieve_opts o = {.expr = "1.1", .where = where, .nwhere = 1};
		rc = fw_query_retrieve(&t, p, &o, &e);
		break;
	}
	case 3: {
		fw_search_opts o = {.query = s, .speaker = two};
		rc = fw_query_search(&t, &coded, p, &o, &e);
		break;
	}
	case 4: {
		const char *rows[1] = {s};
		rc = fw_sample_table(&t, &multi, p, rows, 1, two, data[0] >> 7,
				     0, NULL, 0, &e);
		break;
	}
	default: {
		fw_matrix_opts o = {.rows = "*", .cols = s, .where = where,
				    .nwhere = two ? 1 : 0};
		o.cell_row = 1;
		o.cell_col = 1;
		rc = fw_query_matrix(&t, p, &o, &e);
		break;
	}
	}
	pf_check(rc, &e);
	fw_table_free(t);
	free(s);
	return 0;
}
