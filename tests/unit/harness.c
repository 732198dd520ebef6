/* The unit-test runner; see harness.h. `unit-tests [FILTER]` runs the cases whose name contains FILTER. */
#include "harness.h"

#include <libgen.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TESTS 1024

static struct {
	const char *file, *name;
	void (*fn)(void);
} tests[MAX_TESTS];
static int n_tests, failed_checks;

void test_register(const char *file, const char *name, void (*fn)(void))
{
	if (n_tests == MAX_TESTS) {
		fprintf(stderr, "harness: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	tests[n_tests].file = file;
	tests[n_tests].name = name;
	tests[n_tests].fn = fn;
	n_tests++;
}

void test_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "    %s:%d: CHECK(%s) failed\n", file, line, what);
	failed_checks++;
}

int main(int argc, char **argv)
{
	const char *suite = getenv("UNIT_SUITE") ? getenv("UNIT_SUITE") : "unit";
	int failed = 0;

	for (int i = 0; i < n_tests; i++) {
		char file[256], *base;
		int status;
		pid_t pid;

		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		snprintf(file, sizeof(file), "%s", tests[i].file);
		base = basename(file);
		base[strcspn(base, ".")] = '\0';
		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("harness: fork");
			return 2;
		}
		if (pid == 0) {
			tests[i].fn();
			/* exit, not _exit: a case's atexit clean-ups (scratch directories) must run. */
			exit(failed_checks ? 1 : 0);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("harness: waitpid");
			return 2;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("PASS: %s/%s/%s\n", suite, base, tests[i].name);
		} else {
			printf("FAIL: %s/%s/%s (%s)\n", suite, base, tests[i].name,
			       WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "checks failed");
			failed++;
		}
	}
	return failed ? 1 : 0;
}
