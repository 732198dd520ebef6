/* The kernel's own words when it refuses a module: the kernel log records (/dev/kmsg) written while
 * suture inserted it — livepatch says which callback failed, which symbol it could not resolve,
 * which loaded patch's states the new one lacks — so the error quotes the reason instead of
 * pointing at dmesg.
 */
#ifndef SUTURE_MANAGER_KMSG_H
#define SUTURE_MANAGER_KMSG_H

#include <stddef.h>

/* Opens the kernel log at its end: only records logged from now on are read. -1 when there is no
 * /dev/kmsg to read (the caller then says "see dmesg"). */
int kmsg_open_tail(void);

/* The first record since kmsg_open_tail from livepatch or from module name that says what went
 * wrong (else the last of them) into why. Returns 1 when there was one, 0 otherwise. Closes fd. */
int kmsg_reason(int fd, const char *name, char *why, size_t len);

#endif
