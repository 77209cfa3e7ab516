/*
 * agree_stats.c: the agreement coefficients, apart from any project so
 * that their test vectors can hold them exactly.
 */
#include "fw/agree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double fw_agree_bp(double po, int q)
{
	if (q < 2 || isnan(po))
		return NAN;
	return (po - 1.0 / q) / (1.0 - 1.0 / q);
}

void fw_agree_binary(fw_agree_stat *s, double a, double b, double c, double d)
{
	double n = a + b + c + d;
	memset(s, 0, sizeof *s);
	s->n = n;
	s->q = 2;
	if (n <= 0) {
		s->po = s->kappa = s->alpha = s->bp = NAN;
		return;
	}
	s->po = (a + d) / n;
	double pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n);
	/* chance 1: every unit had the one value from both coders */
	s->kappa = pe >= 1.0 ? 1.0 : (s->po - pe) / (1.0 - pe);
	s->bp = fw_agree_bp(s->po, 2);
	/* alpha from the coincidences of the 2 x N values */
	double v = 2 * n, n1 = 2 * a + b + c, n0 = 2 * d + b + c;
	double de = v * v - n1 * n1 - n0 * n0;
	s->alpha = de > 0 ? 1.0 - (v - 1) * (b + c) * 2 / de : NAN;
}

void fw_alpha_init(fw_alpha *a)
{
	memset(a, 0, sizeof *a);
}

void fw_alpha_dispose(fw_alpha *a)
{
	free(a->nc);
	memset(a, 0, sizeof *a);
}

static void grow(fw_alpha *a, size_t ncat)
{
	if (ncat <= a->ncat)
		return;
	size_t cap = a->ncat ? a->ncat : 4;
	while (cap < ncat)
		cap *= 2;
	a->nc = fw_xrealloc(a->nc, cap * sizeof *a->nc);
	memset(a->nc + a->ncat, 0, (cap - a->ncat) * sizeof *a->nc);
	a->ncat = cap;
}

void fw_alpha_unit(fw_alpha *a, const int *vals, size_t m, double w)
{
	size_t present = 0;
	int top = -1;
	for (size_t i = 0; i < m; i++)
		if (vals[i] >= 0) {
			present++;
			if (vals[i] > top)
				top = vals[i];
		}
	if (present < 2 || w <= 0)
		return;
	grow(a, (size_t)top + 1);
	/* each category's values in the unit: an ordered pair of them is a
	 * coincidence, each weighted 1 / (m_u - 1) */
	for (size_t i = 0; i < m; i++) {
		if (vals[i] < 0)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = vals[j] == vals[i];
		if (seen)
			continue;
		double mc = 0;
		for (size_t j = i; j < m; j++)
			mc += vals[j] == vals[i];
		a->nc[vals[i]] += w * mc;
		a->occ += w * mc * (mc - 1) / (double)(present - 1);
	}
	a->n += w * (double)present;
}

double fw_alpha_value(const fw_alpha *a)
{
	double sq = 0;
	for (size_t c = 0; c < a->ncat; c++)
		sq += a->nc[c] * a->nc[c];
	double de = a->n * a->n - sq;
	if (a->n < 2 || de <= 0)
		return NAN;
	return 1.0 - (a->n - 1) * (a->n - a->occ) / de;
}
