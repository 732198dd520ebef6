/* Change detection: for every function and data object of the patched file, unchanged, changed, new,
 * or a no-op change. A function changed when its bytes or the targets of its relocations changed
 * (compared by meaning: twins, names, string contents; see target.c), or when its special-section
 * entries changed (special.c). Two differences are no-ops: a bug entry that differs only in its
 * __LINE__, and an immediate operand loaded right before a call to a function that takes a line number
 * (__might_sleep, printk and friends) when nothing else differs; and a pr_debug descriptor whose
 * line number is all that changed. A changed .cold part makes its parent
 * changed (the parent is the entry point livepatch redirects).
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Functions whose argument list carries a __LINE__ (directly or as a printed number). */
static const char *const line_takers[] = {
	"__might_sleep", "__might_resched", "__might_fault", "__warn_printk", "_printk", "printk",
	"__dynamic_pr_debug", "warn_slowpath_fmt", "__ubsan_handle_out_of_bounds", NULL,
};

static int is_line_taker(const struct elf_symbol *s)
{
	for (const char *const *n = line_takers; *n; n++)
		if (!strcmp(s->name, *n))
			return 1;
	return 0;
}

/* Whether offset lies inside a relocated field of sec. */
static int in_reloc(const struct elf_section *sec, uint64_t offset)
{
	size_t i = elf_reloc_from(sec, offset > 8 ? offset - 8 : 0);

	for (; i < sec->nr_relocs && sec->relocs[i].offset <= offset; i++)
		if (offset < sec->relocs[i].offset + (reloc_width(sec->relocs[i].type) ?: 1))
			return 1;
	return 0;
}

/* The start of a `mov $imm32, %r32` (0xb8+r, optionally REX.B) whose immediate holds offset, followed
 * within 64 bytes by a call to a line-taking function; or -1. */
static int64_t line_immediate(const struct elf_section *sec, uint64_t start, uint64_t end, uint64_t offset)
{
	for (uint64_t s = offset >= start + 4 ? offset - 4 : start; s < offset; s++) {
		unsigned char op = sec->data[s];

		if (op < 0xb8 || op > 0xbf || offset > s + 4 || in_reloc(sec, s))
			continue;
		for (size_t i = elf_reloc_from(sec, s + 5); i < sec->nr_relocs; i++) {
			const struct elf_reloc *r = &sec->relocs[i];

			if (r->offset >= end || r->offset > s + 64)
				break;
			if ((r->type == R_X86_64_PLT32 || r->type == R_X86_64_PC32) && !r->sym->sec && is_line_taker(r->sym))
				return (int64_t)s;
		}
	}
	return -1;
}

/* Compares two function bodies; 1 equivalent, 0 changed; *noop when equivalent only after ignoring
 * line-number immediates. */
static int bodies_equivalent(struct diff *d, struct elf_symbol *o, struct elf_symbol *p, int *noop)
{
	struct elf_section *so = o->sec, *sp = p->sec;
	unsigned char *saved;
	uint64_t *where;
	size_t nr = 0;
	int equal;

	if (o->size != p->size || !so->data || !sp->data)
		return 0;
	if (ranges_equivalent(d, so, o->value, sp, p->value, o->size, 2))
		return 1;
	/* Mask line-number immediates, compare again, restore. */
	saved = malloc(p->size);
	where = malloc(p->size * sizeof(*where));
	if (!saved || !where) {
		free(saved);
		free(where);
		return 0;
	}
	for (uint64_t i = 0; i < p->size; i++) {
		uint64_t off = p->value + i;

		if (so->data[o->value + i] == sp->data[off] || in_reloc(sp, off))
			continue;
		if (line_immediate(sp, p->value, p->value + p->size, off) < 0 ||
		    line_immediate(so, o->value, o->value + o->size, o->value + i) < 0)
			break;
		saved[nr] = sp->data[off];
		where[nr++] = off;
		sp->data[off] = so->data[o->value + i];
	}
	equal = ranges_equivalent(d, so, o->value, sp, p->value, o->size, 2);
	for (size_t k = 0; k < nr; k++)
		sp->data[where[k]] = saved[k];
	free(saved);
	free(where);
	if (equal)
		*noop = 1;
	return equal;
}

