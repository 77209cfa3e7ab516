/*
 * ingest_timed.c: caption and export formats whose turns carry times.
 *
 *   WebVTT  WEBVTT header (optional), NOTE/STYLE/REGION blocks skipped, cue
 *           settings ignored, <v Name> voice tags or "Name:" prefixes,
 *           consecutive cues of one speaker merged into one turn.
 *   SRT     numbered or unnumbered cues, "," or "." milliseconds, speaker
 *           prefixes ("MAN:", "Name:", ">> Name:"), tags and entities.
 *   TSV     tab-separated exports (NVivo's Timespan, Speaker, Content and
 *           similar), with a header row or not; one turn per row.
 */
#include "ingest.h"
#include "alias.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "escape.h"
#include "fw/transcript.h"
#include "timefmt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct lines {
	const char *text;
	size_t len, off;
	int no; /* 1-based number of the line last returned */
} lines;

static int next_line(lines *l, const char **s, size_t *n)
{
	if (l->off > l->len)
		return 0;
	const char *p = l->text + l->off;
	const char *nl = memchr(p, '\n', l->len - l->off);
	size_t e = nl ? (size_t)(nl - l->text) : l->len;
	*s = p;
	*n = e - l->off;
	l->no++;
	l->off = nl ? e + 1 : l->len + 1;
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A cue time as the tools that write captions write them: hh:mm:ss.mmm,
 * with Teams' unpadded parts and milliseconds ("0:9:2.70" is 9 min 2.070
 * s) and its negative times (as 0). */
static long cue_time(const char *s, size_t n)
{
	int neg = n && s[0] == '-';
	if (neg)
		s++, n--;
	const char *dot = memchr(s, '.', n);
	if (!dot)
		dot = memchr(s, ',', n);
	long t;
	if (dot && (size_t)(s + n - dot - 1) > 0 &&
	    (size_t)(s + n - dot - 1) < 3) {
		/* "2.70": 70 ms, not 700 */
		t = fw_time_parse(s, (size_t)(dot - s));
		long ms = 0;
		for (const char *p = dot + 1; p < s + n; p++) {
			if (!isdigit((unsigned char)*p))
				return -1;
			ms = ms * 10 + (*p - '0');
		}
		t = t < 0 ? -1 : t + ms;
	} else {
		t = fw_time_parse(s, n);
	}
	return neg && t >= 0 ? 0 : t;
}

/* "start --> end [settings]"; returns 1 and the times, 0 if the line has no
 * arrow, -1 if it has one but the times are malformed. */
static int cue_timing(const char *s, size_t n, long *t0, long *t1)
{
	const char *a = memmem(s, n, "-->", 3);
	if (!a)
		return 0;
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	size_t st = i;
	while (s + i < a && !isspace((unsigned char)s[i]))
		i++;
	*t0 = cue_time(s + st, i - st);
	size_t j = (size_t)(a - s) + 3;
	while (j < n && isspace((unsigned char)s[j]))
		j++;
	size_t st2 = j;
	while (j < n && !isspace((unsigned char)s[j]))
		j++;
	*t1 = cue_time(s + st2, j - st2);
	if (*t0 < 0 || *t1 < 0)
		return -1;
	return 1;
}

/* Strip markup from caption text: <tags> (keeping <v Name>'s name in
 * *voice), {\ass} overrides; entities decoded. */
