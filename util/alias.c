/*
 * alias.c: lookup in '|'-separated lists of names.
 */
#include "alias.h"

#include <string.h>
#include <strings.h>

static int in_list(const char *list, const char *s, size_t len)
{
	for (const char *p = list;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && !strncasecmp(p, s, len))
			return 1;
		if (!bar)
			return 0;
		p = bar + 1;
	}
}

int fw_alias_findn(const char *const *lists, int n, const char *s, size_t len)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (lists[i] && in_list(lists[i], s, len))
			return i;
	return -1;
}

int fw_alias_find(const char *const *lists, int n, const char *s)
{
	return s ? fw_alias_findn(lists, n, s, strlen(s)) : -1;
}
