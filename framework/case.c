/*
 * case.c: cases, attributes and classification sheets.
 */

#include "case.h"
#include "fw/case.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "csv.h"
#include "errors.h"
#include "fw/project.h"
#include "guid.h"
#include "table.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

long long fw_attribute_id(fw_project *p, const char *name, int create,
			  fw_error *err)
{
	sqlite3_stmt *st;
	if (fw_prepare(p, &st, "SELECT id FROM attribute WHERE name=?", err))
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	long long id = 0;
	if (fw_row(p, st))
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (id || !create)
		return id;
	if (fw_prepare(p, &st,
		       "INSERT INTO attribute(name,sort) VALUES(?,"
		       "(SELECT coalesce(max(sort),0)+1 FROM attribute))",
		       err))
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (fw_done(p, st))
		id = sqlite3_last_insert_rowid(p->db);
	else
		fw_sql_error(p, err, "adding attribute");
	sqlite3_finalize(st);
	return id;
}

long long fw_case_ensure(int *created, fw_project *p, const char *name,
			 fw_error *err)
{
	*created = 0;
	long long id = fw_lookup_id(p, FW_Q_CASE_ID, name);
	if (id)
		return id;
	if (fw_store_case(&id, p, NULL, name, FW_SORT_UNSHEETED, err))
		return 0;
	*created = 1;
	return id;
}

int fw_case_find(long long *id, fw_project *p, const char *name, fw_error *err)
{
	return fw_find_id(id, p, FW_Q_CASE_ID, name, "case", err);
}

/* A case sheet being imported: its columns, the statements that store a
 * row, and the cases seen so far (with their lines). */
typedef struct sheet {
	const char *path;
	size_t ncols, idcol;
	char **head;
	long long *attr; /* each column's attribute (0 for the id) */
	sqlite3_stmt *sv, *sd, *ss;
	long long *seen;
	int *seen_line, nseen, seen_cap;
} sheet;

/* The most columns a case sheet may have (attributes and the id). */
#define FW_CASES_MAX_COLUMNS 10000

static int head_cmp(const void *a, const void *b, void *ctx)
{
	char **head = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcasecmp(head[x], head[y]);
	return c ? c : (x > y) - (x < y);
}

/* The first column (in sheet order) whose name an earlier column has too,
 * or n: the names sorted once, not each compared with every other. */
static size_t twice(char **head, size_t n, size_t idcol)
{
	size_t *ord = fw_xmalloc((n ? n : 1) * sizeof *ord);
	size_t m = 0, first = n;
	for (size_t i = 0; i < n; i++)
		if (i != idcol)
			ord[m++] = i;
	qsort_r(ord, m, sizeof *ord, head_cmp, head);
	for (size_t k = 1; k < m; k++)
		if (!strcasecmp(head[ord[k]], head[ord[k - 1]]) &&
		    ord[k] < first)
			first = ord[k];
	free(ord);
	return first;
}

/* Each column's attribute, created (in sheet order, after the project's
 * own) where new: two statements prepared once for the whole header. */
static int sheet_attributes(sheet *s, fw_cases_result *res, fw_project *p,
			    fw_error *err)
{
	sqlite3_stmt *find = NULL, *add = NULL;
	int rc = FW_PREPARE_ALL(
		p, err, {&find, "SELECT id FROM attribute WHERE name=?"},
		{&add, "INSERT INTO attribute(name,sort) VALUES(?,?)"});
	long long sort = fw_query_int(
		p, 0, "SELECT coalesce(max(sort),0) FROM attribute", "");
	for (size_t i = 0; !rc && i < s->ncols; i++) {
		if (i == s->idcol)
			continue;
		fw_rebind(find, "t", s->head[i]);
		if (fw_row(p, find)) {
			s->attr[i] = sqlite3_column_int64(find, 0);
		} else {
			fw_rebind(add, "ti", s->head[i], ++sort);
			if (fw_done(p, add))
				s->attr[i] = sqlite3_last_insert_rowid(p->db);
			else
				rc = fw_sql_error(p, err, "adding attribute");
		}
		res->attributes++;
	}
	sqlite3_finalize(find);
	sqlite3_finalize(add);
	return rc ? rc : fw_rows_ok(p, err);
}

