/* Where the manager looks for the kernel's and its own files.
 *
 * Every path the manager touches starts at one of these roots, each overridable from the
 * environment so tests can point suture at a fake tree: SUTURE_SYSFS (default /sys), SUTURE_PROC
 * (/proc), SUTURE_STATE_DIR (/var/lib/suture), SUTURE_BOOT (/boot).
 */
#ifndef SUTURE_MANAGER_PATHS_H
#define SUTURE_MANAGER_PATHS_H

#include <stddef.h>

enum mgr_root { ROOT_SYS, ROOT_PROC, ROOT_STATE, ROOT_BOOT };

/* Formats <root><fmt...> into buf. Returns 0, or -1 when it does not fit. */
int mgr_path(char *buf, size_t size, enum mgr_root root, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The livepatch sysfs directory, e.g. /sys/kernel/livepatch. */
#define LP_SYSFS "/kernel/livepatch"

#endif
