/*
 * inputs.c: reading a report's side files before composing it.
 */
#include "inputs.h"
#include "names.h"
#include "redact.h"
#include "report.h"
#include "words.h"
#include "errors.h"
#include "fileio.h"

#include <stdlib.h>
#include <string.h>

/* Read a whole side file (at most limit bytes) and hand it to a parser. */
static int read_parse(const char *path, size_t limit,
		      int (*parse)(void *into, const char *text, size_t len,
				   const char *label, fw_error *err),
		      void *into, fw_error *err)
{
	char *data;
	size_t len;
	int rc = fw_file_read(&data, &len, path, limit, err);
	if (rc)
		return rc;
	rc = parse(into, data, len, path, err);
	free(data);
	return rc;
}

static int parse_words(void *w, const char *text, size_t len, const char *label,
		       fw_error *err)
{
	return rp_words_parse(w, text, len, label, err);
}

static int parse_names(void *r, const char *text, size_t len, const char *label,
		       fw_error *err)
{
	return rp_redact_parse(r, text, len, label, err);
}

int rp_inputs_load(rp_inputs *in, const rp_report_opts *o, fw_error *err)
{
	memset(in, 0, sizeof *in);
	rp_redact_init(&in->listed);
	int rc = 0;
	if (o->words)
		rc = read_parse(o->words, 1 << 20, parse_words, &in->words,
				err);
	else
		rp_words_default(&in->words);
	if (!rc && o->names)
		rc = rp_names_load(&in->names, o->names, err);
	if (!rc && o->redact && !o->keep_names)
		rc = read_parse(o->redact, 8 << 20, parse_names, &in->listed,
				err);
	if (rc)
		rp_inputs_dispose(in);
	return rc;
}

void rp_inputs_dispose(rp_inputs *in)
{
	rp_words_dispose(&in->words);
	rp_names_dispose(&in->names);
	rp_redact_dispose(&in->listed);
	memset(in, 0, sizeof *in);
}
