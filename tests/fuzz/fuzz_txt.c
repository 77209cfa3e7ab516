/* fuzz_txt.c: the plain-text transcript reader. */
#define FUZZ_FORMAT FW_TF_TXT
#include "transcript_fuzz.h"
