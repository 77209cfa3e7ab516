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

#include "refi.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/project.h"
#include "fw/refi.h"
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
char *refi_guid_norm(const char *g)
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

char *refi_gatt(xmlNodePtr n, const char *name)
{
	char *a = fw_xml_attr(n, name);
	char *g = refi_guid_norm(a);
	free(a);
	return g;
}

long long refi_known(fw_project *p, xmlNodePtr n, const char *sql, char **g,
		     char **name)
{
	*g = refi_gatt(n, "guid");
	*name = fw_xml_attr(n, "name");
	if (!*g) {
		free(*name);
		*name = NULL;
		return 0;
	}
	return refi_row_id(p, sql, *g);
}

void refi_gmap_put(gmap *m, const char *g, long long id)
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

long long refi_gmap_get(const gmap *m, const char *g)
{
	if (!g)
		return 0;
	for (size_t i = m->n; i-- > 0;)
		if (!strcmp(m->g[i], g))
			return m->id[i];
	return 0;
}

void refi_gmap_free(gmap *m)
{
	fw_strv_free(m->g, m->n);
	free(m->id);
	memset(m, 0, sizeof *m);
}

long long refi_row_id(fw_project *p, const char *sql, const char *key)
{
	sqlite3_stmt *st;
	long long id = 0;
	if (fw_prepare(p, &st, sql, NULL))
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (fw_row(p, st))
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

void refi_note(imp *x, int dropped, const char *fmt, ...)
{
	if (x->res->diags.n >= 500) /* enough to tell what happened */
		return;
	va_list ap;
	va_start(ap, fmt);
	char line[600];
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fw_diags_add(&x->res->diags, dropped ? FW_DIAG_NOTE : FW_DIAG_WARNING,
		     x->label, 0, "%s", line);
}

/* ---- users ------------------------------------------------------------- */

static int import_users(imp *x, xmlNodePtr users, fw_error *err)
{
	for (xmlNodePtr u = users ? users->children : NULL; u; u = u->next) {
		if (!fw_xml_is(u, "User"))
			continue;
		char *g, *name;
		long long id =
			refi_known(x->p, u, "SELECT id FROM coder WHERE guid=?",
				   &g, &name);
		if (!g)
			continue;
		if (!id && name && *name)
			id = refi_row_id(x->p,
					 "SELECT id FROM coder WHERE name=?",
					 name);
		if (!id) {
			char nm[300];
			snprintf(nm, sizeof nm, "%s", name && *name ? name : g);
			if (fw_store_coder(&id, x->p, g, nm, err)) {
				free(g);
				free(name);
				return FW_EIO;
			}
			x->res->users++;
		}
		refi_gmap_put(&x->users, g, id);
		free(g);
		free(name);
	}
	return 0;
}

/* ---- entry points -------------------------------------------------------- */

static void imp_free(imp *x)
{
	/* the codes the file held, for a codebook's difference */
	fw_refi_result *r = x->res;
	if (r && x->codes.n) {
		r->code_ids = fw_xmalloc(x->codes.n * sizeof *r->code_ids);
		memcpy(r->code_ids, x->codes.id,
		       x->codes.n * sizeof *r->code_ids);
		r->ncode_ids = x->codes.n;
	}
	free(x->dir);
	refi_gmap_free(&x->codes);
	refi_gmap_free(&x->users);
	refi_gmap_free(&x->vars);
	refi_gmap_free(&x->sources);
	refi_gmap_free(&x->cases);
	refi_gmap_free(&x->notes);
	free(x->origin);
	fw_strv_free(x->znames, x->nz);
	refi_anchors_free(x);
	sqlite3_finalize(x->st_guid);
	sqlite3_finalize(x->st_rule);
}

static int count_sets(xmlNodePtr n)
{
	int k = 0;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		k += c->type == XML_ELEMENT_NODE;
	return k;
}

/* A <Project>'s sections other than its sources, kept (preserved in the
 * reader's tree) as the stream passes them; they are small beside the
 * sources, which are read one at a time and let go. */
typedef struct sections {
	xmlNodePtr users, codebook, variables, cases, notes, links, sets,
		graphs;
	int first_done; /* users, codes and variables imported */
	char *settings; /* the project's Description, when charter's */
} sections;

/* Users, codes and variables: what the sources' codings refer to. */
static int import_first(imp *x, sections *s, fw_error *err)
{
	if (s->first_done)
		return 0;
	s->first_done = 1;
	int rc = import_users(x, s->users, err);
	refi_anchor_walk(x, s->codebook);
	if (!rc)
		rc = refi_import_codes(x, fw_xml_child(s->codebook, "Codes"),
				       err);
	if (!rc)
		rc = refi_import_variables(x, s->variables, err);
	return rc;
}

static void import_counts(imp *x, const sections *s)
{
	int sets = count_sets(s->sets);
	if (sets)
		refi_note(x, 1, "%d set%s (groups of codes, sources or notes)",
			  sets, sets == 1 ? "" : "s");
	int graphs = count_sets(s->graphs);
	if (graphs)
		refi_note(x, 1, "%d graph%s", graphs, graphs == 1 ? "" : "s");
	int links = 0;
	for (xmlNodePtr l = s->links ? s->links->children : NULL; l;
	     l = l->next) {
		if (!fw_xml_is(l, "Link"))
			continue;
		char *nm = fw_xml_attr(l, "name");
		links += !(nm && !strcmp(nm, "charter:cell"));
		free(nm);
	}
	if (links)
		refi_note(x, 1, "%d link%s between objects", links,
			  links == 1 ? "" : "s");
	if (x->res->case_refs_dropped)
		refi_note(x, 1,
			  "%d code or selection reference%s held by cases",
			  x->res->case_refs_dropped,
			  x->res->case_refs_dropped == 1 ? "" : "s");
	if (x->res->selections_uncoded)
		refi_note(
			x, 1,
			"%d selection%s with no coding (quotations or comments)",
			x->res->selections_uncoded,
			x->res->selections_uncoded == 1 ? "" : "s");
}

/* The section the reader is on (depth 1), kept for later. */
static void keep_section(xmlTextReaderPtr r, sections *s, const char *name)
{
	xmlNodePtr *slot = !strcmp(name, "Users")       ? &s->users
			   : !strcmp(name, "CodeBook")  ? &s->codebook
			   : !strcmp(name, "Variables") ? &s->variables
			   : !strcmp(name, "Cases")     ? &s->cases
			   : !strcmp(name, "Notes")     ? &s->notes
			   : !strcmp(name, "Links")     ? &s->links
			   : !strcmp(name, "Sets")      ? &s->sets
			   : !strcmp(name, "Graphs")    ? &s->graphs
							: NULL;
	if (slot && !*slot && xmlTextReaderExpand(r))
		*slot = xmlTextReaderPreserve(r);
}

/* What the reader says of malformed XML, told apart from charter's own
 * (negative) error codes. */
#define MALFORMED 1

/* <Sources>: each source expanded, imported and let go. */
static int stream_sources(imp *x, xmlTextReaderPtr r, int *ret, fw_error *err)
{
	if (xmlTextReaderIsEmptyElement(r)) {
		*ret = xmlTextReaderRead(r);
		return 0;
	}
	size_t done = 0;
	long flushed = 0;
	int rc = 0;
	*ret = xmlTextReaderRead(r);
	while (!rc && *ret == 1 && xmlTextReaderDepth(r) >= 2) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderDepth(r) == 2) {
			xmlNodePtr n = xmlTextReaderExpand(r);
			if (!n)
				return MALFORMED;
			refi_anchor_walk(x, n);
			rc = refi_import_source_el(x, n, ++done, err);
			/* the history in parts: its memory stays bounded */
			if (!rc &&
			    x->res->codings - flushed >= x->p->history_part) {
				flushed = x->res->codings;
				rc = fw_history_flush(x->p, err);
			}
			*ret = xmlTextReaderNext(r);
		} else {
			*ret = xmlTextReaderRead(r);
		}
	}
	return rc;
}

