/* Linking a livepatch module: the generated stub (klp/stub.h) and the diff engine's object, built
 * by kbuild against the target's headers (M=), so vermagic, modversions and modpost's checks are
 * the kernel's own.
 */
#ifndef SUTURE_KLP_MODULE_H
#define SUTURE_KLP_MODULE_H

#include "klp/stub.h"

#include <stddef.h>

struct module_link {
	const char *name;        /* the module's name: letters, digits, '_' (at most 55) */
	const char *headers_dir; /* /usr/src/linux-headers-<release> */
	char *const *objects;    /* the emitted objects (klp/emit.h), one per changed file */
	size_t n_objects;
	const struct stub_patch *patch;
	const char *workdir;     /* an empty scratch directory the caller removes */
};

/* Checks a module name; logs why and returns -1 when it cannot be one. */
int module_name_check(const char *name);

/* Writes the stub, links, and puts the module's path (inside workdir) into ko. Returns 0, or -1
 * after logging the reason with kbuild's last lines (the full log is workdir/kbuild.log). */
int module_link(const struct module_link *m, char *ko, size_t ko_len);

#endif
