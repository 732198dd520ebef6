/* Building, indexing, querying and freeing the ELF model; see elf.h. */
#include "elf/elf.h"
#include "elf/hash.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int grow_array(void **array, size_t *cap, size_t need, size_t elem)
{
	size_t n;
	void *p;

	if (need <= *cap)
		return 0;
	n = *cap ? *cap * 2 : 64;
	while (n < need)
		n *= 2;
	p = realloc(*array, n * elem);
	if (!p)
		return -1;
	*array = p;
	*cap = n;
	return 0;
}

struct elf_section *elf_add_section(struct elf_object *obj, const char *name, uint32_t type, uint64_t flags,
				    uint64_t addralign, uint64_t entsize, const void *data, uint64_t size)
{
	struct elf_section *sec;

	if (grow_array((void **)&obj->sections, &obj->cap_sections, obj->nr_sections + 1, sizeof(sec)) < 0)
		return NULL;
	sec = calloc(1, sizeof(*sec));
	if (!sec)
		return NULL;
	sec->name = strdup(name);
	if (!sec->name)
		goto fail;
	sec->type = type;
	sec->flags = flags;
	sec->addralign = addralign;
	sec->entsize = entsize;
	sec->size = size;
	if (type != SHT_NOBITS && size) {
		sec->data = calloc(1, size);
		if (!sec->data)
			goto fail;
		if (data)
			memcpy(sec->data, data, size);
	}
	if (elf_hash_add(&obj->section_names, sec->name, sec) < 0)
		goto fail;
	sec->index = obj->nr_sections;
	obj->sections[obj->nr_sections++] = sec;
	return sec;
fail:
	free(sec->data);
	free(sec->name);
	free(sec);
	return NULL;
}

struct elf_symbol *elf_add_symbol(struct elf_object *obj, const char *name, unsigned char bind,
				  unsigned char type, struct elf_section *sec, uint64_t value, uint64_t size)
{
	struct elf_symbol *sym, *first;

	if (grow_array((void **)&obj->symbols, &obj->cap_symbols, obj->nr_symbols + 1, sizeof(sym)) < 0)
		return NULL;
	sym = calloc(1, sizeof(*sym));
	if (!sym)
		return NULL;
	sym->name = strdup(name);
	if (!sym->name) {
		free(sym);
		return NULL;
	}
	sym->bind = bind;
	sym->type = type;
	sym->sec = sec;
	sym->shndx = sec ? (uint16_t)sec->index : SHN_UNDEF;
	sym->value = value;
	sym->size = size;
	if (*name) {
		first = elf_hash_get(&obj->symbol_names, name);
		if (first) {
			while (first->next_same_name)
				first = first->next_same_name;
			first->next_same_name = sym;
		} else if (elf_hash_add(&obj->symbol_names, sym->name, sym) < 0) {
			free(sym->name);
			free(sym);
			return NULL;
		}
	}
	if (type == STT_SECTION && sec && !sec->secsym)
		sec->secsym = sym;
	sym->index = obj->nr_symbols;
	obj->symbols[obj->nr_symbols++] = sym;
	return sym;
}

int elf_add_reloc(struct elf_section *sec, uint64_t offset, uint32_t type, struct elf_symbol *sym,
		  int64_t addend)
{
	struct elf_reloc *r;

	if (grow_array((void **)&sec->relocs, &sec->cap_relocs, sec->nr_relocs + 1, sizeof(*r)) < 0)
		return -1;
	r = &sec->relocs[sec->nr_relocs++];
	memset(r, 0, sizeof(*r));
	r->offset = offset;
	r->type = type;
	r->addend = addend;
	r->sym = sym;
	return 0;
}

struct elf_object *elf_create(const char *path)
{
	struct elf_object *obj = calloc(1, sizeof(*obj));

