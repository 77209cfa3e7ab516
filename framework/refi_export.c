/*
 * refi_export.c: REFI-QDA codebooks (.qdc) and projects (.qdpx).
 *
 * The XML is written by hand in the element order the schemas fix, with
 * every object's stored GUID, so exports are stable: exporting twice gives
 * the same document apart from the export's own timestamp.  What the
 * standard has no element for is kept in Notes, in a documented shape that
 * charter reads back and other tools show as ordinary memos:
 *
 *   chart summary   a Note named "Chart summary: CASE / CODE", Description
 *                   "charter:cell agreement=VALUE", the summary as its
 *                   text, coded with the sub-theme (a Coding of the whole
 *                   note), and a Link from the note to the case.
 *   group case      a Case whose Description begins "charter:group".
 *   auto-code rule  a Note named "Auto-code rule", Description
 *                   "charter:rule scope=S role=R flags=F", the pattern as
 *                   its text, referenced from its Code by NoteRef.
 *
 * GUIDs that charter does not store (variables, selections, notes, links)
 * are derived from stored ones with SHA-256, so they are stable too.
 */
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fw/project.h"
#include "fw/refi.h"
#include "guid.h"
#include "timefmt.h"
#include "zipio.h"

#include <stddef.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

/* ---- XML text ------------------------------------------------------------ */

static void attr(fw_buf *b, const char *name, const char *v)
{
	if (!v)
		return;
	fw_buf_printf(b, " %s=\"", name);
	fw_esc_xml_attr(b, v);
	fw_buf_putc(b, '"');
}

static void indent(fw_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		fw_buf_puts(b, "  ");
}

