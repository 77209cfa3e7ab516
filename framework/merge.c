/*
 * merge.c: another project merged into this one.  It is attached as
 * `other`; each kind of row is matched (temporary tables m_* map the other
 * project's ids to ours, NULL where nothing matched) and what is missing
 * is added, kind by kind, parents before children, in one transaction
 * recorded as one history entry.
 */
#include "store.h"

#include "fileio.h"
#include "guid.h"
#include "fw/history.h"
#include "fw/lineref.h"
#include "fw/merge.h"
#include "fw/query.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TXT(st, i) ((const char *)sqlite3_column_text((st), (i)))

/* Details said at most this many times per kind; then a count. */
#define MERGE_SAY 20

void fw_merge_result_dispose(fw_merge_result *r)
{
	fw_diags_dispose(&r->diags);
}

typedef struct mg {
	fw_project *p;
	fw_merge_result *r;
	const char *from; /* the other project's file name, for the record */
	fw_error *err;
	char now[32];
} mg;

/* Run a statement; *n (if given) adds the rows it changed. */
static int run(mg *m, long *n, const char *sql)
{
	int changed = 0;
	int rc = fw_run(m->p, m->err, "merging", &changed, sql, "");
	if (!rc && n)
		*n += changed;
	return rc;
}

static int say(mg *m, long nth, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int say(mg *m, long nth, const char *fmt, ...)
{
	if (nth > MERGE_SAY)
		return 0;
	char buf[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (nth == MERGE_SAY)
		fw_diags_add(&m->r->diags, FW_DIAG_WARNING, NULL, 0,
			     "%s (and more like it)", buf);
	else
		fw_diags_add(&m->r->diags, FW_DIAG_WARNING, NULL, 0, "%s", buf);
	return 0;
}

/* ---- coders, attributes, cases ------------------------------------------- */

static int merge_people(mg *m)
{
	long n = 0;
	int rc;
	if ((rc = run(
		     m, NULL,
		     "INSERT INTO m_coder SELECT w.id, coalesce((SELECT id FROM "
		     "main.coder WHERE guid = w.guid), (SELECT id FROM "
		     "main.coder WHERE name = w.name)) FROM other.coder w")) ||
	    (rc = run(
		     m, &m->r->coders_added,
		     "INSERT INTO main.coder(guid, name) SELECT w.guid, w.name "
		     "FROM other.coder w JOIN m_coder x ON x.o = w.id WHERE "
		     "x.m IS NULL")) ||
	    (rc = run(m, NULL,
		      "UPDATE m_coder SET m = (SELECT c.id FROM main.coder c "
		      "JOIN other.coder w ON w.guid = c.guid WHERE w.id = "
		      "m_coder.o) WHERE m IS NULL")) ||
	    (rc = run(
		     m, NULL,
		     "INSERT INTO m_attr SELECT a.id, (SELECT id FROM "
		     "main.attribute WHERE name = a.name) FROM other.attribute "
		     "a")) ||
	    (rc = run(m, NULL,
		      "INSERT INTO main.attribute(name, type, sort) SELECT "
		      "a.name, a.type, (SELECT coalesce(max(sort), 0) FROM "
		      "main.attribute) + a.sort FROM other.attribute a JOIN "
		      "m_attr x ON x.o = a.id WHERE x.m IS NULL")) ||
	    (rc = run(
		     m, NULL,
		     "UPDATE m_attr SET m = (SELECT b.id FROM main.attribute b "
		     "JOIN other.attribute a ON a.name = b.name WHERE a.id = "
		     "m_attr.o) WHERE m IS NULL")) ||
	    (rc = run(
		     m, NULL,
		     "INSERT INTO m_case SELECT c.id, coalesce((SELECT id FROM "
		     "main.\"case\" WHERE guid = c.guid), (SELECT id FROM "
		     "main.\"case\" WHERE name = c.name)) FROM other.\"case\" "
		     "c")) ||
	    (rc = run(
		     m, &m->r->cases_added,
		     "INSERT INTO main.\"case\"(guid, name, is_group, sort) "
		     "SELECT c.guid, c.name, c.is_group, (SELECT "
		     "coalesce(max(sort), 0) FROM main.\"case\") + c.sort FROM "
		     "other.\"case\" c JOIN m_case x ON x.o = c.id WHERE x.m "
		     "IS NULL")) ||
	    (rc = run(m, NULL,
		      "UPDATE m_case SET m = (SELECT c.id FROM main.\"case\" c "
		      "JOIN other.\"case\" o ON o.guid = c.guid WHERE o.id = "
		      "m_case.o) WHERE m IS NULL")) ||
	    (rc = run(
		     m, NULL,
		     "INSERT OR IGNORE INTO main.case_value(case_id, "
		     "attribute_id, value) SELECT c.m, a.m, v.value FROM "
		     "other.case_value v JOIN m_case c ON c.o = v.case_id JOIN "
		     "m_attr a ON a.o = v.attribute_id")))
		return rc;
	m->r->cases_matched =
		fw_query_int(m->p, 0, "SELECT count(*) FROM m_case", "") -
		m->r->cases_added;
	/* a value that differs stays as it is here: said */
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, m->p, m->err,
			   "SELECT c.name, b.name, mv.value, v.value FROM "
			   "other.case_value v JOIN m_case x ON x.o = "
			   "v.case_id JOIN m_attr y ON y.o = v.attribute_id "
			   "JOIN main.case_value mv ON mv.case_id = x.m AND "
			   "mv.attribute_id = y.m JOIN main.\"case\" c ON c.id "
			   "= x.m JOIN main.attribute b ON b.id = y.m WHERE "
			   "mv.value <> v.value ORDER BY c.sort, c.id, b.sort",
			   "")))
		return rc;
	while (fw_row(m->p, st)) {
		m->r->values_differing++;
		say(m, ++n, "case %s: %s is '%s' here, '%s' in %s; kept '%s'",
		    TXT(st, 0), TXT(st, 1), TXT(st, 2), TXT(st, 3), m->from,
		    TXT(st, 2));
	}
	sqlite3_finalize(st);
	return fw_rows_ok(m->p, m->err);
}

