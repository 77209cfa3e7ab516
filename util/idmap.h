/*
 * idmap.h: positions looked up by row id.  Built in any order, sorted
 * once, then each lookup is a binary search, so matching rows of one
 * query to the items of another costs n log n, not n times m.
 */
#ifndef FW_IDMAP_H
#define FW_IDMAP_H

#include <stddef.h>

typedef struct fw_idmap_ent {
	long long id;
	long pos;
} fw_idmap_ent;

typedef struct fw_idmap {
	fw_idmap_ent *v;
	size_t n, cap;
} fw_idmap;

void fw_idmap_add(fw_idmap *m, long long id, long pos);
/** Sort by id; needed after adding and before looking up. */
void fw_idmap_sort(fw_idmap *m);
/** The position of id, or missing when it is not there. */
long fw_idmap_get(const fw_idmap *m, long long id, long missing);
void fw_idmap_dispose(fw_idmap *m);

#endif
