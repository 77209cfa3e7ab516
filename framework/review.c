/*
 * review.c: deciding auto-coding's suggestions.  A filter becomes one
 * WHERE clause over the codings (review_where, bound as ?1..?5), so that
 * deciding, listing and walking select the same rows.
 */
#include "fw/review.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "codebook.h"
#include "store.h"
#include "alias.h"
#include "alloc.h"
#include "errors.h"
#include "timefmt.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"suggested", "confirmed",
					   "rejected"};

int fw_review_status_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, status_names[i]))
			return i;
	return -1;
}

const char *fw_review_status_name(int status)
{
	return status >= 0 && status < 3 ? status_names[status] : "?";
}

/* The filter's rows of coding g (code k, source s): ?1 coding id, ?2 code
 * number, ?3 source id, ?4 case id, ?5 rule id, ?6 a line the coding
 * covers; 0 or NULL: any. */
#define REVIEW_WHERE                                                           \
	" WHERE g.origin = 'rule' AND (?1 <> 0 OR g.status = 'suggested')"     \
	" AND (?1 = 0 OR g.id = ?1)"                                           \
	" AND (?2 IS NULL OR k.number = ?2 OR k.number LIKE ?2 || '.%')"       \
	" AND (?3 = 0 OR g.source_id = ?3)"                                    \
	" AND (?4 = 0 OR g.id IN (SELECT x.coding_id FROM coding_case x"       \
	" WHERE x.case_id = ?4)) AND (?5 = 0 OR g.rule_id = ?5)"               \
	" AND (?6 = 0 OR (g.line_start <= ?6 AND g.line_end >= ?6))"
#define REVIEW_FROM                                                            \
	" FROM visible g JOIN code k ON k.id = g.code_id"                      \
	" JOIN source s ON s.id = g.source_id"
#define REVIEW_BIND "itiiin"

/* The filter's names as ids: an unknown one is an error. */
typedef struct bound {
	long long id, source, case_id, rule;
	const char *code;
	int line;
} bound;

