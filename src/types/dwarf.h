/* Reading DWARF for the type checker: an object's named types, functions and variables, indexed by
 * name, and the *shape* of a type — how it is laid out, not what it is called (`unsigned long` and
 * `u64` are the same 8-byte unsigned integer on x86_64). libdwfl opens the objects: they are
 * relocatable, and their DWARF (names in .debug_str, among others) is only right once its
 * relocations are applied, which libdwfl does for ET_REL files.
 */
#ifndef SUTURE_TYPES_DWARF_H
#define SUTURE_TYPES_DWARF_H

#include <elfutils/libdwfl.h>
#include <stdbool.h>
#include <stddef.h>

#define DW_MAX_DEPTH 8

struct index_entry {
	char *key;     /* "struct foo", "enum bar", "fn baz", "var qux" */
	Dwarf_Off off;
};

/* One object's DWARF: its named types, functions and (file-level) variables by key. */
struct dw_object {
	Dwfl *dwfl;
	Dwarf *dw;
	struct index_entry *v;
	size_t n, cap;
};

/* Opens path's DWARF: 0 opened, 1 when it has none, -1 on failure (why in err). */
int dw_open(struct dw_object *o, const char *path, char *err, size_t len);
void dw_close(struct dw_object *o);

/* The definition of key ("struct foo", "fn bar", "var baz"). */
bool dw_find(struct dw_object *o, const char *key, Dwarf_Die *die);

/* The type a DIE has (through its abstract origin for inlined copies). */
bool dw_type_of(Dwarf_Die *die, Dwarf_Die *type);

/* Skips typedefs and qualifiers; false for void. */
bool dw_strip(Dwarf_Die *type);

Dwarf_Word dw_udata(Dwarf_Die *die, int name);

/* "struct", "union", "enum" for those tags, else NULL. */
const char *dw_aggregate_kind(int tag);

/* Appends a member's layout shape of type to buf ("b7:8", "ptr", "struct foo:24", "{...}"). */
void dw_shape_of(Dwarf_Die *type, char *buf, size_t len, int depth);

/* Appends an aggregate's layout to buf: "size;member@offset=shape;..." or "size;enumerator=value;...". */
void dw_layout_of(Dwarf_Die *agg, char *buf, size_t len, int depth);

#endif
