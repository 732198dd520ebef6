/* Installed livepatches: modules kept under <state>/<release>/<name>.ko (0700 directories, 0600
 * files) that `suture load --installed` loads at boot for the running release. */
#ifndef SUTURE_MANAGER_INSTALL_H
#define SUTURE_MANAGER_INSTALL_H

#include <stddef.h>

struct installed {
	char name[128];
	char path[4096];
};

/* Copies the module at ko_path to <state>/<release>/<name>.ko. Returns 0, or -errno. */
int install_add(const char *ko_path, const char *name, const char *release, char *dest,
		size_t dest_size);

/* Removes <state>/<release>/<name>.ko. Returns 0, or -errno (-ENOENT: not installed). */
int install_remove(const char *name, const char *release);

/* The modules installed for release, sorted by name. Returns 0 (none: *n = 0), or -errno. */
int install_list(const char *release, struct installed **list, size_t *n);

/* Where the installed module of that name is, into path. Returns 0, or -ENOENT. */
int install_find(const char *name, const char *release, char *path, size_t size);

#endif
