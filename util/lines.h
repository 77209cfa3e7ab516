/*
 * lines.h: a line index over UTF-8 text, the byte offset of each line's
 * start, so that code-point spans, byte spans and line numbers convert.
 */
#ifndef FW_LINES_H
#define FW_LINES_H

#include <stddef.h>

typedef struct fw_lines {
	size_t *start; /* byte offset of line i (0-based) */
	int n;
} fw_lines;

void fw_lines_build(fw_lines *li, const char *text, size_t len);
void fw_lines_dispose(fw_lines *li);
/** The 1-based line holding byte offset b. */
int fw_lines_at(const fw_lines *li, size_t b);

/** Reading text line by line: the next line after *pos as *s and *n
 *  (without its LF, or its CRLF when crlf is set), and *line its 1-based
 *  number; 0 when there are no more. */
typedef struct fw_line_iter {
	const char *text;
	size_t len, pos;
	int line;
} fw_line_iter;

int fw_line_next(fw_line_iter *it, const char **s, size_t *n, int crlf);

#endif
