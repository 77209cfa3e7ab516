/* fuzz_whisper.c: the whisper transcript reader. */
#define FUZZ_FORMAT FW_TF_WHISPER
#include "transcript_fuzz.h"
