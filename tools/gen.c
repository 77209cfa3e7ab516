/*
 * gen.c: writes a synthetic corpus for `make bench`: N megabytes of
 * interview transcripts (INTERVIEWER:/RESPONDENT: turns, realistic turn and
 * sentence lengths, a vocabulary of fieldwork words), deterministic for a
 * given seed.
 *
 * With --format FMT the same interviews are written as md, html, vtt, srt,
 * tsv, tei, eaf, trs, docx or odt (the last two zipped with libzip), so that
 * `make bench` can compare the readers on like content.
 *
 * --turns N makes shorter interviews (N/2 to N question-and-answer pairs).
 *
 * usage: gen [--format FMT] [--turns N] DIR MEGABYTES [SEED]
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

static unsigned long long state;

static unsigned rnd(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((state >> 33) % n);
}

static const char *const words[] = {
	"the",        "and",        "I",          "you",         "it",
	"to",         "was",        "a",          "of",          "that",
	"they",       "in",         "my",         "me",          "but",
	"so",         "know",       "just",       "like",        "really",
	"erm",        "well",       "adviser",    "Jobcentre",   "letter",
	"interview",  "work",       "job",        "benefit",     "health",
	"back",       "pain",       "depression", "anxiety",     "provider",
	"course",     "training",   "money",      "worried",     "appointment",
	"phone",      "rang",       "said",       "went",        "felt",
	"think",      "thought",    "help",       "helped",      "support",
	"CV",         "confidence", "doctor",     "medical",     "sanction",
	"sanctioned", "incapacity", "condition",  "management",  "programme",
	"volunteer",  "part-time",  "hours",      "childcare",   "kids",
	"partner",    "bus",        "office",     "form",        "forms",
	"week",       "weeks",      "months",     "year",        "time",
	"people",     "staff",      "target",     "targets",     "outcome",
	"placement",  "employer",   "pushed",     "pressure",    "nice",
	"friendly",   "useless",    "waste",      "better",      "worse",
	"because",    "when",       "then",       "there",       "what",
	"about",      "would",      "could",      "never",       "always",
	"sometimes",  "again",      "first",      "after",       "before",
	"get",        "got",        "going",      "come",        "came",
	"see",        "saw",        "told",       "asked",       "wanted",
	"need",       "needed",     "try",        "tried",       "start",
	"started",    "fine",       "okay",       "hard",        "easy",
	"long",       "short",      "little",     "lot",         "mum",
	"daughter",   "son",        "husband",    "wife",        "home",
	"house",      "town",       "credit",     "calculation", "better-off",
	"tax",        "wages",      "shop",       "care",        "warehouse",
	"cleaning",   "driving",    "computer",   "college",     "skills"};
#define NW (sizeof words / sizeof words[0])

static const char *const questions[] = {
	"How did you first hear about it?",
	"Can you say a bit more about that?",
	"What happened at the interview?",
	"How did that make you feel?",
	"Did the adviser explain what the provider does?",
	"What support did they offer you?",
	"And did you go?",
	"Has it made any difference to you?",
	"What would you change?",
	"Tell me about your health at the moment."};
#define NQ (sizeof questions / sizeof questions[0])

/* ---- one interview as turns ---------------------------------------------- */

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void putf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put(b, tmp, (size_t)n);
}

static void sentence(buf *b, int nwords)
{
	for (int i = 0; i < nwords; i++) {
		const char *w = words[rnd(NW)];
		if (i == 0)
			putf(b, "%c%s",
			     w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0],
			     w + 1);
		else
			putf(b, " %s", w);
	}
	puts_(b, rnd(8) ? ". " : "? ");
}

typedef struct turn {
	int iv;      /* the interviewer's turn */
	buf text;    /* paragraphs separated by "\n" */
	long t0, t1; /* ms */
} turn;

static int max_turns = 0; /* --turns: shorter interviews */

static int make_interview(turn *v, int max)
{
	int turns = max_turns ? max_turns / 2 +
					(int)rnd((unsigned)(max_turns / 2 + 1))
			      : 60 + (int)rnd(60);
	int n = 0;
	long t = 0;
	for (int k = 0; k < turns && n + 2 <= max; k++) {
		turn *q = &v[n++];
		memset(q, 0, sizeof *q);
		q->iv = 1;
		puts_(&q->text, questions[rnd(NQ)]);
		q->t0 = t;
		t += 4000;
		q->t1 = t;
		turn *a = &v[n++];
		memset(a, 0, sizeof *a);
		int paras = 1 + (int)rnd(3);
		for (int p = 0; p < paras; p++) {
			if (p)
				puts_(&a->text, "\n");
			int ns = 2 + (int)rnd(8);
			for (int s = 0; s < ns; s++)
				sentence(&a->text, 5 + (int)rnd(20));
			while (a->text.n && a->text.p[a->text.n - 1] == ' ')
				a->text.p[--a->text.n] = 0;
		}
		a->t0 = t;
		t += (long)a->text.n * 60; /* about 150 words a minute */
		a->t1 = t;
	}
	return n;
}

