/* Where a target kernel's materials live: suture's cache root and the per-release, per-version paths
 * that scripts/install-deps and scripts/common.sh fill (the one layout both sides agree on).
 */
#ifndef SUTURE_TARGET_PATHS_H
#define SUTURE_TARGET_PATHS_H

#include <stddef.h>

/* $XDG_CACHE_HOME/suture, else $HOME/.cache/suture. Returns 0, or -1 when neither is set. */
int cache_root(char *buf, size_t len);

/* Writes "<cache root>/<fmt...>" into buf. Returns 0, or -1 (no cache root, or too long). */
int cache_path(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* snprintf that fails (-1) instead of truncating. */
int path_printf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Reads a small text file's first line (newline stripped) into buf. Returns 0, or -1 with errno. */
int read_line_file(const char *path, char *buf, size_t len);

#endif
