/*
 * codebook.c: the thematic framework.  Parses charter's native codebook
 * text format (docs/FORMATS.md) and merges it into a project.
 *
 *   # comment
 *   1 Awareness of Pathways
 *     definition: What people knew of Pathways before taking part.
 *     use: ...        not: ...        example: ...       color: #4477aa
 *     rule: /heard (about|of) (it|pathways)/i scope=sentence speaker=respondent
 *   1.1 Sources of information
 */
#include "codebook.h"
#include "fw/codebook.h"
#include "store.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "lines.h"
#include "fileio.h"
#include "fw/project.h"
#include "fw/transcript.h"
#include "guid.h"
#include "table.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_THEMES 10000
#define MAX_RULES  100

uint32_t fw_rule_options(const char *flags)
{
	uint32_t o = PCRE2_UTF | PCRE2_UCP;
	for (const char *f = flags; f && *f; f++) {
		if (*f == 'i')
			o |= PCRE2_CASELESS;
		else if (*f == 'x')
			o |= PCRE2_EXTENDED;
		else if (*f == 's')
			o |= PCRE2_DOTALL;
		else if (*f == 'm')
			o |= PCRE2_MULTILINE;
	}
	return o;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static int parse_rule(char *s, fw_rule_def *r, const char *label, int line,
		      fw_error *err)
{
	memset(r, 0, sizeof *r);
	r->line = line;
	r->scope = FW_SCOPE_SENTENCE;
	r->role = FW_ROLE_RESPONDENT;
	if (*s != '/')
		return fw_error_set(
			err, FW_EPARSE, label, line,
			"a rule is /PATTERN/FLAGS, starting with '/'");
	fw_buf b;
	fw_buf_init(&b);
	char *p = s + 1;
	for (; *p && *p != '/'; p++) {
		if (*p == '\\' && p[1] == '/') {
			fw_buf_putc(&b, '/');
			p++;
		} else if (*p == '\\' && p[1]) {
			fw_buf_putc(&b, *p++);
			fw_buf_putc(&b, *p);
		} else {
			fw_buf_putc(&b, *p);
		}
	}
	if (*p != '/') {
		fw_buf_dispose(&b);
		return fw_error_set(err, FW_EPARSE, label, line,
				    "the rule's pattern has no closing '/'");
	}
	if (!b.len) {
		fw_buf_dispose(&b);
		return fw_error_set(err, FW_EPARSE, label, line,
				    "the rule's pattern is empty");
	}
	r->pattern = fw_buf_detach(&b);
	p++;
	char *fl = p;
	while (*p && !isspace((unsigned char)*p)) {
		if (!strchr("ixsm", *p))
			return fw_error_set(
				err, FW_EPARSE, label, line,
				"unknown rule flag '%c' (flags are i, x, s, m)",
				*p);
		p++;
	}
	r->flags = fw_xstrndup(fl, (size_t)(p - fl));
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		char *w = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		char save = *p;
		*p = 0;
		char *eq = strchr(w, '=');
		if (eq && !strncmp(w, "scope", (size_t)(eq - w)) &&
		    eq - w == 5) {
			if (!strcmp(eq + 1, "sentence"))
				r->scope = FW_SCOPE_SENTENCE;
			else if (!strcmp(eq + 1, "utterance") ||
				 !strcmp(eq + 1, "turn"))
				r->scope = FW_SCOPE_UTTERANCE;
			else if (!strcmp(eq + 1, "paragraph"))
				r->scope = FW_SCOPE_PARAGRAPH;
			else
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"unknown scope '%s' (sentence, paragraph "
					"or utterance)",
					eq + 1);
		} else if (eq && eq - w == 7 && !strncmp(w, "speaker", 7)) {
			int role = fw_role_parse(eq + 1);
			if (role < 0)
				return fw_error_set(
					err, FW_EPARSE, label, line,
					"unknown speaker '%s' (respondent, "
					"interviewer, participant or any)",
					eq + 1);
			r->role = role;
		} else {
			return fw_error_set(
				err, FW_EPARSE, label, line,
				"unknown rule option '%s' (scope=, speaker=)",
				w);
		}
		*p = save;
	}
	/* compile now, so a broken pattern is reported at its line */
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re =
		pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
			      fw_rule_options(r->flags), &ec, &eo, NULL);
	if (!re) {
		char msg[256];
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
		return fw_error_set(err, FW_EPARSE, label, line,
				    "bad pattern /%s/: %s at offset %zu",
				    r->pattern, msg, (size_t)eo);
	}
	pcre2_code_free(re);
	return 0;
}

