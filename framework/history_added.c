/*
 * history_added.c: rows a bulk writer adds, kept in the history by range
 * rather than row by row.  Auto-coding adds a coding for every rule hit
 * (millions on a large study); recording each in the verb's changeset
 * would write every coding twice, once in its table and once in the
 * history.  Instead the bulk writer turns the session off while it adds
 * them (fw_history_bulk) and says which ids it added (fw_history_added);
 * the entry keeps the range and the number of rows (history_added,
 * schema 20).
 *
 * Auto-coding's and import's codings are recorded so, and an ingest's or
 * import's transcripts and their turns (the texts would otherwise be
 * stored twice).
 * Coding ids are AUTOINCREMENT, never given twice; a source's or turn's
 * id can be given again, but only once the row that had it is removed, by
 * an entry the check below finds.  So only entries after the one that added
 * a range can have touched its rows.
 * Undo refuses, as for a changeset's conflict, when some are gone or when
 * an entry in effect since (not undone, not an undo or redo: those only
 * take entries' changes away and back) changed one, naming that entry.
 * (So a change made to those rows outside charter, with sqlite3 on the
 * file, is not seen.)  Then it deletes them with the session on, so the
 * undo's own changeset holds them whole and a redo puts them back as they
 * were.  The entry's changeset is undone first: a writer may change rows
 * it added later in the same verb (import sets a suggestion's reviewer),
 * and its changeset holds that change, undone before the rows go.
 */
#define SQLITE_ENABLE_SESSION        1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "store.h"
#include "alloc.h"
#include "errors.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables a range may name (the name goes into SQL). */
static const char *const bulk_tables[] = {"coding", "source", "utterance"};
static const char *const bulk_words[] = {"codings", "sources", "turns"};

/* Table t's place in bulk_tables, -1 if it is not one. */
static int bulk_table(const char *t)
{
	for (size_t i = 0; i < sizeof bulk_tables / sizeof *bulk_tables; i++)
		if (!strcmp(t, bulk_tables[i]))
			return (int)i;
	return -1;
}

/* How many rows of table (one of bulk_tables) have ids in [lo, hi]. */
static long long range_rows(fw_project *p, const char *table, long long lo,
			    long long hi, long long none)
{
	char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE rowid "
				    "BETWEEN ?1 AND ?2",
				    table);
	long long n = fw_query_int(p, none, sql, "II", lo, hi);
	sqlite3_free(sql);
	return n;
}

void fw_history_bulk(fw_project *p, int on)
{
	if (p->session)
		sqlite3session_enable(p->session, on);
}

void fw_history_added(fw_project *p, const char *table, long long lo,
		      long long hi)
{
	if (!p->session || hi < lo || bulk_table(table) < 0)
		return;
	/* the table's range this one continues (an ingest adds a source,
	 * its turns, the next source, its turns...) */
	for (size_t i = p->nadded; i-- > 0;)
		if (!strcmp(p->added[i].table, table) &&
		    p->added[i].hi + 1 == lo) {
			p->added[i].hi = hi;
			return;
		}
	p->added = fw_xgrow(p->added, &p->addcap, p->nadded + 1,
			    sizeof *p->added, 4);
	fw_added *a = &p->added[p->nadded++];
	snprintf(a->table, sizeof a->table, "%s", table);
	a->lo = lo;
	a->hi = hi;
}

void fw_added_drop(fw_project *p)
{
	free(p->added);
	p->added = NULL;
	p->nadded = p->addcap = 0;
}

int fw_added_write(fw_project *p, long long entry, size_t *rows, fw_error *err)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < p->nadded; i++) {
		const fw_added *a = &p->added[i];
		long long n = range_rows(p, a->table, a->lo, a->hi, 0);
		if (n > 0)
			rc = fw_run(
				p, err, "recording the history", NULL,
				"INSERT INTO history_added(entry, seq, tab, "
				"lo, hi, n) VALUES(?,?,?,?,?,?)",
				"iitIII", entry, (int)i, a->table, a->lo, a->hi,
				n);
		*rows += n > 0 ? (size_t)n : 0;
	}
	fw_added_drop(p);
	return rc;
}

long long fw_added_rows(fw_project *p, long long entry)
{
	return fw_query_int(p, 0,
			    "SELECT coalesce(sum(n), 0) FROM history_added "
			    "WHERE entry=?",
			    "i", entry);
}

/* One range undone: checked, then deleted a window at a time, each
 * window's deletions flushed into the undo's entry as a part (so the
 * undo's session never holds more than a window of rows). */
static int undo_range(fw_project *p, long long entry, const char *verb,
		      const char *table, long long lo, long long hi,
		      long long n, fw_error *err)
{
	long long now = range_rows(p, table, lo, hi, -1);
	char by[600];
	int changed =
		fw_history_who_changed(by, sizeof by, p, entry, table, lo, hi);
	const char *what = bulk_words[bulk_table(table)];
	if (now != n)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "cannot undo entry %lld (%s): %lld of the "
				    "%lld %s it added (ids %lld-%lld) have "
				    "been removed since%s",
				    entry, verb, n - now, n, what, lo, hi, by);
	if (changed)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "cannot undo entry %lld (%s): %s it added "
				    "(ids %lld-%lld) have been changed since%s",
				    entry, verb, what, lo, hi, by);
	/* a window of rows; of transcripts, a few (each holds its text) */
	long long step = p->history_part > 0 ? p->history_part : 100000;
	if (!strcmp(table, "source") && step > 8)
		step = 8;
	char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE rowid BETWEEN "
				    "?1 AND ?2",
				    table);
	int rc = 0;
	for (long long a = lo; !rc && a <= hi; a += step) {
		long long b = hi - a < step ? hi : a + step - 1;
		rc = fw_run(p, err, "undoing", NULL, sql, "II", a, b);
		rc = rc ? rc : fw_history_flush(p, err);
	}
	sqlite3_free(sql);
	return rc;
}

int fw_added_undo(fw_project *p, long long entry, const char *verb,
		  fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT tab, lo, hi, n FROM "
			  "history_added WHERE entry=? ORDER BY seq DESC",
			  "i", entry);
	if (rc)
		return rc;
	while (!rc && fw_row(p, st)) {
		const char *tab = (const char *)sqlite3_column_text(st, 0);
		if (!tab || bulk_table(tab) < 0)
			continue;
		char table[24];
		snprintf(table, sizeof table, "%s", tab);
		rc = undo_range(p, entry, verb, table,
				sqlite3_column_int64(st, 1),
				sqlite3_column_int64(st, 2),
				sqlite3_column_int64(st, 3), err);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}
