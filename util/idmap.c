/*
 * idmap.c: positions looked up by row id (sorted array, binary search).
 */
#include "idmap.h"
#include "natcmp.h"
#include "alloc.h"

#include <stdlib.h>

void fw_idmap_add(fw_idmap *m, long long id, long pos)
{
	m->v = fw_xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v, 64);
	m->v[m->n++] = (fw_idmap_ent){id, pos};
}

static int ent_cmp(const void *a, const void *b)
{
	const fw_idmap_ent *x = a, *y = b;
	return FW_CMP_BY(x, y, id);
}

void fw_idmap_sort(fw_idmap *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof *m->v, ent_cmp);
}

long fw_idmap_get(const fw_idmap *m, long long id, long missing)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->v[lo].id == id ? m->v[lo].pos : missing;
}

void fw_idmap_dispose(fw_idmap *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}
