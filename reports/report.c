/*
 * report.c: the report, one chapter per value of the grouping attribute
 * (actor group), one section per main theme.  Each section says how many of
 * the group's cases were coded to each sub-theme and gathers the chart
 * summaries written for them.
 */
#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void fw_slug(const char *s, char *out, size_t n)
{
	size_t j = 0;
	int dash = 0;
	for (; *s && j + 1 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c)) {
			if (dash && j)
				out[j++] = '-';
			dash = 0;
			if (j + 1 < n)
				out[j++] = (char)tolower(c);
		} else {
			dash = 1;
		}
	}
	out[j] = 0;
	if (!j && n > 1)
		snprintf(out, n, "x");
}

static void md_text(fw_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fw_buf_puts(b, "\\|");
		else if (*s == '\n')
			fw_buf_putc(b, ' ');
		else
			fw_buf_putc(b, *s);
	}
}

static int chapter(fw_project *p, const char *attr, int num, const char *value,
                   const char *ncases, const fw_table *themes, fw_buf *b,
                   fw_error *err)
{
	fw_buf_printf(b, "## Chapter %d: %s\n\n", num, value);
	fw_buf_printf(b, "%s %s in this group (%s = %s).\n\n", ncases,
	              !strcmp(ncases, "1") ? "case" : "cases", attr, value);
	for (size_t t = 0; t < themes->nrows; t++) {
		const char *tn = themes->rows[t][0], *tname = themes->rows[t][1];
		fw_report_section s;
		int rc = fw_report_section_build(p, attr, value, tn, &s, err);
		if (rc)
			return rc;
		fw_buf_printf(b, "### Theme %s: %s\n\n", tn, tname);
		fw_buf_puts(b, "| Sub-theme | Cases coded |\n|---|---|\n");
		for (size_t r = 0; r < s.subthemes->nrows; r++) {
			char **row = s.subthemes->rows[r];
			fw_buf_printf(b, "| %s ", row[0]);
			md_text(b, row[1]);
			fw_buf_printf(b, " | %s of %s |\n", row[2], row[3]);
		}
		fw_buf_putc(b, '\n');
		const char *cur = NULL;
		for (size_t r = 0; r < s.summaries->nrows; r++) {
			char **row = s.summaries->rows[r];
			if (!cur || strcmp(cur, row[0])) {
				cur = row[0];
				const char *name = "";
				for (size_t k = 0; k < s.subthemes->nrows; k++)
					if (!strcmp(s.subthemes->rows[k][0], cur))
						name = s.subthemes->rows[k][1];
				fw_buf_printf(b, "#### %s %s\n\n", cur, name);
			}
			fw_buf_printf(b, "- **%s**", row[1]);
			if (row[3] && *row[3])
				fw_buf_printf(b, " (%s)", row[3]);
			fw_buf_puts(b, ": ");
			md_text(b, row[2]);
			fw_buf_putc(b, '\n');
			if (r + 1 == s.summaries->nrows ||
			    strcmp(s.summaries->rows[r + 1][0], cur))
				fw_buf_putc(b, '\n');
		}
		fw_report_section_dispose(&s);
	}
	return 0;
}

static int write_file(const char *dir, const char *name, const fw_buf *b,
                      fw_error *err)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		return fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
		                    strerror(errno));
	size_t n = fwrite(b->ptr, 1, b->len, f);
	if (fclose(f) || n != b->len)
		return fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
		                    strerror(errno));
	return 0;
}

int fw_report_write(fw_project *p, const fw_report_opts *o, int *written,
                    fw_error *err)
{
	if (written)
		*written = 0;
	if (o->format != FW_FMT_MD)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
		                    "reports are written as md for now");
	fw_table *groups = NULL, *themes = NULL;
	int rc = fw_group_list(p, o->attr, &groups, err);
	if (!rc)
		rc = fw_theme_list(p, &themes, err);
	if (!rc && !groups->nrows)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
		                  "no case has a value for '%s': import a "
		                  "classification sheet first",
		                  o->attr);
	if (!rc && !themes->nrows)
		rc = fw_error_set(err, FW_EINVAL, NULL, 0,
		                  "the project has no themes: import a codebook first");
	if (!rc)
		rc = fw_mkdirs(o->outdir, err);
	fw_buf all;
	fw_buf_init(&all);
	char *title = NULL;
	fw_setting_get(p, "codebook_title", &title, NULL);
	fw_buf_printf(&all, "# %s\n\n", title ? title : "Report");
	free(title);
	fw_buf_puts(&all, "## Contents\n\n");
	for (size_t g = 0; !rc && g < groups->nrows; g++)
		fw_buf_printf(&all, "%zu. Chapter %zu: %s (%s cases)\n", g + 1, g + 1,
		              groups->rows[g][0], groups->rows[g][1]);
	fw_buf_putc(&all, '\n');
	for (size_t g = 0; !rc && g < groups->nrows; g++) {
		fw_buf ch;
		fw_buf_init(&ch);
		rc = chapter(p, o->attr, (int)g + 1, groups->rows[g][0],
		             groups->rows[g][1], themes, &ch, err);
		if (!rc) {
			char slug[128], name[200];
			fw_slug(groups->rows[g][0], slug, sizeof slug);
			snprintf(name, sizeof name, "chapter-%zu-%s.md", g + 1, slug);
			rc = write_file(o->outdir, name, &ch, err);
			if (!rc && written)
				(*written)++;
			fw_buf_put(&all, ch.ptr, ch.len);
		}
		fw_buf_dispose(&ch);
	}
	if (!rc) {
		rc = write_file(o->outdir, "report.md", &all, err);
		if (!rc && written)
			(*written)++;
	}
	fw_buf_dispose(&all);
	fw_table_free(groups);
	fw_table_free(themes);
	return rc;
}
