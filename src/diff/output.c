/* The output object: the included functions and data (whole sections, as -ffunction-sections and
 * -fdata-sections give one symbol per section), the anonymous bytes they use (strings, constants, jump
 * tables, alternative replacements), the special-section entries of the included functions, and every
 * other reference left as an undefined symbol. Each such reference is recorded with whether the
 * running kernel's copy is a file-local symbol (found by name and sympos later) or a global one; the
 * local ones are also listed, NUL-separated, in a non-allocated section .suture.local_refs.
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
	struct diff *d;
	struct elf_object *obj;
	struct elf_section **sec_map;  /* patched section index -> output section */
	struct elf_symbol **sym_map;   /* patched symbol index -> output symbol */
	unsigned char *relocs_copied;  /* per patched section index: its relocations are in the output */
	char *err;
	size_t errlen;
};

static int nomem(struct out *o)
{
	snprintf(o->err, o->errlen, "out of memory");
	return -1;
}

static struct elf_section *copy_section(struct out *o, struct elf_section *sec)
{
	struct elf_section *n = o->sec_map[sec->index];

	if (n)
		return n;
	n = elf_add_section(o->obj, sec->name, sec->type, sec->flags, sec->addralign, sec->entsize, sec->data, sec->size);
	if (!n || !elf_add_symbol(o->obj, sec->name, STB_LOCAL, STT_SECTION, n, 0, 0))
		return NULL;
	o->sec_map[sec->index] = n;
	return n;
}

static int add_ref(struct out *o, const struct elf_symbol *s, const char *name)
{
	struct diff *d = o->d;
	struct diff_reference *n;

	for (size_t i = 0; i < d->nr_refs; i++)
		if (!strcmp(d->refs[i].name, name))
			return 0;
	n = realloc(d->refs, (d->nr_refs + 1) * sizeof(*n));
	if (!n)
		return -1;
	d->refs = n;
	n[d->nr_refs].name = strdup(name);
	if (!n[d->nr_refs].name)
		return -1;
	n[d->nr_refs].local = s->sec && s->bind == STB_LOCAL;
	n[d->nr_refs].function = s->type == STT_FUNC;
	d->nr_refs++;
	return 0;
}

/* The output symbol standing for patched symbol s: its copy when included, else an undefined one. */
static struct elf_symbol *symbol_for(struct out *o, struct elf_symbol *s)
{
	struct elf_symbol *n = o->sym_map[s->index];

	if (n)
		return n;
	if (s->sec && o->d->included[s->index]) {
		struct elf_section *sec = copy_section(o, s->sec);

		n = sec ? elf_add_symbol(o->obj, s->name, s->bind, s->type, sec, s->value, s->size) : NULL;
	} else {
		/* The running kernel was built from the original: its name for the symbol is the twin's
		 * (gcc numbers static locals per object, count.3 here may be count.5 there). */
		struct elf_symbol *twin = s->sec ? twin_in_orig(o->d, s) : NULL;
		const char *name = twin ? twin->name : s->name;

		/* Undefined symbols are global by definition; whether the target was local is in refs. */
		n = elf_add_symbol(o->obj, name, s->bind == STB_WEAK ? STB_WEAK : STB_GLOBAL,
				   s->type == STT_FUNC || s->type == STT_OBJECT ? s->type : STT_NOTYPE, NULL, 0, 0);
		if (n && add_ref(o, s, name) < 0)
			return NULL;
	}
	o->sym_map[s->index] = n;
	return n;
}

static int copy_reloc(struct out *o, struct elf_section *from, const struct elf_reloc *r, struct elf_section *to,
		      uint64_t offset);

/* Copies an anonymous section whole (strings, constants, jump tables, replacement code) with its relocations. */
static struct elf_section *copy_anonymous(struct out *o, struct elf_section *sec)
{
	struct elf_section *n = o->sec_map[sec->index];

	if (n)
		return n;
	n = copy_section(o, sec);
	if (!n)
		return NULL;
	o->relocs_copied[sec->index] = 1;
	for (size_t i = 0; i < sec->nr_relocs; i++)
		if (copy_reloc(o, sec, &sec->relocs[i], n, sec->relocs[i].offset) < 0)
			return NULL;
	return n;
}

