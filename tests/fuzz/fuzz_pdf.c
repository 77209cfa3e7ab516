/* fuzz_pdf.c: the pdf transcript reader. */
#define FUZZ_FORMAT FW_TF_PDF
#include "transcript_fuzz.h"
