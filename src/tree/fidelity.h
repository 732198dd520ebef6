/* Fidelity: do the original objects we compile match the running kernel? For a module file, each function
 * of the object must be in the shipped .ko with the same size; for a vmlinux file, the object's .text
 * functions must appear in the kallsyms dump in the same order and with spacing that fits their sizes
 * (other sections: by name). A function whose original does not match must not be patched: its code was
 * built from other source or flags than the kernel's.
 */
#ifndef SUTURE_TREE_FIDELITY_H
#define SUTURE_TREE_FIDELITY_H

#include "target/symbols.h"
#include "tree/cache.h"
#include "util/strv.h"
#include "tree/where.h"

#include <stdint.h>

struct fid_func {
	char *name;
	uint64_t size;
	int matched;
	unsigned sympos; /* of the running kernel's symbol it matched (livepatch's counting), 0 if none */
	char why[128];   /* when not matched */
};

struct fidelity {
	struct fid_func *f;
	size_t n, matched;
	uint64_t text_start; /* vmlinux: kallsyms address of the file's first .text function, 0 if unknown */
};

/* Compares the original object orig (compiled from w's source) with the running kernel: vmlinux needs ks
 * (the kallsyms dump, ksyms_finish'ed); modules are read from the image. Returns 0, or -1 after saying why.
 */
int fidelity_check(const struct tree *tr, const struct where *w, const char *orig, const struct ksyms *ks,
		   struct fidelity *out, const char *cmd);

/* 1 when name's original matched (the builder refuses to patch the others). */
int fidelity_function_ok(const struct fidelity *f, const char *name);

void fidelity_free(struct fidelity *f);

/* Checks <outdir>/orig/<obj> of every source and prints the match rate of each and of all (verbose: every
 * function with its sympos). Returns 0 (mismatches are reported, not fatal), or -1 after saying why it
 * could not check.
 */
int tree_fidelity_report(const struct tree *tr, const struct strv *sources, const char *outdir, int verbose,
			 const char *cmd);

#endif
