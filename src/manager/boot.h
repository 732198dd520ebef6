/* `suture load --installed`: what the boot unit runs. Loads every module installed for the
 * running release; one whose vermagic names another kernel is skipped with a message. */
#ifndef SUTURE_MANAGER_BOOT_H
#define SUTURE_MANAGER_BOOT_H

#include "manager/load.h"

/* Returns EXIT_OK when every matching module is loaded (or already was), EXIT_FAIL otherwise. */
int mgr_load_installed(const char *cmd, const struct load_opts *opts);

#endif
