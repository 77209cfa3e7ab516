/* fuzz_md.c: the md transcript reader. */
#define FUZZ_FORMAT FW_TF_MD
#include "transcript_fuzz.h"
