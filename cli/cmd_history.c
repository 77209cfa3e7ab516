/*
 * cmd_history.c: charter log (the project's history), undo and redo.
 */
#include "cli.h"
#include "fw/history.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_log(cli *c, int argc, char **argv)
{
	int fmt = FW_FMT_TEXT, last = 0, carried = 0;
	cli_opt opts[] = {OPT_FORMAT(fmt),
			  {OPT_INT, "last", &last, "N",
			   "only the newest N entries", 0, 1, 100000000},
			  {OPT_FLAG, "carried", &carried, 0,
			   "the history merged projects brought", 0, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("log"), opts, argc, argv);
	JOB_OPEN(j, c, JOB_READ);
	fw_table *t = NULL;
	return job_print(&j,
			 carried ? fw_history_carried(&t, j.p, &j.e)
				 : fw_history_list(&t, j.p, last, &j.e),
			 &t, fmt);
}

/* What undo or redo did, an entry a line. */
static int said(cli_job *j, int rc, fw_table *t, const char *did)
{
	if (!(rc = job_close(j, rc)))
		for (size_t i = 0; i < t->nrows; i++)
			printf("%s entry %s: %s (%s)\n", did,
			       fw_table_cell(t, i, 0), fw_table_cell(t, i, 1),
			       fw_table_cell(t, i, 2));
	fw_table_free(t);
	return rc;
}

int cmd_undo(cli *c, int argc, char **argv)
{
	const char *entry = NULL, *coder = NULL;
	int only = 0, mine = 0;
	cli_opt opts[] = {{OPT_FLAG, "only", &only, 0,
			   "undo entry N alone, keeping the later entries", 0,
			   0, 0},
			  {OPT_FLAG, "mine", &mine, 0,
			   "undo the coder's own newest entry, whoever "
			   "changed the project since",
			   0, 0, 0},
			  OPT_CODER(coder),
			  {OPT_ARG, "[N]", &entry, 0, 0, 0, 0, 0},
			  {0}};
	PARSE(cli_cmd_find("undo"), opts, argc, argv);
	long long n = 0;
	if (entry) {
		char *end;
		n = strtoll(entry, &end, 10);
		if (*end || n <= 0)
			return die("'%s' is not a history entry (charter log "
				   "lists them)",
				   entry);
	} else if (only) {
		return die("--only needs an entry: charter undo --only N");
	}
	if (mine && entry)
		return die("--mine takes no entry: it undoes the coder's "
			   "newest");
	JOB_OPEN(j, c, JOB_OWN);
	fw_table *t = NULL;
	int rc = mine ? fw_history_undo_mine(&t, j.p, coder, &j.e)
		      : fw_history_undo(&t, j.p, n, only, coder, &j.e);
	return said(&j, rc, t, "undid");
}

int cmd_redo(cli *c, int argc, char **argv)
{
	const char *coder = NULL;
	cli_opt opts[] = {OPT_CODER(coder), {0}};
	PARSE(cli_cmd_find("redo"), opts, argc, argv);
	JOB_OPEN(j, c, JOB_OWN);
	fw_table *t = NULL;
	int rc = fw_history_redo(&t, j.p, coder, &j.e);
	return said(&j, rc, t, "redid");
}
