/* What a relocation points at, and when two relocations (or two byte ranges with their relocations)
 * mean the same thing in the original and the patched object. This is the equality the change
 * detection rests on: twins at the same offset, the same external name, or anonymous bytes (strings,
 * constants, jump tables) with equal contents wherever they moved to.
 */
#include "diff/engine.h"

#include <elf.h>
#include <string.h>

unsigned reloc_width(uint32_t type)
{
	switch (type) {
	case R_X86_64_PC32: case R_X86_64_PLT32: case R_X86_64_32: case R_X86_64_32S:
	case R_X86_64_GOTPCREL: case R_X86_64_GOTPCRELX: case R_X86_64_REX_GOTPCRELX:
		return 4;
	case R_X86_64_64: case R_X86_64_PC64:
		return 8;
	default:
		return 0;
	}
}

int section_ignored(const struct elf_section *sec)
{
	/* .suture.: the author API's callbacks and states (include/suture/patch.h), read by the builder. */
	static const char *const prefixes[] = { ".debug", ".comment", ".note", ".discard", ".modinfo",
						 ".gnu.", "__versions", ".BTF", ".suture.", NULL };

	for (const char *const *p = prefixes; *p; p++)
		if (!strncmp(sec->name, *p, strlen(*p)))
			return 1;
	return sec->type == SHT_SYMTAB || sec->type == SHT_STRTAB || sec->type == SHT_NULL || sec->is_rela;
}

void reloc_resolve(const struct elf_section *from, const struct elf_reloc *r, struct reloc_target *t)
{
	struct elf_symbol *s = r->sym;
	/* PC-relative operands in code are biased by the instruction's remaining length, usually 4. */
	int64_t bias = (from->flags & SHF_EXECINSTR) && (r->type == R_X86_64_PC32 || r->type == R_X86_64_PLT32) ? 4 : 0;
	struct elf_symbol *cover;
	int64_t where;

	memset(t, 0, sizeof(*t));
	if (!s->sec) {
		t->sym = s;
		t->offset = r->addend;
		return;
	}
	t->sec = s->sec;
	where = (int64_t)s->value + r->addend;
	if (s->type == STT_FUNC || s->type == STT_OBJECT) {
		t->sym = s;
		t->offset = r->addend;
		return;
	}
	cover = where + bias >= 0 ? elf_symbol_at(s->sec, (uint64_t)(where + bias)) : NULL;
	/* An immediate after the displacement (cmpb $0, x(%rip)) makes the bias 5 to 8. */
	for (int64_t extra = 1; !cover && bias && extra <= 4; extra++)
		cover = where + bias + extra >= 0 ? elf_symbol_at(s->sec, (uint64_t)(where + bias + extra)) : NULL;
	if (cover) {
		t->sym = cover;
		t->offset = where - (int64_t)cover->value;
		return;
	}
	t->offset = where;
	t->bias = bias;
}

int is_readonly_local(const struct elf_symbol *sym)
{
	return sym->sec && sym->type == STT_OBJECT && sym->bind == STB_LOCAL && !(sym->sec->flags & SHF_WRITE) &&
	       !(sym->sec->flags & SHF_EXECINSTR);
}

static int strings_equal(const struct elf_section *so, int64_t oo, const struct elf_section *sp, int64_t op)
{
	if (oo < 0 || op < 0 || (uint64_t)oo >= so->size || (uint64_t)op >= sp->size || !so->data || !sp->data)
		return oo == op && so->size == sp->size;
	return strnlen((const char *)so->data + oo, so->size - oo) == strnlen((const char *)sp->data + op, sp->size - op) &&
	       !strncmp((const char *)so->data + oo, (const char *)sp->data + op, so->size - oo);
}

static int anonymous_equal(struct diff *d, const struct reloc_target *to, const struct reloc_target *tp,
			   int depth)
{
	const struct elf_section *so = to->sec, *sp = tp->sec;
	int64_t ao = to->offset + to->bias, ap = tp->offset + tp->bias;

	/* Replacement code is compared per alternative entry, with its length (special.c). */
	if (special_is_aux_section(so->name) && !strcmp(so->name, sp->name))
		return 1;
	if (so->flags & SHF_STRINGS && sp->flags & SHF_STRINGS)
		return strings_equal(so, ao, sp, ap);
	if (so->flags & SHF_MERGE && so->entsize && so->entsize == sp->entsize)
		return ao >= 0 && ap >= 0 && ranges_equivalent(d, so, (uint64_t)ao, sp, (uint64_t)ap, so->entsize, depth);
	/* Other anonymous bytes (a jump table in .rodata.<fn>, replacement code): the whole section, same
	 * offset into it. */
	return to->offset == tp->offset && so->size == sp->size &&
	       ranges_equivalent(d, so, 0, sp, 0, so->size, depth);
}

