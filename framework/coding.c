/*
 * coding.c: indexing by hand (by line range or code-point offsets) and
 * listing codings.
 */
#include "fw/coding.h"
#include "fw/review.h"
#include "store.h"
#include "timefmt.h"
#include "alloc.h"
#include "errors.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "fw/lineref.h"
#include "fw/project.h"
#include "lines.h"
#include "table.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The one source of a case, or the named one (which must belong to it). */
static int case_source(fw_project *p, const char *case_name, const char *source,
		       long long *sid, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT s.id FROM case_source x JOIN source s ON "
			  "s.id=x.source_id WHERE x.case_id=?1 AND (?2 IS NULL "
			  "OR s.name=?2) ORDER BY s.name",
			  "Ct", case_name, source);
	if (rc)
		return rc;
	int n = 0;
	while (fw_row(p, st)) {
		if (!n)
			*sid = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_finalize(st);
	if (n == 0)
		return source ? fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					     "case '%s' has no source '%s'",
					     case_name, source)
			      : fw_error_set(err, FW_ENOTFOUND, NULL, 0,
					     "case '%s' has no transcript",
					     case_name);
	if (n > 1)
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"case '%s' has %d sources; say which with --source",
			case_name, n);
	return 0;
}

static int insert_coding(fw_project *p, long long sid, long long code_id,
			 long start, long end, int l1, int l2,
			 const char *coder, long long *id, fw_error *err)
{
	long long cid = fw_coder_id(p, coder, err);
	if (!cid)
		return FW_EIO;
	/* the same passage coded again by the same coder is the one coding;
	 * another coder's is theirs */
	sqlite3_stmt *st;
	int rc = fw_query(
		&st, p, err,
		"SELECT id FROM coding WHERE source_id=? AND code_id=? AND "
		"start=? AND \"end\"=? AND origin='manual' AND coder_id=?",
		"iiiii", (long long)sid, (long long)code_id, (long long)start,
		(long long)end, cid);
	if (rc)
		return rc;
	long long have = 0;
	if (fw_row(p, st))
		have = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (have) {
		if (id)
			*id = have;
		return 0;
	}
	fw_coding_row r = {.code_id = code_id,
			   .source_id = sid,
			   .coder_id = cid,
			   .start = start,
			   .end = end,
			   .line_start = l1,
			   .line_end = l2,
			   .origin = "manual"};
	return fw_store_coding(id, p, &r, err);
}

/* A code that can take codings by hand: a sub-theme, or a theme with
 * none; a main theme with sub-themes would show in no chart. */
static int codable(long long *id, fw_project *p, const char *code,
		   fw_error *err)
{
	int rc = fw_code_find(id, p, code, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT group_concat(number, ', ') FROM (SELECT "
			   "number FROM code WHERE parent_id=? ORDER BY sort "
			   "LIMIT 4)",
			   "i", *id)))
		return rc;
	char subs[256] = "";
	if (fw_row(p, st) && sqlite3_column_text(st, 0))
		snprintf(subs, sizeof subs, "%s",
			 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (subs[0])
		return fw_error_set(
			err, FW_EINVAL, NULL, 0,
			"%s is a theme with sub-themes (%s ...): a "
			"coding goes to one of them, as a chart has "
			"a column per sub-theme",
			code, subs);
	return fw_rows_ok(p, err);
}

