/*
 * xmlio.c: safe XML and HTML reading with libxml2, and DOM helpers.
 */
#include "xmlio.h"
#include "alloc.h"
#include "utf8.h"
#include "zipio.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The first error libxml2 reports (later ones tend to be consequences). */
typedef struct first_error {
	int set, line;
	char msg[200];
} first_error;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void chomp(char *s)
{
	size_t k = strlen(s);
	while (k && (s[k - 1] == '\n' || s[k - 1] == ' '))
		s[--k] = 0;
}

static void keep_first(void *ctx, xmlErrorPtr e)
{
	first_error *f = ctx;
	if (f->set || !e || e->level < XML_ERR_ERROR)
		return;
	f->set = 1;
	f->line = e->line;
	snprintf(f->msg, sizeof f->msg, "%s",
		 e->message ? e->message : "not well-formed");
	chomp(f->msg);
	/* libxml2's bounds (no XML_PARSE_HUGE), said in the user's terms */
	if (strstr(f->msg, "Huge input lookup") ||
	    strcasestr(f->msg, "huge text node"))
		snprintf(f->msg, sizeof f->msg,
			 "a text or markup run longer than 10,000,000 bytes "
			 "(charter's bound for one XML node)");
}

static int line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* The encoding named in <?xml ... encoding="X"?> or <meta charset=X>. */
static void declared_encoding(char *enc, size_t cap, const char *s, size_t len,
			      int html)
{
	enc[0] = 0;
	char head[2049];
	size_t n = len < 2048 ? len : 2048;
	memcpy(head, s, n);
	head[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (!head[i])
			head[i] = ' ';
	s = head;
	const char *end = s + n;
	const char *p = NULL;
	if (!html) {
		if (n < 5 || strncmp(s, "<?xml", 5))
			return;
		const char *q = memmem(s, n, "?>", 2);
		if (!q)
			return;
		p = memmem(s, (size_t)(q - s), "encoding", 8);
		end = q;
		if (!p)
			return;
		p += 8;
	} else {
		p = strcasestr(s, "charset");
		if (!p || p >= end)
			return;
		p += 7;
	}
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	size_t k = 0;
	while (p < end && k + 1 < cap &&
	       (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
		*p == '.'))
		enc[k++] = *p++;
	enc[k] = 0;
}

static int is_utf8_name(const char *e)
{
	return !e[0] || !strcasecmp(e, "utf-8") || !strcasecmp(e, "utf8");
}

/* ---- what the parser is allowed to see ----------------------------------- */

/* Encodings a transcript is written in.  Stateful encodings (UTF-7,
 * ISO-2022-*, HZ) and EBCDIC or UCS-4 are refused: the bytes charter
 * checks before parsing would not be the text libxml2 reads. */
static int encoding_allowed(const char *e)
{
	static const char *const ok[] = {
		"utf-8",    "utf8",      "utf-16",   "utf-16le",  "utf-16be",
		"us-ascii", "ascii",     "latin1",   "latin-1",   "koi8-r",
		"koi8-u",   "macintosh", "macroman", "shift_jis", "euc-jp",
		"euc-kr",   "gb2312",    "gbk",      "gb18030",   "big5",
		NULL};
	if (!e[0])
		return 1;
	for (int i = 0; ok[i]; i++)
		if (!strcasecmp(e, ok[i]))
			return 1;
	if (!strncasecmp(e, "iso-8859-", 9) || !strncasecmp(e, "iso8859-", 8))
		return 1;
	if (!strncasecmp(e, "windows-125", 11) || !strncasecmp(e, "cp125", 5))
		return 1;
	return 0;
}

/* 0, or an error when the document's first bytes or its declaration name
 * an encoding charter refuses. */
static int check_encoding(const char *data, size_t len, const char *label,
			  int html, fw_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 4) {
		xmlCharEncoding d = xmlDetectCharEncoding(u, 4);
		if (d == XML_CHAR_ENCODING_UCS4BE ||
		    d == XML_CHAR_ENCODING_UCS4LE ||
		    d == XML_CHAR_ENCODING_UCS4_2143 ||
		    d == XML_CHAR_ENCODING_UCS4_3412 ||
		    d == XML_CHAR_ENCODING_EBCDIC)
			return fw_error_set(err, FW_EPARSE, label, 1,
					    "the document is in %s; charter "
					    "reads XML in UTF-8, UTF-16 or a "
					    "single-byte encoding",
					    d == XML_CHAR_ENCODING_EBCDIC
						    ? "EBCDIC"
						    : "UCS-4");
	}
	size_t off = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF
			     ? 3
			     : 0;
	char declared[32];
	declared_encoding(declared, sizeof declared, data + off, len - off,
			  html);
	if (encoding_allowed(declared))
		return 0;
	return fw_error_set(err, FW_EPARSE, label, 1,
			    "the document declares the encoding %s, which "
			    "charter refuses (it reads UTF-8, UTF-16 and "
			    "encodings that keep ASCII as it is, such as "
			    "ISO-8859-1 or Windows-1252)",
			    declared);
}

