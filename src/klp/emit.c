/* Emit: placeholders before the link, livepatch relocations after it; see emit.h.
 *
 * Sections the module loader acts on before livepatch relocations are resolved must not hold any:
 * the loader would read a zero where the symbol goes. Static-call sites are dropped (the call still
 * goes through the trampoline, just without the direct-call shortcut); a jump label on a static
 * key that stays in the running kernel unexported is refused, except a tracepoint's or a dynamic
 * debug descriptor's, which is dropped with a warning (the tracepoint or pr_debug then stays off
 * inside the patched function).
 */
#define _GNU_SOURCE
#include "klp/emit.h"
#include "klp/sympos.h"
#include "util/log.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIAS_PREFIX "__suture_new_"

static int nomem(const char *what)
{
	log_error("%s: out of memory", what);
	return -1;
}

int emit_note_definitions(struct emit_patch *p, const char *path)
{
	char err[512];
	struct elf_object *obj = elf_read(path, err, sizeof(err));

	if (!obj) {
		log_error("%s: %s", path, err);
		return -1;
	}
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		const struct elf_symbol *s = obj->symbols[i];

		if (s->sec && s->bind != STB_LOCAL && *s->name && strv_add_unique(&p->defined, s->name) < 0) {
			elf_free(obj);
			return nomem(path);
		}
	}
	elf_free(obj);
	return 0;
}

/* The names of the original file's functions and variables: where its copy of a duplicated
 * name sits among the running kernel's symbols. */
static const char **file_neighbours(const struct elf_object *orig, size_t *n)
{
	const char **v = malloc((orig->nr_symbols + 1) * sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 1; i < orig->nr_symbols; i++) {
		const struct elf_symbol *s = orig->symbols[i];

		if (s->sec && (s->type == STT_FUNC || s->type == STT_OBJECT) && *s->name)
			v[(*n)++] = s->name;
	}
	return v;
}

/* Whether name is among the NUL-separated names of the output's .suture.local_refs. */
static int is_local_ref(const struct elf_object *obj, const char *name)
{
	const struct elf_section *sec = elf_find_section(obj, ".suture.local_refs");

	for (uint64_t at = 0; sec && sec->data && at < sec->size; at += strlen((char *)sec->data + at) + 1)
		if (!strcmp((char *)sec->data + at, name))
			return 1;
	return 0;
}

/* Whether the module loader can resolve a reference to name: an export of vmlinux, or a symbol
 * another file of the same patch defines. An export of a module is not: the livepatch module would
 * depend on that module (and import its namespace), and fail to load without it; livepatch resolves
 * it instead, when the patched module — which depends on it — comes. */
static int loader_resolves(const struct emit_patch *p, const char *name)
{
	const struct export *e = symvers_find(p->sv, name);

	return e ? !strcmp(e->object, VMLINUX) : strv_has(&p->defined, name);
}

/* Renames every reference the loader cannot resolve to its placeholder. */
static int place_references(struct emit_patch *p, const struct emit_file *f, struct elf_object *obj)
{
	size_t n_neighbours;
	const char **neighbours = file_neighbours(f->orig, &n_neighbours);
	struct sympos_file file = { .path = f->source, .neighbours = neighbours, .n_neighbours = n_neighbours };
	int ret = 0;

	if (!neighbours)
		return nomem(f->source);
	for (size_t i = 1; i < obj->nr_symbols && !ret; i++) {
		struct elf_symbol *s = obj->symbols[i];
		unsigned long sympos;
		char *placeholder;
		const struct export *e;

		if (s->shndx != SHN_UNDEF || !*s->name || s->type == STT_SECTION)
			continue;
		if (!is_local_ref(obj, s->name) && loader_resolves(p, s->name))
			continue;
		e = is_local_ref(obj, s->name) ? NULL : symvers_find(p->sv, s->name);
		if (e && strcmp(e->object, f->object) != 0) {
			/* Another module's export (unique there): its relocations go with the patched object's,
			 * applied when that object comes; ":object" says so until emit_convert. */
			if (asprintf(&placeholder, EMIT_PLACEHOLDER_PREFIX "%s.%s,0" EMIT_SECTION_OBJECT "%s", e->object,
				     s->name, f->object) < 0) {
				ret = nomem(f->source);
				break;
			}
			free(s->name);
			s->name = placeholder;
			continue;
		}
		if (sympos_choose(p->ks, f->object, s->name, &file, &sympos) < 0) {
			ret = -1;
			break;
		}
		if (asprintf(&placeholder, EMIT_PLACEHOLDER_PREFIX "%s.%s,%lu", f->object, s->name, sympos) < 0) {
			ret = nomem(f->source);
			break;
		}
		free(s->name);
		s->name = placeholder;
	}
	free(neighbours);
	return ret;
}

