/* Finding and describing the tasks a transition waits for; see stalled.h. */
#include "manager/stalled.h"
#include "manager/paths.h"
#include "manager/sysfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int numeric(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Looks at one thread; appends it to the list when it has not switched. */
static int consider(int pid, int tid, int target, struct stalled_task **tasks, size_t *n)
{
	char path[PATH_MAX];
	struct stalled_task task = { .pid = pid, .tid = tid }, *bigger;

	if (mgr_path(path, sizeof(path), ROOT_PROC, "/%d/task/%d/patch_state", pid, tid))
		return -ENAMETOOLONG;
	/* Threads come and go while we look: a vanished one is not stalled. */
	if (sysfile_long(path, &task.patch_state) || task.patch_state == -1 ||
	    task.patch_state == target)
		return 0;
	if (mgr_path(path, sizeof(path), ROOT_PROC, "/%d/task/%d/comm", pid, tid) ||
	    sysfile_line(path, task.comm, sizeof(task.comm)))
		snprintf(task.comm, sizeof(task.comm), "?");
	bigger = realloc(*tasks, (*n + 1) * sizeof(**tasks));
	if (!bigger)
		return -ENOMEM;
	*tasks = bigger;
	(*tasks)[(*n)++] = task;
	return 0;
}

static int scan_threads(int pid, int target, struct stalled_task **tasks, size_t *n)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int err = 0;

	if (mgr_path(path, sizeof(path), ROOT_PROC, "/%d/task", pid))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return 0; /* the process exited */
	while (!err && (de = readdir(d)))
		if (numeric(de->d_name))
			err = consider(pid, atoi(de->d_name), target, tasks, n);
	closedir(d);
	return err;
}

int stalled_scan(int target, struct stalled_task **tasks, size_t *n)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int err = 0;

	*tasks = NULL;
	*n = 0;
	if (mgr_path(path, sizeof(path), ROOT_PROC, "%s", ""))
		return -ENAMETOOLONG;
	d = opendir(path);
	if (!d)
		return -errno;
	while (!err && (de = readdir(d)))
		if (numeric(de->d_name))
			err = scan_threads(atoi(de->d_name), target, tasks, n);
	closedir(d);
	if (err) {
		free(*tasks);
		*tasks = NULL;
		*n = 0;
	}
	return err;
}

static void print_stack(const struct stalled_task *task)
{
	char path[PATH_MAX];
	char *stack, *line, *next;

	if (mgr_path(path, sizeof(path), ROOT_PROC, "/%d/task/%d/stack", task->pid, task->tid))
		return;
	stack = sysfile_read(path);
	if (!stack) {
		fprintf(stderr, "      (stack unreadable: %s)\n", strerror(errno));
		return;
	}
	for (line = stack; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		fprintf(stderr, "      %s\n", line);
	}
	free(stack);
}

void stalled_report(int target)
{
	struct stalled_task *tasks;
	size_t n;
	int err = stalled_scan(target, &tasks, &n);

	if (err) {
		fprintf(stderr, "  (cannot list the tasks: %s)\n", strerror(-err));
		return;
	}
	fprintf(stderr, "  %zu task%s not switched (still inside %s):\n", n, n == 1 ? "" : "s",
		target ? "a function the patch replaces" : "one of the patch's replacement functions");
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "    pid %d (%s) patch_state %ld, stack:\n", tasks[i].tid, tasks[i].comm,
			tasks[i].patch_state);
		print_stack(&tasks[i]);
	}
	free(tasks);
}
