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
#include <stddef.h>
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
	/* where REFI-QDA puts them (sources/), else anywhere in the archive */
	char where[600];
	snprintf(where, sizeof where, "sources/%s", nm);
	char *out;
	fw_error e2;
	fw_error_clear(&e2);
	int rc = fw_zip_read(x->zip, where, &out, len, &e2);
	if (!rc)
		return out;
	if (rc != FW_ENOTFOUND) {
		if (err)
			*err = e2;
		return NULL;
	}
	for (size_t i = 0; i < x->nz; i++) {
		const char *slash = strrchr(x->znames[i], '/');
		const char *base = slash ? slash + 1 : x->znames[i];
		if (strcmp(base, nm))
			continue;
		if (fw_zip_read(x->zip, x->znames[i], &out, len, err))
			return NULL;
		return out;
	}
	return NULL;
}

/* A statement prepared from sql on first use and kept for the import. */
static sqlite3_stmt *kept(imp *x, sqlite3_stmt **st, const char *sql)
{
	if (!*st)
		fw_prepare(x->p, st, sql, NULL);
	return *st;
}

/* Does st, as fw_rebind just bound it, find a row? */
static int has_row(imp *x, sqlite3_stmt *st)
{
	int hit = fw_row(x->p, st);
	sqlite3_reset(st);
	return hit;
}

