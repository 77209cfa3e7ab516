/*
 * escape.c: escaping for XML, HTML, JSON, CSV and Markdown, and the
 * decoding of character entities.
 */
#include "escape.h"
#include "alloc.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

/* A control character XML cannot carry. */
static int xml_forbidden(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* The replacement of each ASCII byte that needs one, per format; the
 * rest are copied, but for control characters (see esc). */
#define XML_COMMON                                                             \
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",     \
	['\r'] = "&#13;"
static const char *const xml_text[128] = {XML_COMMON};
static const char *const xml_attr[128] = {
	XML_COMMON, ['\n'] = "&#10;", ['\t'] = "&#9;"};
static const char *const json_str[128] = {['"'] = "\\\"",
					  ['\\'] = "\\\\",
					  ['\n'] = "\\n",
					  ['\t'] = "\\t",
					  ['\r'] = "\\r"};

/* s escaped by table rep; other control characters are U+FFFD in XML
 * (which cannot carry them) and \u escapes in JSON. */
static void esc(fw_buf *b, const char *s, const char *const *rep, int json)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		unsigned char c = *p;
		if (c < 128 && rep[c])
			fw_buf_puts(b, rep[c]);
		else if (json && c < 0x20)
			fw_buf_printf(b, "\\u%04x", c);
		else if (!json && xml_forbidden(c))
			fw_buf_puts(b, REPLACEMENT);
		else
			fw_buf_putc(b, c);
	}
}

void fw_esc_xml(fw_buf *b, const char *s)
{
	esc(b, s, xml_text, 0);
}

void fw_esc_xml_attr(fw_buf *b, const char *s)
{
	esc(b, s, xml_attr, 0);
}

char *fw_esc_xml_clean(const char *s)
{
	static const char *const none[128] = {0};
	fw_buf b;
	fw_buf_init(&b);
	esc(&b, s, none, 0);
	return fw_buf_detach(&b);
}

void fw_esc_json(fw_buf *b, const char *s)
{
	if (!s) {
		fw_buf_puts(b, "null");
		return;
	}
	fw_buf_putc(b, '"');
	esc(b, s, json_str, 1);
	fw_buf_putc(b, '"');
}

void fw_esc_csv(fw_buf *b, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n\r")) {
		fw_buf_puts(b, s);
		return;
	}
	fw_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			fw_buf_putc(b, '"');
		fw_buf_putc(b, *s);
	}
	fw_buf_putc(b, '"');
}

void fw_esc_md(fw_buf *b, const char *s, int flags)
{
	for (; s && *s; s++) {
		if (*s == '\n' || (*s == '\r' && !(flags & FW_MD_BR)))
			fw_buf_puts(b, flags & FW_MD_BR ? "<br>" : " ");
		else if ((flags & FW_MD_TABLE) && *s == '|')
			fw_buf_puts(b, "\\|");
		else if ((flags & FW_MD_INLINE) && strchr("*_`[]<>\\", *s))
			fw_buf_printf(b, "\\%c", *s);
		else
			fw_buf_putc(b, *s);
	}
}

/* ---- entities ------------------------------------------------------------ */

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {{"amp", '&'},      {"lt", '<'},        {"gt", '>'},
		{"quot", '"'},     {"apos", '\''},     {"nbsp", 0xA0},
		{"rsquo", 0x2019}, {"lsquo", 0x2018},  {"rdquo", 0x201D},
		{"ldquo", 0x201C}, {"hellip", 0x2026}, {"ndash", 0x2013},
		{"mdash", 0x2014}, {"pound", 0xA3},    {"eacute", 0xE9},
		{NULL, 0}};

/* The code point an entity body (between & and ;) names, 0 if none. */
static unsigned long entity_cp(const char *e, size_t el)
{
	if (el >= 2 && e[0] == '#') {
		char tmp[16], *end;
		memcpy(tmp, e + 1, el - 1);
		tmp[el - 1] = 0;
		unsigned long cp = tmp[0] == 'x' || tmp[0] == 'X'
					   ? strtoul(tmp + 1, &end, 16)
					   : strtoul(tmp, &end, 10);
		return *end == 0 && end != tmp ? cp : 0;
	}
	for (int k = 0; entities[k].name; k++)
		if (strlen(entities[k].name) == el &&
		    !strncmp(entities[k].name, e, el))
			return entities[k].cp;
	return 0;
}

void fw_unesc_entities(fw_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] != '&') {
			fw_buf_putc(b, s[i++]);
			continue;
		}
		size_t j = i + 1;
		while (j < n && j - i < 12 && s[j] != ';' && s[j] != '&' &&
		       !isspace((unsigned char)s[j]))
			j++;
		unsigned long cp = j < n && s[j] == ';'
					   ? entity_cp(s + i + 1, j - i - 1)
					   : 0;
		if (!cp) {
			fw_buf_putc(b, s[i++]);
			continue;
		}
		fw_utf8_put(b, cp);
		i = j + 1;
	}
}
