/*
 * refi_import.c: reading REFI-QDA codebooks (.qdc) and projects (.qdpx,
 * .qde) as other tools really write them.
 *
 * Lenient where exporters deviate: elements matched by local name whatever
 * the namespace version; a `sources/` folder of any case and a single .qde
 * of any name; BOMs; GUIDs compared without braces and case; duplicate
 * selections merged; references to missing elements reported, never
 * followed.  Selection positions are converted per source from the unit
 * the producer used (code points, code points with CRLF as one, UTF-16
 * code units, or bytes), chosen by the origin and by how many selections
 * fall on word boundaries under each, with a warning when unsure.
 * Importing into a project that already holds some of the objects matches
 * codes, sources, cases, codings and coders by GUID and adds the rest.
 */
#include "case.h"
#include "source.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/cell.h"
#include "fw/project.h"
#include "fw/refi.h"
#include "fw/source.h"
#include "fw/transcript.h"
#include "guid.h"
#include "lines.h"
#include "timefmt.h"
#include "utf8.h"
#include "xmlio.h"
#include "zipio.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* GUIDs: braces stripped, upper case (as charter writes them). */
static char *guid_norm(const char *g)
{
	if (!g)
		return NULL;
	while (*g == '{' || *g == ' ')
		g++;
	char *s = fw_xstrdup(g);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '}' || s[n - 1] == ' '))
		s[--n] = 0;
	for (char *c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return s;
}

static char *gatt(xmlNodePtr n, const char *name)
{
	char *a = fw_xml_attr(n, name);
	char *g = guid_norm(a);
	free(a);
	return g;
}

/* a map from GUID to a row id */
typedef struct gmap {
	char **g;
	long long *id;
	size_t n, cap;
} gmap;

static void gmap_put(gmap *m, const char *g, long long id)
{
	if (!g)
		return;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->g = fw_xrealloc(m->g, m->cap * sizeof *m->g);
		m->id = fw_xrealloc(m->id, m->cap * sizeof *m->id);
	}
	m->g[m->n] = fw_xstrdup(g);
	m->id[m->n++] = id;
}

static long long gmap_get(const gmap *m, const char *g)
{
	if (!g)
		return 0;
	for (size_t i = m->n; i-- > 0;)
		if (!strcmp(m->g[i], g))
			return m->id[i];
	return 0;
}

static void gmap_free(gmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->g[i]);
	free(m->g);
	free(m->id);
	memset(m, 0, sizeof *m);
}

