/* Type-aware safety: data-layout changes that the machine code does not show, read from the DWARF
 * the compiler emits for both objects of a pair (elfutils' libdw).
 *
 * For every changed and new function, the types it reaches — through its parameters, return value,
 * locals, the globals it references, pointer targets, members of members — are compared between the
 * original and the patched object: size, members (name, offset, bit-field, layout of their type),
 * enumerators. A reached type is *live* when the running kernel may already hold objects of it
 * (reached through a pointer, a global, a parameter or return value, or a member of a live type),
 * *stack* when only the changed functions' own locals hold it by value, and *new* when the original
 * has no such type. A layout change of a live type is unsafe: objects created before the patch keep
 * the old layout. So is a changed enumerator value anywhere (values cross every boundary), a
 * changed signature of a function that code outside the patch still calls, and a static key whose
 * default changed (DEFINE_STATIC_KEY_FALSE -> _TRUE).
 */
#ifndef SUTURE_TYPES_TYPES_H
#define SUTURE_TYPES_TYPES_H

#include "util/strv.h"

#include <stddef.h>

enum type_verdict {
	TYPE_STACK_ONLY, /* layout changed, but only the changed functions' locals hold it: accepted */
	TYPE_UNSAFE,     /* refused unless the author takes responsibility (--allow-layout-change) */
	TYPE_ALLOWED,    /* unsafe, but named in --allow-layout-change */
};

struct type_finding {
	enum type_verdict verdict;
	char *what;    /* "struct tipc_crypto", "enum foo", "function bar" */
	char *message; /* the change, who uses it, the remedy (without what) */
};

struct type_findings {
	struct type_finding *v;
	size_t n;
};

struct type_check {
	const char *orig, *patched;   /* the pair's objects (with DWARF) */
	char *const *changed;         /* changed functions (patched in place) */
	size_t n_changed;
	char *const *added;           /* new functions */
	size_t n_added;
	const struct strv *allowed;   /* type names the author allows ("struct foo" or "foo") */
};

/* The same for a pair the diff engine decided on: its changed functions, and its new and carried
 * ones, are what the check starts from. */
struct diff;
int types_check_diff(const struct diff *d, const char *orig, const char *patched, const struct strv *allowed,
		     struct type_findings *out, const char *source);

/* Compares and appends findings. Returns 0 (an object without DWARF gives no findings and a
 * warning), or -1 after saying why it could not read the objects. */
int types_check(const struct type_check *c, struct type_findings *out, const char *source);

void type_findings_free(struct type_findings *f);

#endif
