/* What a livepatch module says about itself, taken from the fix's diff files: a description (the
 * mail's Subject: line), the CVE ids its header mentions, and the sha256 of each diff.
 */
#ifndef SUTURE_BUILD_META_H
#define SUTURE_BUILD_META_H

#include "util/strv.h"

#include <stddef.h>

struct meta {
	char *subject;       /* the first diff's Subject: without "[PATCH ...]", or NULL */
	struct strv cves;    /* CVE-YYYY-N ids in the diffs' headers (before the first ---), each once */
	char *sha256;        /* of each diff, comma-separated in order */
};

/* Fills m from the diff files. Returns 0, or -1 after saying why. */
int meta_read(struct meta *m, char *const *diffs, size_t n_diffs);

void meta_free(struct meta *m);

#endif
