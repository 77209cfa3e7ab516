/*
 * container.c: reading XML and zip safely.  Transcripts come from outside
 * the researcher's control, so:
 *
 *   XML   libxml2 with XML_PARSE_NONET, no DTD loading, no entity
 *         substitution, and any <!ENTITY declaration refused before the
 *         parser sees it (no XXE, no billion laughs).  Text declared (or
 *         defaulting to) UTF-8 that is not UTF-8 is an error naming the
 *         byte offset and line, or converted from Windows-1252 on request.
 *   zip   entries with absolute or ".." paths refuse the whole archive;
 *         an entry over FW_ZIP_MAX_ENTRY bytes, or compressed more than
 *         FW_ZIP_MAX_RATIO to one, is refused as a possible zip bomb, and
 *         reading stops at the declared size whatever the stream holds.
 */
#include "internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <zip.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- XML ----------------------------------------------------------------- */

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The first error libxml2 reports (later ones tend to be consequences). */
static struct {
	int set, line;
	char msg[200];
} first_error;

static void keep_first(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (first_error.set || !e || e->level < XML_ERR_ERROR)
		return;
	first_error.set = 1;
	first_error.line = e->line;
	snprintf(first_error.msg, sizeof first_error.msg, "%s",
		 e->message ? e->message : "not well-formed");
	size_t k = strlen(first_error.msg);
	while (k && (first_error.msg[k - 1] == '\n' ||
		     first_error.msg[k - 1] == ' '))
		first_error.msg[--k] = 0;
}

static int line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

/* The encoding named in <?xml ... encoding="X"?> or <meta charset=X>. */
static void declared_encoding(const char *s, size_t len, int html, char *enc,
			      size_t cap)
{
	enc[0] = 0;
	char head[2049];
	size_t n = len < 2048 ? len : 2048;
	memcpy(head, s, n);
	head[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (!head[i])
			head[i] = ' ';
	s = head;
	const char *end = s + n;
	const char *p = NULL;
	if (!html) {
		if (n < 5 || strncmp(s, "<?xml", 5))
			return;
		const char *q = memmem(s, n, "?>", 2);
		if (!q)
			return;
		p = memmem(s, (size_t)(q - s), "encoding", 8);
		end = q;
		if (!p)
			return;
		p += 8;
	} else {
		p = strcasestr(s, "charset");
		if (!p || p >= end)
			return;
		p += 7;
	}
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	size_t k = 0;
	while (p < end && k + 1 < cap &&
	       (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
		*p == '.'))
		enc[k++] = *p++;
	enc[k] = 0;
}

static int is_utf8_name(const char *e)
{
	return !e[0] || !strcasecmp(e, "utf-8") || !strcasecmp(e, "utf8");
}

int fw_xml_read(xmlDocPtr *doc, const char *data, size_t len, const char *label,
		const fw_ingest_opts *o, int html, const char **enc,
		fw_error *err)
{
	*doc = NULL;
	xmlSetGenericErrorFunc(NULL, quiet);
	const unsigned char *u = (const unsigned char *)data;
	char *conv = NULL;
	size_t clen = 0;
	const char *force = NULL;
	static char declared[40];
	int mode = o ? o->allow_cp1252 : 1;

	int utf16 = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
				 (u[0] == 0xFE && u[1] == 0xFF));
	if (!utf16 && len >= 4 &&
	    ((u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == '<')))
		utf16 = 1;
	if (utf16) {
		int rc = fw_text_decode(data, len, label, 0, &conv, &clen, enc,
					err);
		if (rc)
			return rc;
		data = conv;
		len = clen;
		force = "UTF-8";
	} else {
		size_t off =
			len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF
				? 3
				: 0;
		declared_encoding(data + off, len - off, html, declared,
				  sizeof declared);
		if (is_utf8_name(declared)) {
			size_t bad;
			if (!fw_utf8_valid(data, len, &bad)) {
				if (mode == 2 ||
				    (html && mode == 1 && !declared[0])) {
					int rc = fw_text_decode(
						data + off, len - off, label, 2,
						&conv, &clen, enc, err);
					if (rc)
						return rc;
					data = conv;
					len = clen;
				} else {
					return fw_error_set(
						err, FW_EPARSE, label,
						line_at(data, bad),
						"invalid UTF-8 at byte offset %zu (the file %s "
						"UTF-8; use --encoding cp1252 to convert)",
						bad,
						declared[0] ? "declares"
							    : "is read as");
				}
			} else {
				*enc = "UTF-8";
			}
			force = "UTF-8";
		} else {
			*enc = declared;
		}
	}
	/* entity declarations: refused outright */
	const char *ent = memmem(data, len, "<!ENTITY", 8);
	if (ent) {
		int line = line_at(data, (size_t)(ent - data));
		free(conv);
		return fw_error_set(
			err, FW_EPARSE, label, line,
			"the document declares XML entities; charter "
			"refuses them (they can read local files or "
			"expand without bound)");
	}
	if (len > INT32_MAX) {
		free(conv);
		return fw_error_set(err, FW_ELIMIT, label, 0,
				    "the file is too large");
	}
	int rc = 0;
	if (html) {
		htmlParserCtxtPtr ctx = htmlNewParserCtxt();
		if (!ctx) {
			free(conv);
			return fw_error_set(err, FW_ERROR, label, 0,
					    "out of memory");
		}
		*doc = htmlCtxtReadMemory(
			ctx, data, (int)len, label, force,
			HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
		if (!*doc)
			rc = fw_error_set(err, FW_EPARSE, label, 0,
					  "not readable as HTML");
		htmlFreeParserCtxt(ctx);
	} else {
		first_error.set = 0;
		xmlSetStructuredErrorFunc(NULL, keep_first);
		xmlParserCtxtPtr ctx = xmlNewParserCtxt();
		if (!ctx) {
			free(conv);
			return fw_error_set(err, FW_ERROR, label, 0,
					    "out of memory");
		}
		*doc = xmlCtxtReadMemory(ctx, data, (int)len, label, force,
					 XML_PARSE_NONET | XML_PARSE_NOERROR |
						 XML_PARSE_NOWARNING |
						 XML_PARSE_NOCDATA);
		if (!*doc || !ctx->wellFormed) {
			xmlErrorPtr e = xmlCtxtGetLastError(ctx);
			char msg[200] = "not well-formed";
			int line = 0;
			if (first_error.set) {
				snprintf(msg, sizeof msg, "%s",
					 first_error.msg);
				line = first_error.line;
			} else if (e && e->message) {
				snprintf(msg, sizeof msg, "%s", e->message);
				size_t k = strlen(msg);
				while (k && (msg[k - 1] == '\n' ||
					     msg[k - 1] == ' '))
					msg[--k] = 0;
				line = e->line;
			}
			if (*doc) {
				xmlFreeDoc(*doc);
				*doc = NULL;
			}
			rc = fw_error_set(err, FW_EPARSE, label, line,
					  "malformed XML: %s", msg);
		}
		xmlFreeParserCtxt(ctx);
		xmlSetStructuredErrorFunc(NULL, NULL);
	}
	free(conv);
	if (!rc && (!*doc || !xmlDocGetRootElement(*doc))) {
		if (*doc)
			xmlFreeDoc(*doc);
		*doc = NULL;
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "the document is empty");
	}
	return rc;
}