static void theme_dispose(fw_theme_def *t)
{
	FW_FREE_STRS(
		t, offsetof(fw_theme_def, number), offsetof(fw_theme_def, name),
		offsetof(fw_theme_def, definition),
		offsetof(fw_theme_def, use_when),
		offsetof(fw_theme_def, not_when),
		offsetof(fw_theme_def, example), offsetof(fw_theme_def, color));
	for (size_t i = 0; i < t->nrules; i++) {
		free(t->rules[i].pattern);
		free(t->rules[i].flags);
	}
	free(t->rules);
}

void fw_codebook_free(fw_codebook *cb)
{
	if (!cb)
		return;
	for (size_t i = 0; i < cb->nthemes; i++)
		theme_dispose(&cb->themes[i]);
	free(cb->themes);
	free(cb->title);
	free(cb);
}

int fw_code_number_valid(const char *s, int *depth)
{
	*depth = 0;
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
		(*depth)++;
		if (*s == '.') {
			s++;
			if (!*s)
				return 1; /* trailing dot: "1." */
		} else if (*s) {
			return 0;
		}
	}
	return *depth > 0;
}

/* A codebook being parsed: where it is, the field that continuation
 * lines extend (its length and room kept, so a long field grows in
 * amortised constant time per line), and the theme numbers hashed (a
 * number's place is checked in constant time, not against every theme). */
typedef struct cbp {
	fw_codebook *cb;
	size_t cap;
	char **field;
	size_t flen, fcap;
	size_t *slot, nslot; /* theme index + 1 by number, 0 empty */
	const char *label;
	int line;
} cbp;

static void field_start(cbp *c, char **field, const char *text)
{
	*field = fw_xstrdup(text);
	c->field = field;
	c->flen = strlen(text);
	c->fcap = c->flen + 1;
}

static void append(cbp *c, const char *text)
{
	size_t b = strlen(text);
	*c->field = fw_xgrow(*c->field, &c->fcap, c->flen + b + 2, 1, 64);
	(*c->field)[c->flen] = ' ';
	memcpy(*c->field + c->flen + 1, text, b + 1);
	c->flen += b + 1;
}

static size_t number_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The theme numbered s, or NULL. */
static const fw_theme_def *theme_numbered(const cbp *c, const char *s)
{
	if (!c->nslot)
		return NULL;
	for (size_t i = number_hash(s) & (c->nslot - 1);;
	     i = (i + 1) & (c->nslot - 1)) {
		if (!c->slot[i])
			return NULL;
		const fw_theme_def *t = &c->cb->themes[c->slot[i] - 1];
		if (!strcmp(t->number, s))
			return t;
	}
}

static void slot_put(size_t *slot, size_t nslot, const char *number, size_t v)
{
	size_t i = number_hash(number) & (nslot - 1);
	while (slot[i])
		i = (i + 1) & (nslot - 1);
	slot[i] = v;
}

/* The last theme added, hashed by its number (the table kept under half
 * full). */
static void theme_hashed(cbp *c)
{
	fw_codebook *cb = c->cb;
	if (2 * cb->nthemes > c->nslot) {
		size_t n = c->nslot ? 2 * c->nslot : 64;
		free(c->slot);
		c->slot = fw_xcalloc(n, sizeof *c->slot);
		c->nslot = n;
		for (size_t i = 0; i + 1 < cb->nthemes; i++)
			slot_put(c->slot, n, cb->themes[i].number, i + 1);
	}
	slot_put(c->slot, c->nslot, cb->themes[cb->nthemes - 1].number,
		 cb->nthemes);
}

/* Whether the numbered theme's place is free and its parent came first. */
static int theme_place(cbp *c, const char *s, int depth, fw_error *err)
{
	fw_codebook *cb = c->cb;
	const fw_theme_def *twice = theme_numbered(c, s);
	if (twice)
		return fw_error_set(err, FW_EPARSE, c->label, c->line,
				    "theme number %s is used twice "
				    "(first on line %d)",
				    s, twice->line);
	if (depth > 1) {
		char *par = fw_xstrdup(s);
		*strrchr(par, '.') = 0;
		int found = theme_numbered(c, par) != NULL;
		int rc =
			found ? 0
			      : fw_error_set(err, FW_EPARSE, c->label, c->line,
					     "theme %s comes before its parent "
					     "%s",
					     s, par);
		free(par);
		if (rc)
			return rc;
	}
	if (cb->nthemes >= MAX_THEMES)
		return fw_error_set(err, FW_ELIMIT, c->label, c->line,
				    "more than %d themes", MAX_THEMES);
	return 0;
}

