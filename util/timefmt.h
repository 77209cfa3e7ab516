/*
 * timefmt.h: time stamps in transcripts ("hh:mm:ss[.mmm]") and the
 * current time as ISO 8601 (CHARTER_NOW fixes it, for tests).
 */
#ifndef FW_TIMEFMT_H
#define FW_TIMEFMT_H

#include <stddef.h>

/** Parse "hh:mm:ss[.mmm]", "mm:ss[,mmm]" or "dd:hh:mm:ss" into
 *  milliseconds; -1 if the len bytes are not one. */
long fw_time_parse(const char *s, size_t len);
/** ms as "hh:mm:ss", or "hh:mm:ss.mmm" with millis. */
void fw_time_format(char *out, size_t n, long ms, int millis);
/** The current UTC time as "YYYY-MM-DDThh:mm:ssZ" (n >= 21). */
void fw_now(char *buf, size_t n);

#endif
