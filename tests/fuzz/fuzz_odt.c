/* fuzz_odt.c: the odt transcript reader. */
#define FUZZ_FORMAT FW_TF_ODT
#include "transcript_fuzz.h"
