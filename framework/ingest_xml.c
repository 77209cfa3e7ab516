/*
 * ingest_xml.c: XML transcription formats of linguists and speech tools.
 *
 *   TEI          one turn per <u who="#id">, names from <person xml:id> in
 *                the header (persName, @n, or the id); times from the
 *                timeline's <when> if @start/@end point there; <pause/>,
 *                <incident>, <vocal>, <kinesic>, <gap>, <note>, <del> left
 *                out.  A person whose @role says interviewer is one.
 *   ELAN (.eaf)  one tier per participant (PARTICIPANT, else TIER_ID);
 *                each aligned annotation of a top-level tier is a turn
 *                with times, all ordered by time; dependent tiers
 *                (translations, glosses) left out.
 *   Transcriber  <Turn speaker= startTime= endTime=>, names from
 *   (.trs)       <Speakers>; <Who nb=> splits overlapping speech; <Sync>
 *                and <Event>/<Comment> are not speech.
 */
#include "ingest.h"
#include "alias.h"
#include "natcmp.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/transcript.h"
#include "timefmt.h"
#include "xmlio.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* seconds as "12.5" -> ms; "hh:mm:ss(.sss)" too */
static long seconds_ms(const char *s)
{
	if (!s || !*s)
		return -1;
	if (strchr(s, ':')) {
		long t = fw_time_parse(s, strlen(s));
		return t;
	}
	char *end;
	double d = strtod(s, &end);
	while (*end == 's' || *end == ' ')
		end++;
	if (*end || d < 0 || d > 1e8)
		return -1;
	return (long)(d * 1000.0 + 0.5);
}

static int looks_interviewer(const char *s)
{
	return s &&
	       (strcasestr(s, "interviewer") || strcasestr(s, "researcher") ||
		strcasestr(s, "facilitator") || strcasestr(s, "moderator"));
}

/* ---- TEI ----------------------------------------------------------------- */

typedef struct idname {
	char *id, *name;
	long ms;
	char *value; /* what idn_read read beside the id */
} idname;

static void idn_free(idname *v, size_t n)
{
	FW_FREE_FIELDS(v, n, idname, offsetof(idname, id),
		       offsetof(idname, name), offsetof(idname, value));
}

/* Adds id (kept) with name (kept; the id itself when empty) and ms. */
static void idn_add(idname **v, size_t *n, char *id, char *name, long ms)
{
	if (!name || !*name) {
		free(name);
		name = id ? fw_xstrdup(id) : NULL;
	}
	*v = fw_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n] = (idname){id, name, ms, NULL};
	(*n)++;
}

/* An XML transcript being read: its document, root and encoding, and the
 * turns built from it. */
typedef struct xml_in {
	xmlDocPtr doc;
	xmlNodePtr root;
	char enc[32];
	fw_tbuild b;
	fw_diags notes; /* what the reader left out, for the transcript */
} xml_in;

static int xml_open(xml_in *in, const char *data, size_t len, const char *label,
		    const fw_ingest_opts *o, fw_error *err)
{
	int rc = fw_xml_read(&in->doc, in->enc, data, len, label,
			     fw_ingest_mode(o), 0, err);
	if (rc)
		return rc;
	in->root = xmlDocGetRootElement(in->doc);
	fw_tb_init(&in->b);
	fw_diags_init(&in->notes);
	return 0;
}

/* Every child TAG of parent with an id_attr: the id, the name_attr as the
 * name (the id when there is none), and the value_attr as the value. */
static void idn_read(idname **v, size_t *n, xmlNodePtr parent, const char *tag,
		     const char *id_attr, const char *name_attr,
		     const char *value_attr)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
		char *id = fw_xml_is(c, tag) ? fw_xml_attr(c, id_attr) : NULL;
		if (!id)
			continue;
		idn_add(v, n, id, name_attr ? fw_xml_attr(c, name_attr) : NULL,
			-1);
		(*v)[*n - 1].value = fw_xml_attr(c, value_attr);
	}
}

/* The end of an XML reader: the document freed, and the turns it built,
 * or, when it found none of what its format is made of, why not. */