static int bind_filter(bound *b, fw_project *p, const fw_review_filter *f,
		       fw_error *err)
{
	memset(b, 0, sizeof *b);
	int rc = 0;
	long long kid;
	b->id = f->id;
	b->rule = f->rule;
	b->code = f->code;
	b->line = f->line;
	if (f->code && (rc = fw_code_find(&kid, p, f->code, err)))
		return rc;
	if (f->source && (rc = fw_find_id(&b->source, p, FW_Q_SOURCE_ID,
					  f->source, "source", err)))
		return rc;
	if (f->case_name &&
	    (rc = fw_case_find(&b->case_id, p, f->case_name, err)))
		return rc;
	if (f->rule) {
		sqlite3_stmt *st;
		if ((rc = fw_query(&st, p, err, "SELECT 1 FROM rule WHERE id=?",
				   "i", f->rule)))
			return rc;
		int found = fw_row(p, st);
		sqlite3_finalize(st);
		if (!found)
			return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					    "no rule %lld (charter review list "
					    "shows each suggestion's rule)",
					    f->rule);
	}
	if (f->id) {
		char *origin = NULL;
		rc = fw_coding_origin(&origin, p, f->id, err);
		if (!rc && strcmp(origin, "rule"))
			rc = fw_error_set(err, FW_EINVAL, NULL, 0,
					  "coding %lld was made by hand: there "
					  "is nothing to review (charter code "
					  "remove takes it out)",
					  f->id);
		free(origin);
	}
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_review_decide(long *changed, fw_project *p, const fw_review_filter *f,
		     int status, const char *coder, fw_error *err)
{
	*changed = 0;
	bound b;
	int rc = bind_filter(&b, p, f, err);
	if (rc)
		return rc;
	long long who = fw_coder_id(p, coder, err);
	if (!who)
		return FW_EIO;
	char now[40];
	fw_now(now, sizeof now);
	/* in windows of ids, the history taking each window's changes as a
	 * part, so that deciding every suggestion of a large project holds
	 * one window's old rows in memory, not all */
	long long lo = 0, hi = -1;
	sqlite3_stmt *st;
	if (!(rc = fw_query(&st, p, err, "SELECT min(id), max(id) FROM coding",
			    ""))) {
		if (fw_row(p, st) &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL) {
			lo = sqlite3_column_int64(st, 0);
			hi = sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
	}
	long long step = p->history_part > 0 ? p->history_part : 1;
	/* deciding many: the tally counted once after, not row by row */
	if (!rc && !b.id)
		rc = fw_tally_suspend(p, err);
	for (long long a = lo; !rc && a <= hi; a += step) {
		int n = 0;
		rc = fw_run(
			p, err, "recording the decision", &n,
			"UPDATE coding SET status = ?7, reviewer_id = ?8, "
			"reviewed_at = ?9 WHERE id IN (SELECT g.id" REVIEW_FROM
				REVIEW_WHERE " AND g.id BETWEEN ?10 AND ?11) "
			"AND status <> ?7",
			REVIEW_BIND "tItii", b.id, b.code, b.source, b.case_id,
			b.rule, b.line, fw_review_status_name(status),
			status == FW_SUGGESTED ? 0 : who,
			status == FW_SUGGESTED ? NULL : now, a, a + step - 1);
		*changed += n;
		if (!rc && n && hi - lo >= step)
			rc = fw_history_flush(p, err);
	}
	return rc ? rc : fw_tally_resume(p, err);
}

int fw_review_list(fw_table **out, fw_project *p, const fw_review_filter *f,
		   fw_error *err)
{
	static const char *const cols[] = {"id",   "status", "code", "source",
					   "case", "lines",  "rule", "text"};
	*out = NULL;
	bound b;
	int rc = bind_filter(&b, p, f, err);
	if (rc)
		return rc;
	rc = fw_table_query(
		out, p, err, cols, 8,
		"SELECT g.id, g.status, k.number, s.name, (SELECT "
		"group_concat(c.name, ', ') FROM coding_case x JOIN \"case\" c "
		"ON c.id = x.case_id WHERE x.coding_id = g.id), 'L' || "
		"g.line_start || CASE WHEN g.line_end > g.line_start THEN '-' "
		"|| g.line_end ELSE '' END, CASE WHEN r.id IS NULL THEN '' ELSE "
		"'#' || r.id || ' ' || r.pattern END, substr(s.text, g.start + "
		"1, g.\"end\" - g.start)" REVIEW_FROM
		" LEFT JOIN rule r ON r.id = g.rule_id" REVIEW_WHERE
		" ORDER BY g.id",
		REVIEW_BIND, b.id, b.code, b.source, b.case_id, b.rule, b.line);
	if (!rc)
		fw_table_numeric(*out, 0);
	return rc;
}

int fw_review_pending(long *n, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	*n = 0;
	int rc = fw_query(&st, p, err,
			  "SELECT count(*) FROM coding WHERE status = "
			  "'suggested'",
			  "");
	if (rc)
		return rc;
	if (fw_row(p, st))
		*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return fw_rows_ok(p, err);
}

int fw_review_summary(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"code",     "name",     "pending",
					   "accepted", "rejected", "by hand"};
	int rc = fw_table_query(
		out, p, err, cols, 6,
		"SELECT k.number, k.name, sum(g.status = 'suggested'), "
		"sum(g.origin = 'rule' AND g.status = 'confirmed'), "
		"sum(g.status = 'rejected'), sum(g.origin = 'manual') FROM "
		"code k JOIN visible g ON g.code_id = k.id GROUP BY k.id "
		"ORDER BY k.sort, k.id",
		"");
	for (size_t c = 2; !rc && c < 6; c++)
		fw_table_numeric(*out, c);
	return rc;
}

void fw_review_item_dispose(fw_review_item *it)
{
	FW_FREE_STRS(it, offsetof(fw_review_item, code),
		     offsetof(fw_review_item, code_name),
		     offsetof(fw_review_item, definition),
		     offsetof(fw_review_item, use_when),
		     offsetof(fw_review_item, not_when),
		     offsetof(fw_review_item, source),
		     offsetof(fw_review_item, case_name),
		     offsetof(fw_review_item, speaker),
		     offsetof(fw_review_item, rule),
		     offsetof(fw_review_item, before),
		     offsetof(fw_review_item, span),
		     offsetof(fw_review_item, after));
	memset(it, 0, sizeof *it);
}

/* The coding's words in the turns that hold it: ts, the start of the turn
 * holding its start; te, the end of the turn holding its end. */
#define TURN_START                                                             \
	"coalesce((SELECT max(u.start) FROM utterance u WHERE u.source_id = "  \
	"g.source_id AND u.start <= g.start), g.start)"
