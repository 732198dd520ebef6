/* What a livepatch .ko says about itself (its .modinfo), read with libkmod without loading it.
 *
 * Besides the kernel's own keys (name, vermagic, description, livepatch, signer) suture's builder
 * adds `suture_fix_id` (once per fix, e.g. a CVE id) and `suture_source_sha256` (the hash of the
 * source diff the module was built from); those names are the contract with the builder.
 */
#ifndef SUTURE_MANAGER_MODINFO_H
#define SUTURE_MANAGER_MODINFO_H

#include <stdbool.h>
#include <stddef.h>

#define MODINFO_FIX_ID "suture_fix_id"
#define MODINFO_SOURCE_SHA256 "suture_source_sha256"

struct ko_info {
	char *path;
	char *name;      /* the module's name, as the kernel and sysfs spell it */
	char *vermagic;  /* NULL when absent */
	char *description, *source_sha256, *signer, *version;
	bool livepatch;  /* modinfo livepatch=Y */
	char **fix_ids;
	size_t n_fix_ids;
};

/* Reads path's modinfo. Returns 0, or -1 with a one-line reason in why (not an ELF file, not a
 * kernel module, unreadable). */
int ko_read(const char *path, struct ko_info *out, char *why, size_t why_size);
void ko_free(struct ko_info *info);

/* The kernel release a module was built for: the first word of its vermagic, into buf. Returns
 * 0, or -1 when the module has no vermagic. */
int ko_release(const struct ko_info *info, char *buf, size_t size);

#endif
