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
#include "fileio.h"
#include "ingest.h"
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
#include <unistd.h>

/* A bare project's part: NAME in sources/ (or Sources/) beside the .qde;
 * a name that would leave that folder is not followed. */
static char *dir_text(imp *x, const char *nm, size_t *len, fw_error *err)
{
	if (!*nm || strchr(nm, '/') || strchr(nm, '\\') || !strcmp(nm, "..") ||
	    !strcmp(nm, "."))
		return NULL;
	static const char *const folders[] = {"sources", "Sources"};
	for (int i = 0; i < 2; i++) {
		char where[1200];
		snprintf(where, sizeof where, "%s/%s/%s", x->dir, folders[i],
			 nm);
		if (access(where, F_OK))
			continue;
		char *out = NULL;
		if (fw_file_read(&out, len, where, FW_MAX_INPUT, err))
			return NULL;
		return out;
	}
	return NULL;
}

static char *zip_text(imp *x, const char *path, size_t *len, fw_error *err)
{
	/* internal://NAME -> sources/NAME, folder name in any case */
	const char *nm = path;
	if (!strncmp(nm, "internal://", 11))
		nm += 11;
	else
		return NULL;
	if (!x->zip)
		return x->dir ? dir_text(x, nm, len, err) : NULL;
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

/* The codings of one source (code, span and coder), to find a passage
 * coded twice in memory: those it had before the import and those the
 * import adds. */
typedef struct seen_e {
	long long code, coder;
	long a, b;
	int used;
} seen_e;
typedef struct seen {
	seen_e *v;
	size_t cap, n;
} seen;

static size_t seen_hash(long long code, long a, long b, size_t cap)
{
	unsigned long long h = (unsigned long long)code * 0x9E3779B97F4A7C15ULL;
	h ^= (unsigned long long)a * 0xC2B2AE3D27D4EB4FULL;
	h ^= (unsigned long long)b * 0x165667B19E3779F9ULL;
	return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static void seen_add(seen *t, long long code, long a, long b, long long coder)
{
	if (2 * (t->n + 1) > t->cap) {
		seen old = *t;
		t->cap = old.cap ? 2 * old.cap : 256;
		t->v = fw_xcalloc(t->cap, sizeof *t->v);
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].used)
				seen_add(t, old.v[i].code, old.v[i].a,
					 old.v[i].b, old.v[i].coder);
		free(old.v);
	}
	size_t i = seen_hash(code, a, b, t->cap);
	while (t->v[i].used)
		i = (i + 1) & (t->cap - 1);
	t->v[i] = (seen_e){code, coder, a, b, 1};
	t->n++;
}

/* The same passage and code by the same coder, or where either names
 * no coder. */
static int seen_has(const seen *t, long long code, long a, long b,
		    long long coder)
{
	if (!t->cap)
		return 0;
	for (size_t i = seen_hash(code, a, b, t->cap); t->v[i].used;
	     i = (i + 1) & (t->cap - 1)) {
		const seen_e *e = &t->v[i];
		if (e->code == code && e->a == a && e->b == b &&
		    (e->coder == coder || !e->coder || !coder))
			return 1;
	}
	return 0;
}

/* The source's codings before the import. */
static int seen_load(seen *t, fw_project *p, long long sid)
{
	sqlite3_stmt *st;
	int rc = fw_query(&st, p, NULL,
			  "SELECT code_id, start, \"end\", coalesce(coder_id, "
			  "0) FROM coding WHERE source_id=?",
			  "i", sid);
	if (rc)
		return rc;
	while (fw_row(p, st))
		seen_add(t, sqlite3_column_int64(st, 0),
			 (long)sqlite3_column_int64(st, 1),
			 (long)sqlite3_column_int64(st, 2),
			 sqlite3_column_int64(st, 3));
	sqlite3_finalize(st);
	return p->step_rc;
}

/* Run a kept write as fw_run does: a failure kept in the project, for
 * fw_rows_ok to report with the rest. */
static int run_kept(imp *x, sqlite3_stmt *st)
{
	fw_row(x->p, st);
	sqlite3_reset(st);
	return x->p->step_rc;
}