/* ---- zip ----------------------------------------------------------------- */

static zip_t *zip_open_mem(const char *data, size_t len, int *zerr)
{
	zip_error_t e;
	zip_error_init(&e);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &e);
	if (!src) {
		*zerr = zip_error_code_zip(&e);
		zip_error_fini(&e);
		return NULL;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &e);
	if (!za) {
		*zerr = zip_error_code_zip(&e);
		zip_source_free(src);
	}
	zip_error_fini(&e);
	return za;
}

int fw_zip_has(const char *data, size_t len, const char *name)
{
	int zerr = 0;
	zip_t *za = zip_open_mem(data, len, &zerr);
	if (!za)
		return 0;
	int found = zip_name_locate(za, name, 0) >= 0;
	zip_discard(za);
	return found;
}

static int unsafe_name(const char *n)
{
	if (n[0] == '/' || n[0] == '\\')
		return 1;
	if (isalpha((unsigned char)n[0]) && n[1] == ':')
		return 1;
	for (const char *p = n; *p; p++) {
		if (p[0] == '.' && p[1] == '.' &&
		    (p == n || p[-1] == '/' || p[-1] == '\\') &&
		    (p[2] == 0 || p[2] == '/' || p[2] == '\\'))
			return 1;
	}
	return 0;
}

