/* Emit: preparing the diff engine's output objects for linking into a livepatch module, and the
 * linked module for livepatch.
 *
 * Before the link (emit_file), every reference to a symbol that stays in the running kernel is
 * decided: an export of vmlinux stays an ordinary relocation; anything else — a static function or
 * variable of the file, an unexported global, an export of a module (the patched one, which may not
 * be loaded yet, or one it depends on) — is renamed to the placeholder
 * `.klp.sym.<object>.<name>,<sympos>`, sympos chosen by the file's neighbouring symbols
 * (klp/sympos.h). The linker and modpost see placeholders as undefined symbols, which they carry
 * through untouched. Each changed function gets a global alias for the generated stub to name.
 *
 * After the link (emit_convert), placeholders become SHN_LIVEPATCH symbols and their relocations
 * move into `.klp.rela.<object>.<section>` sections, which livepatch applies once the object is
 * there: `ld -r` could not have carried either.
 */
#ifndef SUTURE_KLP_EMIT_H
#define SUTURE_KLP_EMIT_H

#include "diff/layout.h"
#include "elf/elf.h"
#include "klp/stub.h"
#include "target/symbols.h"
#include "target/symvers.h"
#include "util/strv.h"

#define EMIT_PLACEHOLDER_PREFIX ".klp.sym."
/* Suffix of a placeholder whose relocations belong to another object than its symbol (a module's
 * code using another module's export): ".klp.sym.libahci.ahci_ops,0:ahci". */
#define EMIT_SECTION_OBJECT ":"

/* What every file of one patch shares. */
struct emit_patch {
	const struct ksyms *ks;      /* the running kernel's symbols (vmlinux + the target modules) */
	const struct symvers *sv;    /* its exports */
	const struct special_layout *layout;
	struct strv defined;         /* global symbols the patch's own output objects define */
	struct strv names;           /* strings the stub entries point to (owned here) */
	unsigned next_alias;
};

/* One file of the patch. */
struct emit_file {
	const char *path;              /* the diff engine's output object: rewritten in place */
	const char *source;            /* fs/proc/cmdline.c, for messages */
	const char *object;            /* VMLINUX or the module's name */
	const struct elf_object *orig; /* the file's original object */
	struct stub_callbacks callbacks; /* functions of the file to call back (include/suture/patch.h) */
};

/* Adds the global symbols defined by the output object at path to p->defined (call for every file
 * before emit_file). Returns 0, or -1 after saying why. */
int emit_note_definitions(struct emit_patch *p, const char *path);

/* Rewrites f's output object as above, appends one stub entry per changed function name in
 * changed (sympos[i] is its position in the running kernel) to *funcs, and puts the aliases of the
 * file's callbacks into *callbacks (its object's, shared by the object's files). Returns 0, or -1 after
 * saying why in one line naming the file and the symbol (not in the running kernel, ambiguous, a
 * function without an ftrace call site, a static key the kernel would use before livepatch
 * resolves it). */
int emit_file(struct emit_patch *p, const struct emit_file *f, char *const *changed,
	      const unsigned long *sympos, size_t n_changed, struct stub_func **funcs, size_t *n_funcs,
	      struct stub_callbacks *callbacks);

/* Turns the placeholders of the linked module at ko into livepatch symbols and relocations
 * (rewrites ko). Returns 0, or -1 after saying why. */
int emit_convert(const char *ko);

void emit_patch_free(struct emit_patch *p);

#endif
