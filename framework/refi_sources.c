/*
 * refi_sources.c: REFI-QDA text sources and their codings: the text read
 * from the archive or inline, stored as charter ingest stores it, each
 * selection mapped to code points in the unit its producer used.
 */
#include "refi.h"
#include "source.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "fw/source.h"
#include "fw/transcript.h"
#include "guid.h"
#include "lines.h"
#include "timefmt.h"
#include "utf8.h"
#include "xmlio.h"
#include "zipio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	if (guid &&
	    refi_row_id(x->p, "SELECT id FROM coding WHERE guid=?", guid)) {
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
	int dup = fw_row(x->p, st);
	sqlite3_finalize(st);
	if (dup) {
		x->res->codings_duplicate++;
		return 0;
	}
	size_t ba = fw_utf8_byte_at(norm, nlen, a),
	       bb = fw_utf8_byte_at(norm, nlen, b);
	int l1 = fw_lines_at(li, ba),
	    l2 = fw_lines_at(li, bb > ba ? bb - 1 : ba);
	fw_coding_row r = {.guid = guid,
			   .code_id = code_id,
			   .source_id = sid,
			   .coder_id = coder,
			   .start = a,
			   .end = b,
			   .line_start = l1,
			   .line_end = l2,
			   .origin = rule ? "rule" : "manual",
			   .created_at = when && *when ? when : NULL};
	int rc = fw_store_coding(NULL, x->p, &r, NULL);
	if (rc)
		return rc;
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
	if (fw_row(p, st))
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
		s->code = cr ? refi_gatt(cr, "targetGUID") : NULL;
		s->coding = refi_gatt(c, "guid");
		s->user = refi_gatt(c, "creatingUser");
		s->when = fw_xml_attr(c, "creationDateTime");
	}
}

static int import_text_source(imp *x, xmlNodePtr src, fw_error *err)
{
	char *g = refi_gatt(src, "guid");
	char *name = fw_xml_attr(src, "name");
	if (!g || !*g) {
		refi_note(x, 1, "a text source without a GUID ('%s')",
			  name ? name : "");
		free(g);
		free(name);
		return 0;
	}
	char dname[300];
	snprintf(dname, sizeof dname, "%s", name && *name ? name : g);
	long long sid =
		refi_row_id(x->p, "SELECT id FROM source WHERE guid=?", g);
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
		refi_note(x, 1, "source '%s': its text (%s) is not in the file",
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
		refi_note(x, 1, "source '%s': its text is not UTF-8", dname);
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
		for (int k = 2; refi_row_id(
			     x->p, "SELECT id FROM source WHERE name=?", nm);
		     k++)
			snprintf(nm, sizeof nm, "%.280s (%d)", dname, k);
		fw_ingest_opts o;
		memset(&o, 0, sizeof o);
		o.format = FW_TF_TXT;
		o.allow_cp1252 = 0;
		fw_ingest_result r;
		char *when = fw_xml_attr(src, "creationDateTime");
		rc = fw_source_add_mem(&r, NULL, x->p, nm, x->label, body, rlen,
				       &o, g, when && *when ? when : NULL, 1,
				       err);
		free(when);
		if (!rc && r.duplicate) {
			refi_note(
				x, 0,
				"source '%s' has the same text as '%s' already in the "
				"project; its codings go there",
				nm, r.name);
			newsid = refi_row_id(
				x->p, "SELECT id FROM source WHERE name=?",
				r.name);
		} else if (!rc) {
			newsid = r.source_id;
			x->res->sources++;
		} else if (rc == FW_EPARSE) {
			refi_note(x, 1, "source '%s': %s", dname, err->msg);
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
	refi_gmap_put(&x->sources, g, newsid);

	/* the normalised text as stored, and the unit of the positions */
	sqlite3_stmt *st;
	char *norm = NULL;
	size_t nlen = 0;
	if (!fw_prepare(x->p, &st, "SELECT text FROM source WHERE id=?",
			NULL)) {
		sqlite3_bind_int64(st, 1, newsid);
		if (fw_row(x->p, st)) {
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
		refi_unit_map(body, rlen, u, &maps[u]);
		score[u] = refi_unit_score(&maps[u], s, whole_from, norm, nlen,
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
			refi_note(
				x, 0,
				"source '%s': positions read as %s (%.0f%% of "
				"selection ends on word boundaries; %s gave %.0f%%)",
				dname, refi_unit_names[best], 100 * score[best],
				refi_unit_names[prior], 100 * score[prior]);
		else if (score[best] < 0.9)
			refi_note(
				x, 0,
				"source '%s': positions read as %s, but only %.0f%% "
				"of selection ends fall on word boundaries; check the "
				"codings",
				dname, refi_unit_names[best],
				100 * score[best]);
		if (best == U_UTF16)
			x->res->units_utf16++;
	}
	fw_lines li;
	fw_lines_build(&li, norm, nlen);
	long chars = fw_utf8_count(norm, nlen);
	const unitmap *m = &maps[best];
	for (size_t i = 0; !rc && i < ns; i++) {
		long long code = refi_gmap_get(&x->codes, s[i].code);
		if (!code) {
			x->res->refs_missing++;
			refi_note(
				x, 1,
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
				refi_note(
					x, 1,
					"source '%s': selection %ld-%ld lies outside the text",
					dname, s[i].a, s[i].b);
				continue;
			}
			a = m->to[s[i].a];
			b = m->to[s[i].b];
			/* an end a few characters inside a word (a coder's
			 * imprecision) moves to the word's nearer edge */
			long a2 = refi_snap(norm, nlen, a, chars),
			     b2 = refi_snap(norm, nlen, b, chars);
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
		long long coder = refi_gmap_get(&x->users, s[i].user);
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

int refi_import_sources(imp *x, xmlNodePtr sources, fw_error *err)
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
			refi_note(x, 1,
				  "%s '%s' (charter reads text sources only)",
				  (const char *)c->name, nm ? nm : "");
			free(nm);
			x->res->sources_dropped++;
		}
	}
	return rc;
}
