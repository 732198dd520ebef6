/* The ELF model (src/elf): reading a kbuild-compiled object, lookups by name, section and offset,
 * writing a model built from scratch and reading it back, and errors on bad input. */
#include "elf/elf.h"
#include "harness.h"
#include "test_diff_case.h"

#include <elf.h>
#include <stdlib.h>
#include <unistd.h>

static struct elf_object *read_case(const char *side, const char *name)
{
	char path[512], err[512];
	struct elf_object *obj;

	snprintf(path, sizeof(path), "%s/%s/%s.o", diff_cases_dir(), side, name);
	obj = elf_read(path, err, sizeof(err));
	if (!obj)
		fprintf(stderr, "    %s: %s\n", path, err);
	return obj;
}

TEST(elf_reads_sections_symbols_relocations)
{
	struct elf_object *obj = read_case("orig", "jump_label");
	struct elf_section *text, *jt;
	struct elf_symbol *f;

	CHECK(obj != NULL);
	if (!obj)
		return;
	text = elf_find_section(obj, ".text.jl_entry");
	f = elf_find_symbol(obj, "jl_entry");
	jt = elf_find_section(obj, "__jump_table");
	CHECK(text && f && jt);
	if (!text || !f || !jt)
		goto out;
	CHECK(f->sec == text && f->type == STT_FUNC && f->bind == STB_GLOBAL && f->size > 0);
	/* The relocation section was folded into its base. */
	CHECK(text->nr_relocs > 0 && elf_find_section(obj, ".rela.text.jl_entry")->is_rela);
	CHECK(jt->nr_relocs == 3 * (jt->size / 16));
	/* The first relocation of a kernel function is its __fentry__ call at offset 1. */
	CHECK(elf_reloc_at(text, 1) && !strcmp(elf_reloc_at(text, 1)->sym->name, "__fentry__"));
	CHECK(elf_reloc_at(text, 0) == NULL);
	CHECK(elf_symbol_at(text, 0) == f && elf_symbol_at(text, f->size - 1) == f);
	CHECK(elf_symbol_at(text, f->size) == NULL);
	CHECK(elf_find_symbol(obj, "no_such_symbol") == NULL && elf_find_section(obj, ".no_such") == NULL);
out:
	elf_free(obj);
}

TEST(elf_same_name_locals_chain)
{
	struct elf_object *obj = read_case("orig", "static_renumber");
	size_t n = 0;

	CHECK(obj != NULL);
	if (!obj)
		return;
	/* Three static locals named hits.N: different names, each found by name. */
	for (size_t i = 1; i < obj->nr_symbols; i++)
		if (!strncmp(obj->symbols[i]->name, "hits.", 5)) {
			CHECK(elf_find_symbol(obj, obj->symbols[i]->name) == obj->symbols[i]);
			n++;
		}
	CHECK(n == 3);
	elf_free(obj);
}

TEST(elf_write_from_scratch_and_read_back)
{
	char path[] = "/tmp/suture-elf-XXXXXX", err[512];
	int fd = mkstemp(path);
	struct elf_object *obj, *back = NULL;
	struct elf_section *text, *data;
	struct elf_symbol *fn, *ext, *var;
	static const unsigned char code[] = { 0xe8, 0, 0, 0, 0, 0xc3 };
	static const unsigned char value[] = { 42, 0, 0, 0 };

	CHECK(fd >= 0);
	close(fd);
	obj = elf_create(path);
	CHECK(obj != NULL);
	if (!obj)
		return;
	text = elf_add_section(obj, ".text.f", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16, 0, code, sizeof(code));
	data = elf_add_section(obj, ".data.v", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 4, 0, value, sizeof(value));
	CHECK(text && data);
	/* Globals first on purpose: the writer must put locals first. */
	ext = elf_add_symbol(obj, "ext_fn", STB_GLOBAL, STT_NOTYPE, NULL, 0, 0);
	fn = elf_add_symbol(obj, "f", STB_GLOBAL, STT_FUNC, text, 0, sizeof(code));
	var = elf_add_symbol(obj, "v", STB_LOCAL, STT_OBJECT, data, 0, 4);
	CHECK(ext && fn && var);
	CHECK(elf_add_reloc(text, 1, R_X86_64_PLT32, ext, -4) == 0);
	text->rela_flags = 0x00100000;
	CHECK(elf_index(obj) == 0);
	CHECK(elf_write(obj, err, sizeof(err)) == 0);
	back = elf_read(path, err, sizeof(err));
	CHECK(back != NULL);
	if (back) {
		struct elf_section *t = elf_find_section(back, ".text.f");
		struct elf_symbol *v = elf_find_symbol(back, "v");

		CHECK(t && t->size == sizeof(code) && !memcmp(t->data, code, sizeof(code)));
		CHECK(t && t->nr_relocs == 1 && t->relocs[0].type == R_X86_64_PLT32 && t->relocs[0].addend == -4 &&
		      !strcmp(t->relocs[0].sym->name, "ext_fn") && t->relocs[0].sym->shndx == SHN_UNDEF);
		CHECK(elf_find_section(back, ".rela.text.f")->flags & 0x00100000);
		CHECK(v && v->bind == STB_LOCAL && v->sec && v->sec->data[0] == 42);
		CHECK(back->symbols[1]->bind == STB_LOCAL);
		CHECK(elf_symbol_at(t, 3) && !strcmp(elf_symbol_at(t, 3)->name, "f"));
	}
	elf_free(back);
	elf_free(obj);
	unlink(path);
}

