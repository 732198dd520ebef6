/* A patch's target modules across its transition: which ones it patched when it went in, and
 * which of those the kernel has unpatched since.
 *
 * Removing a module while a livepatch to it is in transition is allowed (livepatch holds no
 * reference to its targets): the kernel reverts the patch on the module as it goes
 * (klp_module_going) and the transition then completes, since the tasks that slept in the
 * module's functions had to leave them for it to go. The patch reads as loaded although nothing
 * of that module is patched any more; suture says so instead of "every task runs the patched code".
 */
#ifndef SUTURE_MANAGER_TARGETS_H
#define SUTURE_MANAGER_TARGETS_H

#include "util/strv.h"

#include <stddef.h>

/* Adds the patch's module objects (not vmlinux) whose sysfs `patched` reads 1 now to mods.
 * Returns 0, or -errno. */
int targets_patched(const char *patch, struct strv *mods);

/* When some of before (from targets_patched right after insertion) are no longer patched,
 * writes one line into buf saying which module went, what the kernel did and what follows (with
 * ko_path's livepatch relocations into it: the module cannot be loaded again until the patch is
 * unloaded) and returns how many went; returns 0 when none did, -errno when sysfs is unreadable. */
int targets_gone_line(const char *patch, const char *ko_path, const struct strv *before, char *buf,
		      size_t size);

#endif
