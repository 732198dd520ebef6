/* Writing the model as a relocatable x86_64 object (elf_write in elf.h). The symbol table, its string
 * table, the section-name table and every .rela section are generated from the model, so a model built
 * from scratch and one read from a file are written the same way; section and symbol indexes are
 * renumbered (locals first, as ELF requires).
 */
#include "elf/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A growing string table. */
struct strtab {
	char *buf;
	size_t len, cap;
};

static long strtab_add(struct strtab *t, const char *s)
{
	size_t n = strlen(s) + 1;

	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		char *b;

		while (cap < t->len + n)
			cap *= 2;
		b = realloc(t->buf, cap);
		if (!b)
			return -1;
		t->buf = b;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	return (long)(t->len - n);
}

/* Sections the writer regenerates instead of copying. */
static int generated(const struct elf_section *sec)
{
	return sec->index == 0 || sec->is_rela || sec->type == SHT_SYMTAB ||
	       (sec->type == SHT_STRTAB && (!strcmp(sec->name, ".strtab") || !strcmp(sec->name, ".shstrtab")));
}

struct writer {
	struct elf_object *obj;
	Elf *elf;
	struct strtab shstr, str;
	size_t *sec_map;  /* model section index -> output index (0: not written) */
	size_t *sym_map;  /* model symbol index -> output index */
	size_t out_sections;
	void **buffers;   /* what the output's data points into, freed after elf_end */
	size_t nr_buffers;
	char *err;
	size_t errlen;
};

static int fail(struct writer *w, const char *what)
{
	snprintf(w->err, w->errlen, "%s: %s", what, elf_errmsg(-1));
	return -1;
}

static Elf_Scn *new_section(struct writer *w, const char *name, uint32_t type, uint64_t flags, uint64_t align,
			    uint64_t entsize, void *buf, uint64_t size, uint32_t link, uint32_t info)
{
	Elf_Scn *scn = elf_newscn(w->elf);
	Elf_Data *d;
	GElf_Shdr sh;
	long name_off = strtab_add(&w->shstr, name);

	if (!scn || name_off < 0 || !(d = elf_newdata(scn)) || !gelf_getshdr(scn, &sh)) {
		fail(w, name);
		return NULL;
	}
	d->d_buf = buf;
	d->d_size = size;
	d->d_align = align ? align : 1;
	d->d_type = ELF_T_BYTE;
	sh.sh_name = (Elf64_Word)name_off;
	sh.sh_type = type;
	sh.sh_flags = flags;
	sh.sh_addralign = align;
	sh.sh_entsize = entsize;
	sh.sh_size = size;
	sh.sh_link = link;
	sh.sh_info = info;
	if (!gelf_update_shdr(scn, &sh)) {
		fail(w, name);
		return NULL;
	}
	w->out_sections++;
	return scn;
}

/* Output order of symbols: the null symbol, locals, then the rest; returns the first non-local index. */
static size_t order_symbols(struct writer *w)
{
	struct elf_object *obj = w->obj;
	size_t next = 1, first_global;

	for (size_t pass = 0; pass < 2; pass++) {
		if (pass == 1)
			first_global = next;
		for (size_t i = 1; i < obj->nr_symbols; i++) {
			struct elf_symbol *s = obj->symbols[i];

			if ((s->bind == STB_LOCAL) == (pass == 0))
				w->sym_map[i] = next++;
		}
	}
	return first_global;
}

/* Keeps buf until the file is written; frees it and fails when it cannot. */
static int keep(struct writer *w, void *buf)
{
	void **b = realloc(w->buffers, (w->nr_buffers + 1) * sizeof(*b));

	if (!b) {
		free(buf);
		snprintf(w->err, w->errlen, "out of memory");
		return -1;
	}
	w->buffers = b;
	w->buffers[w->nr_buffers++] = buf;
	return 0;
}

static int write_symtab(struct writer *w, size_t *symtab_index)
{
	struct elf_object *obj = w->obj;
	Elf64_Sym *syms = calloc(obj->nr_symbols, sizeof(*syms));
	size_t first_global, strtab_index = w->out_sections + 2; /* .symtab is next, then .strtab */

	if (!syms || keep(w, syms) < 0) {
		snprintf(w->err, w->errlen, "out of memory");
		return -1;
	}
	first_global = order_symbols(w);
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		struct elf_symbol *s = obj->symbols[i];
		Elf64_Sym *o = &syms[w->sym_map[i]];
		long off = s->type == STT_SECTION ? 0 : strtab_add(&w->str, s->name);

		if (off < 0) {
			snprintf(w->err, w->errlen, "out of memory");
			return -1;
		}
		if (s->sec && !w->sec_map[s->sec->index]) {
			snprintf(w->err, w->errlen, "symbol %s: its section %s is not written", s->name, s->sec->name);
			return -1;
		}
		o->st_name = (Elf64_Word)off;
		o->st_info = GELF_ST_INFO(s->bind, s->type);
		o->st_other = s->other;
		o->st_value = s->value;
		o->st_size = s->size;
		if (s->sec)
			o->st_shndx = (Elf64_Section)w->sec_map[s->sec->index];
		else
			o->st_shndx = s->shndx >= SHN_LORESERVE ? s->shndx : SHN_UNDEF;
	}
	*symtab_index = w->out_sections + 1;
	if (!new_section(w, ".symtab", SHT_SYMTAB, 0, 8, sizeof(Elf64_Sym), syms, obj->nr_symbols * sizeof(*syms),
			 (uint32_t)strtab_index, (uint32_t)first_global))
		return -1;
	return 0;
}

