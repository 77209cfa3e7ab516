/*
 * query_search.c: full-text search: SQLite FTS5 over speaker turns (built on
 * first use; prefix and phrase queries), or /REGEX/ with PCRE2; keyword in
 * context; --code codes every hit.
 */
#include "case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/query.h"
#include "table.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The full-text index: a contentless-style FTS5 table over turns, built on
 * first use and rebuilt when the turns changed (by count). */
static int fts_ready(fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	long long turns = 0, indexed = -1;
	/* turns and the highest turn id: any ingest changes one of them */
	if (fw_prepare(
		    p, &st,
		    "SELECT count(*) * 1000000000 + coalesce(max(id), 0) FROM "
		    "utterance",
		    err))
		return FW_EIO;
	if (fw_row(p, st))
		turns = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!fw_prepare(p, &st,
			"SELECT value FROM setting WHERE key='fts_turns'",
			NULL)) {
		if (fw_row(p, st))
			indexed = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (indexed == turns &&
	    !fw_prepare(p, &st,
			"SELECT 1 FROM sqlite_master WHERE name='turn_fts'",
			NULL)) {
		int have = fw_row(p, st);
		sqlite3_finalize(st);
		if (have)
			return 0;
	}
	if (p->readonly)
		return fw_error_set(
			err, FW_EINVAL, p->path, 0,
			"the search index needs building: the project must "
			"be writable once");
	char n[32];
	snprintf(n, sizeof n, "%lld", turns);
	/* a savepoint: works inside the caller's transaction or alone */
	int rc = fw_exec(p, "SAVEPOINT fts", err);
	if (rc)
		return rc;
	rc = fw_exec(
		p,
		"DROP TABLE IF EXISTS turn_fts;"
		"CREATE VIRTUAL TABLE turn_fts USING fts5(text, "
		"tokenize='porter unicode61 remove_diacritics 2');"
		"INSERT INTO turn_fts(rowid, text) SELECT u.id, substr(s.text, "
		"u.start+1, u.\"end\"-u.start) FROM utterance u JOIN source s ON "
		"s.id=u.source_id;",
		err);
	if (!rc) {
		char sql[200];
		snprintf(
			sql, sizeof sql,
			"INSERT INTO setting(key,value) VALUES('fts_turns','%s') ON "
			"CONFLICT(key) DO UPDATE SET value=excluded.value",
			n);
		rc = fw_exec(p, sql, err);
	}
	if (!rc)
		rc = fw_exec(p, "RELEASE fts", err);
	else {
		fw_exec(p, "ROLLBACK TO fts", NULL);
		fw_exec(p, "RELEASE fts", NULL);
	}
	return rc;
}

static void kwic(fw_buf *b, const char *t, size_t len, size_t hs, size_t he)
{
	size_t a = hs > 40 ? hs - 40 : 0, z = he + 40 < len ? he + 40 : len;
	while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
		a--;
	while (z < len && ((unsigned char)t[z] & 0xC0) == 0x80)
		z++;
	if (a > 0)
		fw_buf_puts(b, "...");
	for (size_t i = a; i < z; i++) {
		if (i == hs)
			fw_buf_puts(b, "[");
		fw_buf_putc(b, t[i] == '\n' ? ' ' : t[i]);
		if (i + 1 == he)
			fw_buf_puts(b, "]");
	}
	if (z < len)
		fw_buf_puts(b, "...");
}

