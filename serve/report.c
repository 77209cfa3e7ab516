/*
 * report.c: the report previewed in the workbench: charter report's HTML
 * written (with its transcript pages) into a temporary folder of the
 * server's, and its files served from there under /report/, by names
 * made only of letters, digits, '.', '-' and '_' (at most one folder
 * deep, none starting with a dot), so that no path reaches outside it.
 * The folder goes when the server stops.
 */
#define _XOPEN_SOURCE 700
#include "sv.h"
#include "fileio.h"
#include "report.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The report's own page has its style inline, and no script. */
static const char report_csp[] =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
	"base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

void sv_report_cleanup(sv_app *a)
{
	if (!a->report_dir)
		return;
	nftw(a->report_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(a->report_dir);
	a->report_dir = NULL;
}

/* POST /api/report: the report written afresh. */
void sv_report(sv_ctx *x)
{
	sv_app *a = x->app;
	fw_error err;
	fw_error_clear(&err);
	if (!a->report_dir) {
		char tmpl[] = "/tmp/charter-report-XXXXXX";
		if (!mkdtemp(tmpl))
			return sv_fail(x, 500,
				       "no temporary folder for the "
				       "report");
		a->report_dir = fw_xstrdup(tmpl);
	}
	rp_report_opts o;
	memset(&o, 0, sizeof o);
	o.formats = RP_HTML;
	o.outdir = a->report_dir;
	char *attr = fw_group_attribute(a->p);
	o.attr = attr;
	rp_report_result r;
	memset(&r, 0, sizeof r);
	int rc = rp_report_write(&r, a->p, &o, &err);
	free(attr);
	if (rc) {
		rp_report_result_dispose(&r);
		return sv_fail_error(x, &err);
	}
	json_t *warn = json_array();
	for (size_t i = 0; i < r.diags.n; i++)
		json_array_append_new(warn, json_string(r.diags.v[i].msg));
	sv_json(x, 200,
		json_pack("{ss si si si si so}", "url", "/report/report.html",
			  "chapters", r.chapters, "quotes", r.quotes,
			  "summaries", r.summaries, "placeholders",
			  r.placeholders, "warnings", warn));
	rp_report_result_dispose(&r);
}

/* A name under the report's folder that stays inside it. */
static int safe_name(const char *rel)
{
	int depth = 0;
	size_t n = strlen(rel);
	if (!n || n > 200)
		return 0;
	for (const char *seg = rel; *seg;) {
		if (*seg == '.' || *seg == '/' || ++depth > 2)
			return 0;
		const char *s = seg;
		for (; *s && *s != '/'; s++)
			if (!((*s >= 'a' && *s <= 'z') ||
			      (*s >= 'A' && *s <= 'Z') ||
			      (*s >= '0' && *s <= '9') || *s == '.' ||
			      *s == '-' || *s == '_'))
				return 0;
		seg = *s ? s + 1 : s;
		if (*s && !*seg)
			return 0;
	}
	return 1;
}

static const char *type_of(const char *rel)
{
	const char *dot = strrchr(rel, '.');
	return !dot                    ? "application/octet-stream"
	       : !strcmp(dot, ".html") ? "text/html; charset=utf-8"
	       : !strcmp(dot, ".svg")  ? "image/svg+xml"
	       : !strcmp(dot, ".png")  ? "image/png"
	       : !strcmp(dot, ".css")  ? "text/css; charset=utf-8"
				       : "application/octet-stream";
}

/* GET /report/NAME */
void sv_report_file(sv_ctx *x, const char *rel)
{
	sv_app *a = x->app;
	if (!a->report_dir)
		return sv_fail(x, 404,
			       "no report yet: write it from the "
			       "workbench's Report tab");
	if (!safe_name(rel))
		return sv_fail(x, 404, "nothing at /report/%s", rel);
	char path[1200];
	snprintf(path, sizeof path, "%s/%s", a->report_dir, rel);
	char *data = NULL;
	size_t len = 0;
	fw_error err;
	fw_error_clear(&err);
	if (fw_file_regular(path, NULL) ||
	    fw_file_read(&data, &len, path, 256u << 20, &err))
		return sv_fail(x, 404, "nothing at /report/%s", rel);
	x->rs->status = 200;
	x->rs->type = type_of(rel);
	x->rs->csp = report_csp;
	fw_buf_put(&x->rs->body, data, len);
	free(data);
}