/* charter's settings, "charter:settings" then a "key: value" per line:
 * the codebook's title and the grouping attribute, taken where this
 * project has none of its own. */
static int import_settings(imp *x, const char *d, fw_error *err)
{
	static const char *const keys[] = {"codebook_title", "group_by"};
	int rc = 0;
	for (const char *line = strchr(d, '\n'); !rc && line;
	     line = strchr(line, '\n')) {
		line++;
		size_t n = strcspn(line, "\n");
		for (int k = 0; k < 2; k++) {
			size_t kl = strlen(keys[k]);
			if (n <= kl + 2 || strncmp(line, keys[k], kl) ||
			    strncmp(line + kl, ": ", 2))
				continue;
			char *v = fw_xstrndup(line + kl + 2, n - kl - 2),
			     *had = NULL;
			if (!fw_setting_get(&had, x->p, keys[k], NULL) && !had)
				rc = fw_setting_set(x->p, keys[k], v, err);
			free(had);
			free(v);
		}
	}
	return rc;
}

/* A <Project>, read as a stream: sections kept as they pass, sources
 * imported one by one (users, codes and variables first), the rest in
 * the order charter imports them.  MALFORMED: the XML is malformed. */
static int import_project(imp *x, xmlTextReaderPtr r, fw_error *err)
{
	xmlChar *origin = xmlTextReaderGetAttribute(r, BAD_CAST "origin");
	if (origin)
		x->origin = fw_xstrdup((const char *)origin);
	xmlFree(origin);
	sections s = {0};
	/* codings' rules, linked once the rules have come (after sources) */
	int rc = fw_exec(x->p,
			 "CREATE TEMP TABLE IF NOT EXISTS refi_rule(coding "
			 "INTEGER, code INTEGER, n INTEGER); DELETE FROM "
			 "temp.refi_rule",
			 err);
	if (rc)
		return rc;
	int ret = xmlTextReaderRead(r);
	while (!rc && ret == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(r) != 1) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (!strcmp(name, "Sources")) {
			if (!(rc = import_first(x, &s, err)))
				rc = stream_sources(x, r, &ret, err);
			continue;
		}
		if (!strcmp(name, "Description")) {
			/* the project's: charter's settings, if it wrote it */
			xmlChar *d = xmlTextReaderReadString(r);
			if (d &&
			    !strncmp((const char *)d, "charter:settings", 16)) {
				free(s.settings);
				s.settings = fw_xstrdup((const char *)d);
			}
			xmlFree(d);
		} else {
			keep_section(r, &s, name);
		}
		ret = xmlTextReaderNext(r);
	}
	if (!rc && ret < 0)
		rc = MALFORMED;
	if (!rc)
		rc = import_first(x, &s, err);
	if (!rc)
		rc = refi_import_cases(x, s.cases, err);
	if (!rc)
		rc = refi_orphan_cases(x, err);
	if (!rc)
		rc = refi_import_notes(x, s.notes, s.links, err);
	/* the codings linked are this import's own, recorded by range: the
	 * history needs no row-by-row record of the link (an undo deletes
	 * them as they are, linked) */
	if (!rc)
		fw_history_bulk(x->p, 0);
	if (!rc)
		rc = fw_run(
			x->p, err, "linking codings to their rules", NULL,
			"UPDATE coding SET rule_id = (SELECT r.id FROM rule "
			"r WHERE r.code_id = f.code AND (SELECT count(*) "
			"FROM rule q WHERE q.code_id = r.code_id AND q.id "
			"<= r.id) = f.n) FROM temp.refi_rule f WHERE "
			"coding.id = f.coding",
			"");
	fw_history_bulk(x->p, 1);
	if (!rc && s.settings)
		rc = import_settings(x, s.settings, err);
	if (!rc)
		import_counts(x, &s);
	free(s.settings);
	fw_exec(x->p, "DROP TABLE IF EXISTS temp.refi_rule", NULL);
	return rc;
}

