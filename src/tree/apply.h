/* A fix's new sources: private copies of the files it changes with its diffs applied, and the .c
 * files whose original and patched objects it needs. The cached tree is only read.
 */
#ifndef SUTURE_TREE_APPLY_H
#define SUTURE_TREE_APPLY_H

#include "fix/fix.h"
#include "tree/cache.h"
#include "util/strv.h"

/* Copies each file fix changes from the tree to newdir (which is emptied first) and applies the
 * diffs there in order (patch -p1). Returns 0, or -1 after saying which file or diff failed
 * (prefixed with cmd). */
int tree_apply_fix(const struct tree *tr, const struct fix *fix, char *const *diffs, size_t n_diffs,
		   const char *newdir, const char *cmd);

/* Adds the sources to pair: the changed .c files, and the built .c files that include a changed
 * header. A new .c file is refused: building it would take a Makefile change. Returns 0 or -1. */
int tree_fix_sources(const struct tree *tr, const struct fix *fix, struct strv *sources, const char *cmd);

#endif
