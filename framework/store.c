/*
 * store.c: the project file.  One SQLite database per project; the schema
 * version lives in PRAGMA user_version and each migration moves a project
 * one version forward inside a transaction.
 */
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "guid.h"
#include "table.h"
#include "timefmt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Version 1: the Framework data model.  Every foreign key has an index. */
static const char schema_v1[] =
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT);\n"
	"CREATE TABLE source(\n"
	"  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE, path TEXT, format TEXT NOT NULL,\n"
	"  encoding TEXT, sha256 TEXT NOT NULL UNIQUE, text TEXT NOT NULL,\n"
	"  chars INTEGER NOT NULL, lines INTEGER NOT NULL, words INTEGER,\n"
	"  imported_at TEXT NOT NULL);\n"
	"CREATE TABLE \"case\"(\n"
	"  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE, is_group INTEGER NOT NULL DEFAULT 0,\n"
	"  sort INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE speaker(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  label TEXT NOT NULL, role TEXT NOT NULL,\n"
	"  case_id INTEGER REFERENCES \"case\"(id) ON DELETE SET NULL,\n"
	"  UNIQUE(source_id, label));\n"
	"CREATE INDEX speaker_case ON speaker(case_id);\n"
	"CREATE TABLE utterance(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL,\n"
	"  speaker_id INTEGER REFERENCES speaker(id) ON DELETE CASCADE,\n"
	"  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,\n"
	"  bstart INTEGER NOT NULL, bend INTEGER NOT NULL,\n"
	"  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,\n"
	"  t_start_ms INTEGER, t_end_ms INTEGER,\n"
	"  UNIQUE(source_id, seq));\n"
	"CREATE INDEX utterance_speaker ON utterance(speaker_id);\n"
	"CREATE TABLE attribute(\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  type TEXT NOT NULL DEFAULT 'text', sort INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE case_value(\n"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  attribute_id INTEGER NOT NULL REFERENCES attribute(id) ON DELETE CASCADE,\n"
	"  value TEXT NOT NULL, PRIMARY KEY(case_id, attribute_id));\n"
	"CREATE INDEX case_value_attribute ON case_value(attribute_id);\n"
	"CREATE TABLE case_source(\n"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY(case_id, source_id));\n"
	"CREATE INDEX case_source_source ON case_source(source_id);\n"
	"CREATE TABLE code(\n"
	"  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  parent_id INTEGER REFERENCES code(id) ON DELETE CASCADE,\n"
	"  number TEXT NOT NULL UNIQUE, name TEXT NOT NULL,\n"
	"  definition TEXT, use_when TEXT, not_when TEXT, example TEXT,\n"
	"  origin TEXT, color TEXT, depth INTEGER NOT NULL DEFAULT 1,\n"
	"  sort INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX code_parent ON code(parent_id);\n"
	"CREATE TABLE rule(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,\n"
	"  pattern TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '',\n"
	"  scope TEXT NOT NULL, speaker_role TEXT NOT NULL, line INTEGER);\n"
	"CREATE INDEX rule_code ON rule(code_id);\n"
	"CREATE TABLE coder(id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL UNIQUE);\n"
	"CREATE TABLE coding(\n"
	"  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,\n"
	"  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,\n"
	"  coder_id INTEGER REFERENCES coder(id),\n"
	"  origin TEXT NOT NULL CHECK(origin IN ('manual','rule')),\n"
	"  created_at TEXT NOT NULL);\n"
	"CREATE INDEX coding_code ON coding(code_id, source_id);\n"
	"CREATE INDEX coding_source ON coding(source_id);\n"
	"CREATE INDEX coding_coder ON coding(coder_id);\n"
	"CREATE TABLE cell(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,\n"
	"  summary TEXT, agreement TEXT,\n"
	"  coder_id INTEGER REFERENCES coder(id),\n"
	"  updated_at TEXT NOT NULL, UNIQUE(case_id, code_id));\n"
	"CREATE INDEX cell_code ON cell(code_id);\n"
	"CREATE INDEX cell_coder ON cell(coder_id);\n"
	"CREATE TABLE cell_ref(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  cell_id INTEGER NOT NULL REFERENCES cell(id) ON DELETE CASCADE,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,\n"
	"  quote INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE INDEX cell_ref_cell ON cell_ref(cell_id);\n"
	"CREATE INDEX cell_ref_source ON cell_ref(source_id);\n"
	"CREATE TABLE memo(\n"
	"  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,\n"
	"  target_kind TEXT, target_id INTEGER, source_id INTEGER\n"
	"    REFERENCES source(id) ON DELETE CASCADE,\n"
	"  start INTEGER, \"end\" INTEGER, text TEXT NOT NULL,\n"
	"  coder_id INTEGER REFERENCES coder(id), created_at TEXT NOT NULL);\n"
	"CREATE INDEX memo_source ON memo(source_id);\n"
	"CREATE INDEX memo_coder ON memo(coder_id);\n"
	/* views for analysts using the sqlite3 shell */
	"CREATE VIEW v_codings AS\n"
	"  SELECT k.id, c.number AS code, c.name AS code_name, s.name AS source,\n"
	"    k.start, k.\"end\", k.line_start, k.line_end, k.origin,\n"
	"    substr(s.text, k.start + 1, k.\"end\" - k.start) AS text\n"
	"  FROM coding k JOIN code c ON c.id = k.code_id\n"
	"  JOIN source s ON s.id = k.source_id;\n"
	"CREATE VIEW v_case_attributes AS\n"
	"  SELECT c.name AS \"case\", a.name AS attribute, v.value\n"
	"  FROM case_value v JOIN \"case\" c ON c.id = v.case_id\n"
	"  JOIN attribute a ON a.id = v.attribute_id;\n"
	"CREATE VIEW v_cells AS\n"
	"  SELECT c.name AS \"case\", k.number AS code, l.summary, l.agreement\n"
	"  FROM cell l JOIN \"case\" c ON c.id = l.case_id\n"
	"  JOIN code k ON k.id = l.code_id;\n";

