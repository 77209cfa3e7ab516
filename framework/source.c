/*
 * source.c: storing transcripts (sources), their speakers and turns.
 */
#include "source.h"
#include "fw/source.h"
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/case.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "fw/transcript.h"
#include "guid.h"
#include "sha256.h"
#include "table.h"
#include "timefmt.h"

#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int source_exists(fw_project *p, const char *sql, const char *key,
			 char *name, size_t n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, sql, -1, &st, NULL))
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int found = fw_row(p, st);
	if (found && name)
		snprintf(name, n, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return found;
}

/* A participant's case takes the group's attributes it has none of. */
static int inherit_values(fw_project *p, long long from, long long to,
			  fw_error *err)
{
	return fw_run(p, err, "copying the group's attributes", NULL,
		      "INSERT OR IGNORE INTO case_value(case_id,attribute_id,"
		      "value) SELECT ?2, attribute_id, value FROM case_value "
		      "WHERE case_id=?1",
		      "ii", (long long)from, (long long)to);
}

int fw_source_ingest(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		     const char *path, const fw_ingest_opts *opts,
		     fw_error *err)
{
	memset(res, 0, sizeof *res);
	char *data;
	size_t len;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err);
	if (rc)
		return rc;
	fw_source_read rd = {.path = path, .data = data, .len = len};
	fw_sha256_hex(rd.hash, data, len);
	rc = fw_source_ingest_read(res, diags, p, &rd, opts, err);
	free(data);
	return rc;
}

int fw_source_ingest_read(fw_ingest_result *res, fw_diags *diags, fw_project *p,
			  fw_source_read *rd, const fw_ingest_opts *opts,
			  fw_error *err)
{
	const char *name =
		opts && opts->name ? opts->name : base_name(rd->path);
	int rc = fw_source_add_read(res, diags, p, name, rd, opts, NULL, NULL,
				    0, err);
	/* each transcript its own part of the history: recording an ingest
	 * of thousands holds one in memory, not all */
	return rc ? rc : fw_history_flush(p, err);
}

/* Where a new source's codings go: the case it is linked to, or, coded per
 * participant, each speaker's own case (the group's case, if the sheet has
 * it, lends them its attributes). */
typedef struct placing {
	char cname[256]; /* the case: --case, else the file name's stem */
	int per_person;  /* each participant a case of their own */
	long long case_id;
	long long *pcase; /* per speaker, when per_person */
} placing;

/* A case the classification sheet does not have, when there is a sheet:
 * said, with the sheet's cases whose names the stem contains or that
 * contain it. */
static int has_sheet(fw_project *p)
{
	return fw_query_int(p, 0, "SELECT EXISTS (SELECT 1 FROM case_value)",
			    "") > 0;
}

static void not_in_sheet(const placing *pl, fw_project *p, fw_diags *diags,
			 const char *path)
{
	sqlite3_stmt *st;
	if (!has_sheet(p))
		return; /* no sheet to be missing from */
	if (fw_query(
		    &st, p, NULL,
		    "SELECT (SELECT count(*) FROM \"case\" c WHERE EXISTS "
		    "(SELECT 1 FROM case_value v WHERE v.case_id=c.id)), "
		    "(SELECT group_concat(name, ', ') FROM (SELECT name FROM "
		    "\"case\" c WHERE EXISTS (SELECT 1 FROM case_value v WHERE "
		    "v.case_id=c.id) AND (instr(lower(?1), lower(name)) OR "
		    "instr(lower(name), lower(?1))) ORDER BY sort LIMIT 3))",
		    "t", pl->cname))
		return;
	if (fw_row(p, st) && sqlite3_column_int(st, 0) > 0) {
		const char *near = (const char *)sqlite3_column_text(st, 1);
		fw_diags_add(diags, FW_DIAG_WARNING, path, 0,
			     "new case '%s': the classification sheet has no "
			     "such case%s%s (say which with --case)",
			     pl->cname, near ? "; it has " : "",
			     near ? near : "");
	}
	sqlite3_finalize(st);
}

/* The sheet's case a file's stem names, when the stem is a case's id
 * followed by more of the name ("p01-amira" is P01): the one case, or
 * none (with a warning naming them) when several would do.  Only cases
 * of the sheet (with attributes) count, not those made for other files. */
