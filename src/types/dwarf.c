/* Reading DWARF for the type checker; see dwarf.h. */
#define _GNU_SOURCE
#include "types/dwarf.h"
#include "util/text.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const Dwfl_Callbacks callbacks = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static int index_add(struct dw_object *o, const char *kind, const char *name, Dwarf_Off off)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		struct index_entry *v = realloc(o->v, cap * sizeof(*v));

		if (!v)
			return -1;
		o->v = v;
		o->cap = cap;
	}
	if (asprintf(&o->v[o->n].key, "%s %s", kind, name) < 0)
		return -1;
	o->v[o->n++].off = off;
	return 0;
}

const char *dw_aggregate_kind(int tag)
{
	switch (tag) {
	case DW_TAG_structure_type: return "struct";
	case DW_TAG_union_type: return "union";
	case DW_TAG_enumeration_type: return "enum";
	default: return NULL;
	}
}

/* Indexes the definitions among die's children (types may nest inside functions). */
static int index_children(struct dw_object *o, Dwarf_Die *parent, int depth)
{
	Dwarf_Die die;

	if (depth > DW_MAX_DEPTH || dwarf_child(parent, &die) != 0)
		return 0;
	do {
		int tag = dwarf_tag(&die);
		const char *name = dwarf_diename(&die), *kind = dw_aggregate_kind(tag);

		if (dwarf_hasattr(&die, DW_AT_declaration))
			continue;
		if (kind && name && index_add(o, kind, name, dwarf_dieoffset(&die)) < 0)
			return -1;
		if (tag == DW_TAG_subprogram && name && index_add(o, "fn", name, dwarf_dieoffset(&die)) < 0)
			return -1;
		if (tag == DW_TAG_variable && name && depth == 0 && index_add(o, "var", name, dwarf_dieoffset(&die)) < 0)
			return -1;
		if ((tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block) && index_children(o, &die, depth + 1) < 0)
			return -1;
	} while (dwarf_siblingof(&die, &die) == 0);
	return 0;
}

void dw_close(struct dw_object *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].key);
	free(o->v);
	if (o->dwfl)
		dwfl_end(o->dwfl);
	memset(o, 0, sizeof(*o));
}

/* Opens path's DWARF; 1 when it has none, 0 when opened, -1 on failure (why in err). */
int dw_open(struct dw_object *o, const char *path, char *err, size_t len)
{
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Off off = 0, next;
	size_t hsize;

	memset(o, 0, sizeof(*o));
	if (!(o->dwfl = dwfl_begin(&callbacks)) || !(mod = dwfl_report_offline(o->dwfl, "", path, -1)) ||
	    dwfl_report_end(o->dwfl, NULL, NULL) != 0) {
		snprintf(err, len, "%s: %s", path, dwfl_errmsg(-1));
		dw_close(o);
		return -1;
	}
	if (!(o->dw = dwfl_module_getdwarf(mod, &bias))) {
		dw_close(o);
		return 1;
	}
	while (dwarf_nextcu(o->dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(o->dw, off + hsize, &cu) && index_children(o, &cu, 0) < 0) {
			snprintf(err, len, "out of memory");
			dw_close(o);
			return -1;
		}
		off = next;
	}
	return 0;
}

bool dw_find(struct dw_object *o, const char *key, Dwarf_Die *die)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].key, key))
			return dwarf_offdie(o->dw, o->v[i].off, die) != NULL;
	return false;
}

/* The type a DIE has (through its abstract origin for inlined copies). */
bool dw_type_of(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, DW_AT_type, &attr) && dwarf_formref_die(&attr, type);
}

/* Skips typedefs and qualifiers; false for void. */
bool dw_strip(Dwarf_Die *type)
{
	for (int i = 0; i < 32; i++) {
		switch (dwarf_tag(type)) {
		case DW_TAG_typedef:
		case DW_TAG_const_type:
		case DW_TAG_volatile_type:
		case DW_TAG_restrict_type:
		case DW_TAG_atomic_type:
			if (!dw_type_of(type, type))
				return false;
			break;
		default:
			return true;
		}
	}
	return false;
}

