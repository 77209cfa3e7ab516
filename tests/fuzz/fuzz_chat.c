/* fuzz_chat.c: the chat transcript reader. */
#define FUZZ_FORMAT FW_TF_CHAT
#include "transcript_fuzz.h"