static void caption_text(const char *s, size_t n, fw_buf *out, char *voice,
			 size_t vcap)
{
	fw_buf raw;
	fw_buf_init(&raw);
	size_t i = 0;
	while (i < n) {
		if (s[i] == '<') {
			const char *gt = memchr(s + i, '>', n - i);
			if (!gt) {
				fw_buf_putc(&raw, s[i++]);
				continue;
			}
			size_t tl = (size_t)(gt - (s + i)) + 1;
			if (voice && tl > 3 && s[i + 1] == 'v' &&
			    (s[i + 2] == ' ' || s[i + 2] == '.' ||
			     s[i + 2] == '\t')) {
				size_t k = i + 2;
				while (k < i + tl - 1 && s[k] != ' ' &&
				       s[k] != '\t')
					k++; /* skip .class */
				while (k < i + tl - 1 &&
				       (s[k] == ' ' || s[k] == '\t'))
					k++;
				size_t vl = i + tl - 1 - k;
				if (!vl && s[i + 2] == '.') {
					/* <v.speaker1>: the class names the
					 * voice */
					k = i + 3;
					while (k < i + tl - 1 && s[k] != '.' &&
					       s[k] != ' ')
						k++;
					vl = k - (i + 3);
					k = i + 3;
				}
				if (vl >= vcap)
					vl = vcap - 1;
				if (vl && !voice[0]) {
					fw_buf v;
					fw_buf_init(&v);
					fw_unesc_entities(&v, s + k, vl);
					snprintf(voice, vcap, "%s",
						 v.ptr ? v.ptr : "");
					fw_buf_dispose(&v);
				}
			}
			/* a word break where a tag stood between words: nothing
			 */
			i += tl;
			continue;
		}
		if (s[i] == '{' && i + 1 < n && s[i + 1] == '\\') {
			const char *cb = memchr(s + i, '}', n - i);
			if (cb) {
				i = (size_t)(cb - s) + 1;
				continue;
			}
		}
		fw_buf_putc(&raw, s[i++]);
	}
	fw_buf dec;
	fw_buf_init(&dec);
	fw_unesc_entities(&dec, raw.ptr ? raw.ptr : "", raw.len);
	/* drop the bidi marks &lrm; &rlm; leave in text */
	fw_buf_put_collapsed(out, dec.ptr ? dec.ptr : "", dec.len);
	fw_buf_dispose(&dec);
	fw_buf_dispose(&raw);
}

/* A "Name:" (or ">> Name:") prefix of caption text: moves it to *spk and
 * returns the offset of the speech. */
static size_t speaker_prefix(const char *s, size_t n, char *spk, size_t cap)
{
	size_t i = 0;
	if (n >= 2 && s[0] == '>' && s[1] == '>') {
		i = 2;
		while (i < n && s[i] == ' ')
			i++;
	}
	size_t ls, ll, c;
	if (fw_label_prefix(s + i, n - i, &ls, &ll, &c)) {
		size_t k = ll < cap - 1 ? ll : cap - 1;
		memcpy(spk, s + i + ls, k);
		spk[k] = 0;
		return i + c;
	}
	return i;
}

/* One cue's payload lines into the builder. */
static void add_cue(fw_tbuild *b, const char *payload, size_t n, long t0,
		    long t1, char *last_spk, size_t cap, int vtt)
{
	fw_buf txt;
	fw_buf_init(&txt);
	char voice[128] = "";
	caption_text(payload, n, &txt, vtt ? voice : NULL, sizeof voice);
	const char *s = txt.ptr ? txt.ptr : "";
	size_t len = txt.len;
	char spk[128] = "";
	size_t off = speaker_prefix(s, len, spk, sizeof spk);
	const char *who = voice[0] ? voice : spk[0] ? spk : NULL;
	int merge = 1;
	if (who) {
		snprintf(last_spk, cap, "%s", who);
	} else if (last_spk[0]) {
		who = last_spk; /* an untagged cue continues the speaker before
				 */
	} else {
		who = "Unidentified";
		merge = 0; /* unknown voices: keep each cue's times */
	}
	if (len > off)
		fw_tb_add(b, who, s + off, len - off, t0, t1, merge);
	fw_buf_dispose(&txt);
}

/* The line at s is read again by the next next_line. */
static void step_back(lines *L, const char *s)
{
	L->off = (size_t)(s - L->text);
	L->no--;
}