static long long row_id(fw_project *p, const char *sql, const char *key)
{
	sqlite3_stmt *st;
	long long id = 0;
	if (fw_prepare(p, &st, sql, NULL))
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

typedef struct imp {
	fw_project *p;
	const char *label;
	fw_refi_result *res;
	gmap codes, users, vars, sources, cases, notes;
	char *origin;
	/* zip, when the project came in one */
	const char *zdata;
	size_t zlen;
	char **znames;
	size_t nz;
	int sort;
} imp;

static void note(imp *x, int dropped, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note(imp *x, int dropped, const char *fmt, ...)
{
	fw_buf *b = dropped ? &x->res->dropped : &x->res->warnings;
	if (b->len > 16000)
		return;
	va_list ap;
	va_start(ap, fmt);
	char line[600];
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fw_buf_puts(b, line);
	fw_buf_putc(b, '\n');
}

/* ---- codes --------------------------------------------------------------- */

/* charter's Description shape: definition, then "Use when:", "Not when:",
 * "Example:" paragraphs. */
static void split_description(const char *d, char **def, char **use,
			      char **not_, char **ex)
{
	*def = *use = *not_ = *ex = NULL;
	if (!d || !*d)
		return;
	static const char *const keys[] = {
		"Use when: ", "Not when: ", "Example: "};
	char **dst[] = {use, not_, ex};
	const char *cut[3];
	for (int k = 0; k < 3; k++) {
		const char *f = strstr(d, keys[k]);
		cut[k] = f && (f == d ||
			       (f >= d + 2 && f[-1] == '\n' && f[-2] == '\n'))
				 ? f
				 : NULL;
	}
	const char *end_def = d + strlen(d);
	for (int k = 0; k < 3; k++)
		if (cut[k] && cut[k] < end_def)
			end_def = cut[k];
	size_t dl = (size_t)(end_def - d);
	while (dl && (d[dl - 1] == '\n' || d[dl - 1] == ' '))
		dl--;
	if (dl)
		*def = fw_xstrndup(d, dl);
	for (int k = 0; k < 3; k++) {
		if (!cut[k])
			continue;
		const char *st = cut[k] + strlen(keys[k]);
		const char *en = st + strlen(st);
		for (int j = 0; j < 3; j++)
			if (cut[j] && cut[j] > cut[k] && cut[j] < en)
				en = cut[j];
		size_t n = (size_t)(en - st);
		while (n && (st[n - 1] == '\n' || st[n - 1] == ' '))
			n--;
		*dst[k] = fw_xstrndup(st, n);
	}
}

/* "1.2 Name" -> number and name, when the number fits the nesting. */
static int numbered(const char *name, const char *parent_num, char *num,
		    size_t cap, const char **rest)
{
	size_t i = 0;
	while (isdigit((unsigned char)name[i]) ||
	       (name[i] == '.' && i && isdigit((unsigned char)name[i + 1])))
		i++;
	if (!i || name[i] != ' ' || i >= cap)
		return 0;
	memcpy(num, name, i);
	num[i] = 0;
	if (parent_num) {
		size_t pl = strlen(parent_num);
		if (strncmp(num, parent_num, pl) || num[pl] != '.' ||
		    strchr(num + pl + 1, '.'))
			return 0;
	} else if (strchr(num, '.')) {
		return 0;
	}
	*rest = name + i + 1;
	return 1;
}

static int number_taken(fw_project *p, const char *num)
{
	return row_id(p, "SELECT id FROM code WHERE number=?", num) != 0;
}

static int import_code(imp *x, xmlNodePtr c, long long parent,
		       const char *parent_num, int depth, int *child_no,
		       fw_error *err)
{
	if (depth > 32)
		return 0;
	char *g = gatt(c, "guid");
	char *name = fw_xml_attr(c, "name");
	if (!g || !*g) {
		note(x, 1, "a code without a GUID ('%s') and its sub-codes",
		     name ? name : "");
		free(g);
		free(name);
		return 0;
	}
	long long id = row_id(x->p, "SELECT id FROM code WHERE guid=?", g);
	char num[64] = "";
	if (id) {
		sqlite3_stmt *st;
		if (!fw_prepare(x->p, &st, "SELECT number FROM code WHERE id=?",
				NULL)) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(num, sizeof num, "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		x->res->codes_matched++;
	} else {
		const char *rest = name ? name : "";
		if (!numbered(rest, parent_num, num, sizeof num, &rest) ||
		    number_taken(x->p, num)) {
			/* the next free number at this level */
			/* renumbered: a number the name carried no longer
			 * applies */
			rest = name ? name : "";
			size_t k = 0;
			while (isdigit((unsigned char)rest[k]) ||
			       (rest[k] == '.' && k &&
				isdigit((unsigned char)rest[k + 1])))
				k++;
			if (k && rest[k] == ' ' && rest[k + 1])
				rest += k + 1;
			do {
				(*child_no)++;
				if (parent_num)
					snprintf(num, sizeof num, "%s.%d",
						 parent_num, *child_no);
				else
					snprintf(num, sizeof num, "%d",
						 *child_no);
			} while (number_taken(x->p, num));
		}
		char *desc = fw_xml_content(fw_xml_child(c, "Description"));
		char *def, *use, *not_, *ex;
		split_description(desc, &def, &use, &not_, &ex);
		free(desc);
		char *color = fw_xml_attr(c, "color");
		char *codable = fw_xml_attr(c, "isCodable");
		(void)codable;
		char cn[600];
		snprintf(cn, sizeof cn, "%s", *rest ? rest : num);
		sqlite3_stmt *st;
		int rc = fw_prepare(
			x->p, &st,
			"INSERT INTO code(guid,parent_id,number,name,"
			"definition,use_when,not_when,example,origin,color,"
			"depth,sort) VALUES(?,?,?,?,?,?,?,?,'refi',?,?,?)",
			err);
		if (!rc) {
			sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
			if (parent)
				sqlite3_bind_int64(st, 2, parent);
			else
				sqlite3_bind_null(st, 2);
			sqlite3_bind_text(st, 3, num, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, cn, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 5, def, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 6, use, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 7, not_, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 8, ex, -1, SQLITE_TRANSIENT);
			if (color && color[0] == '#')
				sqlite3_bind_text(st, 9, color, -1,
						  SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, 9);
			sqlite3_bind_int(st, 10, depth + 1);
			sqlite3_bind_int(st, 11, ++x->sort);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = fw_sql_error(x->p, err, "storing a code");
			sqlite3_finalize(st);
		}
		free(def);
		free(use);
		free(not_);
		free(ex);
		free(color);
		free(codable);
		if (rc) {
			free(g);
			free(name);
			return rc;
		}
		id = sqlite3_last_insert_rowid(x->p->db);
		x->res->codes++;
	}
	gmap_put(&x->codes, g, id);
	/* rules kept in notes: resolved once the notes are read */
	for (xmlNodePtr r = c->children; r; r = r->next)
		if (fw_xml_is(r, "NoteRef")) {
			char *t = gatt(r, "targetGUID");
			gmap_put(&x->notes, t,
				 -id); /* negative: a code's note */
			free(t);
		}
	int kids = 0, rc = 0;
	for (xmlNodePtr k = c->children; !rc && k; k = k->next)
		if (fw_xml_is(k, "Code"))
			rc = import_code(x, k, id, num, depth + 1, &kids, err);
	free(g);
	free(name);
	return rc;
}

static int import_codes(imp *x, xmlNodePtr codes, fw_error *err)
{
	/* top-level numbers continue after the project's own */
	int top = 0;
	sqlite3_stmt *st;
	if (!fw_prepare(
		    x->p, &st,
		    "SELECT coalesce(max(CAST(number AS INTEGER)),0) FROM code "
		    "WHERE parent_id IS NULL",
		    NULL)) {
		if (sqlite3_step(st) == SQLITE_ROW)
			top = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (!fw_prepare(x->p, &st, "SELECT coalesce(max(sort),0) FROM code",
			NULL)) {
		if (sqlite3_step(st) == SQLITE_ROW)
			x->sort = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	int rc = 0;
	for (xmlNodePtr c = codes ? codes->children : NULL; !rc && c;
	     c = c->next)
		if (fw_xml_is(c, "Code"))
			rc = import_code(x, c, 0, NULL, 0, &top, err);
	return rc;
}

/* ---- users, variables ---------------------------------------------------- */

static int import_users(imp *x, xmlNodePtr users, fw_error *err)
{
	for (xmlNodePtr u = users ? users->children : NULL; u; u = u->next) {
		if (!fw_xml_is(u, "User"))
			continue;
		char *g = gatt(u, "guid");
		char *name = fw_xml_attr(u, "name");
		if (!g) {
			free(name);
			continue;
		}
		long long id =
			row_id(x->p, "SELECT id FROM coder WHERE guid=?", g);
		if (!id && name && *name)
			id = row_id(x->p, "SELECT id FROM coder WHERE name=?",
				    name);
		if (!id) {
			char nm[300];
			snprintf(nm, sizeof nm, "%s", name && *name ? name : g);
			sqlite3_stmt *st;
			if (fw_prepare(
				    x->p, &st,
				    "INSERT INTO coder(guid,name) VALUES(?,?)",
				    err)) {
				free(g);
				free(name);
				return FW_EIO;
			}
			sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, nm, -1, SQLITE_TRANSIENT);
			int ok = sqlite3_step(st) == SQLITE_DONE;
			sqlite3_finalize(st);
			if (!ok) {
				free(g);
				free(name);
				return fw_sql_error(x->p, err,
						    "storing a user");
			}
			id = sqlite3_last_insert_rowid(x->p->db);
			x->res->users++;
		}
		gmap_put(&x->users, g, id);
		free(g);
		free(name);
	}
	return 0;
}

static int import_variables(imp *x, xmlNodePtr vars, fw_error *err)
{
	for (xmlNodePtr v = vars ? vars->children : NULL; v; v = v->next) {
		if (!fw_xml_is(v, "Variable"))
			continue;
		char *g = gatt(v, "guid");
		char *name = fw_xml_attr(v, "name");
		char *type = fw_xml_attr(v, "typeOfVariable");
		if (g && name && *name) {
			int had =
				row_id(x->p,
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
					sqlite3_step(st);
					sqlite3_finalize(st);
				}
			}
			gmap_put(&x->vars, g, id);
			x->res->variables += !had;
		}
		free(g);
		free(name);
		free(type);
	}
	return 0;
}

/* ---- sources ------------------------------------------------------------- */

/* Position units. */
enum { U_CP, U_CP_LF, U_UTF16, U_BYTES, U_N };
static const char *const unit_names[U_N] = {"code points",
					    "code points with CRLF as one",
					    "UTF-16 code units", "bytes"};

typedef struct sel {
	long a, b;    /* as written */
	char *code;   /* code GUID */
	char *coding; /* coding GUID */
	char *user;
	char *when;
} sel;

/* offsets in unit u of the raw text -> code points of the normalised text
 * (BOM dropped, CRLF and CR as LF); -1 past the end. */
typedef struct unitmap {
	long *to; /* indexed by unit offset */
	long n;   /* units in the text */
} unitmap;

static void build_map(const char *raw, size_t len, int unit, unitmap *m)
{
	long units = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)raw[i];
		int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + (size_t)k > len)
			k = 1;
		if (unit == U_CP_LF && c == '\r' && i + 1 < len &&
		    raw[i + 1] == '\n') {
			i++;
			continue;
		}
		units += unit == U_BYTES   ? k
			 : unit == U_UTF16 ? (k == 4 ? 2 : 1)
					   : 1;
		i += (size_t)k;
	}
	m->n = units;
	m->to = fw_xmalloc(((size_t)units + 1) * sizeof *m->to);
	long u = 0, cp = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)raw[i];
		int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + (size_t)k > len)
			k = 1;
		if (c == '\r' && i + 1 < len && raw[i + 1] == '\n') {
			/* CR of a CRLF: no code point of its own in the
			 * normalised text */
			if (unit != U_CP_LF)
				m->to[u++] = cp;
			i++;
			continue;
		}
		int w = unit == U_BYTES   ? k
			: unit == U_UTF16 ? (k == 4 ? 2 : 1)
					  : 1;
		for (int j = 0; j < w; j++)
			m->to[u++] = cp;
		cp++;
		i += (size_t)k;
	}
	m->to[u] = cp;
}

