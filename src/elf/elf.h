/* An in-memory model of one relocatable x86_64 ELF object: sections, symbols and relocations as
 * plain structs, with lookups by name (hashed), by section and by offset (sorted arrays). Reading
 * copies everything out of libelf, so the model can be changed and written to a new file; nothing
 * above src/elf/ touches libelf.
 */
#ifndef SUTURE_ELF_ELF_H
#define SUTURE_ELF_ELF_H

#include "util/strv.h"

#include <stddef.h>
#include <stdint.h>

struct elf_section;

struct elf_symbol {
	size_t index;          /* position in the symbol table (0 = the null symbol) */
	char *name;
	unsigned char bind;    /* STB_* */
	unsigned char type;    /* STT_* */
	unsigned char other;   /* visibility */
	uint16_t shndx;        /* raw section index: SHN_UNDEF, SHN_ABS, SHN_COMMON, or a section */
	struct elf_section *sec; /* the defining section; NULL when undefined or absolute */
	uint64_t value, size;
	struct elf_symbol *next_same_name; /* the next symbol of the same name (local duplicates) */
};

struct elf_reloc {
	uint64_t offset;       /* in the patched section */
	uint32_t type;         /* R_X86_64_* */
	int64_t addend;
	struct elf_symbol *sym;
	/* NULL for an ordinary relocation (the module loader applies it); else the livepatch object
	 * ("vmlinux" or a module's name, interned by elf_klp_object) whose .klp.rela section holds it:
	 * livepatch applies it once that object is there. */
	const char *klp_object;
};

struct elf_section {
	size_t index;
	char *name;
	uint32_t type;         /* SHT_* */
	uint64_t flags;        /* SHF_* */
	uint64_t addralign, entsize;
	uint32_t link, info;   /* as read; recomputed on write for symtab/rela */
	unsigned char *data;   /* size bytes; NULL for SHT_NOBITS */
	uint64_t size;
	/* Relocations applied to this section (from its .rela section), sorted by offset. */
	struct elf_reloc *relocs;
	size_t nr_relocs, cap_relocs;
	/* The non-section symbols defined in this section, sorted by value. */
	struct elf_symbol **syms;
	size_t nr_syms;
	struct elf_symbol *secsym; /* its section symbol; NULL if the assembler dropped it */
	uint64_t rela_flags;   /* extra flags for its generated .rela section (e.g. SHF_RELA_LIVEPATCH) */
	int is_rela;           /* a relocation section (folded into its base's relocs on read) */
};

struct elf_hash_node;

struct elf_hash {
	struct elf_hash_node **buckets;
	size_t nr_buckets, count;
};

struct elf_object {
	char *path;
	struct elf_section **sections; /* [0] is the null section */
	size_t nr_sections, cap_sections;
	struct elf_symbol **symbols;   /* [0] is the null symbol */
	size_t nr_symbols, cap_symbols;
	struct elf_hash section_names, symbol_names;
	struct strv klp_objects;       /* the livepatch object names relocations refer to */
};

/* Livepatch relocation sections and symbols (Documentation/livepatch/module-elf-format.rst):
 * `.klp.rela.<object>.<section>` with these flags, against symbols `.klp.sym.<object>.<name>,<sympos>`
 * whose section index is SHN_LIVEPATCH. */
#define ELF_SHF_RELA_LIVEPATCH 0x00100000
#define ELF_SHN_LIVEPATCH 0xff20
#define ELF_KLP_RELA_PREFIX ".klp.rela."

/* The interned copy of a livepatch object name, for elf_reloc.klp_object; NULL when out of memory. */
const char *elf_klp_object(struct elf_object *obj, const char *name);

/* Reads a relocatable x86_64 object into a new model; on failure returns NULL and puts the reason into
 * err (one line, no prefix). */
struct elf_object *elf_read(const char *path, char *err, size_t errlen);

/* An empty object (null section and null symbol only), to be filled and written. */
struct elf_object *elf_create(const char *path);

void elf_free(struct elf_object *obj);

/* Writes the model as a relocatable x86_64 object at obj->path: the symbol table is ordered locals
 * first, and a .rela<name> section is generated for every section with relocations. 0 or -1 + err. */
int elf_write(struct elf_object *obj, char *err, size_t errlen);

/* Lookups. Names are hashed; the first symbol of a name is returned, the others follow through
 * next_same_name. */
struct elf_section *elf_find_section(const struct elf_object *obj, const char *name);
struct elf_symbol *elf_find_symbol(const struct elf_object *obj, const char *name);

/* The function or object symbol of sec whose [value, value+size) holds offset (or that starts exactly
 * at offset when it has size 0); NULL if none. */
struct elf_symbol *elf_symbol_at(const struct elf_section *sec, uint64_t offset);

/* The index of the first relocation of sec at an offset >= offset (nr_relocs if none). */
size_t elf_reloc_from(const struct elf_section *sec, uint64_t offset);

/* The relocation of sec at exactly offset, or NULL. */
struct elf_reloc *elf_reloc_at(const struct elf_section *sec, uint64_t offset);

/* Building a model. Data is copied; size bytes of NULL data means zeroes (or SHT_NOBITS space). */
struct elf_section *elf_add_section(struct elf_object *obj, const char *name, uint32_t type, uint64_t flags,
				    uint64_t addralign, uint64_t entsize, const void *data, uint64_t size);
struct elf_symbol *elf_add_symbol(struct elf_object *obj, const char *name, unsigned char bind,
				  unsigned char type, struct elf_section *sec, uint64_t value, uint64_t size);
int elf_add_reloc(struct elf_section *sec, uint64_t offset, uint32_t type, struct elf_symbol *sym,
		  int64_t addend);

/* Makes the per-section symbol lists and relocation order consistent after additions. */
int elf_index(struct elf_object *obj);

#endif
