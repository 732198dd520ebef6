/* Waiting for a livepatch transition to finish, with a progress line each second. */
#ifndef SUTURE_MANAGER_TRANSITION_H
#define SUTURE_MANAGER_TRANSITION_H

/* Waits until patch's `transition` reads 0. target is 1 when patching, 0 when unpatching (for
 * counting the tasks not switched yet); cmd prefixes the progress lines. Returns 0 when done,
 * -ETIMEDOUT after timeout_s seconds, -ENOENT when the patch disappeared (a finished disable). */
int transition_wait(const char *cmd, const char *patch, int target, int timeout_s);

/* After a finished disable the kernel frees the patch asynchronously; waits (up to timeout_s)
 * until its sysfs directory is gone so the module can be removed. Returns 0 or -ETIMEDOUT. */
int transition_wait_gone(const char *patch, int timeout_s);

#endif