/* The header row: a column naming the case, the rest attributes. */
static int sheet_header(sheet *s, fw_cases_result *res, fw_project *p, char **f,
			size_t n, int line, fw_error *err)
{
	if (n > FW_CASES_MAX_COLUMNS)
		return fw_error_set(err, FW_ELIMIT, s->path, line,
				    "the header has %zu columns; charter reads "
				    "at most %d",
				    n, FW_CASES_MAX_COLUMNS);
	s->ncols = n;
	s->head = fw_xcalloc(n, sizeof *s->head);
	s->attr = fw_xcalloc(n, sizeof *s->attr);
	s->idcol = n;
	for (size_t i = 0; i < n; i++) {
		char *h = s->head[i] = fw_xstrdup(f[i]);
		size_t l = strlen(h);
		while (l && (h[l - 1] == ' ' || h[l - 1] == '\t'))
			h[--l] = 0;
		if (s->idcol == n &&
		    (!strcasecmp(h, "id") || !strcasecmp(h, "case")))
			s->idcol = i;
	}
	if (s->idcol == n)
		return fw_error_set(err, FW_EPARSE, s->path, line,
				    "the header has no 'id' or 'case' column "
				    "naming the case");
	for (size_t i = 0; i < n; i++)
		if (i != s->idcol && !*s->head[i])
			return fw_error_set(err, FW_EPARSE, s->path, line,
					    "column %zu has no name", i + 1);
	size_t dup = twice(s->head, n, s->idcol);
	if (dup < n)
		return fw_error_set(err, FW_EPARSE, s->path, line,
				    "column '%s' appears twice", s->head[dup]);
	int rc = sheet_attributes(s, res, p, err);
	if (rc)
		return rc;
	return FW_PREPARE_ALL(
		p, err,
		{&s->sv, "INSERT INTO case_value(case_id,attribute_id,value) "
			 "VALUES(?,?,?) ON CONFLICT DO UPDATE SET "
			 "value=excluded.value"},
		{&s->sd, "DELETE FROM case_value WHERE case_id=? AND "
			 "attribute_id=?"},
		{&s->ss, "UPDATE \"case\" SET sort=? WHERE id=?"});
}

/* Remembers case cid at line; a case named twice is a mistake.  The
 * cases seen are an open-addressed hash of ids (0: empty), so a sheet of
 * any length is checked in linear time. */
static int sheet_seen(sheet *s, long long cid, const char *id, int line,
		      fw_error *err)
{
	if (2 * (s->nseen + 1) > s->seen_cap) {
		int cap = s->seen_cap ? 2 * s->seen_cap : 128;
		long long *v = fw_xcalloc((size_t)cap, sizeof *v);
		int *ln = fw_xcalloc((size_t)cap, sizeof *ln);
		for (int k = 0; k < s->seen_cap; k++) {
			if (!s->seen[k])
				continue;
			size_t h = (size_t)s->seen[k] * 0x9E3779B97F4A7C15ull;
			while (v[h & (size_t)(cap - 1)])
				h++;
			v[h & (size_t)(cap - 1)] = s->seen[k];
			ln[h & (size_t)(cap - 1)] = s->seen_line[k];
		}
		free(s->seen);
		free(s->seen_line);
		s->seen = v;
		s->seen_line = ln;
		s->seen_cap = cap;
	}
	size_t mask = (size_t)s->seen_cap - 1;
	size_t h = (size_t)cid * 0x9E3779B97F4A7C15ull;
	for (; s->seen[h & mask]; h++)
		if (s->seen[h & mask] == cid)
			return fw_error_set(err, FW_EPARSE, s->path, line,
					    "case '%s' appears twice (first on "
					    "line %d)",
					    id, s->seen_line[h & mask]);
	s->seen[h & mask] = cid;
	s->seen_line[h & mask] = line;
	s->nseen++;
	return 0;
}

/* A case's row: the case (created if new) in sheet order, its values
 * set, and an empty field clearing the value. */
