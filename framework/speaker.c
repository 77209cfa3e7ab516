/*
 * speaker.c: a source's speakers after ingest, and the corrections a
 * researcher makes to them when a label was misread: rename, merge, role,
 * not a speaker, the case a speaker belongs to.  Turns are rows of
 * utterance (offsets into the source's text); codings hold offsets of
 * their own, so they stay on their words whatever happens here.
 */
#include "fw/speaker.h"
#include "fw/case.h"
#include "store.h"
#include "alias.h"
#include "errors.h"

#include <string.h>

int fw_speaker_list(fw_table **out, fw_project *p, const char *source,
		    fw_error *err)
{
	static const char *const cols[] = {"source", "speaker", "role",
					   "case",   "turns",   "first words"};
	if (source) {
		long long sid;
		int rc = fw_find_id(&sid, p, FW_Q_SOURCE_ID, source, "source",
				    err);
		if (rc)
			return rc;
	}
	return fw_table_query(
		out, p, err, cols, 6,
		"SELECT s.name, k.label, k.role, c.name, (SELECT count(*) FROM "
		"utterance u WHERE u.speaker_id=k.id), (SELECT "
		"replace(replace(substr(s.text, u.start+1, min(60, "
		"u.\"end\"-u.start)), char(10), ' '), char(13), ' ') || CASE "
		"WHEN u.\"end\"-u.start > 60 THEN '...' ELSE '' END FROM "
		"utterance u WHERE u.speaker_id=k.id ORDER BY u.seq LIMIT 1) "
		"FROM speaker k JOIN source s ON s.id=k.source_id LEFT JOIN "
		"\"case\" c ON c.id=k.case_id WHERE ?1 IS NULL OR s.name=?1 "
		"ORDER BY s.name, (SELECT min(seq) FROM utterance u WHERE "
		"u.speaker_id=k.id), k.label",
		"t", source);
}

/* The source's id and its speaker's, by name and label. */
static int speaker_of(long long *sid, long long *kid, fw_project *p,
		      const char *source, const char *label, fw_error *err)
{
	int rc = fw_find_id(sid, p, FW_Q_SOURCE_ID, source, "source", err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT id FROM speaker WHERE source_id=? AND "
			   "label=?",
			   "it", *sid, label)))
		return rc;
	*kid = fw_row(p, st) ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if ((rc = fw_rows_ok(p, err)))
		return rc;
	return *kid ? 0
		    : fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				   "%s has no speaker '%s' (charter speakers "
				   "%s lists them)",
				   source, label, source);
}

int fw_speaker_merge(fw_project *p, const char *source, const char *label,
		     const char *into, fw_error *err)
{
	long long sid, from, to;
	int rc = speaker_of(&sid, &from, p, source, label, err);
	if (rc || (rc = speaker_of(&sid, &to, p, source, into, err)))
		return rc;
	if (from == to)
		return 0;
	if ((rc = fw_run(p, err, "merging speakers", NULL,
			 "UPDATE utterance SET speaker_id=?2 WHERE "
			 "speaker_id=?1",
			 "ii", from, to)))
		return rc;
	return fw_run(p, err, "merging speakers", NULL,
		      "DELETE FROM speaker WHERE id=?", "i", from);
}

int fw_speaker_rename(fw_project *p, const char *source, const char *label,
		      const char *to, fw_error *err)
{
	long long sid, kid, other;
	int rc = speaker_of(&sid, &kid, p, source, label, err);
	if (rc)
		return rc;
	if ((rc = fw_name_check(to, 200, NULL, "a speaker", err)))
		return rc;
	fw_error quiet;
	if (!speaker_of(&sid, &other, p, source, to, &quiet))
		return fw_speaker_merge(p, source, label, to, err);
	return fw_run(p, err, "renaming a speaker", NULL,
		      "UPDATE speaker SET label=? WHERE id=?", "ti", to, kid);
}

