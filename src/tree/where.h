/* Which object a source file belongs to for this config, as kbuild decides it: into vmlinux or into module
 * foo, through which composite object and with which other files. A file that is not built is an error
 * that names the config options on the Makefile lines that would build it.
 */
#ifndef SUTURE_TREE_WHERE_H
#define SUTURE_TREE_WHERE_H

#include "tree/cache.h"
#include "util/strv.h"

struct where {
	char source[PATH_MAX]; /* fs/proc/cmdline.c (relative to the tree) */
	char obj[PATH_MAX];    /* fs/proc/cmdline.o */
	char unit[PATH_MAX];   /* the object kbuild links it into: fs/proc/proc.o, or obj itself */
	char object[128];      /* livepatch object name: "vmlinux" or the module's name ("binfmt_misc") */
	char modfile[PATH_MAX]; /* module: drivers/block/loop.ko; vmlinux: "" */
	int builtin;           /* 1: vmlinux */
	int in_lib;            /* vmlinux through lib.a (linked only where referenced) */
	struct strv parts;     /* the objects of unit, in link order (obj included) */
};

/* Finds where path is built. Returns 0, or -1 after an error naming why (prefixed with cmd). */
int tree_where(const struct tree *tr, const char *path, struct where *w, const char *cmd);

/* 1 when path is built for this config (no messages; for scanning many files). */
int tree_where_quiet(const struct tree *tr, const char *path);

/* Drops the Makefile evaluations this process cached. */
void tree_where_forget(void);

void where_free(struct where *w);

#endif
