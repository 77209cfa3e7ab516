/*
 * zipio.c: reading zip archives with limits against bombs and unsafe
 * names, and writing them atomically.
 */
#include "zipio.h"
#include "alloc.h"
#include "fileio.h"

#include <zip.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* An archive from user bytes, or a parse error saying why it is not one. */
/* What libzip's code zerr says of an archive it cannot open. */
static int unreadable(const char *label, int zerr, fw_error *err)
{
	zip_error_t e;
	zip_error_init_with_code(&e, zerr);
	int rc = fw_error_set(err, FW_EPARSE, label, 0,
			      "not a readable zip archive (truncated or "
			      "damaged?): %s",
			      zip_error_strerror(&e));
	zip_error_fini(&e);
	return rc;
}

static int zip_open_user(zip_t **za, const char *data, size_t len,
			 const char *label, fw_error *err)
{
	int zerr = 0;
	if ((*za = zip_open_mem(data, len, &zerr)))
		return 0;
	return unreadable(label, zerr, err);
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

/* Every entry name is safe to unpack; the names, if asked for. */
static int zip_check_names(char ***names, size_t *n, zip_t *za,
			   const char *label, fw_error *err)
{
	zip_int64_t k = zip_get_num_entries(za, 0);
	char **v = names ? fw_xcalloc((size_t)k + 1, sizeof *v) : NULL;
	size_t nv = 0;
	int rc = 0;
	for (zip_int64_t i = 0; !rc && i < k; i++) {
		const char *en =
			zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		if (!en)
			continue;
		if (unsafe_name(en))
			rc = fw_error_set(
				err, FW_EPARSE, label, 0,
				"zip entry '%.80s' has an unsafe path "
				"(absolute or with '..'); refused",
				en);
		else if (v)
			v[nv++] = fw_xstrdup(en);
	}
	if (rc || !names) {
		fw_strv_free(v, nv);
		return rc;
	}
	*names = v;
	*n = nv;
	return 0;
}

/* The entry's size, within the limits against zip bombs (max: the
 * largest size allowed). */
static int entry_size_max(zip_uint64_t *size, zip_t *za, zip_int64_t idx,
			  const char *label, const char *name, zip_uint64_t max,
			  fw_error *err)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) ||
	    !(st.valid & ZIP_STAT_SIZE))
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "cannot read the size of %s in the archive",
				    name);
	if (st.size > max)
		return fw_error_set(err, FW_ELIMIT, label, 0,
				    "%s unpacks to %llu bytes (limit %llu MB); "
				    "refused as a possible zip bomb",
				    name, (unsigned long long)st.size,
				    (unsigned long long)(max >> 20));
	zip_uint64_t ratio = st.size / (st.comp_size ? st.comp_size : 1);
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1u << 20) &&
	    ratio > FW_ZIP_MAX_RATIO)
		return fw_error_set(err, FW_ELIMIT, label, 0,
				    "%s is compressed %llu to 1 (limit %d to "
				    "1); refused as a possible zip bomb",
				    name, (unsigned long long)ratio,
				    FW_ZIP_MAX_RATIO);
	*size = st.size;
	return 0;
}

/* Entry name's index and size, within the limits (max the largest). */
static int entry_find(zip_int64_t *idx, zip_uint64_t *size, zip_t *za,
		      const char *label, const char *name, zip_uint64_t max,
		      fw_error *err)
{
	*size = 0;
	if ((*idx = zip_name_locate(za, name, 0)) < 0)
		return fw_error_set(err, FW_ENOTFOUND, label, 0,
				    "the archive has no %s", name);
	return entry_size_max(size, za, *idx, label, name, max, err);
}

