/*
 * compose.c: composing the report from the charts.
 *
 *   Chapter per value of the chapter attribute (actor group), in sheet order
 *     its key findings: the analytic memo on the group
 *     section per main theme the group has data on, told by the analytic
 *     memo on the theme within the group
 *       sub-section per sub-theme the group raised:
 *         a prevalence sentence, by the sub-groups of the `within`
 *         attribute (role): "Most TPPMs, one Contract Manager and Jobcentre
 *         Plus advisers in all six groups raised this."
 *         for group discussions, what their agreement markers say
 *         the group's cell summaries, case by case, references linked
 *         up to N quotes: '*' references first, then short coded passages
 *   Chapter across the groups: a heat map, per theme a table of sub-themes
 *     by group in prevalence words, a bar chart, and where the groups'
 *     views converge and diverge
 *   Conclusions: the analytic memos on the project, a section per title
 *   Appendix A: the sample tables, the analysis, the word table, quotes.
 *
 * A memo the report needs and does not have leaves a visible placeholder
 * ("[To write: ...]") and is listed by report check, with the cells coded
 * but not summarised and the suggestions not yet reviewed.
 *
 * Words, not numbers: counts appear in prose only with --numbers; tables
 * and figures carry the counts for those who want them.
 */
#include "compose.h"
#include "natcmp.h"
#include "doc.h"
#include "inputs.h"
#include "names.h"
#include "redact.h"
#include "report.h"
#include "words.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fileio.h"
#include "fw/chart.h"
#include "fw/project.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- setting up ---------------------------------------------------------- */

static int any_attr(const fw_rdata *d, const char *name)
{
	for (size_t i = 0; i < d->ncases; i++)
		if (fw_rcase_attr(&d->cases[i], name))
			return 1;
	return 0;
}

static int sub_cmp(const void *a, const void *b)
{
	const rp_sub *x = a, *y = b;
	return FW_CMP_BY(x, y, sort);
}

static void build_chapters(rp_ctx *c)
{
	for (size_t i = 0; i < c->d->ncases; i++) {
		const fw_rcase *cs = &c->d->cases[i];
		if (!cs->group || !*cs->group)
			continue;
		size_t g = 0;
		while (g < c->nchaps && strcmp(c->chaps[g].value, cs->group))
			g++;
		if (g == c->nchaps) {
			c->chaps = fw_xrealloc(
				c->chaps, (c->nchaps + 1) * sizeof *c->chaps);
			memset(&c->chaps[g], 0, sizeof *c->chaps);
			c->chaps[g].value = fw_xstrdup(cs->group);
			c->chaps[g].title =
				rp_names_label(&c->in->names, cs->group);
			rp_names_nouns(&c->in->names, cs->group,
				       c->chaps[g].one, sizeof c->chaps[g].one,
				       c->chaps[g].many,
				       sizeof c->chaps[g].many);
			c->nchaps++;
		}
		rp_chap *h = &c->chaps[g];
		h->cases = fw_xrealloc(h->cases, (h->n + 1) * sizeof *h->cases);
		h->cases[h->n++] = i;
		const char *wv =
			c->within ? fw_rcase_attr(cs, c->within) : NULL;
		if (!wv || !*wv)
			wv = cs->group;
		size_t s = 0;
		while (s < h->nsubs && strcmp(h->subs[s].value, wv))
			s++;
		if (s == h->nsubs) {
			h->subs = fw_xrealloc(h->subs,
					      (h->nsubs + 1) * sizeof *h->subs);
			memset(&h->subs[s], 0, sizeof *h->subs);
			h->subs[s].value = fw_xstrdup(wv);
			h->subs[s].sort = cs->sort;
			rp_names_nouns(&c->in->names, wv, h->subs[s].one,
				       sizeof h->subs[s].one, h->subs[s].many,
				       sizeof h->subs[s].many);
			h->nsubs++;
		}
		rp_sub *sb = &h->subs[s];
		if (cs->sort < sb->sort)
			sb->sort = cs->sort;
		sb->cases =
			fw_xrealloc(sb->cases, (sb->n + 1) * sizeof *sb->cases);
		sb->cases[sb->n++] = i;
	}
	for (size_t g = 0; g < c->nchaps; g++)
		if (c->chaps[g].nsubs) /* no NULL array for qsort */
			qsort(c->chaps[g].subs, c->chaps[g].nsubs,
			      sizeof(rp_sub), sub_cmp);
	for (size_t g = 0; g < c->nchaps; g++)
		for (size_t s = 0; s < c->chaps[g].nsubs; s++) {
			rp_sub *sb = &c->chaps[g].subs[s];
			size_t grp = 0;
			for (size_t i = 0; i < sb->n; i++)
				grp += c->d->cases[sb->cases[i]].is_group;
			sb->unit_group = grp * 2 > sb->n;
		}
}