/* ISO 8601 as xsd:dateTime wants it (charter stores UTC with Z). */
static const char *dt(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---- the codebook -------------------------------------------------------- */

typedef struct code_row {
	long long id, parent;
	char *guid, *number, *name, *def, *use, *not_, *example, *color;
	int codable;
	int nrules;
	char *memos; /* the GUIDs of memos on it, ' '-separated, or NULL */
} code_row;

static void code_rows_free(code_row *v, size_t n)
{
	FW_FREE_FIELDS(v, n, code_row, offsetof(code_row, guid),
		       offsetof(code_row, number), offsetof(code_row, name),
		       offsetof(code_row, memos), offsetof(code_row, def),
		       offsetof(code_row, use), offsetof(code_row, not_),
		       offsetof(code_row, example), offsetof(code_row, color));
}

static int load_codes(fw_project *p, code_row **out, size_t *n, fw_error *err)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	int rc = fw_prepare(
		p, &st,
		"SELECT k.id, coalesce(k.parent_id,0), k.guid, k.number, k.name, "
		"k.definition, k.use_when, k.not_when, k.example, k.color, "
		"(SELECT count(*) FROM code c WHERE c.parent_id=k.id)=0 OR "
		"EXISTS(SELECT 1 FROM counted g WHERE g.code_id=k.id), "
		"(SELECT count(*) FROM rule r WHERE r.code_id=k.id), "
		"(SELECT group_concat(m.guid, ' ') FROM memo m WHERE "
		"m.code_id=k.id AND m.target IN ('code','cell','theme')) "
		"FROM code k ORDER BY k.sort, k.id",
		err);
	if (rc)
		return rc;
	size_t cap = 0;
	code_row *v = NULL;
	while (fw_row(p, st)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = fw_xrealloc(v, cap * sizeof *v);
		}
		code_row *r = &v[(*n)++];
		fw_columns(st, "iittttttttnnt", &r->id, &r->parent, &r->guid,
			   &r->number, &r->name, &r->def, &r->use, &r->not_,
			   &r->example, &r->color, &r->codable, &r->nrules,
			   &r->memos);
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

/* The Description of a code: charter's definition and guidance, in labelled
 * paragraphs that charter parses back and people read as prose. */
static void code_description(fw_buf *b, const code_row *r)
{
	fw_buf d;
	fw_buf_init(&d);
	if (r->def)
		fw_buf_printf(&d, "%s", r->def);
	if (r->use)
		fw_buf_printf(&d, "%sUse when: %s", d.len ? "\n\n" : "",
			      r->use);
	if (r->not_)
		fw_buf_printf(&d, "%sNot when: %s", d.len ? "\n\n" : "",
			      r->not_);
	if (r->example)
		fw_buf_printf(&d, "%sExample: %s", d.len ? "\n\n" : "",
			      r->example);
	if (d.len) {
		fw_buf_puts(b, "<Description>");
		fw_esc_xml(b, d.ptr);
		fw_buf_puts(b, "</Description>\n");
	}
	fw_buf_dispose(&d);
}

static void rule_note_guid(const char *code_guid, int k, char out[37])
{
	char key[128];
	snprintf(key, sizeof key, "charter:rule:%s:%d", code_guid, k);
	fw_guid_derive(out, key);
}

/* A NoteRef for each of the ' '-separated GUIDs (NULL: none). */
static void note_refs(fw_buf *b, const char *guids, int depth)
{
	for (const char *g = guids; g && *g;) {
		size_t n = strcspn(g, " ");
		indent(b, depth);
		fw_buf_puts(b, "<NoteRef targetGUID=\"");
		fw_buf_put(b, g, n);
		fw_buf_puts(b, "\"/>\n");
		g += n;
		g += *g == ' ';
	}
}

static void write_code(fw_buf *b, const code_row *v, size_t n, size_t i,
		       int depth, int project)
{
	const code_row *r = &v[i];
	indent(b, depth);
	fw_buf_puts(b, "<Code");
	attr(b, "guid", r->guid);
	char name[1024];
	snprintf(name, sizeof name, "%s %s", r->number, r->name);
	attr(b, "name", name);
	attr(b, "isCodable", r->codable ? "true" : "false");
	if (r->color && r->color[0] == '#')
		attr(b, "color", r->color);
	int kids = 0;
	for (size_t j = 0; j < n; j++)
		kids += v[j].parent == r->id;
	int body = r->def || r->use || r->not_ || r->example || kids ||
		   (project && (r->nrules || r->memos));
	if (!body) {
		fw_buf_puts(b, "/>\n");
		return;
	}
	fw_buf_puts(b, ">\n");
	if (r->def || r->use || r->not_ || r->example) {
		indent(b, depth + 1);
		code_description(b, r);
	}
	if (project)
		for (int k = 0; k < r->nrules; k++) {
			char g[37];
			rule_note_guid(r->guid, k, g);
			indent(b, depth + 1);
			fw_buf_printf(b, "<NoteRef targetGUID=\"%s\"/>\n", g);
		}
	if (project)
		note_refs(b, r->memos, depth + 1);
	for (size_t j = 0; j < n; j++)
		if (v[j].parent == r->id)
			write_code(b, v, n, j, depth + 1, project);
	indent(b, depth);
	fw_buf_puts(b, "</Code>\n");
}

static void write_codes(fw_buf *b, const code_row *v, size_t n, int depth,
			int project)
{
	indent(b, depth);
	fw_buf_puts(b, "<Codes>\n");
	for (size_t i = 0; i < n; i++)
		if (!v[i].parent)
			write_code(b, v, n, i, depth + 1, project);
	indent(b, depth);
	fw_buf_puts(b, "</Codes>\n");
}

int fw_refi_codebook(fw_buf *out, fw_project *p, fw_error *err)
{
	code_row *v;
	size_t n;
	int rc = load_codes(p, &v, &n, err);
	if (rc)
		return rc;
	if (!n) {
		free(v);
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "the project has no codebook to export");
	}
	fw_buf_puts(out,
		    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" "
		    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		    "xsi:schemaLocation=\"urn:QDA-XML:codebook:1.0 "
		    "http://schema.qdasoftware.org/versions/Codebook/v1.0/"
		    "Codebook.xsd\" origin=\"charter\">\n");
	write_codes(out, v, n, 1, 0);
	fw_buf_puts(out, "</CodeBook>\n");
	code_rows_free(v, n);
	return 0;
}

/* ---- the project --------------------------------------------------------- */

static int step_rows(fw_project *p, const char *sql, fw_error *err,
		     sqlite3_stmt **st)
{
	return fw_prepare(p, st, sql, err);
}

static const char *var_type(const char *t)
{
	if (t && !strcasecmp(t, "integer"))
		return "Integer";
	if (t && (!strcasecmp(t, "number") || !strcasecmp(t, "float")))
		return "Float";
	if (t && !strcasecmp(t, "boolean"))
		return "Boolean";
	if (t && !strcasecmp(t, "date"))
		return "Date";
	return "Text";
}

