/* Helpers shared by the diff engine's steps (not used outside src/diff/). */
#ifndef SUTURE_DIFF_ENGINE_H
#define SUTURE_DIFF_ENGINE_H

#include "diff/diff.h"

/* Where a relocation points: a named function or object (sym, offset inside it), an undefined
 * symbol (sym with no section), or anonymous bytes (sym NULL, sec + offset: strings, constants,
 * jump tables, alternative replacements). */
struct reloc_target {
	struct elf_symbol *sym;
	struct elf_section *sec;
	int64_t offset;
	int64_t bias;   /* what a PC-relative operand in code adds to reach its target (offset + bias) */
};

void reloc_resolve(const struct elf_section *from, const struct elf_reloc *r, struct reloc_target *t);

/* The orig twin of a patched symbol, or NULL. */
struct elf_symbol *twin_in_orig(const struct diff *d, const struct elf_symbol *patched);
struct elf_symbol *twin_in_patched(const struct diff *d, const struct elf_symbol *orig);

/* Whether the two relocations point at equivalent things (twins at the same offset, the same
 * undefined name, anonymous bytes with equal contents). depth bounds the recursion into anonymous
 * sections that have relocations of their own. */
int relocs_equivalent(struct diff *d, const struct elf_section *so, const struct elf_reloc *ro,
		      const struct elf_section *sp, const struct elf_reloc *rp, int depth);

/* Whether bytes [oo, oo+len) of so and [op, op+len) of sp are equal, with relocated fields compared by
 * target instead of bytes. */
int ranges_equivalent(struct diff *d, const struct elf_section *so, uint64_t oo, const struct elf_section *sp,
		      uint64_t op, uint64_t len, int depth);

/* The same, except for the skip_len bytes at skip (a __LINE__ field). */
int ranges_equivalent_but(struct diff *d, const struct elf_section *so, uint64_t oo, const struct elf_section *sp,
			  uint64_t op, uint64_t len, uint64_t skip, uint64_t skip_len);

/* The width in bytes of the field a relocation type patches (0 for unknown types). */
unsigned reloc_width(uint32_t type);

/* Whether a data object's size or initial contents differ between its twins. */
int data_changed(struct diff *d, struct elf_symbol *orig, struct elf_symbol *patched);

/* Whether a symbol is a function-local or file-local read-only object copied rather than referenced
 * (string-like constants such as __func__: nothing can write them, so a copy is the same thing). */
int is_readonly_local(const struct elf_symbol *sym);

/* Sections the engine deliberately ignores (debug info, notes, objtool's annotations, modinfo). */
int section_ignored(const struct elf_section *sec);

/* Special sections: entries whose anchor (first field) points into a function. */
struct special_entry {
	struct elf_section *sec;
	uint64_t offset;
	uint32_t size;
	struct elf_symbol *owner; /* the function the entry belongs to */
	size_t index;             /* entry number in its section */
};

struct special_entries {
	struct special_entry *entries;
	size_t count;
};

int special_collect(const struct special_layout *layout, struct elf_object *obj, struct special_entries *out);
void special_entries_free(struct special_entries *s);
int special_is_entry_section(const struct special_layout *layout, const char *name);
/* Whether a section only serves the special sections (e.g. .altinstr_replacement). */
int special_is_aux_section(const char *name);

/* Compares the special entries owned by a function pair; 1 equal, 0 different; *noop set when the only
 * differences are __LINE__ numbers of bug entries. */
int special_equivalent(struct diff *d, const struct special_entries *eo, const struct special_entries *ep,
		       struct elf_symbol *fo, struct elf_symbol *fp, int *noop, char *what, size_t whatlen);

#endif
