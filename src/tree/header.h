/* A changed header's reach: the .c files built for this config that include it, directly or through other
 * headers. An include index of the tree (every #include of every .c and .h, resolved the way the kernel's
 * include paths resolve them) is built once per source version and cached beside the tree.
 */
#ifndef SUTURE_TREE_HEADER_H
#define SUTURE_TREE_HEADER_H

#include "tree/cache.h"
#include "util/strv.h"

/* Appends to sources every built .c file that includes header (tree-relative), says how many and about
 * how long their pairs take. A header no built file includes is an error. Returns 0, or -1 after saying why.
 */
int tree_header_includers(const struct tree *tr, const char *header, struct strv *sources, const char *cmd);

/* Builds the include index unless it exists (suture prepare does this once). Returns 0, or -1 after saying
 * why.
 */
int header_index_ensure(const struct tree *tr, const char *cmd);

/* The same without the config filter and without messages: every .c file that includes header. */
int header_includers_all(const struct tree *tr, const char *header, struct strv *out, const char *cmd);

/* Where an include directive can lead, relative to the tree: for "<x>" the kernel's include directories in
 * search order, for "\"x\"" the including file's directory first. Writes up to max paths; returns how many.
 */
size_t include_candidates(const char *includer, const char *spelled, int quoted, char out[][4096], size_t max);

#endif