TEST(elf_roundtrip_of_kernel_object)
{
	char path[] = "/tmp/suture-elf-XXXXXX", err[512];
	int fd = mkstemp(path);
	struct elf_object *obj = read_case("orig", "bug_table"), *back = NULL;

	CHECK(fd >= 0 && obj);
	close(fd);
	if (!obj)
		return;
	free(obj->path);
	obj->path = strdup(path);
	CHECK(elf_write(obj, err, sizeof(err)) == 0);
	back = elf_read(path, err, sizeof(err));
	CHECK(back != NULL);
	if (back) {
		size_t relocs_a = 0, relocs_b = 0;

		for (size_t i = 0; i < obj->nr_sections; i++)
			relocs_a += obj->sections[i]->nr_relocs;
		for (size_t i = 0; i < back->nr_sections; i++)
			relocs_b += back->sections[i]->nr_relocs;
		CHECK(relocs_a == relocs_b && relocs_a > 0);
		CHECK(back->nr_symbols == obj->nr_symbols);
		CHECK(elf_find_section(back, "__bug_table")->size == elf_find_section(obj, "__bug_table")->size);
		CHECK(!memcmp(elf_find_section(back, ".text.bt_entry")->data, elf_find_section(obj, ".text.bt_entry")->data,
			      elf_find_section(obj, ".text.bt_entry")->size));
	}
	elf_free(back);
	elf_free(obj);
	unlink(path);
}

TEST(elf_read_errors)
{
	char err[512] = "";

	CHECK(elf_read("/nonexistent/x.o", err, sizeof(err)) == NULL && strstr(err, "No such file"));
	CHECK(elf_read("Makefile", err, sizeof(err)) == NULL && strstr(err, "not an ELF object"));
	/* An executable is ELF, but not a relocatable object. */
	CHECK(elf_read("build/suture", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "not a relocatable x86_64 object") != NULL);
}

TEST(special_layout_derived_from_kernel_headers)
{
	struct special_layout l;
	char path[512], err[512];

	snprintf(path, sizeof(path), "%s/probe/special_sizes.o", diff_cases_dir());
	CHECK(special_layout_read(&l, path, err, sizeof(err)) == 0);
	/* The sizes measured on Debian 6.1 objects (DESIGN.md §6). */
	CHECK(special_layout_get(&l, ".altinstructions") == 12);
	CHECK(special_layout_get(&l, "__bug_table") == 12);
	CHECK(special_layout_get(&l, "__ex_table") == 12);
	CHECK(special_layout_get(&l, "__jump_table") == 16);
	CHECK(special_layout_get(&l, ".orc_unwind") == 6);
	CHECK(special_layout_get(&l, ".parainstructions") == 16);
	CHECK(special_layout_get(&l, ".static_call_sites") == 8);
	CHECK(special_layout_get(&l, "__bug_table:line") == 8);
	CHECK(special_layout_get(&l, ".altinstructions:replacementlen") == 11);
	/* CONFIG_PRINTK_INDEX is off in Debian's 6.1: no .printk_index entries exist. */
	CHECK(special_layout_get(&l, ".printk_index") == 0);
	CHECK(special_layout_read(&l, "Makefile", err, sizeof(err)) < 0);
}

