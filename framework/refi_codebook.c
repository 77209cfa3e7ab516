/*
 * refi_codebook.c: a REFI-QDA codebook into charter's: codes matched by GUID,
 * numbered from their names or their place in the tree, definitions and
 * guidance split out of the descriptions.
 */
#include "refi.h"
#include "codebook.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fw/project.h"
#include "xmlio.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* ---- codes --------------------------------------------------------------- */

static int number_taken(fw_project *p, const char *num)
{
	return refi_row_id(p, "SELECT id FROM code WHERE number=?", num) != 0;
}

static int import_codes(imp *x, xmlNodePtr codes, fw_error *err);

/* A code matched by GUID whose name the file changed (its number, if it
 * leads the name as charter writes it, left out) takes the new name: it
 * was renamed in the other tool. */
static void rename_matched(imp *x, long long id, const char *name,
			   const char *num)
{
	if (!name || !*name)
		return;
	size_t nl = strlen(num);
	const char *rest = name;
	if (nl && !strncmp(name, num, nl) && name[nl] == ' ' && name[nl + 1])
		rest = name + nl + 1;
	char *old = NULL;
	sqlite3_stmt *st;
	if (!fw_query(&st, x->p, NULL, "SELECT name FROM code WHERE id=?", "i",
		      id)) {
		if (fw_row(x->p, st))
			fw_columns(st, "t", &old);
		sqlite3_finalize(st);
	}
	int n = 0;
	fw_run(x->p, NULL, "renaming a code", &n,
	       "UPDATE code SET name=?2 WHERE id=?1 AND name<>?2", "it", id,
	       rest);
	if (n) {
		char detail[900];
		snprintf(detail, sizeof detail, "'%s' to '%s' (%s)",
			 old ? old : "", rest, x->label);
		fw_framework_log(x->p, "rename", num, detail, NULL);
	}
	free(old);
}

static int import_code(imp *x, xmlNodePtr c, long long parent,
		       const char *parent_num, int depth, int *child_no,
		       fw_error *err)
{
	if (depth > 32)
		return 0;
	char *g = refi_gatt(c, "guid");
	char *name = fw_xml_attr(c, "name");
	if (!g || !*g) {
		refi_note(x, 1,
			  "a code without a GUID ('%s') and its sub-codes",
			  name ? name : "");
		free(g);
		free(name);
		return 0;
	}
	long long id = refi_row_id(x->p, "SELECT id FROM code WHERE guid=?", g);
	char num[64] = "";
	if (id) {
		sqlite3_stmt *st;
		if (!fw_query(&st, x->p, NULL,
			      "SELECT number FROM code WHERE id=?", "i",
			      (long long)id)) {
			if (fw_row(x->p, st))
				snprintf(num, sizeof num, "%s",
					 sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		x->res->codes_matched++;
		rename_matched(x, id, name, num);
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
		fw_code_row r = {.guid = g,
				 .parent_id = parent,
				 .number = num,
				 .name = cn,
				 .definition = def,
				 .use_when = use,
				 .not_when = not_,
				 .example = ex,
				 .origin = "refi",
				 .color = color && color[0] == '#' ? color
								   : NULL,
				 .depth = depth + 1,
				 .sort = ++x->sort};
		int rc = fw_store_code(&id, x->p, &r, err);
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
		x->res->codes++;
	}
	refi_gmap_put(&x->codes, g, id);
	/* rules kept in notes: resolved once the notes are read */
	for (xmlNodePtr r = c->children; r; r = r->next)
		if (fw_xml_is(r, "NoteRef")) {
			char *t = refi_gatt(r, "targetGUID");
			refi_gmap_put(&x->notes, t,
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

int refi_import_codes(imp *x, xmlNodePtr codes, fw_error *err)
{
	int rc = import_codes(x, codes, err);
	if (!rc && x->res->codes) {
		char detail[700];
		snprintf(detail, sizeof detail,
			 "%s: %d added, %d matched by GUID", x->label,
			 x->res->codes, x->res->codes_matched);
		rc = fw_framework_log(x->p, "import", NULL, detail, err);
	}
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
		if (fw_row(x->p, st))
			top = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (!fw_prepare(x->p, &st, "SELECT coalesce(max(sort),0) FROM code",
			NULL)) {
		if (fw_row(x->p, st))
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
