/* The life cycle of a livepatch: load (insert, watch the transition, revert or force on a stall),
 * unload (disable, watch, remove), enable and disable. Each returns an exit code (util/log.h) and
 * prints its own one-line errors prefixed with cmd. */
#ifndef SUTURE_MANAGER_LOAD_H
#define SUTURE_MANAGER_LOAD_H

#include <stdbool.h>

struct load_opts {
	int timeout_s; /* how long a transition may take */
	bool force;    /* on a stall, force the transition instead of reverting */
	bool allow_unsafe_path; /* load a module others could have written (development only) */
	const char *params;     /* module parameters, "name=value ..."; NULL for none */
};

/* Checks the module (ELF, livepatch=Y, vermagic, not loaded), inserts it and waits for the
 * transition; on a stall lists the tasks and reverts, leaving the system unpatched. */
int mgr_load(const char *cmd, const char *ko_path, const struct load_opts *opts);

/* Disables the patch, waits for the transition and removes the module. */
int mgr_unload(const char *cmd, const char *name, const struct load_opts *opts);

/* Writes enabled; for disable, the module stays loaded (the kernel frees the disabled patch). */
int mgr_set_enabled(const char *cmd, const char *name, bool enable, const struct load_opts *opts);

/* The manager's mutating commands need root: prints why and returns false otherwise. */
bool mgr_require_root(const char *cmd);

/* Checks that this kernel has livepatch support at all; prints why not. */
bool mgr_require_livepatch(const char *cmd);

#endif
