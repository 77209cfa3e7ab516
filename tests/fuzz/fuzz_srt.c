/* fuzz_srt.c: the srt transcript reader. */
#define FUZZ_FORMAT FW_TF_SRT
#include "transcript_fuzz.h"
