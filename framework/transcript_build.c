/*
 * transcript_build.c: the two builders every structured reader hands its
 * content to, so that all formats end in the same normalised model:
 *
 *   paragraph builder  DOCX, ODT, HTML: one line per paragraph, labels
 *                      given by the layout (bold run, table column) or
 *                      typed, found by the line parser;
 *   turn builder       WebVTT, SRT, TSV, TEI, ELAN, Transcriber: turns
 *                      rendered as "[hh:mm:ss] Name: speech" paragraphs.
 */
#include "ingest.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "fw/transcript.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A speaker label from a format's markup: whitespace collapsed, at most
 * FW_MAX_LINE_LABEL bytes (cut at a character boundary). */
static char *clean_label(const char *s)
{
	fw_buf b;
	fw_buf_init(&b);
	fw_buf_put_collapsed(&b, s, strlen(s));
	fw_buf_rtrim(&b);
	b.len = fw_utf8_cut(b.ptr ? b.ptr : "", b.len, FW_MAX_LINE_LABEL);
	if (b.ptr)
		b.ptr[b.len] = 0;
	if (!b.len) {
		fw_buf_dispose(&b);
		return fw_xstrdup("Unidentified");
	}
	return fw_buf_detach(&b);
}

/* ---- paragraph builder --------------------------------------------------- */

void fw_pb_init(fw_pbuild *b)
{
	memset(b, 0, sizeof *b);
	fw_buf_init(&b->text);
}

static fw_hint *pb_line(fw_pbuild *b)
{
	if (b->nlines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->hints = fw_xrealloc(b->hints, b->cap * sizeof *b->hints);
	}
	fw_hint *h = &b->hints[b->nlines++];
	h->kind = FW_HINT_NONE;
	h->llen = 0;
	return h;
}

void fw_pb_para(fw_pbuild *b, const char *label, size_t llen, const char *s,
		size_t n, int section)
{
	/* trim the paragraph; keep inner newlines and tabs */
	while (n && (*s == ' ' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' ||
		     s[n - 1] == '\r'))
		n--;
	if (b->nlines)
		fw_buf_putc(&b->text, '\n');
	fw_hint *h = pb_line(b);
	if (section)
		h->kind = FW_HINT_SECTION;
	if (label && llen) {
		char *l = fw_xstrndup(label, llen);
		char *c = clean_label(l);
		free(l);
		h->kind = FW_HINT_LABEL;
		h->llen = (unsigned short)strlen(c);
		fw_buf_puts(&b->text, c);
		fw_buf_puts(&b->text, n ? ": " : ":");
		free(c);
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			continue;
		fw_buf_putc(&b->text, s[i]);
		if (s[i] == '\n') {
			fw_hint *k = pb_line(b);
			if (section)
				k->kind = FW_HINT_SECTION;
		}
	}
}

void fw_pb_dispose(fw_pbuild *b)
{
	fw_buf_dispose(&b->text);
	free(b->hints);
	memset(b, 0, sizeof *b);
}

