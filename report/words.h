/*
 * words.h: prevalence words: the word a report uses for n of a base ("most",
 * "a few"), from a word table a researcher can replace.
 */
#ifndef RP_WORDS_H
#define RP_WORDS_H

#include <stddef.h>

#include "errors.h"

/** A word table: the first rule that holds for a count n of a base names
 *  it.  A rule is an exact count ("one 1") or a least share ("most 75%");
 *  "100%" holds only when n is the whole base. */
typedef struct rp_word {
	char *word;
	int share; /* 1: v is a least percentage; 0: v is an exact count */
	double v;
} rp_word;

typedef struct rp_words {
	rp_word *r;
	size_t n;
} rp_words;

/** all / none / one / most (75%+) / many (50%+) / some (25%+) / a few. */
void rp_words_default(rp_words *w);
/** Parse a word table: lines "WORD RULE" (the word may have spaces; '#'
 *  starts a comment).  Every count of every base must get a word. */
int rp_words_parse(rp_words *w, const char *text, size_t len, const char *label,
		   fw_error *err);
void rp_words_dispose(rp_words *w);
/** The word for n of base (base 0 reads as none). */
const char *rp_words_word(const rp_words *w, int n, int base);

#endif