static void ctx_dispose(rp_ctx *c)
{
	for (size_t k = 0; c->passages && k < c->d->ncodes; k++)
		free(c->passages[k]);
	free(c->passages);
	free(c->npassages);
	free(c->case_chap);
	for (size_t g = 0; g < c->nchaps; g++) {
		for (size_t s = 0; s < c->chaps[g].nsubs; s++) {
			free(c->chaps[g].subs[s].value);
			free(c->chaps[g].subs[s].cases);
		}
		free(c->chaps[g].subs);
		free(c->chaps[g].cases);
		free(c->chaps[g].value);
	}
	free(c->chaps);
	for (size_t i = 0; i < c->nused; i++)
		free(c->used[i].source);
	free(c->used);
	fw_strv_free(c->warned, c->nwarned);
	fw_buf_dispose(&c->refused);
	rp_redact_dispose(&c->names_out);
	rp_tables_dispose(&c->tables);
	fw_strv_free(c->page_src, c->npages);
	for (size_t i = 0; c->case_label && i < c->d->ncases; i++)
		free(c->case_label[i]);
	free(c->case_label);
	for (size_t i = 0; i < c->ntodo; i++) {
		free(c->todo[i].item);
		free(c->todo[i].about);
		free(c->todo[i].how);
	}
	free(c->todo);
	rp_doc_dispose(&c->doc);
	fw_rdata_free(c->d);
}

void rp_report_result_dispose(rp_report_result *r)
{
	fw_diags_dispose(&r->diags);
}

/* The project must have what a report is written from. */
static int check_data(rp_ctx *c, fw_error *err)
{
	const rp_report_opts *o = c->o;
	if (!c->d->ncases)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the project has no cases: import a "
				    "classification sheet first");
	if (!any_attr(c->d, o->attr))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "no case has a value for '%s' (chapters "
				    "are by an attribute of the "
				    "classification sheet)",
				    o->attr);
	if (!c->d->nthemes)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the project has no themes: import a "
				    "codebook first");
	c->within = o->within                ? o->within
		    : any_attr(c->d, "role") ? "role"
					     : NULL;
	if (c->within && !any_attr(c->d, c->within))
		return fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				    "--within: no case has a value for '%s'",
				    c->within);
	return 0;
}

/* The quote label: --label, else role, sex and age band as far as the
 * sheet has them; checked against the attributes. */
static int choose_label(rp_ctx *c, fw_error *err)
{
	static const char *const parts[] = {"role", "sex", "age_band"};
	size_t cap = sizeof c->label;
	if (c->o->label)
		snprintf(c->label, cap, "%s", c->o->label);
	for (size_t i = 0; !c->o->label && i < 3; i++)
		if (any_attr(c->d, parts[i]))
			snprintf(c->label + strlen(c->label),
				 cap - strlen(c->label), "%s{%s}",
				 *c->label ? ", " : "", parts[i]);
	if (!*c->label)
		snprintf(c->label, cap, "{%s}",
			 c->within ? c->within : c->o->attr);
	return rp_label_check(c->d, c->label, err);
}

/* The sample tables: the tables file's, then the --table specs' (by
 * default one of the within attribute, counting participants), checked
 * before anything is composed. */
