/* Correlation: which symbol of the patched object is the same thing as which symbol of the original.
 *
 * Decides, in order of confidence:
 *  1. the same name, type and definedness, unique in both objects (not for compiler-numbered locals:
 *     gcc numbers static locals backwards, so a new one renames all that come before it);
 *  2. the same name once every ".<digits>" component is dropped (static locals foo.123 -> foo.124,
 *     IPA clones foo.isra.0 / .constprop.N / .part.N and their .cold parts, __func__.N), when exactly
 *     one unpaired candidate of that type remains on each side;
 *  3. for what is still ambiguous (several static locals of the same name: lockdep keys __key.N,
 *     WARN_ONCE flags __already_done.N, __func__.N), the place that uses it: walking the relocations
 *     of a paired function or object and of its twin side by side, an unpaired symbol met at the same
 *     step as an unpaired one of the same name pairs with it (repeated while it pairs more);
 *  4. then the function that uses it: a patched symbol used by function F pairs with the one
 *     candidate used by F's twin.
 * Sections are never paired by their section symbols (binutils drops unreferenced ones); anonymous
 * bytes (strings, constants) are compared by content where they are used (change.c).
 */
#include "diff/engine.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int pairable(const struct elf_symbol *s)
{
	if (!*s->name || s->type == STT_SECTION || s->type == STT_FILE)
		return 0;
	if (!s->sec)
		return s->shndx == SHN_UNDEF;
	return s->type == STT_FUNC || s->type == STT_OBJECT;
}

static void pair(struct diff *d, struct elf_symbol *o, struct elf_symbol *p)
{
	d->twin_of_patched[p->index] = o;
	d->twin_of_orig[o->index] = p;
}

static int same_kind(const struct elf_symbol *o, const struct elf_symbol *p)
{
	return o->type == p->type && !o->sec == !p->sec;
}

struct elf_symbol *twin_in_orig(const struct diff *d, const struct elf_symbol *patched)
{
	return d->twin_of_patched[patched->index];
}

struct elf_symbol *twin_in_patched(const struct diff *d, const struct elf_symbol *orig)
{
	return d->twin_of_orig[orig->index];
}

static size_t count_pairable(const struct elf_symbol *s)
{
	size_t n = 0;

	for (; s; s = s->next_same_name)
		n += pairable(s);
	return n;
}

/* Whether name has a ".<digits>" component the compiler numbered (static locals, clones). */
static int numbered(const char *name)
{
	if (!strncmp(name, "__UNIQUE_ID_", 12))
		return 1;
	for (const char *dot = strchr(name, '.'); dot; dot = strchr(dot + 1, '.'))
		if (dot[1] >= '0' && dot[1] <= '9')
			return 1;
	return 0;
}

static void pair_exact_names(struct diff *d)
{
	for (size_t i = 1; i < d->patched->nr_symbols; i++) {
		struct elf_symbol *p = d->patched->symbols[i], *o;

		/* A compiler-numbered local's number says nothing: the same name can be another variable. */
		if (!pairable(p) || (p->bind == STB_LOCAL && numbered(p->name)) ||
		    count_pairable(elf_find_symbol(d->patched, p->name)) != 1)
			continue;
		o = elf_find_symbol(d->orig, p->name);
		while (o && !pairable(o))
			o = o->next_same_name;
		if (o && count_pairable(o) == 1 && same_kind(o, p))
			pair(d, o, p);
	}
}

/* name without its ".<digits>" components: "count.12" -> "count", "f.isra.0.cold" -> "f.isra.cold"; and
 * without the __COUNTER__ of a __UNIQUE_ID_<what><N>: it shifts when another is added before it. */
static char *normalize(const char *name)
{
	char *out = malloc(strlen(name) + 1), *w = out;
	const char *r = name;

	if (!out)
		return NULL;
	if (!strncmp(name, "__UNIQUE_ID_", 12)) {
		const char *end = name + 12;

		while (*end && *end != '.')
			end++;
		while (end > name + 12 && end[-1] >= '0' && end[-1] <= '9')
			end--;
		memcpy(w, name, (size_t)(end - name));
		w += end - name;
		r = end;
		while (*r >= '0' && *r <= '9')
			r++;
	}
	while (*r) {
		if (*r == '.' && r[1] >= '0' && r[1] <= '9') {
			const char *q = r + 1;

			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == '.' || !*q) {
				r = q;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
	return out;
}

struct candidate {
	char *norm;
	struct elf_symbol *sym;
};

static int by_norm(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);

	return c ? c : (x->sym->index < y->sym->index ? -1 : x->sym->index > y->sym->index);
}

/* The unpaired pairable symbols of one side with their normalized names, sorted by that name. */
static struct candidate *unpaired(struct diff *d, struct elf_object *obj, struct elf_symbol **twins, size_t *n)
{
	struct candidate *c = calloc(obj->nr_symbols, sizeof(*c));

	*n = 0;
	if (!c)
		return NULL;
	for (size_t i = 1; i < obj->nr_symbols; i++) {
		struct elf_symbol *s = obj->symbols[i];

		if (!pairable(s) || twins[i])
			continue;
		c[*n].sym = s;
		c[*n].norm = normalize(s->name);
		if (!c[*n].norm)
			goto fail;
		(*n)++;
	}
	qsort(c, *n, sizeof(*c), by_norm);
	return c;
fail:
	for (size_t i = 0; i < *n; i++)
		free(c[i].norm);
	free(c);
	(void)d;
	return NULL;
}

static void free_candidates(struct candidate *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].norm);
	free(c);
}