int fw_query_search(fw_table **out, int *coded, fw_project *p,
		    const fw_search_opts *o, fw_error *err)
{
	*out = NULL;
	if (coded)
		*coded = 0;
	int rc = fw_where_check(o->where, o->nwhere, err);
	if (rc)
		return rc;
	const char *q = o->query;
	size_t ql = strlen(q);
	int regex = ql >= 2 && q[0] == '/' &&
		    (q[ql - 1] == '/' ||
		     (ql >= 3 && q[ql - 2] == '/' && q[ql - 1] == 'i'));
	int icase = regex && q[ql - 1] == 'i';
	pcre2_code *re = NULL;
	pcre2_match_data *md = NULL;
	if (regex) {
		int ec;
		PCRE2_SIZE eo;
		size_t pl = ql - 2 - (size_t)icase;
		re = pcre2_compile((PCRE2_SPTR)(q + 1), pl,
				   PCRE2_UTF | (icase ? PCRE2_CASELESS : 0),
				   &ec, &eo, NULL);
		if (!re) {
			char msg[200];
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg,
						sizeof msg);
			return fw_error_set(err, FW_EINVAL, NULL, 0,
					    "search: %s at offset %zu", msg,
					    (size_t)eo);
		}
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		md = pcre2_match_data_create_from_pattern(re, NULL);
	} else if ((rc = fts_ready(p, err))) {
		return rc;
	}
	long long code_id = 0;
	if (o->code && (rc = fw_code_find(&code_id, p, o->code, err))) {
		if (re) {
			pcre2_match_data_free(md);
			pcre2_code_free(re);
		}
		return rc;
	}
	sqlite3_stmt *st;
	const char *role = o->speaker ? o->speaker : "respondent";
	if (regex)
		rc = fw_prepare(
			p, &st,
			"SELECT u.id, c.id, c.name, s.name, s.id, u.line_start, "
			"u.start, substr(s.text, u.start+1, u.\"end\"-u.start), "
			"s.text FROM utterance u JOIN source s ON s.id=u.source_id "
			"JOIN speaker k ON k.id=u.speaker_id LEFT JOIN \"case\" c "
			"ON c.id=coalesce(k.case_id, (SELECT min(x.case_id) FROM "
			"case_source x WHERE x.source_id=s.id)) WHERE (?1='all' OR k.role=?1 OR (?1="
			"'respondent' AND k.role='participant')) ORDER BY s.name, "
			"u.seq",
			err);
	else
		rc = fw_prepare(
			p, &st,
			"SELECT u.id, c.id, c.name, s.name, s.id, u.line_start, "
			"u.start, substr(s.text, u.start+1, u.\"end\"-u.start), "
			"s.text FROM turn_fts f JOIN utterance u ON u.id=f.rowid "
			"JOIN source s ON s.id=u.source_id JOIN speaker k ON "
			"k.id=u.speaker_id LEFT JOIN \"case\" c ON "
			"c.id=coalesce(k.case_id, (SELECT min(x.case_id) FROM "
			"case_source x WHERE x.source_id=s.id)) WHERE turn_fts MATCH ?2 AND (?1='all' OR k.role=?1 OR "
			"(?1='respondent' AND k.role='participant')) ORDER BY "
			"s.name, u.seq",
			err);
	if (rc) {
		if (re) {
			pcre2_match_data_free(md);
			pcre2_code_free(re);
		}
		return rc;
	}
	sqlite3_bind_text(st, 1, role, -1, SQLITE_TRANSIENT);
	if (!regex)
		sqlite3_bind_text(st, 2, q, -1, SQLITE_TRANSIENT);
	static const char *const cols[] = {"case", "source", "line", "context"};
	fw_table *t = fw_table_new_sink(o->sink, 4, cols);
	fw_table_numeric(t, 2);
	/* FTS gives turns; the words are found in the text for the KWIC */
	char **terms = NULL;
	size_t nterms = 0;
	if (!regex) {
		char *cp = fw_xstrdup(q);
		for (char *w = strtok(cp, " \"()"); w;
		     w = strtok(NULL, " \"()")) {
			if (!strcmp(w, "AND") || !strcmp(w, "OR") ||
			    !strcmp(w, "NOT") || !strncmp(w, "NEAR", 4))
				continue;
			size_t wl = strlen(w);
			if (wl && w[wl - 1] == '*')
				w[--wl] = 0;
			/* the stem: a crude cut so "worried" finds "worry" in
			 * the text */
			if (wl > 5)
				w[wl - (wl > 7 ? 3 : 2)] = 0;
			terms = fw_xrealloc(terms,
					    (nterms + 1) * sizeof *terms);
			terms[nterms++] = fw_xstrdup(w);
		}
		free(cp);
	}
	long long pass_case = -1;
	int pass_ok = 1;
	while (!rc && fw_row(p, st)) {
		long long cid = sqlite3_column_int64(st, 1);
		if (cid != pass_case) {
			pass_case = cid;
			pass_ok = fw_where_keep(p, cid, o->where, o->nwhere);
		}
		if (!pass_ok)
			continue;
		const char *txt = (const char *)sqlite3_column_text(st, 7);
		size_t len = (size_t)sqlite3_column_bytes(st, 7);
		long ustart = sqlite3_column_int64(st, 6);
		int uline = sqlite3_column_int(st, 5);
		/* hits within the turn: byte spans */
		size_t hs[256], he[256];
		int nh = 0;
		if (regex) {
			size_t off = 0;
			while (nh < 256 && off <= len &&
			       pcre2_match(re, (PCRE2_SPTR)txt, len, off, 0, md,
					   NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				hs[nh] = ov[0];
				he[nh] = ov[1];
				nh++;
				off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			}
		} else {
			for (size_t k = 0; k < nterms && nh < 256; k++) {
				size_t tl = strlen(terms[k]);
				for (const char *f = txt;
				     nh < 256 && (f = strcasestr(f, terms[k]));
				     f += tl) {
					size_t a = (size_t)(f - txt),
					       z = a + tl;
					if (a > 0 &&
					    isalnum((unsigned char)txt[a - 1]))
						continue;
					while (z < len &&
					       (isalnum((
							unsigned char)txt[z]) ||
						txt[z] == '\''))
						z++;
					hs[nh] = a;
					he[nh] = z;
					nh++;
				}
			}
			if (!nh) { /* matched by stemming alone: show the turn's
				      start */
				hs[0] = 0;
				he[0] = 0;
				nh = 1;
			}
		}
		for (int h = 0; h < nh; h++) {
			/* the line of the hit */
			int line = uline;
			for (size_t i = 0; i < hs[h]; i++)
				line += txt[i] == '\n';
			fw_buf b;
			fw_buf_init(&b);
			kwic(&b, txt, len, hs[h],
			     he[h] > hs[h] ? he[h] : hs[h] + 1);
			char ln[24];
			snprintf(ln, sizeof ln, "L%d", line);
			const char *row[] = {
				(const char *)sqlite3_column_text(st, 2),
				(const char *)sqlite3_column_text(st, 3), ln,
				b.ptr};
			fw_table_add(t, FW_ROW_DATA, row);
			fw_buf_dispose(&b);
			if (code_id && he[h] > hs[h]) {
				long a = ustart + fw_utf8_count(txt, hs[h]);
				long z = ustart + fw_utf8_count(txt, he[h]);
				char src[300];
				snprintf(src, sizeof src, "%s",
					 sqlite3_column_text(st, 3));
				long long id;
				fw_error e2;
				fw_error_clear(&e2);
				if (!fw_code_span(&id, p, src, a, z, o->code,
						  o->coder, &e2) &&
				    coded)
					(*coded)++;
			}
		}
	}
	sqlite3_finalize(st);
	for (size_t k = 0; k < nterms; k++)
		free(terms[k]);
	free(terms);
	if (re) {
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	*out = t;
	return rc ? rc : fw_rows_ok(p, err);
}