static int wordch(const char *t, size_t b)
{
	unsigned char c = (unsigned char)t[b];
	return isalnum(c) || c >= 0x80 || c == '\'';
}

/* How many selection ends fall on word boundaries under a unit. */
static double score_unit(const unitmap *m, const sel *s, size_t ns,
			 const char *norm, size_t nlen, int *bad)
{
	long chars = fw_utf8_count(norm, nlen);
	size_t *byte_at = NULL;
	(void)chars;
	int good = 0, total = 0;
	*bad = 0;
	/* code point -> byte offset, built once */
	byte_at = fw_xmalloc(((size_t)chars + 1) * sizeof *byte_at);
	long cp = 0;
	for (size_t i = 0; i < nlen; i++)
		if (((unsigned char)norm[i] & 0xC0) != 0x80)
			byte_at[cp++] = i;
	byte_at[cp] = nlen;
	for (size_t i = 0; i < ns; i++) {
		total += 2;
		if (s[i].a < 0 || s[i].b > m->n || s[i].a > s[i].b) {
			(*bad)++;
			continue;
		}
		long a = m->to[s[i].a], b = m->to[s[i].b];
		size_t ba = byte_at[a], bb = byte_at[b];
		if (ba == 0 || !wordch(norm, ba - 1) || !wordch(norm, ba))
			good++;
		if (bb >= nlen || !wordch(norm, bb) ||
		    (bb > 0 && !wordch(norm, bb - 1)))
			good++;
	}
	free(byte_at);
	return total ? (double)good / total : 1.0;
}

/* Is code point k of the text inside a word (word characters on both
 * sides)?  Offsets via a walk: selections are few. */
static int inside_word(const char *t, size_t len, long k, long chars)
{
	if (k <= 0 || k >= chars)
		return 0;
	size_t b = fw_utf8_byte_at(t, len, k);
	size_t pb = b;
	do
		pb--;
	while (pb > 0 && ((unsigned char)t[pb] & 0xC0) == 0x80);
	return wordch(t, pb) && wordch(t, b);
}

