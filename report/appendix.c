/*
 * appendix.c: the method appendix: the sample tables (as --table asks),
 * the analysis, the word table, how quotes were chosen.
 */
#include "compose.h"
#include "doc.h"
#include "names.h"
#include "words.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/codebook.h"
#include "fw/review.h"
#include "fw/sample.h"
#include "tables.h"
#include "table.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- appendix ------------------------------------------------------------ */

/* Is num a number of one of the study's tables? */
static int number_used(const rp_ctx *c, const char *num)
{
	for (size_t i = 0; i < c->tables.n; i++)
		if (c->tables.v[i].number &&
		    !strcasecmp(c->tables.v[i].number, num))
			return 1;
	return 0;
}

void rp_table_number(rp_ctx *c, char *out, size_t n)
{
	/* after the study's own appendix tables, whatever their numbers (its
	 * A.1 and A.2 may not be in the report at all) */
	for (size_t i = 0; i < c->tables.n; i++) {
		const char *num = c->tables.v[i].number;
		if (num && (num[0] == 'A' || num[0] == 'a') && num[1] == '.' &&
		    atoi(num + 2) > c->table_seq)
			c->table_seq = atoi(num + 2);
	}
	do
		snprintf(out, n, "A.%d", ++c->table_seq);
	while (number_used(c, out));
}

/* A.1: the sample tables, counted from the classification sheet, each
 * with the study's number or the next of the report's own. */
static int appendix_sample(rp_ctx *c, fw_error *err)
{
	rp_doc_heading(&c->doc, 2, "appA-1", "A.1 The sample");
	rp_block *p = rp_doc_add(&c->doc, RP_PARA);
	rp_block_span(p,
		      "The tables are counted from the classification sheet.",
		      NULL, 0);
	for (size_t i = 0; i < c->tables.n; i++) {
		rp_tdef *d = &c->tables.v[i];
		if (!d->number) {
			char num[32];
			rp_table_number(c, num, sizeof num);
			d->number = fw_xstrdup(num);
		}
		rp_table_built t;
		int rc = rp_tdef_build(&t, d, &c->in->names, c->p,
				       c->o->tables_file, err);
		if (rc)
			return rc;
		rp_block *b = rp_doc_add(&c->doc, RP_TABLE);
		b->caption = t.caption; /* the block takes them over */
		b->table = t.table;
		b->note = t.note;
		for (size_t r = 0; r < d->nrows; r++)
			rp_typology_memo(c, d->rows[r].name);
	}
	return 0;
}

static void appendix_framework(rp_ctx *c);
static void appendix_review(rp_ctx *c);

/* A.2: what the analysis drew on. */
static void appendix_analysis(rp_ctx *c)
{
	rp_doc_heading(&c->doc, 2, "appA-2", "A.2 The analysis");
	int summ = 0, coded = 0;
	for (size_t i = 0; i < c->d->ncases * c->d->ncodes; i++) {
		summ += c->d->cells[i].summary != NULL;
		coded += c->d->cells[i].codings > 0;
	}
	rp_doc_paraf(
		&c->doc,
		"The transcripts were indexed with a thematic framework of %zu "
		"themes and %zu sub-themes and charted: a chart per theme, a row "
		"per case, a column per sub-theme, with the researcher's "
		"summary and line references in each cell.  This report draws "
		"on %zu cases, %d indexed cells and %d written summaries%s.  "
		"Every summary names the transcript lines behind it, linked to "
		"the transcript.",
		c->d->nthemes, c->d->ncodes, c->d->ncases, coded, summ,
		c->d->drafts
			? " (draft summaries not yet accepted are left out)"
			: "");
	appendix_framework(c);
	appendix_review(c);
}

/* How the framework evolved (its change log): drafted before indexing,
 * changed during it. */