/* The bytes libxml2 is to read, as UTF-8 where charter can tell: *conv
 * holds a converted copy when one was needed, *force the encoding to
 * tell the parser (NULL: what the document declares). */
static int prepare(char **conv, const char **data, size_t *len,
		   const char **force, char enc[32], const char *label,
		   int mode, int html, fw_error *err)
{
	const unsigned char *u = (const unsigned char *)*data;
	size_t n = *len, clen = 0;
	const char *e = NULL;
	*conv = NULL;
	*force = NULL;
	int utf16 = n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
			       (u[0] == 0xFE && u[1] == 0xFF));
	if (!utf16 && n >= 4 &&
	    ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<')))
		utf16 = 1;
	if (utf16) {
		int rc = fw_text_decode(conv, &clen, &e, *data, n, label,
					FW_ENC_UTF8, err);
		if (rc)
			return rc;
		snprintf(enc, 32, "%s", e);
		*data = *conv;
		*len = clen;
		*force = "UTF-8";
		return 0;
	}
	size_t off =
		n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
	char declared[32];
	declared_encoding(declared, sizeof declared, *data + off, n - off,
			  html);
	if (!is_utf8_name(declared)) {
		snprintf(enc, 32, "%s", declared);
		return 0;
	}
	*force = "UTF-8";
	size_t bad;
	if (fw_utf8_valid(*data, n, &bad)) {
		snprintf(enc, 32, "UTF-8");
		return 0;
	}
	if (mode == FW_ENC_CP1252 ||
	    (html && mode == FW_ENC_AUTO && !declared[0])) {
		int rc = fw_text_decode(conv, &clen, &e, *data + off, n - off,
					label, FW_ENC_CP1252, err);
		if (rc)
			return rc;
		snprintf(enc, 32, "%s", e);
		*data = *conv;
		*len = clen;
		return 0;
	}
	return fw_error_set(err, FW_EPARSE, label, line_at(*data, bad),
			    "invalid UTF-8 at byte offset %zu (the file %s "
			    "UTF-8; use --encoding cp1252 to convert)",
			    bad, declared[0] ? "declares" : "is read as");
}

static int read_html(xmlDocPtr *doc, const char *data, size_t len,
		     const char *label, const char *force, fw_error *err)
{
	htmlParserCtxtPtr ctx = htmlNewParserCtxt();
	if (!ctx)
		return fw_error_set(err, FW_ERROR, label, 0, "out of memory");
	*doc = htmlCtxtReadMemory(ctx, data, (int)len, label, force,
				  HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					  HTML_PARSE_NOWARNING |
					  HTML_PARSE_NOIMPLIED);
	htmlFreeParserCtxt(ctx);
	if (!*doc)
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "not readable as HTML");
	return 0;
}

