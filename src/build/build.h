/* `suture build`: a fix (unified diffs against the target's source) to a livepatch module, in
 * stages that each print a line with their time: check the fix, prepare the tree (cached), compile
 * the pairs, diff them, emit, link. Nothing is written outside a scratch directory until the
 * finished module is renamed into place, so a failure or an interrupt leaves no half-built module
 * and the cached tree as it was.
 */
#ifndef SUTURE_BUILD_BUILD_H
#define SUTURE_BUILD_BUILD_H

#include "util/strv.h"

#include <stdbool.h>
#include <stddef.h>

struct build_opts {
	const char *release;           /* NULL: the default target */
	char *const *diffs;            /* the fix's diff files, applied in order */
	size_t n_diffs;
	const char *output;            /* the module's path */
	const char *name;              /* the module's name */
	const char *description;       /* NULL: the first diff's Subject: */
	char *const *fix_ids;          /* NULL: the CVE ids the diffs' headers mention */
	size_t n_fix_ids;
	bool replace;                  /* cumulative: replaces every loaded livepatch */
	const char *sign_key, *sign_cert; /* both or neither: sign with the headers' scripts/sign-file */
	const char *kallsyms;          /* NULL: the cached dump of the target, or /proc/kallsyms on it */
	const struct strv *allowed_layouts; /* types whose layout change the author takes responsibility for */
	bool check;                    /* stop after the diff engine and print its decisions */
	bool keep;                     /* keep the scratch directory (its path is printed) */
	int jobs;                      /* compiles at once (0: the number of CPUs) */
};

/* Runs the build. Returns an exit code (util/log.h); 128 + signal when interrupted. */
int build_run(const struct build_opts *o);

#endif