static int sheet_row(sheet *s, fw_cases_result *res, fw_project *p, char **f,
		     size_t n, int line, fw_error *err)
{
	if (n != s->ncols)
		return fw_error_set(err, FW_EPARSE, s->path, line,
				    "row has %zu fields but the header has %zu "
				    "(a missing or extra column?)",
				    n, s->ncols);
	const char *id = f[s->idcol];
	while (*id == ' ')
		id++;
	if (!*id)
		return fw_error_set(err, FW_EPARSE, s->path, line,
				    "row has an empty case id");
	int created, rc;
	long long cid = fw_case_ensure(&created, p, id, err);
	if (!cid)
		return FW_EIO;
	if ((rc = sheet_seen(s, cid, id, line, err)))
		return rc;
	fw_rebind(s->ss, "ni", (int)s->nseen, (long long)cid);
	fw_done(p, s->ss);
	if (created)
		res->created++;
	else
		res->updated++;
	for (size_t i = 0; i < n; i++) {
		if (i == s->idcol)
			continue;
		sqlite3_stmt *st = *f[i] ? s->sv : s->sd;
		fw_rebind(st, "ii", (long long)cid, (long long)s->attr[i]);
		if (*f[i])
			sqlite3_bind_text(st, 3, f[i], -1, SQLITE_TRANSIENT);
		if (!fw_done(p, st))
			return fw_sql_error(p, err, "storing value");
	}
	res->rows++;
	return 0;
}

int fw_cases_import(fw_cases_result *res, fw_project *p, const char *path,
		    fw_error *err)
{
	memset(res, 0, sizeof *res);
	fw_csv *c;
	char **f;
	size_t n;
	int line = 1;
	int rc = fw_csv_open_header(&c, path, "id,attribute,...", NULL, 0, NULL,
				    &f, &n, err);
	if (rc)
		return rc;
	sheet s = {.path = path};
	if ((rc = sheet_header(&s, res, p, f, n, line, err)))
		goto out;
	while ((rc = fw_csv_next(&f, &n, &line, c, err)) > 0) {
		if (n == 1 && !*f[0])
			continue;
		if ((rc = sheet_row(&s, res, p, f, n, line, err)))
			break;
	}
	if (!rc)
		rc = fw_rows_ok(p, err);
out:
	sqlite3_finalize(s.sv);
	sqlite3_finalize(s.sd);
	sqlite3_finalize(s.ss);
	fw_strv_free(s.head, s.ncols);
	free(s.attr);
	free(s.seen);
	free(s.seen_line);
	fw_csv_free(c);
	return rc;
}

int fw_cases_list(fw_table **out, fw_project *p, fw_error *err)
{
	*out = NULL;
	sqlite3_stmt *st;
	int rc = fw_prepare(
		p, &st, "SELECT id, name FROM attribute ORDER BY sort", err);
	if (rc)
		return rc;
	size_t na = 0, cap = 8;
	long long *aid = fw_xmalloc(cap * sizeof *aid);
	char **names = fw_xmalloc((cap + 2) * sizeof *names);
	names[0] = fw_xstrdup("case");
	names[1] = fw_xstrdup("sources");
	while (fw_row(p, st)) {
		if (na == cap) {
			cap *= 2;
			aid = fw_xrealloc(aid, cap * sizeof *aid);
			names = fw_xrealloc(names, (cap + 2) * sizeof *names);
		}
		aid[na] = sqlite3_column_int64(st, 0);
		names[na + 2] =
			fw_xstrdup((const char *)sqlite3_column_text(st, 1));
		na++;
	}
	sqlite3_finalize(st);
	fw_table *t = fw_table_new(na + 2, (const char *const *)names);
	char *gattr = fw_group_attribute(p);
	rc = fw_query(&st, p, err,
		      "SELECT c.id, c.name, (SELECT count(*) FROM case_source "
		      "x WHERE x.case_id=c.id) FROM \"case\" c "
		      "LEFT JOIN case_value g ON g.case_id=c.id AND "
		      "g.attribute_id=(SELECT id FROM attribute WHERE name=?) "
		      /* groups in the order of their first case (one window,
		       * not a search per case); cases of no group first */
		      "ORDER BY CASE WHEN g.value IS NULL THEN NULL ELSE "
		      "min(c.sort) OVER (PARTITION BY g.value) END, c.sort, "
		      "c.name",
		      "t", gattr);
	if (!rc) {
		sqlite3_stmt *vs;
		rc = fw_prepare(
			p, &vs,
			"SELECT value FROM case_value WHERE case_id=? AND "
			"attribute_id=?",
			err);
		const char **row = fw_xcalloc(na + 2, sizeof *row);
		while (!rc && fw_row(p, st)) {
			long long cid = sqlite3_column_int64(st, 0);
			char **vals = fw_xcalloc(na, sizeof *vals);
			for (size_t i = 0; i < na; i++) {
				fw_rebind(vs, "ii", (long long)cid,
					  (long long)aid[i]);
				if (fw_row(p, vs))
					vals[i] = fw_xstrdup(
						(const char *)
							sqlite3_column_text(vs,
									    0));
				row[i + 2] = vals[i];
			}
			row[0] = (const char *)sqlite3_column_text(st, 1);
			row[1] = (const char *)sqlite3_column_text(st, 2);
			fw_table_add(t, FW_ROW_DATA, row);
			fw_strv_free(vals, na);
		}
		free(row);
		sqlite3_finalize(vs);
		sqlite3_finalize(st);
	}
	free(gattr);
	for (size_t i = 0; i < na + 2; i++)
		free(names[i]);
	free(names);
	free(aid);
	if (rc) {
		fw_table_free(t);
		return rc;
	}
	return fw_table_done(out, t, p, err);
}

