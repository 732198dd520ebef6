/* The entry sizes (and a few field offsets) of the kernel's special sections, read from the probe
 * object built from special-sizes.kc against the target's headers. */
#ifndef SUTURE_DIFF_LAYOUT_H
#define SUTURE_DIFF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define SPECIAL_LAYOUT_MAX 32

struct special_layout {
	struct {
		char key[32];   /* a section name, or "section:field" */
		uint32_t value; /* entry size, or field offset */
	} entries[SPECIAL_LAYOUT_MAX];
	size_t count;
};

/* Reads the table from a probe object. 0, or -1 with err set. */
int special_layout_read(struct special_layout *layout, const char *probe_path, char *err, size_t errlen);

/* The value for key, or 0 when the kernel has none (the section does not exist for its config). */
uint32_t special_layout_get(const struct special_layout *layout, const char *key);

#endif
