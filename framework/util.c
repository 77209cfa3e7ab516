/*
 * util.c: errors, the growable buffer, result tables and small helpers
 * (SHA-256, GUIDs, reading files) shared by every module.
 */
#include "fw.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

int fw_error_set(fw_error *err, int code, const char *file, int line,
		 const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		err->line = line;
		err->col = 0;
		snprintf(err->file, sizeof err->file, "%s", file ? file : "");
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void fw_error_clear(fw_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

void fw_error_format(const fw_error *err, char *buf, size_t n)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, n, "%s:%d: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, n, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, n, "%s", err->msg[0] ? err->msg : "failed");
}

void fw_error_print(const fw_error *err, FILE *fp)
{
	if (err->file[0] && err->line > 0)
		fprintf(fp, "charter: %s:%d: %s\n", err->file, err->line,
			err->msg);
	else if (err->file[0])
		fprintf(fp, "charter: %s: %s\n", err->file, err->msg);
	else
		fprintf(fp, "charter: %s\n", err->msg[0] ? err->msg : "failed");
}

void *fw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("charter: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *fw_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("charter: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *fw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("charter: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *fw_xstrdup(const char *s)
{
	return s ? fw_xstrndup(s, strlen(s)) : NULL;
}

char *fw_xstrndup(const char *s, size_t n)
{
	char *d = fw_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* ---- buffer -------------------------------------------------------------- */

void fw_buf_init(fw_buf *b)
{
	b->ptr = NULL;
	b->len = b->cap = 0;
}

static void buf_grow(fw_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->ptr = fw_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void fw_buf_put(fw_buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void fw_buf_puts(fw_buf *b, const char *s)
{
	fw_buf_put(b, s, strlen(s));
}

void fw_buf_putc(fw_buf *b, int c)
{
	char ch = (char)c;
	fw_buf_put(b, &ch, 1);
}

void fw_buf_printf(fw_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *fw_buf_detach(fw_buf *b)
{
	char *p = b->ptr;
	if (!p)
		p = fw_xstrdup("");
	fw_buf_init(b);
	return p;
}

void fw_buf_dispose(fw_buf *b)
{
	free(b->ptr);
	fw_buf_init(b);
}

/* ---- tables -------------------------------------------------------------- */

static FILE *pending_sink;
static int pending_format;

void fw_table_stream_next(FILE *fp, int format)
{
	pending_sink = fp;
	pending_format = format;
}

fw_table *fw_table_new(size_t ncols, const char *const *names)
{
	fw_table *t = fw_xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->cols = fw_xcalloc(ncols, sizeof *t->cols);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i] = fw_xstrdup(names[i] ? names[i] : "");
	if (pending_sink) {
		t->sink = pending_sink;
		t->sink_format = pending_format;
		pending_sink = NULL;
		fw_table_sink_start(t);
	}
	return t;
}

void fw_table_add(fw_table *t, int kind, const char *const *cells)
{
	if (t->sink) {
		if (kind == FW_ROW_DATA)
			fw_table_sink_row(t, cells);
		return;
	}
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = fw_xrealloc(t->rows, t->cap * sizeof *t->rows);
		t->kinds = fw_xrealloc(t->kinds, t->cap * sizeof *t->kinds);
	}
	char **row = fw_xcalloc(t->ncols, sizeof *row);
	for (size_t i = 0; i < t->ncols; i++)
		row[i] = cells[i] ? fw_xstrdup(cells[i]) : NULL;
	t->rows[t->nrows] = row;
	t->kinds[t->nrows] = kind;
	t->nrows++;
}

void fw_table_free(fw_table *t)
{
	if (!t)
		return;
	if (t->sink)
		fw_table_sink_end(t);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		free(t->cols[c]);
	free(t->cols);
	free(t->rows);
	free(t->kinds);
	free(t);
}

/* ---- files, hashes, GUIDs ------------------------------------------------ */

int fw_file_read(const char *path, size_t limit, char **out, size_t *len,
		 fw_error *err)
{
	*out = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return fw_error_set(err, FW_EIO, path, 0, "cannot open: %s",
				    strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return fw_error_set(err, FW_EIO, path, 0, "is a directory");
	}
	fw_buf b;
	fw_buf_init(&b);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			fw_buf_dispose(&b);
			return fw_error_set(err, FW_EIO, path, 0,
					    "cannot read: %s", strerror(e));
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > limit) {
			close(fd);
			fw_buf_dispose(&b);
			return fw_error_set(
				err, FW_ELIMIT, path, 0,
				"file is larger than the limit of %zu MB",
				limit >> 20);
		}
		fw_buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*out = fw_buf_detach(&b);
	return 0;
}

/* Random bytes come from the kernel a page at a time: one system call per
 * 256 GUIDs rather than one each. */
static unsigned char guid_pool[4096];
static size_t guid_left;

void fw_guid_new(char out[37])
{
	static const char hex[] = "0123456789ABCDEF";
	if (guid_left < 16) {
		size_t got = 0;
		while (got < sizeof guid_pool) {
			ssize_t n = getrandom(guid_pool + got,
					      sizeof guid_pool - got, 0);
			if (n <= 0)
				abort(); /* no entropy source: nothing sensible
					    to do */
			got += (size_t)n;
		}
		guid_left = sizeof guid_pool;
	}
	unsigned char r[16];
	memcpy(r, guid_pool + sizeof guid_pool - guid_left, 16);
	guid_left -= 16;
	/* UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a
	 * 12-bit counter that keeps GUIDs made in one millisecond in order,
	 * then random bits.  Time-ordered GUIDs append to the project's GUID
	 * indexes instead of scattering across them. */
	static unsigned long long last_ms;
	static unsigned counter;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long long ms = (unsigned long long)ts.tv_sec * 1000u +
				(unsigned long long)ts.tv_nsec / 1000000u;
	if (ms <= last_ms) {
		if (++counter > 0xFFF) { /* counter spent: borrow the next ms */
			last_ms++;
			counter = 0;
		}
		ms = last_ms;
	} else {
		last_ms = ms;
		counter = r[6] & 0x7F; /* random start, room to count up */
	}
	for (int i = 0; i < 6; i++)
		r[i] = (unsigned char)(ms >> (40 - 8 * i));
	r[6] = (unsigned char)(0x70 | (counter >> 8));
	r[7] = (unsigned char)(counter & 0xFF);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	size_t j = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[r[i] >> 4];
		out[j++] = hex[r[i] & 15];
	}
	out[j] = 0;
}

/* SHA-256 (FIPS 180-4).  None of the project's libraries exposes a hash. */
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
			      (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
			      (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
		 g = h[6], hh = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
			      ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

void fw_sha256_hex(const void *data, size_t len, char hex[65])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = data;
	size_t left = len;
	while (left >= 64) {
		sha_block(h, p);
		p += 64;
		left -= 64;
	}
	unsigned char tail[128] = {0};
	memcpy(tail, p, left);
	tail[left] = 0x80;
	size_t tl = left < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[tl - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha_block(h, tail);
	if (tl == 128)
		sha_block(h, tail + 64);
	for (int i = 0; i < 8; i++)
		snprintf(hex + 8 * i, 9, "%08x", h[i]);
}

const char *fw_role_name(int role)
{
	switch (role) {
	case FW_ROLE_INTERVIEWER: return "interviewer";
	case FW_ROLE_RESPONDENT: return "respondent";
	case FW_ROLE_PARTICIPANT: return "participant";
	default: return "any";
	}
}

int fw_role_parse(const char *s)
{
	if (!strcmp(s, "interviewer"))
		return FW_ROLE_INTERVIEWER;
	if (!strcmp(s, "respondent"))
		return FW_ROLE_RESPONDENT;
	if (!strcmp(s, "participant"))
		return FW_ROLE_PARTICIPANT;
	if (!strcmp(s, "any") || !strcmp(s, "all"))
		return FW_ROLE_NONE;
	return -1;
}

const char *fw_scope_name(int scope)
{
	switch (scope) {
	case FW_SCOPE_SENTENCE: return "sentence";
	case FW_SCOPE_PARAGRAPH: return "paragraph";
	default: return "utterance";
	}
}

int fw_mkdirs(const char *dir, fw_error *err)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", dir);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			return fw_error_set(err, FW_EIO, buf, 0,
					    "cannot create: %s",
					    strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return fw_error_set(err, FW_EIO, buf, 0, "cannot create: %s",
				    strerror(errno));
	return 0;
}
