// SPDX-License-Identifier: GPL-2.0
/*
 * One ptrace request between two unprivileged processes, for the ptrace-fix checks. Started as
 * root, it forks; both processes become uid/gid 1000 with no capabilities, and with
 * "extra-group" the tracee also keeps supplementary group 2000, which the tracer does not have.
 * With "root-tracer" the tracer stays root (CAP_SYS_PTRACE) and the tracee has the extra group.
 *
 *   ptrace-probe attach|traceme same|extra-group|root-tracer
 *
 * attach:  the parent (tracer) sends PTRACE_ATTACH to the child (tracee), then detaches.
 * traceme: the child (tracee) sends PTRACE_TRACEME, making its parent the tracer.
 * Prints "allowed" or the errno name the request failed with (EPERM, ...); exits 0 when the
 * request was made, 2 when the set-up failed.
 */
#define _GNU_SOURCE /* setresuid, setresgid */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#define USER 1000
#define EXTRA_GROUP 2000

static int setup_failed(const char *what)
{
	printf("ptrace-probe: %s: %s\n", what, strerror(errno));
	return 2;
}

/* Drops root: supplementary groups first (that needs root), then gids, then uids. */
static bool become_user(bool extra_group)
{
	gid_t groups[] = { EXTRA_GROUP };

	return setgroups(extra_group ? 1 : 0, groups) == 0 && setresgid(USER, USER, USER) == 0 &&
	       setresuid(USER, USER, USER) == 0;
}

static void report(int err)
{
	printf("%s\n", err == 0 ? "allowed" : err == EPERM ? "EPERM" : strerrorname_np(err));
}

/* Child: the tracee, waiting to be attached to. Parent: the tracer. */
static int probe_attach(bool tracee_extra_group, bool tracer_stays_root)
{
	int ready[2], status, err = 0;
	char byte;
	pid_t child;

	if (pipe(ready) < 0)
		return setup_failed("pipe");
	child = fork();
	if (child < 0)
		return setup_failed("fork");
	if (child == 0) {
		/* Changing uids made it non-dumpable (unattachable by anyone but root); a
		 * process the user had started normally would be dumpable. */
		if (!become_user(tracee_extra_group) || prctl(PR_SET_DUMPABLE, 1) < 0)
			_exit(2);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	close(ready[1]);
	if (read(ready[0], &byte, 1) != 1) {
		errno = ECHILD;
		return setup_failed("tracee set-up");
	}
	if (!tracer_stays_root && !become_user(false))
		return setup_failed("becoming the user");
	if (ptrace(PTRACE_ATTACH, child, NULL, NULL) < 0)
		err = errno;
	else if (waitpid(child, &status, 0) < 0 || ptrace(PTRACE_DETACH, child, NULL, NULL) < 0)
		return setup_failed("detach");
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	report(err);
	return 0;
}

/* Child: the tracee, asking its parent to trace it once the parent has dropped root. */
static int probe_traceme(bool tracee_extra_group, bool tracer_stays_root)
{
	int go[2], result[2], status, err;
	char byte;
	pid_t child;

	if (pipe(go) < 0 || pipe(result) < 0)
		return setup_failed("pipe");
	child = fork();
	if (child < 0)
		return setup_failed("fork");
	if (child == 0) {
		if (!become_user(tracee_extra_group) || read(go[0], &byte, 1) != 1)
			_exit(2);
		err = ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 ? errno : 0;
		_exit(write(result[1], &err, sizeof(err)) == sizeof(err) ? 0 : 2);
	}
	close(result[1]);
	if (!tracer_stays_root && !become_user(false))
		return setup_failed("becoming the user");
	if (write(go[1], "g", 1) != 1)
		return setup_failed("write");
	if (read(result[0], &err, sizeof(err)) != sizeof(err)) {
		errno = ECHILD;
		return setup_failed("tracee set-up");
	}
	waitpid(child, &status, 0);
	report(err);
	return 0;
}

int main(int argc, char **argv)
{
	bool extra_group, root_tracer;

	if (argc != 3 || (strcmp(argv[1], "attach") && strcmp(argv[1], "traceme")) ||
	    (strcmp(argv[2], "same") && strcmp(argv[2], "extra-group") && strcmp(argv[2], "root-tracer"))) {
		fprintf(stderr, "usage: ptrace-probe attach|traceme same|extra-group|root-tracer\n");
		return 2;
	}
	extra_group = strcmp(argv[2], "same") != 0;
	root_tracer = strcmp(argv[2], "root-tracer") == 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(argv[1], "attach"))
		return probe_attach(extra_group, root_tracer);
	return probe_traceme(extra_group, root_tracer);
}
