/*
 * refi_notes.c: REFI-QDA notes: chart summaries, auto-code rules and
 * memos written by charter, and other tools' notes kept as memos.
 */
#include "refi.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/cell.h"
#include "timefmt.h"
#include "xmlio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- notes: chart summaries, rules, memos -------------------------------- */

/* The case a chart summary note is about: the target of a Link from it. */
static long long note_case(imp *x, xmlNodePtr links, const char *g)
{
	long long cid = 0;
	for (xmlNodePtr l = links ? links->children : NULL; l; l = l->next) {
		if (!fw_xml_is(l, "Link"))
			continue;
		char *o = refi_gatt(l, "originGUID");
		if (o && g && !strcmp(o, g)) {
			char *t = refi_gatt(l, "targetGUID");
			cid = refi_gmap_get(&x->cases, t);
			if (!cid)
				cid = refi_row_id(
					x->p,
					"SELECT id FROM \"case\" WHERE guid=?",
					t);
			free(t);
		}
		free(o);
	}
	return cid;
}

/* The case's name, the code's number and the coder's name of a summary. */
static void note_names(imp *x, long long cid, long long kid, long long uid,
		       char cname[300], char num[64], char coder[300])
{
	sqlite3_stmt *st;
	cname[0] = num[0] = coder[0] = 0;
	if (!fw_query(&st, x->p, NULL,
		      "SELECT (SELECT name FROM \"case\" WHERE id=?), (SELECT "
		      "number FROM code WHERE id=?), (SELECT name FROM coder "
		      "WHERE id=?)",
		      "iii", (long long)cid, (long long)kid, (long long)uid)) {
		if (fw_row(x->p, st)) {
			const unsigned char *c = sqlite3_column_text(st, 2);
			snprintf(cname, 300, "%s", sqlite3_column_text(st, 0));
			snprintf(num, 64, "%s", sqlite3_column_text(st, 1));
			snprintf(coder, 300, "%s", c ? (const char *)c : "");
		}
		sqlite3_finalize(st);
	}
}

/* A chart summary back into its cell, unless it is there word for word. */
static void note_cell(imp *x, xmlNodePtr n, xmlNodePtr links, const char *g,
		      const char *desc, const char *body)
{
	long long cid = note_case(x, links, g);
	xmlNodePtr cod = fw_xml_child(n, "Coding");
	xmlNodePtr cr = cod ? fw_xml_child(cod, "CodeRef") : NULL;
	char *kg = cr ? refi_gatt(cr, "targetGUID") : NULL;
	long long kid = refi_gmap_get(&x->codes, kg);
	free(kg);
	const char *ag = strstr(desc, "agreement=");
	char agreement[128] = "";
	if (ag)
		snprintf(agreement, sizeof agreement, "%s", ag + 10);
	if (!cid || !kid) {
		x->res->refs_missing++;
		refi_note(
			x, 1,
			"a chart summary whose case or code is not in the file");
		return;
	}
	char *user = cod ? refi_gatt(cod, "creatingUser") : NULL;
	long long uid = refi_gmap_get(&x->users, user);
	free(user);
	char cname[300], num[64], coder[300];
	note_names(x, cid, kid, uid, cname, num, coder);
	sqlite3_stmt *st;
	int same = 0;
	if (!fw_query(&st, x->p, NULL,
		      "SELECT 1 FROM cell WHERE case_id=? AND code_id=? AND "
		      "summary=? AND coalesce(agreement,'')=?",
		      "iitt", (long long)cid, (long long)kid, body,
		      agreement)) {
		same = fw_row(x->p, st);
		sqlite3_finalize(st);
	}
	if (same)
		return;
	fw_error e2;
	fw_error_clear(&e2);
	if (fw_cell_set(NULL, x->p, cname, num, body,
			agreement[0] ? agreement : NULL,
			coder[0] ? coder : NULL, &e2))
		refi_note(x, 1, "chart summary %s / %s: %s", cname, num,
			  e2.msg);
	else
		x->res->summaries++;
	/* a draft comes back a draft, for the researcher to accept */
	if (!strncmp(desc, "charter:cell draft=1 ", 21))
		fw_run(x->p, NULL, "storing a draft", NULL,
		       "UPDATE cell SET draft = 1 WHERE case_id = ?1 AND "
		       "code_id = ?2",
		       "ii", cid, kid);
}

