/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over seed inputs
 * (what `make test` does), so each parser meets its malformed, truncated and
 * hostile seeds under ASan and UBSan.  Each argument is a file or a
 * directory of files.  Built with clang's -fsanitize=fuzzer instead, the
 * same target fuzzes (`make fuzz`).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the target on one file; returns 1 if it was read, 0 if not. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 0;
	}
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			uint8_t *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return 0;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	int ok = !ferror(f);
	fclose(f);
	if (ok)
		LLVMFuzzerTestOneInput(buf ? buf : (uint8_t *)"", len);
	free(buf);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
		return 2;
	}
	int n = 0, bad = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			bad++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i]))
				n++;
			else
				bad++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			bad++;
			continue;
		}
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", argv[i],
				 e->d_name);
			if (replay_file(path))
				n++;
			else
				bad++;
		}
		closedir(d);
	}
	printf("%d inputs replayed\n", n);
	return n && !bad ? 0 : 1;
}