static void appendix_framework(rp_ctx *c)
{
	fw_table *t = NULL;
	if (fw_framework_changes(&t, c->p, NULL) || !t->nrows) {
		fw_table_free(t);
		return;
	}
	long added = 0, renamed = 0, merged = 0, removed = 0, moved = 0;
	fw_buf emergent;
	fw_buf_init(&emergent);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *act = fw_table_cell(t, r, 2);
		int during = strcmp(fw_table_cell(t, r, 5), "0") != 0;
		if (!during)
			continue;
		if (!strcmp(act, "add")) {
			added++;
			fw_buf_printf(
				&emergent, "%s%s %s", added > 1 ? ", " : "",
				fw_table_cell(t, r, 3), fw_table_cell(t, r, 4));
		}
		renamed += !strcmp(act, "rename");
		merged += !strcmp(act, "merge");
		removed += !strcmp(act, "delete");
		moved += !strcmp(act, "renumber");
	}
	char first[16];
	snprintf(first, sizeof first, "%.10s", fw_table_cell(t, 0, 0));
	rp_doc_paraf(&c->doc,
		     "The framework was drafted before indexing began (first "
		     "imported on %s)%s.",
		     first,
		     added + renamed + merged + removed + moved
			     ? " and refined during indexing"
			     : " and kept unchanged through indexing");
	if (added + renamed + merged + removed + moved)
		rp_doc_paraf(&c->doc,
			     "During indexing %ld theme%s emerged and %s added"
			     "%s%s%s; %ld code%s renamed, %ld moved or "
			     "renumbered, %ld merged into another and %ld "
			     "deleted.",
			     added, added == 1 ? "" : "s",
			     added == 1 ? "was" : "were", added ? " (" : "",
			     added ? fw_buf_str(&emergent) : "",
			     added ? ")" : "", renamed,
			     renamed == 1 ? " was" : "s were", moved, merged,
			     removed);
	fw_buf_dispose(&emergent);
	fw_table_free(t);
}

/* n as prose writes it: 1,811 (digits grouped in threes). */
static void grouped(char *out, size_t size, long n)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%ld", n < 0 ? -n : n), o = 0;
	if (n < 0 && (size_t)o + 1 < size)
		out[o++] = '-';
	for (int i = 0; i < len && (size_t)o + 1 < size; i++) {
		if (i && (len - i) % 3 == 0 && (size_t)o + 2 < size)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = 0;
}

/* What the researcher decided of auto-coding, and what was indexed by
 * hand: only decided codings count. */
static void appendix_review(rp_ctx *c)
{
	fw_table *t = NULL;
	if (fw_review_summary(&t, c->p, NULL)) {
		fw_table_free(t);
		return;
	}
	long n[4] = {0};
	for (size_t r = 0; r < t->nrows; r++)
		for (int k = 0; k < 4; k++)
			n[k] += atol(fw_table_cell(t, r, (size_t)k + 2));
	fw_table_free(t);
	if (!n[0] && !n[1] && !n[2] && !n[3])
		return;
	char hand[64], all[32], acc[32], rej[32], nh[32];
	grouped(all, sizeof all, n[0] + n[1] + n[2]);
	grouped(acc, sizeof acc, n[1]);
	grouped(rej, sizeof rej, n[2]);
	grouped(nh, sizeof nh, n[3]);
	if (n[3])
		snprintf(hand, sizeof hand, "%s passage%s", nh,
			 n[3] == 1 ? "" : "s");
	else
		snprintf(hand, sizeof hand, "none");
	rp_doc_paraf(&c->doc,
		     "Auto-coding rules suggested %s passages, of which the "
		     "researcher accepted %s and rejected %s%s; %s %s "
		     "indexed by hand.  Only accepted and hand-indexed "
		     "passages count in the charts and in this report.",
		     all, acc, rej,
		     n[0] ? " (the rest, not yet decided, are left out)" : "",
		     hand, n[3] == 1 ? "was" : "were");
}