/* Candidates in [from, end) sharing c[from].norm. */
static size_t run_end(const struct candidate *c, size_t n, size_t from)
{
	size_t end = from + 1;

	while (end < n && !strcmp(c[end].norm, c[from].norm))
		end++;
	return end;
}

static int pair_normalized(struct diff *d)
{
	size_t no, np, i = 0, k = 0;
	struct candidate *co = unpaired(d, d->orig, d->twin_of_orig, &no);
	struct candidate *cp = unpaired(d, d->patched, d->twin_of_patched, &np);

	if (!co || !cp) {
		free_candidates(co, co ? no : 0);
		free_candidates(cp, cp ? np : 0);
		return -1;
	}
	while (i < no && k < np) {
		int c = strcmp(co[i].norm, cp[k].norm);
		size_t ie, ke;

		if (c < 0) {
			i = run_end(co, no, i);
			continue;
		}
		if (c > 0) {
			k = run_end(cp, np, k);
			continue;
		}
		ie = run_end(co, no, i);
		ke = run_end(cp, np, k);
		if (ie - i == 1 && ke - k == 1 && same_kind(co[i].sym, cp[k].sym))
			pair(d, co[i].sym, cp[k].sym);
		i = ie;
		k = ke;
	}
	free_candidates(co, no);
	free_candidates(cp, np);
	return 0;
}

/* Whether function f (its whole section) has a relocation to sym. */
static int uses(const struct elf_symbol *f, const struct elf_symbol *sym)
{
	const struct elf_section *sec = f->sec;

	for (size_t i = elf_reloc_from(sec, f->value); i < sec->nr_relocs; i++) {
		if (sec->relocs[i].offset >= f->value + f->size)
			break;
		if (sec->relocs[i].sym == sym ||
		    (sym->sec && sec->relocs[i].sym->type == STT_SECTION && sec->relocs[i].sym->sec == sym->sec))
			return 1;
	}
	return 0;
}

/* Step 3: relocations of twins (functions, and data such as pr_debug descriptors) walked in step;
 * returns how many pairs it made, or -1. */
static long pair_by_position(struct diff *d)
{
	long made = 0;

	for (size_t f = 1; f < d->patched->nr_symbols; f++) {
		struct elf_symbol *fp = d->patched->symbols[f], *fo = d->twin_of_patched[f];
		struct elf_section *sp, *so;
		size_t ip, io, ep, eo;

		if ((fp->type != STT_FUNC && fp->type != STT_OBJECT) || !fp->sec || !fo || !fo->sec)
			continue;
		sp = fp->sec;
		so = fo->sec;
		ip = elf_reloc_from(sp, fp->value);
		io = elf_reloc_from(so, fo->value);
		ep = elf_reloc_from(sp, fp->value + fp->size);
		eo = elf_reloc_from(so, fo->value + fo->size);
		for (; ip < ep && io < eo; ip++, io++) {
			struct reloc_target tp, to;
			char *np, *no;
			int same;

			reloc_resolve(sp, &sp->relocs[ip], &tp);
			reloc_resolve(so, &so->relocs[io], &to);
			if (!tp.sym || !to.sym || sp->relocs[ip].type != so->relocs[io].type)
				continue;
			if (d->twin_of_patched[tp.sym->index] || d->twin_of_orig[to.sym->index] || !pairable(tp.sym) ||
			    !pairable(to.sym) || !same_kind(to.sym, tp.sym))
				continue;
			np = normalize(tp.sym->name);
			no = normalize(to.sym->name);
			if (!np || !no) {
				free(np);
				free(no);
				return -1;
			}
			same = !strcmp(np, no);
			free(np);
			free(no);
			if (same) {
				pair(d, to.sym, tp.sym);
				made++;
			}
		}
	}
	return made;
}

/* Step 4: an ambiguous patched symbol p pairs with the single same-named unpaired candidate used by the
 * twin of a function that uses p. */
static int pair_by_user(struct diff *d)
{
	char *np_norm, *no_norm;

	for (size_t i = 1; i < d->patched->nr_symbols; i++) {
		struct elf_symbol *p = d->patched->symbols[i], *found = NULL;
		int ambiguous = 0;

		if (!pairable(p) || !p->sec || d->twin_of_patched[i])
			continue;
		np_norm = normalize(p->name);
		if (!np_norm)
			return -1;
		for (size_t f = 1; f < d->patched->nr_symbols && !ambiguous; f++) {
			struct elf_symbol *fp = d->patched->symbols[f], *fo = d->twin_of_patched[f];

			if (fp->type != STT_FUNC || !fp->sec || !fo || !uses(fp, p))
				continue;
			for (size_t j = 1; j < d->orig->nr_symbols; j++) {
				struct elf_symbol *o = d->orig->symbols[j];

				if (!pairable(o) || !o->sec || d->twin_of_orig[j] || !same_kind(o, p) || !uses(fo, o))
					continue;
				no_norm = normalize(o->name);
				if (!no_norm) {
					free(np_norm);
					return -1;
				}
				if (!strcmp(no_norm, np_norm)) {
					if (found && found != o)
						ambiguous = 1;
					found = o;
				}
				free(no_norm);
			}
		}
		if (found && !ambiguous)
			pair(d, found, p);
		free(np_norm);
	}
	return 0;
}

int diff_correlate(struct diff *d)
{
	pair_exact_names(d);
	long made;

	if (pair_normalized(d) < 0)
		return -1;
	/* Each round's pairs (a descriptor) can pair what they point at (its __func__) in the next. */
	do {
		made = pair_by_position(d);
		if (made < 0)
			return -1;
	} while (made > 0);
	return pair_by_user(d);
}
