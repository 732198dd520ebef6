/* The table of subcommands. Adding a command: one file with its do_* function, one line here. */
#include "cli/cmd.h"

#include <stddef.h>

const struct cmd cmds[] = {
	{ "help", "", "show the commands, their exit codes and where to read more", do_help },
	{ "version", "", "print suture's version", do_version },
	{ "build", "[options] FIX.patch...", "build a livepatch module from a fix (a unified diff)", do_build },
	{ "load", "PATCH.ko|--installed [opts]", "load a livepatch, watch its transition", do_load },
	{ "unload", "NAME...|--all [--timeout S]", "disable a livepatch, watch, remove its module", do_unload },
	{ "enable", "NAME", "re-enable a livepatch that is being disabled", do_enable },
	{ "disable", "NAME", "disable a livepatch (its module stays loaded)", do_disable },
	{ "list", "[--json]", "loaded and installed livepatches, one line each", do_list },
	{ "info", "PATCH.ko|NAME [--json]", "modinfo, objects, functions and state of a livepatch", do_info },
	{ "status", "[--json]", "kernel, livepatch support, taint, patches, reboot advice", do_status },
	{ "install", "PATCH.ko", "keep a livepatch to load at every boot of its kernel", do_install },
	{ "uninstall", "NAME", "stop loading a livepatch at boot", do_uninstall },
	{ "package", "PATCH.ko [-o FILE]", "build a .deb that installs a livepatch", do_package },
	{ "prepare", "[--kernel R]", "extract, configure and prepare the target's kernel source (cached)", do_prepare },
	{ "where", "[--kernel R] FILE.c...", "whether a source file is built: into vmlinux or which module", do_where },
	{ "pair", "[--kernel R] [-o DIR] PATCH", "compile the original and patched objects of a diff, check fidelity", do_pair },
	{ "diff", "ORIG.o PATCHED.o [--layout P.o] [--json] [--types] [-o OUT.o]", "decide what a live patch of one changed file needs", do_diff },
	{ "symbols", "[--kernel R] [--kallsyms F] NAME...", "where each name is in the running kernel, with its sympos", do_symbols },
	{ NULL, NULL, NULL, NULL },
};
