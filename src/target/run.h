/* Running a helper program (tar, make, gcc, apt-get) from C: argv, working directory, where its output
 * goes, and interruption. Each child runs in its own process group; SIGINT/SIGTERM to suture (once
 * run_catch_signals was called) are forwarded to the children, which are waited for, so a caller can
 * clean up and report "interrupted" instead of dying with work half done.
 */
#ifndef SUTURE_TARGET_RUN_H
#define SUTURE_TARGET_RUN_H

#include <stddef.h>
#include <sys/types.h>

struct run_opts {
	const char *cwd;         /* NULL: inherit */
	const char *stdin_path;  /* NULL: /dev/null */
	const char *stdout_path; /* NULL: inherit (unless capture); the file is truncated */
	int stdout_fd;           /* > 0: stdout to this open descriptor instead (0, stdin, is never one) */
	int stderr_to_stdout;    /* 1: stderr goes where stdout goes */
	int quiet_stderr;        /* 1: stderr to /dev/null (ignored with stderr_to_stdout) */
	char **capture;          /* run_cmd only: stdout into a malloc'd NUL-terminated buffer, kept
	                          * whatever the exit status (the caller frees it) */
	size_t *capture_len;
};

/* Exit status conventions of run_cmd/run_wait. */
enum {
	RUN_SPAWN_FAILED = -1, /* errno says why */
	RUN_INTERRUPTED = -2,  /* suture got SIGINT/SIGTERM; the child was stopped and reaped */
};

/* Installs the forwarding handlers for SIGINT and SIGTERM (idempotent). */
void run_catch_signals(void);

/* 1 once SIGINT or SIGTERM arrived after run_catch_signals. */
int run_interrupted(void);

/* The signal that interrupted us (for re-raising at exit), or 0. */
int run_interrupt_signal(void);

/* Starts argv[0] (searched in PATH). Returns the child's pid, or -1. */
pid_t run_spawn(const struct run_opts *o, char *const argv[]);

/* Waits for a child of run_spawn: its exit code, 128+signal, or RUN_INTERRUPTED. */
int run_wait(pid_t pid);

/* run_spawn + run_wait (+ capture). */
int run_cmd(const struct run_opts *o, char *const argv[]);

#endif