static long snap(const char *t, size_t len, long k, long chars)
{
	if (!inside_word(t, len, k, chars))
		return k;
	for (long d = 1; d <= 3; d++) {
		if (!inside_word(t, len, k - d, chars))
			return k - d;
		if (!inside_word(t, len, k + d, chars))
			return k + d;
	}
	return k;
}

static char *zip_text(imp *x, const char *path, size_t *len, fw_error *err)
{
	/* internal://NAME -> sources/NAME, folder name in any case */
	const char *nm = path;
	if (!strncmp(nm, "internal://", 11))
		nm += 11;
	else
		return NULL;
	for (size_t i = 0; i < x->nz; i++) {
		const char *slash = strrchr(x->znames[i], '/');
		const char *base = slash ? slash + 1 : x->znames[i];
		if (strcmp(base, nm))
			continue;
		char *out;
		if (fw_zip_entry(&out, len, x->zdata, x->zlen, x->label,
				 x->znames[i], err))
			return NULL;
		return out;
	}
	return NULL;
}

static int insert_coding(imp *x, long long sid, long long code_id,
			 const char *guid, long a, long b, const char *norm,
			 size_t nlen, const fw_lines *li, long long coder,
			 const char *when, int rule)
{
	if (guid && row_id(x->p, "SELECT id FROM coding WHERE guid=?", guid)) {
		x->res->codings_matched++;
		return 0;
	}
	sqlite3_stmt *st;
	if (fw_prepare(
		    x->p, &st,
		    "SELECT 1 FROM coding WHERE source_id=? AND code_id=? AND "
		    "start=? AND \"end\"=?",
		    NULL))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 3, a);
	sqlite3_bind_int64(st, 4, b);
	int dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (dup) {
		x->res->codings_duplicate++;
		return 0;
	}
	size_t ba = fw_utf8_byte_at(norm, nlen, a),
	       bb = fw_utf8_byte_at(norm, nlen, b);
	int l1 = fw_lines_at(li, ba),
	    l2 = fw_lines_at(li, bb > ba ? bb - 1 : ba);
	char g[40], now[40];
	if (guid && *guid)
		snprintf(g, sizeof g, "%s", guid);
	else
		fw_guid_new(g);
	if (when && *when)
		snprintf(now, sizeof now, "%s", when);
	else
		fw_now(now, sizeof now);
	if (fw_prepare(
		    x->p, &st,
		    "INSERT INTO coding(guid,code_id,source_id,start,\"end\","
		    "line_start,line_end,coder_id,origin,created_at) "
		    "VALUES(?,?,?,?,?,?,?,?,?,?)",
		    NULL))
		return FW_EIO;
	sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, code_id);
	sqlite3_bind_int64(st, 3, sid);
	sqlite3_bind_int64(st, 4, a);
	sqlite3_bind_int64(st, 5, b);
	sqlite3_bind_int(st, 6, l1);
	sqlite3_bind_int(st, 7, l2);
	if (coder)
		sqlite3_bind_int64(st, 8, coder);
	else
		sqlite3_bind_null(st, 8);
	sqlite3_bind_text(st, 9, rule ? "rule" : "manual", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_TRANSIENT);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok)
		return FW_EIO;
	x->res->codings++;
	return 0;
}

static int coder_is_rule(fw_project *p, long long coder)
{
	sqlite3_stmt *st;
	int r = 0;
	if (!coder ||
	    fw_prepare(p, &st, "SELECT name FROM coder WHERE id=?", NULL))
		return 0;
	sqlite3_bind_int64(st, 1, coder);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = !strcmp((const char *)sqlite3_column_text(st, 0),
			    "charter-autocode");
	sqlite3_finalize(st);
	return r;
}

static void sel_free(sel *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].code);
		free(s[i].coding);
		free(s[i].user);
		free(s[i].when);
	}
	free(s);
}

static void collect_codings(xmlNodePtr parent, long a, long b, sel **v,
			    size_t *n, size_t *cap)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (!fw_xml_is(c, "Coding"))
			continue;
		xmlNodePtr cr = fw_xml_child(c, "CodeRef");
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = fw_xrealloc(*v, *cap * sizeof **v);
		}
		sel *s = &(*v)[(*n)++];
		s->a = a;
		s->b = b;
		s->code = cr ? gatt(cr, "targetGUID") : NULL;
		s->coding = gatt(c, "guid");
		s->user = gatt(c, "creatingUser");
		s->when = fw_xml_attr(c, "creationDateTime");
	}
}