static int insert_coding(imp *x, seen *dup, long long sid, long long code_id,
			 const sel *s, long a, long b, const size_t *cpb,
			 const fw_lines *li, long long coder, int rule)
{
	const char *guid = s->coding, *when = s->when;
	/* a coding already there (by GUID, or by its place) is not added;
	 * into a project with no codings before, the insert itself says
	 * whether the GUID came earlier in the file */
	sqlite3_stmt *g = x->had_codings
				  ? kept(x, &x->st_guid,
					 "SELECT 1 FROM coding WHERE guid=?")
				  : NULL;
	if (guid && g) {
		fw_rebind(g, "t", guid);
		if (has_row(x, g)) {
			x->res->codings_matched++;
			return 0;
		}
	}
	size_t ba = cpb[a], bb = cpb[b];
	int l1 = fw_lines_at(li, ba),
	    l2 = fw_lines_at(li, bb > ba ? bb - 1 : ba);
	/* the same passage and code by the same coder (or by one the file
	 * does not name): one coding; two coders' are two */
	if (seen_has(dup, code_id, a, b, coder)) {
		x->res->codings_duplicate++;
		return 0;
	}
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
	/* charter's own: the status a researcher gave it, and who */
	static const char *const statuses[] = {"suggested", "confirmed",
					       "rejected"};
	for (int i = 0; s->status && i < 3; i++)
		if (!strcmp(s->status, statuses[i]))
			r.status = statuses[i];
	long long reviewer =
		s->reviewer ? refi_gmap_get(&x->users, s->reviewer) : 0;
	if (rule && reviewer) {
		r.reviewer_id = reviewer;
		r.reviewed_at = s->reviewed;
	}
	long long coding = 0;
	/* recorded by its id, not in the changeset (history_added.c) */
	int rc = fw_store_coding_bulk(&coding, x->p, &r, NULL);
	if (rc)
		return rc;
	if (!coding) { /* its GUID came earlier in the file */
		x->res->codings_matched++;
		return 0;
	}
	seen_add(dup, code_id, a, b, coder);
	sqlite3_stmt *st;
	/* its rule: the code's rules come with the notes, after the
	 * sources, so the link is made at the end (refi_import.c) */
	if (rule && s->rule > 0 &&
	    (st = kept(x, &x->st_rule,
		       "INSERT INTO temp.refi_rule(coding, code, n) "
		       "VALUES(?1, ?2, ?3)"))) {
		fw_rebind(st, "iin", coding, code_id, s->rule);
		if ((rc = run_kept(x, st)))
			return rc;
	}
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
		       offsetof(sel, user), offsetof(sel, when),
		       offsetof(sel, status), offsetof(sel, reviewer),
		       offsetof(sel, reviewed));
}

/* What charter said of a selection's codings in its Description. */
static void desc_apply(sel *s, const char *d)
{
	s->origin = -1;
	if (!d || strncmp(d, "charter:", 8))
		return;
	char *o = refi_desc_value(d, "origin", 0),
	     *r = refi_desc_value(d, "rule", 0);
	s->origin = o ? !strcmp(o, "rule") : -1;
	s->rule = r ? atoi(r) : 0;
	free(o);
	free(r);
	s->status = refi_desc_value(d, "status", 0);
	char *rv = refi_desc_value(d, "reviewer", 0);
	s->reviewer = rv ? refi_guid_norm(rv) : NULL;
	free(rv);
	s->reviewed = refi_desc_value(d, "reviewed", 0);
}

static sel *sel_push(sel **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = fw_xrealloc(*v, *cap * sizeof **v);
	}
	sel *s = &(*v)[(*n)++];
	memset(s, 0, sizeof *s);
	return s;
}

static void collect_codings(xmlNodePtr parent, long a, long b, sel **v,
			    size_t *n, size_t *cap)
{
	xmlNodePtr dn = fw_xml_child(parent, "Description");
	char *desc = dn ? fw_xml_content(dn) : NULL;
	size_t before = *n;
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (!fw_xml_is(c, "Coding"))
			continue;
		xmlNodePtr cr = fw_xml_child(c, "CodeRef");
		sel *s = sel_push(v, n, cap);
		s->a = a;
		s->b = b;
		s->code = cr ? refi_gatt(cr, "targetGUID") : NULL;
		s->coding = refi_gatt(c, "guid");
		s->user = refi_gatt(c, "creatingUser");
		s->when = fw_xml_attr(c, "creationDateTime");
		desc_apply(s, desc);
	}
	/* a suggestion charter exported: no Coding (other tools show none),
	 * its code and status in the Description */
	if (*n == before && desc && !strncmp(desc, "charter:suggestion", 18)) {
		char *code = refi_desc_value(desc, "code", 0),
		     *coding = refi_desc_value(desc, "coding", 0);
		sel *s = sel_push(v, n, cap);
		s->a = a;
		s->b = b;
		s->code = code ? refi_guid_norm(code) : NULL;
		s->coding = coding ? refi_guid_norm(coding) : NULL;
		s->user = refi_gatt(parent, "creatingUser");
		s->when = fw_xml_attr(parent, "creationDateTime");
		desc_apply(s, desc);
		s->origin = 1;
		free(code);
		free(coding);
	}
	free(desc);
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

