/*
 * fw/common.h: what every module of libframework's API shares: the
 * version, and the util/ types it speaks in (errors and diagnostics,
 * buffers, tables).
 *
 * Conventions: fallible functions return 0 on success and a negative FW_E*
 * code on failure, filling the optional fw_error.  An out-parameter comes
 * first; the caller owns it and frees it with the matching *_free function,
 * which accepts NULL.  Positions in source text are 0-based Unicode
 * code-point offsets, end exclusive; line numbers are 1-based.
 */
#ifndef FW_COMMON_H
#define FW_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "table.h"

#define FW_VERSION "0.1.0"

#endif
