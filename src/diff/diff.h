/* The object diff engine: given the original and the patched object of one source file, decide for
 * every function and data symbol whether it is unchanged, changed, new, or refused (with a reason a
 * kernel engineer understands), and build the output object that holds exactly what a live patch
 * needs. The steps live one per file: correlate.c, change.c, special.c, refuse.c, include.c, output.c.
 */
#ifndef SUTURE_DIFF_DIFF_H
#define SUTURE_DIFF_DIFF_H

#include "diff/layout.h"
#include "elf/elf.h"

#include <stddef.h>
#include <stdio.h>

enum diff_status {
	DIFF_UNCHANGED,
	DIFF_NOOP,     /* bytes differ only where a change cannot matter (__LINE__ numbers) */
	DIFF_CHANGED,
	DIFF_NEW,
	DIFF_CARRIED,  /* changed but untraceable (no __fentry__): copied for its callers, which are patched */
	DIFF_REFUSED,
};

enum diff_kind {
	DIFF_FUNCTION,
	DIFF_DATA,
	DIFF_OBJECT,   /* the file as a whole (exports, sections not understood) */
};

struct special_entries;

struct diff_decision {
	enum diff_kind kind;
	enum diff_status status;
	char *name;
	char *reason;               /* why refused, or what changed; may be NULL */
	struct elf_symbol *orig;    /* NULL when new or for DIFF_OBJECT */
	struct elf_symbol *patched; /* NULL when removed or for DIFF_OBJECT */
};

/* A symbol the output object references but does not define: it stays in the running kernel. */
struct diff_reference {
	char *name;
	int local;      /* a local (static) symbol of this file: the running kernel's copy is found by name + sympos */
	int function;   /* a function, not data */
};

struct diff {
	struct elf_object *orig, *patched;
	const struct special_layout *layout;
	/* Correlation: twin_of_patched[i] is the orig twin of patched->symbols[i], and back. */
	struct elf_symbol **twin_of_patched, **twin_of_orig;
	/* Per patched symbol index: its decision (functions and data objects), or NULL. */
	struct diff_decision **decision_of;
	struct diff_decision *decisions;
	size_t nr_decisions, cap_decisions;
	/* Per patched symbol index: non-zero when the symbol's code or data goes into the output. */
	unsigned char *included;
	struct diff_reference *refs;
	size_t nr_refs;
	/* Special-section entries of each object, with the function each belongs to. */
	struct special_entries *special_orig, *special_patched;
};

/* Runs every step on two read objects (which stay owned by the caller). 0, or -1 with err set for an
 * internal failure (out of memory); refusals are decisions, not failures. */
int diff_run(struct diff *d, struct elf_object *orig, struct elf_object *patched,
	     const struct special_layout *layout, char *err, size_t errlen);

/* Writes the output object (included code and data, kept special-section entries, references left
 * undefined) to path; fills d->refs. Refuses (-1 + err) when any decision is a refusal. */
int diff_write_output(struct diff *d, const char *path, char *err, size_t errlen);

void diff_free(struct diff *d);

/* The decision about a symbol by name (first match), for tests and the CLI. */
const struct diff_decision *diff_find(const struct diff *d, const char *name);

const char *diff_status_name(enum diff_status s);

/* Whether a function name is gcc's out-of-line cold part of another ("foo.cold"). */
int diff_is_cold_part(const char *name);

/* One line per decision that is not "unchanged" (refusals and no-ops with their reasons). */
void diff_print(const struct diff *d, FILE *out, const char *indent);

/* Internal to the engine (one step per file). */
struct diff_decision *diff_decide(struct diff *d, enum diff_kind kind, enum diff_status status,
				  struct elf_symbol *orig, struct elf_symbol *patched, const char *name,
				  const char *fmt, ...) __attribute__((format(printf, 7, 8)));
int diff_correlate(struct diff *d);
int diff_changes(struct diff *d);
int diff_refusals(struct diff *d);
int diff_include(struct diff *d);

#endif
