/*
 * assets.c: the workbench's page, script and style, compiled in from
 * serve/web/ (tools/web2c.sh), so that charter serve needs no files and
 * nothing from the network.
 */
#include "sv.h"

#include <string.h>

#include "serve_web.inc"

const sv_asset *sv_asset_find(const char *path)
{
	for (const sv_asset *a = web; a->path; a++)
		if (!strcmp(a->path, path))
			return a;
	return NULL;
}