static int source_text(fw_project *p, long long sid, char **text, size_t *len,
		       int *lines, char **name, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT text, lines, name FROM source WHERE id=?",
			  "i", (long long)sid);
	if (rc)
		return rc;
	if (!fw_row(p, st)) {
		sqlite3_finalize(st);
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "no such source");
	}
	*len = (size_t)sqlite3_column_bytes(st, 0);
	*text = fw_xstrndup((const char *)sqlite3_column_text(st, 0), *len);
	*lines = sqlite3_column_int(st, 1);
	*name = fw_xstrdup((const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return 0;
}

int fw_code_lines(long long *coding_id, fw_project *p, const char *case_name,
		  const char *source, int l1, int l2, const char *code,
		  const char *coder, fw_error *err)
{
	long long sid = 0, code_id;
	int rc = codable(&code_id, p, code, err);
	if (rc)
		return rc;
	if ((rc = case_source(p, case_name, source, &sid, err)))
		return rc;
	char *text, *name;
	size_t len;
	int lines;
	if ((rc = source_text(p, sid, &text, &len, &lines, &name, err)))
		return rc;
	if (l1 < 1 || l2 < l1 || l2 > lines) {
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "lines %d-%d are outside %s (lines 1-%d)", l1,
				  l2, name, lines);
		goto out;
	}
	fw_lines li;
	fw_lines_build(&li, text, len);
	size_t bs = li.start[l1 - 1];
	size_t be = l2 < li.n ? li.start[l2] : len;
	while (be > bs && (text[be - 1] == '\n'))
		be--;
	fw_lines_dispose(&li);
	long cs = fw_utf8_count(text, bs);
	long ce = cs + fw_utf8_count(text + bs, be - bs);
	/* the turns' words, without the speaker labels that open the lines */
	sqlite3_stmt *st;
	if (!(rc = fw_query(&st, p, err,
			    "SELECT min(start), max(\"end\") FROM utterance "
			    "WHERE source_id=? AND speaker_id IS NOT NULL AND "
			    "\"end\">? AND start<?",
			    "iii", sid, (long long)cs, (long long)ce)) &&
	    fw_row(p, st) && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		long a = (long)sqlite3_column_int64(st, 0),
		     z = (long)sqlite3_column_int64(st, 1);
		if (a > cs)
			cs = a;
		if (z < ce)
			ce = z;
	}
	if (!rc)
		sqlite3_finalize(st);
	if (rc)
		goto out;
	if (ce <= cs) {
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "lines %d-%d of %s are empty", l1, l2, name);
		goto out;
	}
	rc = insert_coding(p, sid, code_id, cs, ce, l1, l2, coder, coding_id,
			   err);
out:
	free(text);
	free(name);
	return rc;
}

int fw_code_span(long long *coding_id, fw_project *p, const char *source,
		 long start, long end, const char *code, const char *coder,
		 fw_error *err)
{
	long long code_id, sid = 0;
	int rc = codable(&code_id, p, code, err);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err, "SELECT id FROM source WHERE name=?",
			   "t", source)))
		return rc;
	if (fw_row(p, st))
		sid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!sid)
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "no source '%s'", source);
	char *text, *name;
	size_t len;
	int lines;
	if ((rc = source_text(p, sid, &text, &len, &lines, &name, err)))
		return rc;
	long chars = fw_utf8_count(text, len);
	if (start < 0 || end <= start || end > chars) {
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "offsets %ld-%ld are outside %s (0-%ld)",
				  start, end, name, chars);
	} else {
		fw_lines li;
		fw_lines_build(&li, text, len);
		size_t bs = fw_utf8_byte_at(text, len, start);
		size_t be = fw_utf8_byte_at(text, len, end);
		int l1 = fw_lines_at(&li, bs), l2 = fw_lines_at(&li, be - 1);
		fw_lines_dispose(&li);
		rc = insert_coding(p, sid, code_id, start, end, l1, l2, coder,
				   coding_id, err);
	}
	free(text);
	free(name);
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_coding_list(fw_table **out, fw_project *p, const char *case_name,
		   const char *code, fw_error *err)
{
	static const char *const cols[] = {
		"case", "source", "code",   "lines", "start",
		"end",  "origin", "status", "text",  "id"};
	*out = NULL;
	long long cid = 0, kid = 0;
	int rc;
	if (case_name && (rc = fw_case_find(&cid, p, case_name, err)))
		return rc;
	if (code && (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT c.name, s.name, k.number, k2.line_start, "
		     "k2.line_end, k2.start, k2.\"end\", k2.origin, k2.status, "
		     "substr(s.text, k2.start+1, k2.\"end\"-k2.start), k2.id "
		     "FROM visible k2 JOIN code k ON k.id=k2.code_id "
		     "JOIN source s ON s.id=k2.source_id "
		     "JOIN coding_case x ON x.coding_id=k2.id "
		     "JOIN \"case\" c ON c.id=x.case_id "
		     "WHERE (?1=0 OR c.id=?1) AND (?2=0 OR k.id=?2 OR "
		     "k.number LIKE (SELECT number FROM code WHERE id=?2)||'.%') "
		     "ORDER BY c.sort, c.name, s.name, k2.start, k.sort",
		     "ii", (long long)cid, (long long)kid)))
		return rc;
	fw_table *t = fw_table_new(10, cols);
	while (fw_row(p, st)) {
		char lines[48];
		int a = sqlite3_column_int(st, 3),
		    b = sqlite3_column_int(st, 4);
		fw_lref_label(lines, sizeof lines, a, b);
		const char *row[10];
		for (int c = 0; c < 10; c++)
			row[c] = c == 3 ? lines
					: (const char *)sqlite3_column_text(
						  st, c < 3 ? c : c + 1);
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	return fw_table_done(out, t, p, err);
}