static void case_of_stem(placing *pl, fw_project *p, fw_diags *diags,
			 const char *path)
{
	if (fw_lookup_id(p, FW_Q_CASE_ID, pl->cname) || !has_sheet(p))
		return;
	/* the stem's prefixes that end at a separator, each looked up in
	 * the case names' index (which ignores ASCII case, as the names
	 * do), not every case compared with the stem */
	sqlite3_stmt *st;
	fw_buf sql;
	fw_buf_init(&sql);
	fw_buf_puts(&sql, "SELECT name FROM \"case\" WHERE name IN (?1");
	int nb = 1;
	size_t cut[32];
	for (size_t i = 1; pl->cname[i] && nb < 32; i++)
		if (strchr("-_ .", pl->cname[i])) {
			cut[nb] = i;
			fw_buf_printf(&sql, ", ?%d", ++nb);
		}
	fw_buf_puts(&sql, ") AND EXISTS (SELECT 1 FROM case_value v WHERE "
			  "v.case_id=\"case\".id) ORDER BY sort");
	int rc = fw_prepare(p, &st, sql.ptr, NULL);
	fw_buf_dispose(&sql);
	if (rc)
		return;
	sqlite3_bind_text(st, 1, pl->cname, -1, SQLITE_STATIC);
	for (int k = 1; k < nb; k++)
		sqlite3_bind_text(st, k + 1, pl->cname, (int)cut[k],
				  SQLITE_STATIC);
	char first[256] = "", all[512] = "";
	int n = 0;
	while (fw_row(p, st)) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (!n++)
			snprintf(first, sizeof first, "%s", c);
		size_t l = strlen(all);
		snprintf(all + l, sizeof all - l, "%s%s", l ? ", " : "", c);
	}
	sqlite3_finalize(st);
	if (n == 1)
		snprintf(pl->cname, sizeof pl->cname, "%s", first);
	else if (n > 1)
		fw_diags_add(diags, FW_DIAG_WARNING, path, 0,
			     "the file name fits the cases %s; made a case "
			     "'%s' of its own (say which with --case)",
			     all, pl->cname);
	else
		not_in_sheet(pl, p, diags, path);
}

static int place(placing *pl, fw_project *p, const char *name,
		 const fw_ingest_opts *opts, int no_case, fw_diags *diags,
		 const char *path, fw_error *err)
{
	memset(pl, 0, sizeof *pl);
	if (opts && opts->case_name) {
		snprintf(pl->cname, sizeof pl->cname, "%s", opts->case_name);
		if (!no_case && !fw_lookup_id(p, FW_Q_CASE_ID, pl->cname))
			not_in_sheet(pl, p, diags, path);
	} else {
		snprintf(pl->cname, sizeof pl->cname, "%s", name);
		char *dot = strrchr(pl->cname, '.');
		if (dot && dot != pl->cname)
			*dot = 0;
		if (!no_case)
			case_of_stem(pl, p, diags, path);
	}
	pl->per_person = !no_case && opts && opts->participant_cases;
	int created;
	if (no_case)
		return 0;
	if (pl->per_person) {
		pl->case_id = fw_lookup_id(p, FW_Q_CASE_ID, pl->cname);
		return 0;
	}
	pl->case_id = fw_case_ensure(&created, p, pl->cname, err);
	return pl->case_id ? 0 : FW_EIO;
}

/* Link the source to its case, or each participant to a case of their
 * own; a group discussion's case is marked as one. */
static int link_cases(placing *pl, fw_project *p, long long sid,
		      const fw_transcript *t, const fw_ingest_opts *opts,
		      int no_case, fw_error *err)
{
	int rc = 0, created;
	if (opts && opts->group && !pl->per_person && !no_case) {
		if ((rc = fw_run(p, err, "marking a group case", NULL,
				 "UPDATE \"case\" SET is_group=1 WHERE id=?",
				 "i", (long long)pl->case_id)))
			return rc;
	}
	pl->pcase = fw_xcalloc(t->nspeakers + 1, sizeof *pl->pcase);
	if (!pl->per_person)
		return no_case ? 0
			       : fw_store_case_source(p, pl->case_id, sid, 0,
						      err);
	for (size_t i = 0; !rc && i < t->nspeakers; i++) {
		if (t->speakers[i].role == FW_ROLE_INTERVIEWER)
			continue;
		char pn[512];
		snprintf(pn, sizeof pn, "%s/%s", pl->cname,
			 t->speakers[i].label);
		if (!(pl->pcase[i] = fw_case_ensure(&created, p, pn, err)))
			return FW_EIO;
		if (pl->case_id &&
		    (rc = inherit_values(p, pl->case_id, pl->pcase[i], err)))
			return rc;
		rc = fw_store_case_source(p, pl->pcase[i], sid, 1, err);
	}
	return rc;
}