int fw_speaker_role(fw_project *p, const char *source, const char *label,
		    const char *role, fw_error *err)
{
	static const char *const roles[] = {"interviewer|facilitator",
					    "respondent", "participant"};
	static const char *const names[] = {"interviewer", "respondent",
					    "participant"};
	int r = fw_alias_find(roles, 3, role);
	if (r < 0)
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"unknown role '%s' (interviewer, respondent "
			"or participant)",
			role ? role : "");
	long long sid, kid;
	int rc = speaker_of(&sid, &kid, p, source, label, err);
	if (rc)
		return rc;
	return fw_run(p, err, "setting a speaker's role", NULL,
		      "UPDATE speaker SET role=? WHERE id=?", "ti", names[r],
		      kid);
}

/* Turn seq of the source joins the turn before it that is not kid's,
 * which then reaches its end; with none before it, it is nobody's. */
static int join_back(fw_project *p, long long sid, long long kid, int seq,
		     fw_error *err)
{
	int changed = 0;
	int rc = fw_run(
		p, err, "joining turns", &changed,
		"UPDATE utterance AS v SET \"end\"=u.\"end\", bend=u.bend, "
		"line_end=u.line_end, t_end_ms=coalesce(u.t_end_ms, "
		"v.t_end_ms) FROM utterance u WHERE u.source_id=?1 AND "
		"u.seq=?3 AND v.source_id=?1 AND v.seq=(SELECT max(seq) FROM "
		"utterance w WHERE w.source_id=?1 AND w.seq<?3 AND "
		"(w.speaker_id IS NULL OR w.speaker_id<>?2))",
		"iin", sid, kid, seq);
	if (rc || changed)
		return rc;
	return fw_run(p, err, "joining turns", NULL,
		      "UPDATE utterance SET speaker_id=NULL WHERE "
		      "source_id=?1 AND seq=?2",
		      "in", sid, seq);
}

int fw_speaker_not(fw_project *p, const char *source, const char *label,
		   fw_error *err)
{
	long long sid, kid;
	int rc = speaker_of(&sid, &kid, p, source, label, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT seq FROM utterance WHERE speaker_id=? "
			   "ORDER BY seq",
			   "i", kid)))
		return rc;
	while (!rc && fw_row(p, st))
		rc = join_back(p, sid, kid, sqlite3_column_int(st, 0), err);
	sqlite3_finalize(st);
	if (rc || (rc = fw_rows_ok(p, err)) ||
	    (rc = fw_run(p, err, "joining turns", NULL,
			 "DELETE FROM utterance WHERE speaker_id=?", "i",
			 kid)) ||
	    (rc = fw_run(p, err, "joining turns", NULL,
			 "DELETE FROM speaker WHERE id=?", "i", kid)))
		return rc;
	/* number the turns again, in text order (through negative numbers,
	 * as (source, seq) is unique) */
	if ((rc = fw_run(p, err, "renumbering turns", NULL,
			 "UPDATE utterance SET seq=-1-(SELECT count(*) FROM "
			 "utterance v WHERE v.source_id=utterance.source_id "
			 "AND (v.bstart<utterance.bstart OR (v.bstart="
			 "utterance.bstart AND v.seq<utterance.seq))) WHERE "
			 "source_id=?1",
			 "i", sid)))
		return rc;
	return fw_run(p, err, "renumbering turns", NULL,
		      "UPDATE utterance SET seq=-seq WHERE source_id=?1", "i",
		      sid);
}

int fw_speaker_case(fw_project *p, const char *source, const char *label,
		    const char *case_name, fw_error *err)
{
	long long sid, kid, cid;
	int rc = speaker_of(&sid, &kid, p, source, label, err);
	if (rc || (rc = fw_case_find(&cid, p, case_name, err)))
		return rc;
	if ((rc = fw_run(p, err, "linking a speaker to a case", NULL,
			 "UPDATE speaker SET case_id=? WHERE id=?", "ii", cid,
			 kid)))
		return rc;
	return fw_run(p, err, "linking a speaker to a case", NULL,
		      "INSERT INTO case_source(case_id,source_id,by_speaker) "
		      "SELECT ?1, ?2, 1 WHERE NOT EXISTS (SELECT 1 FROM "
		      "case_source WHERE case_id=?1 AND source_id=?2)",
		      "ii", cid, sid);
}
