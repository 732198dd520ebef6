/* Reading the special-section layout table (see layout.h and special-sizes.kc): the probe object holds
 * an array `suture_special_sizes` of { char section[32]; unsigned int entsize; } ending with an empty
 * name. Nothing here knows a size; it only reads what the kernel's headers said. */
#include "diff/layout.h"
#include "elf/elf.h"

#include <stdio.h>
#include <string.h>

#define ROW_SIZE 36 /* char[32] + unsigned int, as the probe declares it */

int special_layout_read(struct special_layout *layout, const char *probe_path, char *err, size_t errlen)
{
	struct elf_object *probe = elf_read(probe_path, err, errlen);
	struct elf_symbol *table;
	int rc = -1;

	memset(layout, 0, sizeof(*layout));
	if (!probe) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "%s: %s", probe_path, why);
		return -1;
	}
	table = elf_find_symbol(probe, "suture_special_sizes");
	if (!table || !table->sec || !table->sec->data || table->value + table->size > table->sec->size ||
	    table->size % ROW_SIZE) {
		snprintf(err, errlen, "%s: no suture_special_sizes table", probe_path);
		goto out;
	}
	for (uint64_t off = 0; off < table->size; off += ROW_SIZE) {
		const unsigned char *row = table->sec->data + table->value + off;
		uint32_t value;

		if (!row[0])
			break;
		if (layout->count == SPECIAL_LAYOUT_MAX || memchr(row, 0, 32) == NULL) {
			snprintf(err, errlen, "%s: malformed suture_special_sizes table", probe_path);
			goto out;
		}
		memcpy(layout->entries[layout->count].key, row, 32);
		memcpy(&value, row + 32, sizeof(value));
		layout->entries[layout->count++].value = value;
	}
	rc = 0;
out:
	elf_free(probe);
	return rc;
}

uint32_t special_layout_get(const struct special_layout *layout, const char *key)
{
	for (size_t i = 0; i < layout->count; i++)
		if (!strcmp(layout->entries[i].key, key))
			return layout->entries[i].value;
	return 0;
}