/* Pass over the rest of a block (to a blank line). */
static void skip_block(lines *L, const char *s, size_t n)
{
	while (!blank(s, n) && next_line(L, &s, &n))
		;
}

static int cues(fw_transcript **out, const char *data, size_t len,
		const char *label, const fw_ingest_opts *o, int vtt,
		fw_error *err)
{
	*out = NULL;
	char *text;
	size_t tlen;
	const char *enc;
	/* WebVTT is UTF-8 by definition; SRT files are often not */
	int rc = fw_decode_for(data, len, label, o, vtt, &text, &tlen, &enc,
			       err);
	if (rc)
		return rc;
	lines L = {text, tlen, 0, 0};
	const char *s = text;
	size_t n = 0;
	fw_tbuild b;
	fw_tb_init(&b);
	char last[128] = "";
	int cues_seen = 0;
	/* skip the WEBVTT header block */
	if (vtt) {
		size_t save = L.off;
		int save_no = L.no;
		while (next_line(&L, &s, &n) && blank(s, n))
			;
		if (L.no && n >= 6 && !strncmp(s, "WEBVTT", 6)) {
			while (next_line(&L, &s, &n) && !blank(s, n))
				if (memmem(s, n, "-->", 3))
					break; /* header ran straight into a cue
						*/
			if (n && memmem(s, n, "-->", 3)) {
				/* step back one line so the loop sees the
				 * timing */
				L.off = (size_t)(s - text);
				L.no--;
			}
		} else {
			L.off = save;
			L.no = save_no;
		}
	}
	fw_buf payload;
	fw_buf_init(&payload);
	fw_diags dg;
	fw_diags_init(&dg);
	while (next_line(&L, &s, &n)) {
		if (blank(s, n))
			continue;
		int start_no = L.no;
		long t0, t1;
		/* NOTE, STYLE and REGION blocks: passed over up to the next
		 * cue, blank lines and all */
		if (vtt && ((n >= 4 && !strncmp(s, "NOTE", 4) &&
			     (n == 4 || isspace((unsigned char)s[4]))) ||
			    (n >= 5 && !strncmp(s, "STYLE", 5) &&
			     blank(s + 5, n - 5)) ||
			    (n >= 6 && !strncmp(s, "REGION", 6) &&
			     blank(s + 6, n - 6)))) {
			while (next_line(&L, &s, &n))
				if (cue_timing(s, n, &t0, &t1) > 0) {
					step_back(&L, s);
					break;
				}
			continue;
		}
		int tr = cue_timing(s, n, &t0, &t1);
		if (tr == 0) {
			/* a cue identifier (SRT's number); the timing follows
			 */
			char id[64];
			snprintf(id, sizeof id, "%.*s", (int)(n > 60 ? 60 : n),
				 s);
			if (!next_line(&L, &s, &n) || blank(s, n) ||
			    (tr = cue_timing(s, n, &t0, &t1)) == 0) {
				fw_diags_add(
					&dg, FW_DIAG_WARNING, label, start_no,
					"no cue timing (00:00:01%s000 --> "
					"00:00:04%s000) after '%s': the "
					"block is left out",
					vtt ? "." : ",", vtt ? "." : ",", id);
				skip_block(&L, s, n);
				continue;
			}
		}
		if (tr < 0 || t1 < t0) {
			fw_diags_add(
				&dg, FW_DIAG_WARNING, label, L.no,
				tr < 0 ? "malformed cue time in '%.*s': the "
					 "cue is left out"
				       : "the cue '%.*s' ends before it "
					 "starts: it is left out",
				(int)(n > 60 ? 60 : n), s);
			skip_block(&L, s, n);
			continue;
		}
		cues_seen++;
		payload.len = 0;
		if (payload.ptr)
			payload.ptr[0] = 0;
		size_t before = 0; /* where the payload's last line starts */
		while (next_line(&L, &s, &n) && !blank(s, n)) {
			long u0, u1;
			if (cue_timing(s, n, &u0, &u1) > 0) {
				/* the next cue, with no blank line before: its
				 * number, if any, is not this cue's words */
				step_back(&L, s);
				if (payload.len > before &&
				    strspn(payload.ptr + before,
					   "0123456789") ==
					    payload.len - before)
					payload.len = before ? before - 1 : 0;
				break;
			}
			if (payload.len)
				fw_buf_putc(&payload, '\n');
			before = payload.len;
			fw_buf_put(&payload, s, n);
		}
		add_cue(&b, payload.ptr ? payload.ptr : "", payload.len, t0, t1,
			last, sizeof last, vtt);
	}
	fw_buf_dispose(&payload);
	free(text);
	if (!cues_seen) {
		fw_tb_dispose(&b);
		rc = fw_error_set(err, FW_EPARSE, label,
				  dg.n ? dg.v[0].line : 0,
				  "no cues found: not a %s file%s%s",
				  vtt ? "WebVTT" : "SRT", dg.n ? " (" : "",
				  dg.n ? dg.v[0].msg : "");
		if (dg.n)
			strncat(err->msg, ")",
				sizeof err->msg - strlen(err->msg) - 1);
		fw_diags_dispose(&dg);
		return rc;
	}
	rc = fw_tb_finish(&b, out, vtt ? "vtt" : "srt", enc, label, o, err);
	if (!rc)
		fw_diags_append(&(*out)->diags, &dg, NULL);
	fw_diags_dispose(&dg);
	return rc;
}

