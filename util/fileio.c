/*
 * fileio.c: whole-file reads, atomic writes (temporary file + rename) and
 * directories.
 */
#include "fileio.h"
#include "buf.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fw_file_regular(const char *path, fw_error *err)
{
	struct stat st;
	if (stat(path, &st))
		return fw_error_set(err, FW_EIO, path, 0, "cannot open: %s",
				    strerror(errno));
	if (S_ISREG(st.st_mode))
		return 0;
	const char *what = S_ISDIR(st.st_mode)    ? "a directory"
			   : S_ISFIFO(st.st_mode) ? "a pipe (FIFO)"
			   : S_ISCHR(st.st_mode)  ? "a character device"
			   : S_ISBLK(st.st_mode)  ? "a block device"
			   : S_ISSOCK(st.st_mode) ? "a socket"
						  : "not a regular file";
	return fw_error_set(err, FW_EIO, path, 0,
			    "is %s; charter reads regular files only (save "
			    "the data to a file first)",
			    what);
}

int fw_file_read(char **out, size_t *len, const char *path, size_t limit,
		 fw_error *err)
{
	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return fw_error_set(err, FW_EIO, path, 0, "cannot open: %s",
				    strerror(errno));
	struct stat st;
	if (fstat(fd, &st)) {
		int rc = fw_error_set(err, FW_EIO, path, 0, "cannot stat: %s",
				      strerror(errno));
		close(fd);
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fw_file_regular(path, err);
	}
	int rc = 0;
	/* a file that says it is too large is refused before a byte is read */
	if (st.st_size >= 0 && (unsigned long long)st.st_size > limit)
		rc = fw_error_set(err, FW_ELIMIT, path, 0,
				  "file is larger than the limit of %zu MB",
				  limit >> 20);
	fw_buf b;
	fw_buf_init(&b);
	/* one buffer of the file's size, and a byte more to see it grow */
	size_t want = rc ? 0 : (size_t)st.st_size + 1;
	while (!rc) {
		if (b.cap - b.len <= 1)
			fw_buf_reserve(&b, want);
		ssize_t n = read(fd, b.ptr + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = fw_error_set(err, FW_EIO, path, 0,
					  "cannot read: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > limit) {
			rc = fw_error_set(err, FW_ELIMIT, path, 0,
					  "file is larger than the limit of "
					  "%zu MB",
					  limit >> 20);
			break;
		}
		b.len += (size_t)n;
		b.ptr[b.len] = 0;
		want = b.len > 65536 ? b.len : 65536; /* doubling if it grows */
	}
	close(fd);
	if (rc) {
		fw_buf_dispose(&b);
		return rc;
	}
	*len = b.len;
	*out = fw_buf_detach(&b);
	return 0;
}

/* The temporary files a killed charter left beside path (PATH.tmp-PID-*,
 * and what libzip made from them), removed when that PID is gone. */
static void sweep_stale(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = 0;
	else
		snprintf(dir, sizeof dir, ".");
	if (slash == dir)
		snprintf(dir, sizeof dir, "/");
	size_t bl = strlen(base);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (strncmp(n, base, bl) || strncmp(n + bl, ".tmp-", 5))
			continue;
		char *end;
		long pid = strtol(n + bl + 5, &end, 10);
		if (pid <= 0 || *end != '-' || pid == (long)getpid() ||
		    !(kill((pid_t)pid, 0) && errno == ESRCH))
			continue;
		char stale[8192];
		snprintf(stale, sizeof stale, "%s/%s", dir, n);
		unlink(stale);
	}
	closedir(d);
}

int fw_atomic_begin(fw_atomic *a, const char *path, fw_error *err)
{
	memset(a, 0, sizeof *a);
	if (strlen(path) >= sizeof a->path)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the output path is too long");
	snprintf(a->path, sizeof a->path, "%s", path);
	sweep_stale(path);
	snprintf(a->tmp, sizeof a->tmp, "%s.tmp-%ld-XXXXXX", path,
		 (long)getpid());
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;
		a->tmp[0] = 0;
		return fw_error_set(err, FW_EIO, path, 0, "cannot create: %s",
				    strerror(e));
	}
	/* mkstemp makes 0600; an output written again keeps the mode it had
	 * (a researcher's 0600 stays private); a new one is an ordinary file
	 * (0666 less umask).  A symbolic link at path is replaced by the
	 * rename, never written through. */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;
	struct stat was;
	if (!lstat(path, &was) && S_ISREG(was.st_mode))
		mode = was.st_mode & 07777;
	if (fchmod(fd, mode) || !(a->fp = fdopen(fd, "wb"))) {
		int e = errno;
		close(fd);
		fw_atomic_abort(a);
		return fw_error_set(err, FW_EIO, path, 0, "cannot create: %s",
				    strerror(e));
	}
	return 0;
}

int fw_atomic_commit(fw_atomic *a, fw_error *err)
{
	int bad = 0;
	if (a->fp) {
		bad = ferror(a->fp) != 0;
		bad |= fclose(a->fp) != 0;
		a->fp = NULL;
	}
	if (!bad && rename(a->tmp, a->path) == 0) {
		a->tmp[0] = 0;
		return 0;
	}
	int e = errno;
	fw_atomic_abort(a);
	return fw_error_set(err, FW_EIO, a->path, 0, "cannot write: %s",
			    strerror(e));
}

void fw_atomic_abort(fw_atomic *a)
{
	if (a->fp)
		fclose(a->fp);
	a->fp = NULL;
	if (a->tmp[0])
		unlink(a->tmp);
	a->tmp[0] = 0;
}

int fw_file_write(const char *path, const void *data, size_t len, fw_error *err)
{
	fw_atomic a;
	int rc = fw_atomic_begin(&a, path, err);
	if (rc)
		return rc;
	if (len && fwrite(data, 1, len, a.fp) != len) {
		int e = errno;
		fw_atomic_abort(&a);
		return fw_error_set(err, FW_EIO, path, 0, "cannot write: %s",
				    strerror(e));
	}
	return fw_atomic_commit(&a, err);
}

int fw_mkdirs(const char *dir, fw_error *err)
{
	char buf[4096];
	if (strlen(dir) >= sizeof buf)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the directory path is too long");
	snprintf(buf, sizeof buf, "%s", dir);
	if (!buf[0])
		return 0;
	for (char *p = buf + 1;; p++) {
		if (*p && *p != '/')
			continue;
		char c = *p;
		*p = 0;
		if (mkdir(buf, 0777) && errno != EEXIST)
			return fw_error_set(err, FW_EIO, buf, 0,
					    "cannot create: %s",
					    strerror(errno));
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

const char *fw_path_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

void fw_path_slug(char *out, size_t n, const char *s)
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
