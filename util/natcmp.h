/*
 * natcmp.h: the orders charter sorts by: names in natural order, as
 * researchers number their cases (digit runs compare as numbers, CL2
 * before CL10, letters without regard to case), and the three-way
 * comparison of numbers that every qsort comparator is written with.
 */
#ifndef FW_NATCMP_H
#define FW_NATCMP_H

int fw_natcmp(const char *a, const char *b);

/** -1, 0 or 1 as a is below, equal to or above b (numbers of any type). */
#define FW_CMP(a, b) (((a) > (b)) - ((a) < (b)))

/** Field f of *x against field f of *y. */
#define FW_CMP_BY(x, y, f) FW_CMP((x)->f, (y)->f)

/** Lexicographic order: the first comparison that is not equal. */
static inline int fw_cmp_then(int first, int then)
{
	return first ? first : then;
}

#endif
