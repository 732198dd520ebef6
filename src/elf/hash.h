/* A string-keyed hash table for the ELF model's name lookups (duplicate keys allowed: a lookup
 * returns the first value added under that key). */
#ifndef SUTURE_ELF_HASH_H
#define SUTURE_ELF_HASH_H

#include "elf/elf.h"

int elf_hash_add(struct elf_hash *h, const char *key, void *value);
void *elf_hash_get(const struct elf_hash *h, const char *key);
void elf_hash_free(struct elf_hash *h);

#endif
