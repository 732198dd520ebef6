/* The target kernel's special-section layout (diff/layout.h): the probe object compiled from
 * src/diff/special-sizes.kc (built into suture) against the target's headers, cached beside the
 * prepared tree under a name that carries the probe source's hash, so a changed probe is rebuilt.
 */
#ifndef SUTURE_KLP_PROBE_H
#define SUTURE_KLP_PROBE_H

#include "diff/layout.h"
#include "tree/cache.h"

/* Reads the layout for tr's target, building the probe first when it is not cached. Returns 0,
 * or -1 after saying why (prefixed with cmd). */
int layout_probe(const struct tree *tr, struct special_layout *layout, const char *cmd);

#endif