/* Where the words of quote stand in text (white space matching any white
 * space): the number of places, the first's byte span in *bs, *be, and
 * the lines of up to four in lines. */
static int find_quote(const char *text, size_t len, const char *quote,
		      size_t *bs, size_t *be, const fw_lines *li, char *lines,
		      size_t cap)
{
	int n = 0;
	lines[0] = 0;
	while (*quote && isspace((unsigned char)*quote))
		quote++;
	for (size_t i = 0; i < len && *quote; i++) {
		if (text[i] != *quote)
			continue;
		size_t t = i;
		const char *q = quote;
		while (*q && t < len) {
			if (isspace((unsigned char)*q)) {
				if (!isspace((unsigned char)text[t]))
					break;
				while (*q && isspace((unsigned char)*q))
					q++;
				while (t < len &&
				       isspace((unsigned char)text[t]))
					t++;
			} else if (*q == text[t]) {
				q++;
				t++;
			} else {
				break;
			}
		}
		while (*q && isspace((unsigned char)*q))
			q++;
		if (*q)
			continue;
		if (!n++) {
			*bs = i;
			*be = t;
		}
		if (n <= 4) {
			size_t l = strlen(lines);
			snprintf(lines + l, cap - l, "%sL%d", l ? ", " : "",
				 fw_lines_at(li, i));
		}
		i = t - 1;
	}
	return n;
}

int fw_code_quote(long long *coding_id, fw_project *p, const char *case_name,
		  const char *source, const char *quote, const char *code,
		  const char *coder, fw_error *err)
{
	long long sid = 0, code_id;
	int rc = codable(&code_id, p, code, err);
	if (rc || (rc = case_source(p, case_name, source, &sid, err)))
		return rc;
	char *text, *name;
	size_t len;
	int lines;
	if ((rc = source_text(p, sid, &text, &len, &lines, &name, err)))
		return rc;
	fw_lines li;
	fw_lines_build(&li, text, len);
	size_t bs = 0, be = 0;
	char where[96];
	int n = find_quote(text, len, quote, &bs, &be, &li, where,
			   sizeof where);
	if (n == 0)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "the words \"%.60s\" are not in %s", quote,
				  name);
	else if (n > 1)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "the words \"%.60s\" stand %d times in %s "
				  "(%s%s): quote more of them, or use --lines",
				  quote, n, name, where, n > 4 ? ", ..." : "");
	else
		rc = insert_coding(p, sid, code_id, fw_utf8_count(text, bs),
				   fw_utf8_count(text, be),
				   fw_lines_at(&li, bs),
				   fw_lines_at(&li, be > bs ? be - 1 : bs),
				   coder, coding_id, err);
	fw_lines_dispose(&li);
	free(text);
	free(name);
	return rc;
}

