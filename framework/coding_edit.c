/*
 * coding_edit.c: changing codings made: widening one to its sentences,
 * taking a code off a span (uncode: codings trimmed, split or removed, as
 * NVivo's uncode does), removing a code's codings within lines.
 */
#include "fw/coding.h"
#include "fw/case.h"
#include "fw/codebook.h"
#include "codebook.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "guid.h"
#include "lines.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A source's text with its line index, to move between code points,
 * bytes and lines. */
typedef struct stext {
	char *text;
	size_t len;
	fw_lines li;
} stext;

static int stext_load(stext *t, fw_project *p, long long sid, fw_error *err)
{
	memset(t, 0, sizeof *t);
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err, "SELECT text FROM source WHERE id=?",
			  "i", sid);
	if (rc)
		return rc;
	if (fw_row(p, st)) {
		t->len = (size_t)sqlite3_column_bytes(st, 0);
		t->text = fw_xstrndup((const char *)sqlite3_column_text(st, 0),
				      t->len);
	}
	sqlite3_finalize(st);
	if (!t->text)
		t->text = fw_xstrdup("");
	fw_lines_build(&t->li, t->text, t->len);
	return fw_rows_ok(p, err);
}

static void stext_dispose(stext *t)
{
	free(t->text);
	fw_lines_dispose(&t->li);
}

/* Write span [a, b) (code points) and its lines to coding id; with trim,
 * white space at either end is left out (a piece uncode left). */
static int set_span_(fw_project *p, const stext *t, long long id, long a,
		     long b, int trim, fw_error *err)
{
	size_t ba = fw_utf8_byte_at(t->text, t->len, a),
	       bb = fw_utf8_byte_at(t->text, t->len, b);
	while (trim && ba < bb && isspace((unsigned char)t->text[ba]))
		ba++, a++;
	while (trim && bb > ba && isspace((unsigned char)t->text[bb - 1]))
		bb--, b--;
	int l1 = fw_lines_at(&t->li, ba),
	    l2 = fw_lines_at(&t->li, bb > ba ? bb - 1 : ba);
	return fw_run(p, err, "changing a coding", NULL,
		      "UPDATE coding SET start=?2, \"end\"=?3, line_start=?4, "
		      "line_end=?5 WHERE id=?1",
		      "iiinn", id, (long long)a, (long long)b, l1, l2);
}
#define set_span(p, t, id, a, b, err) set_span_(p, t, id, a, b, 1, err)

/* The coding's source and span. */
static int coding_span(fw_project *p, long long id, long long *sid, long *a,
		       long *b, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT source_id, start, \"end\" FROM coding WHERE "
			  "id=?",
			  "i", id);
	if (rc)
		return rc;
	*sid = 0;
	if (fw_row(p, st))
		fw_columns(st, "ill", sid, a, b);
	sqlite3_finalize(st);
	if ((rc = fw_rows_ok(p, err)))
		return rc;
	return *sid ? 0 : fw_no_coding(err, id);
}

