/*
 * schema.c: the project file's schema, as the migrations that built it.
 * The version lives in PRAGMA user_version; each migration moves a project
 * one version forward inside a transaction, so a project of any earlier
 * version opens in this charter and one of a later version is refused.
 */
#include "store.h"
#include "errors.h"

#include <stdio.h>
#include <string.h>

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

/* Version 18: a memo on an actor group as a whole (the key findings a
 * report chapter opens with), besides one on a theme or sub-theme within
 * the group; ids and their sequence kept. */
static const char schema_v18[] =
	"CREATE TABLE memo_v18(\n"
	"  id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL UNIQUE,\n"
	"  kind TEXT NOT NULL DEFAULT 'note'\n"
	"    CHECK(kind IN ('analytic','method','reflexive','note')),\n"
	"  target TEXT NOT NULL DEFAULT 'project' CHECK(target IN\n"
	"    ('project','source','span','case','code','cell','theme','group')),\n"
	"  source_id INTEGER REFERENCES source(id) ON DELETE CASCADE,\n"
	"  start INTEGER, \"end\" INTEGER, line_start INTEGER, line_end INTEGER,\n"
	"  case_id INTEGER REFERENCES \"case\"(id) ON DELETE CASCADE,\n"
	"  code_id INTEGER REFERENCES code(id) ON DELETE SET NULL,\n"
	"  grp TEXT, title TEXT, text TEXT NOT NULL,\n"
	"  coder_id INTEGER REFERENCES coder(id), created_at TEXT NOT NULL,\n"
	"  updated_at TEXT);\n"
	"INSERT INTO memo_v18 SELECT id, guid, kind, target, source_id, start,\n"
	"  \"end\", line_start, line_end, case_id, code_id, grp, title, text,\n"
	"  coder_id, created_at, updated_at FROM memo;\n"
	"UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence\n"
	"  WHERE name = 'memo') WHERE name = 'memo_v18' AND EXISTS(SELECT 1\n"
	"  FROM sqlite_sequence WHERE name = 'memo');\n"
	"DROP VIEW v_memos;\n"
	"DROP TABLE memo;\n"
	"ALTER TABLE memo_v18 RENAME TO memo;\n"
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

/* Version 19: how many codings each code has in each source, by status,
 * kept by triggers on coding (through every writer, cascades and undo's
 * changesets alike), so that the matrix query counts from some thousands
 * of rows instead of every coding.  The bulk writers (auto-coding, review
 * of many) drop the triggers, write, and count the table afresh
 * (fw_tally_suspend, fw_tally_resume). */
#define TALLY_TRIGGERS                                                          \
	"CREATE TRIGGER IF NOT EXISTS coding_tally_ins AFTER INSERT ON coding BEGIN\n"         \
	"  INSERT INTO coding_tally(code_id, source_id, status, n)\n"            \
	"    VALUES(new.code_id, new.source_id, new.status, 1)\n"                \
	"    ON CONFLICT(code_id, source_id, status) DO UPDATE SET n = n + 1;\n" \
	"END;\n"                                                                 \
	"CREATE TRIGGER IF NOT EXISTS coding_tally_del AFTER DELETE ON coding BEGIN\n"         \
	"  UPDATE coding_tally SET n = n - 1 WHERE code_id = old.code_id\n"      \
	"    AND source_id = old.source_id AND status = old.status;\n"           \
	"  DELETE FROM coding_tally WHERE code_id = old.code_id\n"               \
	"    AND source_id = old.source_id AND status = old.status AND n <= 0;\n"\
	"END;\n"                                                                 \
	"CREATE TRIGGER IF NOT EXISTS coding_tally_upd AFTER UPDATE OF code_id, source_id,\n"  \
	"  status ON coding BEGIN\n"                                             \
	"  UPDATE coding_tally SET n = n - 1 WHERE code_id = old.code_id\n"      \
	"    AND source_id = old.source_id AND status = old.status;\n"           \
	"  DELETE FROM coding_tally WHERE code_id = old.code_id\n"               \
	"    AND source_id = old.source_id AND status = old.status AND n <= 0;\n"\
	"  INSERT INTO coding_tally(code_id, source_id, status, n)\n"            \
	"    VALUES(new.code_id, new.source_id, new.status, 1)\n"                \
	"    ON CONFLICT(code_id, source_id, status) DO UPDATE SET n = n + 1;\n" \
	"END;\n"
#define TALLY_COUNT                                                            \
	"DELETE FROM coding_tally;\n"                                           \
	"INSERT INTO coding_tally(code_id, source_id, status, n)\n"             \
	"  SELECT code_id, source_id, status, count(*) FROM coding\n"           \
	"  GROUP BY code_id, source_id, status;\n"
static const char schema_v19[] =
	"CREATE TABLE coding_tally(\n"
	"  code_id INTEGER NOT NULL, source_id INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL, n INTEGER NOT NULL,\n"
	"  PRIMARY KEY(code_id, source_id, status)) WITHOUT ROWID;\n"
	TALLY_COUNT TALLY_TRIGGERS;

