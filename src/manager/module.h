/* Inserting and removing kernel modules (libkmod: finit_module and delete_module). */
#ifndef SUTURE_MANAGER_MODULE_H
#define SUTURE_MANAGER_MODULE_H

#include <stdbool.h>

/* Inserts the module at path with its parameters ("name=value ...", or NULL for none). Returns
 * 0, or the kernel's -errno. */
int module_insert(const char *path, const char *params);

/* Removes the module named name, retrying for a few seconds while it is still in use (a disabled
 * livepatch drops its module reference asynchronously). Returns 0, or -errno. */
int module_remove(const char *name);

/* Whether a module of that name is loaded (/sys/module/<name>/initstate exists). */
bool module_loaded(const char *name);

#endif
