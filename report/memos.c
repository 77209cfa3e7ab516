/*
 * memos.c: the report's own words, from the researcher's analytic memos.
 * A chapter opens with the key findings memo on its actor group; a theme's
 * section is told by the memo on that theme within the group (and a
 * sub-theme's by one on the sub-theme, where written); the conclusions
 * chapter is the memos on the project.  Where a memo the report needs is
 * missing, the report says so in a visible placeholder, and the same gap
 * is a row of `charter report check`.
 */
#include "compose.h"
#include "redact.h"
#include "alloc.h"
#include "buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A memo's text as paragraphs: blank lines part them, single line breaks
 * join; names redacted as in summaries and quotes. */
static void memo_paras(rp_ctx *c, const char *text)
{
	char *t = rp_redact_apply(&c->names_out, text, &c->res->redacted);
	fw_buf para;
	fw_buf_init(&para);
	const char *s = t;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t k = n;
		while (k && isspace((unsigned char)s[k - 1]))
			k--;
		const char *w = s;
		while (w < s + k && isspace((unsigned char)*w))
			w++;
		if (w < s + k) {
			if (para.len)
				fw_buf_putc(&para, ' ');
			fw_buf_put(&para, w, (size_t)(s + k - w));
		} else if (para.len) {
			rp_doc_para(&c->doc, para.ptr, 0);
			fw_buf_clear(&para);
		}
		s += n + (e != NULL);
	}
	if (para.len)
		rp_doc_para(&c->doc, para.ptr, 0);
	fw_buf_dispose(&para);
	free(t);
}

static int memo_is(const fw_rmemo *m, char what, const char *group,
		   size_t index)
{
	if (m->what != what)
		return 0;
	if (what != 'P' && (!m->group || strcasecmp(m->group, group)))
		return 0;
	return (what != 'T' && what != 'S') || m->index == index;
}

/* The paragraphs of every memo on what (group, index); how many. */
static int memos(rp_ctx *c, char what, const char *group, size_t index)
{
	int n = 0;
	for (size_t i = 0; i < c->d->nmemos; i++) {
		const fw_rmemo *m = &c->d->memos[i];
		if (!memo_is(m, what, group, index))
			continue;
		memo_paras(c, m->text);
		n++;
		c->res->memos++;
	}
	return n;
}

void rp_todo(rp_ctx *c, const char *item, const char *about, const char *how,
	     const char *placeholder)
{
	if (placeholder) {
		fw_buf b;
		fw_buf_init(&b);
		fw_buf_printf(&b, "[To write: %s]", placeholder);
		rp_block *p = rp_doc_para(&c->doc, b.ptr, RP_ITALIC);
		p->style_class = RP_CLASS_TODO;
		fw_buf_dispose(&b);
		c->res->placeholders++;
	}
	c->todo = fw_xpush(c->todo, c->ntodo, sizeof *c->todo);
	rp_todo_row *r = &c->todo[c->ntodo++];
	r->item = fw_xstrdup(item);
	r->about = fw_xstrdup(about);
	r->how = fw_xstrdup(how);
}

void rp_key_findings(rp_ctx *c, size_t g)
{
	const rp_chap *h = &c->chaps[g];
	rp_doc_para(&c->doc, "Key findings", RP_BOLD);
	if (memos(c, 'G', h->value, 0))
		return;
	char about[400], how[600], ph[600];
	snprintf(about, sizeof about, "%s (chapter %zu)", h->value, g + 1);
	snprintf(how, sizeof how,
		 "charter memo add --kind analytic --group \"%s\" TEXT",
		 h->value);
	snprintf(ph, sizeof ph,
		 "the key findings for %s, from an analytic memo on the group.",
		 h->title);
	rp_todo(c, "key findings memo", about, how, ph);
}

void rp_theme_narrative(rp_ctx *c, size_t g, size_t t)
{
	const rp_chap *h = &c->chaps[g];
	const fw_rtheme *th = &c->d->themes[t];
	if (memos(c, 'T', h->value, t))
		return;
	char about[400], how[600], ph[800];
	snprintf(about, sizeof about, "theme %s in %s", th->number, h->value);
	snprintf(how, sizeof how,
		 "charter memo add --kind analytic --theme %s --group \"%s\" "
		 "TEXT",
		 th->number, h->value);
	snprintf(
		ph, sizeof ph,
		"what %s said on %s, where their views met and where they "
		"differed, from an analytic memo on theme %s within the group.",
		h->title, th->name, th->number);
	rp_todo(c, "analytic memo", about, how, ph);
}

int rp_subtheme_narrative(rp_ctx *c, size_t g, size_t k)
{
	return memos(c, 'S', c->chaps[g].value, k);
}

/* A project memo titled "Typology: NAME" describes the typology stored
 * as attribute NAME; it goes with the typology's table, not in the
 * conclusions.  Its NAME, or NULL. */
static const char *typology_memo(const fw_rmemo *m)
{
	static const char pre[] = "Typology:";
	if (!m->title || strncasecmp(m->title, pre, sizeof pre - 1))
		return NULL;
	const char *n = m->title + sizeof pre - 1;
	while (*n == ' ')
		n++;
	return *n ? n : NULL;
}

int rp_typology_memo(rp_ctx *c, const char *attr)
{
	int n = 0;
	for (size_t i = 0; i < c->d->nmemos; i++) {
		const fw_rmemo *m = &c->d->memos[i];
		const char *t = m->what == 'P' ? typology_memo(m) : NULL;
		if (!t || strcasecmp(t, attr))
			continue;
		memo_paras(c, m->text);
		c->res->memos++;
		n++;
	}
	return n;
}

void rp_conclusions(rp_ctx *c)
{
	size_t ch = c->nchaps + 2, sec = 0;
	char id[64], text[600];
	snprintf(id, sizeof id, "ch%zu", ch);
	snprintf(text, sizeof text, "%zu Conclusions", ch);
	rp_doc_heading(&c->doc, 1, id, text);
	c->res->chapters++;
	int n = 0;
	for (size_t i = 0; i < c->d->nmemos; i++) {
		const fw_rmemo *m = &c->d->memos[i];
		if (m->what != 'P' || typology_memo(m))
			continue;
		if (m->title && *m->title) {
			snprintf(id, sizeof id, "ch%zu-%zu", ch, ++sec);
			snprintf(text, sizeof text, "%zu.%zu %s", ch, sec,
				 m->title);
			rp_doc_heading(&c->doc, 2, id, text);
		}
		memo_paras(c, m->text);
		c->res->memos++;
		n++;
	}
	if (!n)
		rp_todo(c, "conclusions memo", "the project",
			"charter memo add --kind analytic --title TITLE TEXT",
			"the conclusions, from analytic memos on the project "
			"(one per conclusion, each titled).");
}