static int is_placeholder(const struct elf_symbol *s)
{
	return s && s->shndx == SHN_UNDEF && !strncmp(s->name, EMIT_PLACEHOLDER_PREFIX, strlen(EMIT_PLACEHOLDER_PREFIX));
}

/* The name inside a placeholder: ".klp.sym.vmlinux.foo,0" -> "foo" (into buf). */
static const char *placeholder_name(const struct elf_symbol *s, char *buf, size_t len)
{
	const char *name = strchr(s->name + strlen(EMIT_PLACEHOLDER_PREFIX), '.');

	snprintf(buf, len, "%s", name ? name + 1 : s->name);
	buf[strcspn(buf, ",")] = '\0';
	return buf;
}

/* Removes the entry [at, at + size) of a special section, with its relocations. */
static void drop_entry(struct elf_section *sec, uint64_t at, uint64_t size)
{
	size_t from = elf_reloc_from(sec, at), to = elf_reloc_from(sec, at + size);

	memmove(sec->data + at, sec->data + at + size, sec->size - at - size);
	sec->size -= size;
	memmove(&sec->relocs[from], &sec->relocs[to], (sec->nr_relocs - to) * sizeof(*sec->relocs));
	sec->nr_relocs -= to - from;
	for (size_t i = from; i < sec->nr_relocs; i++)
		sec->relocs[i].offset -= size;
}

/* The entries of section name whose relocations use a placeholder: dropped, or refused. */
static int settle_early_entries(const struct emit_patch *p, const struct emit_file *f, struct elf_object *obj,
				const char *name)
{
	struct elf_section *sec = elf_find_section(obj, name);
	uint64_t size = special_layout_get(p->layout, name);
	int jump = !strcmp(name, "__jump_table");

	if (!sec || !size || !sec->data)
		return 0;
	for (uint64_t at = 0; at + size <= sec->size;) {
		struct elf_symbol *key = NULL;
		char buf[512];

		for (size_t i = elf_reloc_from(sec, at); i < sec->nr_relocs && sec->relocs[i].offset < at + size; i++)
			if (is_placeholder(sec->relocs[i].sym))
				key = sec->relocs[i].sym;
		if (!key) {
			at += size;
			continue;
		}
		placeholder_name(key, buf, sizeof(buf));
		if (jump && strncmp(buf, "__tracepoint_", 13) != 0 && strncmp(buf, "__UNIQUE_ID_ddebug", 18) != 0) {
			log_error("%s: a jump label on static key %s, which the running kernel does not export:"
				  " the module loader would set it up before livepatch can resolve the key"
				  " (test it with static_key_enabled() in the fix instead)", f->source, buf);
			return -1;
		}
		if (jump && !strncmp(buf, "__tracepoint_", 13))
			log_warn("%s: tracepoint %s stays off inside the patched code (its key is not exported)",
				 f->source, buf + 13);
		else if (jump)
			log_warn("%s: a pr_debug/dev_dbg in the patched code stays off (dynamic debug cannot switch"
				 " it: its key is the running kernel's)", f->source);
		drop_entry(sec, at, size);
	}
	return 0;
}

/* Sections the module loader reads or applies at load time, before livepatch resolves anything. */
static int applied_at_load(const struct elf_section *sec)
{
	static const char *const names[] = {
		".altinstructions", ".altinstr_replacement", ".altinstr_aux", ".parainstructions", "__ex_table",
		"__bug_table", ".orc_unwind_ip", ".orc_unwind", ".retpoline_sites", ".return_sites", ".smp_locks",
		"__mcount_loc", "__patchable_function_entries", "__jump_table", ".static_call_sites", NULL,
	};

	for (const char *const *n = names; *n; n++)
		if (!strcmp(sec->name, *n))
			return 1;
	return 0;
}

