/* kbuild's exact command for compiling one object of the tree (the compiler line and objtool, as in the
 * .<file>.o.cmd kbuild writes), printed by kbuild's own Makefile.build for that directory without building
 * anything (`make -n` is not safe: it still runs recursive makes, which rebuild tools/objtool in the tree),
 * and cached per source version under <tree dir>/cmds/.
 */
#ifndef SUTURE_TREE_KCMD_H
#define SUTURE_TREE_KCMD_H

#include "tree/cache.h"
#include "util/strv.h"

/* For each object in objs (fs/proc/cmdline.o), appends its command to out, in the same order. Objects
 * without a cached command are captured in one make run. Returns 0, or -1 after saying why.
 */
int kbuild_commands(const struct tree *tr, const struct strv *objs, struct strv *out, const char *cmd);

/* Extracts obj's command from the helper's output ("CMD <obj> <command>" lines) into buf. Returns 0, or -1 when it is not there. */
int kcmd_parse(const char *text, const char *obj, char *buf, size_t len);

#endif
