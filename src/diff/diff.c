/* The diff engine's driver: runs correlate -> changes -> refusals -> include on two objects and keeps
 * the decisions; see diff.h. */
#define _GNU_SOURCE
#include "diff/diff.h"
#include "diff/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int diff_is_cold_part(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && !strcmp(name + n - 5, ".cold");
}

const char *diff_status_name(enum diff_status s)
{
	switch (s) {
	case DIFF_UNCHANGED: return "unchanged";
	case DIFF_NOOP: return "no-op";
	case DIFF_CHANGED: return "changed";
	case DIFF_NEW: return "new";
	case DIFF_CARRIED: return "carried";
	case DIFF_REFUSED: return "refused";
	}
	return "?";
}

struct diff_decision *diff_decide(struct diff *d, enum diff_kind kind, enum diff_status status,
				  struct elf_symbol *orig, struct elf_symbol *patched, const char *name,
				  const char *fmt, ...)
{
	struct diff_decision *dec = patched ? d->decision_of[patched->index] : NULL;

	/* A refusal is final; otherwise the latest (stronger) decision about a symbol wins. */
	if (dec && dec->status == DIFF_REFUSED)
		return dec;
	if (!dec) {
		if (d->nr_decisions == d->cap_decisions) {
			size_t cap = d->cap_decisions ? d->cap_decisions * 2 : 64;
			struct diff_decision *n = realloc(d->decisions, cap * sizeof(*n));

			if (!n)
				return NULL;
			/* decision_of points into the array: re-point after it moved. */
			for (size_t i = 0; i < d->patched->nr_symbols; i++)
				if (d->decision_of[i])
					d->decision_of[i] = n + (d->decision_of[i] - d->decisions);
			d->decisions = n;
			d->cap_decisions = cap;
		}
		dec = &d->decisions[d->nr_decisions++];
		memset(dec, 0, sizeof(*dec));
		dec->name = strdup(name);
		if (!dec->name) {
			d->nr_decisions--;
			return NULL;
		}
		if (patched)
			d->decision_of[patched->index] = dec;
	}
	dec->kind = kind;
	dec->status = status;
	dec->orig = orig;
	dec->patched = patched;
	free(dec->reason);
	dec->reason = NULL;
	if (fmt) {
		va_list ap;

		va_start(ap, fmt);
		if (vasprintf(&dec->reason, fmt, ap) < 0)
			dec->reason = NULL;
		va_end(ap);
	}
	return dec;
}

const struct diff_decision *diff_find(const struct diff *d, const char *name)
{
	for (size_t i = 0; i < d->nr_decisions; i++)
		if (!strcmp(d->decisions[i].name, name))
			return &d->decisions[i];
	return NULL;
}

int diff_run(struct diff *d, struct elf_object *orig, struct elf_object *patched,
	     const struct special_layout *layout, char *err, size_t errlen)
{
	memset(d, 0, sizeof(*d));
	d->orig = orig;
	d->patched = patched;
	d->layout = layout;
	d->twin_of_patched = calloc(patched->nr_symbols, sizeof(*d->twin_of_patched));
	d->twin_of_orig = calloc(orig->nr_symbols, sizeof(*d->twin_of_orig));
	d->decision_of = calloc(patched->nr_symbols, sizeof(*d->decision_of));
	d->included = calloc(patched->nr_symbols, 1);
	d->special_orig = calloc(1, sizeof(*d->special_orig));
	d->special_patched = calloc(1, sizeof(*d->special_patched));
	if (!d->twin_of_patched || !d->twin_of_orig || !d->decision_of || !d->included || !d->special_orig ||
	    !d->special_patched)
		goto nomem;
	if (special_collect(layout, orig, d->special_orig) < 0 ||
	    special_collect(layout, patched, d->special_patched) < 0 || diff_correlate(d) < 0 ||
	    diff_changes(d) < 0 || diff_refusals(d) < 0 || diff_include(d) < 0)
		goto nomem;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	diff_free(d);
	return -1;
}

void diff_free(struct diff *d)
{
	for (size_t i = 0; i < d->nr_decisions; i++) {
		free(d->decisions[i].name);
		free(d->decisions[i].reason);
	}
	for (size_t i = 0; i < d->nr_refs; i++)
		free(d->refs[i].name);
	if (d->special_orig)
		special_entries_free(d->special_orig);
	if (d->special_patched)
		special_entries_free(d->special_patched);
	free(d->special_orig);
	free(d->special_patched);
	free(d->refs);
	free(d->decisions);
	free(d->decision_of);
	free(d->included);
	free(d->twin_of_patched);
	free(d->twin_of_orig);
	memset(d, 0, sizeof(*d));
}

void diff_print(const struct diff *d, FILE *out, const char *indent)
{
	for (size_t i = 0; i < d->nr_decisions; i++) {
		const struct diff_decision *dec = &d->decisions[i];

		if (dec->status == DIFF_UNCHANGED)
			continue;
		if (dec->status == DIFF_REFUSED || dec->status == DIFF_NOOP || dec->status == DIFF_CARRIED)
			fprintf(out, "%s%-8s %s: %s\n", indent, diff_status_name(dec->status), dec->name,
				dec->reason ? dec->reason : "");
		else
			fprintf(out, "%s%-8s %s%s\n", indent, diff_status_name(dec->status), dec->name,
				dec->kind == DIFF_DATA ? " (data)" : "");
	}
}
