/* Refusals: what livepatch cannot do, named with the symbol and a reason a kernel engineer can act on.
 *
 * Refused: a changed or new function in code that runs once or cannot be traced (__init/__exit,
 * noinstr, cpuidle, entry and head code); a changed function without an __fentry__ call (notrace,
 * static inline copies: livepatch cannot redirect it) unless it is file-local and only called
 * directly, in which case it is carried: copied into the patch, its callers patched instead (the
 * SYSCALL_DEFINE pattern: __do_sys_foo is static inline, __x64_sys_foo calls it); a changed initial value or size of an existing
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

/* The functions that call f directly, into *callers (n of them); 0 when only such calls reach it,
 * -1 when something else does (a function pointer in data: the old copy would stay reachable). */
static int direct_callers(struct diff *d, const struct elf_symbol *f, struct elf_symbol ***callers, size_t *n)
{
	*callers = NULL;
	*n = 0;
	for (size_t i = 1; i < d->patched->nr_sections; i++) {
		struct elf_section *sec = d->patched->sections[i];

		if (section_ignored(sec) || special_is_entry_section(d->layout, sec->name))
			continue;
		for (size_t k = 0; k < sec->nr_relocs; k++) {
			struct elf_symbol *c, **v;
			struct reloc_target t;

			reloc_resolve(sec, &sec->relocs[k], &t);
			if (t.sym != f)
				continue;
			c = elf_symbol_at(sec, sec->relocs[k].offset);
			if (!c || c->type != STT_FUNC)
				return -1;
			if (c == f)
				continue;
			if (!(v = realloc(*callers, (*n + 1) * sizeof(*v))))
				return -1;
			*callers = v;
			v[(*n)++] = c;
		}
	}
	return 0;
}

/* The function whose code c is (a .cold part belongs to its parent). */
static struct elf_symbol *whole_function(struct diff *d, struct elf_symbol *c)
{
	char name[512];

	if (!diff_is_cold_part(c->name))
		return c;
	snprintf(name, sizeof(name), "%.*s", (int)(strlen(c->name) - 5), c->name);
	return elf_find_symbol(d->patched, name);
}

/* Carries f (a changed file-local function without __fentry__) if every use is a direct call, and
 * patches its callers. Returns 1 when carried, 0 when not (the refusal follows), -1 out of memory. */
static int carry(struct diff *d, struct diff_decision *dec)
{
	/* Deciding about callers may move the decisions array: dec is not used after that. */
	struct elf_symbol *f = dec->patched, *orig = dec->orig, **callers = NULL;
	char names[256] = "";
	size_t n, used = 0, patched = 0;

	if (f->bind != STB_LOCAL || direct_callers(d, f, &callers, &n) < 0 || !n) {
		free(callers);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct elf_symbol *c = whole_function(d, callers[i]);
		struct diff_decision *cd = c ? d->decision_of[c->index] : NULL;

		/* Boot code already ran and is gone: nothing to patch there. */
		if (!c || !strcmp(c->sec->name, ".init.text") || (cd && cd->status != DIFF_UNCHANGED &&
								   cd->status != DIFF_NOOP))
			continue;
		if (!diff_decide(d, DIFF_FUNCTION, DIFF_CHANGED, twin_in_orig(d, c), c, c->name,
				 "calls %s, which changed and cannot be patched itself", f->name)) {
			free(callers);
			return -1;
		}
		used += (size_t)snprintf(names + used, used < sizeof(names) ? sizeof(names) - used : 0, "%s%s",
					 patched++ ? ", " : "", c->name);
	}
	free(callers);
	return diff_decide(d, DIFF_FUNCTION, DIFF_CARRIED, orig, f, f->name,
			   "no __fentry__ call (static inline or notrace): carried for its callers, patched "
			   "instead: %s", patched ? names : "none left to patch") ? 1 : -1;
}

static int refuse_function(struct diff *d, struct diff_decision *dec)
{
	struct elf_symbol *p = dec->patched;
	const char *sec = untraceable_section(p->sec);

	if (sec)
		return diff_decide(d, DIFF_FUNCTION, DIFF_REFUSED, dec->orig, p, p->name,
				   "%s function in %s (runs at boot or cannot be traced: livepatch cannot patch it)",
				   dec->status == DIFF_NEW ? "new" : "changed", sec) ? 0 : -1;
	if (dec->status == DIFF_CHANGED && !diff_is_cold_part(p->name) && !has_fentry(p)) {
		char callers[256];
		int carried = carry(d, dec);

		if (carried)
			return carried < 0 ? -1 : 0;
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

	/* Copied with its users (include.c), whatever its size: the running kernel's copy stays as it is. */
	if (is_readonly_local(p))
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

/* Decisions other than unchanged: carrying a function makes its callers changed, never the reverse. */
static size_t count_decided(const struct diff *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nr_decisions; i++)
		n += d->decisions[i].status != DIFF_UNCHANGED && d->decisions[i].status != DIFF_NOOP;
	return n;
}

int diff_refusals(struct diff *d)
{
	size_t before;

	/* Callers made changed by a carried function are checked on the next pass; the count only grows
	 * and is bounded by the number of functions, so this ends. */
	do {
		before = count_decided(d);
		for (size_t i = 0; i < d->nr_decisions; i++) {
			struct diff_decision *dec = &d->decisions[i];

			if (dec->kind == DIFF_FUNCTION && (dec->status == DIFF_CHANGED || dec->status == DIFF_NEW) &&
			    refuse_function(d, dec) < 0)
				return -1;
		}
	} while (count_decided(d) != before);
	for (size_t i = 0; i < d->nr_decisions; i++) {
		struct diff_decision *dec = &d->decisions[i];

		if (dec->kind == DIFF_DATA && dec->status == DIFF_CHANGED && refuse_data(d, dec) < 0)
			return -1;
	}
	if (refuse_exports(d) < 0)
		return -1;
	return refuse_unknown_sections(d);
}
