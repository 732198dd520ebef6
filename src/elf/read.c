/* Reading a relocatable x86_64 object into the model (elf_read in elf.h): sections with copies of their
 * bytes, the symbol table, and every .rela section folded into its base section's relocation list.
 * Anything this model cannot represent faithfully (REL sections, a second symbol table, another
 * machine) is an error rather than a silent approximation.
 */
#include "elf/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void say(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/* Larger than any alignment a compiler gives kernel code or data (a page, or a huge page). */
#define ELF_MAX_ALIGN (1u << 21)

static int read_sections(struct elf_object *obj, Elf *elf, size_t shstrndx, char *err, size_t len)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d = NULL;
		const char *name;
		struct elf_section *sec;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name))) {
			say(err, len, "section %zu: %s", elf_ndxscn(scn), elf_errmsg(-1));
			return -1;
		}
		if (sh.sh_type != SHT_NOBITS && sh.sh_size && !(d = elf_getdata(scn, NULL))) {
			say(err, len, "section %s: %s", name, elf_errmsg(-1));
			return -1;
		}
		/* Kernel objects align to a page at most; a huge or non-power-of-two alignment is a
		 * corrupt file, and writing it back would pad the output by that much. */
		if (sh.sh_addralign > ELF_MAX_ALIGN || (sh.sh_addralign & (sh.sh_addralign - 1))) {
			say(err, len, "section %s: alignment %llu is not a power of two up to %u", name,
			    (unsigned long long)sh.sh_addralign, ELF_MAX_ALIGN);
			return -1;
		}
		if (sh.sh_type == SHT_REL) {
			say(err, len, "section %s: REL relocations are not supported", name);
			return -1;
		}
		sec = elf_add_section(obj, name, sh.sh_type, sh.sh_flags, sh.sh_addralign, sh.sh_entsize,
				      d ? d->d_buf : NULL, sh.sh_size);
		if (!sec) {
			say(err, len, "out of memory");
			return -1;
		}
		if (sec->index != elf_ndxscn(scn)) {
			say(err, len, "section %s: index mismatch", name);
			return -1;
		}
		sec->link = sh.sh_link;
		sec->info = sh.sh_info;
		sec->is_rela = sh.sh_type == SHT_RELA;
	}
	return 0;
}

static int read_symbols(struct elf_object *obj, Elf *elf, char *err, size_t len)
{
	struct elf_section *symtab = NULL;
	Elf_Data *d;
	size_t n;

	for (size_t i = 1; i < obj->nr_sections; i++) {
		if (obj->sections[i]->type != SHT_SYMTAB)
			continue;
		if (symtab) {
			say(err, len, "more than one symbol table");
			return -1;
		}
		symtab = obj->sections[i];
	}
	if (!symtab) {
		say(err, len, "no symbol table");
		return -1;
	}
	d = elf_getdata(elf_getscn(elf, symtab->index), NULL);
	if (!d) {
		say(err, len, "symbol table: %s", elf_errmsg(-1));
		return -1;
	}
	n = symtab->size / sizeof(Elf64_Sym);
	for (size_t i = 1; i < n; i++) {
		GElf_Sym s;
		const char *name;
		struct elf_section *sec = NULL;
		struct elf_symbol *sym;

		if (!gelf_getsym(d, (int)i, &s) || !(name = elf_strptr(elf, symtab->link, s.st_name))) {
			say(err, len, "symbol %zu: %s", i, elf_errmsg(-1));
			return -1;
		}
		if (s.st_shndx == SHN_XINDEX) {
			say(err, len, "symbol %s: extended section indexes are not supported", name);
			return -1;
		}
		if (s.st_shndx != SHN_UNDEF && s.st_shndx < SHN_LORESERVE) {
			if (s.st_shndx >= obj->nr_sections) {
				say(err, len, "symbol %s: bad section index %u", name, s.st_shndx);
				return -1;
			}
			sec = obj->sections[s.st_shndx];
		}
		/* Section symbols have no name of their own: give them their section's, as tools print them. */
		if (GELF_ST_TYPE(s.st_info) == STT_SECTION && sec && !*name)
			name = sec->name;
		sym = elf_add_symbol(obj, name, GELF_ST_BIND(s.st_info), GELF_ST_TYPE(s.st_info), sec, s.st_value,
				     s.st_size);
		if (!sym) {
			say(err, len, "out of memory");
			return -1;
		}
		sym->shndx = s.st_shndx;
		sym->other = s.st_other;
	}
	return 0;
}

