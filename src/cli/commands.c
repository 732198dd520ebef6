/* The table of subcommands. Adding a command: one file with its do_* function, one line here. */
#include "cli/cmd.h"

#include <stddef.h>

const struct cmd cmds[] = {
	{ "help", "", "show the commands, their exit codes and where to read more", do_help },
	{ "version", "", "print suture's version", do_version },
	{ NULL, NULL, NULL, NULL },
};