/* The speakers (ids into spk) with their roles and cases. */
static int store_speakers(long long *spk, fw_project *p, long long sid,
			  const fw_transcript *t, const placing *pl,
			  int no_case, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st,
			    "INSERT INTO speaker(source_id,label,role,case_id) "
			    "VALUES(?,?,?,?)",
			    err);
	for (size_t i = 0; !rc && i < t->nspeakers; i++) {
		fw_rebind(st, "i", (long long)sid);
		sqlite3_bind_text(st, 2, t->speakers[i].label, -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(st, 3, fw_role_name(t->speakers[i].role), -1,
				  SQLITE_STATIC);
		if (t->speakers[i].role == FW_ROLE_INTERVIEWER || no_case)
			sqlite3_bind_null(st, 4);
		else
			sqlite3_bind_int64(st, 4,
					   pl->per_person ? pl->pcase[i]
							  : pl->case_id);
		rc = fw_step_done(p, st, "storing a speaker", err);
		spk[i] = sqlite3_last_insert_rowid(p->db);
	}
	sqlite3_finalize(st);
	return rc;
}

static void bind_ms(sqlite3_stmt *st, int i, long ms)
{
	if (ms >= 0)
		sqlite3_bind_int64(st, i, ms);
	else
		sqlite3_bind_null(st, i);
}

/* Turns go in by statements of many rows (64, then 16, 4 and 1 for the
 * rest; FW_Q_ADD_TURNS_*): a statement's own work (its cursors and its
 * ending) was two fifths of storing a turn one row at a time. */
static const int turn_rows[] = {64, 16, 4, 1};
enum { TURN_COLS = 11 };

/* Turn k's values from parameter i + 1 on. */
static void bind_turn(sqlite3_stmt *st, int i, long long sid, size_t k,
		      const fw_turn *u, const long long *spk)
{
	sqlite3_bind_int64(st, i + 1, sid);
	sqlite3_bind_int64(st, i + 2, (long long)k + 1);
	if (u->speaker >= 0)
		sqlite3_bind_int64(st, i + 3, spk[u->speaker]);
	else
		sqlite3_bind_null(st, i + 3);
	sqlite3_bind_int64(st, i + 4, u->start);
	sqlite3_bind_int64(st, i + 5, u->end);
	sqlite3_bind_int64(st, i + 6, (long long)u->bstart);
	sqlite3_bind_int64(st, i + 7, (long long)u->bend);
	sqlite3_bind_int(st, i + 8, u->line_start);
	sqlite3_bind_int(st, i + 9, u->line_end);
	bind_ms(st, i + 10, u->t_start_ms);
	bind_ms(st, i + 11, u->t_end_ms);
}

static int store_turns(fw_project *p, long long sid, const fw_transcript *t,
		       const long long *spk, fw_error *err)
{
	int rc = 0;
	size_t k = 0;
	/* recorded by range, not row by row (history_added.c) */
	fw_history_bulk(p, 0);
	for (int b = 0; b < 4 && !rc; b++) {
		size_t rows = (size_t)turn_rows[b];
		while (!rc && t->nturns - k >= rows) {
			sqlite3_stmt *st =
				fw_stmt(p, FW_Q_ADD_TURNS_64 + b, err);
			if (!st) {
				rc = FW_EIO;
				break;
			}
			for (size_t r = 0; r < rows; r++)
				bind_turn(st, (int)r * TURN_COLS, sid, k + r,
					  &t->turns[k + r], spk);
			rc = fw_step_done(p, st, "storing a turn", err);
			sqlite3_reset(st);
			long long hi = sqlite3_last_insert_rowid(p->db);
			if (!rc)
				fw_history_added(p, "utterance",
						 hi - (long long)rows + 1, hi);
			k += rows;
		}
	}
	fw_history_bulk(p, 1);
	return rc;
}