/* The document: a <Project> streamed, or a <CodeBook> (small) whole. */
static int import_stream(imp *x, fw_xml_stream *xs, const char *path,
			 fw_error *err)
{
	xmlTextReaderPtr r = fw_xml_stream_reader(xs);
	int ret, rc = fw_xml_stream_root(xs, err);
	if (rc)
		return rc;
	const char *root = (const char *)xmlTextReaderConstLocalName(r);
	if (!strcmp(root, "Project")) {
		rc = import_project(x, r, err);
	} else if (!strcmp(root, "CodeBook")) {
		xmlNodePtr n = xmlTextReaderExpand(r);
		if (!n)
			return fw_xml_stream_error(xs, err);
		x->origin = fw_xml_attr(n, "origin");
		rc = refi_import_codes(x, fw_xml_child(n, "Codes"), err);
		int sets = count_sets(fw_xml_child(n, "Sets"));
		if (!rc && sets)
			refi_note(x, 1, "%d set%s of codes", sets,
				  sets == 1 ? "" : "s");
		/* the rest of the document must be well-formed too */
		while (!rc && (ret = xmlTextReaderNext(r)) == 1)
			;
		if (!rc && ret < 0)
			rc = MALFORMED;
	} else {
		return fw_error_set(err, FW_EPARSE,
				    x->qde_label[0] ? x->qde_label : path, 0,
				    "not REFI-QDA: the root element is <%s>, "
				    "not <Project> or <CodeBook>",
				    root);
	}
	return rc == MALFORMED ? fw_xml_stream_error(xs, err) : rc;
}

