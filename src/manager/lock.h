/* One suture at a time changes livepatches: load, unload and disable take an exclusive lock
 * (<state dir>/lock), held until the command exits. Two commands racing would otherwise interleave
 * their transitions and reverts (a revert disabling the other's patch); the one that finds the lock
 * taken stops at once and says who holds it. `suture enable` takes no lock: it is how an operator
 * reverses a disable that is still waiting for its transition, while that disable holds the lock.
 */
#ifndef SUTURE_MANAGER_LOCK_H
#define SUTURE_MANAGER_LOCK_H

#include <stdbool.h>

/* Takes the lock for the rest of the process, recording argv as the holder. Not root: true without
 * locking (the command refuses later, saying why). False after saying who holds it, or why it
 * could not be taken. */
bool mgr_lock(const char *cmd, int argc, char **argv);

#endif