/* A.3: how prevalence is put in words, with the word table. */
static void appendix_prevalence(rp_ctx *c)
{
	char text[1200];
	rp_doc_heading(&c->doc, 2, "appA-3", "A.3 How prevalence is reported");
	rp_doc_paraf(
		&c->doc,
		"Findings say how widely a view was held in words rather than "
		"numbers, because counts from a small purposive sample invite "
		"readings as proportions of a population.  A sub-theme counts "
		"as raised by a case when the case's transcript was indexed to "
		"it or its chart cell has a summary.  The base is %s, and "
		"every sentence names it (\"most of the 30 clients\"); with a "
		"base under five, or for groups, the count is a number in words "
		"(\"two of the three managers\", \"advisers in four of the six "
		"groups\").  A group discussion counts as one group, whatever "
		"its size; where the chart records whether its members agreed "
		"(consensus, majority, divergent, or a single member), the text "
		"says so over the groups that raised the sub-theme.  The words "
		"follow this table: the first rule that holds names the count.",
		c->o->base_all
			? "every case in the group"
			: "the cases in the group that spoke about the "
			  "theme (indexed or summarised anywhere in it)");
	{
		static const char *const cols[] = {"Word", "Used when"};
		fw_table *t = fw_table_new(2, cols);
		for (size_t i = 0; i < c->in->words.n; i++) {
			const rp_word *r = &c->in->words.r[i];
			char rule[80];
			if (!r->share)
				snprintf(rule, sizeof rule, "exactly %.0f",
					 r->v);
			else if (r->v >= 100)
				snprintf(rule, sizeof rule,
					 "every case of the base");
			else if (r->v <= 0)
				snprintf(rule, sizeof rule, "any other count");
			else
				snprintf(rule, sizeof rule,
					 "at least %g%% of the base", r->v);
			const char *row[2] = {r->word, rule};
			fw_table_add(t, FW_ROW_DATA, row);
		}
		rp_block *b = rp_doc_add(&c->doc, RP_TABLE);
		char num[32];
		rp_table_number(c, num, sizeof num);
		snprintf(text, sizeof text, "Table %s Words for prevalence",
			 num);
		b->caption = fw_xstrdup(text);
		b->table = t;
	}
}

/* A.4: how quotes were chosen, attributed and stripped of names. */
static void appendix_quotes(rp_ctx *c)
{
	rp_doc_heading(&c->doc, 2, "appA-4", "A.4 Quotes");
	rp_doc_paraf(
		&c->doc,
		"Quotes are first the passages the researchers starred as good "
		"quotes in the chart summaries, then other passages indexed to "
		"the sub-theme, those nearest a quote's length first; at most %d "
		"per sub-theme, spread across roles and cases, and never the "
		"same passage twice.  Each is the respondent's own words, whole "
		"sentences of eight words or more, never the interviewer's.  A "
		"passage that names a listed person, provider or place is "
		"quoted only where the researchers starred it.  Each is "
		"attributed with the label \"%s\", never the case, and links to "
		"its place in a transcript page with names and case ids "
		"removed.  %s",
		c->o->quotes, c->label,
		c->nwarned ? "Some labels match a single person in the study "
			     "(see the warnings charter printed); choose a "
			     "label with fewer attributes before publishing."
			   : "No label used matches a single person in the "
			     "study.");
	if (c->o->keep_names)
		rp_doc_para(&c->doc,
			    "Names in quotes and summaries are left as spoken "
			    "and written: check them before publishing.",
			    0);
	else
		rp_doc_paraf(
			&c->doc,
			"Participants' names (the speaker labels of the "
			"transcripts that are personal names)%s are replaced with "
			"[name] in quotes and summaries%s.  Other names spoken in "
			"interviews, of staff or places, are left unless listed: "
			"read the quotes before publishing.",
			c->listed_names
				? " and the names the researchers listed"
				: "",
			c->listed_names
				? ", and the providers and places they listed "
				  "with [provider] and [place], so that no quote "
				  "says where it was spoken"
				: "");
}

int rp_appendix(rp_ctx *c, fw_error *err)
{
	rp_doc_heading(&c->doc, 1, "appA", "Appendix A Method");
	int rc = appendix_sample(c, err);
	if (rc)
		return rc;
	appendix_analysis(c);
	appendix_prevalence(c);
	appendix_quotes(c);
	return 0;
}
