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

int refi_import_notes(imp *x, xmlNodePtr notes, xmlNodePtr links, fw_error *err)
{
	for (xmlNodePtr n = notes ? notes->children : NULL; n; n = n->next) {
		if (!fw_xml_is(n, "Note"))
			continue;
		char *g = refi_gatt(n, "guid");
		char *desc = fw_xml_content(fw_xml_child(n, "Description"));
		char *body =
			fw_xml_content(fw_xml_child(n, "PlainTextContent"));
		if (!body)
			body = fw_xstrdup("");
		int rc = 0;
		if (desc && !strncmp(desc, "charter:cell", 12)) {
			/* the case: a Link from this note */
			long long cid = 0;
			for (xmlNodePtr l = links ? links->children : NULL; l;
			     l = l->next) {
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
			xmlNodePtr cod = fw_xml_child(n, "Coding");
			xmlNodePtr cr =
				cod ? fw_xml_child(cod, "CodeRef") : NULL;
			char *kg = cr ? refi_gatt(cr, "targetGUID") : NULL;
			long long kid_ = refi_gmap_get(&x->codes, kg);
			free(kg);
			const char *ag = strstr(desc, "agreement=");
			char agreement[128] = "";
			if (ag)
				snprintf(agreement, sizeof agreement, "%s",
					 ag + 10);
			if (!cid || !kid_) {
				x->res->refs_missing++;
				refi_note(
					x, 1,
					"a chart summary whose case or code is not in the file");
			} else {
				char cname[300] = "", num[64] = "";
				sqlite3_stmt *st;
				if (!fw_prepare(
					    x->p, &st,
					    "SELECT (SELECT name FROM \"case\" WHERE id=?), "
					    "(SELECT number FROM code WHERE id=?)",
					    NULL)) {
					sqlite3_bind_int64(st, 1, cid);
					sqlite3_bind_int64(st, 2, kid_);
					if (fw_row(x->p, st)) {
						snprintf(cname, sizeof cname,
							 "%s",
							 sqlite3_column_text(
								 st, 0));
						snprintf(num, sizeof num, "%s",
							 sqlite3_column_text(
								 st, 1));
					}
					sqlite3_finalize(st);
				}
				char *user =
					cod ? refi_gatt(cod, "creatingUser")
					    : NULL;
				long long uid = refi_gmap_get(&x->users, user);
				free(user);
				char coder[300] = "";
				if (uid &&
				    !fw_prepare(
					    x->p, &st,
					    "SELECT name FROM coder WHERE id=?",
					    NULL)) {
					sqlite3_bind_int64(st, 1, uid);
					if (fw_row(x->p, st))
						snprintf(coder, sizeof coder,
							 "%s",
							 sqlite3_column_text(
								 st, 0));
					sqlite3_finalize(st);
				}
				fw_error e2;
				fw_error_clear(&e2);
				int same = 0;
				if (!fw_prepare(
					    x->p, &st,
					    "SELECT 1 FROM cell WHERE case_id=? AND code_id=? "
					    "AND summary=? AND coalesce(agreement,'')=?",
					    NULL)) {
					sqlite3_bind_int64(st, 1, cid);
					sqlite3_bind_int64(st, 2, kid_);
					sqlite3_bind_text(st, 3, body, -1,
							  SQLITE_TRANSIENT);
					sqlite3_bind_text(st, 4, agreement, -1,
							  SQLITE_TRANSIENT);
					same = fw_row(x->p, st);
					sqlite3_finalize(st);
				}
				if (same) {
					/* already there, word for word */
				} else if (fw_cell_set(NULL, x->p, cname, num,
						       body,
						       agreement[0] ? agreement
								    : NULL,
						       coder[0] ? coder : NULL,
						       &e2)) {
					refi_note(x, 1,
						  "chart summary %s / %s: %s",
						  cname, num, e2.msg);
				} else {
					x->res->summaries++;
				}
			}
		} else if (desc && !strncmp(desc, "charter:rule", 12)) {
			long long code = -refi_gmap_get(&x->notes, g);
			if (code <= 0) {
				refi_note(
					x, 1,
					"an auto-code rule no code refers to");
			} else {
				char scope[32] = "sentence",
				     role[32] = "respondent", flags[16] = "";
				const char *s;
				if ((s = strstr(desc, "scope=")))
					sscanf(s + 6, "%31[a-z]", scope);
				if ((s = strstr(desc, "role=")))
					sscanf(s + 5, "%31[a-z]", role);
				if ((s = strstr(desc, "flags=")))
					sscanf(s + 6, "%15[a-zA-Z]", flags);
				sqlite3_stmt *st;
				if (!fw_prepare(
					    x->p, &st,
					    "SELECT 1 FROM rule WHERE code_id=? AND pattern=?",
					    NULL)) {
					sqlite3_bind_int64(st, 1, code);
					sqlite3_bind_text(st, 2, body, -1,
							  SQLITE_TRANSIENT);
					int have = fw_row(x->p, st);
					sqlite3_finalize(st);
					if (!have &&
					    !fw_prepare(
						    x->p, &st,
						    "INSERT INTO rule(code_id,pattern,"
						    "flags,scope,speaker_role) "
						    "VALUES(?,?,?,?,?)",
						    NULL)) {
						sqlite3_bind_int64(st, 1, code);
						sqlite3_bind_text(
							st, 2, body, -1,
							SQLITE_TRANSIENT);
						sqlite3_bind_text(
							st, 3, flags, -1,
							SQLITE_TRANSIENT);
						sqlite3_bind_text(
							st, 4, scope, -1,
							SQLITE_TRANSIENT);
						sqlite3_bind_text(
							st, 5, role, -1,
							SQLITE_TRANSIENT);
						if (fw_done(x->p, st))
							x->res->rules++;
						sqlite3_finalize(st);
					}
				}
			}
		} else if (g && !refi_row_id(x->p,
					     "SELECT id FROM memo WHERE guid=?",
					     g)) {
			/* any other note is a memo */
			fw_buf t;
			fw_buf_init(&t);
			char *nm = fw_xml_attr(n, "name");
			if (nm && *nm && strcmp(nm, "Memo"))
				fw_buf_printf(&t, "%s\n\n", nm);
			free(nm);
			fw_buf_puts(&t, body);
			if (desc && *desc)
				fw_buf_printf(&t, "%s%s", t.len ? "\n\n" : "",
					      desc);
			sqlite3_stmt *st;
			char now[40];
			char *when = fw_xml_attr(n, "creationDateTime");
			if (when && *when)
				snprintf(now, sizeof now, "%s", when);
			else
				fw_now(now, sizeof now);
			free(when);
			if (!fw_prepare(
				    x->p, &st,
				    "INSERT INTO memo(guid,target_kind,text,created_at) "
				    "VALUES(?,'project',?,?)",
				    err)) {
				sqlite3_bind_text(st, 1, g, -1,
						  SQLITE_TRANSIENT);
				sqlite3_bind_text(st, 2, t.ptr ? t.ptr : "", -1,
						  SQLITE_TRANSIENT);
				sqlite3_bind_text(st, 3, now, -1,
						  SQLITE_TRANSIENT);
				if (fw_done(x->p, st))
					x->res->memos++;
				else
					rc = fw_sql_error(x->p, err,
							  "storing a memo");
				sqlite3_finalize(st);
			} else {
				rc = FW_EIO;
			}
			fw_buf_dispose(&t);
		}
		free(g);
		free(desc);
		free(body);
		if (rc)
			return rc;
	}
	return 0;
}