static int insert_coding(imp *x, long long sid, long long code_id,
			 const char *guid, long a, long b, const size_t *cpb,
			 const fw_lines *li, long long coder, const char *when,
			 int rule)
{
	/* a coding already there (by GUID, or by its place) is not added */
	sqlite3_stmt *g =
		kept(x, &x->st_guid, "SELECT 1 FROM coding WHERE guid=?");
	if (guid && g) {
		fw_rebind(g, "t", guid);
		if (has_row(x, g)) {
			x->res->codings_matched++;
			return 0;
		}
	}
	sqlite3_stmt *d = kept(x, &x->st_dup,
			       "SELECT 1 FROM coding WHERE source_id=? AND "
			       "code_id=? AND start=? AND \"end\"=?");
	if (d) {
		fw_rebind(d, "iiii", (long long)sid, (long long)code_id,
			  (long long)a, (long long)b);
		if (has_row(x, d)) {
			x->res->codings_duplicate++;
			return 0;
		}
	}
	size_t ba = cpb[a], bb = cpb[b];
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
			   .status = "confirmed", /* as its tool had it */
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
	FW_FREE_FIELDS(s, n, sel, offsetof(sel, code), offsetof(sel, coding),
		       offsetof(sel, user), offsetof(sel, when));
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

/* One text source being imported. */
typedef struct tsrc {
	xmlNodePtr el;
	char *guid, *name;
	char dname[300];  /* the name to report it by */
	char *raw;        /* the text as written, for the positions */
	const char *body; /* raw without a BOM */
	size_t blen;
	sel *s; /* its codings: selections first, then whole-source ones */
	size_t ns, cap, whole_from;
	long long sid; /* the source in the project */
	char *norm;    /* its text as stored */
	size_t nlen;
	size_t *cpb; /* the byte of each code point of norm */
	unitmap maps[U_N];
	int best; /* the unit the positions are read in */
} tsrc;

static void tsrc_dispose(tsrc *t)
{
	for (int u = 0; u < U_N; u++)
		free(t->maps[u].to);
	free(t->norm);
	sel_free(t->s, t->ns);
	free(t->raw);
	free(t->guid);
	free(t->name);
}

/* The source's text, inline or from the archive; t->raw stays NULL (and a
 * note says why) when there is none to import. */
static int tsrc_text(imp *x, tsrc *t, fw_error *err)
{
	xmlNodePtr ptc = fw_xml_child(t->el, "PlainTextContent");
	char *ptp = fw_xml_attr(t->el, "plainTextPath");
	size_t rlen = 0;
	if (ptc) {
		t->raw = fw_xml_content(ptc);
		rlen = strlen(t->raw);
	} else if (ptp && x->zip) {
		fw_error e2;
		fw_error_clear(&e2);
		t->raw = zip_text(x, ptp, &rlen, &e2);
		if (!t->raw && e2.msg[0]) {
			free(ptp);
			*err = e2;
			return e2.code ? e2.code : FW_EPARSE;
		}
	}
	if (!t->raw)
		refi_note(x, 1, "source '%s': its text (%s) is not in the file",
			  t->dname, ptp ? ptp : "no PlainTextContent");
	free(ptp);
	if (!t->raw)
		return 0;
	/* the BOM is not counted by anyone */
	t->body = t->raw;
	if (rlen >= 3 && !memcmp(t->raw, "\xEF\xBB\xBF", 3)) {
		t->body += 3;
		rlen -= 3;
	}
	t->blen = rlen;
	if (!fw_utf8_valid(t->body, rlen, NULL)) {
		refi_note(x, 1, "source '%s': its text is not UTF-8", t->dname);
		free(t->raw);
		t->raw = NULL;
	}
	return 0;
}

/* The codings of each PlainTextSelection, then those of the whole source. */
static void tsrc_selections(imp *x, tsrc *t)
{
	for (xmlNodePtr c = t->el->children; c; c = c->next) {
		if (!fw_xml_is(c, "PlainTextSelection"))
			continue;
		char *sa = fw_xml_attr(c, "startPosition"),
		     *sb = fw_xml_attr(c, "endPosition");
		long a = sa ? strtol(sa, NULL, 10) : -1,
		     b = sb ? strtol(sb, NULL, 10) : -1;
		free(sa);
		free(sb);
		size_t before = t->ns;
		collect_codings(c, a, b, &t->s, &t->ns, &t->cap);
		/* a selection holding only a note is a memo's span (notes) */
		if (t->ns == before && !fw_xml_child(c, "NoteRef"))
			x->res->selections_uncoded++;
	}
	t->whole_from = t->ns;
	collect_codings(t->el, 0, -2, &t->s, &t->ns, &t->cap);
}

/* Stores the text as charter ingest would (a new name if taken); t->sid
 * is the source, or 0 if the text was refused (with a note). */
static int tsrc_store(imp *x, tsrc *t, fw_error *err)
{
	char nm[300];
	snprintf(nm, sizeof nm, "%s", t->dname);
	for (int k = 2;
	     refi_row_id(x->p, "SELECT id FROM source WHERE name=?", nm); k++)
		snprintf(nm, sizeof nm, "%.280s (%d)", t->dname, k);
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	o.format = FW_TF_TXT;
	o.allow_cp1252 = 0;
	fw_ingest_result r;
	char *when = fw_xml_attr(t->el, "creationDateTime");
	int rc = fw_source_add_mem(&r, NULL, x->p, nm, x->label, t->body,
				   t->blen, &o, t->guid,
				   when && *when ? when : NULL, 1, err);
	free(when);
	if (!rc && r.duplicate) {
		refi_note(x, 0,
			  "source '%s' has the same text as '%s' already in "
			  "the project; its codings go there",
			  nm, r.name);
		t->sid = refi_row_id(x->p, "SELECT id FROM source WHERE name=?",
				     r.name);
	} else if (!rc) {
		t->sid = r.source_id;
		x->res->sources++;
	} else if (rc == FW_EPARSE) {
		refi_note(x, 1, "source '%s': %s", t->dname, err->msg);
		fw_error_clear(err);
		rc = 0;
	}
	return rc;
}

/* The stored text, the positions' unit chosen by how many selection ends
 * fall on word boundaries (the producer's habit breaking ties), and a note
 * when the choice matters and is doubtful. */
static int tsrc_units(imp *x, tsrc *t)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, x->p, NULL, "SELECT text FROM source WHERE id=?",
			  "i", (long long)t->sid);
	if (rc)
		return rc;
	if (fw_row(x->p, st)) {
		t->nlen = (size_t)sqlite3_column_bytes(st, 0);
		t->norm = fw_xstrndup((const char *)sqlite3_column_text(st, 0),
				      t->nlen);
	}
	sqlite3_finalize(st);
	if (!t->norm)
		return FW_EIO;
	double score[U_N];
	int bad[U_N];
	int prior = U_CP;
	if (x->origin && strcasestr(x->origin, "nvivo"))
		prior = U_UTF16;
	else if (x->origin && strcasestr(x->origin, "atlas"))
		prior = U_CP_LF;
	size_t nsel = t->whole_from;
	for (int u = 0; u < U_N; u++) {
		refi_unit_map(t->body, t->blen, u, &t->maps[u]);
		score[u] = refi_unit_score(&t->maps[u], t->s, nsel, t->norm,
					   t->nlen, &bad[u]);
	}
	int best = prior;
	for (int u = 0; u < U_N; u++) {
		double su = score[u] - (double)bad[u] / (nsel ? nsel : 1);
		double sb = score[best] - (double)bad[best] / (nsel ? nsel : 1);
		if (su > sb + 0.02)
			best = u;
	}
	t->best = best;
	/* do the candidates disagree on where any selection falls? */
	const unitmap *mb = &t->maps[best];
	int differs = 0;
	for (int u = 0; u < U_N && !differs; u++)
		for (size_t i = 0; i < nsel && !differs; i++) {
			const sel *s = &t->s[i];
			if (s->a >= 0 && s->b <= t->maps[u].n &&
			    s->b <= mb->n && s->a <= s->b &&
			    (t->maps[u].to[s->a] != mb->to[s->a] ||
			     t->maps[u].to[s->b] != mb->to[s->b]))
				differs = 1;
		}
	if (!nsel || !differs)
		return 0;
	if (best != prior)
		refi_note(x, 0,
			  "source '%s': positions read as %s (%.0f%% of "
			  "selection ends on word boundaries; %s gave %.0f%%)",
			  t->dname, refi_unit_names[best], 100 * score[best],
			  refi_unit_names[prior], 100 * score[prior]);
	else if (score[best] < 0.9)
		refi_note(x, 0,
			  "source '%s': positions read as %s, but only %.0f%% "
			  "of selection ends fall on word boundaries; check "
			  "the codings",
			  t->dname, refi_unit_names[best], 100 * score[best]);
	if (best == U_UTF16)
		x->res->units_utf16++;
	return 0;
}

