/* Refusals: what livepatch cannot do, named with the symbol and a reason a kernel engineer can act on.
 *
 * Refused: a changed or new function in code that runs once or cannot be traced (__init/__exit,
 * noinstr, cpuidle, entry and head code); a changed function without an __fentry__ call (notrace,
 * static inline copies: livepatch cannot redirect it); a changed initial value or size of an existing
 * global or static variable (read-only file-local constants are copied with their users instead);
 * changed init data; a changed list of exported symbols; and any changed section the engine does not
 * understand — a change is never dropped silently.
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const untraceable[] = {
	".init.text", ".exit.text", ".noinstr.text", ".cpuidle.text", ".entry.text", ".head.text",
	".ref.text", ".meminit.text", ".memexit.text", NULL,
};

static const char *untraceable_section(const struct elf_section *sec)
{
	for (const char *const *n = untraceable; *n; n++)
		if (!strcmp(sec->name, *n) || (!strncmp(sec->name, *n, strlen(*n)) && sec->name[strlen(*n)] == '.'))
			return *n;
	return NULL;
}

static int has_fentry(const struct elf_symbol *f)
{
	const struct elf_section *sec = f->sec;
	uint64_t first = f->value + 1;
	const struct elf_reloc *r;

	/* endbr64 (f3 0f 1e fa) may come first with IBT. */
	if (sec->data && f->size >= 4 && !memcmp(sec->data + f->value, "\xf3\x0f\x1e\xfa", 4))
		first += 4;
	r = elf_reloc_at(sec, first);
	return r && !strcmp(r->sym->name, "__fentry__");
}

static int is_cold(const struct elf_symbol *f)
{
	size_t len = strlen(f->name);

	return len > 5 && !strcmp(f->name + len - 5, ".cold");
}

/* The functions of the patched object that call or reference f, as "a, b" (at most a handful). */
static void callers_of(struct diff *d, const struct elf_symbol *f, char *out, size_t len)
{
	size_t used = 0, shown = 0;

	out[0] = '\0';
	for (size_t i = 1; i < d->patched->nr_symbols && shown < 6; i++) {
		const struct elf_symbol *c = d->patched->symbols[i];
		const struct elf_section *sec = c->sec;
		int calls = 0;

		if (c == f || c->type != STT_FUNC || !sec)
			continue;
		for (size_t k = elf_reloc_from(sec, c->value); k < sec->nr_relocs && !calls; k++) {
			struct reloc_target t;

			if (sec->relocs[k].offset >= c->value + c->size)
				break;
			reloc_resolve(sec, &sec->relocs[k], &t);
			calls = t.sym == f;
		}
		if (!calls)
			continue;
		used += (size_t)snprintf(out + used, used < len ? len - used : 0, "%s%s", shown ? ", " : "",
					 shown == 5 ? "..." : c->name);
		shown++;
	}
}

static int refuse_function(struct diff *d, struct diff_decision *dec)
{
	struct elf_symbol *p = dec->patched;
	const char *sec = untraceable_section(p->sec);

	if (sec)
		return diff_decide(d, DIFF_FUNCTION, DIFF_REFUSED, dec->orig, p, p->name,
				   "%s function in %s (runs at boot or cannot be traced: livepatch cannot patch it)",
				   dec->status == DIFF_NEW ? "new" : "changed", sec) ? 0 : -1;
	if (dec->status == DIFF_CHANGED && !is_cold(p) && !has_fentry(p)) {
		char callers[256];

		callers_of(d, p, callers, sizeof(callers));
		return diff_decide(d, DIFF_FUNCTION, DIFF_REFUSED, dec->orig, p, p->name,
				   "changed function has no __fentry__ call (notrace, e.g. static inline: livepatch "
				   "cannot redirect it; patch its callers instead%s%s)", *callers ? ": " : "",
				   callers) ? 0 : -1;
	}
	return 0;
}