/* Exactly size bytes of entry idx into a new NUL-terminated buffer. */
static int entry_read(char **out, zip_t *za, zip_int64_t idx, zip_uint64_t size,
		      const char *label, const char *name, fw_error *err)
{
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf)
		return fw_error_set(err, FW_EPARSE, label, 0,
				    "cannot open %s: %s", name,
				    zip_strerror(za));
	char *buf = fw_xmalloc((size_t)size + 1);
	zip_int64_t got = zip_fread(zf, buf, size);
	char extra;
	int more = got >= 0 && zip_fread(zf, &extra, 1) > 0;
	int rc = 0;
	if (got < 0 || (zip_uint64_t)got != size)
		rc = fw_error_set(err, FW_EPARSE, label, 0,
				  "%s is damaged in the archive (%s)", name,
				  zip_file_strerror(zf));
	else if (more)
		rc = fw_error_set(err, FW_ELIMIT, label, 0,
				  "%s holds more than its declared size; "
				  "refused",
				  name);
	zip_fclose(zf);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[size] = 0;
	*out = buf;
	return 0;
}

/* ---- an archive opened once -----------------------------------------------
 */

struct fw_zip {
	zip_t *za;
	const char *label;
};

struct fw_zip_stream {
	zip_file_t *zf;
	zip_uint64_t size, got;
};

/* An archive libzip opened, its entry names checked once (an unsafe one
 * refuses it), as an fw_zip. */
static int zip_opened(fw_zip **out, zip_t *za, const char *label, fw_error *err)
{
	int rc = zip_check_names(NULL, NULL, za, label, err);
	if (rc) {
		zip_discard(za);
		return rc;
	}
	fw_zip *z = fw_xcalloc(1, sizeof *z);
	z->za = za;
	z->label = label;
	*out = z;
	return 0;
}

int fw_zip_open_path(fw_zip **out, const char *path, fw_error *err)
{
	*out = NULL;
	int zerr = 0;
	int rc0 = fw_file_regular(path, err);
	if (rc0)
		return rc0;
	zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!za)
		return unreadable(path, zerr, err);
	return zip_opened(out, za, path, err);
}

int fw_zip_open_mem(fw_zip **out, const char *data, size_t len,
		    const char *label, fw_error *err)
{
	*out = NULL;
	zip_t *za;
	int rc = zip_open_user(&za, data, len, label, err);
	return rc ? rc : zip_opened(out, za, label, err);
}

int fw_zip_entry(char **out, size_t *out_len, const char *data, size_t len,
		 const char *label, const char *name, fw_error *err)
{
	*out = NULL;
	*out_len = 0;
	fw_zip *z;
	int rc = fw_zip_open_mem(&z, data, len, label, err);
	if (rc)
		return rc;
	rc = fw_zip_read(z, name, out, out_len, err);
	fw_zip_close(z);
	return rc;
}

int fw_zip_list(fw_zip *z, char ***names, size_t *n, fw_error *err)
{
	return zip_check_names(names, n, z->za, z->label, err);
}

int fw_zip_read(fw_zip *z, const char *name, char **out, size_t *len,
		fw_error *err)
{
	*out = NULL;
	*len = 0;
	zip_int64_t idx;
	zip_uint64_t size;
	int rc = entry_find(&idx, &size, z->za, z->label, name,
			    FW_ZIP_MAX_ENTRY, err);
	if (!rc &&
	    !(rc = entry_read(out, z->za, idx, size, z->label, name, err)))
		*len = (size_t)size;
	return rc;
}

int fw_zip_stream_open(fw_zip_stream **out, fw_zip *z, const char *name,
		       fw_error *err)
{
	*out = NULL;
	zip_int64_t idx;
	zip_uint64_t size;
	int rc = entry_find(&idx, &size, z->za, z->label, name,
			    FW_ZIP_MAX_STREAM, err);
	if (rc)
		return rc;
	zip_file_t *zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!zf)
		return fw_error_set(err, FW_EPARSE, z->label, 0,
				    "cannot open %s: %s", name,
				    zip_strerror(z->za));
	fw_zip_stream *s = fw_xcalloc(1, sizeof *s);
	s->zf = zf;
	s->size = size;
	*out = s;
	return 0;
}

long fw_zip_stream_read(fw_zip_stream *s, char *buf, size_t n)
{
	/* never past the declared size, whatever the stream holds */
	if (n > s->size - s->got)
		n = (size_t)(s->size - s->got);
	if (!n)
		return 0;
	zip_int64_t k = zip_fread(s->zf, buf, n);
	if (k < 0)
		return -1;
	s->got += (zip_uint64_t)k;
	return (long)k;
}