#define TURN_END                                                                \
	"coalesce((SELECT min(u.\"end\") FROM utterance u WHERE u.source_id = " \
	"g.source_id AND u.\"end\" >= g.\"end\"), g.\"end\")"

/* Where the rule (pattern, flag letters) matches in the span. */
static void find_match(fw_review_item *it, const char *flags)
{
	int ec;
	PCRE2_SIZE eo;
	if (!it->rule || !*it->rule || !it->span)
		return;
	pcre2_code *re =
		pcre2_compile((PCRE2_SPTR)it->rule, PCRE2_ZERO_TERMINATED,
			      fw_rule_options(flags), &ec, &eo, NULL);
	pcre2_match_data *md =
		re ? pcre2_match_data_create_from_pattern(re, NULL) : NULL;
	if (md && pcre2_match(re, (PCRE2_SPTR)it->span, strlen(it->span), 0, 0,
			      md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		it->match_at = ov[0];
		it->match_len = ov[1] - ov[0];
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

static int load_item(fw_review_item *it, fw_project *p, long long id,
		     fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(
		&st, p, err,
		"SELECT g.id, k.number, k.name, coalesce(k.definition, ''), "
		"coalesce(k.use_when, ''), coalesce(k.not_when, ''), s.name, "
		"(SELECT group_concat(c.name, ', ') FROM coding_case x JOIN "
		"\"case\" c ON c.id = x.case_id WHERE x.coding_id = g.id), "
		"(SELECT sp.label FROM utterance u JOIN speaker sp ON sp.id = "
		"u.speaker_id WHERE u.source_id = g.source_id AND u.start <= "
		"g.start ORDER BY u.start DESC LIMIT 1), coalesce(r.pattern, ''), "
		"substr(s.text, " TURN_START " + 1, g.start - " TURN_START "), "
		"substr(s.text, g.start + 1, g.\"end\" - g.start), "
		"substr(s.text, g.\"end\" + 1, " TURN_END " - g.\"end\"), "
		"g.line_start, g.line_end, coalesce(r.flags, '') FROM coding g "
		"JOIN code k ON k.id = g.code_id JOIN source s ON s.id = "
		"g.source_id LEFT JOIN rule r ON r.id = g.rule_id WHERE g.id = ?",
		"i", id);
	if (rc)
		return rc;
	char *flags = NULL;
	if (fw_row(p, st))
		fw_columns(st,
			   "itttttttttttt"
			   "nnt",
			   &it->id, &it->code, &it->code_name, &it->definition,
			   &it->use_when, &it->not_when, &it->source,
			   &it->case_name, &it->speaker, &it->rule, &it->before,
			   &it->span, &it->after, &it->line_start,
			   &it->line_end, &flags);
	sqlite3_finalize(st);
	find_match(it, flags);
	free(flags);
	return fw_rows_ok(p, err);
}

int fw_review_next(fw_review_item *it, fw_project *p, const fw_review_filter *f,
		   long long after, fw_error *err)
{
	memset(it, 0, sizeof *it);
	fw_review_filter pending = *f;
	pending.id = 0;
	bound b;
	int rc = bind_filter(&b, p, &pending, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	/* the next after `after`, else the first; its rank; how many */
	rc = fw_query(&st, p, err,
		      "WITH sel AS (SELECT g.id" REVIEW_FROM REVIEW_WHERE
		      "), pick AS (SELECT coalesce((SELECT min(id) FROM sel "
		      "WHERE id > ?7), (SELECT min(id) FROM sel)) AS id) "
		      "SELECT pick.id, (SELECT count(*) FROM sel WHERE sel.id "
		      "<= pick.id), (SELECT count(*) FROM sel) FROM pick WHERE "
		      "pick.id IS NOT NULL",
		      REVIEW_BIND "i", b.id, b.code, b.source, b.case_id,
		      b.rule, b.line, after);
	if (rc)
		return rc;
	long long id = 0;
	if (fw_row(p, st))
		fw_columns(st, "ill", &id, &it->position, &it->pending);
	sqlite3_finalize(st);
	if ((rc = fw_rows_ok(p, err)) || !id)
		return rc;
	long pos = it->position, n = it->pending;
	rc = load_item(it, p, id, err);
	it->position = pos;
	it->pending = n;
	return rc ? rc : 1;
}