static int import_text_source(imp *x, xmlNodePtr src, fw_error *err)
{
	char *g = gatt(src, "guid");
	char *name = fw_xml_attr(src, "name");
	if (!g || !*g) {
		note(x, 1, "a text source without a GUID ('%s')",
		     name ? name : "");
		free(g);
		free(name);
		return 0;
	}
	char dname[300];
	snprintf(dname, sizeof dname, "%s", name && *name ? name : g);
	long long sid = row_id(x->p, "SELECT id FROM source WHERE guid=?", g);
	/* the text, as written (for the positions) */
	char *raw = NULL;
	size_t rlen = 0;
	xmlNodePtr ptc = fw_xml_child(src, "PlainTextContent");
	char *ptp = fw_xml_attr(src, "plainTextPath");
	int rc = 0;
	if (ptc) {
		raw = fw_xml_content(ptc);
		rlen = strlen(raw);
	} else if (ptp && x->zdata) {
		fw_error e2;
		fw_error_clear(&e2);
		raw = zip_text(x, ptp, &rlen, &e2);
		if (!raw && e2.msg[0]) {
			free(g);
			free(name);
			free(ptp);
			*err = e2;
			return e2.code ? e2.code : FW_EPARSE;
		}
	}
	if (!raw) {
		note(x, 1, "source '%s': its text (%s) is not in the file",
		     dname, ptp ? ptp : "no PlainTextContent");
		free(g);
		free(name);
		free(ptp);
		return 0;
	}
	free(ptp);
	/* the BOM is not counted by anyone */
	char *body = raw;
	if (rlen >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3)) {
		body += 3;
		rlen -= 3;
	}
	if (!fw_utf8_valid(body, rlen, NULL)) {
		note(x, 1, "source '%s': its text is not UTF-8", dname);
		free(raw);
		free(g);
		free(name);
		return 0;
	}
	/* the selections */
	sel *s = NULL;
	size_t ns = 0, cap = 0;
	for (xmlNodePtr c = src->children; c; c = c->next) {
		if (!fw_xml_is(c, "PlainTextSelection"))
			continue;
		char *sa = fw_xml_attr(c, "startPosition"),
		     *sb = fw_xml_attr(c, "endPosition");
		long a = sa ? strtol(sa, NULL, 10) : -1,
		     b = sb ? strtol(sb, NULL, 10) : -1;
		free(sa);
		free(sb);
		size_t before = ns;
		collect_codings(c, a, b, &s, &ns, &cap);
		if (ns == before)
			x->res->selections_uncoded++;
	}
	size_t whole_from = ns;
	collect_codings(src, 0, -2, &s, &ns, &cap); /* codes the whole source */

	/* store the normalised text as a source */
	long long newsid = sid;
	if (!sid) {
		char nm[300];
		snprintf(nm, sizeof nm, "%s", dname);
		for (int k = 2;
		     row_id(x->p, "SELECT id FROM source WHERE name=?", nm);
		     k++)
			snprintf(nm, sizeof nm, "%.280s (%d)", dname, k);
		fw_ingest_opts o;
		memset(&o, 0, sizeof o);
		o.format = FW_TF_TXT;
		o.allow_cp1252 = 0;
		fw_ingest_result r;
		char *when = fw_xml_attr(src, "creationDateTime");
		rc = fw_source_add_mem(&r, x->p, nm, x->label, body, rlen, &o, g, when && *when ? when : NULL, 1, err);
		free(when);
		if (!rc && r.duplicate) {
			note(x, 0,
			     "source '%s' has the same text as '%s' already in the "
			     "project; its codings go there",
			     nm, r.name);
			newsid = row_id(x->p,
					"SELECT id FROM source WHERE name=?",
					r.name);
		} else if (!rc) {
			newsid = r.source_id;
			x->res->sources++;
		} else if (rc == FW_EPARSE) {
			note(x, 1, "source '%s': %s", dname, err->msg);
			fw_error_clear(err);
			rc = 0;
			newsid = 0;
		}
	} else {
		x->res->sources_matched++;
	}
	if (rc || !newsid) {
		sel_free(s, ns);
		free(raw);
		free(g);
		free(name);
		return rc;
	}
	gmap_put(&x->sources, g, newsid);

	/* the normalised text as stored, and the unit of the positions */
	sqlite3_stmt *st;
	char *norm = NULL;
	size_t nlen = 0;
	if (!fw_prepare(x->p, &st, "SELECT text FROM source WHERE id=?",
			NULL)) {
		sqlite3_bind_int64(st, 1, newsid);
		if (sqlite3_step(st) == SQLITE_ROW) {
			nlen = (size_t)sqlite3_column_bytes(st, 0);
			norm = fw_xstrndup(
				(const char *)sqlite3_column_text(st, 0), nlen);
		}
		sqlite3_finalize(st);
	}
	if (!norm) {
		sel_free(s, ns);
		free(raw);
		free(g);
		free(name);
		return FW_EIO;
	}
	unitmap maps[U_N];
	double score[U_N];
	int bad[U_N];
	int prior = U_CP;
	if (x->origin && strcasestr(x->origin, "nvivo"))
		prior = U_UTF16;
	else if (x->origin && strcasestr(x->origin, "atlas"))
		prior = U_CP_LF;
	for (int u = 0; u < U_N; u++) {
		build_map(body, rlen, u, &maps[u]);
		score[u] = score_unit(&maps[u], s, whole_from, norm, nlen,
				      &bad[u]);
	}
	int best = prior;
	for (int u = 0; u < U_N; u++) {
		double su = score[u] -
			    (double)bad[u] / (whole_from ? whole_from : 1);
		double sb = score[best] -
			    (double)bad[best] / (whole_from ? whole_from : 1);
		if (su > sb + 0.02)
			best = u;
	}
	/* do the candidates disagree on where any selection falls? */
	int differs = 0;
	for (int u = 0; u < U_N && !differs; u++)
		for (size_t i = 0; i < whole_from && !differs; i++)
			if (s[i].a >= 0 && s[i].b <= maps[u].n &&
			    s[i].b <= maps[best].n && s[i].a <= s[i].b &&
			    (maps[u].to[s[i].a] != maps[best].to[s[i].a] ||
			     maps[u].to[s[i].b] != maps[best].to[s[i].b]))
				differs = 1;
	if (whole_from && differs) {
		if (best != prior)
			note(x, 0,
			     "source '%s': positions read as %s (%.0f%% of "
			     "selection ends on word boundaries; %s gave %.0f%%)",
			     dname, unit_names[best], 100 * score[best],
			     unit_names[prior], 100 * score[prior]);
		else if (score[best] < 0.9)
			note(x, 0,
			     "source '%s': positions read as %s, but only %.0f%% "
			     "of selection ends fall on word boundaries; check the "
			     "codings",
			     dname, unit_names[best], 100 * score[best]);
		if (best == U_UTF16)
			x->res->units_utf16++;
	}
	fw_lines li;
	fw_lines_build(&li, norm, nlen);
	long chars = fw_utf8_count(norm, nlen);
	const unitmap *m = &maps[best];
	for (size_t i = 0; !rc && i < ns; i++) {
		long long code = gmap_get(&x->codes, s[i].code);
		if (!code) {
			x->res->refs_missing++;
			note(x, 1,
			     "source '%s': a coding refers to a code not in the file "
			     "(%s)",
			     dname, s[i].code ? s[i].code : "no CodeRef");
			continue;
		}
		long a, b;
		if (s[i].b == -2) {
			a = 0;
			b = chars;
		} else {
			if (s[i].a < 0 || s[i].b < s[i].a || s[i].b > m->n) {
				note(x, 1,
				     "source '%s': selection %ld-%ld lies outside the text",
				     dname, s[i].a, s[i].b);
				continue;
			}
			a = m->to[s[i].a];
			b = m->to[s[i].b];
			/* an end a few characters inside a word (a coder's
			 * imprecision) moves to the word's nearer edge */
			long a2 = snap(norm, nlen, a, chars),
			     b2 = snap(norm, nlen, b, chars);
			if (a2 != a || b2 != b) {
				x->res->selections_snapped++;
				a = a2;
				b = b2;
			}
			if (b <= a) {
				x->res->selections_empty++;
				continue;
			}
		}
		long long coder = gmap_get(&x->users, s[i].user);
		rc = insert_coding(x, newsid, code, s[i].coding, a, b, norm,
				   nlen, &li, coder, s[i].when,
				   coder_is_rule(x->p, coder));
		if (rc)
			rc = fw_sql_error(x->p, err, "storing a coding");
	}
	fw_lines_dispose(&li);
	for (int u = 0; u < U_N; u++)
		free(maps[u].to);
	free(norm);
	sel_free(s, ns);
	free(raw);
	free(g);
	free(name);
	return rc;
}