static void var_guid(const char *name, char out[37])
{
	char key[600];
	snprintf(key, sizeof key, "charter:variable:%s", name);
	for (char *c = key; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	fw_guid_derive(out, key);
}

static void cell_guids(const char *case_guid, const char *code_guid,
		       char note[37], char coding[37], char link[37])
{
	char key[200];
	snprintf(key, sizeof key, "charter:cell:%s:%s", case_guid, code_guid);
	fw_guid_derive(note, key);
	snprintf(key, sizeof key, "charter:cell-coding:%s:%s", case_guid,
		 code_guid);
	fw_guid_derive(coding, key);
	snprintf(key, sizeof key, "charter:cell-link:%s:%s", case_guid,
		 code_guid);
	fw_guid_derive(link, key);
}

/* A source's entry in the archive: its text is read from the project when
 * the zip writer comes to it, one transcript in memory at a time. */
typedef struct srcfile {
	char guid[40];
	long long id;
} srcfile;

/* What has been written of the XML goes to the archive's temporary file
 * once it passes a megabyte, so the document is never whole in memory
 * (out NULL: it is all kept in b). */
#define SPILL_AT (1u << 20)

static int spill(fw_buf *b, FILE *out, int all, fw_error *err)
{
	if (!out || !b->len || (!all && b->len < SPILL_AT))
		return 0;
	int bad = fwrite(b->ptr, 1, b->len, out) != b->len;
	fw_buf_clear(b);
	return bad ? fw_error_set(err, FW_EIO, NULL, 0,
				  "cannot write the export: %s",
				  strerror(errno))
		   : 0;
}

/* The start of an element <el guid=".." name=".." from columns col and
 * col+1, with the group's start ("  <Els>") before the first of them. */
static void named_start(fw_buf *b, int *any, const char *group, const char *el,
			sqlite3_stmt *st, int col)
{
	if (!(*any)++)
		fw_buf_printf(b, "  <%s>\n", group);
	fw_buf_printf(b, "    <%s", el);
	attr(b, "guid", (const char *)sqlite3_column_text(st, col));
	attr(b, "name", (const char *)sqlite3_column_text(st, col + 1));
}

/* <Users>: the coders. */
static int xml_users(fw_buf *b, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = step_rows(p, "SELECT guid, name FROM coder ORDER BY id", err,
			   &st);
	if (rc)
		return rc;
	int any = 0;
	while (fw_row(p, st)) {
		named_start(b, &any, "Users", "User", st, 0);
		fw_buf_puts(b, "/>\n");
	}
	sqlite3_finalize(st);
	if (any)
		fw_buf_puts(b, "  </Users>\n");
	return 0;
}

/* <Variables>: the case attributes, with derived GUIDs. */
static int xml_variables(fw_buf *b, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = step_rows(p,
			   "SELECT name, type FROM attribute ORDER BY sort, id",
			   err, &st);
	if (rc)
		return rc;
	int any = 0;
	while (fw_row(p, st)) {
		if (!any++)
			fw_buf_puts(b, "  <Variables>\n");
		char g[37];
		const char *an = (const char *)sqlite3_column_text(st, 0);
		var_guid(an, g);
		fw_buf_puts(b, "    <Variable");
		attr(b, "guid", g);
		attr(b, "name", an);
		attr(b, "typeOfVariable",
		     var_type((const char *)sqlite3_column_text(st, 1)));
		fw_buf_puts(b, "/>\n");
	}
	sqlite3_finalize(st);
	if (any)
		fw_buf_puts(b, "  </Variables>\n");
	return 0;
}

/* One <Case>'s values and source references. */
static void xml_case_body(fw_buf *b, fw_project *p, sqlite3_stmt *vals,
			  sqlite3_stmt *srcs, long long cid)
{
	fw_rebind(vals, "i", (long long)cid);
	while (fw_row(p, vals)) {
		char g[37];
		const char *an = (const char *)sqlite3_column_text(vals, 0);
		const char *ty =
			var_type((const char *)sqlite3_column_text(vals, 1));
		var_guid(an, g);
		fw_buf_printf(b,
			      "      <VariableValue>\n        <VariableRef "
			      "targetGUID=\"%s\"/>\n        <%sValue>",
			      g, ty);
		fw_esc_xml(b, (const char *)sqlite3_column_text(vals, 2));
		fw_buf_printf(b, "</%sValue>\n      </VariableValue>\n", ty);
	}
	fw_rebind(srcs, "i", (long long)cid);
	while (fw_row(p, srcs))
		fw_buf_printf(b, "      <SourceRef targetGUID=\"%s\"/>\n",
			      sqlite3_column_text(srcs, 0));
}

/* <Cases>, with their values and sources. */
static int xml_cases(fw_buf *b, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st = NULL, *vals = NULL, *srcs = NULL;
	int rc;
	if ((rc = step_rows(p,
			    "SELECT id, guid, name, is_group FROM \"case\" "
			    "ORDER BY sort, id",
			    err, &st)) ||
	    (rc = step_rows(p,
			    "SELECT a.name, a.type, v.value FROM case_value v "
			    "JOIN attribute a ON a.id=v.attribute_id WHERE "
			    "v.case_id=? ORDER BY a.sort, a.id",
			    err, &vals)) ||
	    (rc = step_rows(
		     p,
		     "SELECT s.guid FROM case_source x JOIN source s ON "
		     "s.id=x.source_id WHERE x.case_id=? ORDER BY s.name",
		     err, &srcs)))
		goto out;
	int any = 0;
	while (fw_row(p, st)) {
		named_start(b, &any, "Cases", "Case", st, 1);
		fw_buf_puts(b, ">\n");
		if (sqlite3_column_int(st, 3))
			fw_buf_puts(b,
				    "      <Description>charter:group (a group "
				    "discussion)</Description>\n");
		xml_case_body(b, p, vals, srcs, sqlite3_column_int64(st, 0));
		fw_buf_puts(b, "    </Case>\n");
	}
	if (any)
		fw_buf_puts(b, "  </Cases>\n");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(vals);
	sqlite3_finalize(srcs);
	return rc;
}

/* One source's codings as <PlainTextSelection>s; returns how many. */
/* What the standard cannot say of a coding, in its selection's
 * Description: a rule's coding (its rule and who accepted it), and a
 * suggestion not counted (pending or rejected), which carries its code
 * there instead of in a Coding, so that other tools show it coded
 * nowhere. */
static void coding_desc(fw_buf *b, sqlite3_stmt *cod, int counted)
{
	const char *origin = (const char *)sqlite3_column_text(cod, 6);
	if (counted && strcmp(origin, "rule"))
		return;
	fw_buf_puts(b, "        <Description>");
	fw_buf_puts(b, counted ? "charter:coding origin=rule"
			       : "charter:suggestion origin=rule");
	fw_buf_printf(b, " status=%s", sqlite3_column_text(cod, 7));
	if (!counted)
		fw_buf_printf(b, " code=%s coding=%s",
			      sqlite3_column_text(cod, 3),
			      sqlite3_column_text(cod, 0));
	if (sqlite3_column_int(cod, 10))
		fw_buf_printf(b, " rule=%d", sqlite3_column_int(cod, 10));
	if (sqlite3_column_type(cod, 8) != SQLITE_NULL)
		fw_buf_printf(b, " reviewer=%s", sqlite3_column_text(cod, 8));
	if (sqlite3_column_type(cod, 9) != SQLITE_NULL)
		fw_buf_printf(b, " reviewed=%s",
			      dt((const char *)sqlite3_column_text(cod, 9)));
	fw_buf_puts(b, "</Description>\n");
}

static int xml_selections(fw_buf *b, fw_project *p, sqlite3_stmt *cod,
			  long long sid)
{
	fw_rebind(cod, "in", (long long)sid, fw_project_counts_suggested(p));
	int sel = 0;
	while (fw_row(p, cod)) {
		if (!sel++)
			fw_buf_puts(b, ">\n");
		const char *cg = (const char *)sqlite3_column_text(cod, 0);
		char key[80], selg[37];
		snprintf(key, sizeof key, "charter:selection:%s", cg);
		fw_guid_derive(selg, key);
		const char *user = (const char *)sqlite3_column_text(cod, 4);
		const char *when =
			dt((const char *)sqlite3_column_text(cod, 5));
		int counted = sqlite3_column_int(cod, 11);
		fw_buf_printf(b,
			      "      <PlainTextSelection guid=\"%s\" "
			      "startPosition=\"%lld\" endPosition=\"%lld\"",
			      selg, sqlite3_column_int64(cod, 1),
			      sqlite3_column_int64(cod, 2));
		attr(b, "creatingUser", user);
		attr(b, "creationDateTime", when);
		fw_buf_puts(b, ">\n");
		coding_desc(b, cod, counted);
		if (counted) {
			fw_buf_printf(b, "        <Coding guid=\"%s\"", cg);
			attr(b, "creatingUser", user);
			attr(b, "creationDateTime", when);
			fw_buf_printf(
				b,
				">\n          <CodeRef "
				"targetGUID=\"%s\"/>\n        </Coding>\n",
				sqlite3_column_text(cod, 3));
		}
		fw_buf_puts(b, "      </PlainTextSelection>\n");
	}
	return sel;
}

/* The memos on source sid: a span's as a selection holding its NoteRef
 * (after the codings' selections), the source's as NoteRefs; opens the
 * TextSource's body when nothing has (open 0).  The count written. */
static int memo_anchors(fw_buf *b, fw_project *p, sqlite3_stmt *mem,
			long long sid, int open)
{
	fw_rebind(mem, "i", (long long)sid);
	int n = 0;
	while (fw_row(p, mem)) {
		if (!open && !n)
			fw_buf_puts(b, ">\n");
		n++;
		const char *g = (const char *)sqlite3_column_text(mem, 0);
		if (!strcmp((const char *)sqlite3_column_text(mem, 1),
			    "span")) {
			char key[80], selg[37];
			snprintf(key, sizeof key, "charter:memo-selection:%s",
				 g);
			fw_guid_derive(selg, key);
			fw_buf_printf(b,
				      "      <PlainTextSelection guid=\"%s\" "
				      "startPosition=\"%lld\" "
				      "endPosition=\"%lld\">\n        "
				      "<NoteRef targetGUID=\"%s\"/>\n      "
				      "</PlainTextSelection>\n",
				      selg, sqlite3_column_int64(mem, 2),
				      sqlite3_column_int64(mem, 3), g);
		} else {
			fw_buf_printf(b, "      <NoteRef targetGUID=\"%s\"/>\n",
				      g);
		}
	}
	return n;
}

/* <Sources>, their selections and codings; each source's text is kept in
 * *files for the archive. */
static int xml_sources(fw_buf *b, FILE *out, fw_project *p, srcfile **files,
		       size_t *nfiles, fw_error *err)
{
	sqlite3_stmt *st = NULL, *cod = NULL, *mem = NULL;
	int rc;
	if ((rc = step_rows(p,
			    "SELECT id, guid, name, NULL, imported_at FROM "
			    "source ORDER BY name",
			    err, &st)) ||
	    (rc = step_rows(p,
			    "SELECT guid, target, start, \"end\" FROM memo "
			    "WHERE source_id=? AND target IN ('source', "
			    "'span') ORDER BY target DESC, id",
			    err, &mem)) ||
	    (rc = step_rows(
		     p,
		     "SELECT g.guid, g.start, g.\"end\", k.guid, c.guid, "
		     "g.created_at, g.origin, g.status, v.guid, "
		     "g.reviewed_at, (SELECT count(*) FROM rule r WHERE "
		     "r.code_id = g.code_id AND r.id <= g.rule_id), "
		     "g.status = 'confirmed' OR (?2 AND g.status = "
		     "'suggested') FROM visible g JOIN code k ON "
		     "k.id=g.code_id LEFT JOIN coder c ON "
		     "c.id=g.coder_id LEFT JOIN coder v ON v.id = "
		     "g.reviewer_id WHERE g.source_id=?1 ORDER BY "
		     "g.start, g.\"end\", k.sort, g.guid",
		     err, &cod)))
		goto out;
	int any = 0;
	size_t fcap = 0, total = (size_t)fw_query_int(
				 p, 0, "SELECT count(*) FROM source", "");
	while (fw_row(p, st)) {
		fw_progress(p, "export", "sources", (size_t)any + 1, total);
		if (!any++)
			fw_buf_puts(b, "  <Sources>\n");
		const char *sg = (const char *)sqlite3_column_text(st, 1);
		if (*nfiles == fcap) {
			fcap = fcap ? fcap * 2 : 32;
			*files = fw_xrealloc(*files, fcap * sizeof **files);
		}
		srcfile *f = &(*files)[(*nfiles)++];
		snprintf(f->guid, sizeof f->guid, "%s", sg);
		f->id = sqlite3_column_int64(st, 0);
		fw_buf_puts(b, "    <TextSource");
		attr(b, "guid", sg);
		attr(b, "name", (const char *)sqlite3_column_text(st, 2));
		fw_buf_printf(b, " plainTextPath=\"internal://%s.txt\"", sg);
		attr(b, "creationDateTime",
		     dt((const char *)sqlite3_column_text(st, 4)));
		int sel =
			xml_selections(b, p, cod, sqlite3_column_int64(st, 0));
		sel += memo_anchors(b, p, mem, sqlite3_column_int64(st, 0),
				    sel);
		fw_buf_puts(b, sel ? "    </TextSource>\n" : "/>\n");
		if ((rc = spill(b, out, 0, err)))
			break;
	}
	if (any)
		fw_buf_puts(b, "  </Sources>\n");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(cod);
	sqlite3_finalize(mem);
	return rc;
}

/* The project's Description: the settings another charter needs to show
 * the same charts and report (the codebook's title, the grouping
 * attribute), a "key: value" a line after "charter:settings". */
static void xml_settings(fw_buf *b, fw_project *p)
{
	static const char *const keys[] = {"codebook_title", "group_by"};
	int any = 0;
	for (int k = 0; k < 2; k++) {
		char *v = NULL;
		if (fw_setting_get(&v, p, keys[k], NULL) || !v || !*v ||
		    strchr(v, '\n')) {
			free(v);
			continue;
		}
		if (!any++)
			fw_buf_puts(b, "  <Description>charter:settings");
		fw_buf_printf(b, "\n%s: ", keys[k]);
		fw_esc_xml(b, v);
		free(v);
	}
	if (any)
		fw_buf_puts(b, "</Description>\n");
}

/* Opens <Notes> before the first note. */
static void notes_open(fw_buf *b, int *notes)
{
	if (!(*notes)++)
		fw_buf_puts(b, "  <Notes>\n");
}

/* Chart summaries as Notes coded with their sub-theme; the Links from each
 * note to its case go to *links. */
static int xml_cell_notes(fw_buf *b, fw_buf *links, int *notes, fw_project *p,
			  fw_error *err)
{
	sqlite3_stmt *st;
	int rc = step_rows(
		p,
		"SELECT c.guid, c.name, k.guid, k.number, l.summary, "
		"coalesce(l.agreement,''), w.guid, l.updated_at, l.draft FROM "
		"charted l "
		"JOIN \"case\" c ON c.id=l.case_id JOIN code k ON "
		"k.id=l.code_id LEFT JOIN coder w ON w.id=l.coder_id "
		"WHERE l.summary IS NOT NULL ORDER BY c.sort, c.id, k.sort",
		err, &st);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		notes_open(b, notes);
		const char *caseg = (const char *)sqlite3_column_text(st, 0);
		const char *codeg = (const char *)sqlite3_column_text(st, 2);
		char ng[37], cg[37], lg[37];
		cell_guids(caseg, codeg, ng, cg, lg);
		char nm[600];
		snprintf(nm, sizeof nm, "Chart summary: %s / %s",
			 sqlite3_column_text(st, 1),
			 sqlite3_column_text(st, 3));
		const char *user = (const char *)sqlite3_column_text(st, 6);
		const char *when = dt((const char *)sqlite3_column_text(st, 7));
		fw_buf_puts(b, "    <Note");
		attr(b, "guid", ng);
		attr(b, "name", nm);
		attr(b, "creatingUser", user);
		attr(b, "creationDateTime", when);
		/* a draft stays one (other tools show a note) */
		fw_buf_puts(
			b,
			sqlite3_column_int(st, 8)
				? ">\n      <Description>charter:cell draft=1 "
				  "agreement="
				: ">\n      <Description>charter:cell "
				  "agreement=");
		fw_esc_xml(b, (const char *)sqlite3_column_text(st, 5));
		fw_buf_puts(b, "</Description>\n      <PlainTextContent>");
		fw_esc_xml(b, (const char *)sqlite3_column_text(st, 4));
		fw_buf_printf(b,
			      "</PlainTextContent>\n      <Coding guid=\"%s\"",
			      cg);
		attr(b, "creatingUser", user);
		attr(b, "creationDateTime", when);
		fw_buf_printf(b,
			      ">\n        <CodeRef targetGUID=\"%s\"/>\n      "
			      "</Coding>\n    </Note>\n",
			      codeg);
		fw_buf_printf(links,
			      "    <Link guid=\"%s\" name=\"charter:cell\" "
			      "direction=\"OneWay\" originGUID=\"%s\" "
			      "targetGUID=\"%s\"/>\n",
			      lg, ng, caseg);
	}
	sqlite3_finalize(st);
	return 0;
}

