/*
 * progress.c: progress lines on a terminal.
 */
#include "progress.h"

#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void fw_progress_line(char *buf, size_t n, const char *what, const char *unit,
		      size_t done, size_t total, double elapsed)
{
	int k = total ? snprintf(buf, n, "%s: %zu of %zu %s", what, done, total,
				 unit)
		      : snprintf(buf, n, "%s: %zu %s", what, done, unit);
	if (k < 0 || (size_t)k >= n || elapsed <= 0 || !done)
		return;
	double rate = (double)done / elapsed;
	int m = snprintf(buf + k, n - (size_t)k,
			 rate >= 10 ? ", %.0f/s" : ", %.1f/s", rate);
	if (m < 0 || (size_t)(k + m) >= n || !total || done >= total)
		return;
	double left = (double)(total - done) / rate;
	snprintf(buf + k + m, n - (size_t)(k + m),
		 left >= 120 ? ", %.0f min left" : ", %.0f s left",
		 left >= 120 ? left / 60 : left);
}

void fw_progress_start(fw_progress_bar *pr, FILE *fp)
{
	pr->fp = fp;
	pr->started = now_s();
	pr->last = 0;
	pr->shown = 0;
}

void fw_progress_draw(fw_progress_bar *pr, const char *what, const char *unit,
		      size_t done, size_t total)
{
	if (!pr->fp)
		return;
	double t = now_s();
	if (t - pr->last < 0.1 && !(total && done == total))
		return;
	pr->last = t;
	char line[200];
	fw_progress_line(line, sizeof line, what, unit, done, total,
			 t - pr->started);
	fprintf(pr->fp, "\r\033[Kcharter: %s", line);
	fflush(pr->fp);
	pr->shown = 1;
}

void fw_progress_end(fw_progress_bar *pr)
{
	if (pr->fp && pr->shown) {
		fputs("\r\033[K", pr->fp);
		fflush(pr->fp);
	}
	pr->shown = 0;
}