/* An auto-code rule back onto the code whose NoteRef names it. */
static void note_rule(imp *x, const char *g, const char *desc, const char *body)
{
	long long code = -refi_gmap_get(&x->notes, g);
	if (code <= 0) {
		refi_note(x, 1, "an auto-code rule no code refers to");
		return;
	}
	char scope[32] = "sentence", role[32] = "respondent", flags[16] = "";
	const char *s;
	if ((s = strstr(desc, "scope=")))
		sscanf(s + 6, "%31[a-z]", scope);
	if ((s = strstr(desc, "role=")))
		sscanf(s + 5, "%31[a-z]", role);
	if ((s = strstr(desc, "flags=")))
		sscanf(s + 6, "%15[a-zA-Z]", flags);
	sqlite3_stmt *st;
	if (fw_prepare(x->p, &st,
		       "SELECT 1 FROM rule WHERE code_id=? AND pattern=?",
		       NULL))
		return;
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_text(st, 2, body, -1, SQLITE_TRANSIENT);
	int have = fw_row(x->p, st);
	sqlite3_finalize(st);
	if (have || fw_prepare(x->p, &st,
			       "INSERT INTO rule(code_id,pattern,flags,scope,"
			       "speaker_role) VALUES(?,?,?,?,?)",
			       NULL))
		return;
	sqlite3_bind_int64(st, 1, code);
	sqlite3_bind_text(st, 2, body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, flags, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, scope, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, role, -1, SQLITE_TRANSIENT);
	if (fw_done(x->p, st))
		x->res->rules++;
	sqlite3_finalize(st);
}

static void anchor_add(imp *x, xmlNodePtr holder, const char *note)
{
	int kind = fw_xml_is(holder, "Code")         ? 'C'
		   : fw_xml_is(holder, "TextSource") ? 'S'
		   : fw_xml_is(holder, "PlainTextSelection") && holder->parent
			   ? 'P'
			   : 0;
	x->anchors = fw_xgrow(x->anchors, &x->canchors, x->nanchors + 1,
			      sizeof *x->anchors, 64);
	refi_anchor *a = &x->anchors[x->nanchors++];
	memset(a, 0, sizeof *a);
	a->note = fw_xstrdup(note);
	a->seq = x->nanchors - 1;
	a->kind = kind;
	a->holder = refi_gatt(holder, "guid");
	if (kind == 'P') {
		a->source = refi_gatt(holder->parent, "guid");
		char *s = fw_xml_attr(holder, "startPosition"),
		     *e = fw_xml_attr(holder, "endPosition");
		a->start = s ? atol(s) : 0;
		a->end = e ? atol(e) : 0;
		free(s);
		free(e);
	}
	x->anchors_sorted = 0;
}

void refi_anchor_walk(imp *x, xmlNodePtr n)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || fw_xml_is(c, "Notes"))
			continue;
		if (fw_xml_is(c, "NoteRef")) {
			char *t = refi_gatt(c, "targetGUID");
			if (t)
				anchor_add(x, n, t);
			free(t);
			continue;
		}
		refi_anchor_walk(x, c);
	}
}

void refi_anchors_free(imp *x)
{
	for (size_t i = 0; i < x->nanchors; i++) {
		free(x->anchors[i].note);
		free(x->anchors[i].holder);
		free(x->anchors[i].source);
	}
	free(x->anchors);
	x->anchors = NULL;
	x->nanchors = x->canchors = 0;
}

