/* The kernel's livepatch sysfs tree as plain structs: /sys/kernel/livepatch/<patch>/{enabled,
 * transition,force}, <patch>/<object>/patched and one directory <function>,<sympos> per function.
 */
#ifndef SUTURE_MANAGER_SYSFS_H
#define SUTURE_MANAGER_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

struct lp_func {
	char *name;
	unsigned long sympos;
};

struct lp_object {
	char *name;  /* "vmlinux" or a module name */
	int patched; /* 1, 0, or -1 when unreadable */
	struct lp_func *funcs;
	size_t n_funcs;
};

struct lp_patch {
	char *name;
	int enabled, transition; /* 1, 0, or -1 when unreadable */
	struct lp_object *objs;
	size_t n_objs;
};

/* Whether the running kernel exposes livepatch in sysfs at all. */
bool lp_sysfs_present(void);

/* Whether a livepatch of this name is loaded. */
bool lp_exists(const char *patch);

/* The names of every loaded livepatch, sorted. Returns 0, or -errno. Free with lp_names_free. */
int lp_names(char ***names, size_t *n);
void lp_names_free(char **names, size_t n);

/* Reads one patch with its objects and functions. Returns 0, or -errno (-ENOENT: not loaded). */
int lp_read(const char *patch, struct lp_patch *out);
void lp_patch_free(struct lp_patch *patch);

/* Reads or writes one of the patch's attributes ("enabled", "transition", "force"). */
int lp_attr(const char *patch, const char *attr, long *value);
int lp_set(const char *patch, const char *attr, const char *value);

/* A module's name as the kernel spells it (dashes become underscores), in place. */
void lp_normalize(char *name);

#endif
