/*
 * ingest_speech.c: the formats of speech research and speech recognition:
 * CHAT (.cha, CHILDES/TalkBank), Praat TextGrid, and Whisper / WhisperX
 * JSON.  Each becomes turns with speakers and times through the turn
 * builder.
 */
#include "ingest.h"
#include "alias.h"
#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "lines.h"

#include <jansson.h>

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- CHAT ---------------------------------------------------------------- */

/* Roles of @Participants that ask. */
static const char *const chat_askers =
	"investigator|interviewer|experimenter|teacher|clinician|therapist";

/* The @Participants line: "CHI Ruth Target_Child, INV Investigator". */
static void chat_participants(fw_tbuild *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != ',')
			e++;
		/* the words of one participant: code [name] role */
		const char *w[3];
		size_t wl[3], nw = 0;
		for (size_t k = i; k < e && nw < 3;) {
			while (k < e && isspace((unsigned char)s[k]))
				k++;
			size_t st = k;
			while (k < e && !isspace((unsigned char)s[k]))
				k++;
			if (k > st) {
				w[nw] = s + st;
				wl[nw++] = k - st;
			}
		}
		if (nw >= 2 && fw_alias_findn(&chat_askers, 1, w[nw - 1],
					      wl[nw - 1]) == 0) {
			char code[32];
			snprintf(code, sizeof code, "%.*s", (int)wl[0], w[0]);
			fw_tb_interviewer(b, code);
		}
		i = e + 1;
	}
}

/* A media bullet "\x15" start_end "\x15" in a main tier: its times, and
 * the bullet taken out of the text. */
static void chat_bullet(fw_buf *t, long *t0, long *t1)
{
	char *a = t->ptr ? memchr(t->ptr, 0x15, t->len) : NULL;
	char *z = a ? memchr(a + 1, 0x15, t->len - (size_t)(a + 1 - t->ptr))
		    : NULL;
	if (!z)
		return;
	long x, y;
	if (sscanf(a + 1, "%ld_%ld", &x, &y) == 2 && x >= 0 && y >= x) {
		*t0 = x;
		*t1 = y;
	}
	size_t cut = (size_t)(z + 1 - a);
	memmove(a, z + 1, t->len - (size_t)(z + 1 - t->ptr) + 1);
	t->len -= cut;
}

/* CHAT's text, decoded; freed here. */
static int parse_chat(fw_transcript **out, char *text, size_t n,
		      const char *enc, const char *label,
		      const fw_ingest_opts *o, fw_error *err)
{
	fw_tbuild b;
	fw_tb_init(&b);
	fw_line_iter it = {text, n, 0, 0};
	const char *s;
	size_t l;
	char who[64] = "";
	fw_buf said;
	fw_buf_init(&said);
	int main_tier = 0, begun = 0;
	for (int more = 1; more;) {
		more = fw_line_next(&it, &s, &l, 1);
		/* a main tier ends at the next tier or header */
		if (main_tier && (!more || (l && s[0] != '\t'))) {
			long t0 = -1, t1 = -1;
			chat_bullet(&said, &t0, &t1);
			fw_tb_add(&b, who, said.ptr ? said.ptr : "", said.len,
				  t0, t1, 0);
			said.len = 0;
			main_tier = 0;
		}
		if (!more)
			break;
		if (l > 14 && !strncmp(s, "@Participants:", 14))
			chat_participants(&b, s + 14, l - 14);
		begun |= l >= 6 && !strncmp(s, "@Begin", 6);
		if (l > 1 && s[0] == '*') {
			const char *colon = memchr(s, ':', l);
			if (!colon || colon - s > 32) {
				fw_tb_dispose(&b);
				fw_buf_dispose(&said);
				free(text);
				return fw_error_set(
					err, FW_EPARSE, label, it.line,
					"a main tier without "
					"*SPEAKER: before its words");
			}
			snprintf(who, sizeof who, "%.*s", (int)(colon - s - 1),
				 s + 1);
			fw_buf_put(&said, colon + 1,
				   l - (size_t)(colon + 1 - s));
			main_tier = 1;
		} else if (main_tier && l && s[0] == '\t') {
			fw_buf_putc(&said, ' ');
			fw_buf_put(&said, s + 1, l - 1);
		}
		/* %mor:, %gra: and other dependent tiers are left out */
	}
	fw_buf_dispose(&said);
	free(text);
	if (!begun) {
		fw_tb_dispose(&b);
		return fw_error_set(err, FW_EPARSE, label, 1,
				    "not a CHAT file: no @Begin line");
	}
	return fw_tb_finish(&b, out, "chat", enc, label, o, err);
}