static int all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The Codings under a source, at any depth (its selections', its
 * transcripts' and its own). */
static int codings_in(xmlNodePtr el)
{
	int n = 0;
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n += fw_xml_is(c, "Coding") ? 1 : codings_in(c);
	return n;
}

/* The text of the source's richTextPath (a DOCX), as charter reads a Word
 * transcript, in t->raw; nothing when there is none. */
static int rich_text(imp *x, tsrc *t, size_t *rlen, fw_error *err)
{
	char *rtp = fw_xml_attr(t->el, "richTextPath");
	if (!rtp)
		return 0;
	size_t dlen = 0;
	fw_error e2;
	fw_error_clear(&e2);
	char *docx = zip_text(x, rtp, &dlen, &e2);
	if (!docx) {
		free(rtp);
		return 0;
	}
	fw_ingest_opts o;
	memset(&o, 0, sizeof o);
	fw_transcript *tr = NULL;
	char label[700];
	snprintf(label, sizeof label, "%s(%s)", x->label,
		 rtp + (strncmp(rtp, "internal://", 11) ? 0 : 11));
	int rc = fw_parse_office(&tr, FW_TF_DOCX, docx, dlen, label, &o, err);
	free(docx);
	if (rc == FW_EPARSE) {
		refi_note(x, 1,
			  "source '%s': its rich text is not a Word "
			  "document (%s)",
			  t->dname, err->msg);
		fw_error_clear(err);
		rc = 0;
	} else if (!rc && tr->len) {
		free(t->raw);
		t->raw = fw_xstrndup(tr->text, tr->len);
		*rlen = tr->len;
		refi_note(x, 0,
			  "source '%s': its plain text is empty; read from its "
			  "rich text (%s)",
			  t->dname, rtp);
	}
	fw_transcript_free(tr);
	free(rtp);
	return rc;
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
	} else if (ptp && (x->zip || x->dir)) {
		fw_error e2;
		fw_error_clear(&e2);
		t->raw = zip_text(x, ptp, &rlen, &e2);
		if (!t->raw && e2.msg[0]) {
			free(ptp);
			*err = e2;
			return e2.code ? e2.code : FW_EPARSE;
		}
	}
	/* an empty plain text whose rich text holds the transcript (NVivo
	 * 15 for Mac): read from the DOCX */
	if (!t->raw || all_blank(t->raw, rlen)) {
		int rc = rich_text(x, t, &rlen, err);
		if (rc) {
			free(ptp);
			return rc;
		}
	}
	if (!t->raw) {
		/* its codings go with it, and are counted */
		int n = codings_in(t->el);
		char with[64] = "";
		if (n)
			snprintf(with, sizeof with, " and its %d coding%s", n,
				 n == 1 ? "" : "s");
		x->res->codings_lost += n;
		refi_note(x, 1,
			  "source '%s'%s: its text (%s) is not in the file",
			  t->dname, with, ptp ? ptp : "no PlainTextContent");
	}
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
	seen dup = {0};
	if (t->ns)
		rc = seen_load(&dup, x->p, t->sid);
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
		rc = insert_coding(x, &dup, t->sid, code, s, a, b, t->cpb, &li,
				   coder,
				   s->origin >= 0 ? s->origin : last_rule);
		if (rc)
			rc = fw_sql_error(x->p, err, "storing a coding");
	}
	free(dup.v);
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
		int n = codings_in(c);
		char with[64] = "";
		if (n)
			snprintf(with, sizeof with, " and its %d coding%s", n,
				 n == 1 ? "" : "s");
		x->res->codings_lost += n;
		refi_note(x, 1, "%s '%s'%s (charter reads text sources only)",
			  (const char *)c->name, nm ? nm : "", with);
		free(nm);
		x->res->sources_dropped++;
	}
	return 0;
}
