/*
 * natcmp.h: natural order of names, as researchers number their cases:
 * digit runs compare as numbers (CL2 before CL10), letters without regard
 * to case.
 */
#ifndef FW_NATCMP_H
#define FW_NATCMP_H

int fw_natcmp(const char *a, const char *b);

#endif
