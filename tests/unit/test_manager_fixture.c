/* Fake kernel trees for the manager's unit tests; see test_manager_fixture.h. */
#include "test_manager_fixture.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void die(const char *what);

/* The harness ends each case with _exit(), which runs no atexit handlers: a child process
 * removes the root instead once the case's process is gone (its pipe's write end closes). */
static void remove_root_when_done(void)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char byte;

		close(fds[1]);
		while (read(fds[0], &byte, 1) > 0)
			;
		execlp("rm", "rm", "-rf", root, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

const char *fake_root(void)
{
	char path[PATH_MAX];

	snprintf(root, sizeof(root), "/tmp/suture-unit.XXXXXX");
	if (!mkdtemp(root))
		die("mkdtemp");
	remove_root_when_done();
	snprintf(path, sizeof(path), "%s/sys", root);
	setenv("SUTURE_SYSFS", path, 1);
	snprintf(path, sizeof(path), "%s/proc", root);
	setenv("SUTURE_PROC", path, 1);
	snprintf(path, sizeof(path), "%s/state", root);
	setenv("SUTURE_STATE_DIR", path, 1);
	snprintf(path, sizeof(path), "%s/boot", root);
	setenv("SUTURE_BOOT", path, 1);
	setenv("SUTURE_RELEASE", "6.1.0-56-amd64", 1);
	fake_file("proc/sys/kernel/random/boot_id", "boot-1\n");
	return root;
}

const char *fake_path(const char *rel)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return path;
}

void fake_dir(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	mkdir(path, 0755);
}

void fake_file(const char *rel, const char *text)
{
	char dir[PATH_MAX];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	if (strrchr(dir, '/')) {
		*strrchr(dir, '/') = '\0';
		fake_dir(dir);
	}
	f = fopen(fake_path(rel), "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		die(rel);
}

void fake_module(const char *rel, const char *const *modinfo)
{
	char src[PATH_MAX + 8], cmd[3 * PATH_MAX];
	FILE *f;

	snprintf(src, sizeof(src), "%s.c", fake_path(rel));
	f = fopen(src, "w");
	if (!f)
		die(src);
	for (int i = 0; modinfo[i]; i++)
		fprintf(f, "__attribute__((section(\".modinfo\"), used)) static const char info%d[] = "
			   "\"%s\";\n", i, modinfo[i]);
	if (fclose(f) != 0)
		die(src);
	snprintf(cmd, sizeof(cmd), "gcc -c -o '%s' '%s'", fake_path(rel), src);
	if (system(cmd) != 0)
		die(cmd);
}