/* The .qde at the top of the archive (project.qde if there are several),
 * as a stream. */
static int open_archive(imp *x, fw_xml_stream **xs, const char *path,
			fw_error *err)
{
	int rc = fw_zip_open_path(&x->zip, path, err);
	if (!rc)
		rc = fw_zip_list(x->zip, &x->znames, &x->nz, err);
	if (rc)
		return rc;
	const char *entry = NULL;
	int nqde = 0;
	for (size_t i = 0; i < x->nz; i++) {
		const char *n = x->znames[i];
		size_t l = strlen(n);
		if (strchr(n, '/') || l < 5 || strcasecmp(n + l - 4, ".qde"))
			continue;
		nqde++;
		if (!entry || !strcasecmp(n, "project.qde"))
			entry = n;
	}
	if (!entry)
		return fw_error_set(err, FW_EPARSE, path, 0,
				    "not a REFI-QDA project: no .qde file at "
				    "the top of the archive");
	if (nqde > 1)
		refi_note(x, 0, "the archive holds %d .qde files; read %s",
			  nqde, entry);
	snprintf(x->qde_label, sizeof x->qde_label, "%s(%s)", path, entry);
	fw_zip_stream *zs;
	if ((rc = fw_zip_stream_open(&zs, x->zip, entry, err)))
		return rc;
	return fw_xml_stream_zip(xs, zs, x->qde_label, err);
}

/* Is the file at path a zip archive (by its first bytes)? */
static int is_zip(const char *path)
{
	if (fw_file_regular(path, NULL))
		return 0; /* fw_file_read says what it is */
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char m[4];
	int zip = fread(m, 1, 4, f) == 4 && !memcmp(m, "PK\x03\x04", 4);
	fclose(f);
	return zip;
}

int fw_refi_import(fw_refi_result *res, fw_project *p, const char *path,
		   fw_error *err)
{
	memset(res, 0, sizeof *res);
	imp x = {.p = p, .label = path, .res = res};
	fw_xml_stream *xs = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;
	if (is_zip(path)) {
		/* read from the file as it is needed: an archive of any size */
		rc = open_archive(&x, &xs, path, err);
	} else if (!(rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err))) {
		rc = fw_xml_stream_mem(&xs, data, len, path, err);
		/* ATLAS.ti leaves a bare project's texts in sources/ beside
		 * it */
		const char *slash = strrchr(path, '/');
		x.dir = slash ? fw_xstrndup(path, (size_t)(slash - path))
			      : fw_xstrdup(".");
	}
	/* codings by the thousand: the tally counted once after */
	if (!rc)
		rc = fw_tally_suspend(p, err);
	x.had_codings =
		fw_query_int(p, 1, "SELECT EXISTS (SELECT 1 FROM coding)",
			     "") != 0;
	if (!rc)
		rc = import_stream(&x, xs, path, err);
	if (!rc)
		rc = fw_tally_resume(p, err);
	fw_xml_stream_free(xs);
	fw_zip_close(x.zip);
	imp_free(&x);
	free(data);
	return rc;
}

void fw_refi_result_dispose(fw_refi_result *r)
{
	fw_diags_dispose(&r->diags);
	free(r->code_ids);
	r->code_ids = NULL;
	r->ncode_ids = 0;
}
