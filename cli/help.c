/*
 * help.c: what charter says of each verb and sub-verb: the table made
 * from cli/help.txt at build time (tools/help2c.awk), and its lookup.
 */
#include "opt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_cmd cmds[] = {
#include "cli_help.inc"
	{0}};

const cli_cmd *cli_cmd_find(const char *name)
{
	for (const cli_cmd *c = cmds; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	/* a verb without an entry in cli/help.txt: a bug, not a user error */
	fprintf(stderr, "charter: internal error: no help for '%s'\n", name);
	abort();
}
