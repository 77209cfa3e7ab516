/*
 * alias.h: names that mean one thing, written as one list per meaning
 * ("md|markdown"), so a table of formats, roles or column headings is one
 * line per meaning and the lookup is written once.
 */
#ifndef FW_ALIAS_H
#define FW_ALIAS_H

#include <stddef.h>

/** The index of the first of lists[0..n) that holds s among its
 *  '|'-separated names (ASCII case ignored), or -1.  NULL lists are
 *  skipped; s of NULL finds nothing. */
int fw_alias_find(const char *const *lists, int n, const char *s);

/** Same, for the len bytes at s (not NUL-terminated). */
int fw_alias_findn(const char *const *lists, int n, const char *s, size_t len);

#endif