/* Version 2: a source can belong to each participant's own case (focus
 * groups coded per person); codings then belong to the case of the
 * speaker whose turns they cover.  coding_case says which case a coding
 * counts for, whichever way its source is linked. */
static const char schema_v2[] =
	"ALTER TABLE case_source ADD COLUMN by_speaker INTEGER NOT NULL DEFAULT 0;\n"
	"CREATE INDEX utterance_span ON utterance(source_id, start);\n"
	"CREATE VIEW coding_case AS\n"
	"  SELECT g.id AS coding_id, x.case_id AS case_id FROM coding g\n"
	"  JOIN case_source x ON x.source_id = g.source_id AND x.by_speaker = 0\n"
	"  UNION ALL\n"
	"  SELECT DISTINCT g.id, k.case_id FROM coding g\n"
	"  JOIN case_source x ON x.source_id = g.source_id AND x.by_speaker = 1\n"
	"  JOIN utterance u ON u.source_id = g.source_id AND u.start < g.\"end\"\n"
	"    AND u.\"end\" > g.start\n"
	"  JOIN speaker k ON k.id = u.speaker_id AND k.case_id = x.case_id;\n";

/* Version 3: drafts.  A summary charter drafted from the coded text
 * (chart summarise) is marked until a researcher sets or accepts it. */
static const char schema_v3[] =
	"ALTER TABLE cell ADD COLUMN draft INTEGER NOT NULL DEFAULT 0;\n";

/* Version 4: views for analysts (docs/SQL.md). */
static const char schema_v4[] =
	"CREATE VIEW v_cases AS\n"
	"  SELECT c.id AS case_id, c.name AS \"case\", c.is_group,\n"
	"    (SELECT group_concat(s.name, '; ') FROM case_source x JOIN source s\n"
	"     ON s.id = x.source_id WHERE x.case_id = c.id) AS sources\n"
	"  FROM \"case\" c;\n"
	"CREATE VIEW v_utterances AS\n"
	"  SELECT u.id AS utterance_id, s.name AS source, u.seq AS turn,\n"
	"    k.label AS speaker, k.role, c.name AS \"case\", u.line_start,\n"
	"    u.line_end, u.t_start_ms, u.t_end_ms, u.start, u.\"end\",\n"
	"    substr(s.text, u.start + 1, u.\"end\" - u.start) AS text\n"
	"  FROM utterance u JOIN source s ON s.id = u.source_id\n"
	"  LEFT JOIN speaker k ON k.id = u.speaker_id\n"
	"  LEFT JOIN \"case\" c ON c.id = k.case_id;\n"
	"CREATE VIEW v_coded AS\n"
	"  SELECT c.name AS \"case\", k.number AS code, k.name AS code_name,\n"
	"    s.name AS source, g.line_start, g.line_end, g.origin,\n"
	"    substr(s.text, g.start + 1, g.\"end\" - g.start) AS text\n"
	"  FROM coding g JOIN coding_case x ON x.coding_id = g.id\n"
	"  JOIN \"case\" c ON c.id = x.case_id JOIN code k ON k.id = g.code_id\n"
	"  JOIN source s ON s.id = g.source_id;\n";

/* The coding_case view (version 5 on): see FW_SQL_SPEAKER_CASE. */
#define CODING_CASE_VIEW                                                        \
	"CREATE VIEW coding_case AS\n"                                          \
	"  SELECT g.id AS coding_id, x.case_id AS case_id FROM coding g\n"      \
	"  JOIN case_source x ON x.source_id = g.source_id AND x.by_speaker = " \
	"0\n"                                                                   \
	"  UNION ALL\n"                                                         \
	"  SELECT DISTINCT g.id, sp.case_id FROM case_source x\n"               \
	"  CROSS JOIN coding g ON g.source_id = x.source_id\n"                  \
	"  " FW_SQL_SPEAKER_CASE "\n"                                           \
	"  WHERE x.by_speaker = 1;\n"

/* Version 5: coding_case reads participant links first (CROSS JOIN keeps
 * that order), so projects without them never scan every coding twice;
 * and an index finds those links. */
static const char schema_v5[] =
	"CREATE INDEX case_source_by_speaker ON case_source(by_speaker);\n"
	"DROP VIEW coding_case;\n" CODING_CASE_VIEW;

/* Version 6: a source's details, as its cover sheet gives them (Date,
 * Place, Interviewer ...), in the sheet's order. */
static const char schema_v6[] =
	"CREATE TABLE source_detail(\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,\n"
	"  PRIMARY KEY(source_id, seq));\n";

