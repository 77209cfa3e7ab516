/*
 * escape.h: every escaping charter does, in one place, with one policy
 * for control characters.
 *
 * The policy: a C0 control character other than tab, line feed and
 * carriage return cannot be carried by XML 1.0 (so by HTML, SVG, DOCX
 * and REFI-QDA either) and becomes U+FFFD there, so that a reader sees
 * that something stood in its place; JSON carries it as a \u escape;
 * CSV, Markdown and plain text carry it as it is.  A carriage return in
 * XML is written as &#13; so a reader's line-end normalisation cannot
 * move code-point offsets.
 */
#ifndef FW_ESCAPE_H
#define FW_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/** XML 1.0 text content, also fit for attribute values: & < > " escaped.
 *  HTML pages use the same. */
void fw_esc_xml(fw_buf *b, const char *s);
/** An attribute value whose tabs and newlines must survive a reader's
 *  attribute normalisation: as fw_esc_xml, tab and LF as &#9; &#10;. */
void fw_esc_xml_attr(fw_buf *b, const char *s);
/** A copy of s fit for an XML writer that escapes markup itself
 *  (libxml2's xmlTextWriter): controls replaced by the policy. */
char *fw_esc_xml_clean(const char *s);
/** A JSON string, with its quotes; NULL is written as null. */
void fw_esc_json(fw_buf *b, const char *s);
/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or
 *  LF; NULL is an empty field. */
void fw_esc_csv(fw_buf *b, const char *s);

enum {
	FW_MD_TABLE = 1, /* a table cell: | escaped */
	FW_MD_BR = 2,    /* newlines as <br> (else as spaces) */
	FW_MD_INLINE = 4 /* * _ ` [ ] < > \ escaped: literal text in prose */
};
/** Markdown text as flags say. */
void fw_esc_md(fw_buf *b, const char *s, int flags);

/** Decode the XML entities, the HTML ones transcripts use (nbsp, quotes,
 *  dashes ...) and numeric references in n bytes of s onto b; anything
 *  else is copied as it is. */
void fw_unesc_entities(fw_buf *b, const char *s, size_t n);

#endif