/* Auto-code rules as Notes, one per rule, in each code's order. */
static int xml_rule_notes(fw_buf *b, int *notes, fw_project *p,
			  const code_row *codes, size_t ncodes, fw_error *err)
{
	for (size_t i = 0; i < ncodes; i++) {
		if (!codes[i].nrules)
			continue;
		sqlite3_stmt *r;
		int rc = step_rows(p,
				   "SELECT pattern, flags, scope, speaker_role "
				   "FROM rule WHERE code_id=? ORDER BY id",
				   err, &r);
		if (rc)
			return rc;
		sqlite3_bind_int64(r, 1, codes[i].id);
		int k = 0;
		while (fw_row(p, r)) {
			notes_open(b, notes);
			char g[37];
			rule_note_guid(codes[i].guid, k++, g);
			fw_buf_printf(
				b,
				"    <Note guid=\"%s\" name=\"Auto-code rule\">\n"
				"      <Description>charter:rule scope=",
				g);
			fw_esc_xml(b, (const char *)sqlite3_column_text(r, 2));
			fw_buf_puts(b, " role=");
			fw_esc_xml(b, (const char *)sqlite3_column_text(r, 3));
			fw_buf_puts(b, " flags=");
			fw_esc_xml(b, (const char *)sqlite3_column_text(r, 1));
			fw_buf_puts(b,
				    "</Description>\n      <PlainTextContent>");
			fw_esc_xml(b, (const char *)sqlite3_column_text(r, 0));
			fw_buf_puts(b, "</PlainTextContent>\n    </Note>\n");
		}
		sqlite3_finalize(r);
	}
	return 0;
}