static int xml_finish(fw_transcript **out, xml_in *in, int found,
		      const char *format, const char *label,
		      const fw_ingest_opts *o, const char *none, fw_error *err)
{
	xmlFreeDoc(in->doc);
	if (!found) {
		fw_tb_dispose(&in->b);
		fw_diags_dispose(&in->notes);
		return fw_error_set(err, FW_EPARSE, label, 0, "%s", none);
	}
	int rc = fw_tb_finish(&in->b, out, format, in->enc, label, o, err);
	if (!rc)
		fw_diags_append(&(*out)->diags, &in->notes, NULL);
	fw_diags_dispose(&in->notes);
	return rc;
}

static const idname *idn_find(const idname *v, size_t n, const char *id)
{
	if (!id)
		return NULL;
	if (*id == '#')
		id++;
	for (size_t i = 0; i < n; i++)
		if (v[i].id && !strcmp(v[i].id, id))
			return &v[i];
	return NULL;
}

typedef struct tei_ctx {
	fw_tbuild *b;
	idname *people, *when;
	size_t np, nw;
	int turns;
} tei_ctx;

/* A person's name: its persName's text, spaces collapsed, or its n. */
/* raw's text with its white space collapsed and trimmed (owned), or NULL
 * when there is none; raw is disposed. */
static char *collapsed(fw_buf *raw)
{
	fw_buf cl;
	fw_buf_init(&cl);
	fw_buf_put_collapsed(&cl, raw->ptr ? raw->ptr : "", raw->len);
	fw_buf_dispose(raw);
	while (cl.len && cl.ptr[cl.len - 1] == ' ')
		cl.ptr[--cl.len] = 0;
	char *s = cl.len ? fw_buf_detach(&cl) : NULL;
	fw_buf_dispose(&cl);
	return s;
}

/* A persName marked up in parts: forenames, then the surname, as the
 * name is said ("Jane Doe" from <surname>Doe</surname><forename>Jane). */
static char *tei_name_parts(xmlNodePtr pn)
{
	xmlNodePtr sur = fw_xml_find(pn, "surname");
	if (!sur)
		return NULL;
	fw_buf raw;
	fw_buf_init(&raw);
	for (xmlNodePtr f = pn->children; f; f = f->next)
		if (fw_xml_is(f, "forename") || fw_xml_is(f, "roleName")) {
			fw_xml_text(&raw, f, NULL);
			fw_buf_putc(&raw, ' ');
		}
	fw_xml_text(&raw, sur, NULL);
	return collapsed(&raw);
}

static char *tei_person_name(xmlNodePtr c)
{
	xmlNodePtr pn = fw_xml_find(c, "persName");
	char *name = pn ? tei_name_parts(pn) : NULL;
	if (pn && !name) {
		fw_buf nb;
		fw_buf_init(&nb);
		fw_xml_text(&nb, pn, NULL);
		name = collapsed(&nb);
	}
	return name ? name : fw_xml_attr(c, "n");
}

/* The ids a TEI transcript refers to, under n: its people (person) or
 * its timeline's points (when, at an absolute time or an interval). */
static void tei_ids(tei_ctx *x, xmlNodePtr n, int people, int depth)
{
	if (depth > 64)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!fw_xml_is(c, people ? "person" : "when")) {
			if (c->type == XML_ELEMENT_NODE)
				tei_ids(x, c, people, depth + 1);
			continue;
		}
		char *id = fw_xml_attr(c, "id");
		if (!id)
			continue;
		if (people) {
			idn_add(&x->people, &x->np, id, tei_person_name(c), -1);
			/* a chair or moderator asks: @role or @ana */
			char *role = fw_xml_attr(c, "role");
			char *ana = fw_xml_attr(c, "ana");
			if (looks_interviewer(role) || looks_interviewer(ana) ||
			    (role && strcasestr(role, "chair")) ||
			    (ana && strcasestr(ana, "chair")))
				fw_tb_interviewer(x->b,
						  x->people[x->np - 1].name);
			free(role);
			free(ana);
		} else {
			char *abs = fw_xml_attr(c, "absolute");
			char *iv = fw_xml_attr(c, "interval");
			long ms = iv    ? seconds_ms(iv)
				  : abs ? seconds_ms(abs)
					: -1;
			free(abs);
			free(iv);
			idn_add(&x->when, &x->nw, id, NULL, ms);
		}
	}
}

static const char *const tei_skip[] = {"pause", "incident", "vocal", "kinesic",
				       "gap",   "note",     "del",   "anchor",
				       "shift", "sic",      NULL};