/* ---- the codebook -------------------------------------------------------- */

/* Codes parents first: matched by GUID, else by number and name; added
 * when the number is free here; kept back (their codings with them) when
 * it stands for another code, or their theme was kept back. */
static int merge_codes(mg *m)
{
	sqlite3_stmt *st, *by_guid, *by_number, *add, *map;
	int rc = fw_query(&st, m->p, m->err,
			  "SELECT id, guid, parent_id, number, name, "
			  "definition, use_when, not_when, example, origin, "
			  "color, depth FROM other.code ORDER BY depth, sort, "
			  "id",
			  "");
	if (rc)
		return rc;
	if ((rc = FW_PREPARE_ALL(
		     m->p, m->err,
		     {&by_guid,
		      "SELECT id, name FROM main.code WHERE guid = ?1"},
		     {&by_number, "SELECT id, name, lower(name) = lower(?2) "
				  "FROM main.code WHERE number = ?1"},
		     {&add, "INSERT INTO main.code(guid, parent_id, number, "
			    "name, definition, use_when, not_when, example, "
			    "origin, color, depth, sort) VALUES(?1, ?2, ?3, "
			    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (SELECT "
			    "coalesce(max(sort), 0) + 1 FROM main.code)) "
			    "RETURNING id"},
		     {&map, "INSERT INTO m_code(o, m, added) VALUES(?1, ?2, "
			    "?3)"}))) {
		sqlite3_finalize(st);
		sqlite3_finalize(by_guid);
		sqlite3_finalize(by_number);
		sqlite3_finalize(add);
		return rc;
	}
	while (!rc && fw_row(m->p, st)) {
		long long oid = sqlite3_column_int64(st, 0), id = 0;
		const char *num = TXT(st, 3), *name = TXT(st, 4);
		char *here = NULL;
		fw_rebind(by_guid, "t", TXT(st, 1));
		if (fw_row(m->p, by_guid))
			fw_columns(by_guid, "it", &id, &here);
		sqlite3_reset(by_guid);
		int same_name = 0, added = 0;
		long long taken = 0;
		if (!id) {
			fw_rebind(by_number, "tt", num, name);
			if (fw_row(m->p, by_number)) {
				taken = sqlite3_column_int64(by_number, 0);
				same_name = sqlite3_column_int(by_number, 2);
			}
			sqlite3_reset(by_number);
			if (same_name)
				id = taken;
		}
		long long parent = 0;
		int orphan = 0;
		if (!id && sqlite3_column_type(st, 2) != SQLITE_NULL) {
			parent = fw_query_int(
				m->p, 0, "SELECT m FROM m_code WHERE o = ?1",
				"i", sqlite3_column_int64(st, 2));
			orphan = !parent;
		}
		if (id) {
			m->r->codes_matched++;
			if (here && strcmp(here, name)) {
				m->r->codes_renamed++;
				say(m, m->r->codes_renamed,
				    "code %s is '%s' here and '%s' in %s: "
				    "matched by its GUID, its name here kept",
				    num, here, name, m->from);
			}
		} else if (taken || orphan) {
			m->r->codes_kept_back++;
			if (taken)
				say(m, m->r->codes_kept_back,
				    "code %s '%s' of %s is kept back: %s is "
				    "another code here; its codings stay in %s",
				    num, name, m->from, num, m->from);
			else
				say(m, m->r->codes_kept_back,
				    "code %s '%s' of %s is kept back with its "
				    "theme; its codings stay in %s",
				    num, name, m->from, m->from);
		} else {
			fw_rebind(add, "tIttttttttn", TXT(st, 1), parent, num,
				  name, TXT(st, 5), TXT(st, 6), TXT(st, 7),
				  TXT(st, 8), TXT(st, 9), TXT(st, 10),
				  sqlite3_column_int(st, 11));
			if (fw_row(m->p, add))
				id = sqlite3_column_int64(add, 0);
			sqlite3_reset(add);
			if (id)
				m->r->codes_added++, added = 1;
		}
		free(here);
		fw_rebind(map, "iIn", oid, id, added);
		if (!fw_done(m->p, map))
			rc = fw_rows_ok(m->p, m->err);
		sqlite3_reset(map);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(by_guid);
	sqlite3_finalize(by_number);
	sqlite3_finalize(add);
	sqlite3_finalize(map);
	if (!rc)
		rc = fw_rows_ok(m->p, m->err);
	/* the rules of codes added; every rule mapped to its twin here */
	if (!rc)
		rc = run(
			m, NULL,
			"INSERT INTO main.rule(code_id, pattern, flags, scope, "
			"speaker_role, line) SELECT x.m, r.pattern, r.flags, "
			"r.scope, r.speaker_role, r.line FROM other.rule r JOIN "
			"m_code x ON x.o = r.code_id WHERE x.added = 1 ORDER BY "
			"r.id");
	if (!rc)
		rc = run(
			m, NULL,
			"INSERT INTO m_rule SELECT r.id, (SELECT q.id FROM "
			"main.rule q WHERE q.code_id = x.m AND q.pattern = "
			"r.pattern AND q.scope = r.scope AND q.speaker_role = "
			"r.speaker_role ORDER BY q.id LIMIT 1) FROM other.rule r "
			"JOIN m_code x ON x.o = r.code_id");
	return rc;
}

/* ---- sources ------------------------------------------------------------- */

/* A name not yet taken here: name, else "stem (2).ext", "stem (3).ext" */
static char *free_name(fw_project *p, const char *name)
{
	if (!fw_query_int(p, 0,
			  "SELECT count(*) FROM main.source WHERE name = "
			  "?1",
			  "t", name))
		return fw_xstrdup(name);
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
	for (int k = 2;; k++) {
		char buf[1100];
		snprintf(buf, sizeof buf, "%.*s (%d)%s", (int)stem, name, k,
			 name + stem);
		if (!fw_query_int(p, 0,
				  "SELECT count(*) FROM main.source WHERE "
				  "name = ?1",
				  "t", buf))
			return fw_xstrdup(buf);
	}
}

/* Sources matched by content (the SHA-256 of the file each read, else
 * the same text: an imported copy has only the text); those not here
 * added with their speakers,
 * turns and details; case links unioned. */
static int merge_sources(mg *m)
{
	int rc = run(m, NULL,
		     "INSERT INTO m_source SELECT s.id, coalesce((SELECT id "
		     "FROM main.source WHERE sha256 = s.sha256), (SELECT id "
		     "FROM main.source WHERE chars = s.chars AND text = "
		     "s.text)), 0 FROM other.source s");
	if (rc)
		return rc;
	sqlite3_stmt *st, *add;
	if ((rc = fw_query(
		     &st, m->p, m->err,
		     "SELECT s.id, s.guid, s.name, x.m, (SELECT name FROM "
		     "main.source WHERE id = x.m) FROM other.source s "
		     "JOIN m_source x ON x.o = s.id ORDER BY s.name",
		     "")))
		return rc;
	if ((rc = fw_prepare(
		     m->p, &add,
		     "INSERT INTO main.source(guid, name, path, format, "
		     "encoding, sha256, text, chars, lines, words, imported_at) "
		     "SELECT CASE WHEN EXISTS (SELECT 1 FROM main.source WHERE "
		     "guid = s.guid) THEN ?3 ELSE s.guid END, ?2, s.path, "
		     "s.format, s.encoding, s.sha256, s.text, s.chars, s.lines, "
		     "s.words, s.imported_at FROM other.source s WHERE s.id = ?1 "
		     "RETURNING id",
		     m->err))) {
		sqlite3_finalize(st);
		return rc;
	}
	while (!rc && fw_row(m->p, st)) {
		long long oid = sqlite3_column_int64(st, 0);
		const char *name = TXT(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			m->r->sources_matched++;
			if (strcmp(name, TXT(st, 4))) {
				m->r->sources_renamed++;
				say(m, m->r->sources_renamed,
				    "source %s of %s is %s here (the same "
				    "text): matched",
				    name, m->from, TXT(st, 4));
			}
			continue;
		}
		char *as = free_name(m->p, name), guid[37];
		fw_guid_new(guid);
		if (strcmp(as, name)) {
			m->r->sources_renamed++;
			say(m, m->r->sources_renamed,
			    "source %s of %s is another text than %s here: "
			    "added as %s",
			    name, m->from, name, as);
		}
		long long id = 0;
		fw_rebind(add, "itt", oid, as, guid);
		if (fw_row(m->p, add))
			id = sqlite3_column_int64(add, 0);
		sqlite3_reset(add);
		free(as);
		if (!id || (rc = fw_run(m->p, m->err, "merging", NULL,
					"UPDATE m_source SET m = ?2, added = 1 "
					"WHERE o = ?1",
					"ii", oid, id)))
			break;
		m->r->sources_added++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(add);
	if (!rc)
		rc = fw_rows_ok(m->p, m->err);
	if (rc ||
	    (rc = run(m, NULL,
		      "INSERT INTO main.speaker(source_id, label, role, "
		      "case_id) SELECT x.m, sp.label, sp.role, c.m FROM "
		      "other.speaker sp JOIN m_source x ON x.o = "
		      "sp.source_id AND x.added = 1 LEFT JOIN m_case c ON "
		      "c.o = sp.case_id ORDER BY sp.id")) ||
	    (rc = run(m, NULL,
		      "INSERT INTO m_speaker SELECT sp.id, (SELECT q.id FROM "
		      "main.speaker q WHERE q.source_id = x.m AND q.label = "
		      "sp.label) FROM other.speaker sp JOIN m_source x ON x.o "
		      "= sp.source_id AND x.added = 1")) ||
	    (rc = run(
		     m, NULL,
		     "INSERT INTO main.utterance(source_id, seq, speaker_id, "
		     "start, \"end\", bstart, bend, line_start, line_end, "
		     "t_start_ms, t_end_ms) SELECT x.m, u.seq, y.m, u.start, "
		     "u.\"end\", u.bstart, u.bend, u.line_start, u.line_end, "
		     "u.t_start_ms, u.t_end_ms FROM other.utterance u JOIN "
		     "m_source x ON x.o = u.source_id AND x.added = 1 LEFT "
		     "JOIN m_speaker y ON y.o = u.speaker_id ORDER BY u.id")) ||
	    (rc = run(m, NULL,
		      "INSERT INTO main.source_detail(source_id, seq, key, "
		      "value) SELECT x.m, d.seq, d.key, d.value FROM "
		      "other.source_detail d JOIN m_source x ON x.o = "
		      "d.source_id AND x.added = 1")))
		return rc;
	return run(m, NULL,
		   "INSERT OR IGNORE INTO main.case_source(case_id, source_id, "
		   "by_speaker) SELECT c.m, x.m, l.by_speaker FROM "
		   "other.case_source l JOIN m_case c ON c.o = l.case_id JOIN "
		   "m_source x ON x.o = l.source_id");
}

/* ---- codings ------------------------------------------------------------- */

/* The other project's codings with their codes and sources mapped here:
 * g, x (source), k (code), w (coder), v (reviewer), r (rule). */
#define OTHER_CODINGS                                                          \
	" FROM other.coding g JOIN m_source x ON x.o = g.source_id"            \
	" JOIN m_code k ON k.o = g.code_id AND k.m IS NOT NULL"                \
	" LEFT JOIN m_coder w ON w.o = g.coder_id"                             \
	" LEFT JOIN m_coder v ON v.o = g.reviewer_id"                          \
	" LEFT JOIN m_rule r ON r.o = g.rule_id"

/* A coding this project can hold: its span inside its transcript, its
 * origin and status ones charter writes. */
#define SOUND                                                                  \
	" g.start >= 0 AND g.\"end\" > g.start AND g.\"end\" <= (SELECT"       \
	" chars FROM main.source WHERE id = x.m) AND g.origin IN ('manual',"   \
	" 'rule') AND g.status IN ('suggested', 'confirmed', 'rejected')"

/* Codings of the other project that stay there, each said: those whose
 * code was kept back, and those no charter project could hold. */
static int kept_back(mg *m)
{
	sqlite3_stmt *st;
	int rc = fw_query(
		&st, m->p, m->err,
		"SELECT s.name, c.number, g.line_start, g.line_end, "
		"coalesce(wn.name, ''), k.m IS NULL FROM other.coding g JOIN "
		"m_code k ON k.o = g.code_id JOIN m_source x ON x.o = "
		"g.source_id JOIN other.source s ON s.id = g.source_id JOIN "
		"other.code c ON c.id = g.code_id LEFT JOIN other.coder wn ON "
		"wn.id = g.coder_id WHERE k.m IS NULL OR NOT (" SOUND
		") ORDER BY s.name, g.start",
		"");
	if (rc)
		return rc;
	while (fw_row(m->p, st)) {
		m->r->codings_kept_back++;
		char lines[48];
		fw_lref_label(lines, sizeof lines, sqlite3_column_int(st, 2),
			      sqlite3_column_int(st, 3));
		say(m, m->r->codings_kept_back,
		    "coding kept back: %s %s %s%s%s (%s; the coding stays in "
		    "%s)",
		    TXT(st, 0), lines, TXT(st, 1), TXT(st, 4)[0] ? " by " : "",
		    TXT(st, 4),
		    sqlite3_column_int(st, 5)
			    ? "its code is kept back"
			    : "its span, origin or status is not one a "
			      "transcript here can hold",
		    m->from);
	}
	sqlite3_finalize(st);
	return fw_rows_ok(m->p, m->err);
}

static int merge_codings(mg *m)
{
	/* a suggestion decided there and still pending here takes the
	 * decision */
	int rc = run(
		m, &m->r->codings_decided,
		"UPDATE main.coding SET status = d.status, reviewer_id = "
		"d.rv, reviewed_at = d.at FROM (SELECT q.id AS qid, "
		"g.status AS status, v.m AS rv, g.reviewed_at AS at" OTHER_CODINGS
		" JOIN main.coding q ON q.code_id = k.m AND q.source_id = "
		"x.m AND q.start = g.start AND q.\"end\" = g.\"end\" AND "
		"q.origin = 'rule' AND q.status = 'suggested' WHERE "
		"g.origin = 'rule' AND g.status <> 'suggested' AND" SOUND
		" GROUP BY "
		"q.id) d WHERE main.coding.id = d.qid");
	if (rc)
		return rc;
	/* the rest a source at a time, so that the history is written in
	 * parts as a large merge goes */
	sqlite3_stmt *src, *add;
	if ((rc = fw_query(
		     &src, m->p, m->err,
		     "SELECT o FROM m_source WHERE m IS NOT NULL ORDER BY "
		     "o",
		     "")))
		return rc;
	if ((rc = fw_prepare(
		     m->p, &add,
		     "INSERT INTO main.coding(guid, code_id, source_id, start, "
		     "\"end\", line_start, line_end, coder_id, origin, "
		     "created_at, status, rule_id, reviewer_id, reviewed_at) "
		     "SELECT g.guid, k.m, x.m, g.start, g.\"end\", "
		     "g.line_start, g.line_end, w.m, g.origin, g.created_at, "
		     "g.status, r.m, v.m, g.reviewed_at" OTHER_CODINGS
		     " WHERE g.source_id = ?1 AND" SOUND
		     " AND NOT EXISTS (SELECT 1 FROM "
		     "main.coding q WHERE q.guid = g.guid) AND NOT EXISTS "
		     "(SELECT 1 FROM main.coding q WHERE q.code_id = k.m AND "
		     "q.source_id = x.m AND q.start = g.start AND q.\"end\" = "
		     "g.\"end\" AND q.origin = g.origin AND q.coder_id IS w.m "
		     "AND (g.status = 'suggested' OR (q.status = g.status AND "
		     "q.reviewer_id IS v.m))) ORDER BY g.id",
		     m->err))) {
		sqlite3_finalize(src);
		return rc;
	}
	long since = 0;
	while (!rc && fw_row(m->p, src)) {
		fw_rebind(add, "i", sqlite3_column_int64(src, 0));
		if (!fw_done(m->p, add))
			rc = fw_rows_ok(m->p, m->err);
		long n = sqlite3_changes(m->p->db);
		sqlite3_reset(add);
		m->r->codings_added += n;
		if ((since += n) >= FW_HISTORY_PART) {
			rc = rc ? rc : fw_history_flush(m->p, m->err);
			since = 0;
		}
	}
	sqlite3_finalize(src);
	sqlite3_finalize(add);
	if (rc || (rc = fw_rows_ok(m->p, m->err)))
		return rc;
	long all = (long)fw_query_int(
		m->p, 0, "SELECT count(*)" OTHER_CODINGS " WHERE" SOUND, "");
	m->r->codings_there = all - m->r->codings_added;
	return kept_back(m);
}

/* ---- cells, memos, the record -------------------------------------------- */

static int merge_cells(mg *m)
{
	int rc;
	if ((rc = run(
		     m, NULL,
		     "INSERT INTO m_fill SELECT c.m, k.m, l.id FROM other.cell "
		     "l JOIN m_case c ON c.o = l.case_id JOIN m_code k ON k.o "
		     "= l.code_id AND k.m IS NOT NULL WHERE "
		     "coalesce(l.summary, '') <> '' AND NOT EXISTS (SELECT 1 "
		     "FROM main.cell q WHERE q.case_id = c.m AND q.code_id = "
		     "k.m AND coalesce(q.summary, '') <> '')")) ||
	    (rc = run(m, &m->r->cells_added,
		      "INSERT INTO main.cell(case_id, code_id, summary, "
		      "agreement, coder_id, updated_at, draft) SELECT "
		      "f.case_id, f.code_id, l.summary, l.agreement, w.m, "
		      "l.updated_at, l.draft FROM m_fill f JOIN other.cell l "
		      "ON l.id = f.ocell LEFT JOIN m_coder w ON w.o = "
		      "l.coder_id WHERE 1 ON CONFLICT(case_id, code_id) DO "
		      "UPDATE SET summary = excluded.summary, agreement = "
		      "excluded.agreement, coder_id = excluded.coder_id, "
		      "updated_at = excluded.updated_at, draft = "
		      "excluded.draft")) ||
	    (rc = run(m, NULL,
		      "DELETE FROM main.cell_ref WHERE cell_id IN (SELECT q.id "
		      "FROM m_fill f JOIN main.cell q ON q.case_id = f.case_id "
		      "AND q.code_id = f.code_id)")) ||
	    (rc = run(m, NULL,
		      "INSERT INTO main.cell_ref(cell_id, source_id, "
		      "line_start, line_end, quote) SELECT q.id, x.m, "
		      "r.line_start, r.line_end, r.quote FROM m_fill f JOIN "
		      "main.cell q ON q.case_id = f.case_id AND q.code_id = "
		      "f.code_id JOIN other.cell_ref r ON r.cell_id = f.ocell "
		      "JOIN m_source x ON x.o = r.source_id")))
		return rc;
	m->r->cells_same = (long)fw_query_int(
		m->p, 0,
		"SELECT count(*) FROM other.cell l JOIN m_case c ON c.o = "
		"l.case_id JOIN m_code k ON k.o = l.code_id JOIN main.cell q ON "
		"q.case_id = c.m AND q.code_id = k.m WHERE coalesce(l.summary, "
		"'') <> '' AND trim(q.summary) = trim(l.summary) AND l.id NOT "
		"IN (SELECT ocell FROM m_fill)",
		"");
	/* a summary that differs from this project's: kept beside it */
	const char *conflicts[] = {
		"INSERT OR IGNORE INTO main.cell_conflict(case_id, code_id, "
		"summary, agreement, coder_id, updated_at, came_from) SELECT "
		"c.m, k.m, l.summary, l.agreement, w.m, l.updated_at, ?1 FROM "
		"other.cell l JOIN m_case c ON c.o = l.case_id JOIN m_code k ON "
		"k.o = l.code_id AND k.m IS NOT NULL JOIN main.cell q ON "
		"q.case_id = c.m AND q.code_id = k.m LEFT JOIN m_coder w ON w.o "
		"= l.coder_id WHERE coalesce(l.summary, '') <> '' AND "
		"coalesce(q.summary, '') <> '' AND trim(q.summary) <> "
		"trim(l.summary)",
		"INSERT OR IGNORE INTO main.cell_conflict(case_id, code_id, "
		"summary, agreement, coder_id, updated_at, came_from) SELECT "
		"c.m, k.m, f.summary, f.agreement, w.m, f.updated_at, "
		"f.came_from FROM other.cell_conflict f JOIN m_case c ON c.o = "
		"f.case_id JOIN m_code k ON k.o = f.code_id AND k.m IS NOT NULL "
		"LEFT JOIN m_coder w ON w.o = f.coder_id WHERE NOT EXISTS "
		"(SELECT 1 FROM main.cell q WHERE q.case_id = c.m AND q.code_id "
		"= k.m AND trim(q.summary) = trim(f.summary))"};
	long long before = fw_query_int(
		m->p, 0, "SELECT coalesce(max(id), 0) FROM main.cell_conflict",
		"");
	for (int i = 0; i < 2 && !rc; i++) {
		int changed = 0;
		rc = fw_run(m->p, m->err, "merging", &changed, conflicts[i],
			    "t", m->from);
		m->r->cells_conflicting += changed;
	}
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(
		     &st, m->p, m->err,
		     "SELECT c.name, k.number, coalesce(w.name, '') FROM "
		     "main.cell_conflict f JOIN main.\"case\" c ON c.id = "
		     "f.case_id JOIN main.code k ON k.id = f.code_id LEFT "
		     "JOIN main.coder w ON w.id = f.coder_id WHERE "
		     "f.id > ?1 ORDER BY c.sort, c.id, k.sort",
		     "i", before)))
		return rc;
	long n = 0;
	while (fw_row(m->p, st))
		say(m, ++n,
		    "cell %s %s: the summary %s wrote in %s differs from this "
		    "project's; both kept (charter cell resolve %s %s)",
		    TXT(st, 0), TXT(st, 1),
		    TXT(st, 2)[0] ? TXT(st, 2) : "a coder", m->from, TXT(st, 0),
		    TXT(st, 1));
	sqlite3_finalize(st);
	return fw_rows_ok(m->p, m->err);
}

static int merge_memos(mg *m)
{
	int rc = run(
		m, &m->r->memos_added,
		"INSERT INTO main.memo(guid, kind, target, source_id, start, "
		"\"end\", line_start, line_end, case_id, code_id, grp, title, "
		"text, coder_id, created_at, updated_at) SELECT n.guid, n.kind, "
		"n.target, x.m, n.start, n.\"end\", n.line_start, n.line_end, "
		"c.m, k.m, n.grp, n.title, n.text, w.m, n.created_at, "
		"n.updated_at FROM other.memo n LEFT JOIN m_source x ON x.o = "
		"n.source_id LEFT JOIN m_case c ON c.o = n.case_id LEFT JOIN "
		"m_code k ON k.o = n.code_id LEFT JOIN m_coder w ON w.o = "
		"n.coder_id WHERE (n.code_id IS NULL OR k.m IS NOT NULL) AND "
		"NOT EXISTS (SELECT 1 FROM main.memo q WHERE q.guid = n.guid) "
		"AND NOT EXISTS (SELECT 1 FROM main.memo q WHERE q.kind = "
		"n.kind AND q.target = n.target AND q.text = n.text AND "
		"q.source_id IS x.m AND q.start IS n.start AND q.case_id IS c.m "
		"AND q.code_id IS k.m AND q.grp IS n.grp) ORDER BY n.id");
	if (rc)
		return rc;
	long all = (long)fw_query_int(m->p, 0,
				      "SELECT count(*) FROM other.memo", "");
	m->r->memos_kept_back = (long)fw_query_int(
		m->p, 0,
		"SELECT count(*) FROM other.memo n JOIN m_code k ON k.o = "
		"n.code_id WHERE k.m IS NULL",
		"");
	m->r->memos_there = all - m->r->memos_added - m->r->memos_kept_back;
	if (m->r->memos_kept_back)
		say(m, 1, "%ld memo%s on codes kept back stay%s in %s",
		    m->r->memos_kept_back,
		    m->r->memos_kept_back == 1 ? "" : "s",
		    m->r->memos_kept_back == 1 ? "s" : "", m->from);
	if ((rc = run(m, &m->r->changes_carried,
		      "INSERT INTO main.framework_change(at, coder, action, "
		      "code, detail, codings) SELECT f.at, f.coder, f.action, "
		      "f.code, f.detail, f.codings FROM other.framework_change "
		      "f WHERE NOT EXISTS (SELECT 1 FROM main.framework_change "
		      "q WHERE q.at = f.at AND q.coder = f.coder AND q.action "
		      "= f.action AND q.code IS f.code AND q.detail = "
		      "f.detail) ORDER BY f.id")))
		return rc;
	int changed = 0;
	rc = fw_run(
		m->p, m->err, "merging", &changed,
		"INSERT INTO main.carried_log(at, coder, verb, args, "
		"changes, came_from) SELECT h.at, h.coder, h.verb, h.args, "
		"h.changes, h.came_from FROM (SELECT at, coder, verb, args, "
		"changes, ?1 AS came_from, id FROM other.history UNION ALL "
		"SELECT at, coder, verb, args, changes, came_from, id FROM "
		"other.carried_log) h WHERE NOT EXISTS (SELECT 1 FROM "
		"main.history q WHERE q.at = h.at AND q.coder = h.coder AND "
		"q.verb = h.verb AND q.args = h.args) AND NOT EXISTS "
		"(SELECT 1 FROM main.carried_log q WHERE q.at = h.at AND "
		"q.coder = h.coder AND q.verb = h.verb AND q.args = h.args) "
		"ORDER BY h.at, h.id",
		"t", m->from);
	m->r->log_carried = changed;
	return rc;
}

/* ---- the whole ----------------------------------------------------------- */

static const char maps[] =
	"DROP TABLE IF EXISTS temp.m_coder; DROP TABLE IF EXISTS temp.m_attr;"
	"DROP TABLE IF EXISTS temp.m_case; DROP TABLE IF EXISTS temp.m_code;"
	"DROP TABLE IF EXISTS temp.m_rule; DROP TABLE IF EXISTS temp.m_source;"
	"DROP TABLE IF EXISTS temp.m_speaker; DROP TABLE IF EXISTS temp.m_fill;"
	"CREATE TEMP TABLE m_coder(o INTEGER PRIMARY KEY, m INTEGER);"
	"CREATE TEMP TABLE m_attr(o INTEGER PRIMARY KEY, m INTEGER);"
	"CREATE TEMP TABLE m_case(o INTEGER PRIMARY KEY, m INTEGER);"
	"CREATE TEMP TABLE m_code(o INTEGER PRIMARY KEY, m INTEGER, added);"
	"CREATE TEMP TABLE m_rule(o INTEGER PRIMARY KEY, m INTEGER);"
	"CREATE TEMP TABLE m_source(o INTEGER PRIMARY KEY, m INTEGER, added);"
	"CREATE TEMP TABLE m_speaker(o INTEGER PRIMARY KEY, m INTEGER);"
	"CREATE TEMP TABLE m_fill(case_id, code_id, ocell);";

static int merge_all(mg *m)
{
	int rc;
	if ((rc = merge_people(m)) || (rc = merge_codes(m)) ||
	    (rc = merge_sources(m)) || (rc = merge_codings(m)) ||
	    (rc = merge_cells(m)) || (rc = merge_memos(m)))
		return rc;
	return fw_search_index_update(m->p, m->err);
}

int fw_merge(fw_merge_result *r, fw_project *p, const char *path, int dry,
	     const char *args, const char *coder, fw_error *err)
{
	memset(r, 0, sizeof *r);
	fw_diags_init(&r->diags);
	if (p->in_tx)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a merge makes its own transaction");
	int rc = fw_file_regular(path, err);
	if (rc)
		return rc;
	char *a = realpath(path, NULL), *b = realpath(p->path, NULL);
	int self = a && b && !strcmp(a, b);
	free(a);
	free(b);
	if (self)
		return fw_error_set(err, FW_EINVAL, path, 0,
				    "this is the project itself: nothing to "
				    "merge");
	/* a charter project at this schema, opened to read only */
	fw_project *o = NULL;
	if ((rc = fw_project_open(&o, path, FW_OPEN_READONLY, err)))
		return rc;
	fw_project_free(o);
	const char *slash = strrchr(path, '/');
	mg m = {.p = p, .r = r, .from = slash ? slash + 1 : path, .err = err};
	if ((rc = fw_exec(p, maps, err)) ||
	    (rc = fw_run(p, err, "opening the other project", NULL,
			 "ATTACH DATABASE ?1 AS other", "t", path)))
		return rc;
	/* the other coder's codings in bulk: the tally counted at commit */
	if (!(rc = fw_project_begin(p, err)) &&
	    !(rc = fw_history_record(p, "merge", args, coder, err)) &&
	    !(rc = fw_tally_suspend(p, err)))
		rc = merge_all(&m);
	if (!rc && !dry)
		rc = fw_project_commit(p, err);
	if (p->in_tx)
		fw_project_rollback(p);
	fw_exec(p, "DETACH DATABASE other", NULL);
	fw_exec(p, maps, NULL);
	return rc;
}
