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

static void xml_char(fw_buf *b, unsigned char c, int attr)
{
	switch (c) {
	case '&': fw_buf_puts(b, "&amp;"); break;
	case '<': fw_buf_puts(b, "&lt;"); break;
	case '>': fw_buf_puts(b, "&gt;"); break;
	case '"': fw_buf_puts(b, "&quot;"); break;
	case '\r': fw_buf_puts(b, "&#13;"); break;
	case '\n':
		if (attr)
			fw_buf_puts(b, "&#10;");
		else
			fw_buf_putc(b, c);
		break;
	case '\t':
		if (attr)
			fw_buf_puts(b, "&#9;");
		else
			fw_buf_putc(b, c);
		break;
	default:
		if (xml_forbidden(c))
			fw_buf_puts(b, REPLACEMENT);
		else
			fw_buf_putc(b, c);
	}
}

void fw_esc_xml(fw_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		xml_char(b, *p, 0);
}

void fw_esc_xml_attr(fw_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		xml_char(b, *p, 1);
}

char *fw_esc_xml_clean(const char *s)
{
	fw_buf b;
	fw_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
		if (xml_forbidden(*p))
			fw_buf_puts(&b, REPLACEMENT);
		else
			fw_buf_putc(&b, *p);
	return fw_buf_detach(&b);
}

void fw_esc_json(fw_buf *b, const char *s)
{
	if (!s) {
		fw_buf_puts(b, "null");
		return;
	}
	fw_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': fw_buf_puts(b, "\\\""); break;
		case '\\': fw_buf_puts(b, "\\\\"); break;
		case '\n': fw_buf_puts(b, "\\n"); break;
		case '\t': fw_buf_puts(b, "\\t"); break;
		case '\r': fw_buf_puts(b, "\\r"); break;
		default:
			if (c < 0x20)
				fw_buf_printf(b, "\\u%04x", c);
			else
				fw_buf_putc(b, (int)c);
		}
	}
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