int fw_zip_entry(const char *data, size_t len, const char *label,
		 const char *name, char **out, size_t *out_len, fw_error *err)
{
	*out = NULL;
	*out_len = 0;
	int zerr = 0;
	zip_t *za = zip_open_mem(data, len, &zerr);
	if (!za) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		int rc =
			fw_error_set(err, FW_EPARSE, label, 0,
				     "not a readable zip archive (truncated or "
				     "damaged?): %s",
				     zip_error_strerror(&e));
		zip_error_fini(&e);
		return rc;
	}
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *en =
			zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (en && unsafe_name(en)) {
			int rc = fw_error_set(
				err, FW_EPARSE, label, 0,
				"zip entry '%.80s' has an unsafe path "
				"(absolute or with '..'); refused",
				en);
			zip_discard(za);
			return rc;
		}
	}
	zip_int64_t idx = zip_name_locate(za, name, 0);
	if (idx < 0) {
		zip_discard(za);
		return fw_error_set(err, FW_ENOTFOUND, label, 0,
				    "the archive has no %s", name);
	}
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		zip_discard(za);
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "cannot read the size of %s in the archive",
				    name);
	}
	if (st.size > FW_ZIP_MAX_ENTRY) {
		zip_discard(za);
		return fw_error_set(
			err, FW_ELIMIT, label, 0,
			"%s unpacks to %llu bytes (limit %u MB); refused "
			"as a possible zip bomb",
			name, (unsigned long long)st.size,
			FW_ZIP_MAX_ENTRY >> 20);
	}
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
	    st.size / (st.comp_size ? st.comp_size : 1) > FW_ZIP_MAX_RATIO) {
		zip_discard(za);
		return fw_error_set(
			err, FW_ELIMIT, label, 0,
			"%s is compressed %llu to 1 (limit %d to 1); "
			"refused as a possible zip bomb",
			name,
			(unsigned long long)(st.size /
					     (st.comp_size ? st.comp_size : 1)),
			FW_ZIP_MAX_RATIO);
	}
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf) {
		int rc = fw_error_set(err, FW_EPARSE, label, 0,
				      "cannot open %s: %s", name,
				      zip_strerror(za));
		zip_discard(za);
		return rc;
	}
	char *buf = fw_xmalloc((size_t)st.size + 1);
	zip_int64_t got = zip_fread(zf, buf, st.size);
	char extra;
	int more = got >= 0 && zip_fread(zf, &extra, 1) > 0;
	int rc = 0;
	if (got < 0 || (zip_uint64_t)got != st.size)
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "%s is damaged in the archive (%s)", name,
				  zip_file_strerror(zf));
	else if (more)
		rc = fw_error_set(
			err, FW_ELIMIT, label, 0,
			"%s holds more than its declared size; refused", name);
	zip_fclose(zf);
	zip_discard(za);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[st.size] = 0;
	*out = buf;
	*out_len = (size_t)st.size;
	return 0;
}

int fw_zip_names(const char *data, size_t len, const char *label, char ***names,
		 size_t *n, fw_error *err)
{
	*names = NULL;
	*n = 0;
	int zerr = 0;
	zip_t *za = zip_open_mem(data, len, &zerr);
	if (!za) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		int rc =
			fw_error_set(err, FW_EPARSE, label, 0,
				     "not a readable zip archive (truncated or "
				     "damaged?): %s",
				     zip_error_strerror(&e));
		zip_error_fini(&e);
		return rc;
	}
	zip_int64_t k = zip_get_num_entries(za, 0);
	char **v = fw_xcalloc((size_t)k + 1, sizeof *v);
	for (zip_int64_t i = 0; i < k; i++) {
		const char *en =
			zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (!en)
			continue;
		if (unsafe_name(en)) {
			int rc = fw_error_set(
				err, FW_EPARSE, label, 0,
				"zip entry '%.80s' has an unsafe path "
				"(absolute or with '..'); refused",
				en);
			for (size_t j = 0; j < *n; j++)
				free(v[j]);
			free(v);
			zip_discard(za);
			return rc;
		}
		v[(*n)++] = fw_xstrdup(en);
	}
	zip_discard(za);
	*names = v;
	return 0;
}

/* ---- writing zips -------------------------------------------------------- */

int fw_zip_write(const char *path, const fw_zip_part *parts, size_t n,
		 fw_error *err)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp-%d", path, (int)getpid());
	int ze = 0;
	zip_t *z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!z)
		return fw_error_set(err, FW_EIO, path, 0,
				    "cannot create the file");
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s =
			zip_source_buffer(z, parts[i].data, parts[i].len, 0);
		if (!s ||
		    zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(s);
			int rc = fw_error_set(err, FW_EIO, path, 0,
					      "cannot write: %s",
					      zip_strerror(z));
			zip_discard(z);
			unlink(tmp);
			return rc;
		}
	}
	if (zip_close(z) < 0) {
		int rc = fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				      zip_strerror(z));
		zip_discard(z);
		unlink(tmp);
		return rc;
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		return fw_error_set(err, FW_EIO, path, 0,
				    "cannot write the file");
	}
	return 0;
}