static int decide_function(struct diff *d, struct elf_symbol *p)
{
	struct elf_symbol *o = twin_in_orig(d, p);
	int noop = 0;
	char what[256] = "";

	if (!o)
		return diff_decide(d, DIFF_FUNCTION, DIFF_NEW, NULL, p, p->name, NULL) ? 0 : -1;
	if (!bodies_equivalent(d, o, p, &noop)) {
		snprintf(what, sizeof(what), o->size != p->size ? "its size changed (%llu -> %llu bytes)" : "its code changed",
			 (unsigned long long)o->size, (unsigned long long)p->size);
		return diff_decide(d, DIFF_FUNCTION, DIFF_CHANGED, o, p, p->name, "%s", what) ? 0 : -1;
	}
	if (!special_equivalent(d, d->special_orig, d->special_patched, o, p, &noop, what, sizeof(what)))
		return diff_decide(d, DIFF_FUNCTION, DIFF_CHANGED, o, p, p->name, "%s", what) ? 0 : -1;
	return diff_decide(d, DIFF_FUNCTION, noop ? DIFF_NOOP : DIFF_UNCHANGED, o, p, p->name,
			   noop ? "only __LINE__ numbers changed" : NULL) ? 0 : -1;
}

/* A dynamic-debug descriptor (pr_debug) records its __LINE__ in the word after its four pointers. */
static int dyndbg_line_only(struct diff *d, struct elf_symbol *o, struct elf_symbol *p)
{
	uint32_t line = special_layout_get(d->layout, "__dyndbg:lineno");

	if (!line || strcmp(p->sec->name, "__dyndbg") || strcmp(o->sec->name, "__dyndbg") || o->size != p->size ||
	    !o->sec->data || !p->sec->data)
		return 0;
	return ranges_equivalent_but(d, o->sec, o->value, p->sec, p->value, o->size, line, 4);
}

static int decide_data(struct diff *d, struct elf_symbol *p)
{
	struct elf_symbol *o = twin_in_orig(d, p);

	if (!o)
		return diff_decide(d, DIFF_DATA, DIFF_NEW, NULL, p, p->name, NULL) ? 0 : -1;
	if (!data_changed(d, o, p))
		return diff_decide(d, DIFF_DATA, DIFF_UNCHANGED, o, p, p->name, NULL) ? 0 : -1;
	if (dyndbg_line_only(d, o, p))
		return diff_decide(d, DIFF_DATA, DIFF_NOOP, o, p, p->name, "only its __LINE__ changed") ? 0 : -1;
	if (o->size != p->size)
		return diff_decide(d, DIFF_DATA, DIFF_CHANGED, o, p, p->name, "its size changed (%llu -> %llu bytes)",
				   (unsigned long long)o->size, (unsigned long long)p->size) ? 0 : -1;
	return diff_decide(d, DIFF_DATA, DIFF_CHANGED, o, p, p->name, "its initial value changed") ? 0 : -1;
}

/* The parent of a ".cold" part: the same name without ".cold". */
static struct elf_symbol *cold_parent(struct diff *d, const struct elf_symbol *cold)
{
	size_t len = strlen(cold->name);
	char *name;
	struct elf_symbol *parent;

	if (len < 6 || strcmp(cold->name + len - 5, ".cold"))
		return NULL;
	name = strndup(cold->name, len - 5);
	if (!name)
		return NULL;
	parent = elf_find_symbol(d->patched, name);
	free(name);
	return parent && parent->type == STT_FUNC && parent->sec ? parent : NULL;
}

int diff_changes(struct diff *d)
{
	for (size_t i = 1; i < d->patched->nr_symbols; i++) {
		struct elf_symbol *p = d->patched->symbols[i];

		if (!p->sec || !*p->name || section_ignored(p->sec))
			continue;
		if (p->type == STT_FUNC && decide_function(d, p) < 0)
			return -1;
		if (p->type == STT_OBJECT && decide_data(d, p) < 0)
			return -1;
	}
	for (size_t i = 1; i < d->patched->nr_symbols; i++) {
		struct elf_symbol *p = d->patched->symbols[i], *parent;
		struct diff_decision *dec = d->decision_of[i], *pdec;

		if (!dec || p->type != STT_FUNC || (dec->status != DIFF_CHANGED && dec->status != DIFF_NEW))
			continue;
		parent = cold_parent(d, p);
		if (!parent)
			continue;
		pdec = d->decision_of[parent->index];
		if (pdec && (pdec->status == DIFF_UNCHANGED || pdec->status == DIFF_NOOP) &&
		    !diff_decide(d, DIFF_FUNCTION, DIFF_CHANGED, pdec->orig, parent, parent->name, "its cold part %s changed",
				 p->name))
			return -1;
	}
	return 0;
}