/* Version 7: views of the codebook, the coders, the speakers and the
 * sources' details, with plain column names (docs/SQL.md). */
static const char schema_v7[] =
	"CREATE VIEW v_codebook AS\n"
	"  SELECT k.number AS code, k.name, p.number AS parent, k.depth,\n"
	"    k.definition, k.use_when, k.not_when, k.example,\n"
	"    (SELECT count(*) FROM rule r WHERE r.code_id = k.id) AS rules,\n"
	"    (SELECT count(*) FROM coding g WHERE g.code_id = k.id) AS codings\n"
	"  FROM code k LEFT JOIN code p ON p.id = k.parent_id;\n"
	"CREATE VIEW v_coders AS\n"
	"  SELECT w.name AS coder, (SELECT count(*) FROM coding g WHERE\n"
	"    g.coder_id = w.id) AS codings, (SELECT count(*) FROM cell l\n"
	"    WHERE l.coder_id = w.id) AS cells FROM coder w;\n"
	"CREATE VIEW v_speakers AS\n"
	"  SELECT s.name AS source, k.label AS speaker, k.role,\n"
	"    c.name AS case_name, (SELECT count(*) FROM utterance u WHERE\n"
	"    u.speaker_id = k.id) AS turns\n"
	"  FROM speaker k JOIN source s ON s.id = k.source_id\n"
	"  LEFT JOIN \"case\" c ON c.id = k.case_id;\n"
	"CREATE VIEW v_source_details AS\n"
	"  SELECT s.name AS source, d.key AS detail, d.value\n"
	"  FROM source_detail d JOIN source s ON s.id = d.source_id;\n";

/* Version 8: the history.  Each writing verb is an entry with the
 * changes it made as a session changeset, for `charter log` and `charter
 * undo`; undone_by is the undo entry that reverted it. */
static const char schema_v8[] =
	"CREATE TABLE history(\n"
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT NOT NULL,\n"
	"  verb TEXT NOT NULL, args TEXT NOT NULL, changes TEXT NOT NULL,\n"
	"  changeset BLOB NOT NULL, undone_by INTEGER);\n"
	"CREATE VIEW v_history AS\n"
	"  SELECT id AS entry, at, coder, verb, args, changes, undone_by\n"
	"  FROM history;\n";

/* Version 9: review.  A coding is suggested (a rule's hit, until a
 * researcher decides), confirmed (by hand, or a suggestion accepted) or
 * rejected (kept, so that auto-coding does not suggest it again); it
 * remembers the rule that made it and who decided it.  Ids are never
 * used twice (AUTOINCREMENT), so that an id in the history or a memo
 * names one coding for good.  The table is rebuilt, and the views on it
 * with it; rule codings of an older project become suggestions, which
 * the project says once when next opened. */
