/* fuzz_textgrid.c: the textgrid transcript reader. */
#define FUZZ_FORMAT FW_TF_TEXTGRID
#include "transcript_fuzz.h"
