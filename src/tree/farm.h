/* A scratch view of the cached tree for one compile: a directory whose entries are symlinks into the tree,
 * except along the paths of the files a build replaces or writes, where the directories are real (their
 * entries again symlinks) and the replaced files are private copies. The compiler runs inside it with
 * kbuild's exact command and relative paths, so __FILE__, include resolution ("local.h" next to the file,
 * -I./include) and objtool behave as in the tree, while every write lands in the scratch directory.
 */
#ifndef SUTURE_TREE_FARM_H
#define SUTURE_TREE_FARM_H

#include "util/strv.h"

/* Makes farm (which must not exist) over tree: real directories for every directory on the way to each path
 * in open (file paths relative to the tree: their directories are opened). Returns 0 or -1 (errno set).
 */
int farm_make(const char *farm, const char *tree, const struct strv *open);

/* Replaces the symlink farm/rel with a copy of file; the directories of a new file that the farm lacks are
 * made, never through a symlink (EXDEV). Returns 0 or -1 (errno set). */
int farm_replace(const char *farm, const char *rel, const char *file);

/* Removes a directory tree without following symlinks (so the tree behind a farm is never touched). A
 * missing path is not an error. Returns 0 or -1.
 */
int remove_tree(const char *path);

/* Copies a regular file (mode 0644). Returns 0 or -1 (errno set). */
int copy_file(const char *from, const char *to);

/* mkdir -p for the directory part of path (path itself is a file). Returns 0 or -1. */
int make_parent_dirs(const char *path);

#endif