/* A line at the margin: "title: ..." or "NUMBER Name". */
static int theme_line(cbp *c, char *s, fw_error *err)
{
	fw_codebook *cb = c->cb;
	if (!strncasecmp(s, "title:", 6)) {
		free(cb->title);
		field_start(c, &cb->title, trim(s + 6));
		return 0;
	}
	char *sp = s;
	while (*sp && !isspace((unsigned char)*sp))
		sp++;
	char save = *sp;
	*sp = 0;
	int depth, rc;
	if (!fw_code_number_valid(s, &depth))
		return fw_error_set(err, FW_EPARSE, c->label, c->line,
				    "expected a theme number such as '2' or "
				    "'2.3' at the start of the line, found "
				    "'%s' (indent fields under their theme)",
				    s);
	size_t nl = strlen(s);
	if (s[nl - 1] == '.')
		s[nl - 1] = 0;
	char *name = save ? trim(sp + 1) : sp;
	if (!*name)
		return fw_error_set(err, FW_EPARSE, c->label, c->line,
				    "theme %s has no name", s);
	if ((rc = theme_place(c, s, depth, err)))
		return rc;
	if (cb->nthemes == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		cb->themes =
			fw_xrealloc(cb->themes, c->cap * sizeof *cb->themes);
	}
	fw_theme_def *t = &cb->themes[cb->nthemes++];
	memset(t, 0, sizeof *t);
	t->number = fw_xstrdup(s);
	t->name = fw_xstrdup(name);
	t->depth = depth;
	t->line = c->line;
	c->field = &t->name;
	theme_hashed(c);
	return 0;
}

static const struct {
	const char *key;
	size_t off;
} theme_fields[] = {
	{"definition", offsetof(fw_theme_def, definition)},
	{"use when", offsetof(fw_theme_def, use_when)},
	{"use", offsetof(fw_theme_def, use_when)},
	{"not when", offsetof(fw_theme_def, not_when)},
	{"not", offsetof(fw_theme_def, not_when)},
	{"example", offsetof(fw_theme_def, example)},
	{"color", offsetof(fw_theme_def, color)},
	{"colour", offsetof(fw_theme_def, color)},
};

/* "rule: /PATTERN/flags options" under theme cur. */
static int rule_line(cbp *c, fw_theme_def *cur, char *text, fw_error *err)
{
	c->field = NULL;
	if (cur->nrules >= MAX_RULES)
		return fw_error_set(err, FW_ELIMIT, c->label, c->line,
				    "more than %d rules for theme %s",
				    MAX_RULES, cur->number);
	cur->rules =
		fw_xrealloc(cur->rules, (cur->nrules + 1) * sizeof *cur->rules);
	/* counted either way: theme_dispose frees what parse_rule kept */
	return parse_rule(text, &cur->rules[cur->nrules++], c->label, c->line,
			  err);
}

/* An indented line: a field of the last theme, or a continuation. */
static int field_line(cbp *c, char *s, fw_error *err)
{
	fw_codebook *cb = c->cb;
	if (!cb->nthemes)
		return fw_error_set(err, FW_EPARSE, c->label, c->line,
				    "indented text before the first theme");
	fw_theme_def *cur = &cb->themes[cb->nthemes - 1];
	char *colon = strchr(s, ':');
	size_t kl = colon ? (size_t)(colon - s) : 0;
	if (colon && kl == 4 && !strncasecmp(s, "rule", 4))
		return rule_line(c, cur, trim(colon + 1), err);
	for (size_t k = 0;
	     colon && k < sizeof theme_fields / sizeof theme_fields[0]; k++) {
		if (strlen(theme_fields[k].key) != kl ||
		    strncasecmp(s, theme_fields[k].key, kl))
			continue;
		char **f = (char **)((char *)cur + theme_fields[k].off);
		if (*f)
			return fw_error_set(err, FW_EPARSE, c->label, c->line,
					    "theme %s has two '%s' fields",
					    cur->number, theme_fields[k].key);
		field_start(c, f, trim(colon + 1));
		return 0;
	}
	if (!c->field || c->field == &cur->name)
		return fw_error_set(
			err, FW_EPARSE, c->label, c->line,
			"expected a field (definition:, use:, not:, "
			"example:, color:, rule:) under theme %s",
			cur->number);
	append(c, s);
	return 0;
}