/* ---- Praat TextGrid ------------------------------------------------------ */

/* The values of a TextGrid in order, long or short form alike: numbers,
 * quoted strings ("" inside is one quote) and <exists>; names, "=",
 * "item [1]:" and the like are passed over. */
typedef struct tg_in {
	const char *s;
	size_t n, i;
	int line;
} tg_in;

/* The next value: 1 for a number (*num), 2 for a string (*str, owned),
 * 3 for <exists>, 0 at the end, -1 on an unterminated string. */
static int tg_next(tg_in *in, double *num, char **str)
{
	while (in->i < in->n) {
		char c = in->s[in->i];
		if (c == '\n')
			in->line++;
		if (c == '"') {
			fw_buf b;
			fw_buf_init(&b);
			size_t k = in->i + 1;
			for (;;) {
				if (k >= in->n) {
					fw_buf_dispose(&b);
					return -1;
				}
				if (in->s[k] == '"') {
					if (k + 1 < in->n &&
					    in->s[k + 1] == '"') {
						fw_buf_putc(&b, '"');
						k += 2;
						continue;
					}
					break;
				}
				in->line += in->s[k] == '\n';
				fw_buf_putc(&b, in->s[k++]);
			}
			in->i = k + 1;
			*str = b.ptr ? fw_buf_detach(&b) : fw_xstrdup("");
			return 2;
		}
		if (c == '[') { /* item [1]: an index, not a value */
			while (in->i < in->n && in->s[in->i] != ']')
				in->i++;
			continue;
		}
		if (c == '<' && in->n - in->i >= 8 &&
		    !strncmp(in->s + in->i, "<exists>", 8)) {
			in->i += 8;
			return 3;
		}
		if (isdigit((unsigned char)c) ||
		    ((c == '-' || c == '.') && in->i + 1 < in->n &&
		     isdigit((unsigned char)in->s[in->i + 1]))) {
			char *end;
			*num = strtod(in->s + in->i, &end);
			in->i = (size_t)(end - in->s);
			return 1;
		}
		if (c == '!') { /* a comment to the end of the line */
			while (in->i < in->n && in->s[in->i] != '\n')
				in->i++;
			continue;
		}
		in->i++;
	}
	return 0;
}

static int tg_num(tg_in *in, double *v)
{
	char *s = NULL;
	int k = tg_next(in, v, &s);
	free(s);
	return k == 1 && isfinite(*v) && *v >= -1e9 && *v <= 1e9;
}

static int tg_str(tg_in *in, char **s)
{
	double v;
	*s = NULL;
	int k = tg_next(in, &v, s);
	if (k != 2) {
		free(*s);
		*s = NULL;
	}
	return k == 2;
}

/* The tiers: interval tiers become a speaker's turns; point tiers are
 * left out. */
static int tg_tiers(tg_in *in, fw_tbuild *b, const char *label, fw_error *err)
{
	double v, count;
	if (!tg_num(in, &v) || !tg_num(in, &v))
		return fw_error_set(err, FW_EPARSE, label, in->line,
				    "TextGrid: no xmin and xmax");
	char *x = NULL;
	int k = tg_next(in, &v, &x);
	free(x);
	if (k == 3 && !tg_num(in, &count))
		return fw_error_set(err, FW_EPARSE, label, in->line,
				    "TextGrid: no number of tiers");
	if (k == 1)
		count = v;
	if (k != 1 && k != 3)
		return 0; /* no tiers */
	if (count < 0 || count > 1000)
		return fw_error_set(err, FW_EPARSE, label, in->line,
				    "TextGrid: %g tiers", count);
	for (int t = 0; t < (int)count; t++) {
		char *cls, *name;
		double n;
		if (!tg_str(in, &cls))
			return fw_error_set(err, FW_EPARSE, label, in->line,
					    "TextGrid: tier %d has no class",
					    t + 1);
		int intervals = !strcmp(cls, "IntervalTier");
		free(cls);
		if (!tg_str(in, &name) || !tg_num(in, &v) || !tg_num(in, &v) ||
		    !tg_num(in, &n) || n < 0 || n > 1e6) {
			free(name);
			return fw_error_set(err, FW_EPARSE, label, in->line,
					    "TextGrid: tier %d is cut short",
					    t + 1);
		}
		for (long i = 0; i < (long)n; i++) {
			double a, z = 0;
			char *said;
			if (!tg_num(in, &a) || (intervals && !tg_num(in, &z)) ||
			    !tg_str(in, &said)) {
				int rc = fw_error_set(err, FW_EPARSE, label,
						      in->line,
						      "TextGrid: tier '%s' "
						      "is cut short",
						      name);
				free(name);
				return rc;
			}
			if (intervals && strspn(said, " \t\r\n") < strlen(said))
				fw_tb_add(b, name, said, strlen(said),
					  (long)llround(a * 1000),
					  (long)llround(z * 1000), 0);
			free(said);
		}
		free(name);
	}
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const fw_tbitem *x = a, *y = b;
	return (x->t0 > y->t0) - (x->t0 < y->t0);
}

