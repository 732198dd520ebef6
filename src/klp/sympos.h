/* Which of the running kernel's same-named symbols a livepatch relocation means.
 *
 * A local name (a static function or variable) can occur several times in vmlinux or a module;
 * livepatch tells them apart by sympos, the 1-based occurrence in kallsyms order. The right one is
 * the occurrence that sits among the other symbols of the same source file: the linker keeps a
 * file's functions together, and its data together. We choose by those neighbours, and refuse
 * to choose when they do not single one out — a wrong sympos would patch or call the wrong code.
 */
#ifndef SUTURE_KLP_SYMPOS_H
#define SUTURE_KLP_SYMPOS_H

#include "target/symbols.h"

/* The symbols of the file a reference comes from, which locate its copy of a duplicated name. */
struct sympos_file {
	const char *path;              /* for messages: fs/proc/base.c */
	const char *const *neighbours; /* names of the file's other symbols (functions and data) */
	size_t n_neighbours;
};

/* Sets *sympos for name in object (VMLINUX or a module name): 0 when the name is unique there
 * (livepatch then requires exactly one), else the chosen occurrence. Returns 0, or -1 after
 * saying why (not in the running kernel; ambiguous, with the candidates' scores). */
int sympos_choose(const struct ksyms *ks, const char *object, const char *name,
		  const struct sympos_file *file, unsigned long *sympos);

#endif
