/*
 * cmd_serve.c: charter serve, the workbench in a browser.
 */
#include "cli.h"
#include "fw/coder.h"
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say_url(const char *url)
{
	printf("charter serve: the workbench is at\n    %s\n"
	       "(Ctrl-C stops it)\n",
	       url);
	fflush(stdout);
}

/* --add-user NAME: the users file's line, the password read from standard
 * input (its first line). */
static int add_user(const char *name)
{
	char pw[1024];
	if (!fgets(pw, sizeof pw, stdin))
		return die("--add-user reads the password from standard input");
	pw[strcspn(pw, "\r\n")] = 0;
	fw_buf b;
	fw_buf_init(&b);
	fw_error e;
	fw_error_clear(&e);
	int rc = sv_user_line(&b, name, pw, &e);
	memset(pw, 0, sizeof pw);
	if (!rc)
		fputs(fw_buf_str(&b), stdout);
	fw_buf_dispose(&b);
	return rc ? fail(&e) : EXIT_OK;
}

int cmd_serve(cli *c, int argc, char **argv)
{
	const char *listen = NULL, *users = NULL, *cert = NULL, *key = NULL;
	const char *add = NULL;
	int port = 0;
	cli_opt opts[] = {
		{OPT_INT, "port", &port, "N", "the port (default: a free one)",
		 0, 0, 65535},
		{OPT_STRING, "listen", &listen, "ADDR",
		 "an IPv4 address for a team on a network (needs --users, "
		 "--cert and --key)",
		 0, 0, 0},
		{OPT_STRING, "users", &users, "FILE",
		 "a team signs in: NAME:HASH lines (--add-user)", 0, 0, 0},
		{OPT_STRING, "cert", &cert, "PEM", "HTTPS: the certificate", 0,
		 0, 0},
		{OPT_STRING, "key", &key, "PEM", "HTTPS: its private key", 0, 0,
		 0},
		{OPT_STRING, "add-user", &add, "NAME",
		 "print a users file line for NAME, the password read from "
		 "standard input",
		 0, 0, 0},
		{0}};
	PARSE(cli_cmd_find("serve"), opts, argc, argv);
	if (add)
		return add_user(add);
	if (listen && strcmp(listen, "127.0.0.1") && (!users || !cert || !key))
		return die("--listen %s opens the workbench to a network: it "
			   "needs --users FILE, --cert and --key (HTTPS)",
			   listen);
	if (!cert != !key)
		return die("HTTPS needs both --cert and --key");
	sv_opts o = {.project = c->project,
		     .coder = c->coder,
		     .users = users,
		     .listen = listen,
		     .port = port};
	sv_tls tls = {cert, key};
	fw_error e;
	fw_error_clear(&e);
	sv_app *app = NULL;
	if (sv_app_new(&app, &o, &e))
		return fail(&e);
	int rc = sv_listen(app, &o, &tls, say_url, &e);
	sv_app_free(app);
	return rc ? fail(&e) : EXIT_OK;
}