static int refuse_data(struct diff *d, struct diff_decision *dec)
{
	struct elf_symbol *p = dec->patched, *o = dec->orig;
	const char *scope = p->bind == STB_LOCAL ? "static" : "global";

	if (is_readonly_local(p) && o->size == p->size)
		return 0;
	if (!strncmp(p->sec->name, ".init.", 6) || !strncmp(p->sec->name, ".exit.", 6))
		return diff_decide(d, DIFF_DATA, DIFF_REFUSED, o, p, p->name,
				   "changes init data '%s' (used at boot only; livepatch cannot change it)", p->name) ? 0 : -1;
	if (o->size != p->size)
		return diff_decide(d, DIFF_DATA, DIFF_REFUSED, o, p, p->name,
				   "changes the size of %s '%s' from %llu to %llu bytes (livepatch cannot change data "
				   "layout; use a shadow variable)", scope, p->name, (unsigned long long)o->size,
				   (unsigned long long)p->size) ? 0 : -1;
	return diff_decide(d, DIFF_DATA, DIFF_REFUSED, o, p, p->name,
			   "changes the initial value of %s '%s' (livepatch cannot change existing data; use a "
			   "shadow variable or a callback)", scope, p->name) ? 0 : -1;
}

/* Names of __ksymtab_<name> symbols of obj that other has not. */
static void export_difference(const struct elf_object *obj, const struct elf_object *other, char *out, size_t len)
{
	size_t used = strlen(out);

	for (size_t i = 1; i < obj->nr_symbols; i++) {
		const char *name = obj->symbols[i]->name;

		if (strncmp(name, "__ksymtab_", 10) || elf_find_symbol(other, name))
			continue;
		used += (size_t)snprintf(out + used, used < len ? len - used : 0, "%s%s", used ? ", " : "", name + 10);
		if (used >= len)
			return;
	}
}

static int refuse_exports(struct diff *d)
{
	char added[512] = "", removed[512] = "";

	export_difference(d->patched, d->orig, added, sizeof(added));
	export_difference(d->orig, d->patched, removed, sizeof(removed));
	if (!*added && !*removed)
		return 0;
	return diff_decide(d, DIFF_OBJECT, DIFF_REFUSED, NULL, NULL, "exports",
			   "changes the exported symbols (added: %s; removed: %s; a livepatch cannot export or "
			   "unexport symbols of the running kernel)", *added ? added : "none",
			   *removed ? removed : "none") ? 0 : -1;
}

/* A section the engine understands through its symbols or its users. */
static int understood(const struct diff *d, const struct elf_section *sec)
{
	if (section_ignored(sec) || special_is_entry_section(d->layout, sec->name) || special_is_aux_section(sec->name))
		return 1;
	if (sec->nr_syms)
		return 1; /* functions and objects are decided one by one */
	/* Anonymous code and constants are judged where they are used. */
	return !strncmp(sec->name, ".text", 5) || !strncmp(sec->name, ".rodata", 7) ||
	       !strncmp(sec->name, "___ksymtab", 10) || !strncmp(sec->name, "__ksymtab", 9) ||
	       !strcmp(sec->name, ".data") || !strcmp(sec->name, ".bss");
}

static int refuse_unknown_sections(struct diff *d)
{
	for (size_t i = 1; i < d->patched->nr_sections; i++) {
		struct elf_section *sp = d->patched->sections[i], *so;

		if (special_is_entry_section(d->layout, sp->name) && sp->size && !special_layout_get(d->layout, sp->name)) {
			if (!diff_decide(d, DIFF_OBJECT, DIFF_REFUSED, NULL, NULL, sp->name,
					 "the entry size of %s is unknown (the special-section layout of the target "
					 "kernel is needed to split it per function)", sp->name))
				return -1;
			continue;
		}
		if (understood(d, sp))
			continue;
		so = elf_find_section(d->orig, sp->name);
		if (so && so->size == sp->size && so->type == sp->type &&
		    (sp->type == SHT_NOBITS || ranges_equivalent(d, so, 0, sp, 0, sp->size, 2)))
			continue;
		if (!diff_decide(d, DIFF_OBJECT, DIFF_REFUSED, NULL, NULL, sp->name,
				 "section %s %s and suture does not know what it means for a live patch", sp->name,
				 so ? "changed" : "is new"))
			return -1;
	}
	return 0;
}

int diff_refusals(struct diff *d)
{
	for (size_t i = 0; i < d->nr_decisions; i++) {
		struct diff_decision *dec = &d->decisions[i];

		if (dec->kind == DIFF_FUNCTION && (dec->status == DIFF_CHANGED || dec->status == DIFF_NEW) &&
		    refuse_function(d, dec) < 0)
			return -1;
		if (dec->kind == DIFF_DATA && dec->status == DIFF_CHANGED && refuse_data(d, dec) < 0)
			return -1;
	}
	if (refuse_exports(d) < 0)
		return -1;
	return refuse_unknown_sections(d);
}