int fw_parse_cues(fw_transcript **out, int format, const char *data, size_t len,
		  const char *label, const fw_ingest_opts *o, fw_error *err)
{
	return cues(out, data, len, label, o, format == FW_TF_VTT, err);
}

/* ---- tab-separated exports ----------------------------------------------- */

#define TSV_MAX_COLS 32

/* One row: fields split on tabs; a field that starts with a double quote
 * may hold tabs and newlines, with "" for a quote. */
static int tsv_row(lines *L, fw_buf *store, size_t *offs, size_t *lens, int *nf,
		   int *line, const char *label, fw_error *err)
{
	const char *s;
	size_t n;
	*nf = 0;
	store->len = 0;
	do {
		if (!next_line(L, &s, &n))
			return 0;
	} while (blank(s, n));
	*line = L->no;
	size_t i = 0;
	for (;;) {
		if (*nf == TSV_MAX_COLS)
			return fw_error_set(
				err, FW_EPARSE, label, *line,
				"more than %d tab-separated columns",
				TSV_MAX_COLS);
		offs[*nf] = store->len;
		if (i < n && s[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					/* the quoted field continues on the
					 * next line */
					if (!next_line(L, &s, &n))
						return fw_error_set(
							err, FW_EPARSE, label,
							*line,
							"a quoted field is not closed");
					fw_buf_putc(store, '\n');
					i = 0;
					continue;
				}
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						fw_buf_putc(store, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				fw_buf_putc(store, s[i++]);
			}
			while (i < n && s[i] != '\t')
				fw_buf_putc(store, s[i++]);
		} else {
			size_t st = i;
			while (i < n && s[i] != '\t')
				i++;
			fw_buf_put(store, s + st, i - st);
		}
		lens[*nf] = store->len - offs[*nf];
		fw_buf_putc(store, 0);
		(*nf)++;
		if (i >= n)
			break;
		i++; /* the tab */
	}
	return 1;
}

