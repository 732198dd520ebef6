/* The objects and functions a livepatch .ko replaces, read from the file without loading it:
 * its klp_object and klp_func arrays, found through their relocations (libelf). */
#ifndef SUTURE_MANAGER_KOFUNCS_H
#define SUTURE_MANAGER_KOFUNCS_H

#include <stddef.h>

struct ko_func {
	char object[64]; /* "vmlinux" or the target module */
	char name[128];
	unsigned long sympos;
};

/* The module's patched functions, in file order. Returns 0 (*n may be 0 when the layout is not
 * recognised), or -1 when the file cannot be read as ELF. Free *funcs. */
int ko_funcs(const char *path, struct ko_func **funcs, size_t *n);

#endif