int fw_codebook_parse(fw_codebook **out, const char *text, size_t len,
		      const char *label, fw_error *err)
{
	*out = NULL;
	size_t bad;
	if (!fw_utf8_valid(text, len, &bad)) {
		int line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text[i] == '\n';
		return fw_error_set(err, FW_EPARSE, label, line,
				    "invalid UTF-8 at byte offset %zu", bad);
	}
	if (memchr(text, 0, len))
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "NUL byte: not a text file");
	cbp c = {.cb = fw_xcalloc(1, sizeof *c.cb), .label = label};
	int rc = 0;
	fw_line_iter it = {text, len, 0, 0};
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		it.pos = 3;
	const char *ls;
	size_t n;
	while (!rc && fw_line_next(&it, &ls, &n, 0)) {
		char *buf = fw_xstrndup(ls, n);
		c.line = it.line;
		char *s = trim(buf);
		if (*s && *s != '#')
			rc = buf[0] != ' ' && buf[0] != '\t'
				     ? theme_line(&c, s, err)
				     : field_line(&c, s, err);
		free(buf);
	}
	if (!rc && !c.cb->nthemes)
		rc = fw_error_set(err, FW_EPARSE, label, c.line ? c.line : 1,
				  "no themes found (a theme line is '1 Name')");
	free(c.slot);
	if (rc) {
		fw_codebook_free(c.cb);
		return rc;
	}
	*out = c.cb;
	return 0;
}

int fw_code_find(long long *id, fw_project *p, const char *number,
		 fw_error *err)
{
	return fw_find_id(id, p, FW_Q_CODE_ID, number, "code", err);
}

static const char *rule_role(const fw_rule_def *r)
{
	return r->role == FW_ROLE_NONE ? "any" : fw_role_name(r->role);
}

/* The code's stored rules are the theme's, in order. */
int fw_rules_same(fw_project *p, long long id, const fw_theme_def *t)
{
	sqlite3_stmt *st;
	if (fw_query(&st, p, NULL,
		     "SELECT pattern, flags, scope, speaker_role FROM rule "
		     "WHERE code_id=? ORDER BY id",
		     "i", id))
		return 0;
	size_t k = 0;
	int same = 1;
	while (same && fw_row(p, st)) {
		const fw_rule_def *r = k < t->nrules ? &t->rules[k] : NULL;
		same = r &&
		       !strcmp((const char *)sqlite3_column_text(st, 0),
			       r->pattern) &&
		       !strcmp((const char *)sqlite3_column_text(st, 1),
			       r->flags) &&
		       !strcmp((const char *)sqlite3_column_text(st, 2),
			       fw_scope_name(r->scope)) &&
		       !strcmp((const char *)sqlite3_column_text(st, 3),
			       rule_role(r));
		k++;
	}
	sqlite3_finalize(st);
	return fw_rows_ok(p, NULL) == 0 && same && k == t->nrules;
}

int fw_codebook_load(fw_codebook **cb, const char *path, fw_error *err)
{
	char *data;
	size_t len;
	*cb = NULL;
	int rc = fw_file_read(&data, &len, path, FW_MAX_INPUT, err);
	if (rc)
		return rc;
	rc = fw_codebook_parse(cb, data, len, path, err);
	free(data);
	return rc;
}

