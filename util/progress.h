/*
 * progress.h: how far long work has gone, said on standard error when it
 * is a terminal: "charter: autocode: 120 of 400 sources, 35/s, 8 s left",
 * rewritten in place at most ten times a second and cleared at the end.
 * Library code reports through a callback (fw_project_on_progress); only
 * the command-line tool draws.
 */
#ifndef FW_PROGRESS_H
#define FW_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

/** The line for `what` (a verb), done of total units (total 0: unknown)
 *  after elapsed seconds: "autocode: 120 of 400 sources, 35/s, 8 s left".
 *  Written to buf (n bytes). */
void fw_progress_line(char *buf, size_t n, const char *what, const char *unit,
		      size_t done, size_t total, double elapsed);

/** A drawer on fp: started when the work starts; draw rate-limited. */
typedef struct fw_progress_bar {
	FILE *fp;
	double started, last;
	int shown;
} fw_progress_bar;

void fw_progress_start(fw_progress_bar *pr, FILE *fp);
/** Draw (at most ten times a second, and always when done == total). */
void fw_progress_draw(fw_progress_bar *pr, const char *what, const char *unit,
		      size_t done, size_t total);
/** Clear the line, if one was drawn. */
void fw_progress_end(fw_progress_bar *pr);

#endif