/* Livepatch relocations: grouped per object into .klp.rela.<object>.<section> (SHF_ALLOC and
 * SHF_RELA_LIVEPATCH), apart from the ordinary ones, against SHN_LIVEPATCH symbols; read back into
 * the same model. */
TEST(elf_klp_relocations_roundtrip)
{
	char path[] = "/tmp/suture-elf-XXXXXX", err[512];
	int fd = mkstemp(path);
	struct elf_object *obj, *back = NULL;
	struct elf_section *text;
	struct elf_symbol *printk, *klp_v, *klp_m;
	static const unsigned char code[16];

	CHECK(fd >= 0);
	close(fd);
	obj = elf_create(path);
	if (!obj)
		return;
	text = elf_add_section(obj, ".text.f", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16, 0, code, sizeof(code));
	elf_add_symbol(obj, "f", STB_GLOBAL, STT_FUNC, text, 0, sizeof(code));
	printk = elf_add_symbol(obj, "_printk", STB_GLOBAL, STT_NOTYPE, NULL, 0, 0);
	klp_v = elf_add_symbol(obj, ".klp.sym.vmlinux.saved_command_line,0", STB_GLOBAL, STT_OBJECT, NULL, 0, 0);
	klp_m = elf_add_symbol(obj, ".klp.sym.loop.lo_helper,2", STB_GLOBAL, STT_FUNC, NULL, 0, 0);
	CHECK(text && printk && klp_v && klp_m);
	klp_v->shndx = ELF_SHN_LIVEPATCH;
	klp_m->shndx = ELF_SHN_LIVEPATCH;
	CHECK(elf_add_reloc(text, 1, R_X86_64_PLT32, printk, -4) == 0);
	CHECK(elf_add_reloc(text, 6, R_X86_64_PC32, klp_v, -4) == 0);
	text->relocs[1].klp_object = elf_klp_object(obj, "vmlinux");
	CHECK(elf_add_reloc(text, 11, R_X86_64_PLT32, klp_m, -4) == 0);
	text->relocs[2].klp_object = elf_klp_object(obj, "loop");
	CHECK(elf_klp_object(obj, "vmlinux") == text->relocs[1].klp_object);
	CHECK(elf_index(obj) == 0);
	CHECK(elf_write(obj, err, sizeof(err)) == 0);

	back = elf_read(path, err, sizeof(err));
	CHECK(back != NULL);
	if (back) {
		struct elf_section *t = elf_find_section(back, ".text.f");
		struct elf_section *kv = elf_find_section(back, ".klp.rela.vmlinux..text.f");
		struct elf_section *km = elf_find_section(back, ".klp.rela.loop..text.f");
		struct elf_section *plain = elf_find_section(back, ".rela.text.f");
		struct elf_symbol *s = elf_find_symbol(back, ".klp.sym.vmlinux.saved_command_line,0");

		CHECK(kv && km && plain);
		CHECK(kv && kv->size == sizeof(Elf64_Rela) && (kv->flags & ELF_SHF_RELA_LIVEPATCH) &&
		      (kv->flags & SHF_ALLOC));
		CHECK(plain && plain->size == sizeof(Elf64_Rela) && !(plain->flags & (ELF_SHF_RELA_LIVEPATCH | SHF_ALLOC)));
		CHECK(s && s->shndx == ELF_SHN_LIVEPATCH && s->sec == NULL);
		CHECK(t && t->nr_relocs == 3);
		for (size_t k = 0; t && k < t->nr_relocs; k++) {
			const struct elf_reloc *r = &t->relocs[k];
			const char *want = r->offset == 6 ? "vmlinux" : r->offset == 11 ? "loop" : NULL;

			CHECK(want ? r->klp_object && !strcmp(r->klp_object, want) : !r->klp_object);
		}
	}
	elf_free(back);
	elf_free(obj);
	unlink(path);
}