static int import_sources(imp *x, xmlNodePtr sources, fw_error *err)
{
	int rc = 0;
	for (xmlNodePtr c = sources ? sources->children : NULL; !rc && c;
	     c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (fw_xml_is(c, "TextSource"))
			rc = import_text_source(x, c, err);
		else if (fw_xml_is(c, "PDFSource") ||
			 fw_xml_is(c, "PictureSource") ||
			 fw_xml_is(c, "AudioSource") ||
			 fw_xml_is(c, "VideoSource")) {
			char *nm = fw_xml_attr(c, "name");
			note(x, 1, "%s '%s' (charter reads text sources only)",
			     (const char *)c->name, nm ? nm : "");
			free(nm);
			x->res->sources_dropped++;
		}
	}
	return rc;
}

/* ---- cases --------------------------------------------------------------- */

/* 1 if the value was new or changed, 0 if the same, <0 on error */
static int set_value(fw_project *p, long long cid, long long aid, const char *v)
{
	sqlite3_stmt *st;
	if (!fw_prepare(p, &st,
			"SELECT 1 FROM case_value WHERE case_id=? AND "
			"attribute_id=? AND value=?",
			NULL)) {
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, aid);
		sqlite3_bind_text(st, 3, v, -1, SQLITE_TRANSIENT);
		int same = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (same)
			return 0;
	}
	if (fw_prepare(
		    p, &st,
		    "INSERT INTO case_value(case_id,attribute_id,value) "
		    "VALUES(?,?,?) ON CONFLICT(case_id,attribute_id) DO UPDATE "
		    "SET value=excluded.value",
		    NULL))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, aid);
	sqlite3_bind_text(st, 3, v, -1, SQLITE_TRANSIENT);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok ? 1 : FW_EIO;
}

static int link_source(fw_project *p, long long cid, long long sid)
{
	sqlite3_stmt *st;
	if (fw_prepare(p, &st,
		       "INSERT OR IGNORE INTO case_source(case_id,source_id) "
		       "VALUES(?,?)",
		       NULL))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, sid);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok)
		return FW_EIO;
	if (fw_prepare(
		    p, &st,
		    "UPDATE speaker SET case_id=?1, role=CASE WHEN (SELECT "
		    "is_group FROM \"case\" WHERE id=?1) THEN 'participant' "
		    "ELSE role END WHERE source_id=?2 AND role<>'interviewer' "
		    "AND case_id IS NULL",
		    NULL))
		return FW_EIO;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, sid);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return 0;
}

static long long new_case(imp *x, const char *guid, const char *name,
			  fw_error *err)
{
	char nm[300];
	snprintf(nm, sizeof nm, "%s", name);
	for (int k = 2;
	     row_id(x->p, "SELECT id FROM \"case\" WHERE name=?", nm); k++)
		snprintf(nm, sizeof nm, "%.280s (%d)", name, k);
	sqlite3_stmt *st;
	if (fw_prepare(
		    x->p, &st,
		    "INSERT INTO \"case\"(guid,name,sort) VALUES(?,?,(SELECT "
		    "coalesce(max(sort),0)+1 FROM \"case\"))",
		    err))
		return 0;
	char g[40];
	if (guid)
		snprintf(g, sizeof g, "%s", guid);
	else
		fw_guid_new(g);
	sqlite3_bind_text(st, 1, g, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, nm, -1, SQLITE_TRANSIENT);
	int ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok) {
		fw_sql_error(x->p, err, "storing a case");
		return 0;
	}
	x->res->cases++;
	return sqlite3_last_insert_rowid(x->p->db);
}

