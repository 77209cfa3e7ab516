/*
 * xmlio.h: the only door through which charter's code hands user bytes to
 * libxml2, and the DOM helpers every reader walks documents with.
 *
 * Documents come from outside the researcher's control, so reading is
 * XML_PARSE_NONET with no DTD loading and no entity substitution; an
 * <!ENTITY declaration is refused twice, in the bytes before the parser
 * sees them and in the parser's own view (a SAX entity declaration stops
 * the parse; a streamed document type that holds entities is refused), so
 * no encoding can carry one past (no XXE, no billion laughs).  Encodings
 * that hide ASCII (UTF-7, ISO-2022-*, EBCDIC, UCS-4) are refused outright. Text
 * declared (or defaulting to) UTF-8 that is not UTF-8 is an error naming the
 * byte offset and line, or converted from Windows-1252 when the encoding mode
 * says so.
 */
#ifndef FW_XMLIO_H
#define FW_XMLIO_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "errors.h"
#include "zipio.h"

#include <libxml/xmlreader.h>

/** Parse an XML (html = 0) or HTML (html = 1) document.  mode is an
 *  FW_ENC_* value for bytes that are not UTF-8; enc receives the encoding
 *  read ("UTF-8", "UTF-16LE", a declared name ...).  *doc is freed with
 *  xmlFreeDoc. */
int fw_xml_read(xmlDocPtr *doc, char enc[32], const char *data, size_t len,
		const char *label, int mode, int html, fw_error *err);
/** The root element of an entry of a zip archive, parsed as XML by
 *  fw_xml_read; label(entry) names it in errors. */
int fw_xml_read_entry(xmlDocPtr *doc, const char *zip, size_t zlen,
		      const char *label, const char *entry, int mode,
		      fw_error *err);

/* A SAX2 parse, for documents too large to hold as a tree (a worksheet):
 * no tree and no per-node allocation, the same guards as fw_xml_read.  The
 * caller embeds fw_xml_sax as the first member of its own state (the callbacks'
 * ctx is that state), fills h's startElementNs, endElementNs and characters,
 * and stops the parse from a callback with fw_xml_sax_stop after setting its
 * own error. */
typedef struct fw_xml_sax {
	xmlSAXHandler h;
	xmlParserCtxtPtr parser; /* during the parse */
	char label[600];         /* "file(entry)", for errors */
	int rc, entity_line;
} fw_xml_sax;
int fw_xml_sax_mem(fw_xml_sax *s, const char *data, size_t len,
		   const char *label, fw_error *err);
/** The line the parser is on (1 at least). */
int fw_xml_sax_line(const fw_xml_sax *s);
/** Stop the parse; fw_xml_sax_mem returns rc. */
void fw_xml_sax_stop(fw_xml_sax *s, int rc);

/* A pull parser (libxml2's xmlTextReader) over XML too big to hold as a
 * tree: from a zip entry as it unpacks, or from memory.  The same safety
 * as fw_xml_read (no network, no DTD loading, no entity expansion). */
typedef struct fw_xml_stream fw_xml_stream;
int fw_xml_stream_zip(fw_xml_stream **out, fw_zip_stream *zs, const char *label,
		      fw_error *err);
int fw_xml_stream_mem(fw_xml_stream **out, const char *data, size_t len,
		      const char *label, fw_error *err);
xmlTextReaderPtr fw_xml_stream_reader(fw_xml_stream *s);
/** Read up to the root element (0, the reader on it), refusing a document
 *  type that declares entities, as libxml2 parsed it, whatever the bytes
 *  looked like. */
int fw_xml_stream_root(fw_xml_stream *s, fw_error *err);
/** The first parse error as "label:line: what" in err (FW_EPARSE), or a
 *  generic one when libxml2 said nothing. */
int fw_xml_stream_error(fw_xml_stream *s, fw_error *err);
/** Frees the reader (and closes the zip stream given to it). */
void fw_xml_stream_free(fw_xml_stream *s);

/** 1 if n is an element with this local name (any namespace). */
int fw_xml_is(const xmlNode *n, const char *name);
/** The first child element of n with this local name, or NULL. */
xmlNodePtr fw_xml_child(const xmlNode *n, const char *name);
/** The first descendant element with this local name (depth-first, at
 *  most 64 levels down), or NULL. */
xmlNodePtr fw_xml_find(const xmlNode *n, const char *name);
/** The value of n's attribute with this local name (xml:id, w:val ...),
 *  the caller's to free; NULL when absent. */
char *fw_xml_attr(const xmlNode *n, const char *name);
/** All text content of n, the caller's ("" when empty, NULL for NULL). */
char *fw_xml_content(const xmlNode *n);
/** Append the text under n, an element named in skip (NULL-terminated,
 *  may be NULL) becoming one space, at most 64 levels down. */
void fw_xml_text(fw_buf *b, const xmlNode *n, const char *const *skip);

#endif
