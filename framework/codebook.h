/*
 * codebook.h: what auto-coding takes from the codebook inside libframework.
 */
#ifndef FW_CODEBOOK_INT_H
#define FW_CODEBOOK_INT_H

#include <stdint.h>

#include "fw/codebook.h"

/* PCRE2 compile options for a rule's flag letters (i x s m). */
uint32_t fw_rule_options(const char *flags);

#endif