static const char *who(const turn *u)
{
	return u->iv ? "Interviewer" : "Respondent";
}

static void hms(buf *b, long ms, char sep)
{
	putf(b, "%02ld:%02ld:%02ld%c%03ld", ms / 3600000, ms / 60000 % 60,
	     ms / 1000 % 60, sep, ms % 1000);
}

/* text with paragraph breaks replaced */
static void para_text(buf *b, const buf *t, const char *br)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->p[i] == '\n')
			puts_(b, br);
		else
			put(b, t->p + i, 1);
	}
}

/* s with the bytes escaped in \ or doubled quotes as each format wants:
 * 'j' JSON, 't' TextGrid, 'r' RTF, 'p' PDF strings, 'c' CHAT (one line) */
static void esc_put(buf *o, const buf *t, int how)
{
	for (size_t i = 0; i < t->n; i++) {
		unsigned char c = (unsigned char)t->p[i];
		if (c == '\n')
			puts_(o, how == 'r' ? "\\par\n" : " ");
		else if (how == 'j' && (c == '"' || c == '\\'))
			putf(o, "\\%c", c);
		else if (how == 't' && c == '"')
			puts_(o, "\"\"");
		else if ((how == 'r' || how == 'p') &&
			 (c == '\\' || c == '{' || c == '}' || c == '(' ||
			  c == ')'))
			putf(o, "\\%c", c);
		else if ((how == 'r' || how == 'p') && c >= 0x80)
			puts_(o, "?"); /* ASCII only, for the simple writers */
		else
			put(o, t->p + i, 1);
	}
}

