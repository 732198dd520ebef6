/* Asking kbuild itself about the prepared tree, without building anything in it: a directory's Makefile
 * evaluated against the config (which objects go into vmlinux, which into modules, composite objects and
 * their parts, subdirectories), and the top-level directory lists the arch Makefile adds.
 */
#ifndef SUTURE_TREE_KBUILD_H
#define SUTURE_TREE_KBUILD_H

#include "tree/cache.h"
#include "util/strv.h"

struct kcomposite {
	char *name;      /* fs/proc/proc.o */
	int builtin;     /* 1: obj-y (vmlinux), 0: obj-m (module) */
	struct strv parts;
};

/* One directory's Makefile, evaluated. Paths are relative to the tree root. */
struct kdir {
	struct strv y;   /* real-obj-y: objects into vmlinux, "sub/built-in.a" for built-in subdirectories */
	struct strv m;   /* real-obj-m: module objects, "sub/modules.order" for every descended subdirectory */
	struct strv lib; /* lib-y: objects into the directory's lib.a (vmlinux, linked when referenced) */
	struct kcomposite *comp;
	size_t ncomp;
};

/* Evaluates dir ("fs/proc", or "." for the root) with scripts/Makefile.build. Returns 0, or -1 after
 * saying why (prefixed with cmd; silently when cmd is NULL).
 */
int kbuild_eval_dir(const struct tree *tr, const char *dir, struct kdir *out, const char *cmd);

void kdir_free(struct kdir *d);

/* The common arguments of every make run in the tree (make -C <src> CC=gcc-12 KERNELRELEASE=... TMPOUT=...),
 * appended to argv (which must have room for KBUILD_BASE_ARGS more). bufs holds the strings for them.
 */
#define KBUILD_BASE_ARGS 8
struct kbuild_bufs {
	char cc[64], krel[128], tmpout[128];
};
void kbuild_base_argv(const struct tree *tr, char **argv, size_t *argc, struct kbuild_bufs *b);

#endif
