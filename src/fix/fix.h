/* A fix: the unified diff(s) handed to `suture build`, parsed and checked before anything touches a
 * kernel tree — which files change, how, and whether livepatching can take that kind of change.
 *
 * Refused here, each with its own reason: no change at all, binary diffs, renames, deletions, paths
 * that leave the tree (absolute, `..`), changes to assembly (.S) and to the build configuration
 * (Kconfig, Makefile, Kbuild), and hunks whose line counts do not add up.
 */
#ifndef SUTURE_FIX_FIX_H
#define SUTURE_FIX_FIX_H

#include <stddef.h>

enum fix_change {
	FIX_MODIFY, /* an existing file changes */
	FIX_CREATE, /* a new file (--- /dev/null) */
};

struct fix_file {
	char *path; /* relative to the tree's top, e.g. fs/proc/cmdline.c */
	enum fix_change change;
	unsigned int hunks, added, removed;
};

struct fix {
	struct fix_file *files; /* in order of first appearance, each path once */
	size_t n_files;
	unsigned int n_ignored; /* files that are not compiled (documentation...), warned about */
};

/* Parses the diff text of one file; name is how errors refer to it ("fix.patch"). Adds to fix,
 * which starts zeroed and may collect several diffs. Returns 0, or -1 after logging one line
 * `name:LINE: what is wrong (why)`. */
int fix_parse(struct fix *fix, const char *name, const char *text, size_t len);

/* Reads and parses the diff at path; also -1 when it cannot be read or holds no change. */
int fix_load(struct fix *fix, const char *path);

void fix_free(struct fix *fix);

#endif