int fw_case_profile(fw_table **out, fw_project *p, const char *case_name,
		    fw_error *err)
{
	static const char *const cols[] = {"theme", "sub-theme", "summary",
					   "coded"};
	*out = NULL;
	sqlite3_stmt *st;
	int rc;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT t.number || ' ' || t.name, k.number || ' ' || k.name, "
		     "CASE WHEN l.draft THEN '(draft) ' ELSE '' END || "
		     "coalesce(l.summary,'') || CASE WHEN l.agreement IS NOT NULL "
		     "AND l.agreement<>'' THEN ' [' || l.agreement || ']' ELSE '' "
		     "END, (SELECT group_concat(r, ', ') FROM (SELECT r FROM "
		     "(SELECT 'L' || g.line_start || CASE WHEN "
		     "g.line_end>g.line_start THEN '-' || g.line_end ELSE '' END "
		     "AS r, g.line_start AS ls FROM main.case_source x CROSS "
		     "JOIN counted g ON g.source_id=x.source_id AND "
		     "g.code_id=k.id WHERE x.case_id=?1 AND x.by_speaker=0 UNION "
		     "SELECT 'L' || g.line_start || CASE WHEN "
		     "g.line_end>g.line_start THEN '-' || g.line_end ELSE '' END, "
		     "g.line_start FROM main.case_source x CROSS JOIN counted g "
		     "ON g.source_id=x.source_id AND g.code_id=k.id " FW_SQL_SPEAKER_CASE_CROSS
		     "WHERE x.case_id=?1 AND "
		     "x.by_speaker=1) ORDER BY ls)) FROM code k JOIN code "
		     "t ON t.id=k.parent_id LEFT JOIN charted l ON l.code_id=k.id AND "
		     "l.case_id=?1 ORDER BY t.sort, k.sort",
		     "C", case_name)))
		return rc;
	fw_table *t = fw_table_new(4, cols);
	while (fw_row(p, st)) {
		const char *sum = (const char *)sqlite3_column_text(st, 2);
		const char *coded = (const char *)sqlite3_column_text(st, 3);
		if ((!sum || !*sum) && !coded)
			continue;
		const char *row[] = {(const char *)sqlite3_column_text(st, 0),
				     (const char *)sqlite3_column_text(st, 1),
				     sum, coded};
		fw_table_add(t, FW_ROW_DATA, row);
	}
	sqlite3_finalize(st);
	return fw_table_done(out, t, p, err);
}

/* ---- report data --------------------------------------------------------- */

int fw_group_list(fw_table **out, fw_project *p, const char *attr,
		  fw_error *err)
{
	static const char *const cols[] = {"value", "cases"};
	return fw_table_query(
		out, p, err, cols, 2,
		"SELECT v.value, count(*), min(c.sort) FROM case_value v "
		"JOIN \"case\" c ON c.id=v.case_id JOIN attribute a ON "
		"a.id=v.attribute_id WHERE a.name=? GROUP BY v.value "
		"ORDER BY 3, 1",
		"t", attr);
}

/* ---- typology ------------------------------------------------------------ */

