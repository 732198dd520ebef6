/* Symbols of one object file through libelf; see elfsyms.h. */
#include "target/elfsyms.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char type_letter(const GElf_Shdr *sh, unsigned char bind)
{
	char c;

	if (sh->sh_flags & SHF_EXECINSTR)
		c = 't';
	else if (sh->sh_type == SHT_NOBITS)
		c = 'b';
	else if (!(sh->sh_flags & SHF_WRITE))
		c = 'r';
	else
		c = 'd';
	return bind == STB_LOCAL ? c : (char)(c - 'a' + 'A');
}

static int add_sym(struct elfsyms *out, size_t *cap, const struct elfsym *s)
{
	if (out->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct elfsym *n = realloc(out->syms, ncap * sizeof(*n));

		if (!n)
			return -1;
		out->syms = n;
		*cap = ncap;
	}
	out->syms[out->count++] = *s;
	return 0;
}

/* Walks the symbol table section symtab of e, keeping what elfsyms.h promises. */
static int read_symtab(Elf *e, Elf_Scn *symtab, const GElf_Shdr *symsh, size_t shstrndx, struct elfsyms *out)
{
	Elf_Data *data = elf_getdata(symtab, NULL);
	size_t nsyms = symsh->sh_entsize ? symsh->sh_size / symsh->sh_entsize : 0;
	size_t cap = 0;

	if (!data)
		return -1;
	for (size_t i = 1; i < nsyms; i++) {
		GElf_Sym sym;
		GElf_Shdr sh;
		Elf_Scn *scn;
		struct elfsym s = { 0 };
		const char *name, *secname;
		unsigned char type;

		if (!gelf_getsym(data, (int)i, &sym))
			return -1;
		type = GELF_ST_TYPE(sym.st_info);
		if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
			continue;
		if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		scn = elf_getscn(e, sym.st_shndx);
		if (!scn || !gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC))
			continue;
		name = elf_strptr(e, symsh->sh_link, sym.st_name);
		secname = elf_strptr(e, shstrndx, sh.sh_name);
		if (!name || !*name || !secname)
			continue;
		s.name = strdup(name);
		s.section = strdup(secname);
		if (!s.name || !s.section) {
			free(s.name);
			free(s.section);
			return -1;
		}
		s.value = sym.st_value;
		s.size = sym.st_size;
		s.shndx = sym.st_shndx;
		s.index = (unsigned)i;
		s.bind = GELF_ST_BIND(sym.st_info);
		s.type = type;
		s.letter = type_letter(&sh, s.bind);
		if (add_sym(out, &cap, &s) < 0) {
			free(s.name);
			free(s.section);
			return -1;
		}
	}
	return 0;
}

int elfsyms_read(const char *path, struct elfsyms *out, char *err, size_t errlen)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *e = NULL;
	int fd, ret = -1;

	memset(out, 0, sizeof(*out));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || elf_getshdrstrndx(e, &shstrndx) != 0) {
		snprintf(err, errlen, "not an ELF object");
		goto out;
	}
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		if (read_symtab(e, scn, &sh, shstrndx, out) < 0) {
			snprintf(err, errlen, "cannot read its symbol table: %s", elf_errmsg(-1));
			elfsyms_free(out);
			goto out;
		}
		ret = 0;
		goto out;
	}
	snprintf(err, errlen, "no symbol table");
out:
	if (e)
		elf_end(e);
	close(fd);
	return ret;
}

void elfsyms_free(struct elfsyms *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->syms[i].name);
		free(s->syms[i].section);
	}
	free(s->syms);
	s->syms = NULL;
	s->count = 0;
}