/* The parser's own view: an entity declaration, in whatever encoding it
 * was written, stops the parse where it stands (its line kept in *line).
 * A tree parse's callbacks are given the parser; a SAX parse's, the
 * caller's fw_xml_sax. */
static void stop_at_entity(xmlParserCtxtPtr c, int *line)
{
	if (!*line)
		*line = c->input && c->input->line > 0 ? c->input->line : 1;
	xmlStopParser(c);
}

static void entity_declared(void *ctx, const xmlChar *name, int type,
			    const xmlChar *public_id, const xmlChar *system_id,
			    xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	xmlParserCtxtPtr c = ctx;
	stop_at_entity(c, c->_private);
}

static void sax_entity(void *ctx, const xmlChar *name, int type,
		       const xmlChar *public_id, const xmlChar *system_id,
		       xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	fw_xml_sax *s = ctx;
	stop_at_entity(s->parser, &s->entity_line);
}

static int entity_refused(const char *label, int line, fw_error *err)
{
	return fw_error_set(err, FW_EPARSE, label, line,
			    "the document declares XML entities; charter "
			    "refuses them (they can read local files or "
			    "expand without bound)");
}

static int read_xml(xmlDocPtr *doc, const char *data, size_t len,
		    const char *label, const char *force, fw_error *err)
{
	first_error first = {0, 0, ""};
	xmlSetStructuredErrorFunc(&first, keep_first);
	xmlParserCtxtPtr ctx = xmlNewParserCtxt();
	if (!ctx) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		return fw_error_set(err, FW_ERROR, label, 0, "out of memory");
	}
	int entity_line = 0;
	ctx->_private = &entity_line;
	ctx->sax->entityDecl = entity_declared;
	*doc = xmlCtxtReadMemory(ctx, data, (int)len, label, force,
				 XML_PARSE_NONET | XML_PARSE_NOERROR |
					 XML_PARSE_NOWARNING |
					 XML_PARSE_NOCDATA);
	int rc = 0;
	if (entity_line) {
		if (*doc)
			xmlFreeDoc(*doc);
		*doc = NULL;
		rc = entity_refused(label, entity_line, err);
	} else if (!*doc || !ctx->wellFormed) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctx);
		char msg[200] = "not well-formed";
		int line = 0;
		if (first.set) {
			snprintf(msg, sizeof msg, "%s", first.msg);
			line = first.line;
		} else if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			chomp(msg);
			line = e->line;
		}
		if (*doc)
			xmlFreeDoc(*doc);
		*doc = NULL;
		rc = fw_error_set(err, FW_EPARSE, label, line,
				  "malformed XML: %s", msg);
	}
	xmlFreeParserCtxt(ctx);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return rc;
}

/* The bytes to hand libxml2, once the encoding and entity guards passed:
 * *conv (freed by the caller) holds a converted copy when one was
 * needed, *force the encoding to tell the parser. */
static int guarded(char **conv, const char **data, size_t *len,
		   const char **force, char enc[32], const char *label,
		   int mode, int html, fw_error *err)
{
	*conv = NULL;
	xmlSetGenericErrorFunc(NULL, quiet);
	int rc = check_encoding(*data, *len, label, html, err);
	if (!rc)
		rc = prepare(conv, data, len, force, enc, label, mode, html,
			     err);
	if (rc)
		return rc;
	const char *ent = memmem(*data, *len, "<!ENTITY", 8);
	if (ent)
		rc = entity_refused(label,
				    line_at(*data, (size_t)(ent - *data)), err);
	else if (*len > INT32_MAX)
		rc = fw_error_set(err, FW_ELIMIT, label, 0,
				  "the file is too large");
	if (rc) {
		free(*conv);
		*conv = NULL;
	}
	return rc;
}