/* "0:01:02.3", or a range "0:00:00.0 - 0:01:02.3" / "00:00-00:05". */
static int time_range(const char *s, size_t n, long *t0, long *t1)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ':' ||
			 s[i] == '.' || s[i] == ','))
		i++;
	*t0 = fw_time_parse(s, i);
	*t1 = -1;
	if (*t0 < 0)
		return 0;
	size_t j = i;
	while (j < n &&
	       (s[j] == ' ' || s[j] == '-' || s[j] == '\t' ||
		(unsigned char)s[j] == 0xE2 || (unsigned char)s[j] == 0x80 ||
		(unsigned char)s[j] == 0x93))
		j++;
	if (j == n && j == i)
		return 1;
	if (j < n) {
		*t1 = fw_time_parse(s + j, n - j);
		if (*t1 < 0)
			return 0;
	}
	return 1;
}

enum { COL_NONE, COL_TIME, COL_END, COL_SPEAKER, COL_TEXT };

static int header_kind(const char *s)
{
	static const char *const h[] = {
		[COL_TIME] =
			"timespan|time|start|start time|begin|timestamp|in",
		[COL_END] = "end|end time|stop|out",
		[COL_SPEAKER] = "speaker|name|participant|person|who",
		[COL_TEXT] =
			"content|text|transcript|utterance|speech|annotation"};
	while (*s == ' ' || *s == '#')
		s++;
	int k = fw_alias_find(h, (int)(sizeof h / sizeof *h), s);
	return k < 0 ? COL_NONE : k;
}

static void guess_columns(const char *text, size_t tlen, int nf, int *kind)
{
	lines L = {text, tlen, 0, 0};
	fw_buf store;
	fw_buf_init(&store);
	size_t offs[TSV_MAX_COLS], lens[TSV_MAX_COLS];
	double total[TSV_MAX_COLS] = {0};
	int times[TSV_MAX_COLS] = {0}, rows = 0, n, line;
	char *seen[TSV_MAX_COLS][8];
	int nseen[TSV_MAX_COLS] = {0}, overflow[TSV_MAX_COLS] = {0};
	while (rows < 50 &&
	       tsv_row(&L, &store, offs, lens, &n, &line, "", NULL) > 0) {
		if (n != nf)
			continue;
		rows++;
		for (int i = 0; i < nf; i++) {
			long a, z;
			total[i] += (double)lens[i];
			times[i] += time_range(store.ptr + offs[i], lens[i], &a,
					       &z);
			int dup = 0;
			for (int k = 0; k < nseen[i]; k++)
				dup |= !strcmp(seen[i][k], store.ptr + offs[i]);
			if (!dup) {
				if (nseen[i] < 8)
					seen[i][nseen[i]++] =
						fw_xstrdup(store.ptr + offs[i]);
				else
					overflow[i] = 1;
			}
		}
	}
	fw_buf_dispose(&store);
	int ti = -1, ci = -1, si = -1;
	for (int i = 0; i < nf && rows; i++)
		if (ti < 0 && times[i] * 10 >= rows * 8)
			ti = i;
	for (int i = 0; i < nf; i++)
		if (i != ti && (ci < 0 || total[i] >= total[ci]))
			ci = i;
	for (int i = 0; i < nf; i++) {
		if (i == ti || i == ci || !rows ||
		    total[i] / rows > FW_MAX_LINE_LABEL)
			continue;
		int d = overflow[i] ? 99 : nseen[i];
		int ds = si < 0 ? 999 : overflow[si] ? 99 : nseen[si];
		if (d < ds)
			si = i;
	}
	for (int i = 0; i < nf; i++)
		for (int k = 0; k < nseen[i]; k++)
			free(seen[i][k]);
	if (ti >= 0)
		kind[ti] = COL_TIME;
	if (ci >= 0)
		kind[ci] = COL_TEXT;
	if (si >= 0)
		kind[si] = COL_SPEAKER;
}