/* Version 20: rows a bulk writer adds (auto-coding's and import's
 * codings, an ingest's transcripts and turns) are kept in its history
 * entry by range and count, not row by row in its changeset
 * (history_added.c): the codings of a large study, and the texts, were
 * being written twice. */
static const char schema_v20[] =
	"CREATE TABLE history_added(\n"
	"  entry INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,\n"
	"  seq INTEGER NOT NULL, tab TEXT NOT NULL,\n"
	"  lo INTEGER NOT NULL, hi INTEGER NOT NULL, n INTEGER NOT NULL,\n"
	"  PRIMARY KEY(entry, seq)) WITHOUT ROWID;\n";

/* Version 21: the search indexes keep no turn lengths (columnsize=0):
 * nothing ranks by them (hits come in transcript order), and writing one
 * row per turn for them was a tenth of indexing.  They go, and are built
 * again on the next search or ingest. */
static const char schema_v21[] = "DROP TABLE IF EXISTS turn_fts;\n"
				 "DROP TABLE IF EXISTS turn_raw;\n"
				 "DELETE FROM turn_fts_state;\n";

/* Version 22: a coding's status is checked by comparisons, not an IN
 * list: SQLite builds a list of three or more values as a table of its
 * own on every row it checks, which was a quarter of the work of storing
 * a suggestion (and is part of every review and import).  The rule is the same, so the table's
 * definition is edited in place (SQLite's documented way to change a
 * CHECK constraint) instead of copying every coding; fw_store_migrate_to
 * tells other connections the schema changed and reads it again. */
static const char schema_v22[] =
	"PRAGMA writable_schema=ON;\n"
	"UPDATE sqlite_master SET sql = replace(sql,\n"
	"  'CHECK(status IN (''suggested'',''confirmed'',''rejected''))',\n"
	"  'CHECK(status = ''suggested'' OR status = ''confirmed'' OR '\n"
	"  || 'status = ''rejected'')')\n"
	"  WHERE type = 'table' AND name = 'coding';\n";

/* Version 23: the reviewer index holds decided codings only.  A
 * suggestion has no reviewer, and every suggestion auto-coding stored
 * went into it under NULL, one index entry in seven of storing it; every
 * lookup by reviewer (who decided what, a coder's removal) names one. */
static const char schema_v23[] =
	"DROP INDEX IF EXISTS coding_reviewer;\n"
	"CREATE INDEX coding_reviewer ON coding(reviewer_id)\n"
	"  WHERE reviewer_id IS NOT NULL;\n";

const char fw_tally_triggers[] = TALLY_TRIGGERS;
const char fw_tally_count[] = TALLY_COUNT;
const char fw_tally_drop[] = "DROP TRIGGER IF EXISTS coding_tally_ins;\n"
			     "DROP TRIGGER IF EXISTS coding_tally_del;\n"
			     "DROP TRIGGER IF EXISTS coding_tally_upd;\n";

static const char *const migrations[] = {
	schema_v1,  schema_v2,  schema_v3,  schema_v4,  schema_v5,  schema_v6,
	schema_v7,  schema_v8,  schema_v9,  schema_v10, schema_v11, schema_v12,
	schema_v13, schema_v14, schema_v15, schema_v16, schema_v17, schema_v18,
	schema_v19, schema_v20, schema_v21, schema_v22, schema_v23};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int fw_schema_version(void)
{
	return NMIGRATIONS;
}

/* After a migration that edits table definitions in place: the schema
 * cookie moves on, so that every connection reads the schema again, and
 * this one reads it now. */
static int schema_edited(sqlite3 *db, const char *migration, char **msg)
{
	if (!strstr(migration, "PRAGMA writable_schema=ON"))
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &st, NULL))
		return SQLITE_ERROR;
	long long cookie = sqlite3_step(st) == SQLITE_ROW
				   ? sqlite3_column_int64(st, 0)
				   : -1;
	sqlite3_finalize(st);
	if (cookie < 0)
		return SQLITE_ERROR;
	char sql[96];
	snprintf(sql, sizeof sql,
		 "PRAGMA schema_version=%lld; PRAGMA writable_schema=RESET",
		 cookie + 1);
	return sqlite3_exec(db, sql, NULL, NULL, msg);
}

int fw_store_migrate(sqlite3 *db, const char *path, fw_error *err)
{
	return fw_store_migrate_to(db, path, NMIGRATIONS, err);
}

int fw_store_migrate_to(sqlite3 *db, const char *path, int to, fw_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL))
		return fw_store_db_err(db, err, path, "not a charter project");
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
			return fw_store_db_err(db, err, path, "cannot migrate");
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(db, migrations[v], NULL, NULL, &msg) ||
		    schema_edited(db, migrations[v], &msg) ||
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
