/*
 * timefmt.c: transcript time stamps and the clock charter stamps its
 * records with.
 */
#include "timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

long fw_time_parse(const char *s, size_t len)
{
	long parts[4];
	int np = 0;
	size_t i = 0;
	while (np < 4) {
		size_t st = i;
		long v = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - st < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == st)
			return -1;
		parts[np++] = v;
		if (i < len && s[i] == ':')
			i++;
		else
			break;
	}
	if (np < 2)
		return -1;
	long ms = 0;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		i++;
		int digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			ms = ms * 10 + (s[i++] - '0');
			digits++;
		}
		if (!digits)
			return -1;
		while (digits++ < 3)
			ms *= 10;
	}
	if (i != len)
		return -1;
	/* [DD:]HH:MM:SS, or MM:SS */
	long d = np == 4 ? parts[0] : 0;
	long h = np >= 3 ? parts[np - 3] : 0, m = parts[np - 2],
	     sec = parts[np - 1];
	if (m > 59 || sec > 59 || (np == 4 && h > 23))
		return -1;
	h += d * 24;
	return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

void fw_time_format(char *out, size_t n, long ms, int millis)
{
	long s = ms / 1000;
	if (millis)
		snprintf(out, n, "%02ld:%02ld:%02ld.%03ld", s / 3600,
			 s / 60 % 60, s % 60, ms % 1000);
	else
		snprintf(out, n, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			 s % 60);
}

void fw_now(char *buf, size_t n)
{
	const char *fixed = getenv("CHARTER_NOW"); /* reproducible tests */
	if (fixed && *fixed) {
		snprintf(buf, n, "%s", fixed);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
