/* Comparing the types the changed functions reach; see types.h. A type's layout is a string (from
 * types/dwarf.h) — size, then per member name@offset[.bit:bits]=shape, or per enumerator name=value —
 * so two layouts are equal exactly when their strings are.
 */
#define _GNU_SOURCE
#include "types/types.h"
#include "types/dwarf.h"
#include "diff/diff.h"
#include "elf/elf.h"
#include "util/log.h"
#include "util/text.h"

#include <dwarf.h>
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A named type a changed function reaches. */
struct reached {
	char *key;
	Dwarf_Off off;    /* in the patched object */
	bool live;
	char users[160];  /* the functions that reach it, "a, b" */
};

struct walk {
	struct dw_object *patched;
	struct reached *v;
	size_t n, cap;
	const char *user;
};

static int note_reached(struct walk *w, const char *key, Dwarf_Off off, bool live, bool *again)
{
	*again = true;
	for (size_t i = 0; i < w->n; i++) {
		struct reached *r = &w->v[i];

		if (strcmp(r->key, key) != 0)
			continue;
		if (!strstr(r->users, w->user) && strlen(r->users) + strlen(w->user) + 3 < sizeof(r->users))
			text_append(r->users, sizeof(r->users), "%s%s", *r->users ? ", " : "", w->user);
		/* Seen: walk it again only when it becomes live, so its members become live too. */
		*again = live && !r->live;
		r->live |= live;
		return 0;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct reached *v = realloc(w->v, cap * sizeof(*v));

		if (!v)
			return -1;
		w->v = v;
		w->cap = cap;
	}
	memset(&w->v[w->n], 0, sizeof(w->v[w->n]));
	if (!(w->v[w->n].key = strdup(key)))
		return -1;
	w->v[w->n].off = off;
	w->v[w->n].live = live;
	snprintf(w->v[w->n].users, sizeof(w->v[w->n].users), "%s", w->user);
	w->n++;
	return 0;
}

/* Records the named types reachable from type; a pointer makes what it points to live. */
static int visit_type(struct walk *w, Dwarf_Die *type, bool live, int depth)
{
	Dwarf_Die t = *type, next;
	const char *kind, *name;
	bool again;
	char key[300];

	if (depth > DW_MAX_DEPTH * 2 || !dw_strip(&t))
		return 0;
	switch (dwarf_tag(&t)) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		return dw_type_of(&t, &next) ? visit_type(w, &next, true, depth + 1) : 0;
	case DW_TAG_array_type:
		return dw_type_of(&t, &next) ? visit_type(w, &next, live, depth + 1) : 0;
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		break;
	default:
		return 0;
	}
	kind = dw_aggregate_kind(dwarf_tag(&t));
	name = dwarf_diename(&t);
	if (name) {
		snprintf(key, sizeof(key), "%s %s", kind, name);
		if (note_reached(w, key, dwarf_dieoffset(&t), live, &again) < 0)
			return -1;
		if (!again)
			return 0;
	}
	if (dwarf_child(&t, &next) != 0)
		return 0;
	do {
		Dwarf_Die mt;

		if (dwarf_tag(&next) == DW_TAG_member && dw_type_of(&next, &mt) && visit_type(w, &mt, live, depth + 1) < 0)
			return -1;
	} while (dwarf_siblingof(&next, &next) == 0);
	return 0;
}