/* The livepatch object of a `.klp.rela.<object>.<section>` section (NULL for any other relocation
 * section). Returns 0, or -1 when the name has no object part or memory runs out. */
static int klp_object_of(struct elf_object *obj, const struct elf_section *rela, const char **object)
{
	const char *p = rela->name + strlen(ELF_KLP_RELA_PREFIX), *dot;
	char name[64];

	*object = NULL;
	if (strncmp(rela->name, ELF_KLP_RELA_PREFIX, strlen(ELF_KLP_RELA_PREFIX)) != 0)
		return 0;
	dot = strchr(p, '.');
	if (!dot || dot == p || (size_t)(dot - p) >= sizeof(name))
		return -1;
	snprintf(name, sizeof(name), "%.*s", (int)(dot - p), p);
	*object = elf_klp_object(obj, name);
	return *object ? 0 : -1;
}

static int read_relocs(struct elf_object *obj, Elf *elf, char *err, size_t len)
{
	for (size_t i = 1; i < obj->nr_sections; i++) {
		struct elf_section *rela = obj->sections[i], *base;
		const char *klp_object;
		Elf_Data *d;
		size_t n;

		if (!rela->is_rela)
			continue;
		if (rela->info == 0 || rela->info >= obj->nr_sections) {
			say(err, len, "%s: bad target section %u", rela->name, rela->info);
			return -1;
		}
		base = obj->sections[rela->info];
		if (klp_object_of(obj, rela, &klp_object) < 0) {
			say(err, len, "%s: not a livepatch relocation section name (or out of memory)", rela->name);
			return -1;
		}
		d = elf_getdata(elf_getscn(elf, rela->index), NULL);
		n = rela->size / sizeof(Elf64_Rela);
		for (size_t k = 0; k < n; k++) {
			GElf_Rela r;
			size_t symi;

			if (!d || !gelf_getrela(d, (int)k, &r)) {
				say(err, len, "%s: entry %zu: %s", rela->name, k, elf_errmsg(-1));
				return -1;
			}
			symi = GELF_R_SYM(r.r_info);
			if (symi >= obj->nr_symbols) {
				say(err, len, "%s: entry %zu: bad symbol %zu", rela->name, k, symi);
				return -1;
			}
			if (elf_add_reloc(base, r.r_offset, GELF_R_TYPE(r.r_info), obj->symbols[symi], r.r_addend) < 0) {
				say(err, len, "out of memory");
				return -1;
			}
			base->relocs[base->nr_relocs - 1].klp_object = klp_object;
		}
	}
	return 0;
}

struct elf_object *elf_read(const char *path, char *err, size_t len)
{
	struct elf_object *obj = NULL;
	Elf *elf = NULL;
	GElf_Ehdr eh;
	size_t shstrndx;
	int fd;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		say(err, len, "libelf: %s", elf_errmsg(-1));
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		say(err, len, "%s", strerror(errno));
		return NULL;
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		say(err, len, "not an ELF object");
		goto fail;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64 || eh.e_type != ET_REL) {
		say(err, len, "not a relocatable x86_64 object");
		goto fail;
	}
	if (elf_getshdrstrndx(elf, &shstrndx) < 0) {
		say(err, len, "%s", elf_errmsg(-1));
		goto fail;
	}
	obj = elf_create(path);
	if (!obj) {
		say(err, len, "out of memory");
		goto fail;
	}
	if (read_sections(obj, elf, shstrndx, err, len) < 0 || read_symbols(obj, elf, err, len) < 0 ||
	    read_relocs(obj, elf, err, len) < 0 || elf_index(obj) < 0)
		goto fail;
	elf_end(elf);
	close(fd);
	return obj;
fail:
	elf_free(obj);
	if (elf)
		elf_end(elf);
	close(fd);
	return NULL;
}
