/*
 * test_cell.c: coding by hand, cell summaries and their checks, and the
 * chart and report data they make.
 */
#include "testutil.h"

static void test_manual_coding_chart_and_cells(void **s)
{
	fw_project *p = *s;
	fw_error e;
	fw_autocode_result r;
	assert_int_equal(fw_autocode_run(&r, p, 0, &e), 0);
	fw_table_free(r.per_code);
	tu_accept_all(p);
	long long id;
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 9, 11, "1.2", "ann", &e), 0);
	/* out of range, unknown case, unknown code */
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 5, 12, "1.2", NULL, &e),
		FW_EINVAL);
	assert_non_null(strstr(e.msg, "lines 1-11"));
	assert_int_equal(
		fw_code_lines(&id, p, "NOPE", NULL, 1, 2, "1.2", NULL, &e),
		FW_ENOTFOUND);
	assert_int_equal(
		fw_code_lines(&id, p, "C2", NULL, 1, 2, "9.9", NULL, &e),
		FW_ENOTFOUND);
	/* a case without a transcript */
	assert_int_equal(
		fw_code_lines(&id, p, "S1", NULL, 1, 2, "1.2", NULL, &e),
		FW_ENOTFOUND);
	/* offsets */
	assert_int_equal(fw_code_span(&id, p, "c2.txt", 0, 12, "2", NULL, &e),
			 0);
	assert_int_equal(fw_code_span(&id, p, "c2.txt", 5, 5000, "2", NULL, &e),
			 FW_EINVAL);

	fw_diags dg = {0};
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Worried by the letter (L5*, L7)", NULL,
				     "ann", &e),
			 0);
	assert_int_equal(dg.n, 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1", "See L3",
				     NULL, NULL, &e),
			 0);
	assert_non_null(tu_diag(&dg, "not coded to 1.1: L3"));
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Worried by the letter (L5*, L7)", NULL,
				     "ann", &e),
			 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.1",
				     "Beyond the end L10-40", NULL, NULL, &e),
			 FW_EINVAL);
	assert_non_null(strstr(e.msg, "outside C2's transcript (11 lines)"));
	/* agreement: only for groups, and single: names a participant */
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "C2", "1.2", "x",
				     "consensus", NULL, &e),
			 FW_EINVAL);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1",
				     "Letters confuse (L3*)", "single:Janet",
				     NULL, &e),
			 0);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1", "x",
				     "single:Facilitator", NULL, &e),
			 FW_EINVAL);
	assert_int_equal(fw_cell_set(tu_fresh(&dg), p, "G1", "1.1", "x", "most",
				     NULL, &e),
			 FW_EINVAL);

	fw_table *t;
	const char *sort[] = {"district"};
	fw_chart_opts o = {.sort = sort, .nsort = 1};
	assert_int_equal(fw_chart_build(&t, p, "1", &o, &e), 0);
	assert_int_equal(t->ncols, 4);
	assert_string_equal(t->cols[2], "1.1 Letters");
	assert_string_equal(t->cols[3], "1.2 Advisers");
	/* staff first (first in the sheet), district A before B, then names in
	 * natural order; clients C2 (A) before C10 (B) */
	const char *want[][2] = {{"staff", NULL},  {"G1", "staff"},
				 {"S2", "staff"},  {"S1", "staff"},
				 {"client", NULL}, {"C2", "client"},
				 {"C10", "client"}};
	assert_int_equal(t->nrows, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(t->rows[i][0], want[i][0]);
	assert_int_equal(t->kinds[0], FW_ROW_GROUP);
	assert_string_equal(t->rows[5][2], "Worried by the letter (L5*, L7)");
	/* references where no summary: rule coding L11 and the manual L9-11 */
	assert_string_equal(t->rows[5][3], "L9-11");
	/* a group row shows how the group held the view */
	assert_string_equal(t->rows[1][2],
			    "Letters confuse (L3*) [single:Janet]");
	assert_null(t->rows[2][2]);
	fw_table_free(t);
	/* --refs shows references even where summarised */
	fw_chart_opts o2 = {.refs_only = 1};
	assert_int_equal(fw_chart_build(&t, p, "1", &o2, &e), 0);
	assert_string_equal(t->rows[5][2], "L5, L7");
	fw_table_free(t);
	/* a sub-theme is not charted; a theme without sub-themes is one column
	 */
	assert_int_equal(fw_chart_build(&t, p, "1.1", NULL, &e), FW_EINVAL);
	assert_int_equal(fw_chart_build(&t, p, "2", NULL, &e), 0);
	assert_int_equal(t->ncols, 3);
	assert_string_equal(t->rows[5][2], "L1");
	fw_table_free(t);
	assert_int_equal(
		fw_chart_build(
			&t, p, "1",
			&(fw_chart_opts){.sort = (const char *[]){"nope"},
					 .nsort = 1},
			&e),
		FW_ENOTFOUND);

	/* report data: staff group, theme 1 */
	fw_rdata *d;
	assert_int_equal(fw_rdata_load(&d, p, "actor_group", &e), 0);
	assert_string_equal(d->themes[0].number, "1");
	assert_int_equal(d->themes[0].n, 2);
	int staff = 0, coded = 0, summaries = 0;
	const char *agreement = NULL;
	for (size_t i = 0; i < d->ncases; i++) {
		if (!d->cases[i].group || strcmp(d->cases[i].group, "staff"))
			continue;
		staff++;
		coded += d->cells[i * d->ncodes + d->themes[0].first].codings >
			 0;
		for (size_t k = d->themes[0].first;
		     k < d->themes[0].first + d->themes[0].n; k++)
			if (d->cells[i * d->ncodes + k].summary) {
				summaries++;
				agreement =
					d->cells[i * d->ncodes + k].agreement;
			}
	}
	assert_int_equal(coded, 1);
	assert_int_equal(staff, 3);
	assert_int_equal(summaries, 1);
	assert_string_equal(agreement, "single:Janet");
	fw_rdata_free(d);
}

