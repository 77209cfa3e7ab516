/* fuzz_tsv.c: the tsv transcript reader. */
#define FUZZ_FORMAT FW_TF_TSV
#include "transcript_fuzz.h"
