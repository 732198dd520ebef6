/* A small libelf reader for the symbols of one object file (.o or .ko): the defined functions and data
 * objects, in symbol-table order, with their section's name and flags. It is all target/ and tree/ need
 * (symbol tables of shipped modules, functions of a compiled object); it belongs on src/elf once that exists.
 */
#ifndef SUTURE_TARGET_ELFSYMS_H
#define SUTURE_TARGET_ELFSYMS_H

#include <stddef.h>
#include <stdint.h>

struct elfsym {
	char *name;
	char *section;     /* name of the section it is defined in */
	uint64_t value;    /* offset in its section */
	uint64_t size;
	unsigned shndx;    /* section index: orders a file's functions by where the compiler put them */
	unsigned index;    /* index in the symbol table */
	unsigned char bind; /* STB_* */
	unsigned char type; /* STT_FUNC or STT_OBJECT (or STT_NOTYPE for labels in allocated sections) */
	char letter;       /* nm/kallsyms-style type letter: t T d D b B r R (upper case when global) */
};

struct elfsyms {
	struct elfsym *syms;
	size_t count;
};

/* Reads path's defined symbols in allocated sections (no FILE, SECTION or undefined entries). Returns 0, or
 * -1 with a message in err.
 */
int elfsyms_read(const char *path, struct elfsyms *out, char *err, size_t errlen);

void elfsyms_free(struct elfsyms *s);

#endif