static int check_late_sections(const struct emit_file *f, const struct elf_object *obj)
{
	for (size_t i = 1; i < obj->nr_sections; i++) {
		const struct elf_section *sec = obj->sections[i];

		if (!applied_at_load(sec))
			continue;
		for (size_t k = 0; k < sec->nr_relocs; k++) {
			char buf[512];

			if (!is_placeholder(sec->relocs[k].sym))
				continue;
			log_error("%s: %s refers to %s, which stays in the running kernel unexported: the module"
				  " loader applies %s before livepatch can resolve it", f->source, sec->name,
				  placeholder_name(sec->relocs[k].sym, buf, sizeof(buf)), sec->name);
			return -1;
		}
	}
	return 0;
}

/* Whether the original function starts with the ftrace call livepatch attaches to. */
static int has_ftrace_call(const struct elf_object *orig, const char *name)
{
	for (const struct elf_symbol *s = elf_find_symbol(orig, name); s; s = s->next_same_name) {
		const struct elf_reloc *r;

		if (s->type != STT_FUNC || !s->sec)
			continue;
		r = elf_reloc_at(s->sec, s->value + 1);
		return r && r->sym && !strcmp(r->sym->name, "__fentry__");
	}
	return 0;
}

static struct elf_symbol *defined_function(const struct elf_object *obj, const char *name)
{
	for (struct elf_symbol *s = elf_find_symbol(obj, name); s; s = s->next_same_name)
		if (s->type == STT_FUNC && s->sec)
			return s;
	return NULL;
}

/* A global alias of fn for the stub to name; fn keeps its own name (and binding), which is what
 * stack traces show. */
