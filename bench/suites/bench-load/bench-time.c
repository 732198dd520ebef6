/*
 * bench-time CMD [ARG...]: run CMD and print its wall time in nanoseconds (CLOCK_MONOTONIC) on
 * stdout. CMD's own stdout goes to stderr, so `ns=$(bench-time cmd 2>>log)` captures the time
 * alone. Exits with CMD's status (127 if it could not run). The guest's busybox has no clock
 * finer than 10 ms, hence this helper; it is linked statically to need nothing in the VM.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long long start;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-time CMD [ARG...]\n");
		return 2;
	}
	fflush(stdout);
	start = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("bench-time: fork");
		return 127;
	}
	if (pid == 0) {
		dup2(STDERR_FILENO, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		perror("bench-time: exec");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("bench-time: waitpid");
		return 127;
	}
	printf("%lld\n", now_ns() - start);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
