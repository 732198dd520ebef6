/* Explaining why the kernel refused a livepatch with EBUSY: another ftrace user holds one of its
 * functions with FTRACE_OPS_FL_IPMODIFY (it rewrites the instruction pointer, as livepatch does),
 * and the kernel allows one such user per function. */
#ifndef SUTURE_MANAGER_CONFLICT_H
#define SUTURE_MANAGER_CONFLICT_H

/* Prints one line per function of the module at ko_path that tracefs' enabled_functions shows
 * held with IPMODIFY by a non-livepatch ftrace user, naming that user's module when tracefs does.
 * Returns how many it found (0: it could not tell). */
int conflict_explain(const char *cmd, const char *patch, const char *ko_path);

#endif