int fw_xml_read(xmlDocPtr *doc, char enc[32], const char *data, size_t len,
		const char *label, int mode, int html, fw_error *err)
{
	*doc = NULL;
	enc[0] = 0;
	char *conv;
	const char *force;
	int rc = guarded(&conv, &data, &len, &force, enc, label, mode, html,
			 err);
	if (rc)
		return rc;
	if (html)
		rc = read_html(doc, data, len, label, force, err);
	else
		rc = read_xml(doc, data, len, label, force, err);
	free(conv);
	if (!rc && !xmlDocGetRootElement(*doc)) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "the document is empty");
	}
	return rc;
}

int fw_xml_read_entry(xmlDocPtr *doc, const char *zip, size_t zlen,
		      const char *label, const char *entry, int mode,
		      fw_error *err)
{
	char *xml, enc[32], inner[600];
	size_t xlen;
	*doc = NULL;
	int rc = fw_zip_entry(&xml, &xlen, zip, zlen, label, entry, err);
	if (rc)
		return rc;
	snprintf(inner, sizeof inner, "%s(%s)", label, entry);
	rc = fw_xml_read(doc, enc, xml, xlen, inner, mode, 0, err);
	free(xml);
	return rc;
}

/* ---- SAX ----------------------------------------------------------------- */

int fw_xml_sax_line(const fw_xml_sax *s)
{
	int line = s->parser ? xmlSAX2GetLineNumber(s->parser) : 0;
	return line > 0 ? line : 1;
}

void fw_xml_sax_stop(fw_xml_sax *s, int rc)
{
	if (!s->rc)
		s->rc = rc;
	xmlStopParser(s->parser);
}

int fw_xml_sax_mem(fw_xml_sax *s, const char *data, size_t len,
		   const char *label, fw_error *err)
{
	char *conv, enc[32];
	const char *force = NULL;
	snprintf(s->label, sizeof s->label, "%s", label);
	int rc;
	size_t xlen = len;
	if ((rc = guarded(&conv, &data, &xlen, &force, enc, s->label,
			  FW_ENC_UTF8, 0, err)))
		return rc;
	s->h.initialized = XML_SAX2_MAGIC;
	s->h.entityDecl = sax_entity;
	if (!s->h.cdataBlock)
		s->h.cdataBlock = s->h.characters;
	first_error first = {0, 0, ""};
	xmlSetStructuredErrorFunc(&first, keep_first);
	s->parser = xmlCreatePushParserCtxt(&s->h, s, NULL, 0, s->label);
	if (!s->parser) {
		rc = fw_error_set(err, FW_ERROR, s->label, 0, "out of memory");
	} else {
		xmlCtxtUseOptions(s->parser, XML_PARSE_NONET |
						     XML_PARSE_NOERROR |
						     XML_PARSE_NOWARNING);
		if (force)
			xmlSwitchEncoding(s->parser, XML_CHAR_ENCODING_UTF8);
		xmlParseChunk(s->parser, data, (int)xlen, 1);
		if (s->entity_line)
			rc = entity_refused(s->label, s->entity_line, err);
		else if (s->rc)
			rc = s->rc; /* the caller's callback set err */
		else if (!s->parser->wellFormed)
			rc = fw_error_set(err, FW_EPARSE, s->label, first.line,
					  "malformed XML: %s",
					  first.set ? first.msg
						    : "not well-formed");
		xmlFreeParserCtxt(s->parser);
		s->parser = NULL;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(conv);
	return rc;
}

/* ---- DOM helpers --------------------------------------------------------- */

int fw_xml_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

xmlNodePtr fw_xml_child(const xmlNode *n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (fw_xml_is(c, name))
			return c;
	return NULL;
}

static xmlNodePtr find(const xmlNode *n, const char *name, int depth)
{
	if (depth > 64)
		return NULL;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (fw_xml_is(c, name))
			return c;
		xmlNodePtr f = find(c, name, depth + 1);
		if (f)
			return f;
	}
	return NULL;
}

