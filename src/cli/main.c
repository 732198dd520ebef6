/* suture's entry point: global options, then dispatch to the subcommand table (cli/commands.c). */
#include "cli/cmd.h"
#include "util/log.h"

#include <string.h>

static const struct cmd *find_cmd(const char *name)
{
	for (const struct cmd *c = cmds; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	const struct cmd *cmd;

	if (argc < 2) {
		do_help(argc, argv);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return do_help(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0)
		return do_version(argc - 1, argv + 1);

	cmd = find_cmd(argv[1]);
	if (!cmd) {
		log_error("unknown command '%s' (see 'suture help')", argv[1]);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
