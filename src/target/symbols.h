/* The symbols of the running kernel: vmlinux from a kallsyms dump (/proc/kallsyms format, plain or gzip),
 * modules from the image package's .ko files. A lookup by name gives every occurrence with its object,
 * type and sympos — the 1-based position among same-named symbols of that object in the order livepatch
 * counts them (kallsyms order for vmlinux, which is address order; symbol-table order for a module).
 */
#ifndef SUTURE_TARGET_SYMBOLS_H
#define SUTURE_TARGET_SYMBOLS_H

#include "util/strv.h"

#include <stddef.h>
#include <stdint.h>

#define VMLINUX "vmlinux"

struct ksym {
	char *name;
	const char *object;  /* VMLINUX or a module name (dashes as underscores, like the kernel's) */
	const char *section; /* module symbols: section in the .ko; vmlinux: NULL */
	uint64_t addr;       /* vmlinux: address in the dump; module: offset in its section */
	uint64_t size;       /* module symbols only (kallsyms has no sizes): 0 for vmlinux */
	unsigned order;      /* position in the object's symbol order (dump line / symtab index) */
	unsigned sympos;     /* 1-based occurrence among same-named symbols of the object */
	unsigned count;      /* how many symbols of the object share the name */
	char type;           /* kallsyms type letter */
};

struct ksyms {
	struct ksym *v;   /* sorted by name, then object (vmlinux first), then order, after ksyms_finish */
	size_t n, cap;
	struct strv objects; /* interned object names */
	size_t *vmlinux;  /* indices into v of vmlinux's symbols in dump (address) order, after ksyms_finish */
	size_t nvmlinux;
};

/* Adds vmlinux's symbols from a kallsyms dump; lines of loaded modules ("[mod]") are skipped. */
int ksyms_load_kallsyms(struct ksyms *ks, const char *path, char *err, size_t errlen);

/* Adds the symbols of every .ko under dir; with names (NULL-terminated), only symbols of those names. */
int ksyms_load_modules(struct ksyms *ks, const char *dir, char *const *names, char *err, size_t errlen);

/* Adds the symbols of one .ko (its module name comes from the file name). */
int ksyms_load_module(struct ksyms *ks, const char *path, char *err, size_t errlen);

/* Sorts and numbers the occurrences; call once after loading. Returns 0 or -1 (out of memory). */
int ksyms_finish(struct ksyms *ks);

/* Every occurrence of name: *first is the index of the first in ks->v; returns how many (0: none). */
size_t ksyms_lookup(const struct ksyms *ks, const char *name, size_t *first);

void ksyms_free(struct ksyms *ks);

#endif