/* A PDF of the interview's lines, 50 to a page, in Helvetica. */
static void render_pdf(buf *o, int id, turn *v, int n)
{
	buf lines = {0}; /* the page streams, one after another */
	size_t *starts = calloc((size_t)n * 64 + 8, sizeof *starts);
	int npages = 0, onpage = 50;
	char title[96];
	snprintf(title, sizeof title, "Synthetic interview %d", id);
	buf tb = {title, strlen(title)};
	for (int i = -1; i < n; i++) {
		buf line = {0};
		if (i >= 0) {
			putf(&line, "%s: ", who(&v[i]));
			esc_put(&line, &v[i].text, 'p');
		} else {
			esc_put(&line, &tb, 'p');
		}
		for (size_t at = 0; at < line.n;) {
			size_t e = at + 90 < line.n ? at + 90 : line.n;
			while (e < line.n && line.p[e] != ' ')
				e++;
			if (onpage == 50) {
				if (npages)
					puts_(&lines, "ET\n");
				starts[npages++] = lines.n;
				puts_(&lines, "BT /F1 10 Tf 13 TL 50 760 Td\n");
				onpage = 0;
			}
			puts_(&lines, "(");
			put(&lines, line.p + at, e - at);
			puts_(&lines, ") Tj T*\n");
			onpage++;
			at = e < line.n ? e + 1 : e;
		}
		free(line.p);
	}
	puts_(&lines, "ET\n");
	starts[npages] = lines.n;
	/* objects: 1 catalog, 2 pages, 3 font, then a page and its stream */
	size_t *off = calloc((size_t)npages * 2 + 4, sizeof *off);
	puts_(o, "%PDF-1.4\n");
	off[1] = o->n;
	puts_(o, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = o->n;
	puts_(o, "2 0 obj << /Type /Pages /Kids [");
	for (int p = 0; p < npages; p++)
		putf(o, "%d 0 R ", 4 + 2 * p);
	putf(o, "] /Count %d >> endobj\n", npages);
	off[3] = o->n;
	puts_(o, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
		 ">> endobj\n");
	for (int p = 0; p < npages; p++) {
		off[4 + 2 * p] = o->n;
		putf(o,
		     "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 "
		     "792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d "
		     "0 R >> endobj\n",
		     4 + 2 * p, 5 + 2 * p);
		off[5 + 2 * p] = o->n;
		size_t len = starts[p + 1] - starts[p];
		putf(o, "%d 0 obj << /Length %zu >> stream\n", 5 + 2 * p, len);
		put(o, lines.p + starts[p], len);
		puts_(o, "endstream endobj\n");
	}
	size_t xref = o->n;
	int nobj = 4 + 2 * npages;
	putf(o, "xref\n0 %d\n0000000000 65535 f \n", nobj);
	for (int k = 1; k < nobj; k++)
		putf(o, "%010zu 00000 n \n", off[k]);
	putf(o, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	     nobj, xref);
	free(off);
	free(starts);
	free(lines.p);
}

/* The formats of speech research and recognition, and RTF and PDF. */
static void render_more(buf *o, const char *fmt, int id, turn *v, int n)
{
	if (!strcmp(fmt, "chat")) {
		puts_(o, "@UTF8\n@Begin\n@Languages:\teng\n@Participants:\tINV "
			 "Investigator, PAR Participant\n");
		for (int i = 0; i < n; i++) {
			putf(o, "*%s:\t", v[i].iv ? "INV" : "PAR");
			esc_put(o, &v[i].text, 'c');
			putf(o, " \x15%ld_%ld\x15\n", v[i].t0, v[i].t1);
		}
		puts_(o, "@End\n");
	} else if (!strcmp(fmt, "textgrid")) {
		long end = n ? v[n - 1].t1 : 0;
		putf(o,
		     "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n"
		     "xmin = 0\nxmax = %.3f\ntiers? <exists>\nsize = 2\nitem []:\n",
		     end / 1000.0);
		for (int tier = 0; tier < 2; tier++) {
			int k = 0;
			for (int i = 0; i < n; i++)
				k += v[i].iv == !tier;
			putf(o,
			     "    item [%d]:\n        class = \"IntervalTier\"\n"
			     "        name = \"%s\"\n        xmin = 0\n"
			     "        xmax = %.3f\n        intervals: size = %d\n",
			     tier + 1, tier ? "Respondent" : "Interviewer",
			     end / 1000.0, k);
			for (int i = 0, j = 0; i < n; i++) {
				if (v[i].iv != !tier)
					continue;
				putf(o,
				     "        intervals [%d]:\n            xmin = "
				     "%.3f\n            xmax = %.3f\n"
				     "            text = \"",
				     ++j, v[i].t0 / 1000.0, v[i].t1 / 1000.0);
				esc_put(o, &v[i].text, 't');
				puts_(o, "\"\n");
			}
		}
	} else if (!strcmp(fmt, "whisper")) {
		puts_(o, "{\"language\": \"en\", \"segments\": [\n");
		for (int i = 0; i < n; i++) {
			putf(o,
			     "  {\"id\": %d, \"start\": %.3f, \"end\": %.3f, "
			     "\"speaker\": \"SPEAKER_0%d\", \"text\": \" ",
			     i, v[i].t0 / 1000.0, v[i].t1 / 1000.0, !v[i].iv);
			esc_put(o, &v[i].text, 'j');
			puts_(o, i + 1 < n ? "\"},\n" : "\"}\n");
		}
		puts_(o, "]}\n");
	} else if (!strcmp(fmt, "rtf")) {
		putf(o,
		     "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 "
		     "Arial;}}\n\\pard\\f0\\fs22 Synthetic interview %d\\par\n",
		     id);
		for (int i = 0; i < n; i++) {
			putf(o, "{\\b %s:} ", who(&v[i]));
			esc_put(o, &v[i].text, 'r');
			puts_(o, "\\par\n");
		}
		puts_(o, "}\n");
	} else if (!strcmp(fmt, "pdf")) {
		render_pdf(o, id, v, n);
	}
}

/* Word's and OpenDocument's main part, bold labels and all. */
static void render_office(buf *o, const char *fmt, turn *v, int n)
{
	if (!strcmp(fmt, "docx")) {
		puts_(o,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
		for (int i = 0; i < n; i++) {
			putf(o,
			     "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">%s:</w:t></w:r><w:r><w:t xml:space=\"preserve\"> ",
			     who(&v[i]));
			para_text(
				o, &v[i].text,
				"</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">");
			puts_(o, "</w:t></w:r></w:p>");
		}
		puts_(o, "</w:body></w:document>\n");
	} else if (!strcmp(fmt, "odt")) {
		puts_(o,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"><office:automatic-styles><style:style style:name=\"B\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles><office:body><office:text>\n");
		for (int i = 0; i < n; i++) {
			putf(o,
			     "<text:p><text:span text:style-name=\"B\">%s:</text:span> ",
			     who(&v[i]));
			para_text(o, &v[i].text, "</text:p>\n<text:p>");
			puts_(o, "</text:p>\n");
		}
		puts_(o,
		      "</office:text></office:body></office:document-content>\n");
	}
}

static void render(buf *o, const char *fmt, int id, turn *v, int n)
{
	if (!strcmp(fmt, "txt") || !strcmp(fmt, "md")) {
		int md = !strcmp(fmt, "md");
		putf(o, "%sSynthetic interview %d for charter's benchmark\n\n",
		     md ? "# " : "", id);
		for (int i = 0; i < n; i++) {
			putf(o, md ? "**%s:** " : "%s: ",
			     md        ? who(&v[i])
			     : v[i].iv ? "INTERVIEWER"
				       : "RESPONDENT");
			para_text(o, &v[i].text, "\n\n");
			puts_(o, "\n\n");
		}
	} else if (!strcmp(fmt, "html")) {
		putf(o,
		     "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		     "<title>Interview %d</title></head><body>\n<h1>Synthetic "
		     "interview %d</h1>\n",
		     id, id);
		for (int i = 0; i < n; i++) {
			putf(o, "<p><b>%s:</b> ", who(&v[i]));
			para_text(o, &v[i].text, "</p>\n<p>");
			puts_(o, "</p>\n");
		}
		puts_(o, "</body></html>\n");
	} else if (!strcmp(fmt, "vtt") || !strcmp(fmt, "srt")) {
		int vtt = !strcmp(fmt, "vtt");
		if (vtt)
			puts_(o, "WEBVTT\n\n");
		int cue = 0;
		for (int i = 0; i < n; i++) {
			/* captions: one cue per sentence-ish chunk of ~80 bytes
			 */
			const buf *t = &v[i].text;
			size_t st = 0;
			long span = v[i].t1 - v[i].t0, pos = v[i].t0;
			while (st < t->n) {
				size_t e = st + 80 < t->n ? st + 80 : t->n;
				while (e < t->n && t->p[e] != ' ')
					e++;
				long d =
					(long)((double)span * (double)(e - st) /
					       (double)t->n);
				if (!vtt)
					putf(o, "%d\n", ++cue);
				hms(o, pos, vtt ? '.' : ',');
				puts_(o, " --> ");
				hms(o, pos + d, vtt ? '.' : ',');
				puts_(o, "\n");
				if (vtt)
					putf(o, "<v %s>", who(&v[i]));
				else
					putf(o, "%s: ",
					     v[i].iv ? "INTERVIEWER"
						     : "RESPONDENT");
				for (size_t k = st; k < e; k++)
					put(o, t->p[k] == '\n' ? " " : t->p + k,
					    1);
				puts_(o, "\n\n");
				pos += d;
				st = e < t->n ? e + 1 : e;
			}
		}
	} else if (!strcmp(fmt, "tsv")) {
		puts_(o, "Timespan\tContent\tSpeaker\n");
		for (int i = 0; i < n; i++) {
			hms(o, v[i].t0, '.');
			puts_(o, " - ");
			hms(o, v[i].t1, '.');
			puts_(o, "\t");
			para_text(o, &v[i].text, " ");
			putf(o, "\t%s\n", who(&v[i]));
		}
	} else if (!strcmp(fmt, "tei")) {
		puts_(o,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc><particDesc><listPerson>"
		      "<person xml:id=\"iv\" role=\"interviewer\"><persName>Interviewer</persName></person>"
		      "<person xml:id=\"r\"><persName>Respondent</persName></person>"
		      "</listPerson></particDesc></profileDesc></teiHeader>\n<text><body>\n");
		for (int i = 0; i < n; i++) {
			putf(o, "<u who=\"#%s\">", v[i].iv ? "iv" : "r");
			para_text(o, &v[i].text, " <pause/> ");
			puts_(o, "</u>\n");
		}
		puts_(o, "</body></text></TEI>\n");
	} else if (!strcmp(fmt, "eaf")) {
		puts_(o,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ANNOTATION_DOCUMENT FORMAT=\"3.0\" VERSION=\"3.0\">\n<HEADER TIME_UNITS=\"milliseconds\"/>\n<TIME_ORDER>\n");
		for (int i = 0; i < n; i++)
			putf(o,
			     "<TIME_SLOT TIME_SLOT_ID=\"a%d\" TIME_VALUE=\"%ld\"/><TIME_SLOT TIME_SLOT_ID=\"b%d\" TIME_VALUE=\"%ld\"/>\n",
			     i, v[i].t0, i, v[i].t1);
		puts_(o, "</TIME_ORDER>\n");
		for (int tier = 0; tier < 2; tier++) {
			putf(o,
			     "<TIER TIER_ID=\"%s\" LINGUISTIC_TYPE_REF=\"default\">\n",
			     tier ? "Respondent" : "Interviewer");
			for (int i = 0; i < n; i++) {
				if (v[i].iv != !tier)
					continue;
				putf(o,
				     "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"x%d\" TIME_SLOT_REF1=\"a%d\" TIME_SLOT_REF2=\"b%d\"><ANNOTATION_VALUE>",
				     i, i, i);
				para_text(o, &v[i].text, " ");
				puts_(o,
				      "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>\n");
			}
			puts_(o, "</TIER>\n");
		}
		puts_(o, "</ANNOTATION_DOCUMENT>\n");
	} else if (!strcmp(fmt, "trs")) {
		puts_(o,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Trans version=\"1\">\n<Speakers><Speaker id=\"spk1\" name=\"Interviewer\"/><Speaker id=\"spk2\" name=\"Respondent\"/></Speakers>\n<Episode><Section type=\"report\">\n");
		for (int i = 0; i < n; i++) {
			putf(o,
			     "<Turn speaker=\"%s\" startTime=\"%.3f\" endTime=\"%.3f\">\n<Sync time=\"%.3f\"/>\n",
			     v[i].iv ? "spk1" : "spk2", v[i].t0 / 1000.0,
			     v[i].t1 / 1000.0, v[i].t0 / 1000.0);
			para_text(o, &v[i].text, "\n");
			puts_(o, "\n</Turn>\n");
		}
		puts_(o, "</Section></Episode></Trans>\n");
	} else if (!strcmp(fmt, "docx") || !strcmp(fmt, "odt")) {
		render_office(o, fmt, v, n);
	} else {
		render_more(o, fmt, id, v, n);
	}
}

static int write_zip(const char *path, const char *fmt, buf *xml)
{
	int ze;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!z)
		return -1;
	int docx = !strcmp(fmt, "docx");
	if (!docx) {
		static const char mt[] =
			"application/vnd.oasis.opendocument.text";
		zip_source_t *m = zip_source_buffer(z, mt, sizeof mt - 1, 0);
		zip_int64_t i = zip_file_add(z, "mimetype", m, 0);
		zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
	} else {
		static const char ct[] =
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
		zip_file_add(z, "[Content_Types].xml",
			     zip_source_buffer(z, ct, sizeof ct - 1, 0), 0);
	}
	zip_file_add(z, docx ? "word/document.xml" : "content.xml",
		     zip_source_buffer(z, xml->p, xml->n, 0), 0);
	return zip_close(z);
}

int main(int argc, char **argv)
{
	const char *fmt = "txt";
	for (;;) {
		if (argc > 2 && !strcmp(argv[1], "--format")) {
			fmt = argv[2];
		} else if (argc > 2 && !strcmp(argv[1], "--turns")) {
			max_turns = atoi(argv[2]);
		} else {
			break;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr,
			"usage: gen [--format FMT] DIR MEGABYTES [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	long mb = atol(argv[2]);
	state = argc > 3 ? strtoull(argv[3], NULL, 10) : 20081;
	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	long long target = mb * 1024LL * 1024LL, written = 0;
	int n = 0;
	turn *v = calloc(256, sizeof *v);
	while (written < target) {
		char path[4096];
		static const char *const ext[][2] = {{"chat", "cha"},
						     {"textgrid", "TextGrid"},
						     {"whisper", "json"}};
		const char *x = fmt;
		for (size_t k = 0; k < sizeof ext / sizeof *ext; k++)
			if (!strcmp(fmt, ext[k][0]))
				x = ext[k][1];
		snprintf(path, sizeof path, "%s/t%05d.%s", dir, ++n, x);
		/* about 100 KB per transcript, like a long interview */
		int nt = make_interview(v, 256);
		buf o = {0};
		render(&o, fmt, n, v, nt);
		for (int i = 0; i < nt; i++)
			free(v[i].text.p);
		if (!strcmp(fmt, "docx") || !strcmp(fmt, "odt")) {
			if (write_zip(path, fmt, &o)) {
				fprintf(stderr, "gen: cannot write %s\n", path);
				return 1;
			}
			struct stat st;
			written += stat(path, &st) ? 0 : st.st_size;
		} else {
			FILE *f = fopen(path, "w");
			if (!f || fwrite(o.p, 1, o.n, f) != o.n || fclose(f)) {
				perror(path);
				return 1;
			}
			written += (long long)o.n;
		}
		free(o.p);
	}
	free(v);
	printf("%d transcripts, %.1f MB in %s\n", n, written / 1048576.0, dir);
	return 0;
}
