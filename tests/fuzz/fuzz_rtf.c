/* fuzz_rtf.c: the rtf transcript reader. */
#define FUZZ_FORMAT FW_TF_RTF
#include "transcript_fuzz.h"