/* by note, then in the order met (the first NoteRef anchors) */
static int anchor_cmp(const void *a, const void *b)
{
	const refi_anchor *p = a, *q = b;
	int c = strcmp(p->note, q->note);
	return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

static const refi_anchor *anchor_of(imp *x, const char *g)
{
	if (!x->nanchors)
		return NULL;
	if (!x->anchors_sorted) {
		qsort(x->anchors, x->nanchors, sizeof *x->anchors, anchor_cmp);
		x->anchors_sorted = 1;
	}
	size_t lo = 0, hi = x->nanchors;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(x->anchors[mid].note, g) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nanchors && !strcmp(x->anchors[lo].note, g)
		       ? &x->anchors[lo]
		       : NULL;
}

/* A word of charter's memo description ("kind=analytic"), or NULL. */
char *refi_desc_value(const char *desc, const char *key, int rest)
{
	size_t k = strlen(key);
	for (const char *s = desc; s && (s = strstr(s, key)); s += k)
		if ((s == desc || s[-1] == ' ') && s[k] == '=') {
			const char *v = s + k + 1;
			return fw_xstrndup(v, strcspn(v, rest ? "\n" : " \n"));
		}
	return NULL;
}

static long long gid(imp *x, gmap *m, const char *table, const char *g)
{
	long long id = refi_gmap_get(m, g);
	char sql[80];
	snprintf(sql, sizeof sql, "SELECT id FROM \"%s\" WHERE guid=?", table);
	return id ? id : g ? refi_row_id(x->p, sql, g) : 0;
}

/* Where a note is anchored: what holds a NoteRef to it (a code, a
 * source, a selection: a span), and charter's own description (kind,
 * cell, theme in a group, the group itself, case). */
static void memo_anchor(imp *x, const char *g, const char *desc, fw_memo_row *r)
{
	const refi_anchor *h = anchor_of(x, g);
	const char *hg = h ? h->holder : NULL;
	if (h && h->kind == 'C') {
		r->code_id = gid(x, &x->codes, "code", hg);
		r->target = r->code_id ? "code" : "project";
	} else if (h && h->kind == 'S') {
		r->source_id = gid(x, &x->sources, "source", hg);
		r->target = r->source_id ? "source" : "project";
	} else if (h && h->kind == 'P') {
		r->source_id = gid(x, &x->sources, "source", h->source);
		r->start = h->start;
		r->end = h->end;
		r->target =
			r->source_id && r->end > r->start ? "span" : "project";
	}
	if (!desc || strncmp(desc, "charter:memo", 12))
		return;
	char *target = refi_desc_value(desc, "target", 0),
	     *cg = refi_desc_value(desc, "case", 0);
	r->case_id = gid(x, &x->cases, "case", cg);
	if (target && !strcmp(target, "case") && r->case_id)
		r->target = "case";
	else if (target && !strcmp(target, "cell") && r->case_id && r->code_id)
		r->target = "cell";
	else if (target && !strcmp(target, "theme") && r->code_id &&
		 (r->grp = refi_desc_value(desc, "group", 1)))
		r->target = "theme";
	else if (target && !strcmp(target, "group") &&
		 (r->grp = refi_desc_value(desc, "group", 1)))
		r->target = "group", r->code_id = 0;
	else
		r->case_id = 0;
	free(target);
	free(cg);
}

/* Any other note as a memo, anchored where the file anchors it: its
 * name (as title), text and description. */
static int note_memo(imp *x, xmlNodePtr n, const char *g, const char *desc,
		     const char *body, fw_error *err)
{
	fw_buf t;
	fw_buf_init(&t);
	char *nm = fw_xml_attr(n, "name");
	int ours = desc && !strncmp(desc, "charter:memo", 12);
	fw_buf_puts(&t, body);
	if (desc && *desc && !ours)
		fw_buf_printf(&t, "%s%s", t.len ? "\n\n" : "", desc);
	char *when = fw_xml_attr(n, "creationDateTime");
	char *kind = ours ? refi_desc_value(desc, "kind", 0) : NULL;
	fw_memo_row r = {.guid = g,
			 .kind = kind,
			 .title = nm && *nm && strcmp(nm, "Memo") ? nm : NULL,
			 .text = t.ptr ? t.ptr : "",
			 .created_at = when && *when ? when : NULL};
	char *u = refi_gatt(n, "creatingUser");
	r.coder_id = refi_gmap_get(&x->users, u);
	free(u);
	memo_anchor(x, g, desc, &r);
	if (kind && strcmp(kind, "analytic") && strcmp(kind, "method") &&
	    strcmp(kind, "reflexive"))
		r.kind = "note";
	int rc = fw_store_memo(NULL, x->p, &r, err);
	if (!rc)
		x->res->memos++;
	free((char *)r.grp);
	free(kind);
	free(when);
	free(nm);
	fw_buf_dispose(&t);
	return rc;
}

int refi_import_notes(imp *x, xmlNodePtr notes, xmlNodePtr links, fw_error *err)
{
	int rc = 0;
	for (xmlNodePtr n = notes ? notes->children : NULL; !rc && n;
	     n = n->next) {
		if (!fw_xml_is(n, "Note"))
			continue;
		char *g = refi_gatt(n, "guid");
		char *desc = fw_xml_content(fw_xml_child(n, "Description"));
		char *body =
			fw_xml_content(fw_xml_child(n, "PlainTextContent"));
		if (!body)
			body = fw_xstrdup("");
		if (desc && !strncmp(desc, "charter:cell", 12))
			note_cell(x, n, links, g, desc, body);
		else if (desc && !strncmp(desc, "charter:rule", 12))
			note_rule(x, g, desc, body);
		else if (g &&
			 !refi_row_id(x->p, "SELECT id FROM memo WHERE guid=?",
				      g))
			rc = note_memo(x, n, g, desc, body, err);
		free(g);
		free(desc);
		free(body);
	}
	return rc;
}