static int import_cases(imp *x, xmlNodePtr cases, fw_error *err)
{
	int n = 0;
	for (xmlNodePtr c = cases ? cases->children : NULL; c; c = c->next) {
		if (!fw_xml_is(c, "Case"))
			continue;
		n++;
		char *g = gatt(c, "guid");
		char *name = fw_xml_attr(c, "name");
		if (!g) {
			free(name);
			continue;
		}
		long long cid =
			row_id(x->p, "SELECT id FROM \"case\" WHERE guid=?", g);
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
				char *sg = sr ? gatt(sr, "targetGUID") : NULL;
				long long sid = gmap_get(&x->sources, sg);
				free(sg);
				nm[0] = 0;
				if (sid) {
					sqlite3_stmt *st;
					if (!fw_prepare(
						    x->p, &st,
						    "SELECT name FROM source WHERE id=?",
						    NULL)) {
						sqlite3_bind_int64(st, 1, sid);
						if (sqlite3_step(st) ==
						    SQLITE_ROW)
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
		gmap_put(&x->cases, g, cid);
		char *cd = fw_xml_content(fw_xml_child(c, "Description"));
		if (cd && !strncmp(cd, "charter:group", 13)) {
			sqlite3_stmt *st;
			if (!fw_prepare(
				    x->p, &st,
				    "UPDATE \"case\" SET is_group=1 WHERE id=?",
				    NULL)) {
				sqlite3_bind_int64(st, 1, cid);
				sqlite3_step(st);
				sqlite3_finalize(st);
			}
		}
		free(cd);
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (fw_xml_is(k, "VariableValue")) {
				xmlNodePtr vr = fw_xml_child(k, "VariableRef");
				char *vg = vr ? gatt(vr, "targetGUID") : NULL;
				long long aid = gmap_get(&x->vars, vg);
				free(vg);
				xmlNodePtr val = NULL;
				for (xmlNodePtr v = k->children; v; v = v->next)
					if (v->type == XML_ELEMENT_NODE &&
					    !fw_xml_is(v, "VariableRef"))
						val = v;
				if (!aid) {
					x->res->refs_missing++;
					note(x, 1,
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
				char *sg = gatt(k, "targetGUID");
				long long sid = gmap_get(&x->sources, sg);
				if (!sid) {
					x->res->refs_missing++;
					note(x, 1,
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
static int orphan_cases(imp *x, fw_error *err)
{
	for (size_t i = 0; i < x->sources.n; i++) {
		long long sid = x->sources.id[i];
		sqlite3_stmt *st;
		int linked = 0;
		char nm[300] = "";
		if (!fw_prepare(
			    x->p, &st,
			    "SELECT (SELECT count(*) FROM case_source WHERE "
			    "source_id=s.id), s.name FROM source s WHERE s.id=?",
			    NULL)) {
			sqlite3_bind_int64(st, 1, sid);
			if (sqlite3_step(st) == SQLITE_ROW) {
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
		long long cid = row_id(
			x->p, "SELECT id FROM \"case\" WHERE name=?", nm);
		if (!cid)
			cid = new_case(x, NULL, nm, err);
		if (!cid || link_source(x->p, cid, sid))
			return FW_EIO;
	}
	return 0;
}

/* ---- notes: chart summaries, rules, memos -------------------------------- */

static int import_notes(imp *x, xmlNodePtr notes, xmlNodePtr links,
			fw_error *err)
{
	for (xmlNodePtr n = notes ? notes->children : NULL; n; n = n->next) {
		if (!fw_xml_is(n, "Note"))
			continue;
		char *g = gatt(n, "guid");
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
				char *o = gatt(l, "originGUID");
				if (o && g && !strcmp(o, g)) {
					char *t = gatt(l, "targetGUID");
					cid = gmap_get(&x->cases, t);
					if (!cid)
						cid = row_id(
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
			char *kg = cr ? gatt(cr, "targetGUID") : NULL;
			long long kid_ = gmap_get(&x->codes, kg);
			free(kg);
			const char *ag = strstr(desc, "agreement=");
			char agreement[128] = "";
			if (ag)
				snprintf(agreement, sizeof agreement, "%s",
					 ag + 10);
			if (!cid || !kid_) {
				x->res->refs_missing++;
				note(x, 1,
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
					if (sqlite3_step(st) == SQLITE_ROW) {
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
					cod ? gatt(cod, "creatingUser") : NULL;
				long long uid = gmap_get(&x->users, user);
				free(user);
				char coder[300] = "";
				if (uid &&
				    !fw_prepare(
					    x->p, &st,
					    "SELECT name FROM coder WHERE id=?",
					    NULL)) {
					sqlite3_bind_int64(st, 1, uid);
					if (sqlite3_step(st) == SQLITE_ROW)
						snprintf(coder, sizeof coder,
							 "%s",
							 sqlite3_column_text(
								 st, 0));
					sqlite3_finalize(st);
				}
				char warn[512];
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
					same = sqlite3_step(st) == SQLITE_ROW;
					sqlite3_finalize(st);
				}
				if (same) {
					/* already there, word for word */
				} else if (fw_cell_set(x->p, cname, num, body,
						       agreement[0] ? agreement
								    : NULL,
						       coder[0] ? coder : NULL,
						       warn, sizeof warn,
						       &e2)) {
					note(x, 1, "chart summary %s / %s: %s",
					     cname, num, e2.msg);
				} else {
					x->res->summaries++;
				}
			}
		} else if (desc && !strncmp(desc, "charter:rule", 12)) {
			long long code = -gmap_get(&x->notes, g);
			if (code <= 0) {
				note(x, 1,
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
					int have =
						sqlite3_step(st) == SQLITE_ROW;
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
						if (sqlite3_step(st) ==
						    SQLITE_DONE)
							x->res->rules++;
						sqlite3_finalize(st);
					}
				}
			}
		} else if (g &&
			   !row_id(x->p, "SELECT id FROM memo WHERE guid=?",
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
				if (sqlite3_step(st) == SQLITE_DONE)
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

/* ---- entry points -------------------------------------------------------- */

static void imp_free(imp *x)
{
	gmap_free(&x->codes);
	gmap_free(&x->users);
	gmap_free(&x->vars);
	gmap_free(&x->sources);
	gmap_free(&x->cases);
	gmap_free(&x->notes);
	free(x->origin);
	for (size_t i = 0; i < x->nz; i++)
		free(x->znames[i]);
	free(x->znames);
}

static int count_sets(xmlNodePtr n)
{
	int k = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		k += c->type == XML_ELEMENT_NODE;
	return k;
}

static int import_project_doc(imp *x, xmlNodePtr root, fw_error *err)
{
	x->origin = fw_xml_attr(root, "origin");
	int rc = import_users(x, fw_xml_child(root, "Users"), err);
	xmlNodePtr cb = fw_xml_child(root, "CodeBook");
	if (!rc)
		rc = import_codes(x, fw_xml_child(cb, "Codes"), err);
	if (!rc)
		rc = import_variables(x, fw_xml_child(root, "Variables"), err);
	if (!rc)
		rc = import_sources(x, fw_xml_child(root, "Sources"), err);
	if (!rc)
		rc = import_cases(x, fw_xml_child(root, "Cases"), err);
	if (!rc)
		rc = orphan_cases(x, err);
	if (!rc)
		rc = import_notes(x, fw_xml_child(root, "Notes"),
				  fw_xml_child(root, "Links"), err);
	if (rc)
		return rc;
	int sets = count_sets(fw_xml_child(root, "Sets"));
	if (sets)
		note(x, 1, "%d set%s (groups of codes, sources or notes)", sets,
		     sets == 1 ? "" : "s");
	int graphs = count_sets(fw_xml_child(root, "Graphs"));
	if (graphs)
		note(x, 1, "%d graph%s", graphs, graphs == 1 ? "" : "s");
	int links = 0;
	for (xmlNodePtr l = fw_xml_child(root, "Links")
				    ? fw_xml_child(root, "Links")->children
				    : NULL;
	     l; l = l->next) {
		if (!fw_xml_is(l, "Link"))
			continue;
		char *nm = fw_xml_attr(l, "name");
		links += !(nm && !strcmp(nm, "charter:cell"));
		free(nm);
	}
	if (links)
		note(x, 1, "%d link%s between objects", links,
		     links == 1 ? "" : "s");
	if (x->res->case_refs_dropped)
		note(x, 1, "%d code or selection reference%s held by cases",
		     x->res->case_refs_dropped,
		     x->res->case_refs_dropped == 1 ? "" : "s");
	if (x->res->selections_uncoded)
		note(x, 1,
		     "%d selection%s with no coding (quotations or comments)",
		     x->res->selections_uncoded,
		     x->res->selections_uncoded == 1 ? "" : "s");
	return 0;
}

int fw_refi_import(fw_refi_result *res, fw_project *p, const char *path,
		   fw_error *err)
{
	memset(res, 0, sizeof *res);
	fw_buf_init(&res->dropped);
	fw_buf_init(&res->warnings);
	char *data;
	size_t len;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err);
	if (rc)
		return rc;
	imp x;
	memset(&x, 0, sizeof x);
	x.p = p;
	x.label = path;
	x.res = res;
	char *xml = data;
	size_t xlen = len;
	char *qde = NULL;
	if (len >= 4 && !memcmp(data, "PK\x03\x04", 4)) {
		rc = fw_zip_names(&x.znames, &x.nz, data, len, path, err);
		if (rc) {
			free(data);
			return rc;
		}
		const char *entry = NULL;
		int nqde = 0;
		for (size_t i = 0; i < x.nz; i++) {
			const char *n = x.znames[i];
			size_t l = strlen(n);
			if (strchr(n, '/') || l < 5 ||
			    strcasecmp(n + l - 4, ".qde"))
				continue;
			nqde++;
			if (!entry || !strcasecmp(n, "project.qde"))
				entry = n;
		}
		if (!entry) {
			imp_free(&x);
			free(data);
			return fw_error_set(
				err, FW_EPARSE, path, 0,
				"not a REFI-QDA project: no .qde file at the top "
				"of the archive");
		}
		if (nqde > 1)
			note(&x, 0, "the archive holds %d .qde files; read %s",
			     nqde, entry);
		char label[600];
		snprintf(label, sizeof label, "%s(%s)", path, entry);
		rc = fw_zip_entry(&qde, &xlen, data, len, path, entry, err);
		if (rc) {
			imp_free(&x);
			free(data);
			return rc;
		}
		xml = qde;
		x.zdata = data;
		x.zlen = len;
	}
	xmlDocPtr doc;
	char enc[32];
	rc = fw_xml_read(&doc, enc, xml, xlen, path, FW_ENC_UTF8, 0, err);
	if (rc) {
		imp_free(&x);
		free(qde);
		free(data);
		return rc;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (fw_xml_is(root, "Project")) {
		rc = import_project_doc(&x, root, err);
	} else if (fw_xml_is(root, "CodeBook")) {
		x.origin = fw_xml_attr(root, "origin");
		rc = import_codes(&x, fw_xml_child(root, "Codes"), err);
		int sets = count_sets(fw_xml_child(root, "Sets"));
		if (!rc && sets)
			note(&x, 1, "%d set%s of codes", sets,
			     sets == 1 ? "" : "s");
	} else {
		rc = fw_error_set(err, FW_EPARSE, path, 0,
				  "not REFI-QDA: the root element is <%s>, not "
				  "<Project> or <CodeBook>",
				  root ? (const char *)root->name : "?");
	}
	xmlFreeDoc(doc);
	imp_free(&x);
	free(qde);
	free(data);
	return rc;
}

void fw_refi_result_dispose(fw_refi_result *r)
{
	fw_buf_dispose(&r->dropped);
	fw_buf_dispose(&r->warnings);
}
