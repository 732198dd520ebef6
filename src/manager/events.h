/* A log of the events after which a reboot is the safe way back to a known state: a transition
 * that was forced, a patch that failed to load or unload cleanly. Kept in <state>/events, one
 * line per event, tagged with the boot it happened in so `suture status` only counts this boot's.
 */
#ifndef SUTURE_MANAGER_EVENTS_H
#define SUTURE_MANAGER_EVENTS_H

#include <stddef.h>
#include <time.h>

struct event {
	time_t when;
	char patch[128];
	char what[32];  /* "forced", "failed" */
	char why[256];
};

/* Appends an event of this boot. Returns 0, or -errno (the caller warns; the operation stands). */
int events_record(const char *patch, const char *what, const char *why);

/* This boot's events, oldest first. Returns 0 (none: *n = 0), or -errno. Free *events. */
int events_this_boot(struct event **events, size_t *n);

#endif