int fw_codebook_import(fw_codebook_result *res, fw_project *p, const char *path,
		       fw_error *err)
{
	memset(res, 0, sizeof *res);
	fw_codebook *cb;
	int rc = fw_codebook_load(&cb, path, err);
	if (rc)
		return rc;
	sqlite3_stmt *upd = NULL, *del = NULL, *rul = NULL;
	if ((rc = FW_PREPARE_ALL(
		     p, err,
		     {&upd,
		      "UPDATE code SET parent_id=?2, name=?3, definition=?4,"
		      " use_when=?5, not_when=?6, example=?7, color=?8, "
		      "depth=?9, sort=?10 WHERE id=?1"},
		     {&del, "DELETE FROM rule WHERE code_id=?"},
		     {&rul, "INSERT INTO rule(code_id,pattern,flags,scope,"
			    "speaker_role,line) VALUES(?,?,?,?,?,?)"})))
		goto out;
	for (size_t i = 0; i < cb->nthemes && !rc; i++) {
		fw_theme_def *t = &cb->themes[i];
		long long parent = 0, id = 0;
		if (t->depth > 1) {
			char *par = fw_xstrdup(t->number);
			*strrchr(par, '.') = 0;
			fw_code_find(&parent, p, par, NULL);
			free(par);
		}
		fw_code_find(&id, p, t->number, NULL);
		if (id) {
			fw_rebind(upd, "i", (long long)id);
			if (parent)
				sqlite3_bind_int64(upd, 2, parent);
			else
				sqlite3_bind_null(upd, 2);
			sqlite3_bind_text(upd, 3, t->name, -1,
					  SQLITE_TRANSIENT);
			fw_bind_text(upd, 4, t->definition);
			fw_bind_text(upd, 5, t->use_when);
			fw_bind_text(upd, 6, t->not_when);
			fw_bind_text(upd, 7, t->example);
			fw_bind_text(upd, 8, t->color);
			sqlite3_bind_int(upd, 9, t->depth);
			sqlite3_bind_int(upd, 10, (int)i + 1);
			rc = fw_step_done(p, upd, "updating a code", err);
			res->updated++;
		} else {
			fw_code_row r = {.parent_id = parent,
					 .number = t->number,
					 .name = t->name,
					 .definition = t->definition,
					 .use_when = t->use_when,
					 .not_when = t->not_when,
					 .example = t->example,
					 .origin = "codebook",
					 .color = t->color,
					 .depth = t->depth,
					 .sort = (int)i + 1};
			rc = fw_store_code(&id, p, &r, err);
			res->added++;
		}
		res->themes++;
		/* rules replaced only when they changed, so that a rule keeps
		 * its id (and its suggestions their rule) across imports */
		if (!rc && fw_rules_same(p, id, t)) {
			res->rules += (int)t->nrules;
			continue;
		}
		fw_rebind(del, "i", (long long)id);
		if (!rc)
			rc = fw_step_done(p, del, "replacing rules", err);
		for (size_t r = 0; r < t->nrules && !rc; r++) {
			fw_rebind(rul, "i", (long long)id);
			sqlite3_bind_text(rul, 2, t->rules[r].pattern, -1,
					  SQLITE_TRANSIENT);
			sqlite3_bind_text(rul, 3, t->rules[r].flags, -1,
					  SQLITE_TRANSIENT);
			sqlite3_bind_text(rul, 4,
					  fw_scope_name(t->rules[r].scope), -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(rul, 5, rule_role(&t->rules[r]), -1,
					  SQLITE_STATIC);
			sqlite3_bind_int(rul, 6, t->rules[r].line);
			rc = fw_step_done(p, rul, "adding a rule", err);
			res->rules++;
		}
	}
	if (!rc && cb->title)
		rc = fw_setting_set(p, "codebook_title", cb->title, err);
	if (!rc) {
		char detail[700];
		snprintf(detail, sizeof detail,
			 "%s: %d added, %d kept or updated", path, res->added,
			 res->updated);
		rc = fw_framework_log(p, "import", NULL, detail, err);
	}
out:
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	sqlite3_finalize(rul);
	fw_codebook_free(cb);
	return rc;
}

int fw_codebook_list(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"code",      "name",  "rules",
					   "codings",   "cases", "suggested",
					   "definition"};
	return fw_table_query(
		out, p, err, cols, 7,
		"SELECT c.number, c.name, (SELECT count(*) FROM rule r "
		"WHERE r.code_id=c.id), (SELECT count(*) FROM counted k "
		/* cases: each case link that holds one of the code's
		 * codings (the code index answers), or the participants
		 * whose turns they overlap */
		"WHERE k.code_id=c.id), (SELECT count(DISTINCT cid) FROM "
		"(SELECT x.case_id AS cid FROM main.case_source x WHERE "
		"x.by_speaker = 0 AND EXISTS (SELECT 1 FROM counted k WHERE "
		"k.code_id = c.id AND k.source_id = x.source_id) UNION ALL "
		"SELECT x.case_id FROM main.case_source x CROSS JOIN counted g "
		"ON g.source_id = x.source_id AND g.code_id = c.id " FW_SQL_SPEAKER_CASE_CROSS
		"WHERE x.by_speaker = 1)), "
		"(SELECT count(*) FROM coding k WHERE "
		"k.code_id=c.id AND k.status='suggested'), c.definition, "
		"c.depth FROM code c ORDER BY c.sort, c.id",
		"");
}

int fw_theme_list(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"code", "name"};
	return fw_table_query(out, p, err, cols, 2,
			      "SELECT number, name FROM code WHERE depth=1 "
			      "ORDER BY sort, id",
			      "");
}

const char *fw_scope_name(int scope)
{
	switch (scope) {
	case FW_SCOPE_SENTENCE: return "sentence";
	case FW_SCOPE_PARAGRAPH: return "paragraph";
	default: return "utterance";
	}
}
