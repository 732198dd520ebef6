/* The subcommand table (bpftool style): one entry per `suture <name>`, one file per command. */
#ifndef SUTURE_CLI_CMD_H
#define SUTURE_CLI_CMD_H

struct cmd {
	const char *name;
	const char *args;    /* synopsis of the arguments, for help */
	const char *summary; /* one line, for help */
	/* argv[0] is the subcommand's name; returns an exit code (util/log.h). */
	int (*run)(int argc, char **argv);
};

/* Every subcommand, in the order `suture help` lists them; ends with a zeroed entry. */
extern const struct cmd cmds[];

int do_help(int argc, char **argv);
int do_version(int argc, char **argv);
int do_symbols(int argc, char **argv);
int do_prepare(int argc, char **argv);
int do_where(int argc, char **argv);
int do_pair(int argc, char **argv);
int do_diff(int argc, char **argv);
int do_build(int argc, char **argv);
int do_load(int argc, char **argv);
int do_unload(int argc, char **argv);
int do_enable(int argc, char **argv);
int do_disable(int argc, char **argv);
int do_list(int argc, char **argv);
int do_info(int argc, char **argv);
int do_status(int argc, char **argv);
int do_install(int argc, char **argv);
int do_uninstall(int argc, char **argv);
int do_package(int argc, char **argv);

#endif
