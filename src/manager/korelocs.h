/* Which modules a livepatch .ko holds livepatch relocations for (its .klp.rela.<module>.* sections).
 *
 * Linux 6.1 applies those relocations when the target module loads but never clears them when it
 * goes: once the module is removed while the patch is loaded, loading it again fails (the kernel
 * finds the relocation sites already written). `suture status` says so for every loaded patch.
 */
#ifndef SUTURE_MANAGER_KORELOCS_H
#define SUTURE_MANAGER_KORELOCS_H

#include "util/strv.h"

/* Adds each module name (not vmlinux) once to mods. Returns 0, or -1 when path is not readable ELF. */
int ko_relocated_modules(const char *path, struct strv *mods);

#endif