xmlNodePtr fw_xml_find(const xmlNode *n, const char *name)
{
	return find(n, name, 0);
}

char *fw_xml_content(const xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlNodeGetContent(n);
	char *s = fw_xstrdup(v ? (char *)v : "");
	xmlFree(v);
	return s;
}

char *fw_xml_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return fw_xml_content((const xmlNode *)a);
	return NULL;
}

static void text_under(fw_buf *b, const xmlNode *n, const char *const *skip,
		       int depth)
{
	if (depth > 64)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				fw_buf_puts(b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int sk = 0;
		for (int i = 0; skip && skip[i] && !sk; i++)
			sk = !strcmp((const char *)c->name, skip[i]);
		if (sk)
			fw_buf_putc(b, ' ');
		else
			text_under(b, c, skip, depth + 1);
	}
}

void fw_xml_text(fw_buf *b, const xmlNode *n, const char *const *skip)
{
	if (n)
		text_under(b, n, skip, 0);
}

/* ---- streaming ----------------------------------------------------------- */

struct fw_xml_stream {
	xmlTextReaderPtr r;
	fw_zip_stream *zs;
	const char *label;
	first_error fe;
	/* "<!ENTITY" is refused as fw_xml_read refuses it: looked for in
	 * the bytes as they pass (the last 7 kept across reads) */
	char tail[8];
	size_t ntail;
	int line, entity_line;
	int failed; /* the zip entry is damaged */
	/* the first bytes, read ahead so the encoding they declare is
	 * checked before libxml2 sees any of them */
	char head[2048];
	size_t nhead, headpos;
	fw_error enc; /* the encoding refused */
};

/* Up to cap bytes of the zip stream (fewer only at its end), or -1. */
static long zs_fill(fw_zip_stream *zs, char *buf, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		long k = fw_zip_stream_read(zs, buf + got, cap - got);
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (long)got;
}

static int zs_read(void *ctx, char *buf, int len)
{
	fw_xml_stream *s = ctx;
	if (s->entity_line || s->enc.code)
		return -1;
	long k;
	if (s->headpos < s->nhead) {
		k = (long)(s->nhead - s->headpos);
		if (k > len)
			k = len;
		memcpy(buf, s->head + s->headpos, (size_t)k);
		s->headpos += (size_t)k;
	} else {
		k = fw_zip_stream_read(s->zs, buf, (size_t)(len > 0 ? len : 0));
	}
	if (k < 0) {
		s->failed = 1;
		return -1;
	}
	char look[8 + 4096];
	for (long off = 0; off < k; off += 4096) {
		size_t n = (size_t)(k - off < 4096 ? k - off : 4096);
		memcpy(look, s->tail, s->ntail);
		memcpy(look + s->ntail, buf + off, n);
		size_t all = s->ntail + n;
		const char *e = memmem(look, all, "<!ENTITY", 8);
		for (const char *c = look + s->ntail;
		     c < look + all && (!e || c < e); c++)
			s->line += *c == '\n';
		if (e) {
			s->entity_line = s->line + 1;
			return -1;
		}
		s->ntail = all < 7 ? all : 7;
		memcpy(s->tail, look + all - s->ntail, s->ntail);
	}
	return (int)k;
}

static int zs_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void stream_error(void *ctx, xmlErrorPtr e)
{
	keep_first(ctx, e);
}

#define FW_XML_STREAM_OPTS                                                     \
	(XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |             \
	 XML_PARSE_NOWARNING)

static int stream_made(fw_xml_stream **out, fw_xml_stream *s, const char *label,
		       fw_error *err)
{
	/* libxml2's encoding errors go to its generic handler (stderr)
	 * unless told otherwise: what matters is in the structured error */
	xmlSetGenericErrorFunc(NULL, quiet);
	if (!s->r) {
		fw_zip_stream_close(s->zs);
		free(s);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "cannot start reading the XML");
	}
	s->label = label;
	xmlTextReaderSetStructuredErrorHandler(s->r, stream_error, &s->fe);
	*out = s;
	return 0;
}

