/* Special sections: the kernel's per-call-site tables (__bug_table, __jump_table, .altinstructions,
 * __ex_table, .static_call_sites, .retpoline_sites, .return_sites, __mcount_loc,
 * __patchable_function_entries, .orc_unwind/.orc_unwind_ip, .smp_locks, .parainstructions,
 * .printk_index). Decides which function each entry belongs to (the function its first field points
 * into; .orc_unwind entries follow their .orc_unwind_ip twin by index), and whether a function's
 * entries are equivalent between the objects (bug entries may differ in their __LINE__ only).
 * Entry sizes come from the kernel's headers (layout.h), never from here.
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const entry_sections[] = {
	".altinstructions", "__bug_table", "__ex_table", "__jump_table", ".orc_unwind_ip", ".orc_unwind",
	".parainstructions", ".static_call_sites", ".retpoline_sites", ".return_sites", ".smp_locks",
	"__mcount_loc", "__patchable_function_entries", ".printk_index", NULL,
};

int special_is_entry_section(const struct special_layout *layout, const char *name)
{
	(void)layout;
	for (const char *const *s = entry_sections; *s; s++)
		if (!strcmp(name, *s))
			return 1;
	return 0;
}

int special_is_aux_section(const char *name)
{
	return !strcmp(name, ".altinstr_replacement") || !strcmp(name, ".altinstr_aux");
}

static int add(struct special_entries *out, const struct special_entry *e)
{
	struct special_entry *n = realloc(out->entries, (out->count + 1) * sizeof(*n));

	if (!n)
		return -1;
	out->entries = n;
	out->entries[out->count++] = *e;
	return 0;
}

static struct elf_symbol *owner_of(struct elf_section *sec, uint64_t offset)
{
	struct elf_reloc *r = elf_reloc_at(sec, offset);
	struct reloc_target t;

	if (!r)
		return NULL;
	reloc_resolve(sec, r, &t);
	return t.sym && t.sym->sec && t.sym->type == STT_FUNC ? t.sym : NULL;
}

int special_collect(const struct special_layout *layout, struct elf_object *obj, struct special_entries *out)
{
	struct elf_section *ip = elf_find_section(obj, ".orc_unwind_ip");
	uint32_t ip_size = special_layout_get(layout, ".orc_unwind_ip");

	memset(out, 0, sizeof(*out));
	for (const char *const *name = entry_sections; *name; name++) {
		struct elf_section *sec = elf_find_section(obj, *name);
		uint32_t size = special_layout_get(layout, *name);

		if (!sec || !size || sec->size % size)
			continue; /* unknown layout: refuse.c turns a changed function's entries into a refusal */
		for (uint64_t off = 0, i = 0; off < sec->size; off += size, i++) {
			struct special_entry e = { .sec = sec, .offset = off, .size = size, .index = i };

			if (!strcmp(*name, ".orc_unwind"))
				e.owner = ip && ip_size ? owner_of(ip, i * ip_size) : NULL;
			else
				e.owner = owner_of(sec, off);
			if (e.owner && add(out, &e) < 0)
				return -1;
		}
	}
	return 0;
}

void special_entries_free(struct special_entries *s)
{
	free(s->entries);
	memset(s, 0, sizeof(*s));
}

/* The entries of one section owned by f, in order. */
static size_t owned(const struct special_entries *all, const char *section, const struct elf_symbol *f,
		    const struct special_entry **list, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < all->count; i++) {
		const struct special_entry *e = &all->entries[i];

		if (e->owner == f && !strcmp(e->sec->name, section)) {
			if (n < max)
				list[n] = e;
			n++;
		}
	}
	return n;
}

/* Whether two bug entries are equivalent but for their line field. */
static int bug_line_only(struct diff *d, const struct special_entry *o, const struct special_entry *p)
{
	uint32_t line = special_layout_get(d->layout, "__bug_table:line");

	if (!line || line + 2 > o->size)
		return 0;
	return ranges_equivalent_but(d, o->sec, o->offset, p->sec, p->offset, o->size, line, 2);
}

/* Alternative entries point at replacement code by offset and length: compare those bytes too. */
static int replacement_equal(struct diff *d, const struct special_entry *o, const struct special_entry *p)
{
	uint32_t lenoff = special_layout_get(d->layout, ".altinstructions:replacementlen");
	const struct elf_reloc *ro = elf_reloc_at(o->sec, o->offset + 4), *rp = elf_reloc_at(p->sec, p->offset + 4);
	struct reloc_target to, tp;
	unsigned len;

	if (!lenoff || lenoff >= o->size || !ro || !rp)
		return 0;
	len = o->sec->data[o->offset + lenoff];
	if (len != p->sec->data[p->offset + lenoff])
		return 0;
	reloc_resolve(o->sec, ro, &to);
	reloc_resolve(p->sec, rp, &tp);
	if (!to.sec || !tp.sec || to.sym || tp.sym || to.offset < 0 || tp.offset < 0)
		return 0;
	return ranges_equivalent(d, to.sec, (uint64_t)to.offset, tp.sec, (uint64_t)tp.offset, len, 2);
}

int special_equivalent(struct diff *d, const struct special_entries *eo, const struct special_entries *ep,
		       struct elf_symbol *fo, struct elf_symbol *fp, int *noop, char *what, size_t whatlen)
{
	enum { MAX = 4096 };
	const struct special_entry **lo = malloc(MAX * sizeof(*lo)), **lp = malloc(MAX * sizeof(*lp));
	int equal = 1;

	if (!lo || !lp) {
		free(lo);
		free(lp);
		snprintf(what, whatlen, "out of memory comparing special sections");
		return 0;
	}
	for (const char *const *name = entry_sections; *name && equal; name++) {
		size_t no, np;

		/* ORC data and fentry sites follow the code: equal code means equal entries. */
		if (!strcmp(*name, ".orc_unwind") || !strcmp(*name, ".orc_unwind_ip") || !strcmp(*name, "__mcount_loc") ||
		    !strcmp(*name, "__patchable_function_entries"))
			continue;
		no = owned(eo, *name, fo, lo, MAX);
		np = owned(ep, *name, fp, lp, MAX);
		if (no != np || no > MAX) {
			snprintf(what, whatlen, "its %s entries changed (%zu -> %zu)", *name, no, np);
			equal = 0;
			break;
		}
		for (size_t i = 0; i < no && equal; i++) {
			const struct special_entry *o = lo[i], *p = lp[i];

			if (ranges_equivalent(d, o->sec, o->offset, p->sec, p->offset, o->size, 2)) {
				if (!strcmp(*name, ".altinstructions") && !replacement_equal(d, o, p)) {
					snprintf(what, whatlen, "an alternative's replacement code changed");
					equal = 0;
				}
				continue;
			}
			if (!strcmp(*name, "__bug_table") && bug_line_only(d, o, p)) {
				*noop = 1;
				continue;
			}
			snprintf(what, whatlen, "its %s entry %zu changed", *name, i);
			equal = 0;
		}
	}
	free(lo);
	free(lp);
	return equal;
}
