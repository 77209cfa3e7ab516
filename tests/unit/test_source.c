/*
 * test_source.c: storing sources: duplicates by content, names.
 */
#include "testutil.h"

static void test_duplicate_ingest_and_names(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_ingest_opts o = {0};
	fw_ingest_result r;
	/* the same bytes again: detected by hash, nothing added */
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2.txt"), &o, &e), 0);
	assert_int_equal(r.duplicate, 1);
	assert_string_equal(r.name, "c2.txt");
	/* different bytes, same name: refused */
	TU_WRITE_STR(tu_path("c2b.txt"), "Q: Other?\n");
	o.name = "c2.txt";
	assert_int_equal(
		fw_source_ingest(&r, NULL, p, tu_path("c2b.txt"), &o, &e),
		FW_EEXISTS);
	assert_non_null(strstr(e.msg, "--name"));
}

TU_MAIN(TU_MINI(test_duplicate_ingest_and_names));