int fw_xml_stream_zip(fw_xml_stream **out, fw_zip_stream *zs, const char *label,
		      fw_error *err)
{
	fw_xml_stream *s = fw_xcalloc(1, sizeof *s);
	s->zs = zs;
	s->label = label;
	long k = zs_fill(zs, s->head, sizeof s->head);
	if (k < 0)
		s->failed = 1;
	else
		s->nhead = (size_t)k;
	if (k > 0)
		check_encoding(s->head, s->nhead, label, 0, &s->enc);
	xmlSetGenericErrorFunc(NULL, quiet);
	s->r = xmlReaderForIO(zs_read, zs_close, s, label, NULL,
			      FW_XML_STREAM_OPTS);
	return stream_made(out, s, label, err);
}

int fw_xml_stream_mem(fw_xml_stream **out, const char *data, size_t len,
		      const char *label, fw_error *err)
{
	if (len > INT32_MAX)
		return fw_error_set(err, FW_ELIMIT, label, 0,
				    "too large to read (%zu bytes)", len);
	int rc = check_encoding(data, len, label, 0, err);
	if (rc)
		return rc;
	const char *ent = memmem(data, len, "<!ENTITY", 8);
	if (ent)
		return entity_refused(label,
				      line_at(data, (size_t)(ent - data)), err);
	fw_xml_stream *s = fw_xcalloc(1, sizeof *s);
	xmlSetGenericErrorFunc(NULL, quiet);
	s->r = xmlReaderForMemory(data, (int)len, label, NULL,
				  FW_XML_STREAM_OPTS);
	return stream_made(out, s, label, err);
}

xmlTextReaderPtr fw_xml_stream_reader(fw_xml_stream *s)
{
	return s->r;
}

/* Any entity the document type under the reader declares, as libxml2
 * parsed it (the node itself: asking for the document would keep every
 * node the stream reads). */
static int declares_entities(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	if (!n || n->type != XML_DTD_NODE)
		return 0;
	xmlDtdPtr dtd = (xmlDtdPtr)n;
	return dtd->entities || dtd->pentities;
}

int fw_xml_stream_root(fw_xml_stream *s, fw_error *err)
{
	int ret;
	while ((ret = xmlTextReaderRead(s->r)) == 1) {
		int t = xmlTextReaderNodeType(s->r);
		if (t == XML_READER_TYPE_DOCUMENT_TYPE &&
		    declares_entities(s->r)) {
			s->entity_line = xmlTextReaderGetParserLineNumber(s->r);
			if (s->entity_line < 1)
				s->entity_line = 1;
			break;
		}
		if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			s->entity_line = xmlTextReaderGetParserLineNumber(s->r);
			break;
		}
		if (t == XML_READER_TYPE_ELEMENT)
			return 0;
	}
	return fw_xml_stream_error(s, err);
}

int fw_xml_stream_error(fw_xml_stream *s, fw_error *err)
{
	if (s->enc.code)
		return fw_error_set(err, s->enc.code, s->label, s->enc.line,
				    "%s", s->enc.msg);
	if (s->entity_line)
		return entity_refused(s->label, s->entity_line, err);
	if (s->failed)
		return fw_error_set(err, FW_EPARSE, s->label, 0,
				    "damaged in the archive (it does not "
				    "unpack)");
	if (s->fe.set)
		return fw_error_set(err, FW_EPARSE, s->label, s->fe.line,
				    "malformed XML: %s", s->fe.msg);
	return fw_error_set(err, FW_EPARSE, s->label, 0,
			    "malformed XML (truncated or damaged?)");
}

void fw_xml_stream_free(fw_xml_stream *s)
{
	if (!s)
		return;
	xmlFreeTextReader(s->r);
	fw_zip_stream_close(s->zs);
	free(s);
}