/* Coding the exact words of a quote: found across a line break, refused
 * with the lines when they stand twice, refused when absent; a theme with
 * sub-themes takes none; a coding removed by its id. */
static void test_quote_and_remove(void **s)
{
	fw_project *p = *s;
	fw_error e;
	long long id = 0;
	assert_int_equal(fw_project_begin(p, &e), 0);
	assert_int_equal(fw_code_quote(&id, p, "C2", NULL,
				       "go in. I   was worried.", "1.2", NULL,
				       &e),
			 0);
	fw_table *t;
	assert_int_equal(fw_coding_list(&t, p, "C2", "1.2", &e), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][3], "L5");
	assert_string_equal(t->rows[0][8], "go in. I was worried.");
	fw_table_free(t);
	assert_int_equal(
		fw_code_quote(&id, p, "C2", NULL, "letter", "1.1", NULL, &e),
		FW_EINVAL);
	assert_non_null(strstr(e.msg, "stand 4 times"));
	assert_non_null(strstr(e.msg, "L3, L5"));
	assert_int_equal(
		fw_code_quote(&id, p, "C2", NULL, "a parrot", "1.1", NULL, &e),
		FW_ENOTFOUND);
	assert_int_equal(fw_code_lines(&id, p, "C2", NULL, 5, 5, "1", NULL, &e),
			 FW_EINVAL);
	assert_non_null(strstr(e.msg, "1.1, 1.2"));
	/* a theme with no sub-themes takes codings */
	assert_int_equal(fw_code_lines(&id, p, "C2", NULL, 7, 7, "2", NULL, &e),
			 0);
	/* a whole turn: the respondent's answer, label left out */
	long long tid;
	assert_int_equal(fw_code_turn(&tid, p, "C2", NULL, 3, "1.2", NULL, &e),
			 0);
	assert_int_equal(fw_coding_list(&t, p, "C2", "1.2", &e), 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0][3], "L5-7");
	assert_int_equal(strncmp(t->rows[0][8], "I got a letter.", 15), 0);
	fw_table_free(t);
	assert_int_equal(fw_code_turn(&tid, p, "C2", NULL, 99, "1.2", NULL, &e),
			 FW_EINVAL);
	assert_int_equal(fw_coding_remove(p, id, &e), 0);
	assert_int_equal(fw_coding_remove(p, id, &e), FW_ENOTFOUND);
	assert_int_equal(fw_coding_list(&t, p, "C2", "2", &e), 0);
	assert_int_equal(t->nrows, 0);
	fw_table_free(t);
	fw_project_rollback(p);
}

TU_MAIN(TU_MINI(test_manual_coding_chart_and_cells),
	TU_MINI(test_quote_and_remove));