/* Memos as Notes. */
static int xml_memo_notes(fw_buf *b, int *notes, fw_project *p, fw_error *err)
{
	sqlite3_stmt *st;
	int rc = step_rows(p,
			   "SELECT m.guid, m.text, w.guid, m.created_at, "
			   "coalesce(m.title, 'Memo'), 'charter:memo kind=' || "
			   "m.kind || ' target=' || m.target || coalesce(' "
			   "case=' || c.guid, '') || coalesce(' group=' || "
			   "m.grp, '') FROM memo m LEFT JOIN coder w ON "
			   "w.id=m.coder_id LEFT JOIN \"case\" c ON "
			   "c.id=m.case_id ORDER BY m.id",
			   err, &st);
	if (rc)
		return rc;
	while (fw_row(p, st)) {
		notes_open(b, notes);
		fw_buf_puts(b, "    <Note");
		attr(b, "guid", (const char *)sqlite3_column_text(st, 0));
		attr(b, "name", (const char *)sqlite3_column_text(st, 4));
		attr(b, "creatingUser",
		     (const char *)sqlite3_column_text(st, 2));
		attr(b, "creationDateTime",
		     dt((const char *)sqlite3_column_text(st, 3)));
		fw_buf_puts(b, ">\n      <Description>");
		fw_esc_xml(b, (const char *)sqlite3_column_text(st, 5));
		fw_buf_puts(b, "</Description>\n      <PlainTextContent>");
		fw_esc_xml(b, (const char *)sqlite3_column_text(st, 1));
		fw_buf_puts(b, "</PlainTextContent>\n    </Note>\n");
	}
	sqlite3_finalize(st);
	return 0;
}

