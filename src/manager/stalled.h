/* The tasks holding up a livepatch transition: every task whose /proc/<pid>/task/<tid>/patch_state
 * is neither -1 (no transition) nor the transition's target (already switched). Such a task is
 * running or sleeping inside a function the patch replaces. */
#ifndef SUTURE_MANAGER_STALLED_H
#define SUTURE_MANAGER_STALLED_H

#include <stddef.h>

struct stalled_task {
	int pid, tid;
	long patch_state;
	char comm[32];
};

/* The tasks not yet switched to target (1 patching, 0 unpatching). Returns 0, or -errno.
 * Free *tasks. */
int stalled_scan(int target, struct stalled_task **tasks, size_t *n);

/* Prints every such task on stderr: tid, comm, patch_state and its kernel stack. */
void stalled_report(int target);

#endif