	if (!obj)
		return NULL;
	obj->path = strdup(path);
	if (!obj->path || !elf_add_section(obj, "", SHT_NULL, 0, 0, 0, NULL, 0) ||
	    !elf_add_symbol(obj, "", STB_LOCAL, STT_NOTYPE, NULL, 0, 0)) {
		elf_free(obj);
		return NULL;
	}
	return obj;
}

const char *elf_klp_object(struct elf_object *obj, const char *name)
{
	return strv_intern(&obj->klp_objects, name);
}

void elf_free(struct elf_object *obj)
{
	if (!obj)
		return;
	for (size_t i = 0; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		free(sec->name);
		free(sec->data);
		free(sec->relocs);
		free(sec->syms);
		free(sec);
	}
	for (size_t i = 0; i < obj->nr_symbols; i++) {
		free(obj->symbols[i]->name);
		free(obj->symbols[i]);
	}
	strv_free(&obj->klp_objects);
	free(obj->sections);
	free(obj->symbols);
	elf_hash_free(&obj->section_names);
	elf_hash_free(&obj->symbol_names);
	free(obj->path);
	free(obj);
}

static int by_value(const void *a, const void *b)
{
	const struct elf_symbol *x = *(struct elf_symbol *const *)a, *y = *(struct elf_symbol *const *)b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	/* Sized symbols before zero-sized aliases at the same address, then by index: deterministic. */
	if ((x->size != 0) != (y->size != 0))
		return x->size ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int by_offset(const void *a, const void *b)
{
	const struct elf_reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

int elf_index(struct elf_object *obj)
{
	for (size_t i = 0; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		free(sec->syms);
		sec->syms = NULL;
		sec->nr_syms = 0;
		if (sec->nr_relocs)
			qsort(sec->relocs, sec->nr_relocs, sizeof(*sec->relocs), by_offset);
	}
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		struct elf_symbol *sym = obj->symbols[i];

		if (sym->sec && sym->type != STT_SECTION && sym->type != STT_FILE)
			sym->sec->nr_syms++;
	}
	for (size_t i = 0; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		if (!sec->nr_syms)
			continue;
		sec->syms = malloc(sec->nr_syms * sizeof(*sec->syms));
		if (!sec->syms)
			return -1;
		sec->nr_syms = 0;
	}
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		struct elf_symbol *sym = obj->symbols[i];

		if (sym->sec && sym->type != STT_SECTION && sym->type != STT_FILE)
			sym->sec->syms[sym->sec->nr_syms++] = sym;
	}
	for (size_t i = 0; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		if (sec->nr_syms > 1)
			qsort(sec->syms, sec->nr_syms, sizeof(*sec->syms), by_value);
	}
	return 0;
}

struct elf_section *elf_find_section(const struct elf_object *obj, const char *name)
{
	return elf_hash_get(&obj->section_names, name);
}

struct elf_symbol *elf_find_symbol(const struct elf_object *obj, const char *name)
{
	return elf_hash_get(&obj->symbol_names, name);
}

struct elf_symbol *elf_symbol_at(const struct elf_section *sec, uint64_t offset)
{
	size_t lo = 0, hi = sec->nr_syms;
	struct elf_symbol *best = NULL;

	/* The last symbol starting at or before offset, then walk back over overlapping ones. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->syms[mid]->value <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0) {
		struct elf_symbol *s = sec->syms[lo];

		if (s->type != STT_FUNC && s->type != STT_OBJECT)
			continue;
		if (offset < s->value + s->size || (s->size == 0 && s->value == offset)) {
			if (!best || (s->size && !best->size))
				best = s;
			if (best->size)
				break;
		}
	}
	return best;
}

size_t elf_reloc_from(const struct elf_section *sec, uint64_t offset)
{
	size_t lo = 0, hi = sec->nr_relocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->relocs[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct elf_reloc *elf_reloc_at(const struct elf_section *sec, uint64_t offset)
{
	size_t i = elf_reloc_from(sec, offset);

	return i < sec->nr_relocs && sec->relocs[i].offset == offset ? &sec->relocs[i] : NULL;
}