/* A TextGrid's text, decoded; freed here. */
static int parse_textgrid(fw_transcript **out, char *text, size_t n,
			  const char *enc, const char *label,
			  const fw_ingest_opts *o, fw_error *err)
{
	int rc;
	tg_in in = {text, n, 0, 1};
	char *ft = NULL, *oc = NULL;
	fw_tbuild b;
	fw_tb_init(&b);
	if (!tg_str(&in, &ft) || strcmp(ft, "ooTextFile") ||
	    !tg_str(&in, &oc) || strcmp(oc, "TextGrid"))
		rc = fw_error_set(
			err, FW_EPARSE, label, 1,
			"not a Praat TextGrid: no File type = "
			"\"ooTextFile\", Object class = \"TextGrid\"");
	else
		rc = tg_tiers(&in, &b, label, err);
	free(ft);
	free(oc);
	free(text);
	if (rc) {
		fw_tb_dispose(&b);
		return rc;
	}
	/* the tiers' intervals in time order, as the conversation went */
	if (b.n)
		qsort(b.v, b.n, sizeof *b.v, item_cmp);
	return fw_tb_finish(&b, out, "textgrid", enc, label, o, err);
}

/* ---- Whisper and WhisperX JSON ------------------------------------------- */

static int parse_whisper(fw_transcript **out, const char *data, size_t len,
			 const char *label, const fw_ingest_opts *o,
			 fw_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return fw_error_set(err, FW_EPARSE, label, je.line, "JSON: %s",
				    je.text);
	json_t *segs = json_is_object(root)  ? json_object_get(root, "segments")
		       : json_is_array(root) ? root
					     : NULL;
	if (!json_is_array(segs)) {
		json_decref(root);
		return fw_error_set(err, FW_EPARSE, label, 1,
				    "not a Whisper transcript: no \"segments\" "
				    "array");
	}
	fw_tbuild b;
	fw_tb_init(&b);
	size_t i;
	json_t *seg;
	json_array_foreach(segs, i, seg)
	{
		json_t *tx = json_object_get(seg, "text");
		json_t *st = json_object_get(seg, "start");
		json_t *en = json_object_get(seg, "end");
		json_t *sp = json_object_get(seg, "speaker");
		if (!json_is_string(tx) || !json_is_number(st) ||
		    json_number_value(st) < 0 || json_number_value(st) > 1e7) {
			fw_tb_dispose(&b);
			json_decref(root);
			return fw_error_set(err, FW_EPARSE, label, 0,
					    "segment %zu: no \"text\" and "
					    "\"start\" (seconds)",
					    i + 1);
		}
		long t0 = (long)llround(json_number_value(st) * 1000);
		long t1 = json_is_number(en) && json_number_value(en) >= 0 &&
					  json_number_value(en) < 1e7
				  ? (long)llround(json_number_value(en) * 1000)
				  : -1;
		const char *who =
			json_is_string(sp) ? json_string_value(sp) : "Speaker";
		/* a diarised speaker's segments make one turn */
		fw_tb_add(&b, who, json_string_value(tx),
			  json_string_length(tx), t0, t1, json_is_string(sp));
	}
	json_decref(root);
	return fw_tb_finish(&b, out, "whisper", "UTF-8", label, o, err);
}

int fw_parse_speech(fw_transcript **out, int format, const char *data,
		    size_t len, const char *label, const fw_ingest_opts *o,
		    fw_error *err)
{
	*out = NULL;
	if (format == FW_TF_WHISPER)
		return parse_whisper(out, data, len, label, o, err);
	char *text;
	size_t n;
	const char *enc;
	int rc = fw_decode_for(data, len, label, o, 0, &text, &n, &enc, err);
	if (rc)
		return rc;
	return format == FW_TF_CHAT
		       ? parse_chat(out, text, n, enc, label, o, err)
		       : parse_textgrid(out, text, n, enc, label, o, err);
}
