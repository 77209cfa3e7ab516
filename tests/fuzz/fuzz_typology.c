/* fuzz_typology.c: the typology rules parser and its evaluator: every
 * input parses or fails with a message; what parses is evaluated against
 * a case that has every code and attribute, and one that has none. */
#include "typology.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int all(void *ctx, const char *code)
{
	(void)code;
	return ctx != NULL;
}

static const char *summary(void *ctx, const char *code, size_t i)
{
	(void)code;
	return ctx && i == 0 ? "She was worried, not ready for work." : NULL;
}

static const char *attr(void *ctx, const char *name)
{
	(void)name;
	return ctx ? "a; b; staff" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_typology t;
	fw_error e;
	memset(&e, 0, sizeof e);
	if (rp_typology_parse(&t, (const char *)data, size, "fuzz", &e)) {
		if (!e.msg[0] || t.types)
			__builtin_trap();
		return 0;
	}
	static int some = 1;
	for (size_t i = 0; i < t.ntypes; i++) {
		if (!t.types[i].nwhen || !t.types[i].name[0])
			__builtin_trap();
		rp_tcase_view full = {all, summary, attr, &some};
		rp_tcase_view none = {all, summary, attr, NULL};
		(void)rp_ttype_holds(&t.types[i], &full);
		(void)rp_ttype_holds(&t.types[i], &none);
	}
	rp_typology_dispose(&t);
	return 0;
}