Dwarf_Word dw_udata(Dwarf_Die *die, int name)
{
	Dwarf_Attribute attr;
	Dwarf_Word v = 0;

	if (dwarf_attr_integrate(die, name, &attr))
		dwarf_formudata(&attr, &v);
	return v;
}

/* How a member of this type is laid out (not what its type is called). */
void dw_shape_of(Dwarf_Die *type, char *buf, size_t len, int depth)
{
	Dwarf_Die t = *type, child;
	const char *name;

	if (!dw_strip(&t)) {
		text_append(buf, len, "void");
		return;
	}
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type:
		text_append(buf, len, "b%llu:%llu", (unsigned long long)dw_udata(&t, DW_AT_encoding),
		       (unsigned long long)dw_udata(&t, DW_AT_byte_size));
		return;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		text_append(buf, len, "ptr");
		return;
	case DW_TAG_array_type:
		if (dw_type_of(&t, &child))
			dw_shape_of(&child, buf, len, depth);
		if (dwarf_child(&t, &child) == 0) {
			do {
				Dwarf_Word count = dw_udata(&child, DW_AT_count);

				if (!count && dwarf_hasattr(&child, DW_AT_upper_bound))
					count = dw_udata(&child, DW_AT_upper_bound) + 1;
				text_append(buf, len, "[%llu]", (unsigned long long)count);
			} while (dwarf_siblingof(&child, &child) == 0);
		}
		return;
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		name = dwarf_diename(&t);
		if (name) {
			text_append(buf, len, "%s %s:%llu", dw_aggregate_kind(dwarf_tag(&t)), name,
			       (unsigned long long)dw_udata(&t, DW_AT_byte_size));
		} else if (depth < DW_MAX_DEPTH) {
			/* Anonymous: its layout is part of the enclosing one. */
			text_append(buf, len, "{");
			dw_layout_of(&t, buf, len, depth + 1);
			text_append(buf, len, "}");
		}
		return;
	case DW_TAG_subroutine_type:
		text_append(buf, len, "fn");
		return;
	default:
		text_append(buf, len, "tag%d", dwarf_tag(&t));
	}
}

/* "size;member@offset=shape;..." or "size;enumerator=value;..." */
void dw_layout_of(Dwarf_Die *agg, char *buf, size_t len, int depth)
{
	Dwarf_Die m, type;

	text_append(buf, len, "%llu;", (unsigned long long)dw_udata(agg, DW_AT_byte_size));
	if (dwarf_child(agg, &m) != 0)
		return;
	do {
		const char *name = dwarf_diename(&m);
		Dwarf_Attribute attr;
		Dwarf_Sword value = 0;

		if (dwarf_tag(&m) == DW_TAG_enumerator) {
			if (dwarf_attr(&m, DW_AT_const_value, &attr))
				dwarf_formsdata(&attr, &value);
			text_append(buf, len, "%s=%lld;", name ? name : "?", (long long)value);
			continue;
		}
		if (dwarf_tag(&m) != DW_TAG_member)
			continue;
		text_append(buf, len, "%s@%llu", name ? name : "", (unsigned long long)dw_udata(&m, DW_AT_data_member_location));
		if (dwarf_hasattr(&m, DW_AT_bit_size))
			text_append(buf, len, ".%llu:%llu", (unsigned long long)dw_udata(&m, DW_AT_data_bit_offset),
			       (unsigned long long)dw_udata(&m, DW_AT_bit_size));
		text_append(buf, len, "=");
		if (dw_type_of(&m, &type))
			dw_shape_of(&type, buf, len, depth);
		text_append(buf, len, ";");
	} while (dwarf_siblingof(&m, &m) == 0);
}
