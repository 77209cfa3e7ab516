/* fuzz_trs.c: the trs transcript reader. */
#define FUZZ_FORMAT FW_TF_TRS
#include "transcript_fuzz.h"