static void fill_result(fw_ingest_result *res, long long sid,
			const fw_transcript *t)
{
	res->source_id = sid;
	snprintf(res->format, sizeof res->format, "%s", t->format);
	snprintf(res->encoding, sizeof res->encoding, "%s", t->encoding);
	res->turns = 0;
	for (size_t k = 0; k < t->nturns; k++)
		res->turns += t->turns[k].speaker >= 0;
	res->speakers = (int)t->nspeakers;
	res->words = t->words;
}

int fw_source_add_mem(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		      const char *name, const char *path, const char *data,
		      size_t len, const fw_ingest_opts *opts,
		      const char *guid_in, const char *when, int no_case,
		      fw_error *err)
{
	fw_source_read rd = {.path = path, .data = data, .len = len};
	fw_sha256_hex(rd.hash, data, len);
	return fw_source_add_read(res, diags, p, name, &rd, opts, guid_in, when,
				  no_case, err);
}

int fw_source_add_read(fw_ingest_result *res, fw_diags *diags, fw_project *p,
		       const char *name, fw_source_read *rd,
		       const fw_ingest_opts *opts, const char *guid_in,
		       const char *when, int no_case, fw_error *err)
{
	memset(res, 0, sizeof *res);
	const char *hash = rd->hash, *path = rd->path;
	snprintf(res->name, sizeof res->name, "%s", name);
	char prior[256];
	if (source_exists(p, "SELECT name FROM source WHERE sha256=?", hash,
			  prior, sizeof prior)) {
		res->duplicate = 1;
		snprintf(res->name, sizeof res->name, "%s", prior);
		return 0;
	}
	if (fw_lookup_id(p, FW_Q_SOURCE_ID, name))
		return fw_error_set(
			err, FW_EEXISTS, path, 0,
			"a different source named '%s' is already in "
			"the project (give another with --name)",
			name);
	fw_transcript *t;
	int rc;
	if (rd->parsed) { /* read ahead (source_read.c): its reading, or why
			     it could not be read */
		t = rd->t;
		rd->t = NULL;
		if ((rc = rd->parse_rc) && err)
			*err = rd->parse_err;
	} else {
		rc = fw_transcript_parse(&t, rd->data, rd->len, path, opts,
					 err);
	}
	if (rc)
		return rc;
	placing pl;
	long long sid = 0, *spk = NULL;
	if ((rc = place(&pl, p, name, opts, no_case, diags, path, err)))
		goto out;
	fw_source_row row = {.guid = guid_in,
			     .name = name,
			     .path = path,
			     .format = t->format,
			     .encoding = t->encoding,
			     .sha256 = hash,
			     .text = t->text,
			     .len = t->len,
			     .chars = t->chars,
			     .words = t->words,
			     .lines = t->lines,
			     .imported_at = when};
	if ((rc = fw_store_source(&sid, p, &row, err)) ||
	    (rc = link_cases(&pl, p, sid, t, opts, no_case, err)))
		goto out;
	spk = fw_xcalloc(t->nspeakers + 1, sizeof *spk);
	if ((rc = store_speakers(spk, p, sid, t, &pl, no_case, err)) ||
	    (rc = store_turns(p, sid, t, spk, err)))
		goto out;
	for (size_t i = 0; i < t->nmeta && !rc; i++)
		rc = fw_run(
			p, err, "storing the source's details", NULL,
			"INSERT INTO source_detail(source_id,seq,key,value) "
			"VALUES(?,?,?,?)",
			"intt", (long long)sid, (int)i, t->meta_keys[i],
			t->meta_values[i]);
	if (rc)
		goto out;
	fill_result(res, sid, t);
	fw_diags_append(diags, &t->diags, path); /* named by the file */
out:
	free(spk);
	free(pl.pcase);
	fw_transcript_free(t);
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_source_list(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"source",   "case",     "format",
					   "encoding", "lines",    "words",
					   "turns",    "speakers", "details"};
	return fw_table_query(
		out, p, err, cols, 9,
		"SELECT s.name, (SELECT group_concat(c.name) FROM "
		"case_source x JOIN \"case\" c ON c.id=x.case_id WHERE "
		"x.source_id=s.id), s.format, s.encoding, s.lines, s.words, "
		"(SELECT count(*) FROM utterance u WHERE u.source_id=s.id "
		"AND u.speaker_id IS NOT NULL), "
		"(SELECT group_concat(label || ' (' || role || ')', '; ') "
		"FROM speaker k WHERE k.source_id=s.id), "
		"(SELECT group_concat(key || ': ' || value, '; ') FROM (SELECT "
		"key, value FROM source_detail d WHERE d.source_id=s.id ORDER "
		"BY seq)) "
		"FROM source s ORDER BY s.name",
		"");
}