static long tei_time(tei_ctx *x, xmlNodePtr u, const char *a)
{
	char *v = fw_xml_attr(u, a);
	if (!v)
		return -1;
	long ms = -1;
	const idname *w = idn_find(x->when, x->nw, v);
	if (w)
		ms = w->ms;
	else if (*v != '#')
		ms = seconds_ms(v);
	free(v);
	return ms;
}

static void tei_walk(tei_ctx *x, xmlNodePtr n, int depth)
{
	if (depth > 64)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (fw_xml_is(c, "u")) {
			char *who = fw_xml_attr(c, "who");
			const idname *p = idn_find(x->people, x->np, who);
			const char *name =
				p             ? p->name
				: who && *who ? (who[0] == '#' ? who + 1 : who)
					      : "Unidentified";
			fw_buf t;
			fw_buf_init(&t);
			fw_xml_text(&t, c, tei_skip);
			/* times: @start and @end, or @synch (a point of the
			 * timeline); an utterance marked ana="#chair" is the
			 * chair's, who asks */
			long t0 = tei_time(x, c, "start");
			if (t0 < 0)
				t0 = tei_time(x, c, "synch");
			char *ana = fw_xml_attr(c, "ana");
			if (ana && (strcasestr(ana, "chair") ||
				    looks_interviewer(ana)))
				fw_tb_interviewer(x->b, name);
			free(ana);
			fw_tb_add(x->b, name, t.ptr ? t.ptr : "", t.len, t0,
				  tei_time(x, c, "end"), 0);
			fw_buf_dispose(&t);
			free(who);
			x->turns++;
		} else if (c->type == XML_ELEMENT_NODE &&
			   !fw_xml_is(c, "teiHeader") &&
			   !fw_xml_is(c, "note") && !fw_xml_is(c, "incident")) {
			tei_walk(x, c, depth + 1);
		}
	}
}

static int tei_read(xml_in *in)
{
	xmlNodePtr root = in->root;
	tei_ctx x = {&in->b, NULL, NULL, 0, 0, 0};
	xmlNodePtr hdr = fw_xml_find(root, "teiHeader");
	if (!hdr && fw_xml_is(root, "teiHeader"))
		hdr = root;
	if (hdr)
		tei_ids(&x, hdr, 1, 0);
	tei_ids(&x, root, 0, 0);
	xmlNodePtr text = fw_xml_find(root, "text");
	tei_walk(&x, text ? text : root, 0);
	idn_free(x.people, x.np);
	idn_free(x.when, x.nw);
	return x.turns;
}

/* ---- ELAN ---------------------------------------------------------------- */

typedef struct eaf_ann {
	long t0, t1;
	size_t tier, seq;
	char *spk;
	char *text;
} eaf_ann;

static int ann_cmp(const void *a, const void *b)
{
	const eaf_ann *x = a, *y = b;
	return fw_cmp_then(
		FW_CMP_BY(x, y, t0),
		fw_cmp_then(FW_CMP_BY(x, y, tier), FW_CMP_BY(x, y, seq)));
}

/* Tiers that are no one's speech, by id or linguistic type. */
static const char *const eaf_not_speech =
	"note|notes|comment|comments|noise|noises|sampling|sample|"
	"translation|transl|gloss|glosses|ref|reference|context|event|events|"
	"tag|tags|code|codes|coding";

/* A participant attribute naming several people ("MULTI", "A and B"). */
static int eaf_shared(const char *part)
{
	static const char *const many = "multi|multiple|several|group|all|"
					"various|mixed";
	return fw_alias_find(&many, 1, part) == 0 || strchr(part, ',') ||
	       strchr(part, '&') || strcasestr(part, " and ");
}

/* Whether a top-level tier is speech: its linguistic type is time
 * alignable (the default) and neither it nor its type is a note, comment,
 * noise or sampling tier.  What is left out is noted. */