static const char schema_v9[] =
	"DROP VIEW v_codings; DROP VIEW v_coded; DROP VIEW coding_case;\n"
	"DROP VIEW v_codebook; DROP VIEW v_coders;\n"
	"CREATE TABLE coding_v9(\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL UNIQUE,\n"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,\n"
	"  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,\n"
	"  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,\n"
	"  line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,\n"
	"  coder_id INTEGER REFERENCES coder(id),\n"
	"  origin TEXT NOT NULL CHECK(origin IN ('manual','rule')),\n"
	"  created_at TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'confirmed'\n"
	"    CHECK(status IN ('suggested','confirmed','rejected')),\n"
	"  rule_id INTEGER REFERENCES rule(id) ON DELETE SET NULL,\n"
	"  reviewer_id INTEGER REFERENCES coder(id), reviewed_at TEXT);\n"
	"INSERT INTO coding_v9(id, guid, code_id, source_id, start, \"end\",\n"
	"  line_start, line_end, coder_id, origin, created_at, status)\n"
	"  SELECT id, guid, code_id, source_id, start, \"end\", line_start,\n"
	"  line_end, coder_id, origin, created_at, CASE origin WHEN 'rule'\n"
	"  THEN 'suggested' ELSE 'confirmed' END FROM coding;\n"
	"INSERT INTO setting(key, value) SELECT 'notice', 'this project was '\n"
	"  || 'made before review: its ' || count(*) || ' auto-coded '\n"
	"  || 'passages are now suggestions, which charts, queries and '\n"
	"  || 'reports leave out until they are accepted (charter review)'\n"
	"  FROM coding WHERE origin = 'rule' HAVING count(*) > 0\n"
	"  ON CONFLICT(key) DO UPDATE SET value = excluded.value;\n"
	"DROP TABLE coding;\n"
	"ALTER TABLE coding_v9 RENAME TO coding;\n"
	"CREATE INDEX coding_code ON coding(code_id, source_id);\n"
	"CREATE INDEX coding_source ON coding(source_id);\n"
	"CREATE INDEX coding_coder ON coding(coder_id);\n"
	"CREATE INDEX coding_rule ON coding(rule_id);\n"
	"CREATE INDEX coding_reviewer ON coding(reviewer_id);\n"

	CODING_CASE_VIEW "CREATE VIEW v_codings AS\n"
	"  SELECT k.id, c.number AS code, c.name AS code_name, s.name AS source,\n"
	"    k.start, k.\"end\", k.line_start, k.line_end, k.origin, k.status,\n"
	"    k.rule_id AS rule, substr(s.text, k.start + 1, k.\"end\" - k.start)\n"
	"    AS text\n"
	"  FROM coding k JOIN code c ON c.id = k.code_id\n"
	"  JOIN source s ON s.id = k.source_id;\n"
	"CREATE VIEW v_coded AS\n"
	"  SELECT c.name AS \"case\", k.number AS code, k.name AS code_name,\n"
	"    s.name AS source, g.line_start, g.line_end, g.origin, g.status,\n"
	"    substr(s.text, g.start + 1, g.\"end\" - g.start) AS text\n"
	"  FROM coding g JOIN coding_case x ON x.coding_id = g.id\n"
	"  JOIN \"case\" c ON c.id = x.case_id JOIN code k ON k.id = g.code_id\n"
	"  JOIN source s ON s.id = g.source_id;\n"
	"CREATE VIEW v_codebook AS\n"
	"  SELECT k.number AS code, k.name, p.number AS parent, k.depth,\n"
	"    k.definition, k.use_when, k.not_when, k.example,\n"
	"    (SELECT count(*) FROM rule r WHERE r.code_id = k.id) AS rules,\n"
	"    (SELECT count(*) FROM coding g WHERE g.code_id = k.id AND\n"
	"     g.status = 'confirmed') AS codings,\n"
	"    (SELECT count(*) FROM coding g WHERE g.code_id = k.id AND\n"
	"     g.status = 'suggested') AS suggested\n"
	"  FROM code k LEFT JOIN code p ON p.id = k.parent_id;\n"
	"CREATE VIEW v_coders AS\n"
	"  SELECT w.name AS coder, (SELECT count(*) FROM coding g WHERE\n"
	"    g.coder_id = w.id) AS codings, (SELECT count(*) FROM coding g\n"
	"    WHERE g.reviewer_id = w.id) AS reviewed, (SELECT count(*) FROM\n"
	"    cell l WHERE l.coder_id = w.id) AS cells FROM coder w;\n"
	"CREATE VIEW v_review AS\n"
	"  SELECT g.id, k.number AS code, k.name AS code_name, s.name AS source,\n"
	"    g.line_start, g.line_end, g.status, r.pattern AS rule,\n"
	"    w.name AS reviewer, g.reviewed_at,\n"
	"    substr(s.text, g.start + 1, g.\"end\" - g.start) AS text\n"
	"  FROM coding g JOIN code k ON k.id = g.code_id\n"
	"  JOIN source s ON s.id = g.source_id\n"
	"  LEFT JOIN rule r ON r.id = g.rule_id\n"
	"  LEFT JOIN coder w ON w.id = g.reviewer_id\n"
	"  WHERE g.origin = 'rule';\n";

/* Version 10: how the framework evolved.  Each change to the codebook
 * (an import, a code added, renamed, renumbered, merged or deleted) with
 * its time and coder, and how many codings the project held then, so that
 * the method can tell the framework drafted before indexing from the
 * themes that emerged during it. */
static const char schema_v10[] =
	"CREATE TABLE framework_change(\n"
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT NOT NULL,\n"
	"  action TEXT NOT NULL, code TEXT, detail TEXT NOT NULL,\n"
	"  codings INTEGER NOT NULL);\n"
	"CREATE VIEW v_framework_changes AS\n"
	"  SELECT id AS change, at, coder, action, code, detail,\n"
	"    codings AS codings_then FROM framework_change;\n";

/* Version 11: memos with a kind and an explicit anchor: the project, a
 * source, a span of it, a case, a code, a cell (case and code) or a theme
 * within an actor group (code and the group's value), as researchers
 * write them; ids never used twice. */
static const char schema_v11[] =
	"CREATE TABLE memo_v11(\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL UNIQUE,\n"
	"  kind TEXT NOT NULL DEFAULT 'note'\n"
	"    CHECK(kind IN ('analytic','method','reflexive','note')),\n"
	"  target TEXT NOT NULL DEFAULT 'project' CHECK(target IN\n"
	"    ('project','source','span','case','code','cell','theme')),\n"
	"  source_id INTEGER REFERENCES source(id) ON DELETE CASCADE,\n"
	"  start INTEGER, \"end\" INTEGER, line_start INTEGER, line_end INTEGER,\n"
	"  case_id INTEGER REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  code_id INTEGER REFERENCES code(id) ON DELETE SET NULL,\n"
	"  grp TEXT, title TEXT, text TEXT NOT NULL,\n"
	"  coder_id INTEGER REFERENCES coder(id), created_at TEXT NOT NULL,\n"
	"  updated_at TEXT);\n"
	"INSERT INTO memo_v11(id, guid, target, source_id, start, \"end\", text,\n"
	"  coder_id, created_at) SELECT id, guid, CASE WHEN source_id IS NULL\n"
	"  THEN 'project' WHEN start IS NULL THEN 'source' ELSE 'span' END,\n"
	"  source_id, start, \"end\", text, coder_id, created_at FROM memo;\n"
	"DROP TABLE memo;\n"
	"ALTER TABLE memo_v11 RENAME TO memo;\n"
	"CREATE INDEX memo_source ON memo(source_id);\n"
	"CREATE INDEX memo_coder ON memo(coder_id);\n"
	"CREATE INDEX memo_case ON memo(case_id);\n"
	"CREATE INDEX memo_code ON memo(code_id);\n"
	"CREATE VIEW v_memos AS\n"
	"  SELECT m.id, m.kind, m.target, s.name AS source, m.line_start,\n"
	"    m.line_end, c.name AS case_name, k.number AS code, m.grp AS\n"
	"    actor_group, m.title, m.text, w.name AS author, m.created_at,\n"
	"    m.updated_at FROM memo m LEFT JOIN source s ON s.id = m.source_id\n"
	"  LEFT JOIN \"case\" c ON c.id = m.case_id\n"
	"  LEFT JOIN code k ON k.id = m.code_id\n"
	"  LEFT JOIN coder w ON w.id = m.coder_id;\n";

