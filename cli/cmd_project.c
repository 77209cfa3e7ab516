/*
 * cmd_project.c: charter init and charter status, the project itself.
 */
#include "cli.h"

#include <stdio.h>

int cmd_init(cli *c, int argc, char **argv)
{
	const cli_cmd *cmd = cli_cmd_find("init");
	const char *path = NULL;
	cli_opt opts[] = {{OPT_ARG, "PATH", &path, 0, 0, 0, 0, 0}, {0}};
	PARSE(cmd, opts, argc, argv);
	if (!path)
		path = c->project;
	fw_project *p;
	fw_error e;
	fw_error_clear(&e);
	if (fw_project_create(&p, path, &e))
		return fail(&e);
	fw_project_free(p);
	printf("created %s (schema %d)\n", path, fw_schema_version());
	return EXIT_OK;
}

int cmd_status(cli *c, int argc, char **argv)
{
	return list_verb("status", c, argc, argv, fw_project_status);
}
