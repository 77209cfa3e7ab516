/* fuzz_eaf.c: the eaf transcript reader. */
#define FUZZ_FORMAT FW_TF_EAF
#include "transcript_fuzz.h"