/* One relocation section for sec: its relocations whose klp_object is object (NULL: the ordinary
 * ones, as .rela<name>; else .klp.rela.<object>.<name>, kept in memory for livepatch). */
static int write_rela(struct writer *w, size_t symtab_index, size_t i, const char *object)
{
	struct elf_section *sec = w->obj->sections[i];
	Elf64_Rela *relas;
	size_t n = 0;
	uint64_t flags = SHF_INFO_LINK | sec->rela_flags;
	char name[512];

	for (size_t k = 0; k < sec->nr_relocs; k++)
		n += sec->relocs[k].klp_object == object;
	if (!n)
		return 0;
	relas = calloc(n, sizeof(*relas));
	if (!relas || keep(w, relas) < 0) {
		snprintf(w->err, w->errlen, "out of memory");
		return -1;
	}
	n = 0;
	for (size_t k = 0; k < sec->nr_relocs; k++) {
		const struct elf_reloc *r = &sec->relocs[k];

		if (r->klp_object != object)
			continue;
		relas[n].r_offset = r->offset;
		relas[n].r_info = GELF_R_INFO(w->sym_map[r->sym->index], r->type);
		relas[n].r_addend = r->addend;
		n++;
	}
	if (object) {
		snprintf(name, sizeof(name), ELF_KLP_RELA_PREFIX "%s.%s", object, sec->name);
		flags |= SHF_ALLOC | ELF_SHF_RELA_LIVEPATCH;
	} else {
		snprintf(name, sizeof(name), ".rela%s", sec->name);
	}
	if (!new_section(w, name, SHT_RELA, flags, 8, sizeof(Elf64_Rela), relas, n * sizeof(*relas),
			 (uint32_t)symtab_index, (uint32_t)w->sec_map[i]))
		return -1;
	return 0;
}

static int write_relas(struct writer *w, size_t symtab_index)
{
	struct elf_object *obj = w->obj;

	for (size_t i = 1; i < obj->nr_sections; i++) {
		if (generated(obj->sections[i]))
			continue;
		if (write_rela(w, symtab_index, i, NULL) < 0)
			return -1;
		for (size_t o = 0; o < obj->klp_objects.n; o++)
			if (write_rela(w, symtab_index, i, obj->klp_objects.v[o]) < 0)
				return -1;
	}
	return 0;
}

static int write_sections(struct writer *w)
{
	struct elf_object *obj = w->obj;

	for (size_t i = 1; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		if (generated(sec))
			continue;
		w->sec_map[i] = w->out_sections + 1;
		if (!new_section(w, sec->name, sec->type, sec->flags, sec->addralign, sec->entsize, sec->data,
				 sec->size, sec->link, sec->info))
			return -1;
	}
	return 0;
}

int elf_write(struct elf_object *obj, char *err, size_t errlen)
{
	struct writer w = { .obj = obj, .err = err, .errlen = errlen };
	size_t symtab_index;
	GElf_Ehdr eh;
	int fd, rc = -1;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return fail(&w, "libelf");
	fd = open(obj->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	w.sec_map = calloc(obj->nr_sections, sizeof(*w.sec_map));
	w.sym_map = calloc(obj->nr_symbols, sizeof(*w.sym_map));
	w.elf = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!w.sec_map || !w.sym_map || strtab_add(&w.shstr, "") < 0 || strtab_add(&w.str, "") < 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (!w.elf || !gelf_newehdr(w.elf, ELFCLASS64) || !gelf_getehdr(w.elf, &eh)) {
		fail(&w, "ELF header");
		goto out;
	}
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_REL;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	if (write_sections(&w) < 0 || write_symtab(&w, &symtab_index) < 0 ||
	    !new_section(&w, ".strtab", SHT_STRTAB, 0, 1, 0, w.str.buf, w.str.len, 0, 0) ||
	    write_relas(&w, symtab_index) < 0)
		goto out;
	/* The section-name table names itself, so its name is added before its data is handed over. */
	eh.e_shstrndx = (Elf64_Half)(w.out_sections + 1);
	if (!new_section(&w, ".shstrtab", SHT_STRTAB, 0, 1, 0, NULL, 0, 0, 0))
		goto out;
	{
		Elf_Scn *scn = elf_getscn(w.elf, eh.e_shstrndx);
		Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
		GElf_Shdr sh;

		if (!d || !gelf_getshdr(scn, &sh)) {
			fail(&w, ".shstrtab");
			goto out;
		}
		d->d_buf = w.shstr.buf;
		d->d_size = w.shstr.len;
		sh.sh_size = w.shstr.len;
		if (!gelf_update_shdr(scn, &sh)) {
			fail(&w, ".shstrtab");
			goto out;
		}
	}
	if (!gelf_update_ehdr(w.elf, &eh) || elf_update(w.elf, ELF_C_WRITE) < 0) {
		fail(&w, "writing");
		goto out;
	}
	rc = 0;
out:
	if (w.elf)
		elf_end(w.elf);
	close(fd);
	if (rc < 0)
		unlink(obj->path);
	for (size_t i = 0; i < w.nr_buffers; i++)
		free(w.buffers[i]);
	free(w.buffers);
	free(w.shstr.buf);
	free(w.str.buf);
	free(w.sec_map);
	free(w.sym_map);
	return rc;
}