static const char *add_alias(struct emit_patch *p, struct elf_object *obj, const struct elf_symbol *fn)
{
	char alias[600];

	snprintf(alias, sizeof(alias), ALIAS_PREFIX "%u_%s", p->next_alias++, fn->name);
	/* The stub names it in C: "foo.constprop.0" -> "foo_constprop_0". */
	for (char *c = alias; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
			*c = '_';
	if (!elf_add_symbol(obj, alias, STB_GLOBAL, STT_FUNC, fn->sec, fn->value, fn->size))
		return NULL;
	return strv_intern(&p->names, alias);
}

static int add_funcs(struct emit_patch *p, const struct emit_file *f, struct elf_object *obj,
		     char *const *changed, const unsigned long *sympos, size_t n_changed,
		     struct stub_func **funcs, size_t *n_funcs)
{
	struct stub_func *v = realloc(*funcs, (*n_funcs + n_changed) * sizeof(*v));

	if (!v)
		return nomem(f->source);
	*funcs = v;
	for (size_t i = 0; i < n_changed; i++) {
		struct elf_symbol *fn = defined_function(obj, changed[i]);
		struct stub_func *sf = &v[*n_funcs];

		if (!fn) {
			log_error("%s: %s: changed, but not in the diff's output object", f->source, changed[i]);
			return -1;
		}
		if (!has_ftrace_call(f->orig, changed[i])) {
			log_error("%s: %s cannot be live patched: the running kernel's copy has no ftrace call"
				  " site (notrace, or a file built without -pg); patch its callers instead",
				  f->source, changed[i]);
			return -1;
		}
		if (!(sf->new_symbol = add_alias(p, obj, fn)) || !(sf->old_name = strv_intern(&p->names, changed[i])))
			return nomem(f->source);
		sf->sympos = sympos[i];
		(*n_funcs)++;
	}
	return 0;
}

/* Each callback the file declares, as an alias in out. */
static int add_callbacks(struct emit_patch *p, const struct emit_file *f, struct elf_object *obj,
			 struct stub_callbacks *out)
{
	const char *in[] = { f->callbacks.pre_patch, f->callbacks.post_patch, f->callbacks.pre_unpatch,
			     f->callbacks.post_unpatch };
	const char **slot[] = { &out->pre_patch, &out->post_patch, &out->pre_unpatch, &out->post_unpatch };

	for (size_t i = 0; i < 4; i++) {
		struct elf_symbol *fn;

		if (!in[i])
			continue;
		if (*slot[i]) {
			log_error("%s: callback %s: its object already has a callback of that kind (one per object)",
				  f->source, in[i]);
			return -1;
		}
		if (!(fn = defined_function(obj, in[i]))) {
			log_error("%s: callback %s is not a function the fix adds or changes", f->source, in[i]);
			return -1;
		}
		if (!(*slot[i] = add_alias(p, obj, fn)))
			return nomem(f->source);
	}
	return 0;
}

int emit_file(struct emit_patch *p, const struct emit_file *f, char *const *changed,
	      const unsigned long *sympos, size_t n_changed, struct stub_func **funcs, size_t *n_funcs,
	      struct stub_callbacks *callbacks)
{
	char err[512];
	struct elf_object *obj = elf_read(f->path, err, sizeof(err));
	int ret = -1;

	if (!obj) {
		log_error("%s: %s", f->path, err);
		return -1;
	}
	if (place_references(p, f, obj) < 0 || settle_early_entries(p, f, obj, "__jump_table") < 0 ||
	    settle_early_entries(p, f, obj, ".static_call_sites") < 0 || check_late_sections(f, obj) < 0 ||
	    add_funcs(p, f, obj, changed, sympos, n_changed, funcs, n_funcs) < 0 ||
	    add_callbacks(p, f, obj, callbacks) < 0)
		goto out;
	if (elf_index(obj) < 0) {
		nomem(f->source);
		goto out;
	}
	if (elf_write(obj, err, sizeof(err)) < 0) {
		log_error("%s: %s", f->path, err);
		goto out;
	}
	ret = 0;
out:
	elf_free(obj);
	return ret;
}

int emit_convert(const char *ko)
{
	char err[512], object[64];
	struct elf_object *obj = elf_read(ko, err, sizeof(err));
	int ret = -1;

	if (!obj) {
		log_error("%s: %s", ko, err);
		return -1;
	}
	for (size_t i = 1; i < obj->nr_sections; i++) {
		struct elf_section *sec = obj->sections[i];

		for (size_t k = 0; k < sec->nr_relocs; k++) {
			struct elf_reloc *r = &sec->relocs[k];
			const char *name;

			if (!is_placeholder(r->sym) && !(r->sym && r->sym->shndx == ELF_SHN_LIVEPATCH))
				continue;
			name = r->sym->name + strlen(EMIT_PLACEHOLDER_PREFIX);
			if (strstr(name, EMIT_SECTION_OBJECT))
				snprintf(object, sizeof(object), "%s", strstr(name, EMIT_SECTION_OBJECT) + 1);
			else
				snprintf(object, sizeof(object), "%.*s", (int)strcspn(name, "."), name);
			if (!(r->klp_object = elf_klp_object(obj, object))) {
				nomem(ko);
				goto out;
			}
		}
	}
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		struct elf_symbol *s = obj->symbols[i];

		if (is_placeholder(s)) {
			char *marker = strstr(s->name, EMIT_SECTION_OBJECT);

			if (marker)
				*marker = '\0'; /* the kernel's name: .klp.sym.<object>.<name>,<sympos> */
			s->shndx = ELF_SHN_LIVEPATCH;
			s->sec = NULL;
			s->value = 0;
		}
	}
	if (elf_write(obj, err, sizeof(err)) < 0) {
		log_error("%s: %s", ko, err);
		goto out;
	}
	/* Linux 6.1 never clears livepatch relocations when their module goes (clear_relocate_add
	 * came in 6.2): the module's next load finds the sites written and fails. */
	for (size_t i = 0; i < obj->klp_objects.n; i++)
		if (strcmp(obj->klp_objects.v[i], VMLINUX) != 0)
			log_warn("build: the patch holds livepatch relocations into module %s: if %s is removed while"
				 " the patch is loaded, Linux 6.1 cannot load %s again until the patch is unloaded",
				 obj->klp_objects.v[i], obj->klp_objects.v[i], obj->klp_objects.v[i]);
	ret = 0;
out:
	elf_free(obj);
	return ret;
}

void emit_patch_free(struct emit_patch *p)
{
	strv_free(&p->defined);
	strv_free(&p->names);
}
