/* The generated C half of a livepatch module: the klp_patch/klp_object/klp_func tables that name
 * what the patch replaces, its callbacks and states, and the module's metadata (modinfo).
 *
 * The other half is the diff engine's object, which defines each replacement function under the
 * symbol named in new_symbol; kbuild links the two into one module.
 */
#ifndef SUTURE_KLP_STUB_H
#define SUTURE_KLP_STUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct stub_func {
	const char *old_name;   /* the function in the running kernel */
	unsigned long sympos;   /* 0: the name is unique in its object; else its 1-based position */
	const char *new_symbol; /* the replacement, a global symbol of the linked object */
};

/* Callback symbols (NULL when absent), with the klp_callbacks signatures. */
struct stub_callbacks {
	const char *pre_patch, *post_patch, *pre_unpatch, *post_unpatch;
};

struct stub_object {
	const char *name; /* NULL for vmlinux, else the module's name */
	const struct stub_func *funcs;
	size_t n_funcs;
	struct stub_callbacks callbacks;
};

struct stub_state {
	unsigned long id;
	unsigned int version;
};

struct stub_patch {
	const char *description;
	const char *const *fix_ids; /* e.g. CVE ids, shown by modinfo and `suture info` */
	size_t n_fix_ids;
	const char *source_sha256; /* of the diff(s) the patch was built from */
	bool replace;              /* cumulative: replaces every loaded livepatch */
	const struct stub_object *objects;
	size_t n_objects;
	const struct stub_state *states;
	size_t n_states;
};

/* modinfo keys suture adds to the livepatch modules it builds (read back by the manager). */
#define STUB_MODINFO_FIX_ID "suture_fix_id"
#define STUB_MODINFO_SOURCE "suture_source_sha256"

/* Writes the stub's C source to out. Returns 0, or -1 with errno set when writing failed. */
int stub_write(FILE *out, const struct stub_patch *patch);

#endif
