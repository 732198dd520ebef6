/* Reading klp_object/klp_func arrays from a livepatch module; see kofuncs.h.
 *
 * In the module's data, a struct klp_func starts with two pointers, each with a relocation:
 * old_name (to a string) and new_func (into code), followed by old_sympos as a plain value. A
 * struct klp_object starts with name (a string, or no relocation at all for vmlinux) and funcs
 * (to the start of such a klp_func run). Arrays end with a zeroed entry, so a run of functions is
 * the klp_funcs at one stride from its start; the stride is the smallest distance between two
 * klp_funcs in the file (one function per array everywhere: each array holds just its first).
 * Nothing here depends on the size of the kernel's structs beyond those first three fields.
 */
#include "manager/kofuncs.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct reloc {
	size_t section; /* the data section the pointer lives in */
	uint64_t offset;
	size_t target;  /* the section the pointer points into */
	uint64_t target_offset;
};

struct model {
	Elf *elf;
	struct reloc *relocs;
	size_t n_relocs;
};

static int add_reloc(struct model *m, const struct reloc *r)
{
	struct reloc *bigger = realloc(m->relocs, (m->n_relocs + 1) * sizeof(*bigger));

	if (!bigger)
		return -1;
	m->relocs = bigger;
	m->relocs[m->n_relocs++] = *r;
	return 0;
}

/* Every absolute 64-bit relocation in the allocated sections, with its symbol resolved to a
 * section and offset. */
