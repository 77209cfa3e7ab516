/*
 * hsscan: make bench's Hyperscan reference.  Compiles every pattern of a
 * file (one per line, read caseless as the benchmark's rules are) into one
 * Hyperscan database, scans each file named once, and writes per file the
 * number of matches, as `rg -c` does.  What charter's one pass costs
 * beyond this is its own work: turns, scope units, PCRE2's confirmation
 * and storing the codings.
 * usage: hsscan PATTERNS OUT FILE...
 */
#include <hs/hs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count(unsigned int id, unsigned long long from,
		 unsigned long long to, unsigned int flags, void *ctx)
{
	(void)id;
	(void)from;
	(void)to;
	(void)flags;
	++*(unsigned long *)ctx;
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: hsscan PATTERNS OUT FILE...\n");
		return 2;
	}
	FILE *pf = fopen(argv[1], "r");
	if (!pf)
		return 1;
	char line[8192];
	const char *ex[1024];
	unsigned fl[1024], ids[1024];
	unsigned n = 0;
	while (n < 1024 && fgets(line, sizeof line, pf)) {
		line[strcspn(line, "\n")] = 0;
		if (!*line)
			continue;
		ex[n] = strdup(line);
		fl[n] = HS_FLAG_CASELESS | HS_FLAG_UTF8;
		ids[n] = n;
		n++;
	}
	fclose(pf);
	hs_database_t *db;
	hs_compile_error_t *ce;
	if (hs_compile_multi(ex, fl, ids, n, HS_MODE_BLOCK, NULL, &db, &ce)) {
		fprintf(stderr, "hsscan: pattern %d: %s\n", ce->expression,
			ce->message);
		return 1;
	}
	hs_scratch_t *scratch = NULL;
	if (hs_alloc_scratch(db, &scratch))
		return 1;
	FILE *out = fopen(argv[2], "w");
	if (!out)
		return 1;
	for (int i = 3; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len);
		if (!text)
			continue;
		unsigned long hits = 0;
		hs_scan(db, text, (unsigned)len, 0, scratch, count, &hits);
		fprintf(out, "%s:%lu\n", argv[i], hits);
		free(text);
	}
	fclose(out);
	hs_free_scratch(scratch);
	hs_free_database(db);
	return 0;
}
