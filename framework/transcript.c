/*
 * transcript.c: charter's normalised transcript: UTF-8 text with LF line
 * ends, speakers with roles, turns as byte and code-point spans with lines
 * and times.  Every reader ends here (fw_transcript_finish).
 */
#include "fw/transcript.h"
#include "ingest.h"
#include "alias.h"
#include "alloc.h"
#include "lines.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *fw_role_name(int role)
{
	switch (role) {
	case FW_ROLE_INTERVIEWER: return "interviewer";
	case FW_ROLE_RESPONDENT: return "respondent";
	case FW_ROLE_PARTICIPANT: return "participant";
	default: return "any";
	}
}

int fw_role_parse(const char *s)
{
	static const char *const roles[] = {
		[FW_ROLE_NONE] = "any|all",
		[FW_ROLE_INTERVIEWER] = "interviewer",
		[FW_ROLE_RESPONDENT] = "respondent",
		[FW_ROLE_PARTICIPANT] = "participant"};
	return fw_alias_find(roles, (int)(sizeof roles / sizeof *roles), s);
}

fw_transcript *fw_transcript_new(char *text, size_t len, const char *enc,
				 const char *format)
{
	fw_transcript *t = fw_xcalloc(1, sizeof *t);
	t->text = text;
	t->len = len;
	snprintf(t->encoding, sizeof t->encoding, "%s", enc ? enc : "");
	t->format = format;
	return t;
}

void fw_transcript_free(fw_transcript *t)
{
	if (!t)
		return;
	fw_diags_dispose(&t->diags);
	for (size_t i = 0; i < t->nspeakers; i++)
		free(t->speakers[i].label);
	free(t->speakers);
	free(t->turns);
	free(t->text);
	free(t->sidx);
	fw_strv_free(t->meta_keys, t->nmeta);
	fw_strv_free(t->meta_values, t->nmeta);
	free(t);
}

void fw_transcript_meta_add(fw_transcript *t, const char *key, size_t klen,
			    const char *value, size_t vlen)
{
	for (size_t i = 0; i < t->nmeta; i++)
		if (strlen(t->meta_keys[i]) == klen &&
		    !strncasecmp(t->meta_keys[i], key, klen))
			return; /* the first one stands */
	t->meta_keys = fw_xpush(t->meta_keys, t->nmeta, sizeof *t->meta_keys);
	t->meta_values =
		fw_xpush(t->meta_values, t->nmeta, sizeof *t->meta_values);
	t->meta_keys[t->nmeta] = fw_xstrndup(key, klen);
	t->meta_values[t->nmeta++] = fw_xstrndup(value, vlen);
}

static size_t label_hash(const char *l, size_t n)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)l[i]) * 1099511628211u;
	return h;
}

/* The speakers by label: an open-addressed table of index + 1, grown at
 * half full, so that finding a label does not walk every speaker. */
static void index_put(fw_transcript *t, size_t i)
{
	if (2 * (t->nspeakers + 1) > t->scap) {
		size_t cap = t->scap ? 2 * t->scap : 64;
		size_t *v = fw_xcalloc(cap, sizeof *v);
		for (size_t k = 0; k < t->scap; k++)
			if (t->sidx[k]) {
				const char *s =
					t->speakers[t->sidx[k] - 1].label;
				size_t h = label_hash(s, strlen(s)) & (cap - 1);
				while (v[h])
					h = (h + 1) & (cap - 1);
				v[h] = t->sidx[k];
			}
		free(t->sidx);
		t->sidx = v;
		t->scap = cap;
	}
	const char *s = t->speakers[i].label;
	size_t h = label_hash(s, strlen(s)) & (t->scap - 1);
	while (t->sidx[h])
		h = (h + 1) & (t->scap - 1);
	t->sidx[h] = i + 1;
}

int fw_speaker_index(fw_transcript *t, const char *l, size_t n)
{
	for (size_t h = t->scap ? label_hash(l, n) & (t->scap - 1) : 0;
	     t->scap && t->sidx[h]; h = (h + 1) & (t->scap - 1)) {
		const char *s = t->speakers[t->sidx[h] - 1].label;
		if (strlen(s) == n && !strncmp(s, l, n))
			return (int)(t->sidx[h] - 1);
	}
	t->speakers = fw_xpush(t->speakers, t->nspeakers, sizeof *t->speakers);
	fw_tspeaker *s = &t->speakers[t->nspeakers];
	s->label = fw_xstrndup(l, n);
	s->role = FW_ROLE_NONE;
	s->turns = 0;
	index_put(t, t->nspeakers);
	return (int)t->nspeakers++;
}

void fw_turn_add(fw_transcript *t, size_t *cap, int speaker, size_t bs,
		 size_t be, long tms, long tend)
{
	/* trim whitespace at both ends */
	while (bs < be && isspace((unsigned char)t->text[bs]))
		bs++;
	while (be > bs && isspace((unsigned char)t->text[be - 1]))
		be--;
	if (be == bs && speaker < 0)
		return;
	if (t->nturns == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->turns = fw_xrealloc(t->turns, *cap * sizeof *t->turns);
	}
	fw_turn *u = &t->turns[t->nturns++];
	u->speaker = speaker;
	u->bstart = bs;
	u->bend = be;
	u->t_start_ms = tms;
	u->t_end_ms = tend;
	if (speaker >= 0)
		t->speakers[speaker].turns++;
}