static void fmt_ms(char *b, size_t n, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		b[0] = 0;
		return;
	}
	long long ms = sqlite3_column_int64(st, col);
	snprintf(b, n, "%02lld:%02lld:%02lld.%03lld", ms / 3600000,
		 ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

int fw_source_turns(fw_table **out, fw_project *p, const char *name,
		    fw_error *err)
{
	static const char *const cols[] = {"turn", "speaker", "role",
					   "case", "lines",   "start",
					   "end",  "offsets", "text"};
	sqlite3_stmt *st;
	*out = NULL;
	int rc = fw_query(
		&st, p, err,
		"SELECT u.seq, k.label, k.role, c.name, u.line_start, "
		"u.line_end, u.t_start_ms, u.t_end_ms, u.start, u.\"end\", "
		"substr(s.text, u.start + 1, u.\"end\" - u.start), s.id "
		"FROM source s LEFT JOIN utterance u ON u.source_id=s.id "
		"LEFT JOIN speaker k ON k.id=u.speaker_id LEFT JOIN "
		"\"case\" c ON c.id=k.case_id WHERE s.name=? ORDER BY u.seq",
		"t", name);
	if (rc)
		return rc;
	fw_table *t = fw_table_new(9, cols);
	int found = 0;
	while (fw_row(p, st)) {
		found = 1;
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		char seq[24], lines[48], t0[64], t1[64], offs[48];
		snprintf(seq, sizeof seq, "%d", sqlite3_column_int(st, 0));
		int l0 = sqlite3_column_int(st, 4),
		    l1 = sqlite3_column_int(st, 5);
		fw_lref_label(lines, sizeof lines, l0, l1);
		fmt_ms(t0, sizeof t0, st, 6);
		fmt_ms(t1, sizeof t1, st, 7);
		snprintf(offs, sizeof offs, "%lld-%lld",
			 (long long)sqlite3_column_int64(st, 8),
			 (long long)sqlite3_column_int64(st, 9));
		const char *row[9] = {
			seq,
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			lines,
			t0,
			t1,
			offs,
			(const char *)sqlite3_column_text(st, 10)};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	if (!found) {
		fw_table_free(t);
		return fw_error_set(
			err, FW_ENOTFOUND, NULL, 0,
			"no source named '%s' (see charter sources)", name);
	}
	return fw_table_done(out, t, p, err);
}

int fw_source_remove(fw_project *p, const char *name, int *codings, int *refs,
		     fw_error *err)
{
	long long sid;
	int rc = fw_find_id(&sid, p, FW_Q_SOURCE_ID, name, "source", err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT (SELECT count(*) FROM coding WHERE "
		     "source_id=?1), (SELECT count(*) FROM cell_ref WHERE "
		     "source_id=?1)",
		     "i", sid)))
		return rc;
	if (fw_row(p, st))
		fw_columns(st, "nn", codings, refs);
	sqlite3_finalize(st);
	/* turns, speakers, codings, cell references and links go with it */
	return fw_run(p, err, "removing a source", NULL,
		      "DELETE FROM source WHERE id=?", "i", sid);
}

int fw_source_rename(fw_project *p, const char *name, const char *to,
		     fw_error *err)
{
	long long sid;
	int rc = fw_find_id(&sid, p, FW_Q_SOURCE_ID, name, "source", err);
	if (rc)
		return rc;
	if ((rc = fw_name_check(to, 255, "/", "a source", err)))
		return rc;
	if (fw_lookup_id(p, FW_Q_SOURCE_ID, to) &&
	    fw_lookup_id(p, FW_Q_SOURCE_ID, to) != sid)
		return fw_error_set(err, FW_EEXISTS, NULL, 0,
				    "a source named '%s' is already in the "
				    "project",
				    to);
	return fw_run(p, err, "renaming a source", NULL,
		      "UPDATE source SET name=? WHERE id=?", "ti", to, sid);
}