int fw_parse_tsv(fw_transcript **out, const char *data, size_t len,
		 const char *label, const fw_ingest_opts *o, fw_error *err)
{
	*out = NULL;
	char *text;
	size_t tlen;
	const char *enc;
	int rc = fw_decode_for(data, len, label, o, 0, &text, &tlen, &enc, err);
	if (rc)
		return rc;
	lines L = {text, tlen, 0, 0};
	fw_buf store;
	fw_buf_init(&store);
	size_t offs[TSV_MAX_COLS], lens[TSV_MAX_COLS];
	int nf, line, kind[TSV_MAX_COLS] = {0}, ncols = 0, have_header = 0;

	/* the first row: a header if its cells name the columns */
	rc = tsv_row(&L, &store, offs, lens, &nf, &line, label, err);
	if (rc <= 0) {
		fw_buf_dispose(&store);
		free(text);
		return rc < 0 ? rc
			      : fw_error_set(err, FW_EPARSE, label, 0,
					     "the transcript is empty");
	}
	int named = 0;
	for (int i = 0; i < nf; i++) {
		kind[i] = header_kind(store.ptr + offs[i]);
		named += kind[i] != COL_NONE;
	}
	if (named >= 1 && named * 2 >= nf) {
		have_header = 1;
		ncols = nf;
	} else {
		/* no header: guess from the first rows: a column of times, the
		 * longest column as the speech, the column with fewest distinct
		 * short values as the speaker */
		memset(kind, 0, sizeof kind);
		ncols = nf;
		if (nf == 1) {
			kind[0] = COL_TEXT;
		} else {
			guess_columns(text, tlen, nf, kind);
		}
	}
	int ci = -1, si = -1, ti = -1, ei = -1;
	for (int i = 0; i < ncols; i++) {
		if (kind[i] == COL_TEXT && ci < 0)
			ci = i;
		else if (kind[i] == COL_SPEAKER && si < 0)
			si = i;
		else if (kind[i] == COL_TIME && ti < 0)
			ti = i;
		else if (kind[i] == COL_END && ei < 0)
			ei = i;
	}
	if (ci < 0) {
		fw_buf_dispose(&store);
		free(text);
		return fw_error_set(
			err, FW_EPARSE, label, line,
			"no column of speech: name one Content, Text or "
			"Transcript in the header row");
	}
	fw_tbuild b;
	fw_tb_init(&b);
	int first = !have_header;
	for (;;) {
		if (!first) {
			rc = tsv_row(&L, &store, offs, lens, &nf, &line, label,
				     err);
			if (rc < 0)
				goto fail;
			if (rc == 0)
				break;
		}
		first = 0;
		if (nf <= ci && nf < ncols) {
			rc = fw_error_set(
				err, FW_EPARSE, label, line,
				"expected %d tab-separated columns, found %d",
				ncols, nf);
			goto fail;
		}
		long t0 = -1, t1 = -1;
		if (ti >= 0 && ti < nf && lens[ti]) {
			if (!time_range(store.ptr + offs[ti], lens[ti], &t0,
					&t1)) {
				rc = fw_error_set(
					err, FW_EPARSE, label, line,
					"'%.*s' is not a time (h:mm:ss.s or a "
					"range 'start - end')",
					(int)(lens[ti] > 40 ? 40 : lens[ti]),
					store.ptr + offs[ti]);
				goto fail;
			}
		}
		if (ei >= 0 && ei < nf && lens[ei]) {
			long a, z;
			if (time_range(store.ptr + offs[ei], lens[ei], &a, &z))
				t1 = a;
		}
		const char *who = si >= 0 && si < nf && lens[si]
					  ? store.ptr + offs[si]
					  : "Unidentified";
		fw_buf dec;
		fw_buf_init(&dec);
		fw_unesc_entities(&dec, store.ptr + offs[ci], lens[ci]);
		fw_tb_add(&b, who, dec.ptr ? dec.ptr : "", dec.len, t0, t1, 0);
		fw_buf_dispose(&dec);
	}
	fw_buf_dispose(&store);
	free(text);
	return fw_tb_finish(&b, out, "tsv", enc, label, o, err);
fail:
	fw_tb_dispose(&b);
	fw_buf_dispose(&store);
	free(text);
	return rc;
}