/* A function's parameters and return value are live (its callers hold them); its locals are not. */
static int visit_function(struct walk *w, Dwarf_Die *fn, int depth)
{
	Dwarf_Die child, type;

	if (depth == 0 && dw_type_of(fn, &type) && visit_type(w, &type, true, 0) < 0)
		return -1;
	if (depth > DW_MAX_DEPTH || dwarf_child(fn, &child) != 0)
		return 0;
	do {
		switch (dwarf_tag(&child)) {
		case DW_TAG_formal_parameter:
			if (dw_type_of(&child, &type) && visit_type(w, &type, depth == 0, 0) < 0)
				return -1;
			break;
		case DW_TAG_variable:
			if (dw_type_of(&child, &type) && visit_type(w, &type, false, 0) < 0)
				return -1;
			break;
		case DW_TAG_lexical_block:
		case DW_TAG_inlined_subroutine:
			if (visit_function(w, &child, depth + 1) < 0)
				return -1;
			break;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

/* The data symbols a function's code refers to (globals and file statics it touches). */
static int visit_globals(struct walk *w, const struct elf_object *elf, const char *fn)
{
	for (const struct elf_symbol *s = elf_find_symbol(elf, fn); s; s = s->next_same_name) {
		if (s->type != STT_FUNC || !s->sec)
			continue;
		for (size_t i = elf_reloc_from(s->sec, s->value); i < s->sec->nr_relocs; i++) {
			const struct elf_reloc *r = &s->sec->relocs[i];
			const struct elf_symbol *t = r->sym;
			Dwarf_Die var, type;
			char key[300];

			if (r->offset >= s->value + s->size)
				break;
			if (t && t->type == STT_SECTION && t->sec)
				t = elf_symbol_at(t->sec, (uint64_t)((int64_t)t->value + r->addend));
			if (!t || t->type != STT_OBJECT)
				continue;
			snprintf(key, sizeof(key), "var %s", t->name);
			if (dw_find(w->patched, key, &var) && dw_type_of(&var, &type) && visit_type(w, &type, true, 0) < 0)
				return -1;
		}
		break;
	}
	return 0;
}

/* One layout entry as words: "member 'x' at offset 8" or "enumerator 'X' = 3". */
static void entry_words(const char *entry, size_t n, char *out, size_t len)
{
	char e[256];
	char *at, *eq;

	snprintf(e, sizeof(e), "%.*s", (int)n, entry);
	eq = strchr(e, '=');
	if ((at = strchr(e, '@'))) {
		*at = '\0';
		if (eq)
			*eq = '\0';
		snprintf(out, len, "member '%s' at offset %s", e, at + 1);
	} else {
		if (eq)
			*eq = '\0';
		snprintf(out, len, "enumerator '%s' = %s", e, eq ? eq + 1 : "?");
	}
}

/* Whether layout has an entry of the same name as the entry at e ("name@..." or "name=..."). */
static bool has_entry(const char *layout, const char *e)
{
	size_t n = strcspn(e, "@=;");
	char key[260];

	snprintf(key, sizeof(key), ";%.*s%c", (int)n, e, e[n] ? e[n] : '@');
	return strstr(layout, key) != NULL;
}

/* The first member (or enumerator) that differs between two layouts, and the size, as a phrase. */
static void describe(const char *old, const char *new, char *out, size_t len)
{
	unsigned long long so = strtoull(old, NULL, 10), sn = strtoull(new, NULL, 10);
	const char *a = strchr(old, ';'), *b = strchr(new, ';');
	char wa[300] = "", wb[300] = "";

	a = a ? a + 1 : "";
	b = b ? b + 1 : "";
	for (;;) {
		size_t la = strcspn(a, ";"), lb = strcspn(b, ";");

		if (!la && !lb)
			break;
		if (la != lb || strncmp(a, b, la) != 0) {
			if (la)
				entry_words(a, la, wa, sizeof(wa));
			if (lb)
				entry_words(b, lb, wb, sizeof(wb));
			break;
		}
		a += la + (a[la] == ';');
		b += lb + (b[lb] == ';');
	}
	out[0] = '\0';
	if (*wa && *wb && !has_entry(old, b))
		text_append(out, len, "%s added", wb);
	else if (*wa && *wb && !has_entry(new, a))
		text_append(out, len, "%s removed", wa);
	else if (*wa && *wb)
		text_append(out, len, "%s became %s", wa, wb);
	else if (*wb)
		text_append(out, len, "%s added", wb);
	else if (*wa)
		text_append(out, len, "%s removed", wa);
	if (so != sn)
		text_append(out, len, "%ssize %llu -> %llu", *out ? "; " : "", so, sn);
}

static bool is_allowed(const struct strv *allowed, const char *key)
{
	const char *bare = strchr(key, ' ') ? strchr(key, ' ') + 1 : key;

	for (size_t i = 0; allowed && i < allowed->n; i++)
		if (!strcmp(allowed->v[i], key) || !strcmp(allowed->v[i], bare))
			return true;
	return false;
}

static int add_finding(struct type_findings *out, enum type_verdict verdict, const char *what, char *message)
{
	struct type_finding *v = realloc(out->v, (out->n + 1) * sizeof(*v));

	if (!v || !message || !(v[out->n].what = strdup(what))) {
		free(message);
		if (v)
			out->v = v;
		return -1;
	}
	out->v = v;
	v[out->n].verdict = verdict;
	v[out->n].message = message;
	out->n++;
	return 0;
}

static int compare_types(struct walk *w, struct dw_object *orig, const struct type_check *c,
			 struct type_findings *out)
{
	for (size_t i = 0; i < w->n; i++) {
		struct reached *r = &w->v[i];
		Dwarf_Die po, oo;
		char lo[4096] = "", lp[4096] = "", change[600];
		char *message = NULL;
		bool is_enum = !strncmp(r->key, "enum ", 5), unsafe;
		enum type_verdict verdict;
		int rc;

		if (!dwarf_offdie(w->patched->dw, r->off, &po) || !dw_find(orig, r->key, &oo))
			continue; /* a new type: nothing the kernel holds has it */
		dw_layout_of(&oo, lo, sizeof(lo), 0);
		dw_layout_of(&po, lp, sizeof(lp), 0);
		if (!strcmp(lo, lp))
			continue;
		describe(lo, lp, change, sizeof(change));
		/* Enumerator values cross every boundary (stored, compared, passed): always unsafe. */
		unsafe = r->live || is_enum;
		verdict = !unsafe ? TYPE_STACK_ONLY : is_allowed(c->allowed, r->key) ? TYPE_ALLOWED : TYPE_UNSAFE;
		if (verdict == TYPE_STACK_ONLY)
			rc = asprintf(&message, "%s; used by %s, only in their own locals: accepted", change, r->users);
		else if (verdict == TYPE_ALLOWED)
			rc = asprintf(&message, "%s; used by %s; accepted on the author's word (--allow-layout-change)",
				      change, r->users);
		else
			rc = asprintf(&message, "%s; used by %s: %s (keep the layout and put new state in a shadow "
				      "variable, see docs/writing-patches.md; --allow-layout-change=%s if the patch "
				      "handles it)", change, r->users,
				      is_enum ? "values the running kernel already stored or compares keep their old "
						"meaning" : "objects the running kernel already holds keep the old layout",
				      strchr(r->key, ' ') + 1);
		if (rc < 0 || add_finding(out, verdict, r->key, message) < 0)
			return -1;
	}
	return 0;
}

/* "(shape, shape) -> shape" of a function DIE. */
static void signature_of(Dwarf_Die *fn, char *buf, size_t len)
{
	Dwarf_Die child, type;

	text_append(buf, len, "(");
	if (dwarf_child(fn, &child) == 0) {
		do {
			if (dwarf_tag(&child) != DW_TAG_formal_parameter)
				continue;
			if (dw_type_of(&child, &type))
				dw_shape_of(&type, buf, len, 0);
			text_append(buf, len, ",");
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	text_append(buf, len, ")->");
	if (dw_type_of(fn, &type))
		dw_shape_of(&type, buf, len, 0);
	else
		text_append(buf, len, "void");
}

/* Whether an unchanged function of the patched object calls fn (directly or by address). */
static bool called_from_unchanged(const struct elf_object *elf, const struct type_check *c, const char *fn)
{
	const struct elf_symbol *target = elf_find_symbol(elf, fn);

	for (size_t i = 1; target && i < elf->nr_symbols; i++) {
		const struct elf_symbol *s = elf->symbols[i];
		bool in_patch = false;

		if (s->type != STT_FUNC || !s->sec || s == target)
			continue;
		for (size_t k = 0; k < c->n_changed && !in_patch; k++)
			in_patch = !strcmp(c->changed[k], s->name);
		for (size_t k = 0; k < c->n_added && !in_patch; k++)
			in_patch = !strcmp(c->added[k], s->name);
		if (in_patch)
			continue;
		for (size_t k = elf_reloc_from(s->sec, s->value); k < s->sec->nr_relocs; k++) {
			const struct elf_reloc *r = &s->sec->relocs[k];

			if (r->offset >= s->value + s->size)
				break;
			if (r->sym == target || (r->sym && r->sym->type == STT_SECTION && r->sym->sec == target->sec))
				return true;
		}
	}
	return false;
}

static int compare_signatures(struct dw_object *orig, struct dw_object *patched, const struct elf_object *elf,
			      const struct type_check *c, struct type_findings *out)
{
	for (size_t i = 0; i < c->n_changed; i++) {
		char key[300], so[1024] = "", sp[1024] = "", what[300], *message;
		Dwarf_Die fo, fp;
		bool external;

		snprintf(key, sizeof(key), "fn %s", c->changed[i]);
		if (!dw_find(orig, key, &fo) || !dw_find(patched, key, &fp))
			continue;
		signature_of(&fo, so, sizeof(so));
		signature_of(&fp, sp, sizeof(sp));
		external = dwarf_hasattr(&fp, DW_AT_external);
		if (!strcmp(so, sp) || (!external && !called_from_unchanged(elf, c, c->changed[i])))
			continue;
		snprintf(what, sizeof(what), "function %s", c->changed[i]);
		if (asprintf(&message, "its signature changed, %s -> %s, and %s still call it the old way "
			     "(keep the signature; add a new function for the new one)", so, sp,
			     external ? "other files" : "unchanged functions") < 0 ||
		    add_finding(out, TYPE_UNSAFE, what, message) < 0)
			return -1;
	}
	return 0;
}

/* The struct a variable's type names (through typedefs and qualifiers), or NULL. */
static const char *struct_name_of(Dwarf_Die *var)
{
	Dwarf_Die type;

	return dw_type_of(var, &type) && dw_strip(&type) && dwarf_tag(&type) == DW_TAG_structure_type ?
		       dwarf_diename(&type) : NULL;
}

/* DEFINE_STATIC_KEY_FALSE became DEFINE_STATIC_KEY_TRUE (or back): the key's type tells. */
static int compare_static_keys(struct dw_object *orig, struct dw_object *patched, struct type_findings *out)
{
	for (size_t i = 0; i < patched->n; i++) {
		const char *tp, *to;
		char what[300], *message;
		Dwarf_Die vp, vo;

		if (strncmp(patched->v[i].key, "var ", 4) || !dwarf_offdie(patched->dw, patched->v[i].off, &vp) ||
		    !(tp = struct_name_of(&vp)) || strncmp(tp, "static_key_", 11) ||
		    !dw_find(orig, patched->v[i].key, &vo) || !(to = struct_name_of(&vo)) || !strcmp(to, tp) ||
		    strncmp(to, "static_key_", 11))
			continue;
		snprintf(what, sizeof(what), "static key %s", patched->v[i].key + 4);
		if (asprintf(&message, "its default changed (%s -> %s): the running kernel's key keeps its state and "
			     "every branch on it its compiled direction (keep the definition; flip the key in a "
			     "callback with static_branch_enable/disable)", to, tp) < 0 ||
		    add_finding(out, TYPE_UNSAFE, what, message) < 0)
			return -1;
	}
	return 0;
}

int types_check(const struct type_check *c, struct type_findings *out, const char *source)
{
	struct dw_object orig, patched;
	struct walk w = { .patched = &patched };
	struct elf_object *elf = NULL;
	char err[512];
	int ro, rp, ret = -1;

	ro = dw_open(&orig, c->orig, err, sizeof(err));
	rp = ro < 0 ? -1 : dw_open(&patched, c->patched, err, sizeof(err));
	if (ro < 0 || rp < 0) {
		log_error("%s: reading the debug information: %s", source, err);
		if (ro == 0)
			dw_close(&orig);
		return -1;
	}
	if (ro || rp) {
		log_warn("%s: no debug information: data layouts not checked", source);
		ret = 0;
		goto out;
	}
	if (!(elf = elf_read(c->patched, err, sizeof(err)))) {
		log_error("%s: %s", source, err);
		goto out;
	}
	for (size_t i = 0; i < c->n_changed + c->n_added; i++) {
		const char *fn = i < c->n_changed ? c->changed[i] : c->added[i - c->n_changed];
		char key[300];
		Dwarf_Die die;

		snprintf(key, sizeof(key), "fn %s", fn);
		w.user = fn;
		if (dw_find(&patched, key, &die) && (visit_function(&w, &die, 0) < 0 || visit_globals(&w, elf, fn) < 0))
			goto nomem;
	}
	if (compare_types(&w, &orig, c, out) < 0 || compare_signatures(&orig, &patched, elf, c, out) < 0 ||
	    compare_static_keys(&orig, &patched, out) < 0)
		goto nomem;
	ret = 0;
	goto out;
nomem:
	log_error("%s: out of memory", source);
out:
	for (size_t i = 0; i < w.n; i++)
		free(w.v[i].key);
	free(w.v);
	elf_free(elf);
	if (!ro)
		dw_close(&orig);
	if (!rp)
		dw_close(&patched);
	return ret;
}

int types_check_diff(const struct diff *d, const char *orig, const char *patched, const struct strv *allowed,
		     struct type_findings *out, const char *source)
{
	struct strv changed = { 0 }, added = { 0 };
	struct type_check c = { .orig = orig, .patched = patched, .allowed = allowed };
	int ret = -1;

	for (size_t i = 0; i < d->nr_decisions; i++) {
		const struct diff_decision *dec = &d->decisions[i];
		if (dec->kind != DIFF_FUNCTION || diff_is_cold_part(dec->name))
			continue;
		if ((dec->status == DIFF_CHANGED && strv_push(&changed, dec->name) < 0) ||
		    ((dec->status == DIFF_NEW || dec->status == DIFF_CARRIED) && strv_push(&added, dec->name) < 0)) {
			log_error("%s: out of memory", source);
			goto out;
		}
	}
	c.changed = changed.v;
	c.n_changed = changed.n;
	c.added = added.v;
	c.n_added = added.n;
	ret = types_check(&c, out, source);
out:
	strv_free(&changed);
	strv_free(&added);
	return ret;
}

void type_findings_free(struct type_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].what);
		free(f->v[i].message);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}