void fw_zip_stream_close(fw_zip_stream *s)
{
	if (!s)
		return;
	zip_fclose(s->zf);
	free(s);
}

void fw_zip_close(fw_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z);
}

/* ---- writing ------------------------------------------------------------- */

/* A part whose bytes are loaded when libzip opens it and freed when it
 * closes it. */
typedef struct lazy {
	fw_zip_load_fn load;
	void *ctx;
	long long key;
	char *data;
	size_t len, pos;
	zip_error_t error;
} lazy;

static zip_int64_t lazy_cb(void *ud, void *out, zip_uint64_t n,
			   zip_source_cmd_t cmd)
{
	lazy *l = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		free(l->data);
		l->data = NULL;
		l->len = l->pos = 0;
		if (l->load(l->ctx, l->key, &l->data, &l->len)) {
			zip_error_set(&l->error, ZIP_ER_READ, 0);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_READ: {
		size_t k = l->len - l->pos < n ? l->len - l->pos : (size_t)n;
		if (k)
			memcpy(out, l->data + l->pos, k);
		l->pos += k;
		return (zip_int64_t)k;
	}
	case ZIP_SOURCE_CLOSE:
		free(l->data);
		l->data = NULL;
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = out;
		zip_stat_init(st);
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR: return zip_error_to_data(&l->error, out, n);
	case ZIP_SOURCE_FREE:
		free(l->data);
		zip_error_fini(&l->error);
		free(l);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(
			ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
			ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default: zip_error_set(&l->error, ZIP_ER_OPNOTSUPP, 0); return -1;
	}
}

static zip_source_t *part_source(zip_t *z, const fw_zip_part *part)
{
	if (part->file)
		return zip_source_filep(z, part->file, 0, -1);
	if (!part->load)
		return zip_source_buffer(z, part->data, part->len, 0);
	lazy *l = fw_xcalloc(1, sizeof *l);
	l->load = part->load;
	l->ctx = part->ctx;
	l->key = part->key;
	zip_error_init(&l->error);
	zip_source_t *s = zip_source_function(z, lazy_cb, l);
	if (!s) {
		zip_error_fini(&l->error);
		free(l);
	}
	return s;
}

/* The open streams of parts [from, n) that libzip was never given. */
static void close_files(const fw_zip_part *parts, size_t from, size_t n)
{
	for (size_t i = from; i < n; i++)
		if (parts[i].file)
			fclose(parts[i].file);
}

int fw_zip_write(const char *path, const fw_zip_part *parts, size_t n,
		 fw_error *err)
{
	fw_atomic a;
	int rc = fw_atomic_begin(&a, path, err);
	if (rc) {
		close_files(parts, 0, n);
		return rc;
	}
	int ze = 0;
	zip_t *z = zip_open(a.tmp, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!z) {
		close_files(parts, 0, n);
		fw_atomic_abort(&a);
		return fw_error_set(err, FW_EIO, path, 0,
				    "cannot create the file");
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = part_source(z, &parts[i]);
		zip_int64_t idx =
			s ? zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8)
			  : -1;
		/* zlib's default level: libzip's own default is the slowest,
		 * 9, which cost most of an export's time for a few per cent */
		if (idx >= 0)
			zip_set_file_compression(z, (zip_uint64_t)idx,
						 ZIP_CM_DEFLATE, 6);
		if (idx < 0) {
			if (!s && parts[i].file)
				fclose(parts[i].file);
			close_files(parts, i + 1, n);
			zip_source_free(s);
			rc = fw_error_set(err, FW_EIO, path, 0,
					  "cannot write: %s", zip_strerror(z));
			zip_discard(z);
			fw_atomic_abort(&a);
			return rc;
		}
	}
	if (zip_close(z) < 0) {
		rc = fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				  zip_strerror(z));
		zip_discard(z);
		fw_atomic_abort(&a);
		return rc;
	}
	return fw_atomic_commit(&a, err);
}