static int eaf_speech(xml_in *in, xmlNodePtr t, const char *id)
{
	char *type = fw_xml_attr(t, "LINGUISTIC_TYPE_REF");
	int speech = 1;
	for (xmlNodePtr l = in->root->children; type && l; l = l->next) {
		if (!fw_xml_is(l, "LINGUISTIC_TYPE"))
			continue;
		char *lid = fw_xml_attr(l, "LINGUISTIC_TYPE_ID");
		char *al = fw_xml_attr(l, "TIME_ALIGNABLE");
		if (lid && !strcmp(lid, type) && al && !strcmp(al, "false"))
			speech = 0;
		free(lid);
		free(al);
	}
	const char *word[2] = {id, type};
	for (int k = 0; k < 2 && speech; k++) {
		if (!word[k])
			continue;
		/* "Notes", "comment-A", "noise tier": the first word counts */
		size_t n = strcspn(word[k], " _-@.");
		if (fw_alias_findn(&eaf_not_speech, 1, word[k], n) == 0)
			speech = 0;
	}
	if (!speech)
		fw_diags_add(&in->notes, FW_DIAG_NOTE, NULL, 0,
			     "tier '%s' is not speech (a note, comment, noise "
			     "or sampling tier): left out",
			     id ? id : "");
	free(type);
	return speech;
}

static int eaf_read(xml_in *in)
{
	xmlNodePtr root = in->root;
	idname *slots = NULL;
	size_t ns = 0;
	idn_read(&slots, &ns, fw_xml_find(root, "TIME_ORDER"), "TIME_SLOT",
		 "TIME_SLOT_ID", NULL, "TIME_VALUE");
	for (size_t i = 0; i < ns; i++) {
		char *end = NULL;
		const char *v = slots[i].value;
		long ms = v ? strtol(v, &end, 10) : -1;
		slots[i].ms = v && end && !*end && ms >= 0 ? ms : -1;
	}
	eaf_ann *ann = NULL;
	size_t na = 0, tier = 0;
	for (xmlNodePtr t = root->children; t; t = t->next) {
		if (!fw_xml_is(t, "TIER"))
			continue;
		char *parent = fw_xml_attr(t, "PARENT_REF");
		if (parent) { /* a dependent tier: glosses, translations */
			free(parent);
			continue;
		}
		char *id = fw_xml_attr(t, "TIER_ID");
		char *part = fw_xml_attr(t, "PARTICIPANT");
		if (!eaf_speech(in, t, id)) {
			free(id);
			free(part);
			continue;
		}
		int own = part && *part && !eaf_shared(part);
		const char *spk = own ? part : id && *id ? id : "Unidentified";
		/* the participant decides; a tier id only when there is none */
		if (own ? looks_interviewer(part) : looks_interviewer(id))
			fw_tb_interviewer(&in->b, spk);
		long last = -1;
		for (xmlNodePtr a = t->children; a; a = a->next) {
			if (!fw_xml_is(a, "ANNOTATION"))
				continue;
			xmlNodePtr al = fw_xml_find(a, "ALIGNABLE_ANNOTATION");
			if (!al)
				continue;
			char *r1 = fw_xml_attr(al, "TIME_SLOT_REF1");
			char *r2 = fw_xml_attr(al, "TIME_SLOT_REF2");
			const idname *s1 = idn_find(slots, ns, r1);
			const idname *s2 = idn_find(slots, ns, r2);
			free(r1);
			free(r2);
			xmlNodePtr val = fw_xml_find(al, "ANNOTATION_VALUE");
			fw_buf tx;
			fw_buf_init(&tx);
			if (val)
				fw_xml_text(&tx, val, NULL);
			long t0 = s1 ? s1->ms : -1, t1 = s2 ? s2->ms : -1;
			if (t0 < 0)
				t0 = last; /* unaligned: keep its place after
					      the last */
			else
				last = t0;
			ann = fw_xrealloc(ann, (na + 1) * sizeof *ann);
			ann[na].t0 = t0;
			ann[na].t1 = t1;
			ann[na].tier = tier;
			ann[na].seq = na;
			ann[na].spk = fw_xstrdup(spk);
			ann[na].text = fw_buf_detach(&tx);
			if (!ann[na].text)
				ann[na].text = fw_xstrdup("");
			na++;
		}
		free(id);
		free(part);
		tier++;
	}
	idn_free(slots, ns);
	if (na)
		qsort(ann, na, sizeof *ann, ann_cmp);
	for (size_t i = 0; i < na; i++) {
		fw_tb_add(&in->b, ann[i].spk, ann[i].text, strlen(ann[i].text),
			  ann[i].t0, ann[i].t1, 0);
		free(ann[i].spk);
		free(ann[i].text);
	}
	free(ann);
	return tier > 0;
}

