/* The author API (include/suture/patch.h) as the builder sees it: the header, handed to the patched
 * compile, and the callbacks and states a fix declared with it, read from the patched object's
 * .suture.* sections (which the diff engine ignores).
 */
#ifndef SUTURE_BUILD_AUTHOR_H
#define SUTURE_BUILD_AUTHOR_H

#include "elf/elf.h"
#include "klp/stub.h"

#define AUTHOR_HEADER "include/suture/patch.h"

struct author {
	struct stub_callbacks callbacks; /* function names in the patched object; NULL when absent */
	struct stub_state *states;
	size_t n_states;
};

/* Writes the header's text (built into suture) to path. Returns 0, or -1 after saying why. */
int author_write_header(const char *path);

/* Reads what obj (the patched object of source) declares. Returns 0, or -1 after saying why. */
int author_read(const struct elf_object *obj, const char *source, struct author *a);

/* Whether a declares anything. */
int author_any(const struct author *a);

void author_free(struct author *a);

#endif
