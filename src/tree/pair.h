/* Compiling pairs: for each changed source file, the original and the patched object, with kbuild's exact
 * command for that file plus -ffunction-sections -fdata-sections, objtool included. Each compile runs in
 * its own symlink farm (tree/farm.h) so the cached tree is never written, whether the compile succeeds,
 * fails, or is interrupted. Original objects are cached per source version and file (rebuilds are
 * deterministic).
 */
#ifndef SUTURE_TREE_PAIR_H
#define SUTURE_TREE_PAIR_H

#include "tree/cache.h"
#include "util/strv.h"

/* A file of the tree that the patched build sees with other content. */
struct pair_change {
	const char *path; /* relative to the tree: fs/proc/cmdline.c, include/linux/foo.h */
	const char *file; /* where its new content is */
};

/* The flags added to kbuild's command for both objects of a pair. */
#define PAIR_CFLAGS "-ffunction-sections -fdata-sections"

struct pair_opts {
	const char *outdir;  /* objects go to <outdir>/orig/<obj> and <outdir>/patched/<obj> */
	int plain;           /* 1: kbuild's command unchanged (no PAIR_CFLAGS, no original cache): for
	                      * checking that a replay is byte-identical to kbuild's own object */
	int jobs;            /* compiles at once (0: the number of CPUs) */
};

/* Builds the pair of every source in sources (tree-relative .c files). With no changes, only the original
 * objects are built. Returns 0, or -1 after saying why (a compile error shows the compiler's output).
 */
int tree_pairs(const struct tree *tr, const struct strv *sources, const struct pair_change *changes,
	       size_t nchanges, const struct pair_opts *o, const char *cmd);

#endif