int fw_pb_finish(fw_pbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err)
{
	*out = NULL;
	size_t len = b->text.len;
	if (!b->text.ptr)
		fw_buf_putc(&b->text, 0), b->text.len = 0, len = 0;
	fw_transcript *t =
		fw_transcript_new(fw_buf_detach(&b->text), len, enc, format);
	int rc = fw_lines_to_turns(t, b->hints, b->nlines, 0, label, opts, err);
	fw_pb_dispose(b);
	if (rc) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* ---- turn builder -------------------------------------------------------- */

void fw_tb_init(fw_tbuild *b)
{
	memset(b, 0, sizeof *b);
}

void fw_tb_add(fw_tbuild *b, const char *speaker, const char *s, size_t n,
	       long t0, long t1, int merge)
{
	char *spk = speaker ? clean_label(speaker) : NULL;
	fw_tbitem *last = b->n ? &b->v[b->n - 1] : NULL;
	if (merge && last && spk && last->speaker &&
	    !strcmp(last->speaker, spk)) {
		free(spk);
		if (last->text.len && last->text.ptr[last->text.len - 1] != ' ')
			fw_buf_putc(&last->text, ' ');
		fw_buf_put_collapsed(&last->text, s, n);
		if (t1 >= 0 && t1 > last->t1)
			last->t1 = t1;
		if (last->t0 < 0)
			last->t0 = t0;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->v = fw_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	fw_tbitem *it = &b->v[b->n++];
	it->speaker = spk;
	fw_buf_init(&it->text);
	fw_buf_put_collapsed(&it->text, s, n);
	it->t0 = t0;
	it->t1 = t1;
}

void fw_tb_interviewer(fw_tbuild *b, const char *label)
{
	char *l = clean_label(label);
	for (size_t i = 0; i < b->niv; i++)
		if (!strcmp(b->iv[i], l)) { /* marked already */
			free(l);
			return;
		}
	b->iv = fw_xrealloc(b->iv, (b->niv + 1) * sizeof *b->iv);
	b->iv[b->niv++] = l;
}

void fw_tb_dispose(fw_tbuild *b)
{
	fw_strv_free(b->iv, b->niv);
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].speaker);
		fw_buf_dispose(&b->v[i].text);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

static void put_time(fw_buf *b, long ms)
{
	long s = ms / 1000;
	fw_buf_printf(b, "[%02ld:%02ld:%02ld] ", s / 3600, s / 60 % 60, s % 60);
}

int fw_tb_finish(fw_tbuild *b, fw_transcript **out, const char *format,
		 const char *enc, const char *label, const fw_ingest_opts *opts,
		 fw_error *err)
{
	*out = NULL;
	/* drop turns left empty (a cue of only tags) */
	size_t speech = 0;
	for (size_t i = 0; i < b->n; i++) {
		fw_buf *x = &b->v[i].text;
		while (x->len && x->ptr[x->len - 1] == ' ')
			x->ptr[--x->len] = 0;
		speech += x->len > 0 && b->v[i].speaker;
	}
	if (!speech) {
		fw_tb_dispose(b);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "no speech found: the %s file has no turns "
				    "with text",
				    format);
	}
	fw_buf text;
	fw_buf_init(&text);
	fw_transcript *t = fw_xcalloc(1, sizeof *t);
	size_t cap = 0;
	typedef struct {
		int spk;
		size_t bs, be;
		long t0, t1;
	} span;
	span *sp = fw_xcalloc(b->n + 1, sizeof *sp);
	size_t ns = 0;
	for (size_t i = 0; i < b->n; i++) {
		fw_tbitem *it = &b->v[i];
		if (!it->text.len)
			continue;
		if (text.len)
			fw_buf_puts(&text, "\n\n");
		if (it->t0 >= 0)
			put_time(&text, it->t0);
		int spk = -1;
		if (it->speaker) {
			spk = fw_speaker_index(t, it->speaker,
					       strlen(it->speaker));
			fw_buf_puts(&text, it->speaker);
			fw_buf_puts(&text, ": ");
		}
		sp[ns].spk = spk;
		sp[ns].bs = text.len;
		fw_buf_put(&text, it->text.ptr, it->text.len);
		sp[ns].be = text.len;
		sp[ns].t0 = it->t0;
		sp[ns].t1 = it->t1;
		ns++;
	}
	fw_buf_putc(&text, '\n');
	fw_ingest_opts local;
	if (opts)
		local = *opts;
	else
		memset(&local, 0, sizeof local);
	if (b->niv && !local.ninterviewers) {
		local.interviewers = (const char *const *)b->iv;
		local.ninterviewers = b->niv;
	}
	t->len = text.len;
	t->text = fw_buf_detach(&text);
	snprintf(t->encoding, sizeof t->encoding, "%s", enc ? enc : "");
	t->format = format;
	for (size_t i = 0; i < ns; i++)
		fw_turn_add(t, &cap, sp[i].spk, sp[i].bs, sp[i].be, sp[i].t0,
			    sp[i].t1);
	free(sp);
	fw_transcript_finish(t, &local);
	fw_tb_dispose(b);
	*out = t;
	return 0;
}

/* ---- decoding ------------------------------------------------------------ */

int fw_decode_for(const char *data, size_t len, const char *label,
		  const fw_ingest_opts *o, int strict, char **out,
		  size_t *out_len, const char **enc, fw_error *err)
{
	int mode = o ? o->allow_cp1252 : 1;
	if (strict && mode == 1)
		mode = 0;
	return fw_text_decode(out, out_len, enc, data, len, label, mode, err);
}
