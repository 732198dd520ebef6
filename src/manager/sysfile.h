/* Small, whole-file reads and writes of sysfs/procfs attributes and state files. */
#ifndef SUTURE_MANAGER_SYSFILE_H
#define SUTURE_MANAGER_SYSFILE_H

#include <stddef.h>

/* Reads the file into a new NUL-terminated buffer (trailing newlines kept). NULL with errno set
 * on failure. Reads at most 1 MiB: these are attributes, not data files. */
char *sysfile_read(const char *path);

/* Reads the first line (without its newline) into buf. Returns 0, or -errno. */
int sysfile_line(const char *path, char *buf, size_t size);

/* Reads a decimal integer. Returns 0 and sets *value, or -errno (-EINVAL when not a number). */
int sysfile_long(const char *path, long *value);

/* Writes value to an existing attribute. Returns 0, or -errno. */
int sysfile_write(const char *path, const char *value);

#endif
