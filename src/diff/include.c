/* Inclusion: what goes into the live patch. Decides: every changed or new function (not refused);
 * the .cold parts they jump to; the new data objects and read-only file-local constants (strings,
 * __func__, const tables) they use, transitively. Refuses a function that uses unnamed writable bytes.
 * Everything else they reference — unchanged functions,
 * existing variables, other files' symbols — stays in the running kernel and is referenced there.
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int must_copy(const struct diff *d, const struct elf_symbol *s)
{
	const struct diff_decision *dec = d->decision_of[s->index];

	if (!s->sec || !dec || dec->status == DIFF_REFUSED)
		return 0;
	if (s->type == STT_FUNC)
		return diff_is_cold_part(s->name);
	return dec->status == DIFF_NEW || is_readonly_local(s);
}

/* Marks s and, through its relocations, what it needs; iterative to bound the stack. 0, 1 when the
 * function was refused instead, -1 when out of memory. */
static int include_closure(struct diff *d, struct elf_symbol *start)
{
	struct elf_symbol **stack = malloc(d->patched->nr_symbols * sizeof(*stack));
	size_t top = 0;

	if (!stack)
		return -1;
	d->included[start->index] = 1;
	stack[top++] = start;
	while (top) {
		struct elf_symbol *s = stack[--top];
		struct elf_section *sec = s->sec;

		for (size_t i = elf_reloc_from(sec, s->value); i < sec->nr_relocs; i++) {
			struct reloc_target t;

			if (sec->relocs[i].offset >= s->value + s->size)
				break;
			reloc_resolve(sec, &sec->relocs[i], &t);
			/* Unnamed writable bytes: copying them would fork live state, and without a name the
			 * running kernel's copy cannot be found. */
			if (!t.sym && t.sec && (t.sec->flags & SHF_WRITE) && !section_ignored(t.sec)) {
				free(stack);
				return diff_decide(d, DIFF_FUNCTION, DIFF_REFUSED, d->twin_of_patched[start->index], start,
						   start->name, "references unnamed writable data in %s at offset %lld (no "
						   "symbol says which variable it is, so the running kernel's copy cannot be "
						   "found)", t.sec->name, (long long)t.offset) ? 1 : -1;
			}
			if (!t.sym || d->included[t.sym->index] || !must_copy(d, t.sym))
				continue;
			d->included[t.sym->index] = 1;
			stack[top++] = t.sym;
		}
	}
	free(stack);
	return 0;
}

int diff_include(struct diff *d)
{
	for (size_t i = 0; i < d->nr_decisions; i++) {
		struct diff_decision *dec = &d->decisions[i];

		if (dec->kind != DIFF_FUNCTION || !dec->patched ||
		    (dec->status != DIFF_CHANGED && dec->status != DIFF_NEW && dec->status != DIFF_CARRIED))
			continue;
		switch (include_closure(d, dec->patched)) {
		case -1:
			return -1;
		case 1: /* refused: nothing of it goes into the output */
			d->included[dec->patched->index] = 0;
			break;
		}
	}
	return 0;
}
