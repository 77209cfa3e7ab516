/*
 * chapter.c: a chapter per value of the chapter attribute (actor group):
 * its key findings, a section per theme the group has data on (told by the
 * analytic memo on the theme within the group), a sub-section per
 * sub-theme it raised, with prevalence, agreement, the group's summaries
 * and quotes.
 */
#include "compose.h"
#include "doc.h"
#include "redact.h"
#include "buf.h"
#include "errors.h"
#include "fw/report_data.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- chapters ------------------------------------------------------------ */

static void summaries(rp_ctx *c, const rp_chap *h, size_t ki)
{
	for (size_t i = 0; i < h->n; i++) {
		size_t ci = h->cases[i];
		const fw_rcell *x = rp_cell_at(c, ci, ki);
		if (!x->summary)
			continue;
		const fw_rcase *cs = &c->d->cases[ci];
		char href[700], page[700];
		rp_block *b = rp_doc_add(&c->doc, RP_PARA);
		b->style_class = RP_CLASS_SUMMARY;
		if (cs->source) {
			rp_page_href(href, sizeof href, c, cs->source, 0);
			snprintf(page, sizeof page, "%s", href);
		}
		/* the label opens the paragraph: capitalised, as a sentence */
		char who[512];
		snprintf(who, sizeof who, "%s", rp_case_who(c, ci));
		rp_cap_first(who);
		rp_block_span(b, who, cs->source ? href : NULL, RP_BOLD);
		if (x->agreement) {
			char ag[160];
			const char *a = x->agreement;
			if (!strcmp(a, "consensus"))
				a = "all agreed";
			else if (!strcmp(a, "majority"))
				a = "most agreed";
			else if (!strcmp(a, "divergent"))
				a = "views divided";
			else if (!strncmp(a, "single", 6))
				a = "one participant";
			snprintf(ag, sizeof ag, " (%s)", a);
			rp_block_span(b, ag, NULL, 0);
		}
		rp_block_span(b, ": ", NULL, 0);
		char *sm = rp_redact_apply(&c->names_out, x->summary,
					   &c->res->redacted);
		rp_block_linked(b, sm, cs->source ? page : NULL);
		free(sm);
		c->res->summaries++;
	}
}

static void join_names(const char *const *v, size_t n, fw_buf *b)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fw_buf_puts(b, i + 1 == n ? " and " : ", ");
		fw_buf_puts(b, v[i]);
	}
}

/* An italic paragraph: prefix, then the names joined, then a stop. */
static void list_para(rp_ctx *c, const char *prefix, const char *const *names,
		      size_t n)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_puts(&b, prefix);
	join_names(names, n, &b);
	fw_buf_putc(&b, '.');
	rp_doc_para(&c->doc, b.ptr, RP_ITALIC);
	fw_buf_dispose(&b);
}

int rp_chapter(rp_ctx *c, size_t g, fw_error *err)
{
	rp_chap *h = &c->chaps[g];
	char id[64], num[32], text[600];
	snprintf(id, sizeof id, "ch%zu", g + 1);
	snprintf(text, sizeof text, "%zu %s", g + 1, h->title);
	rp_doc_heading(&c->doc, 1, id, text);
	c->res->chapters++;
	/* who the chapter draws on, in words */
	{
		const char *ind[32], *grp[32];
		size_t ni = 0, ng = 0;
		for (size_t s = 0; s < h->nsubs && s < 32; s++) {
			if (h->subs[s].unit_group)
				grp[ng++] = h->subs[s].many;
			else
				ind[ni++] = h->subs[s].many;
		}
		fw_buf b;
		fw_buf_init(&b);
		fw_buf_puts(&b, "This chapter draws on ");
		if (ni) {
			fw_buf_puts(&b, "the interviews with ");
			join_names(ind, ni, &b);
		}
		if (ng) {
			fw_buf_puts(&b, ni ? " and " : "");
			fw_buf_puts(&b, "the group discussions with ");
			join_names(grp, ng, &b);
		}
		fw_buf_puts(
			&b,
			" (Appendix A describes the sample).  It follows the "
			"thematic framework: a section per theme, and within "
			"it each sub-theme this group raised, with how widely "
			"it was raised, ");
		fw_buf_puts(&b,
			    c->o->no_summaries
				    ? "and illustrative quotes."
				    : "the researchers' chart summaries for "
				      "each case, and illustrative quotes.");
		rp_doc_para(&c->doc, b.ptr, 0);
		fw_buf_dispose(&b);
	}
	rp_key_findings(c, g);
	size_t sec = 0;
	const char *silent[64];
	size_t nsilent = 0;
	for (size_t t = 0; t < c->d->nthemes; t++) {
		const fw_rtheme *th = &c->d->themes[t];
		int any = 0;
		for (size_t i = 0; i < h->n && !any; i++)
			any = rp_theme_data(c, h->cases[i], t);
		if (!any) {
			if (nsilent < 64)
				silent[nsilent++] = th->name;
			continue;
		}
		sec++;
		snprintf(id, sizeof id, "ch%zu-%zu", g + 1, sec);
		snprintf(text, sizeof text, "%zu.%zu %s", g + 1, sec, th->name);
		rp_doc_heading(&c->doc, 2, id, text);
		c->res->sections++;
		{
			fw_buf b;
			fw_buf_init(&b);
			fw_buf_printf(&b, "Theme %s in the framework.  ",
				      th->number);
			if (c->o->base_all)
				fw_buf_puts(
					&b,
					"How widely each sub-theme was raised is "
					"out of every case in this group.");
			else
				fw_buf_puts(
					&b,
					"How widely each sub-theme was raised is "
					"out of those in this group who spoke about "
					"the theme.");
			rp_doc_para(&c->doc, b.ptr, RP_ITALIC);
			fw_buf_dispose(&b);
		}
		rp_theme_narrative(c, g, t);
		size_t subn = 0;
		const char *quiet[64];
		size_t nquiet = 0;
		for (size_t k = th->first; k < th->first + th->n; k++) {
			fw_buf sent;
			fw_buf_init(&sent);
			if (!rp_prevalence_sentence(c, h, k, &sent)) {
				fw_buf_dispose(&sent);
				if (nquiet < 64)
					quiet[nquiet++] = c->d->codes[k].name;
				continue;
			}
			subn++;
			snprintf(id, sizeof id, "ch%zu-%zu-%zu", g + 1, sec,
				 subn);
			snprintf(num, sizeof num, "%zu.%zu.%zu", g + 1, sec,
				 subn);
			snprintf(text, sizeof text, "%s %s", num,
				 c->d->codes[k].name);
			rp_doc_heading(&c->doc, 3, id, text);
			for (size_t s = 0; s < h->nsubs; s++)
				if (h->subs[s].unit_group) {
					fw_buf_putc(&sent, ' ');
					if (!rp_agreement_sentence(
						    c, &h->subs[s], k, &sent))
						sent.len--,
							sent.ptr[sent.len] = 0;
				}
			rp_doc_para(&c->doc, sent.ptr, 0);
			fw_buf_dispose(&sent);
			rp_subtheme_narrative(c, g, k);
			if (!c->o->no_summaries)
				summaries(c, h, k);
			int rc = rp_add_quotes(c, g, k, err);
			if (rc)
				return rc;
		}
		if (nquiet)
			list_para(c, "Not raised in this group: ", quiet,
				  nquiet);
	}
	if (nsilent)
		list_para(c, "Nothing from this group was indexed under ",
			  silent, nsilent);
	return 0;
}