static int check_tables(rp_ctx *c, fw_error *err)
{
	char defspec[200];
	const char *deflt[1] = {defspec};
	const char *const *specs = c->o->tables;
	size_t nspecs = c->o->ntables;
	int rc = 0;
	if (c->o->tables_file &&
	    (rc = rp_tables_load(&c->tables, c->o->tables_file, err)))
		return rc;
	if (!nspecs && !c->tables.n) {
		snprintf(defspec, sizeof defspec, "%s:participants",
			 c->within ? c->within : c->o->attr);
		specs = deflt;
		nspecs = 1;
	}
	size_t nfile = c->tables.n;
	for (size_t i = 0; i < nspecs && !rc; i++)
		rc = rp_tables_add_spec(&c->tables, specs[i], err);
	for (size_t i = 0; i < c->tables.n && !rc; i++) {
		const rp_tdef *d = &c->tables.v[i];
		for (size_t r = 0; r <= d->nrows && !rc; r++) {
			const char *a = r < d->nrows ? d->rows[r].name
					: d->has_col ? d->col.name
						     : NULL;
			if (a && !any_attr(c->d, a))
				rc = fw_error_set(
					err, FW_ENOTFOUND,
					d->line ? c->o->tables_file : NULL,
					d->line,
					"%s%s: no case has a value for '%s'",
					d->line ? "table " : "--table ",
					i < nfile ? d->number
						  : specs[i - nfile],
					a);
		}
	}
	return rc;
}

/* Names out of quotes: those listed, and speaker labels that are names. */
static void list_names(rp_ctx *c)
{
	rp_redact_init(&c->names_out);
	if (c->o->keep_names)
		return;
	for (size_t i = 0; i < c->in->listed.n; i++)
		rp_redact_add_kind(&c->names_out, c->in->listed.w[i],
				   c->in->listed.kind[i]);
	c->listed_names = (int)c->names_out.n;
	for (size_t i = 0; i < c->d->nspeakers; i++)
		if (rp_redact_namelike(c->d->speakers[i]))
			rp_redact_add(&c->names_out, c->d->speakers[i]);
	rp_redact_sort(&c->names_out);
}

/* Each case's label, its chapter, and room for passages per sub-theme. */
static void index_cases(rp_ctx *c)
{
	size_t nc = c->d->ncases ? c->d->ncases : 1;
	size_t nk = c->d->ncodes ? c->d->ncodes : 1;
	c->case_label = fw_xcalloc(nc, sizeof *c->case_label);
	for (size_t i = 0; i < c->d->ncases; i++) {
		fw_buf b;
		fw_buf_init(&b);
		rp_label_render(c->label, &c->d->cases[i], &b);
		c->case_label[i] = fw_buf_detach(&b);
	}
	build_chapters(c);
	c->case_chap = fw_xcalloc(nc, sizeof *c->case_chap);
	c->passages = fw_xcalloc(nk, sizeof *c->passages);
	c->npassages = fw_xcalloc(nk, sizeof *c->npassages);
	for (size_t i = 0; i < c->d->ncases; i++)
		c->case_chap[i] = SIZE_MAX;
	for (size_t g = 0; g < c->nchaps; g++)
		for (size_t i = 0; i < c->chaps[g].n; i++)
			c->case_chap[c->chaps[g].cases[i]] = g;
}

/* The document: contents, a chapter per group, the chapter across the
 * groups, the appendix. */
static int compose(rp_ctx *c, fw_error *err)
{
	char subtitle[300];
	snprintf(subtitle, sizeof subtitle,
		 "Findings by %s, drafted by charter from the charts",
		 rp_names_label(&c->in->names, c->o->attr));
	rp_doc_init(&c->doc,
		    c->o->title   ? c->o->title
		    : c->d->title ? c->d->title
				  : "Report",
		    subtitle);
	rp_doc_add(&c->doc, RP_CONTENTS);
	int rc = 0;
	for (size_t g = 0; !rc && g < c->nchaps; g++) {
		fw_progress(c->p, "report", "chapters", g + 1, c->nchaps);
		rc = rp_chapter(c, g, err);
	}
	if (!rc) {
		rp_cross_chapter(c);
		rp_conclusions(c);
		rc = rp_appendix(c, err);
	}
	if (!rc && c->o->strict && c->refused.len)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
				  "--strict: quote labels single out a person, "
				  "nothing written: %s",
				  c->refused.ptr);
	return rc;
}

/* A transcript line as the report's pages show it: names redacted as in
 * the quotes. */
static char *page_line(void *ctx, const char *line)
{
	int n = 0;
	return rp_redact_apply(ctx, line, &n);
}

/* The transcripts the report links to, as pages of its own in
 * DIR/sources/: titled "Transcript N" (no case id, no district), names
 * redacted, so a reader following a quote learns no more than the quote
 * says. */
