/* fuzz_words.c: the report's word-table parser, and label templates and
 * name lists over the same bytes. */
#include "report.h"
#include "doc.h"
#include "names.h"
#include "redact.h"
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rp_words w;
	fw_error e;
	if (rp_words_parse(&w, (const char *)data, size, "fuzz", &e) == 0) {
		/* every count of every base has a word */
		for (int base = 0; base <= 80; base++)
			for (int n = 0; n <= base; n++)
				if (!rp_words_word(&w, n, base)[0] &&
				    base <= 60)
					__builtin_trap();
		rp_words_dispose(&w);
	} else if (e.msg[0] == 0) {
		__builtin_trap(); /* every failure says why */
	}
	/* the bytes as a label template over a case with two attributes */
	char *t = malloc(size + 1);
	if (!t)
		return 0;
	memcpy(t, data, size);
	t[size] = 0;
	char *k[2] = {"role", "sex"}, *v[2] = {"adviser", ""};
	fw_rcase c;
	memset(&c, 0, sizeof c);
	c.name = "X";
	c.nattrs = 2;
	c.keys = k;
	c.vals = v;
	fw_rdata d;
	memset(&d, 0, sizeof d);
	d.cases = &c;
	d.ncases = 1;
	if (rp_label_check(&d, t, &e) == 0) {
		fw_buf b;
		fw_buf_init(&b);
		rp_label_render(t, &c, &b);
		if (b.len > size + 64)
			__builtin_trap(); /* a label is never longer than its
					     parts */
		fw_buf_dispose(&b);
	} else if (e.msg[0] == 0) {
		__builtin_trap();
	}
	/* the bytes as a list of names, applied to themselves */
	rp_redact r;
	rp_redact_init(&r);
	if (rp_redact_parse(&r, (const char *)data, size, "fuzz", &e) == 0) {
		rp_redact_sort(&r);
		int n = 0;
		char *x = rp_redact_apply(&r, t, &n);
		if (!x || n < 0)
			__builtin_trap();
		free(x);
	} else if (e.msg[0] == 0) {
		__builtin_trap();
	}
	rp_redact_dispose(&r);
	(void)rp_redact_namelike(t);
	free(t);
	return 0;
}
