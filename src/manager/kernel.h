/* Facts about the running kernel the manager reports and checks: its release, whether it
 * supports livepatch, and the taint flags that matter to live patching. */
#ifndef SUTURE_MANAGER_KERNEL_H
#define SUTURE_MANAGER_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* Taint bits (include/linux/panic.h) relevant to live patching. */
#define TAINT_OOT_MODULE (1UL << 12)      /* O: an out-of-tree module was loaded */
#define TAINT_UNSIGNED_MODULE (1UL << 13) /* E: an unsigned module was loaded */
#define TAINT_LIVEPATCH (1UL << 15)       /* K: a livepatch was applied */

/* The running release (uname -r; SUTURE_RELEASE overrides it for tests). Returns 0 or -1. */
int kernel_release(char *buf, size_t size);

/* CONFIG_LIVEPATCH of the running kernel from <boot>/config-<release>: 1 set, 0 not set, -1 no
 * config file to tell. The config file's path goes into where. */
int kernel_config_livepatch(const char *release, char *where, size_t where_size);

/* The kernel's taint mask. Returns 0, or -errno. */
int kernel_taint(unsigned long *mask);

/* This boot's id (/proc/sys/kernel/random/boot_id), to tell this boot's events from older ones. */
int kernel_boot_id(char *buf, size_t size);

/* Whether we may load and unload modules: the manager's mutating commands need root. */
bool kernel_is_root(void);

#endif
