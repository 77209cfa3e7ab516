/* fuzz_tei.c: the tei transcript reader. */
#define FUZZ_FORMAT FW_TF_TEI
#include "transcript_fuzz.h"
