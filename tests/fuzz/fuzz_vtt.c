/* fuzz_vtt.c: the vtt transcript reader. */
#define FUZZ_FORMAT FW_TF_VTT
#include "transcript_fuzz.h"