/* Version 12: a verb's changes kept in chunks of up to a megabyte, so
 * that no changeset, however large, is ever held whole in memory; entries
 * before it keep theirs in history.changeset. */
static const char schema_v12[] =
	"CREATE TABLE history_chunk(\n"
	"  entry INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL, data BLOB NOT NULL,\n"
	"  PRIMARY KEY(entry, seq)) WITHOUT ROWID;\n";

/* Version 13: no index on a coding's status.  With three values it
 * selects nothing, yet the planner (without statistics) preferred it to
 * the source and code indexes for every query through `counted`, reading
 * every coding for each source: an export of 2,076 sources and 691,072
 * codings took six minutes. */
static const char schema_v13[] = "DROP INDEX IF EXISTS coding_status;\n";

/* Version 14: the search indexes hold no text.  The old ones kept a copy
 * of every turn (the file twice its size); they go, and are built again,
 * contentless (search_index.c), with their state where an undo does not
 * reach it. */
static const char schema_v14[] =
	"DROP TABLE IF EXISTS turn_fts;\n"
	"DROP TABLE IF EXISTS turn_raw;\n"
	"DELETE FROM setting WHERE key IN ('fts_turns', 'fts_raw_turns');\n"
	"CREATE TABLE turn_fts_state(\n"
	"  name TEXT PRIMARY KEY, turns INTEGER NOT NULL,\n"
	"  max_id INTEGER NOT NULL);\n";

/* Version 15: the code index covers what a chart reads of a coding (its
 * source, status and lines), so a theme's codings are read from the index
 * alone: chart 1 of 2,000 cases and 690,000 codings from 1 s to tens of
 * milliseconds. */
static const char schema_v15[] =
	"CREATE INDEX coding_chart ON coding(code_id, source_id, status,\n"
	"  line_start, line_end);\n"
	"DROP INDEX IF EXISTS coding_code;\n";

/* Version 16: a verb's history in parts, each a changeset of its own,
 * written as the verb goes (fw_history_flush) so that recording a large
 * change holds a bounded part of it in memory; undo applies them last
 * first.  Entries before it are one part. */
static const char schema_v16[] =
	"ALTER TABLE history_chunk ADD COLUMN part INTEGER NOT NULL "
	"DEFAULT 0;\n";

/* Version 17: merging projects.  A cell's summary that differs from the
 * one merged in is kept beside it as a conflict to resolve; another
 * project's history comes along as a log (its changes belong to that
 * project's rows, so they are not undone here; undoing the merge takes
 * them out again). */
static const char schema_v17[] =
	"CREATE TABLE cell_conflict(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,\n"
	"  summary TEXT NOT NULL, agreement TEXT,\n"
	"  coder_id INTEGER REFERENCES coder(id), updated_at TEXT NOT NULL,\n"
	"  came_from TEXT NOT NULL, UNIQUE(case_id, code_id, summary));\n"
	"CREATE INDEX cell_conflict_code ON cell_conflict(code_id);\n"
	"CREATE INDEX cell_conflict_coder ON cell_conflict(coder_id);\n"
	"CREATE TABLE carried_log(\n"
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT NOT NULL,\n"
	"  verb TEXT NOT NULL, args TEXT NOT NULL, changes TEXT NOT NULL,\n"
	"  came_from TEXT NOT NULL);\n"
	"CREATE VIEW v_cell_conflicts AS\n"
	"  SELECT c.name AS \"case\", k.number AS code, f.summary, f.agreement,\n"
	"    w.name AS coder, f.came_from, f.updated_at FROM cell_conflict f\n"
	"  JOIN \"case\" c ON c.id = f.case_id JOIN code k ON k.id = f.code_id\n"
	"  LEFT JOIN coder w ON w.id = f.coder_id;\n";

static const char *const migrations[] = {
	schema_v1,  schema_v2,  schema_v3,  schema_v4,  schema_v5,  schema_v6,
	schema_v7,  schema_v8,  schema_v9,  schema_v10, schema_v11, schema_v12,
	schema_v13, schema_v14, schema_v15, schema_v16, schema_v17};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int fw_schema_version(void)
{
	return NMIGRATIONS;
}

/* The database's last error as charter's: a locked project is busy
 * (another charter is writing to it), anything else an I/O error. */
static int db_err(sqlite3 *db, fw_error *err, const char *path,
		  const char *what)
{
	int e = sqlite3_errcode(db);
	if (e == SQLITE_BUSY || e == SQLITE_LOCKED)
		return fw_error_set(err, FW_EBUSY, path, 0,
				    "%s: the project is busy (another charter "
				    "is writing to it); try again",
				    what);
	return fw_error_set(err, FW_EIO, path, 0, "%s: %s", what,
			    sqlite3_errmsg(db));
}

