/* fuzz_html.c: the html transcript reader. */
#define FUZZ_FORMAT FW_TF_HTML
#include "transcript_fuzz.h"
