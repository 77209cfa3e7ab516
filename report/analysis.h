/*
 * analysis.h: what the analysis aids (analysis.c, typology.c) share.
 */
#ifndef RP_ANALYSIS_H
#define RP_ANALYSIS_H

#include <stddef.h>

#include "fw/report_data.h"

/** The sub-themes a code covers, [*k0, *k1): itself, a main theme's
 *  sub-themes, or (a deeper code) the sub-theme it counts for; 0 when the
 *  codebook has no such code. */
int rp_code_range(const fw_rdata *d, const char *code, size_t *k0, size_t *k1);

/** What a report is written from, with pending suggestions left out as
 *  the report leaves them, whatever the connection was counting (*was:
 *  whether it counted them); rp_rdata_release frees d (NULL: nothing)
 *  and sets the connection back. */
int rp_rdata_decided(fw_rdata **d, fw_project *p, const char *attr, int *was,
		     fw_error *err);
void rp_rdata_release(fw_rdata *d, fw_project *p, int was);

#endif
