/* Choosing sympos by neighbouring symbols; see sympos.h.
 *
 * Evidence is only what pins a place: the file's names that occur exactly once in the object.
 * Each occurrence of the wanted name scores, for every such name found within a window around it
 * in the object's symbol order, more the nearer it is. The file's own copy scores highest; a tie
 * (including no evidence at all) is an error, never a pick.
 */
#include "klp/sympos.h"
#include "util/log.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How far from an occurrence a neighbour may be, in symbols: a file's symbols sit together,
 * but its static functions and data are interleaved with inlined helpers' and other units'. */
static size_t window(const struct sympos_file *file)
{
	return file->n_neighbours * 2 + 32;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The symbols of object in its order: indices into ks->v. For vmlinux that is ks->vmlinux. */
static size_t *object_order(const struct ksyms *ks, const char *object, size_t *n)
{
	size_t *idx;

	if (strcmp(object, VMLINUX) == 0) {
		*n = ks->nvmlinux;
		return ks->vmlinux;
	}
	idx = malloc((ks->n ? ks->n : 1) * sizeof(*idx));
	if (!idx)
		return NULL;
	*n = 0;
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->v[i].object, object) == 0)
			idx[(*n)++] = i;
	/* Module symbols carry their symbol-table index in order. */
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && ks->v[idx[j - 1]].order > ks->v[idx[j]].order; j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	return idx;
}

/* The evidence around position pos of order[]: for each distinct file name within the window,
 * w + 1 - its distance. Walking outwards from pos meets each name first at its nearest place. */
static size_t score(const struct ksyms *ks, const size_t *order, size_t n, size_t pos,
		    const char **sorted, size_t n_sorted, size_t w, bool *seen)
{
	size_t total = 0;

	memset(seen, 0, n_sorted * sizeof(*seen));
	for (size_t d = 1; d <= w; d++) {
		size_t sides[2] = { pos >= d ? pos - d : n, pos + d };

		for (int i = 0; i < 2; i++) {
			const char *name;
			const char **hit;

			if (sides[i] >= n)
				continue;
			name = ks->v[order[sides[i]]].name;
			hit = bsearch(&name, sorted, n_sorted, sizeof(*sorted), cmp_str);
			if (hit && !seen[hit - sorted]) {
				seen[hit - sorted] = true;
				total += w + 1 - d;
			}
		}
	}
	return total;
}

/* Whether name occurs exactly once in object: only such a name pins a place. */
static bool unique_in(const struct ksyms *ks, const char *object, const char *name)
{
	size_t first, n = ksyms_lookup(ks, name, &first), found = 0;

	for (size_t i = 0; i < n; i++)
		found += strcmp(ks->v[first + i].object, object) == 0;
	return found == 1;
}

/* Position of ks->v[index] in order[] (object order is ks->v[].order for both kinds). */
static size_t position(const struct ksyms *ks, const size_t *order, size_t n, size_t index)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ks->v[order[mid]].order < ks->v[index].order)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int sympos_choose(const struct ksyms *ks, const char *object, const char *name,
		  const struct sympos_file *file, unsigned long *sympos)
{
	size_t first, n_all, n_order, n_sorted = 0, best = 0, best_score = 0, second = 0;
	const char **sorted = NULL;
	size_t *order = NULL;
	bool *seen = NULL;
	int ret = -1;

	n_all = ksyms_lookup(ks, name, &first);
	while (n_all && strcmp(ks->v[first].object, object) != 0) {
		first++;
		n_all--;
	}
	for (size_t i = 0; i < n_all; i++)
		if (strcmp(ks->v[first + i].object, object) != 0)
			n_all = i;
	if (n_all == 0) {
		log_error("%s: %s: not in the running kernel's %s (wrong kernel, or a symbol the compiler"
			  " made that the shipped build does not have)", file->path, name, object);
		return -1;
	}
	if (n_all == 1) {
		*sympos = 0;
		return 0;
	}

	order = object_order(ks, object, &n_order);
	sorted = malloc((file->n_neighbours + 1) * sizeof(*sorted));
	seen = malloc((file->n_neighbours + 1) * sizeof(*seen));
	if (!order || !sorted || !seen) {
		log_error("%s: %s: out of memory", file->path, name);
		goto out;
	}
	for (size_t i = 0; i < file->n_neighbours; i++)
		if (strcmp(file->neighbours[i], name) != 0 && unique_in(ks, object, file->neighbours[i]))
			sorted[n_sorted++] = file->neighbours[i];
	qsort(sorted, n_sorted, sizeof(*sorted), cmp_str);

	for (size_t i = 0; i < n_all; i++) {
		size_t pos = position(ks, order, n_order, first + i);
		size_t s = score(ks, order, n_order, pos, sorted, n_sorted, window(file), seen);

		if (s > best_score) {
			second = best_score;
			best_score = s;
			best = i;
		} else if (s > second) {
			second = s;
		}
	}
	if (best_score == 0 || best_score == second) {
		log_error("%s: %s: occurs %zu times in %s and the file's other symbols do not single out"
			  " its copy (scores %zu and %zu); refusing to guess",
			  file->path, name, n_all, object, best_score, second);
		goto out;
	}
	*sympos = ks->v[first + best].sympos;
	ret = 0;
out:
	if (order != ks->vmlinux)
		free(order);
	free(sorted);
	free(seen);
	return ret;
}
