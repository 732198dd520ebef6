/* `suture help` and `suture version`. */
#include "cli/cmd.h"
#include "util/log.h"

#include <stdio.h>

#ifndef SUTURE_VERSION
#error "SUTURE_VERSION is set by the Makefile"
#endif

int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: suture [--help | --version] <command> [args]\n\n"
	       "Kernel live patching: build livepatch modules from source diffs and manage them.\n\n"
	       "commands:\n");
	for (const struct cmd *c = cmds; c->name; c++)
		printf("  %-10s %-28s %s\n", c->name, c->args, c->summary);
	printf("\nexit codes:\n"
	       "  %d  success\n"
	       "  %d  the operation failed (the system is left as it was)\n"
	       "  %d  bad command line\n",
	       EXIT_OK, EXIT_FAIL, EXIT_USAGE);
	return EXIT_OK;
}

int do_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("suture %s\n", SUTURE_VERSION);
	return EXIT_OK;
}
