/*
 * refi_cases.c: REFI-QDA variables and cases: attributes and their values,
 * cases matched by GUID, their sources linked, group cases kept.
 */
#include "case.h"
#include "refi.h"
#include "store.h"
#include "errors.h"
#include "fw/project.h"
#include "guid.h"
#include "xmlio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int refi_import_variables(imp *x, xmlNodePtr vars, fw_error *err)
{
	for (xmlNodePtr v = vars ? vars->children : NULL; v; v = v->next) {
		if (!fw_xml_is(v, "Variable"))
			continue;
		char *g = refi_gatt(v, "guid");
		char *name = fw_xml_attr(v, "name");
		char *type = fw_xml_attr(v, "typeOfVariable");
		if (g && name && *name) {
			int had =
				refi_row_id(
					x->p,
					"SELECT id FROM attribute WHERE name=?",
					name) != 0;
			long long id = fw_attribute_id(x->p, name, 1, err);
			if (!id) {
				free(g);
				free(name);
				free(type);
				return FW_EIO;
			}
			if (type && strcasecmp(type, "Text")) {
				sqlite3_stmt *st;
				if (!fw_prepare(
					    x->p, &st,
					    "UPDATE attribute SET type=lower(?) WHERE id=? "
					    "AND type='text'",
					    NULL)) {
					sqlite3_bind_text(st, 1, type, -1,
							  SQLITE_TRANSIENT);
					sqlite3_bind_int64(st, 2, id);
					fw_done(x->p, st);
					sqlite3_finalize(st);
				}
			}
			refi_gmap_put(&x->vars, g, id);
			x->res->variables += !had;
		}
		free(g);
		free(name);
		free(type);
	}
	return 0;
}

/* 1 if the value was new or changed, 0 if the same, <0 on error */
static int set_value(fw_project *p, long long cid, long long aid, const char *v)
{
	sqlite3_stmt *st;
	if (!fw_query(&st, p, NULL,
		      "SELECT 1 FROM case_value WHERE case_id=? AND "
		      "attribute_id=? AND value=?",
		      "iit", (long long)cid, (long long)aid, v)) {
		int same = fw_row(p, st);
		sqlite3_finalize(st);
		if (same)
			return 0;
	}
	int rc = fw_run(p, NULL, "storing a value", NULL,
			"INSERT INTO case_value(case_id,attribute_id,value) "
			"VALUES(?,?,?) ON CONFLICT(case_id,attribute_id) DO "
			"UPDATE SET value=excluded.value",
			"iit", (long long)cid, (long long)aid, v);
	return rc ? rc : 1;
}

/* ---- cases --------------------------------------------------------------- */

static int link_source(fw_project *p, long long cid, long long sid)
{
	if (fw_store_case_source(p, cid, sid, 0, NULL))
		return FW_EIO;
	return fw_run(
		p, NULL, "linking speakers to a case", NULL,
		"UPDATE speaker SET case_id=?1, role=CASE WHEN (SELECT "
		"is_group FROM \"case\" WHERE id=?1) THEN 'participant' "
		"ELSE role END WHERE source_id=?2 AND role<>'interviewer' "
		"AND case_id IS NULL",
		"ii", (long long)cid, (long long)sid);
}

static long long new_case(imp *x, const char *guid, const char *name,
			  fw_error *err)
{
	char nm[300];
	snprintf(nm, sizeof nm, "%s", name);
	for (int k = 2;
	     refi_row_id(x->p, "SELECT id FROM \"case\" WHERE name=?", nm); k++)
		snprintf(nm, sizeof nm, "%.280s (%d)", name, k);
	long long id;
	if (fw_store_case(&id, x->p, guid, nm, FW_SORT_NEXT, err))
		return 0;
	x->res->cases++;
	return id;
}

