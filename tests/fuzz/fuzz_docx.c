/* fuzz_docx.c: the docx transcript reader. */
#define FUZZ_FORMAT FW_TF_DOCX
#include "transcript_fuzz.h"