int fw_coding_remove(fw_project *p, long long id, fw_error *err)
{
	int changed = 0;
	int rc = fw_run(p, err, "removing a coding", &changed,
			"DELETE FROM coding WHERE id=?", "i", id);
	if (!rc && !changed)
		rc = fw_no_coding(err, id);
	return rc;
}

/* Recoding a rule's coding: the rule was wrong, so its hit is rejected
 * (not suggested again) and the passage coded by hand to the code. */
static int recode_rule(fw_project *p, long long id, long long code_id,
		       const char *coder, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT source_id, start, \"end\", line_start, "
			  "line_end FROM coding WHERE id=?",
			  "i", id);
	if (rc)
		return rc;
	long long sid = 0;
	long a = 0, z = 0;
	int l1 = 0, l2 = 0;
	if (fw_row(p, st))
		fw_columns(st, "illnn", &sid, &a, &z, &l1, &l2);
	sqlite3_finalize(st);
	fw_review_filter f = {.id = id};
	long n;
	rc = fw_rows_ok(p, err);
	rc = rc ? rc : fw_review_decide(&n, p, &f, FW_REJECTED, coder, err);
	return rc ? rc
		  : insert_coding(p, sid, code_id, a, z, l1, l2, coder, NULL,
				  err);
}

int fw_coding_origin(char **origin, fw_project *p, long long id, fw_error *err)
{
	sqlite3_stmt *st;
	*origin = NULL;
	int rc = fw_query(&st, p, err, "SELECT origin FROM coding WHERE id=?",
			  "i", id);
	if (rc)
		return rc;
	if (fw_row(p, st))
		fw_columns(st, "t", origin);
	sqlite3_finalize(st);
	rc = fw_rows_ok(p, err);
	return rc ? rc : *origin ? 0 : fw_no_coding(err, id);
}

int fw_coding_move(fw_project *p, long long id, const char *code,
		   const char *coder, fw_error *err)
{
	long long code_id;
	int rc = codable(&code_id, p, code, err);
	if (rc)
		return rc;
	char *origin = NULL;
	if ((rc = fw_coding_origin(&origin, p, id, err)))
		return rc;
	if (!strcmp(origin, "rule"))
		rc = recode_rule(p, id, code_id, coder, err);
	else
		rc = fw_run(p, err, "moving a coding", NULL,
			    "UPDATE coding SET code_id = ?2 WHERE id = ?1",
			    "ii", id, code_id);
	free(origin);
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_code_turn(long long *coding_id, fw_project *p, const char *case_name,
		 const char *source, int turn, const char *code,
		 const char *coder, fw_error *err)
{
	long long sid = 0, code_id;
	int rc = codable(&code_id, p, code, err);
	if (rc || (rc = case_source(p, case_name, source, &sid, err)))
		return rc;
	sqlite3_stmt *st;
	if ((rc = fw_query(&st, p, err,
			   "SELECT start, \"end\", line_start, line_end, "
			   "speaker_id IS NOT NULL FROM utterance WHERE "
			   "source_id=? AND seq=?",
			   "in", sid, turn)))
		return rc;
	long a = 0, z = 0;
	int l1 = 0, l2 = 0, speech = 0, found = fw_row(p, st);
	if (found)
		fw_columns(st, "llnnn", &a, &z, &l1, &l2, &speech);
	sqlite3_finalize(st);
	if ((rc = fw_rows_ok(p, err)))
		return rc;
	if (!found || !speech || z <= a)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "%s has no turn %d with words (charter "
				    "turns lists them)",
				    case_name, turn);
	return insert_coding(p, sid, code_id, a, z, l1, l2, coder, coding_id,
			     err);
}