int refi_import_cases(imp *x, xmlNodePtr cases, fw_error *err)
{
	int n = 0;
	for (xmlNodePtr c = cases ? cases->children : NULL; c; c = c->next) {
		if (!fw_xml_is(c, "Case"))
			continue;
		n++;
		char *g, *name;
		long long cid = refi_known(
			x->p, c, "SELECT id FROM \"case\" WHERE guid=?", &g,
			&name);
		if (!g)
			continue;
		if (cid) {
			x->res->cases_matched++;
		} else {
			char nm[300];
			if (name && *name) {
				snprintf(nm, sizeof nm, "%s", name);
			} else {
				/* MAXQDA and Quirkos leave cases nameless: the
				 * source names it */
				xmlNodePtr sr = fw_xml_child(c, "SourceRef");
				char *sg =
					sr ? refi_gatt(sr, "targetGUID") : NULL;
				long long sid = refi_gmap_get(&x->sources, sg);
				free(sg);
				nm[0] = 0;
				if (sid) {
					sqlite3_stmt *st;
					if (!fw_query(
						    &st, x->p, NULL,
						    "SELECT name FROM source WHERE id=?",
						    "i", (long long)sid)) {
						if (fw_row(x->p, st))
							snprintf(
								nm, sizeof nm,
								"%s",
								sqlite3_column_text(
									st, 0));
						sqlite3_finalize(st);
					}
					char *dot = strrchr(nm, '.');
					if (dot && dot != nm)
						*dot = 0;
				}
				if (!nm[0])
					snprintf(nm, sizeof nm, "Case %d", n);
			}
			cid = new_case(x, g, nm, err);
			if (!cid) {
				free(g);
				free(name);
				return FW_EIO;
			}
		}
		refi_gmap_put(&x->cases, g, cid);
		char *cd = fw_xml_content(fw_xml_child(c, "Description"));
		if (cd && !strncmp(cd, "charter:group", 13)) {
			sqlite3_stmt *st;
			if (!fw_query(
				    &st, x->p, NULL,
				    "UPDATE \"case\" SET is_group=1 WHERE id=?",
				    "i", (long long)cid)) {
				fw_done(x->p, st);
				sqlite3_finalize(st);
			}
		}
		free(cd);
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (fw_xml_is(k, "VariableValue")) {
				xmlNodePtr vr = fw_xml_child(k, "VariableRef");
				char *vg =
					vr ? refi_gatt(vr, "targetGUID") : NULL;
				long long aid = refi_gmap_get(&x->vars, vg);
				free(vg);
				xmlNodePtr val = NULL;
				for (xmlNodePtr v = k->children; v; v = v->next)
					if (v->type == XML_ELEMENT_NODE &&
					    !fw_xml_is(v, "VariableRef"))
						val = v;
				if (!aid) {
					x->res->refs_missing++;
					refi_note(
						x, 1,
						"case '%s': a value of a variable not in the file",
						name && *name ? name : g);
					continue;
				}
				if (!val)
					continue;
				char *t = fw_xml_content(val);
				int sv = set_value(x->p, cid, aid, t);
				free(t);
				if (sv < 0) {
					free(g);
					free(name);
					return fw_sql_error(x->p, err,
							    "storing a value");
				}
				x->res->values += sv;
			} else if (fw_xml_is(k, "SourceRef")) {
				char *sg = refi_gatt(k, "targetGUID");
				long long sid = refi_gmap_get(&x->sources, sg);
				if (!sid) {
					x->res->refs_missing++;
					refi_note(
						x, 1,
						"case '%s': a reference to a source not in the "
						"file (%s)",
						name && *name ? name : g,
						sg ? sg : "");
					free(sg);
					continue;
				}
				free(sg);
				if (link_source(x->p, cid, sid)) {
					free(g);
					free(name);
					return fw_sql_error(x->p, err,
							    "linking a case");
				}
			} else if (fw_xml_is(k, "CodeRef") ||
				   fw_xml_is(k, "SelectionRef")) {
				x->res->case_refs_dropped++;
			}
		}
		free(g);
		free(name);
	}
	return 0;
}

/* Sources no case claims get a case named after them, as ingest does. */
int refi_orphan_cases(imp *x, fw_error *err)
{
	for (size_t i = 0; i < x->sources.n; i++) {
		long long sid = x->sources.id[i];
		sqlite3_stmt *st;
		int linked = 0;
		char nm[300] = "";
		if (!fw_query(
			    &st, x->p, NULL,
			    "SELECT (SELECT count(*) FROM case_source WHERE "
			    "source_id=s.id), s.name FROM source s WHERE s.id=?",
			    "i", (long long)sid)) {
			if (fw_row(x->p, st)) {
				linked = sqlite3_column_int(st, 0);
				snprintf(nm, sizeof nm, "%s",
					 sqlite3_column_text(st, 1));
			}
			sqlite3_finalize(st);
		}
		if (linked)
			continue;
		char *dot = strrchr(nm, '.');
		if (dot && dot != nm)
			*dot = 0;
		long long cid = refi_row_id(
			x->p, "SELECT id FROM \"case\" WHERE name=?", nm);
		if (!cid)
			cid = new_case(x, NULL, nm, err);
		if (!cid || link_source(x->p, cid, sid))
			return FW_EIO;
	}
	return 0;
}