static int copy_reloc(struct out *o, struct elf_section *from, const struct elf_reloc *r, struct elf_section *to,
		      uint64_t offset)
{
	struct reloc_target t;
	struct elf_symbol *sym;
	int64_t addend = r->addend;

	reloc_resolve(from, r, &t);
	if (!t.sym) {
		struct elf_section *sec = copy_anonymous(o, t.sec);

		if (!sec)
			return -1;
		sym = sec->secsym;
		addend = (int64_t)r->sym->value + r->addend;
	} else {
		sym = symbol_for(o, t.sym);
		addend = t.offset;
	}
	if (!sym)
		return -1;
	return elf_add_reloc(to, offset, r->type, sym, addend);
}

static int copy_included(struct out *o)
{
	struct diff *d = o->d;

	for (size_t i = 1; i < d->patched->nr_symbols; i++) {
		struct elf_symbol *s = d->patched->symbols[i];
		struct elf_section *sec;

		if (!d->included[i])
			continue;
		if (!symbol_for(o, s))
			return -1;
		/* The section may have been copied before, as the target of another's relocation. */
		if (o->relocs_copied[s->sec->index])
			continue;
		o->relocs_copied[s->sec->index] = 1;
		sec = o->sec_map[s->sec->index];
		for (size_t k = 0; k < s->sec->nr_relocs; k++)
			if (copy_reloc(o, s->sec, &s->sec->relocs[k], sec, s->sec->relocs[k].offset) < 0)
				return -1;
	}
	return 0;
}

static int copy_special(struct out *o)
{
	struct special_entries *all = o->d->special_patched;
	struct elf_section *out = NULL, *last = NULL;

	for (size_t i = 0; i < all->count; i++) {
		struct special_entry *e = &all->entries[i];
		uint64_t at;

		if (!o->d->included[e->owner->index])
			continue;
		if (e->sec != last) {
			out = elf_add_section(o->obj, e->sec->name, e->sec->type, e->sec->flags, e->sec->addralign,
					      e->sec->entsize, NULL, 0);
			if (!out)
				return -1;
			last = e->sec;
		}
		at = out->size;
		out->size += e->size;
		if (e->sec->data) {
			unsigned char *data = realloc(out->data, out->size);

			if (!data)
				return -1;
			out->data = data;
			memcpy(out->data + at, e->sec->data + e->offset, e->size);
		}
		for (size_t k = elf_reloc_from(e->sec, e->offset); k < e->sec->nr_relocs; k++) {
			const struct elf_reloc *r = &e->sec->relocs[k];

			if (r->offset >= e->offset + e->size)
				break;
			if (copy_reloc(o, e->sec, r, out, at + (r->offset - e->offset)) < 0)
				return -1;
		}
	}
	return 0;
}

static int list_local_refs(struct out *o)
{
	size_t len = 0;
	char *buf = NULL;
	struct elf_section *sec;

	for (size_t i = 0; i < o->d->nr_refs; i++) {
		size_t n = strlen(o->d->refs[i].name) + 1;
		char *b;

		if (!o->d->refs[i].local)
			continue;
		b = realloc(buf, len + n);
		if (!b) {
			free(buf);
			return -1;
		}
		buf = b;
		memcpy(buf + len, o->d->refs[i].name, n);
		len += n;
	}
	sec = elf_add_section(o->obj, ".suture.local_refs", SHT_PROGBITS, 0, 1, 0, buf, len);
	free(buf);
	return sec ? 0 : -1;
}

int diff_write_output(struct diff *d, const char *path, char *err, size_t errlen)
{
	struct out o = { .d = d, .err = err, .errlen = errlen };
	int rc = -1;

	for (size_t i = 0; i < d->nr_decisions; i++) {
		if (d->decisions[i].status == DIFF_REFUSED) {
			snprintf(err, errlen, "%s: refused, no output written", d->decisions[i].name);
			return -1;
		}
	}
	o.obj = elf_create(path);
	o.sec_map = calloc(d->patched->nr_sections, sizeof(*o.sec_map));
	o.sym_map = calloc(d->patched->nr_symbols, sizeof(*o.sym_map));
	o.relocs_copied = calloc(d->patched->nr_sections, 1);
	if (!o.obj || !o.sec_map || !o.sym_map || !o.relocs_copied) {
		nomem(&o);
		goto out;
	}
	if (copy_included(&o) < 0 || copy_special(&o) < 0 || list_local_refs(&o) < 0 || elf_index(o.obj) < 0) {
		nomem(&o);
		goto out;
	}
	rc = elf_write(o.obj, err, errlen);
out:
	elf_free(o.obj);
	free(o.sec_map);
	free(o.sym_map);
	free(o.relocs_copied);
	return rc;
}
