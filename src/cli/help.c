/* `suture help` and `suture version`. */
#include "cli/cmd.h"
#include "util/log.h"

#include <stdio.h>
#include <string.h>

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
	int width = 0;

	/* Synopses differ in length: align the summaries after the longest. */
	for (const struct cmd *c = cmds; c->name; c++) {
		int w = (int)(strlen(c->name) + 1 + strlen(c->args));

		width = w > width ? w : width;
	}
	for (const struct cmd *c = cmds; c->name; c++)
		printf("  %s %-*s  %s\n", c->name, width - (int)strlen(c->name) - 1, c->args, c->summary);
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
