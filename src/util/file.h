/* Small file helpers shared by every stage. */
#ifndef SUTURE_UTIL_FILE_H
#define SUTURE_UTIL_FILE_H

/* Writes text to path through a temporary file renamed over it, so a reader (or a concurrent
 * suture) sees the old content or the new one, never half. Returns 0, or -1 with errno set. */
int file_write_atomic(const char *path, const char *text);

#endif
