/* The source tree cache: one prepared kernel tree per source version, under
 * <cache>/tree/<version>/linux (extracted linux-source-6.1, the headers' .config, `make olddefconfig
 * modules_prepare CC=gcc-12 KERNELRELEASE=<release>`). Builds never write into it (tree/pair.c compiles in
 * a scratch directory); files derived from it (captured commands, original objects) live beside it.
 */
#ifndef SUTURE_TREE_CACHE_H
#define SUTURE_TREE_CACHE_H

#include "target/release.h"

#include <limits.h>

/* The compiler the Debian 6.1 image was built with (its .config's CONFIG_CC_VERSION_TEXT). */
#define KERNEL_CC "gcc-12"

struct tree {
	struct target t;
	char dir[PATH_MAX];     /* <cache>/tree/<version> */
	char src[PATH_MAX];     /* <dir>/linux: the prepared tree */
	char tarball[PATH_MAX]; /* <cache>/source/<version>/linux-source-6.1.tar.xz */
};

/* Fills the paths for target t. Returns 0, or -1 after saying why (prefixed with cmd). */
int tree_locate(struct tree *tr, const struct target *t, const char *cmd);

/* Makes the tree ready (idempotent; a lock serialises concurrent runs), printing a line per step with its
 * time and the disk used. Returns 0, or -1 after saying why.
 */
int tree_prepare(struct tree *tr, const char *cmd);

/* Checks that the tree was prepared (for commands that need it). Returns 0, or -1 after saying why. */
int tree_check_ready(const struct tree *tr, const char *cmd);

/* Seconds since some fixed point, for the step times we print. */
double now_seconds(void);

#endif