int fw_typology_set(int *set, fw_project *p, const char *name,
		    const char *const *pairs, size_t n, fw_error *err)
{
	*set = 0;
	long long aid = fw_attribute_id(p, name, 1, err);
	if (!aid)
		return FW_EIO;
	sqlite3_stmt *st;
	int rc =
		fw_prepare(p, &st,
			   "INSERT INTO case_value(case_id,attribute_id,value) "
			   "VALUES(?,?,?) ON CONFLICT(case_id,attribute_id) DO "
			   "UPDATE SET value=excluded.value",
			   err);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *eq = strchr(pairs[i], '=');
		if (!eq || eq == pairs[i] || !eq[1]) {
			rc = fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"a typology entry is CASE=VALUE, not '%s'",
				pairs[i]);
			break;
		}
		char cname[300];
		snprintf(cname, sizeof cname, "%.*s", (int)(eq - pairs[i]),
			 pairs[i]);
		long long cid;
		if ((rc = fw_case_find(&cid, p, cname, err)))
			break;
		fw_rebind(st, "iit", (long long)cid, (long long)aid, eq + 1);
		if (!fw_done(p, st))
			rc = fw_sql_error(p, err, "storing the typology");
		else
			(*set)++;
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

/* ---- case filters -------------------------------------------------------- */

int fw_where_check(const char *const *where, size_t n, fw_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(where[i], '='))
			return fw_error_set(
				err, FW_EINVAL, NULL, 0,
				"--where wants ATTRIBUTE=VALUE, not '%s'",
				where[i]);
	return 0;
}

void fw_where_unmatched(fw_project *p, const char *const *where, size_t n,
			fw_diags *diags)
{
	for (size_t w = 0; w < n; w++) {
		const char *eq = strchr(where[w], '=');
		if (!eq)
			continue;
		char attr[128];
		snprintf(attr, sizeof attr, "%.*s", (int)(eq - where[w]),
			 where[w]);
		fw_table *t = NULL;
		fw_error e;
		if (fw_group_list(&t, p, attr, &e))
			continue;
		int hit = 0;
		fw_buf vals;
		fw_buf_init(&vals);
		for (size_t r = 0; r < t->nrows && !hit; r++) {
			hit = fw_value_has(t->rows[r][0], eq + 1);
			if (r < 12)
				fw_buf_printf(&vals, "%s%s", r ? ", " : "",
					      t->rows[r][0]);
		}
		if (!hit && !t->nrows)
			fw_diags_add(diags, FW_DIAG_WARNING, NULL, 0,
				     "--where %s: no case has a value for '%s'",
				     where[w], attr);
		else if (!hit)
			fw_diags_add(diags, FW_DIAG_WARNING, NULL, 0,
				     "--where %s: no case has %s '%s' (its "
				     "values: %s%s)",
				     where[w], attr, eq + 1, vals.ptr,
				     t->nrows > 12 ? ", ..." : "");
		fw_buf_dispose(&vals);
		fw_table_free(t);
	}
}

int fw_value_has(const char *value, const char *want)
{
	size_t wl = strlen(want);
	for (const char *q = value; q && *q;) {
		while (*q == ' ')
			q++;
		size_t l = strcspn(q, ";"), tl = l;
		while (tl && q[tl - 1] == ' ')
			tl--;
		if (tl == wl && !strncasecmp(q, want, wl))
			return 1;
		q += l + (q[l] == ';');
	}
	return value && !strcasecmp(value, want);
}

int fw_where_keep(fw_project *p, long long cid, const char *const *where,
		  size_t n)
{
	for (size_t w = 0; w < n; w++) {
		const char *eq = strchr(where[w], '=');
		if (!eq)
			return 0;
		sqlite3_stmt *st = fw_stmt(p, FW_Q_CASE_VALUE, NULL);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_text(st, 2, where[w], (int)(eq - where[w]),
				  SQLITE_TRANSIENT);
		int hit = fw_row(p, st) &&
			  fw_value_has((const char *)sqlite3_column_text(st, 0),
				       eq + 1);
		sqlite3_reset(st);
		if (!hit)
			return 0;
	}
	return 1;
}

int fw_case_rename(fw_project *p, const char *name, const char *to,
		   fw_error *err)
{
	long long cid, other;
	int rc = fw_case_find(&cid, p, name, err);
	if (rc)
		return rc;
	if ((rc = fw_name_check(to, 200, NULL, "a case", err)))
		return rc;
	if ((other = fw_lookup_id(p, FW_Q_CASE_ID, to)) && other != cid)
		return fw_error_set(
			err, FW_EEXISTS, NULL, 0,
			"there is a case '%s' already (charter case "
			"merge %s %s makes them one)",
			to, name, to);
	return fw_run(p, err, "renaming a case", NULL,
		      "UPDATE \"case\" SET name=? WHERE id=?", "ti", to, cid);
}

