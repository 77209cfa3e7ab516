/*
 * ingest_txt.c: plain-text and Markdown transcripts, read by the line
 * parser (transcript_lines.c); Markdown headings, fences and breaks are
 * sections, not speech.
 */
#include "ingest.h"
#include "alloc.h"
#include "errors.h"
#include "fw/transcript.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int decode_text(fw_transcript **out, const char *data, size_t len,
		       const char *label, const char *format,
		       const fw_ingest_opts *opts, fw_error *err)
{
	char *text;
	size_t tlen;
	const char *enc;
	int rc = fw_text_decode(&text, &tlen, &enc, data, len, label,
				opts ? opts->allow_cp1252 : 1, err);
	if (rc)
		return rc;
	fw_transcript *t = fw_transcript_new(text, tlen, enc, format);
	if (!strcmp(enc, "windows-1252") && !(opts && opts->allow_cp1252 == 2))
		fw_diags_add(&t->diags, FW_DIAG_WARNING, label, 0,
			     "not UTF-8; read as Windows-1252");
	*out = t;
	return 0;
}

/* Markdown: **Name:** and Name: turns as in plain text; ATX headings
 * ("# ...") and setext underlines mark sections, which are not speech:
 * a hint per line of t, *nl of them. */
static fw_hint *md_hints(const fw_transcript *t, size_t *out_nl)
{
	size_t nl = 1;
	for (size_t i = 0; i < t->len; i++)
		nl += t->text[i] == '\n';
	fw_hint *h = fw_xcalloc(nl, sizeof *h);
	size_t k = 0, off = 0, prev_off = 0, prev_len = 0;
	int fence = 0;
	while (off <= t->len && k < nl) {
		const char *nlp = memchr(t->text + off, '\n', t->len - off);
		size_t e = nlp ? (size_t)(nlp - t->text) : t->len;
		const char *s = t->text + off;
		size_t n = e - off, i = 0;
		while (i < n && i < 3 && s[i] == ' ')
			i++;
		if (n - i >= 3 &&
		    (!strncmp(s + i, "```", 3) || !strncmp(s + i, "~~~", 3))) {
			fence = !fence;
			h[k].kind = FW_HINT_SECTION;
		} else if (fence) {
			h[k].kind = FW_HINT_SECTION;
		} else if (i < n && s[i] == '#') {
			size_t j = i;
			while (j < n && s[j] == '#')
				j++;
			if (j - i <= 6 &&
			    (j == n || s[j] == ' ' || s[j] == '\t'))
				h[k].kind = FW_HINT_SECTION;
		} else if (k > 0 && n - i >= 3 && prev_len > 0 &&
			   strspn(s + i, "=") == n - i) {
			/* setext heading: the line above is the heading */
			h[k].kind = FW_HINT_SECTION;
			h[k - 1].kind = FW_HINT_SECTION;
		} else if (n - i >= 3 && (strspn(s + i, "-") == n - i ||
					  strspn(s + i, "*") == n - i)) {
			h[k].kind = FW_HINT_SECTION; /* thematic break */
		}
		(void)prev_off;
		prev_off = off;
		prev_len = n;
		k++;
		if (!nlp)
			break;
		off = e + 1;
	}
	*out_nl = nl;
	return h;
}

/* Markdown's backslash escapes (\[laughs\], \*) taken out: the text a
 * reader sees. */
static void md_unescape(fw_transcript *t)
{
	size_t o = 0;
	for (size_t i = 0; i < t->len; i++) {
		if (t->text[i] == '\\' && i + 1 < t->len &&
		    ispunct((unsigned char)t->text[i + 1]))
			i++;
		t->text[o++] = t->text[i];
	}
	t->text[o] = 0;
	t->len = o;
}

/* Plain text, or Markdown (md) with its sections hinted. */
static int parse_text(fw_transcript **out, const char *data, size_t len,
		      const char *label, const fw_ingest_opts *opts, int md,
		      fw_error *err)
{
	*out = NULL;
	fw_transcript *t;
	int rc =
		decode_text(&t, data, len, label, md ? "md" : "txt", opts, err);
	if (rc)
		return rc;
	size_t nl = 0;
	fw_hint *h = md ? md_hints(t, &nl) : NULL;
	if (md) /* after the hints: "\# 1" is no heading; lines stay put */
		md_unescape(t);
	rc = fw_lines_to_turns(t, h, nl, md, label, opts, err);
	free(h);
	if (rc) {
		fw_transcript_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int fw_transcript_parse_txt(fw_transcript **out, const char *data, size_t len,
			    const char *label, const fw_ingest_opts *opts,
			    fw_error *err)
{
	return parse_text(out, data, len, label, opts, 0, err);
}

int fw_transcript_parse_md(fw_transcript **out, const char *data, size_t len,
			   const char *label, const fw_ingest_opts *opts,
			   fw_error *err)
{
	return parse_text(out, data, len, label, opts, 1, err);
}
