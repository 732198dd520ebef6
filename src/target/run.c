/* Running helper programs with interruption forwarded; see run.h. */
#define _GNU_SOURCE
#include "target/run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

/* Live children, so the handler can forward the signal to their process groups. */
#define MAX_CHILDREN 64
static volatile pid_t children[MAX_CHILDREN];

static void on_signal(int sig)
{
	got_signal = sig;
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i] > 0)
			kill(-children[i], SIGTERM);
}

void run_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking wait or read returns EINTR and sees the flag. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int run_interrupted(void)
{
	return got_signal != 0;
}

int run_interrupt_signal(void)
{
	return got_signal;
}

static void track(pid_t pid, pid_t replace)
{
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i] == replace) {
			children[i] = pid;
			return;
		}
}

static int redirect(const char *path, int flags, int fd)
{
	int f = open(path, flags, 0644);

	if (f < 0)
		return -1;
	if (f != fd) {
		if (dup2(f, fd) < 0)
			return -1;
		close(f);
	}
	return 0;
}

/* In the child: own process group, standard streams as asked, then exec. Never returns. */
static void child(const struct run_opts *o, char *const argv[], int capture_fd)
{
	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (o->cwd && chdir(o->cwd) < 0)
		_exit(127);
	if (redirect(o->stdin_path ? o->stdin_path : "/dev/null", O_RDONLY, 0) < 0)
		_exit(127);
	if (capture_fd >= 0) {
		if (dup2(capture_fd, 1) < 0)
			_exit(127);
		close(capture_fd);
	} else if (o->stdout_fd > 0) {
		if (dup2(o->stdout_fd, 1) < 0)
			_exit(127);
	} else if (o->stdout_path && redirect(o->stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 1) < 0) {
		_exit(127);
	}
	if (o->stderr_to_stdout) {
		if (dup2(1, 2) < 0)
			_exit(127);
	} else if (o->quiet_stderr && redirect("/dev/null", O_WRONLY, 2) < 0) {
		_exit(127);
	}
	execvp(argv[0], argv);
	_exit(127);
}

static pid_t spawn(const struct run_opts *o, char *const argv[], int capture_fd, int parent_fd)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (parent_fd >= 0)
			close(parent_fd);
		child(o, argv, capture_fd);
	}
	/* Also set from the parent: no window where a signal misses the child's group. */
	setpgid(pid, pid);
	track(pid, 0);
	if (got_signal)
		kill(-pid, SIGTERM);
	return pid;
}

pid_t run_spawn(const struct run_opts *o, char *const argv[])
{
	return spawn(o, argv, -1, -1);
}

int run_wait(pid_t pid)
{
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, 0);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			track(0, pid);
			return RUN_SPAWN_FAILED;
		}
	}
	track(0, pid);
	if (got_signal)
		return RUN_INTERRUPTED;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);

	if (!b)
		return -1;
	for (;;) {
		ssize_t r;

		if (n + 1 == cap) {
			char *nb = realloc(b, cap * 2);

			if (!nb) {
				free(b);
				return -1;
			}
			b = nb;
			cap *= 2;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	if (len)
		*len = n;
	return 0;
}

int run_cmd(const struct run_opts *o, char *const argv[])
{
	int pipefd[2] = { -1, -1 };
	pid_t pid;
	int rc, read_rc = 0;

	if (!o->capture)
		return (pid = run_spawn(o, argv)) < 0 ? RUN_SPAWN_FAILED : run_wait(pid);
	*o->capture = NULL;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return RUN_SPAWN_FAILED;
	pid = spawn(o, argv, pipefd[1], pipefd[0]);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return RUN_SPAWN_FAILED;
	}
	read_rc = read_all(pipefd[0], o->capture, o->capture_len);
	close(pipefd[0]);
	rc = run_wait(pid);
	if (read_rc < 0 && rc >= 0)
		rc = RUN_SPAWN_FAILED;
	return rc;
}