int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err)
{
	return fw_store_migrate_to(db, path, NMIGRATIONS, err);
}

int fw_store_migrate_to(sqlite3 *db, const char *path, int to, fw_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL))
		return db_err(db, err, path, "not a charter project");
	int v = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v > NMIGRATIONS)
		return fw_error_set(
			err, FW_EINVAL, path, 0,
			"project schema version %d is newer than this "
			"charter (%d): upgrade charter",
			v, NMIGRATIONS);
	for (; v < to && v < NMIGRATIONS; v++) {
		char *msg = NULL;
		char sql[64];
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
			return db_err(db, err, path, "cannot migrate");
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(db, migrations[v], NULL, NULL, &msg) ||
		    sqlite3_exec(db, sql, NULL, NULL, &msg) ||
		    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg)) {
			fw_error_set(err, FW_EIO, path, 0,
				     "migration to version %d: %s", v + 1,
				     msg ? msg : "failed");
			sqlite3_free(msg);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return FW_EIO;
		}
	}
	return 0;
}

int fw_sql_error(fw_project *p, fw_error *err, const char *what)
{
	return db_err(p->db, err, p->path, what);
}

static const char *const cached_sql[FW_Q_N] = {
	[FW_Q_CASE_VALUE] = "SELECT v.value FROM case_value v JOIN attribute a "
			    "ON a.id=v.attribute_id WHERE v.case_id=?1 AND "
			    "a.name=?2",
	[FW_Q_CASE_ID] = "SELECT id FROM \"case\" WHERE name=?1",
	[FW_Q_CODE_ID] = "SELECT id FROM code WHERE number=?1",
	[FW_Q_SOURCE_ID] = "SELECT id FROM source WHERE name=?1",
	[FW_Q_ATTRIBUTE_ID] = "SELECT id FROM attribute WHERE name=?1",
	[FW_Q_ADD_CODING] =
		"INSERT INTO coding(guid,code_id,source_id,start,"
		"\"end\",line_start,line_end,coder_id,origin,"
		"created_at,status,rule_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,"
		"?9,?10,?11,?12)",
	[FW_Q_ADD_CASE] = "INSERT INTO \"case\"(guid,name,sort) VALUES(?1,?2,"
			  "coalesce(?3,(SELECT coalesce(max(sort),0)+1 FROM "
			  "\"case\")))",
	[FW_Q_ADD_CODE] = "INSERT INTO code(guid,parent_id,number,name,"
			  "definition,use_when,not_when,example,origin,color,"
			  "depth,sort) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"
			  "?11,?12)",
	[FW_Q_ADD_SOURCE] = "INSERT INTO source(guid,name,path,format,encoding,"
			    "sha256,text,chars,lines,words,imported_at) "
			    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
	[FW_Q_ADD_CODER] = "INSERT INTO coder(guid,name) VALUES(?1,?2)",
	[FW_Q_CODER_ID] = "SELECT id FROM coder WHERE name=?1",
	[FW_Q_LINK_CASE] = ("INSERT OR IGNORE INTO case_source(case_id,"
			    "source_id,by_speaker) VALUES(?1,?2,?3)"),
};