static int project_xml(fw_project *p, const char *name, const char *now,
		       fw_buf *b, FILE *out, srcfile **files, size_t *nfiles,
		       fw_error *err)
{
	fw_buf_puts(b,
		    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project "
		    "xmlns=\"urn:QDA-XML:project:1.0\" "
		    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		    "xsi:schemaLocation=\"urn:QDA-XML:project:1.0 "
		    "http://schema.qdasoftware.org/versions/Project/v1.0/"
		    "Project.xsd\"");
	attr(b, "name", name);
	attr(b, "origin", "charter");
	attr(b, "creationDateTime", now);
	fw_buf_puts(b, ">\n");

	code_row *codes = NULL;
	size_t ncodes = 0;
	fw_buf links;
	fw_buf_init(&links);
	int notes = 0, rc;
	if ((rc = xml_users(b, p, err)) ||
	    (rc = load_codes(p, &codes, &ncodes, err)))
		goto out;
	if (ncodes) {
		fw_buf_puts(b, "  <CodeBook>\n");
		write_codes(b, codes, ncodes, 2, 1);
		fw_buf_puts(b, "  </CodeBook>\n");
	}
	if ((rc = xml_variables(b, p, err)) || (rc = xml_cases(b, p, err)) ||
	    (rc = spill(b, out, 0, err)) ||
	    (rc = xml_sources(b, out, p, files, nfiles, err)) ||
	    (rc = xml_cell_notes(b, &links, &notes, p, err)) ||
	    (rc = spill(b, out, 0, err)) ||
	    (rc = xml_rule_notes(b, &notes, p, codes, ncodes, err)) ||
	    (rc = xml_memo_notes(b, &notes, p, err)))
		goto out;
	if (notes)
		fw_buf_puts(b, "  </Notes>\n");
	if (links.len) {
		fw_buf_puts(b, "  <Links>\n");
		fw_buf_put(b, links.ptr, links.len);
		fw_buf_puts(b, "  </Links>\n");
	}
	xml_settings(b, p);
	fw_buf_puts(b, "</Project>\n");
	rc = spill(b, out, 1, err);
out:
	code_rows_free(codes, ncodes);
	fw_buf_dispose(&links);
	return rc;
}

