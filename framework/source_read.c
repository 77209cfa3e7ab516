/*
 * source_read.c: ingest reading ahead.  While the caller stores one file,
 * worker threads read, hash and parse the next ones (pipe.h); the caller
 * takes them in the order given, so what is stored, and every message, is
 * as when each file is read in its turn.  Reading is pure (bytes in, a
 * transcript out); PDF is left to the caller, its library's state being
 * its own.
 */
#include "source.h"
#include "store.h"
#include "alloc.h"
#include "errors.h"
#include "fileio.h"
#include "pipe.h"
#include "sha256.h"

#include <libxml/parser.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/* Files read ahead hold at most this many bytes between them (one file,
 * however large, is always read): memory stays flat on a folder of large
 * files, and a few ordinary transcripts fill the pipe. */
#define FW_READ_AHEAD_BYTES (64u << 20)

typedef struct rjob {
	const char *path;
	size_t size; /* as the file system said when it was put in */
	char *data;
	int read_rc; /* the file could not be read: read_err */
	fw_error read_err;
	fw_source_read rd;
} rjob;

struct fw_source_reader {
	const char *const *paths;
	size_t n, next; /* paths[next] is the next to put in */
	const fw_ingest_opts *opts;
	fw_pipe *pipe;
	rjob *jobs, **idle;
	size_t njobs, nidle;
	size_t inflight; /* the sizes of the files in the pipe */
	size_t limit;    /* FW_READ_AHEAD_BYTES, or as set */
	void **ctx;
};

static void read_one(void *arg, void *ctx)
{
	rjob *j = arg;
	const fw_ingest_opts *o = ctx;
	size_t len = 0;
	j->read_rc = fw_file_read(&j->data, &len, j->path, FW_MAX_INPUT,
				  &j->read_err);
	if (j->read_rc)
		return;
	j->rd.path = j->path;
	j->rd.data = j->data;
	j->rd.len = len;
	fw_sha256_hex(j->rd.hash, j->data, len);
	int fmt = o && o->format ? o->format
				 : fw_format_detect(j->data, len, j->path);
	if (fmt == FW_TF_PDF)
		return; /* read by the caller */
	fw_error_clear(&j->rd.parse_err);
	j->rd.parse_rc = fw_transcript_parse(&j->rd.t, j->data, len, j->path, o,
					     &j->rd.parse_err);
	j->rd.parsed = 1;
}

static void job_reset(rjob *j)
{
	free(j->data);
	fw_transcript_free(j->rd.t);
	memset(j, 0, sizeof *j);
}

/* Keep the pipe full with the paths that come next. */
static void fill(fw_source_reader *r)
{
	while (r->next < r->n && r->nidle && !fw_pipe_full(r->pipe)) {
		struct stat st;
		const char *path = r->paths[r->next];
		size_t size = !stat(path, &st) && st.st_size > 0
				      ? (size_t)st.st_size
				      : 0;
		if (r->inflight && r->inflight + size > r->limit)
			break;
		rjob *j = r->idle[--r->nidle];
		j->path = path;
		j->size = size;
		r->inflight += size;
		r->next++;
		fw_pipe_put(r->pipe, j);
	}
}

fw_source_reader *fw_source_reader_new(const char *const *paths, size_t n,
				       const fw_ingest_opts *opts)
{
	xmlInitParser(); /* once, here, before any thread parses */
	fw_source_reader *r = fw_xcalloc(1, sizeof *r);
	r->paths = paths;
	r->n = n;
	r->opts = opts;
	r->limit = FW_READ_AHEAD_BYTES;
	size_t threads = fw_pipe_threads(7);
	r->njobs = r->nidle = 2 * (threads + 1) + 1;
	r->jobs = fw_xcalloc(r->njobs, sizeof *r->jobs);
	r->idle = fw_xcalloc(r->njobs, sizeof *r->idle);
	for (size_t i = 0; i < r->njobs; i++)
		r->idle[i] = &r->jobs[i];
	r->ctx = fw_xcalloc(threads + 1, sizeof *r->ctx);
	for (size_t i = 0; i <= threads; i++)
		r->ctx[i] = (void *)opts;
	r->pipe = fw_pipe_new(r->njobs, threads, read_one, r->ctx);
	return r;
}

int fw_source_reader_ingest(fw_source_reader *r, fw_ingest_result *res,
			    fw_diags *diags, fw_project *p, fw_error *err)
{
	memset(res, 0, sizeof *res);
	fill(r);
	rjob *j = fw_pipe_take(r->pipe);
	if (!j)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "no file is left to ingest");
	r->inflight -= j->size;
	int rc;
	if (j->read_rc) {
		rc = j->read_rc;
		if (err)
			*err = j->read_err;
	} else {
		rc = fw_source_ingest_read(res, diags, p, &j->rd, r->opts, err);
	}
	job_reset(j);
	r->idle[r->nidle++] = j;
	fill(r);
	return rc;
}

void fw_source_reader_limit(fw_source_reader *r, size_t bytes)
{
	r->limit = bytes;
}

void fw_source_reader_free(fw_source_reader *r)
{
	if (!r)
		return;
	fw_pipe_free(r->pipe);
	for (size_t i = 0; i < r->njobs; i++)
		job_reset(&r->jobs[i]);
	free(r->jobs);
	free(r->idle);
	free(r->ctx);
	free(r);
}