sqlite3_stmt *fw_stmt(fw_project *p, int q, fw_error *err)
{
	sqlite3_stmt *st = p->cache[q];
	if (!st) {
		if (fw_prepare(p, &st, cached_sql[q], err))
			return NULL;
		p->cache[q] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void fw_stmt_cache_free(fw_project *p)
{
	for (int q = 0; q < FW_Q_N; q++) {
		sqlite3_finalize(p->cache[q]);
		p->cache[q] = NULL;
	}
}

int fw_step(fw_project *p, sqlite3_stmt *st, fw_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fw_sql_error(p, err, "reading the project");
}

int fw_step_done(fw_project *p, sqlite3_stmt *st, const char *what,
		 fw_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return fw_sql_error(p, err, what);
}

static void keep_failure(fw_project *p)
{
	if (p->step_rc)
		return;
	int e = sqlite3_errcode(p->db);
	p->step_rc = e == SQLITE_BUSY || e == SQLITE_LOCKED ? FW_EBUSY : FW_EIO;
	snprintf(p->step_msg, sizeof p->step_msg, "%s", sqlite3_errmsg(p->db));
}

int fw_row(fw_project *p, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		keep_failure(p);
	return 0;
}

int fw_done(fw_project *p, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 1;
	keep_failure(p);
	return 0;
}

int fw_rows_ok(fw_project *p, fw_error *err)
{
	int rc = p->step_rc;
	if (!rc)
		return 0;
	p->step_rc = 0;
	if (rc == FW_EBUSY)
		return fw_error_set(err, rc, p->path, 0,
				    "the project is busy (another charter is "
				    "writing to it); try again");
	return fw_error_set(err, rc, p->path, 0, "reading the project: %s",
			    p->step_msg);
}

int fw_table_done(fw_table **out, fw_table *t, fw_project *p, fw_error *err)
{
	int rc = fw_rows_ok(p, err);
	if (rc) {
		fw_table_free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

int fw_table_rows(fw_table **out, fw_project *p, sqlite3_stmt *st, size_t ncols,
		  const char *const *cols, fw_error *err)
{
	fw_table *t = fw_table_new(ncols, cols);
	const char **row = fw_xcalloc(ncols + 1, sizeof *row);
	while (fw_row(p, st)) {
		for (size_t i = 0; i < ncols; i++)
			row[i] = (const char *)sqlite3_column_text(st, (int)i);
		fw_table_add(t, FW_ROW_DATA, row);
	}
	free(row);
	sqlite3_finalize(st);
	return fw_table_done(out, t, p, err);
}

long long fw_lookup_id(fw_project *p, int q, const char *key)
{
	sqlite3_stmt *st = fw_stmt(p, q, NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	long long id = fw_row(p, st) ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

char *fw_case_value(fw_project *p, long long cid, const char *attr)
{
	sqlite3_stmt *st = fw_stmt(p, FW_Q_CASE_VALUE, NULL);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, attr, -1, SQLITE_TRANSIENT);
	char *v = fw_row(p, st)
			  ? fw_xstrdup((const char *)sqlite3_column_text(st, 0))
			  : NULL;
	sqlite3_reset(st);
	return v;
}

int fw_find_id(long long *id, fw_project *p, int q, const char *key,
	       const char *what, fw_error *err)
{
	if (!(*id = fw_lookup_id(p, q, key)))
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0, "no %s '%s'",
				    what, key);
	return fw_rows_ok(p, err);
}

static void keep_failure(fw_project *p);

int fw_prepare(fw_project *p, sqlite3_stmt **st, const char *sql, fw_error *err)
{
	if (sqlite3_prepare_v2(p->db, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	*st = NULL;
	if (!err) /* a caller that does not ask still gets it reported */
		keep_failure(p);
	return fw_sql_error(p, err, "database");
}

int fw_prepare_all(fw_project *p, const fw_stmt_sql *list, size_t n,
		   fw_error *err)
{
	for (size_t i = 0; i < n; i++)
		*list[i].st = NULL;
	for (size_t i = 0; i < n; i++) {
		int rc = fw_prepare(p, list[i].st, list[i].sql, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* Binds ?1, ?2 ... as types says (see fw_query).  'C' and 'K' look a
 * name up in p, so only fw_query, which has p, takes them. */
static int bind_args(fw_project *p, fw_error *err, sqlite3_stmt *st,
		     const char *types, va_list ap)
{
	for (int i = 1; types[i - 1]; i++)
		switch (types[i - 1]) {
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 'I': fw_bind_id(st, i, va_arg(ap, long long)); break;
		case 'n': sqlite3_bind_int(st, i, va_arg(ap, int)); break;
		case 'd': sqlite3_bind_double(st, i, va_arg(ap, double)); break;
		case 'b': {
			/* text of a given length, the caller's until the step
			 */
			const char *t = va_arg(ap, const char *);
			size_t n = va_arg(ap, size_t);
			sqlite3_bind_text(st, i, t, (int)n, SQLITE_STATIC);
			break;
		}
		case 'B': {
			/* bytes of a given length, as 'b' but a blob */
			const void *t = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			sqlite3_bind_blob64(st, i, t, n, SQLITE_STATIC);
			break;
		}
		case 'C':
		case 'K': {
			const char *name = va_arg(ap, const char *);
			long long id;
			int c = types[i - 1] == 'C';
			int rc = p ? fw_find_id(&id, p,
						c ? FW_Q_CASE_ID : FW_Q_CODE_ID,
						name, c ? "case" : "code", err)
				   : FW_EINVAL;
			if (rc)
				return rc;
			sqlite3_bind_int64(st, i, id);
			break;
		}
		default: fw_bind_text(st, i, va_arg(ap, const char *)); break;
		}
	return 0;
}

/* fw_query with its arguments as a va_list. */
static int query_v(sqlite3_stmt **st, fw_project *p, fw_error *err,
		   const char *sql, const char *types, va_list ap)
{
	int rc = fw_prepare(p, st, sql, err);
	if (rc)
		return rc;
	if ((rc = bind_args(p, err, *st, types, ap))) {
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return rc;
}

int fw_query(sqlite3_stmt **st, fw_project *p, fw_error *err, const char *sql,
	     const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = query_v(st, p, err, sql, types, ap);
	va_end(ap);
	return rc;
}

long long fw_query_int(fw_project *p, long long none, const char *sql,
		       const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, NULL, sql, types, ap);
	va_end(ap);
	if (rc)
		return none;
	long long v = none;
	if (fw_row(p, st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int fw_run(fw_project *p, fw_error *err, const char *what, int *changed,
	   const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	if ((rc = fw_step_done(p, st, what, err)) && !err)
		keep_failure(p); /* reported by fw_rows_ok, or the commit */
	if (!rc && changed)
		*changed = sqlite3_changes(p->db);
	sqlite3_finalize(st);
	return rc;
}

int fw_table_query(fw_table **out, fw_project *p, fw_error *err,
		   const char *const *cols, size_t ncols, const char *sql,
		   const char *types, ...)
{
	*out = NULL;
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(&st, p, err, sql, types, ap);
	va_end(ap);
	return rc ? rc : fw_table_rows(out, p, st, ncols, cols, err);
}

void fw_columns(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++)
		switch (types[i]) {
		case 'i':
			*va_arg(ap, long long *) = sqlite3_column_int64(st, i);
			break;
		case 'n': *va_arg(ap, int *) = sqlite3_column_int(st, i); break;
		case 'l':
			*va_arg(ap, long *) = (long)sqlite3_column_int64(st, i);
			break;
		case 'd':
			*va_arg(ap, double *) = sqlite3_column_double(st, i);
			break;
		case 't':
			*va_arg(ap, char **) = fw_xstrdup(
				(const char *)sqlite3_column_text(st, i));
			break;
		default: break;
		}
	va_end(ap);
}

void fw_rebind(sqlite3_stmt *st, const char *types, ...)
{
	sqlite3_reset(st);
	va_list ap;
	va_start(ap, types);
	bind_args(NULL, NULL, st, types, ap);
	va_end(ap);
}

int fw_exec(fw_project *p, const char *sql, fw_error *err)
{
	if (sqlite3_exec(p->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fw_sql_error(p, err, "database");
	return 0;
}

/* ---- row writers --------------------------------------------------------- */

void fw_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void fw_bind_id(sqlite3_stmt *st, int i, long long id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Run a bound writer; *id the new row's.  Resets it either way. */
static int add_row(long long *id, fw_project *p, sqlite3_stmt *st,
		   const char *what, fw_error *err)
{
	int rc = fw_step_done(p, st, what, err);
	sqlite3_reset(st);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(p->db);
	return rc;
}

/* The GUID to give a new row: the one it came with, or a new one. */
static const char *guid_for(const char *guid, char buf[37])
{
	if (guid && *guid)
		return guid;
	fw_guid_new(buf);
	return buf;
}

/* A row by cached statement q, its parameters bound as fw_query binds
 * them; *id, if asked for, is the new row's. */
static int put_row(long long *id, fw_project *p, int q, const char *what,
		   fw_error *err, const char *types, ...)
{
	sqlite3_stmt *st = fw_stmt(p, q, err);
	if (!st)
		return FW_EIO;
	va_list ap;
	va_start(ap, types);
	bind_args(NULL, NULL, st, types, ap);
	va_end(ap);
	int rc = add_row(id, p, st, what, err);
	sqlite3_clear_bindings(st); /* texts bound with 'b' are the caller's */
	return rc;
}

int fw_store_coding(long long *id, fw_project *p, const fw_coding_row *r,
		    fw_error *err)
{
	char g[37], now[32];
	if (!r->created_at)
		fw_now(now, sizeof now);
	return put_row(
		id, p, FW_Q_ADD_CODING, "storing a coding", err, "tiiiinnItttI",
		guid_for(r->guid, g), (long long)r->code_id,
		(long long)r->source_id, (long long)r->start, (long long)r->end,
		(int)r->line_start, (int)r->line_end, (long long)r->coder_id,
		r->origin, r->created_at ? r->created_at : now,
		r->status                   ? r->status
		: strcmp(r->origin, "rule") ? "confirmed"
					    : "suggested",
		(long long)r->rule_id);
}

int fw_store_case(long long *id, fw_project *p, const char *guid,
		  const char *name, int sort, fw_error *err)
{
	char g[37];
	/* FW_SORT_NEXT leaves ?3 NULL: after the last case */
	return put_row(id, p, FW_Q_ADD_CASE, "storing a case", err,
		       sort != FW_SORT_NEXT ? "ttn" : "tt", guid_for(guid, g),
		       name, sort);
}

int fw_store_code(long long *id, fw_project *p, const fw_code_row *r,
		  fw_error *err)
{
	char g[37];
	return put_row(id, p, FW_Q_ADD_CODE, "storing a code", err,
		       "tIttttttttnn", guid_for(r->guid, g),
		       (long long)r->parent_id, r->number, r->name,
		       r->definition, r->use_when, r->not_when, r->example,
		       r->origin, r->color, (int)r->depth, (int)r->sort);
}

int fw_store_source(long long *id, fw_project *p, const fw_source_row *r,
		    fw_error *err)
{
	char g[37], now[32];
	if (!r->imported_at)
		fw_now(now, sizeof now);
	return put_row(id, p, FW_Q_ADD_SOURCE, "storing a source", err,
		       "ttttttbinit", guid_for(r->guid, g), r->name, r->path,
		       r->format, r->encoding, r->sha256, r->text,
		       (size_t)r->len, (long long)r->chars, (int)r->lines,
		       (long long)r->words,
		       r->imported_at ? r->imported_at : now);
}

int fw_store_case_source(fw_project *p, long long case_id, long long source_id,
			 int by_speaker, fw_error *err)
{
	return put_row(NULL, p, FW_Q_LINK_CASE, "linking a case to a source",
		       err, "iin", case_id, source_id, by_speaker);
}

int fw_store_coder(long long *id, fw_project *p, const char *guid,
		   const char *name, fw_error *err)
{
	char g[37];
	return put_row(id, p, FW_Q_ADD_CODER, "storing a coder", err, "tt",
		       guid_for(guid, g), name);
}

int fw_no_coding(fw_error *err, long long id)
{
	return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
			    "no coding %lld (charter codings lists them with "
			    "their ids)",
			    id);
}