int fw_case_merge(fw_project *p, const char *from, const char *into,
		  fw_diags *diags, fw_error *err)
{
	long long a, b;
	int rc = fw_case_find(&a, p, from, err);
	if (rc || (rc = fw_case_find(&b, p, into, err)))
		return rc;
	if (a == b)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a case cannot be merged into itself");
	sqlite3_stmt *st;
	if ((rc = fw_query(
		     &st, p, err,
		     "SELECT group_concat(k.number, ', ') FROM cell x "
		     "JOIN cell y ON y.code_id=x.code_id AND y.case_id=?2 "
		     "JOIN code k ON k.id=x.code_id WHERE x.case_id=?1 "
		     "AND x.summary<>'' AND y.summary<>''",
		     "ii", a, b)))
		return rc;
	char both[512] = "";
	if (fw_row(p, st) && sqlite3_column_text(st, 0))
		snprintf(both, sizeof both, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (both[0])
		return fw_error_set(err, FW_EEXISTS, NULL, 0,
				    "%s and %s both have summaries for %s: "
				    "clear one (charter cell set ... \"\") "
				    "before merging",
				    from, into, both);
	/* values into lacks; differing ones are into's, and said */
	if ((rc = fw_query(&st, p, err,
			   "SELECT a.name, x.value, y.value FROM case_value x "
			   "JOIN case_value y ON y.attribute_id=x.attribute_id "
			   "AND y.case_id=?2 JOIN attribute a ON "
			   "a.id=x.attribute_id WHERE x.case_id=?1 AND "
			   "x.value<>y.value",
			   "ii", a, b)))
		return rc;
	while (fw_row(p, st))
		fw_diags_add(diags, FW_DIAG_WARNING, NULL, 0,
			     "%s: kept %s's '%s', not %s's '%s'",
			     sqlite3_column_text(st, 0), into,
			     sqlite3_column_text(st, 2), from,
			     sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	static const char *const moves[] = {
		"INSERT OR IGNORE INTO case_value(case_id,attribute_id,value) "
		"SELECT ?2, attribute_id, value FROM case_value WHERE "
		"case_id=?1",
		"INSERT OR IGNORE INTO case_source(case_id,source_id,by_speaker) "
		"SELECT ?2, source_id, by_speaker FROM case_source WHERE "
		"case_id=?1",
		"UPDATE speaker SET case_id=?2 WHERE case_id=?1",
		"DELETE FROM cell WHERE case_id=?1 AND (summary IS NULL OR "
		"summary='') AND code_id IN (SELECT code_id FROM cell WHERE "
		"case_id=?2)",
		"DELETE FROM cell WHERE case_id=?2 AND (summary IS NULL OR "
		"summary='') AND code_id IN (SELECT code_id FROM cell WHERE "
		"case_id=?1)",
		"UPDATE cell SET case_id=?2 WHERE case_id=?1",
		("UPDATE \"case\" SET is_group=max(is_group, (SELECT is_group "
		 "FROM \"case\" WHERE id=?1)) WHERE id=?2"),
		"DELETE FROM \"case\" WHERE id=?1"};
	for (size_t i = 0; !rc && i < sizeof moves / sizeof *moves; i++)
		rc = fw_run(p, err, "merging cases", NULL, moves[i], "ii", a,
			    b);
	return rc;
}

int fw_srccases_load(fw_srccases *m, fw_project *p, fw_error *err)
{
	memset(m, 0, sizeof *m);
	sqlite3_stmt *st;
	int rc = fw_prepare(p, &st,
			    "SELECT source_id, case_id FROM case_source WHERE "
			    "by_speaker=0 ORDER BY source_id, case_id",
			    err);
	size_t cap = 0;
	while (!rc && fw_row(p, st)) {
		if (m->n == cap) {
			cap = cap ? 2 * cap : 1024;
			m->src = fw_xrealloc(m->src, cap * sizeof *m->src);
			m->cs = fw_xrealloc(m->cs, cap * sizeof *m->cs);
		}
		m->src[m->n] = sqlite3_column_int64(st, 0);
		m->cs[m->n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc ? rc : fw_rows_ok(p, err);
}

size_t fw_srccases_first(const fw_srccases *m, long long sid)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->src[mid] < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->src[lo] == sid ? lo : m->n;
}

void fw_srccases_dispose(fw_srccases *m)
{
	free(m->src);
	free(m->cs);
	memset(m, 0, sizeof *m);
}
