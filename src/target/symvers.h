/* The kernel's exported symbols, from the headers' Module.symvers: which symbols a module may
 * reference by name (resolved by the module loader), and which object exports each one.
 *
 * The builder asks this to decide between an ordinary relocation (exported by vmlinux or by a
 * module other than the patched one) and a livepatch relocation (everything else).
 */
#ifndef SUTURE_TARGET_SYMVERS_H
#define SUTURE_TARGET_SYMVERS_H

#include <stdbool.h>
#include <stddef.h>

struct export {
	char *name;
	char *object; /* "vmlinux", or the exporting module's name (e.g. "loop", "drbd") */
	bool gpl_only;
};

struct symvers {
	struct export *exports; /* sorted by name */
	size_t n_exports;
};

/* Reads a Module.symvers file. Returns 0, or -1 after logging what is wrong and where. */
int symvers_load(struct symvers *sv, const char *path);

/* The export of name, or NULL when the kernel does not export it. */
const struct export *symvers_find(const struct symvers *sv, const char *name);

void symvers_free(struct symvers *sv);

#endif