static int write_pages(const rp_ctx *c, rp_report_result *res, fw_error *err)
{
	char path[1200], title[64];
	/* the quotes' names, and every case id (the transcripts' headers
	 * name the case) */
	rp_redact out;
	rp_redact_init(&out);
	for (size_t i = 0; i < c->names_out.n; i++)
		rp_redact_add_kind(&out, c->names_out.w[i],
				   c->names_out.kind[i]);
	for (size_t i = 0; !c->o->keep_names && i < c->d->ncases; i++)
		rp_redact_add_kind(&out, c->d->cases[i].name, RP_REDACT_CASE);
	rp_redact_sort(&out);
	snprintf(path, sizeof path, "%s/sources", c->o->outdir);
	int rc = c->npages ? fw_mkdirs(path, err) : 0;
	for (size_t i = 0; !rc && i < c->npages; i++) {
		snprintf(title, sizeof title, "Transcript %zu", i + 1);
		fw_source_html_opts so = {
			.title = title, .filter = page_line, .ctx = &out};
		fw_buf b;
		fw_buf_init(&b);
		rc = fw_source_html_with(&b, c->p, c->page_src[i], &so, err);
		snprintf(path, sizeof path, "%s/sources/t%02zu.html",
			 c->o->outdir, i + 1);
		if (!rc)
			rc = fw_file_write(path, b.ptr, b.len, err);
		fw_buf_dispose(&b);
		res->pages += !rc;
	}
	rp_redact_dispose(&out);
	return rc;
}

/* Every format asked for, each file written whole or not at all. */
static int render(const rp_ctx *c, rp_report_result *res, fw_error *err)
{
	const char *dir = c->o->outdir;
	int formats = c->o->formats ? c->o->formats : RP_MD;
	char path[1200], figdir[1100];
	int rc = fw_mkdirs(dir, err);
	if (!rc && (formats & RP_MD)) {
		snprintf(path, sizeof path, "%s/report.md", dir);
		snprintf(figdir, sizeof figdir, "%s/figures", dir);
		if (!(rc = rp_write_md(&c->doc, path, figdir, err)))
			res->files++;
	}
	if (!rc && (formats & RP_HTML)) {
		snprintf(path, sizeof path, "%s/report.html", dir);
		if (!(rc = rp_write_html(&c->doc, path, err)))
			res->files++;
	}
	if (!rc && (formats & RP_DOCX)) {
		snprintf(path, sizeof path, "%s/report.docx", dir);
		if (!(rc = rp_write_docx(&c->doc, path, err)))
			res->files++;
	}
	return rc ? rc : write_pages(c, res, err);
}

/* Compose the report (and, with outdir, write it); c is left for the
 * caller to read and dispose. */
static int run(rp_ctx *c, rp_report_result *res, fw_project *p,
	       const rp_report_opts *o, rp_inputs *in, int write, fw_error *err)
{
	memset(res, 0, sizeof *res);
	int rc = rp_inputs_load(in, o, err);
	if (rc)
		return rc;
	*c = (rp_ctx){.p = p,
		      .o = o,
		      .in = in,
		      .res = res,
		      .pages = o->pages ? o->pages : "sources/"};
	/* findings rest on the researcher's decisions: pending suggestions
	 * never count, whatever the connection was counting */
	int suggested = fw_project_counts_suggested(p);
	if (suggested && (rc = fw_project_count_suggested(p, 0, err)))
		return rc;
	fw_buf_init(&c->refused);
	rp_redact_init(&c->names_out);
	if (!(rc = fw_rdata_load(&c->d, p, o->attr, err)) &&
	    !(rc = check_data(c, err)) && !(rc = choose_label(c, err)) &&
	    !(rc = check_tables(c, err))) {
		list_names(c);
		index_cases(c);
		if (!(rc = compose(c, err)) && write)
			rc = render(c, res, err);
	}
	if (suggested)
		fw_project_count_suggested(p, 1, NULL);
	return rc;
}

int rp_report_write(rp_report_result *res, fw_project *p,
		    const rp_report_opts *o, fw_error *err)
{
	rp_inputs in;
	rp_ctx c;
	memset(&c, 0, sizeof c);
	int rc = run(&c, res, p, o, &in, 1, err);
	if (c.p)
		ctx_dispose(&c);
	if (c.in)
		rp_inputs_dispose(&in);
	return rc;
}

/* The cells of chapter g's cases the report would rest on: coded but
 * without a summary (or only a draft), or with suggestions pending. */
