/*
 * inputs.h: the side files a report is written with (a word table, names
 * for values, a list of names to redact), read and checked by one loader
 * before anything is composed; the composer is handed what it loaded.
 */
#ifndef RP_INPUTS_H
#define RP_INPUTS_H

#include "names.h"
#include "redact.h"
#include "report.h"
#include "words.h"

typedef struct rp_inputs {
	rp_words words;   /* --words, else the default table */
	rp_names names;   /* --names, else none (values are their own names) */
	rp_redact listed; /* --redact: names to replace (unsorted) */
} rp_inputs;

/* Read the files the options name; errors name file:line.  On failure
 * nothing is left to dispose. */
int rp_inputs_load(rp_inputs *in, const rp_report_opts *o, fw_error *err);
void rp_inputs_dispose(rp_inputs *in);

#endif