/* A selection's code points in the stored text, snapped to word edges;
 * 0 if it is kept. */
static int tsrc_span(imp *x, const tsrc *t, const sel *s, long chars, long *a,
		     long *b)
{
	const unitmap *m = &t->maps[t->best];
	if (s->b == -2) {
		*a = 0;
		*b = chars;
		return 0;
	}
	if (s->a < 0 || s->b < s->a || s->b > m->n) {
		refi_note(
			x, 1,
			"source '%s': selection %ld-%ld lies outside the text",
			t->dname, s->a, s->b);
		return 1;
	}
	*a = m->to[s->a];
	*b = m->to[s->b];
	/* an end a few characters inside a word (a coder's imprecision)
	 * moves to the word's nearer edge */
	long a2 = refi_snap(t->norm, t->cpb, *a, chars),
	     b2 = refi_snap(t->norm, t->cpb, *b, chars);
	if (a2 != *a || b2 != *b) {
		x->res->selections_snapped++;
		*a = a2;
		*b = b2;
	}
	if (*b <= *a) {
		x->res->selections_empty++;
		return 1;
	}
	return 0;
}

/* Stores the source's codings. */
static int tsrc_codings(imp *x, tsrc *t, fw_error *err)
{
	fw_lines li;
	fw_lines_build(&li, t->norm, t->nlen);
	long chars;
	t->cpb = refi_cp_bytes(t->norm, t->nlen, &chars);
	int rc = 0, last_rule = 0;
	long long last_coder = -1;
	for (size_t i = 0; !rc && i < t->ns; i++) {
		const sel *s = &t->s[i];
		long long code = refi_gmap_get(&x->codes, s->code);
		if (!code) {
			x->res->refs_missing++;
			refi_note(x, 1,
				  "source '%s': a coding refers to a code not "
				  "in the file (%s)",
				  t->dname, s->code ? s->code : "no CodeRef");
			continue;
		}
		long a, b;
		if (tsrc_span(x, t, s, chars, &a, &b))
			continue;
		long long coder = refi_gmap_get(&x->users, s->user);
		if (coder != last_coder) {
			last_coder = coder;
			last_rule = coder_is_rule(x->p, coder);
		}
		rc = insert_coding(x, t->sid, code, s->coding, a, b, t->cpb,
				   &li, coder, s->when, last_rule);
		if (rc)
			rc = fw_sql_error(x->p, err, "storing a coding");
	}
	fw_lines_dispose(&li);
	free(t->cpb);
	t->cpb = NULL;
	return rc;
}

static int import_text_source(imp *x, xmlNodePtr src, fw_error *err)
{
	tsrc t = {.el = src};
	t.guid = refi_gatt(src, "guid");
	t.name = fw_xml_attr(src, "name");
	int rc = 0;
	if (!t.guid || !*t.guid) {
		refi_note(x, 1, "a text source without a GUID ('%s')",
			  t.name ? t.name : "");
		goto out;
	}
	snprintf(t.dname, sizeof t.dname, "%s",
		 t.name && *t.name ? t.name : t.guid);
	long long known =
		refi_row_id(x->p, "SELECT id FROM source WHERE guid=?", t.guid);
	if ((rc = tsrc_text(x, &t, err)) || !t.raw)
		goto out;
	tsrc_selections(x, &t);
	if (known) {
		t.sid = known;
		x->res->sources_matched++;
	} else if ((rc = tsrc_store(x, &t, err)) || !t.sid) {
		goto out;
	}
	refi_gmap_put(&x->sources, t.guid, t.sid);
	if (!(rc = tsrc_units(x, &t)))
		rc = tsrc_codings(x, &t, err);
out:
	tsrc_dispose(&t);
	return rc;
}

int refi_import_source_el(imp *x, xmlNodePtr c, size_t done, fw_error *err)
{
	fw_progress(x->p, "import", "sources", done, 0);
	if (fw_xml_is(c, "TextSource"))
		return import_text_source(x, c, err);
	if (fw_xml_is(c, "PDFSource") || fw_xml_is(c, "PictureSource") ||
	    fw_xml_is(c, "AudioSource") || fw_xml_is(c, "VideoSource")) {
		char *nm = fw_xml_attr(c, "name");
		refi_note(x, 1, "%s '%s' (charter reads text sources only)",
			  (const char *)c->name, nm ? nm : "");
		free(nm);
		x->res->sources_dropped++;
	}
	return 0;
}