static void check_cells(const rp_ctx *c, size_t g, fw_table *t)
{
	const rp_chap *h = &c->chaps[g];
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < h->n; i++) {
			const fw_rcase *cs = &c->d->cases[h->cases[i]];
			for (size_t k = 0; k < c->d->ncodes; k++) {
				const fw_rcell *x =
					rp_cell_at(c, h->cases[i], k);
				const char *num = c->d->codes[k].number;
				char about[300], detail[64], how[400];
				snprintf(about, sizeof about, "%s x %s",
					 cs->name, num);
				const char *item = NULL;
				if (!pass && x->codings && !x->summary) {
					item = x->draft ? "draft summary"
							: "unsummarised cell";
					snprintf(detail, sizeof detail,
						 "%d coding%s", x->codings,
						 x->codings == 1 ? "" : "s");
					snprintf(
						how, sizeof how,
						x->draft
							? "charter cell accept "
							  "%s %s"
							: "charter cell set "
							  "%s %s SUMMARY",
						cs->name, num);
				} else if (pass && x->pending) {
					item = "unreviewed suggestions";
					snprintf(detail, sizeof detail,
						 "%d suggestion%s", x->pending,
						 x->pending == 1 ? "" : "s");
					snprintf(how, sizeof how,
						 "charter review list --case "
						 "%s --code %s",
						 cs->name, num);
				}
				if (item)
					fw_table_add(t, 0,
						     (const char *const[]){
							     item, about,
							     detail, how});
			}
		}
}

int rp_report_check(fw_table **out, fw_project *p, const rp_report_opts *o,
		    fw_error *err)
{
	static const char *const cols[] = {"item", "about", "detail", "to do"};
	*out = NULL;
	rp_inputs in;
	rp_ctx c;
	rp_report_result res;
	memset(&c, 0, sizeof c);
	int rc = run(&c, &res, p, o, &in, 0, err);
	if (!rc) {
		fw_table *t = fw_table_new(4, cols);
		for (size_t i = 0; i < c.ntodo; i++)
			fw_table_add(t, 0,
				     (const char *const[]){c.todo[i].item,
							   c.todo[i].about, "",
							   c.todo[i].how});
		for (size_t g = 0; g < c.nchaps; g++)
			check_cells(&c, g, t);
		*out = t;
	}
	rp_report_result_dispose(&res);
	if (c.p)
		ctx_dispose(&c);
	if (c.in)
		rp_inputs_dispose(&in);
	return rc;
}

/* The chapter a --chapter names: a chapter's number ("4"), "A" for the
 * appendix, or an actor group ("Provider staff"); its heading's id. */
static int chapter_id(char *out, size_t n, const rp_ctx *c, const char *ch)
{
	if (!strcasecmp(ch, "A") || !strcasecmp(ch, "appendix")) {
		snprintf(out, n, "appA");
		return 0;
	}
	char *end;
	long k = strtol(ch, &end, 10);
	if (!*end && k > 0) {
		snprintf(out, n, "ch%ld", k);
		return 0;
	}
	for (size_t g = 0; g < c->nchaps; g++)
		if (!strcasecmp(c->chaps[g].value, ch) ||
		    !strcasecmp(c->chaps[g].title, ch)) {
			snprintf(out, n, "ch%zu", g + 1);
			return 0;
		}
	return -1;
}

int rp_report_tables(size_t *ntables, fw_project *p, const rp_report_opts *o,
		     const char *chapter, int format, const char *path,
		     fw_error *err)
{
	rp_inputs in;
	rp_ctx c;
	rp_report_result res;
	memset(&c, 0, sizeof c);
	*ntables = 0;
	int rc = run(&c, &res, p, o, &in, 0, err);
	char id[64];
	if (!rc && chapter && chapter_id(id, sizeof id, &c, chapter))
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "--chapter %s: not a chapter's number, \"A\" "
				  "or an actor group",
				  chapter);
	if (!rc && (rc = rp_write_tables(&c.doc, chapter ? id : NULL, format,
					 path, ntables, err)) == FW_ENOTFOUND)
		rc = fw_error_set(err, FW_ENOTFOUND, NULL, 0,
				  "--chapter %s: the report's chapters are 1 "
				  "to %zu and A",
				  chapter, c.nchaps + 2);
	rp_report_result_dispose(&res);
	if (c.p)
		ctx_dispose(&c);
	if (c.in)
		rp_inputs_dispose(&in);
	return rc;
}
