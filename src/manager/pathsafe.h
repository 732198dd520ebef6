/* Whether a module file may be trusted as root's choice: loading a module runs its code in the
 * kernel, so nobody but root may have been able to write it or swap it — the file owned by root
 * and writable by nobody else, and every directory above it likewise (or root's and sticky, like
 * /tmp, where others cannot rename or delete root's entries).
 */
#ifndef SUTURE_MANAGER_PATHSAFE_H
#define SUTURE_MANAGER_PATHSAFE_H

#include <stddef.h>

/* 0 when path is safe; -1 with why ("/tmp/x: writable by other users") when not, or when it
 * cannot be checked. */
int path_safe(const char *path, char *why, size_t len);

#endif