/* ---- roles --------------------------------------------------------------- */

static const char *const interviewer_labels[] = {"interviewer",
						 "int",
						 "iv",
						 "i",
						 "q",
						 "facilitator",
						 "moderator",
						 "researcher",
						 "fac",
						 "mod",
						 "chair",
						 "question",
						 "interviewer 1",
						 "interviewer 2",
						 "researcher 1",
						 "researcher 2",
						 "researcher 3",
						 "facilitator 1",
						 "facilitator 2",
						 "moderator 1",
						 "moderator 2",
						 NULL};

static int label_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* A label's role word: "The Chair (Jane Doe)" is "Chair". */
static void role_word(const char *l, char *out, size_t n)
{
	if (!strncasecmp(l, "the ", 4))
		l += 4;
	size_t k = strcspn(l, "(");
	while (k && l[k - 1] == ' ')
		k--;
	snprintf(out, n, "%.*s", (int)k, l);
}

static int is_interviewer_label(const char *l, const fw_ingest_opts *o)
{
	if (o && o->ninterviewers) {
		for (size_t i = 0; i < o->ninterviewers; i++)
			if (label_eq(l, o->interviewers[i]))
				return 1;
		return 0;
	}
	char w[64];
	role_word(l, w, sizeof w);
	for (int i = 0; interviewer_labels[i]; i++)
		if (label_eq(l, interviewer_labels[i]) ||
		    label_eq(w, interviewer_labels[i]))
			return 1;
	return 0;
}

static int ends_question(const char *s, size_t bs, size_t be)
{
	return be > bs && s[be - 1] == '?';
}

/* Assign roles: named interviewers, else the label asking most questions. */
static void assign_roles(fw_transcript *t, const fw_ingest_opts *o)
{
	int any = 0;
	for (size_t i = 0; i < t->nspeakers; i++) {
		if (is_interviewer_label(t->speakers[i].label, o)) {
			t->speakers[i].role = FW_ROLE_INTERVIEWER;
			any = 1;
		} else {
			t->speakers[i].role = o && o->group
						      ? FW_ROLE_PARTICIPANT
						      : FW_ROLE_RESPONDENT;
		}
	}
	if (any || t->nspeakers < 2 || (o && o->ninterviewers))
		return;
	/* No label says who asks: the speaker whose turns most often end in a
	 * question mark is taken to be the interviewer. */
	int best = -1;
	double bestr = 0.0;
	size_t *q = fw_xcalloc(2 * t->nspeakers, sizeof *q); /* asked, turns */
	for (size_t k = 0; k < t->nturns; k++) {
		int i = t->turns[k].speaker;
		if (i < 0)
			continue;
		q[2 * i + 1]++;
		q[2 * i] += ends_question(t->text, t->turns[k].bstart,
					  t->turns[k].bend);
	}
	for (size_t i = 0; i < t->nspeakers; i++) {
		double r = q[2 * i + 1] ? (double)q[2 * i] / q[2 * i + 1] : 0.0;
		if (r > bestr) {
			bestr = r;
			best = (int)i;
		}
	}
	free(q);
	if (best >= 0 && bestr >= 0.3) {
		t->speakers[best].role = FW_ROLE_INTERVIEWER;
		fw_diags_add(&t->diags, FW_DIAG_WARNING, NULL, 0,
			     "no interviewer label; took '%s' (asks most "
			     "questions) as the interviewer (use --interviewer "
			     "to say)",
			     t->speakers[best].label);
	}
}

void fw_transcript_finish(fw_transcript *t, const fw_ingest_opts *o)
{
	assign_roles(t, o);
	fw_lines li;
	fw_lines_build(&li, t->text, t->len);
	t->lines = t->len ? li.n : 0;
	/* code-point offsets: walk once, turns are in text order */
	long cp = 0;
	size_t b = 0;
	for (size_t k = 0; k < t->nturns; k++) {
		fw_turn *u = &t->turns[k];
		cp += fw_utf8_count(t->text + b, u->bstart - b);
		u->start = cp;
		cp += fw_utf8_count(t->text + u->bstart, u->bend - u->bstart);
		u->end = cp;
		b = u->bend;
		u->line_start = fw_lines_at(&li, u->bstart);
		u->line_end = fw_lines_at(&li, u->bend > u->bstart ? u->bend - 1
								   : u->bstart);
		if (u->t_start_ms >= 0 && u->t_end_ms < 0)
			for (size_t j = k + 1; j < t->nturns; j++)
				if (t->turns[j].t_start_ms >= 0) {
					u->t_end_ms = t->turns[j].t_start_ms;
					break;
				}
	}
	t->chars = fw_utf8_count(t->text, t->len);
	fw_lines_dispose(&li);
	long words = 0;
	for (size_t k = 0; k < t->nturns; k++) {
		int inw = 0;
		for (size_t i = t->turns[k].bstart; i < t->turns[k].bend; i++) {
			int sp = isspace((unsigned char)t->text[i]);
			if (!sp && !inw)
				words++;
			inw = !sp;
		}
	}
	t->words = words;
}