static int load_relocs(struct model *m)
{
	Elf_Scn *scn = NULL, *symscn = NULL;
	Elf_Data *syms;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(m->elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			symscn = scn;
	if (!symscn || !(syms = elf_getdata(symscn, NULL)))
		return 0;
	while ((scn = elf_nextscn(m->elf, scn))) {
		Elf_Data *data;
		GElf_Shdr target;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    !gelf_getshdr(elf_getscn(m->elf, sh.sh_info), &target) ||
		    !(target.sh_flags & SHF_ALLOC) || !(data = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Rela rela;
			GElf_Sym sym;
			struct reloc r;

			if (!gelf_getrela(data, (int)i, &rela) ||
			    GELF_R_TYPE(rela.r_info) != R_X86_64_64 ||
			    !gelf_getsym(syms, (int)GELF_R_SYM(rela.r_info), &sym) ||
			    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
				continue;
			r.section = sh.sh_info;
			r.offset = rela.r_offset;
			r.target = sym.st_shndx;
			r.target_offset = sym.st_value + rela.r_addend;
			if (add_reloc(m, &r))
				return -1;
		}
	}
	return 0;
}

static const struct reloc *reloc_at(const struct model *m, size_t section, uint64_t offset)
{
	for (size_t i = 0; i < m->n_relocs; i++)
		if (m->relocs[i].section == section && m->relocs[i].offset == offset)
			return &m->relocs[i];
	return NULL;
}

static bool section_flags(const struct model *m, size_t index, uint64_t flags)
{
	GElf_Shdr sh;

	return gelf_getshdr(elf_getscn(m->elf, index), &sh) && (sh.sh_flags & flags) == flags;
}

/* The string a relocation points to, when it points into a string section. */
static const char *string_at(const struct model *m, const struct reloc *r)
{
	Elf_Scn *scn = elf_getscn(m->elf, r->target);
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;

	if (!data || !section_flags(m, r->target, SHF_STRINGS) || r->target_offset >= data->d_size)
		return NULL;
	if (!memchr((char *)data->d_buf + r->target_offset, '\0', data->d_size - r->target_offset))
		return NULL;
	return (char *)data->d_buf + r->target_offset;
}

/* Whether a klp_func starts at (section, offset): a name, then code. */
static const char *func_name_at(const struct model *m, size_t section, uint64_t offset)
{
	const struct reloc *name = reloc_at(m, section, offset);
	const struct reloc *code = reloc_at(m, section, offset + 8);

	if (!name || !code || !section_flags(m, code->target, SHF_EXECINSTR))
		return NULL;
	return string_at(m, name);
}

static unsigned long word_at(const struct model *m, size_t section, uint64_t offset)
{
	Elf_Data *data = elf_getdata(elf_getscn(m->elf, section), NULL);
	uint64_t value = 0;

	if (data && data->d_buf && offset + 8 <= data->d_size)
		memcpy(&value, (char *)data->d_buf + offset, 8);
	return (unsigned long)value;
}

/* The smallest distance between two klp_funcs of one section; 0 when there is no pair. */
static uint64_t func_stride(const struct model *m)
{
	uint64_t stride = 0;

	for (size_t i = 0; i < m->n_relocs; i++) {
		const struct reloc *a = &m->relocs[i];

		if (!func_name_at(m, a->section, a->offset))
			continue;
		for (size_t j = 0; j < m->n_relocs; j++) {
			const struct reloc *b = &m->relocs[j];

			if (b->section == a->section && b->offset > a->offset &&
			    (!stride || b->offset - a->offset < stride) &&
			    func_name_at(m, b->section, b->offset))
				stride = b->offset - a->offset;
		}
	}
	return stride;
}

static bool is_array_start(const struct model *m, size_t section, uint64_t offset)
{
	for (size_t i = 0; i < m->n_relocs; i++)
		if (m->relocs[i].target == section && m->relocs[i].target_offset == offset &&
		    func_name_at(m, section, offset) &&
		    reloc_at(m, m->relocs[i].section, m->relocs[i].offset) == &m->relocs[i] &&
		    !func_name_at(m, m->relocs[i].section, m->relocs[i].offset - 8))
			return true;
	return false;
}

static int add_func(struct ko_func **funcs, size_t *n, const char *object, const char *name,
		    unsigned long sympos)
{
	struct ko_func *bigger = realloc(*funcs, (*n + 1) * sizeof(*bigger));

	if (!bigger)
		return -1;
	*funcs = bigger;
	snprintf(bigger[*n].object, sizeof(bigger[*n].object), "%s", object);
	snprintf(bigger[*n].name, sizeof(bigger[*n].name), "%s", name);
	bigger[*n].sympos = sympos;
	(*n)++;
	return 0;
}

/* For each klp_object (a pointer to the start of a run of klp_funcs, not itself inside a
 * klp_func), its functions. */
static int collect(const struct model *m, struct ko_func **funcs, size_t *n)
{
	uint64_t stride = func_stride(m);

	for (size_t i = 0; i < m->n_relocs; i++) {
		const struct reloc *to_funcs = &m->relocs[i], *name;
		const char *object = "vmlinux";
		uint64_t at = to_funcs->target_offset;

		if (!func_name_at(m, to_funcs->target, at) ||
		    func_name_at(m, to_funcs->section, to_funcs->offset - 8))
			continue;
		name = to_funcs->offset >= 8 ? reloc_at(m, to_funcs->section, to_funcs->offset - 8) : NULL;
		if (name && string_at(m, name))
			object = string_at(m, name);
		do {
			unsigned long sympos = word_at(m, to_funcs->target, at + 16);

			/* 0 means "the only one", which sysfs shows as 1: show it the same way. */
			if (add_func(funcs, n, object, func_name_at(m, to_funcs->target, at),
				     sympos ? sympos : 1))
				return -1;
			at += stride;
		} while (stride && func_name_at(m, to_funcs->target, at) &&
			 !is_array_start(m, to_funcs->target, at));
	}
	return 0;
}

int ko_funcs(const char *path, struct ko_func **funcs, size_t *n)
{
	struct model m = { 0 };
	int fd, rc = -1;

	*funcs = NULL;
	*n = 0;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	m.elf = elf_begin(fd, ELF_C_READ, NULL);
	if (m.elf && elf_kind(m.elf) == ELF_K_ELF && load_relocs(&m) == 0 && collect(&m, funcs, n) == 0)
		rc = 0;
	if (rc) {
		free(*funcs);
		*funcs = NULL;
		*n = 0;
	}
	free(m.relocs);
	if (m.elf)
		elf_end(m.elf);
	close(fd);
	return rc;
}