long long fw_coding_last_id(fw_project *p)
{
	sqlite3_stmt *st;
	long long id = 0;
	if (!fw_query(&st, p, NULL,
		      "SELECT seq FROM sqlite_sequence WHERE name='coding'",
		      "")) {
		if (fw_row(p, st))
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	fw_rows_ok(p, NULL);
	return id;
}

int fw_coding_where(long long *sid, long long *code_id, long *a, long *b,
		    fw_project *p, long long id, fw_error *err)
{
	int rc = coding_span(p, id, sid, a, b, err);
	sqlite3_stmt *st;
	if (!rc && !(rc = fw_query(&st, p, err,
				   "SELECT code_id FROM coding WHERE id=?", "i",
				   id))) {
		if (fw_row(p, st))
			*code_id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		rc = fw_rows_ok(p, err);
	}
	return rc;
}

int fw_coding_widen(fw_project *p, long long id, fw_error *err)
{
	long long sid;
	long a, b;
	int rc = coding_span(p, id, &sid, &a, &b, err);
	if (rc)
		return rc;
	stext t;
	if ((rc = stext_load(&t, p, sid, err))) {
		stext_dispose(&t);
		return rc;
	}
	/* within the turns that hold the span */
	sqlite3_stmt *st;
	long ts = a, te = b;
	if (!(rc = fw_query(
		      &st, p, err,
		      "SELECT coalesce((SELECT max(start) FROM utterance "
		      "WHERE source_id=?1 AND start<=?2), ?2), "
		      "coalesce((SELECT min(\"end\") FROM utterance WHERE "
		      "source_id=?1 AND \"end\">=?3), ?3)",
		      "iii", sid, (long long)a, (long long)b))) {
		if (fw_row(p, st))
			fw_columns(st, "ll", &ts, &te);
		sqlite3_finalize(st);
	}
	if (!rc) {
		size_t lo = fw_utf8_byte_at(t.text, t.len, ts),
		       hi = fw_utf8_byte_at(t.text, t.len, te),
		       ba = fw_utf8_byte_at(t.text, t.len, a),
		       bb = fw_utf8_byte_at(t.text, t.len, b);
		size_t ws = fw_sentence_start(t.text, lo, ba);
		size_t we = fw_sentence_end(t.text, hi, bb > ba ? bb - 1 : ba);
		if (we < bb)
			we = bb;
		rc = set_span_(p, &t, id, (long)fw_utf8_count(t.text, ws),
			       (long)fw_utf8_count(t.text, we), 0, err);
	}
	stext_dispose(&t);
	return rc ? rc : fw_rows_ok(p, err);
}

/* A second coding like coding id (a new GUID), for a split. */
static int coding_copy(long long *copy, fw_project *p, long long id,
		       fw_error *err)
{
	char g[37];
	fw_guid_new(g);
	int rc =
		fw_run(p, err, "splitting a coding", NULL,
		       "INSERT INTO coding(guid, code_id, source_id, start, "
		       "\"end\", line_start, line_end, coder_id, origin, "
		       "created_at, status, rule_id, reviewer_id, reviewed_at) "
		       "SELECT ?2, code_id, source_id, start, \"end\", "
		       "line_start, line_end, coder_id, origin, created_at, "
		       "status, rule_id, reviewer_id, reviewed_at FROM coding "
		       "WHERE id=?1",
		       "it", id, g);
	*copy = rc ? 0 : sqlite3_last_insert_rowid(p->db);
	return rc;
}

/* The codings of code in source sid over [a, b), not rejected. */
typedef struct piece {
	long long id;
	long a, b;
} piece;

int fw_uncode_span(long *changed, fw_project *p, long long sid,
		   long long code_id, long a, long b, fw_error *err)
{
	*changed = 0;
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, err,
			  "SELECT id, start, \"end\" FROM coding WHERE "
			  "source_id=? AND code_id=? AND status<>'rejected' "
			  "AND start<? AND \"end\">?",
			  "iiii", sid, code_id, (long long)b, (long long)a);
	if (rc)
		return rc;
	piece *v = NULL;
	size_t n = 0;
	while (fw_row(p, st)) {
		v = fw_xpush(v, n, sizeof *v);
		fw_columns(st, "ill", &v[n].id, &v[n].a, &v[n].b);
		n++;
	}
	sqlite3_finalize(st);
	stext t;
	rc = fw_rows_ok(p, err);
	int loaded = !rc;
	if (loaded)
		rc = stext_load(&t, p, sid, err);
	for (size_t i = 0; !rc && i < n; i++) {
		piece *c = &v[i];
		(*changed)++;
		if (c->a >= a && c->b <= b) /* all of it: it goes */
			rc = fw_coding_remove(p, c->id, err);
		else if (c->a < a && c->b > b) { /* round it: split in two */
			rc = set_span(p, &t, c->id, c->a, a, err);
			long long copy = 0;
			if (!rc)
				rc = coding_copy(&copy, p, c->id, err);
			if (!rc)
				rc = set_span(p, &t, copy, b, c->b, err);
		} else if (c->a < a) /* its end */
			rc = set_span(p, &t, c->id, c->a, a, err);
		else /* its start */
			rc = set_span(p, &t, c->id, b, c->b, err);
	}
	if (loaded)
		stext_dispose(&t);
	free(v);
	return rc;
}

int fw_coding_remove_lines(long *removed, fw_project *p, const char *case_name,
			   const char *code, int l1, int l2, fw_error *err)
{
	*removed = 0;
	long long cid, kid;
	int rc = fw_case_find(&cid, p, case_name, err);
	if (rc || (rc = fw_code_find(&kid, p, code, err)))
		return rc;
	int n = 0;
	rc = fw_run(
		p, err, "removing codings", &n,
		"DELETE FROM coding WHERE code_id=?2 AND line_start>=?3 AND "
		"line_end<=?4 AND id IN (SELECT coding_id FROM coding_case "
		"WHERE case_id=?1)",
		"iinn", cid, kid, l1, l2);
	*removed = n;
	if (!rc && !n)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "%s has no coding to %s within lines %d-%d "
				  "(charter codings --case %s)",
				  case_name, code, l1, l2, case_name);
	return rc;
}