/* ---- Transcriber --------------------------------------------------------- */

typedef struct trs_ctx {
	fw_tbuild *b;
	idname *spk;
	size_t nsp;
	int turns;
} trs_ctx;

static void trs_turn(trs_ctx *x, xmlNodePtr t)
{
	char *who = fw_xml_attr(t, "speaker");
	char *st = fw_xml_attr(t, "startTime");
	char *et = fw_xml_attr(t, "endTime");
	long t0 = seconds_ms(st), t1 = seconds_ms(et);
	free(st);
	free(et);
	/* speakers of this turn: "spk1 spk2" for overlapping speech */
	char *ids[8];
	int nid = 0;
	char *save = NULL;
	for (char *tok = who ? strtok_r(who, " ", &save) : NULL; tok && nid < 8;
	     tok = strtok_r(NULL, " ", &save))
		ids[nid++] = tok;
	int cur = 0;
	fw_buf tx;
	fw_buf_init(&tx);
	for (xmlNodePtr c = t->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			fw_buf_puts(&tx, (const char *)c->content);
		} else if (fw_xml_is(c, "Who")) {
			char *nb = fw_xml_attr(c, "nb");
			int k = nb ? atoi(nb) - 1 : 0;
			free(nb);
			if (tx.len) {
				const idname *p =
					nid ? idn_find(x->spk, x->nsp, ids[cur])
					    : NULL;
				fw_tb_add(x->b,
					  p     ? p->name
					  : nid ? ids[cur]
						: "Unidentified",
					  tx.ptr, tx.len, t0, t1, 0);
				tx.len = 0;
				tx.ptr[0] = 0;
			}
			cur = k >= 0 && k < nid ? k : 0;
		} else if (fw_xml_is(c, "Sync")) {
			fw_buf_putc(&tx, ' ');
		}
		/* Event, Comment, Background: not speech */
	}
	const idname *p = nid ? idn_find(x->spk, x->nsp, ids[cur]) : NULL;
	fw_tb_add(x->b,
		  p     ? p->name
		  : nid ? ids[cur]
			: "Unidentified",
		  tx.ptr ? tx.ptr : "", tx.len, t0, t1, 0);
	fw_buf_dispose(&tx);
	free(who);
	x->turns++;
}

/* every Turn, in document order, wherever its Section sits */
static void trs_walk(trs_ctx *x, xmlNodePtr n, int depth)
{
	if (depth > 32)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (fw_xml_is(c, "Turn"))
			trs_turn(x, c);
		else if (c->type == XML_ELEMENT_NODE &&
			 !fw_xml_is(c, "Speakers") && !fw_xml_is(c, "Topics"))
			trs_walk(x, c, depth + 1);
	}
}

static int trs_read(xml_in *in)
{
	xmlNodePtr root = in->root;
	idname *spk = NULL;
	size_t nsp = 0;
	idn_read(&spk, &nsp, fw_xml_find(root, "Speakers"), "Speaker", "id",
		 "name", "type");
	for (size_t i = 0; i < nsp; i++)
		if (looks_interviewer(spk[i].value))
			fw_tb_interviewer(&in->b, spk[i].name);
	trs_ctx x = {&in->b, spk, nsp, 0};
	trs_walk(&x, root, 0);
	idn_free(spk, nsp);
	return x.turns;
}

/* ---- the readers --------------------------------------------------------- */

int fw_parse_xml(fw_transcript **out, int format, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err)
{
	static const struct {
		int format;
		const char *name;
		int (*read)(xml_in *in); /* whether it found any turns */
		const char *none;
	} readers[] = {
		{FW_TF_TEI, "tei", tei_read,
		 "no <u> utterances: not a TEI transcript of speech"},
		{FW_TF_EAF, "eaf", eaf_read,
		 "no TIER of speech: not an ELAN annotation document, or one of notes only"},
		{FW_TF_TRS, "trs", trs_read,
		 "no <Turn>: not a Transcriber transcript"},
	};
	*out = NULL;
	size_t k = 0;
	while (k + 1 < sizeof readers / sizeof readers[0] &&
	       readers[k].format != format)
		k++;
	xml_in in;
	int rc = xml_open(&in, data, len, label, o, err);
	if (rc)
		return rc;
	return xml_finish(out, &in, readers[k].read(&in), readers[k].name,
			  label, o, readers[k].none, err);
}
