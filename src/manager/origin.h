/* Which file each loaded livepatch came from, so list/info/status can show its modinfo (fix ids,
 * description) after the load: <state>/loaded/<name> holds the .ko's absolute path. */
#ifndef SUTURE_MANAGER_ORIGIN_H
#define SUTURE_MANAGER_ORIGIN_H

#include <stddef.h>

/* Records that patch name was loaded from ko_path. Returns 0, or -errno. */
int origin_record(const char *name, const char *ko_path);

/* Forgets it (after unload). */
void origin_forget(const char *name);

/* The recorded file of a loaded patch, into path, if it still exists. Returns 0 or -ENOENT. */
int origin_lookup(const char *name, char *path, size_t size);

#endif