int relocs_equivalent(struct diff *d, const struct elf_section *so, const struct elf_reloc *ro,
		      const struct elf_section *sp, const struct elf_reloc *rp, int depth)
{
	struct reloc_target to, tp;

	if (ro->type != rp->type)
		return 0;
	reloc_resolve(so, ro, &to);
	reloc_resolve(sp, rp, &tp);
	if (!!to.sym != !!tp.sym || to.offset != tp.offset)
		return to.sym || tp.sym ? 0 : (depth > 0 && to.sec && tp.sec && anonymous_equal(d, &to, &tp, depth - 1));
	if (!tp.sym)
		return depth > 0 && anonymous_equal(d, &to, &tp, depth - 1);
	if (!tp.sym->sec)
		return !to.sym->sec && !strcmp(to.sym->name, tp.sym->name);
	if (twin_in_orig(d, tp.sym) != to.sym)
		return 0;
	/* A read-only local object is copied with the code that uses it: a change in it changes its users. */
	if (is_readonly_local(tp.sym))
		return !data_changed(d, to.sym, tp.sym);
	return 1;
}

int ranges_equivalent(struct diff *d, const struct elf_section *so, uint64_t oo, const struct elf_section *sp,
		      uint64_t op, uint64_t len, int depth)
{
	size_t io = elf_reloc_from(so, oo), ip = elf_reloc_from(sp, op);
	uint64_t pos = 0;

	if (oo + len > so->size || op + len > sp->size)
		return 0;
	while (pos < len) {
		const struct elf_reloc *ro = io < so->nr_relocs && so->relocs[io].offset < oo + len ? &so->relocs[io] : NULL;
		const struct elf_reloc *rp = ip < sp->nr_relocs && sp->relocs[ip].offset < op + len ? &sp->relocs[ip] : NULL;
		uint64_t next = len;

		if (!!ro != !!rp || (ro && ro->offset - oo != rp->offset - op))
			return 0;
		if (ro)
			next = ro->offset - oo;
		if (so->data && sp->data && memcmp(so->data + oo + pos, sp->data + op + pos, next - pos))
			return 0;
		if (!so->data != !sp->data)
			return 0;
		if (!ro)
			break;
		if (!relocs_equivalent(d, so, ro, sp, rp, depth))
			return 0;
		pos = next + (reloc_width(ro->type) ? reloc_width(ro->type) : 1);
		io++;
		ip++;
	}
	return 1;
}

int data_changed(struct diff *d, struct elf_symbol *orig, struct elf_symbol *patched)
{
	if (orig->size != patched->size)
		return 1;
	if ((orig->sec->type == SHT_NOBITS) != (patched->sec->type == SHT_NOBITS)) {
		/* .bss <-> .data: changed unless the new initial value is all zeroes. */
		const struct elf_section *s = orig->sec->type == SHT_NOBITS ? patched->sec : orig->sec;
		uint64_t v = orig->sec->type == SHT_NOBITS ? patched->value : orig->value;

		if (s->nr_relocs)
			return 1;
		for (uint64_t i = 0; i < orig->size; i++)
			if (s->data[v + i])
				return 1;
		return 0;
	}
	if (orig->sec->type == SHT_NOBITS)
		return 0;
	return !ranges_equivalent(d, orig->sec, orig->value, patched->sec, patched->value, orig->size, 2);
}

int ranges_equivalent_but(struct diff *d, const struct elf_section *so, uint64_t oo, const struct elf_section *sp,
			  uint64_t op, uint64_t len, uint64_t skip, uint64_t skip_len)
{
	if (skip + skip_len > len)
		return 0;
	return ranges_equivalent(d, so, oo, sp, op, skip, 2) &&
	       ranges_equivalent(d, so, oo + skip + skip_len, sp, op + skip + skip_len, len - skip - skip_len, 2);
}
