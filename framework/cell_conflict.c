/*
 * cell_conflict.c: summaries a merge could not reconcile, kept beside the
 * cell's own until a researcher resolves them.
 */
#include "store.h"

#include "fw/cell.h"
#include "fw/codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fw_cell_conflicts(fw_table **out, fw_project *p, const char *case_name,
		      const char *code, fw_error *err)
{
	static const char *const cols[] = {"case",   "code",      "n",
					   "coder",  "came_from", "updated",
					   "summary"};
	*out = NULL;
	long long cid = 0, kid = 0;
	int rc;
	if (case_name &&
	    (rc = fw_find_id(&cid, p, FW_Q_CASE_ID, case_name, "case", err)))
		return rc;
	if (code && (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	rc = fw_table_query(
		out, p, err, cols, 7,
		"SELECT c.name, k.number, row_number() OVER (PARTITION BY "
		"f.case_id, f.code_id ORDER BY f.id), coalesce(w.name, ''), "
		"f.came_from, f.updated_at, f.summary FROM cell_conflict f "
		"JOIN \"case\" c ON c.id = f.case_id JOIN code k ON k.id = "
		"f.code_id LEFT JOIN coder w ON w.id = f.coder_id WHERE (?1 = "
		"0 OR f.case_id = ?1) AND (?2 = 0 OR f.code_id = ?2) ORDER BY "
		"c.sort, c.id, k.sort, f.id",
		"ii", cid, kid);
	if (!rc)
		fw_table_numeric(*out, 2);
	return rc;
}

int fw_cell_resolve(fw_diags *diags, fw_project *p, const char *case_name,
		    const char *code, int take, const char *text,
		    const char *coder, fw_error *err)
{
	long long cid, kid;
	int rc;
	if ((rc = fw_find_id(&cid, p, FW_Q_CASE_ID, case_name, "case", err)) ||
	    (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	long n = (long)fw_query_int(p, 0,
				    "SELECT count(*) FROM cell_conflict WHERE "
				    "case_id = ?1 AND code_id = ?2",
				    "ii", cid, kid);
	if (!n)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "%s %s has no conflicting summaries to "
				    "resolve",
				    case_name, code);
	if (take < 0 || take > n)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s %s has %ld conflicting summar%s: take "
				    "1%s",
				    case_name, code, n, n == 1 ? "y" : "ies",
				    n == 1 ? "" : " to the last");
	char *summary = NULL, *agreement = NULL;
	if (take) {
		sqlite3_stmt *st;
		if ((rc = fw_query(&st, p, err,
				   "SELECT summary, agreement FROM "
				   "cell_conflict WHERE case_id = ?1 AND "
				   "code_id = ?2 ORDER BY id LIMIT 1 OFFSET ?3",
				   "iin", cid, kid, take - 1)))
			return rc;
		if (fw_row(p, st))
			fw_columns(st, "tt", &summary, &agreement);
		sqlite3_finalize(st);
	}
	/* the summary chosen (or written) becomes the cell's; keeping this
	 * project's changes the cell not at all */
	if (text || take)
		rc = fw_cell_set(diags, p, case_name, code,
				 text ? text : summary, text ? NULL : agreement,
				 coder, err);
	free(summary);
	free(agreement);
	if (!rc)
		rc = fw_run(p, err, "resolving a cell", NULL,
			    "DELETE FROM cell_conflict WHERE case_id = ?1 AND "
			    "code_id = ?2",
			    "ii", cid, kid);
	return rc;
}
