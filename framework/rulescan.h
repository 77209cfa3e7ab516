/*
 * rulescan.h (private): every rule of the codebook in one multi-pattern
 * database, so auto-coding reads each turn once.  Hyperscan says which
 * rules match in a turn and where their matches end; PCRE2 then finds the
 * matches, for those rules only and starting near those ends, so the
 * codings are PCRE2's whatever the engine.  A rule Hyperscan
 * cannot compile exactly (look-around, back-references) is compiled in its
 * prefilter mode, a superset that never misses a match; one it cannot
 * compile at all runs on PCRE2 alone.
 */
#ifndef FW_RULESCAN_H
#define FW_RULESCAN_H

#include <stddef.h>

enum {
	FW_ENGINE_HYPERSCAN = 1, /* Hyperscan finds, PCRE2 locates */
	FW_ENGINE_PREFILTER = 2, /* Hyperscan's superset, PCRE2 confirms */
	FW_ENGINE_PCRE2 = 3	 /* PCRE2 alone, on every turn */
};

typedef struct fw_rulescan fw_rulescan;

/** One database for n rules (PCRE2 syntax, charter's flag letters).
 *  With `pcre2_why` (the reason), no database: every rule is
 *  FW_ENGINE_PCRE2.  Never fails: what Hyperscan refuses runs on PCRE2. */
fw_rulescan *fw_rulescan_new(const char *const *patterns,
			     const char *const *flags, size_t n,
			     const char *pcre2_why);

/** The engine of rule i and, for PREFILTER and PCRE2, Hyperscan's reason. */
int fw_rulescan_engine(const fw_rulescan *s, size_t i, const char **why);

/** Scan text[0, len): hit[i] is 1 for each rule i that may match in it (a
 *  PCRE2-only rule always), 0 for the others.  0, or -1 when Hyperscan
 *  failed (then every hit is 1: PCRE2 decides). */
int fw_rulescan_scan(fw_rulescan *s, const char *text, size_t len,
		     unsigned char *hit);

/** After a scan, the first offset of the scanned text from which PCRE2
 *  must look for rule i's next match at or after off (offsets increasing
 *  from call to call within a scan): off itself, or later when every match
 *  Hyperscan saw ends far enough on; (size_t)-1 when the rule cannot match
 *  at or after off. */
size_t fw_rulescan_from(fw_rulescan *s, size_t i, size_t off);

/** A scanner of the same rules for another thread: its own scratch and
 *  scan state, the database shared.  Free it before the original. */
fw_rulescan *fw_rulescan_clone(const fw_rulescan *s);
/** The name of an engine, as `autocode --explain` prints it. */
const char *fw_engine_name(int engine);

void fw_rulescan_free(fw_rulescan *s);

#endif