/* A source's text, for its entry in the archive. */
static int load_text(void *ctx, long long id, char **data, size_t *len)
{
	fw_project *p = ctx;
	sqlite3_stmt *st;
	if (fw_query(&st, p, NULL, "SELECT text FROM source WHERE id=?", "i",
		     id))
		return -1;
	int rc = -1;
	if (fw_row(p, st)) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*data = fw_xstrndup((const char *)sqlite3_column_text(st, 0),
				    *len);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static void export_counts(fw_refi_counts *counts, fw_project *p, int sources)
{
	memset(counts, 0, sizeof *counts);
	counts->sources = sources;
	sqlite3_stmt *st;
	if (fw_prepare(
		    p, &st,
		    "SELECT (SELECT count(*) FROM code), (SELECT count(*) "
		    "FROM \"case\"), (SELECT count(*) FROM counted), (SELECT "
		    "count(*) FROM cell WHERE summary IS NOT NULL), (SELECT "
		    "count(*) FROM attribute), (SELECT count(*) FROM coder), "
		    "(SELECT count(*) FROM visible) - (SELECT count(*) FROM "
		    "counted)",
		    NULL))
		return;
	if (fw_row(p, st)) {
		counts->codes = sqlite3_column_int(st, 0);
		counts->cases = sqlite3_column_int(st, 1);
		counts->codings = sqlite3_column_int(st, 2);
		counts->summaries = sqlite3_column_int(st, 3);
		counts->variables = sqlite3_column_int(st, 4);
		counts->users = sqlite3_column_int(st, 5);
		counts->suggestions = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
}

/* The archive: project.qde (written to a temporary file as it is made),
 * then sources/GUID.txt per source, each read from the project when the
 * zip writer comes to it.  Memory stays at a megabyte of XML and one
 * transcript, whatever the size of the project. */
int fw_refi_export(fw_refi_counts *counts, fw_project *p, const char *path,
		   fw_error *err)
{
	char now[32];
	fw_now(now, sizeof now);
	fw_buf xml;
	fw_buf_init(&xml);
	srcfile *files = NULL;
	size_t nfiles = 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char name[256];
	snprintf(name, sizeof name, "%s", base);
	char *dot = strrchr(name, '.');
	if (dot && dot != name)
		*dot = 0;
	FILE *tmp = tmpfile();
	if (!tmp)
		return fw_error_set(err, FW_EIO, path, 0,
				    "cannot make a temporary file: %s",
				    strerror(errno));
	int rc = project_xml(p, name, now, &xml, tmp, &files, &nfiles, err);
	if (!rc && (fflush(tmp) || fseek(tmp, 0, SEEK_SET)))
		rc = fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				  strerror(errno));
	if (!rc && counts)
		export_counts(counts, p, (int)nfiles);
	if (rc) {
		fclose(tmp);
		goto out;
	}
	fw_zip_part *parts = fw_xcalloc(nfiles + 1, sizeof *parts);
	char(*names)[80] = fw_xcalloc(nfiles + 1, sizeof *names);
	parts[0] = (fw_zip_part){.name = "project.qde", .file = tmp};
	for (size_t i = 0; i < nfiles; i++) {
		snprintf(names[i], sizeof names[i], "sources/%s.txt",
			 files[i].guid);
		parts[i + 1] = (fw_zip_part){.name = names[i],
					     .load = load_text,
					     .ctx = p,
					     .key = files[i].id};
	}
	rc = fw_zip_write(path, parts, nfiles + 1, err);
	free(parts);
	free(names);
out:
	free(files);
	fw_buf_dispose(&xml);
	return rc ? rc : fw_rows_ok(p, err);
}

int fw_refi_project_xml(fw_buf *out, fw_project *p, fw_error *err)
{
	srcfile *files = NULL;
	size_t nfiles = 0;
	int rc = project_xml(p, "project", "2000-01-01T00:00:00Z", out, NULL,
			     &files, &nfiles, err);
	free(files);
	return rc;
}
