/* The diff engine on original/patched C source pairs (tests/unit/diff-cases/NAME.{orig,patched}.c),
 * compiled by kbuild with the kernel's own flags: each case asserts the engine's decisions, what it
 * includes, what it references, and which special-section entries it carries. */
#define _GNU_SOURCE
#include "harness.h"
#include "test_diff_case.h"

#include <elf.h>
#include <string.h>
#include <unistd.h>

#define OPEN(c, name)                                                          \
	struct diff_case c;                                                    \
	if (diff_case_open(&c, name) < 0)                                      \
		return

/* Relocations in section sec of obj that point at symbol name. */
static size_t relocs_to(const struct elf_object *obj, const char *sec, const char *name)
{
	const struct elf_section *s = elf_find_section(obj, sec);
	size_t n = 0;

	for (size_t i = 0; s && i < s->nr_relocs; i++)
		n += !strcmp(s->relocs[i].sym->name, name);
	return n;
}

static int defined_in(const struct elf_object *obj, const char *name)
{
	const struct elf_symbol *s = elf_find_symbol(obj, name);

	return s && s->sec;
}

static int undefined_in(const struct elf_object *obj, const char *name)
{
	const struct elf_symbol *s = elf_find_symbol(obj, name);

	return s && !s->sec && s->shndx == SHN_UNDEF;
}

TEST(diff_body_change)
{
	OPEN(c, "body");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "body_value"), "changed");
	CHECK_STR(diff_case_status(&c, "body_untouched"), "unchanged");
	CHECK(diff_case_count_decided(&c) == 1);
	out = diff_case_output(&c);
	CHECK(out && defined_in(out, "body_value") && !elf_find_symbol(out, "body_untouched"));
	CHECK(out && undefined_in(out, "__fentry__"));
	diff_case_close(&c);
}

TEST(diff_new_static_helper)
{
	OPEN(c, "new_helper");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "nh_helper"), "new");
	CHECK_STR(diff_case_status(&c, "nh_entry"), "changed");
	out = diff_case_output(&c);
	CHECK(out && defined_in(out, "nh_helper") && defined_in(out, "nh_entry"));
	CHECK(out && relocs_to(out, ".text.nh_entry", "nh_helper") == 1);
	diff_case_close(&c);
}

TEST(diff_removed_call)
{
	OPEN(c, "removed_call");
	CHECK_STR(diff_case_status(&c, "rc_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "rc_check"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_static_local_kept_and_referenced)
{
	OPEN(c, "static_local");
	struct elf_object *out;
	const struct diff_reference *ref;
	const char *local = NULL;

	CHECK_STR(diff_case_status(&c, "sl_count"), "changed");
	for (size_t i = 0; i < c.d.nr_decisions; i++)
		if (!strncmp(c.d.decisions[i].name, "calls.", 6))
			local = c.d.decisions[i].name;
	CHECK(local != NULL);
	if (local) {
		CHECK_STR(diff_case_status(&c, local), "unchanged");
		CHECK(!diff_case_included(&c, local));
	}
	out = diff_case_output(&c);
	ref = local ? diff_case_ref(&c, local) : NULL;
	CHECK(ref && ref->local && !ref->function);
	CHECK(out && local && undefined_in(out, local));
	/* The local reference is listed for the klp stage. */
	CHECK(out && local && elf_find_section(out, ".suture.local_refs") &&
	      !strcmp((char *)elf_find_section(out, ".suture.local_refs")->data, local));
	diff_case_close(&c);
}

TEST(diff_static_local_renumbered)
{
	OPEN(c, "static_renumber");
	/* gcc numbers static locals backwards: the new sr_fourth takes hits.0, the others shift by one. */
	CHECK_STR(diff_case_status(&c, "sr_first"), "unchanged");
	CHECK_STR(diff_case_status(&c, "sr_second"), "unchanged");
	CHECK_STR(diff_case_status(&c, "sr_third"), "changed");
	CHECK_STR(diff_case_status(&c, "sr_fourth"), "new");
	CHECK_STR(diff_case_status(&c, "hits.0"), "new");
	CHECK(c.d.decision_of[elf_find_symbol(c.patched, "hits.3")->index]->orig ==
	      elf_find_symbol(c.orig, "hits.2"));
	CHECK(c.d.decision_of[elf_find_symbol(c.patched, "hits.1")->index]->orig ==
	      elf_find_symbol(c.orig, "hits.0"));
	diff_case_close(&c);
}

TEST(diff_ipa_clone_appears)
{
	OPEN(c, "clone_appear");
	CHECK_STR(diff_case_status(&c, "ca_scale.constprop.0"), "new");
	CHECK_STR(diff_case_status(&c, "ca_entry"), "changed");
	CHECK(diff_case_included(&c, "ca_scale.constprop.0"));
	diff_case_close(&c);
}

TEST(diff_ipa_clone_disappears)
{
	/* The same pair read backwards: the clone is gone, its caller changed, nothing refers to it. */
	struct diff_case c;
	char err[256];

	if (diff_case_open(&c, "clone_appear") < 0)
		return;
	diff_free(&c.d);
	CHECK(diff_run(&c.d, c.patched, c.orig, &c.layout, err, sizeof(err)) == 0);
	CHECK_STR(diff_case_status(&c, "ca_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "ca_scale"), "new");
	CHECK_STR(diff_case_status(&c, "ca_scale.constprop.0"), "none");
	diff_case_close(&c);
}

TEST(diff_ipa_clone_kept)
{
	OPEN(c, "clone_kept");
	CHECK_STR(diff_case_status(&c, "ck_scale.constprop.0"), "unchanged");
	CHECK_STR(diff_case_status(&c, "ck_entry"), "unchanged");
	CHECK_STR(diff_case_status(&c, "ck_other"), "changed");
	diff_case_close(&c);
}

TEST(diff_cold_split)
{
	OPEN(c, "cold_split");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "cs_entry.cold"), "changed");
	CHECK_STR(diff_case_status(&c, "cs_entry"), "changed");
	CHECK(diff_case_included(&c, "cs_entry.cold"));
	out = diff_case_output(&c);
	CHECK(out && defined_in(out, "cs_entry") && defined_in(out, "cs_entry.cold"));
	diff_case_close(&c);
}

TEST(diff_cold_part_new)
{
	OPEN(c, "cold_new");
	CHECK_STR(diff_case_status(&c, "cn_entry.cold"), "new");
	CHECK_STR(diff_case_status(&c, "cn_entry"), "changed");
	CHECK(diff_case_included(&c, "cn_entry.cold"));
	diff_case_close(&c);
}

TEST(diff_line_only_warn_is_noop)
{
	OPEN(c, "line_only");
	CHECK_STR(diff_case_status(&c, "lo_entry"), "no-op");
	CHECK(!diff_case_included(&c, "lo_entry"));
	diff_case_close(&c);
}

TEST(diff_line_only_printk_is_noop)
{
	OPEN(c, "line_printk");
	CHECK_STR(diff_case_status(&c, "lp_entry"), "no-op");
	diff_case_close(&c);
}

TEST(diff_warn_moved_by_other_change)
{
	OPEN(c, "warn_line");
	CHECK_STR(diff_case_status(&c, "wl_first"), "changed");
	CHECK_STR(diff_case_status(&c, "wl_second"), "no-op");
	diff_case_close(&c);
}

TEST(diff_string_change)
{
	OPEN(c, "string_change");
	struct elf_object *out;
	const struct elf_section *str = NULL;

	CHECK_STR(diff_case_status(&c, "sc_entry"), "changed");
	out = diff_case_output(&c);
	for (size_t i = 1; out && i < out->nr_sections; i++)
		if (out->sections[i]->flags & SHF_STRINGS)
			str = out->sections[i];
	/* The new string travels with the code. */
	CHECK(str && memmem(str->data, str->size, "the value is", 12));
	diff_case_close(&c);
}

TEST(diff_strings_moved_not_changed)
{
	OPEN(c, "string_moved");
	CHECK_STR(diff_case_status(&c, "sm_first"), "changed");
	CHECK_STR(diff_case_status(&c, "sm_second"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_new_global_included)
{
	OPEN(c, "new_global");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "ng_limit"), "new");
	CHECK_STR(diff_case_status(&c, "ng_entry"), "changed");
	CHECK(diff_case_included(&c, "ng_limit"));
	out = diff_case_output(&c);
	CHECK(out && defined_in(out, "ng_limit"));
	diff_case_close(&c);
}

TEST(diff_new_static_data_included)
{
	OPEN(c, "new_static_data");
	CHECK_STR(diff_case_status(&c, "nsd_bias"), "new");
	CHECK(diff_case_included(&c, "nsd_bias"));
	diff_case_close(&c);
}

TEST(diff_changed_initializer_refused)
{
	OPEN(c, "changed_init");
	CHECK_STR(diff_case_status(&c, "ci_limit"), "refused");
	CHECK(strstr(diff_case_reason(&c, "ci_limit"), "changes the initial value of global 'ci_limit'"));
	CHECK(strstr(diff_case_reason(&c, "ci_limit"), "shadow variable"));
	diff_case_close(&c);
}

TEST(diff_refused_writes_no_output)
{
	OPEN(c, "changed_init");
	char err[256] = "";

	CHECK(diff_write_output(&c.d, "/tmp/suture-refused.o", err, sizeof(err)) < 0);
	CHECK(strstr(err, "refused") && access("/tmp/suture-refused.o", F_OK) < 0);
	diff_case_close(&c);
}

TEST(diff_static_initializer_refused)
{
	OPEN(c, "static_init");
	CHECK_STR(diff_case_status(&c, "si_level"), "refused");
	CHECK(strstr(diff_case_reason(&c, "si_level"), "static 'si_level'"));
	diff_case_close(&c);
}

TEST(diff_struct_size_refused)
{
	OPEN(c, "struct_size");
	CHECK_STR(diff_case_status(&c, "ss_global"), "refused");
	CHECK(strstr(diff_case_reason(&c, "ss_global"), "changes the size of global 'ss_global' from 8 to 16 bytes"));
	diff_case_close(&c);
}

TEST(diff_bss_zero_initializer_unchanged)
{
	OPEN(c, "bss_to_data");
	CHECK(diff_case_count_decided(&c) == 0);
	diff_case_close(&c);
}

TEST(diff_init_function_refused)
{
	OPEN(c, "init_change");
	CHECK_STR(diff_case_status(&c, "ic_setup"), "refused");
	CHECK(strstr(diff_case_reason(&c, "ic_setup"), ".init.text"));
	diff_case_close(&c);
}

TEST(diff_exit_function_refused)
{
	OPEN(c, "exit_change");
	CHECK_STR(diff_case_status(&c, "ec_teardown"), "refused");
	CHECK(strstr(diff_case_reason(&c, "ec_teardown"), ".exit.text"));
	diff_case_close(&c);
}

TEST(diff_init_data_refused)
{
	OPEN(c, "init_data");
	CHECK_STR(diff_case_status(&c, "id_values"), "refused");
	CHECK(strstr(diff_case_reason(&c, "id_values"), "init data"));
	diff_case_close(&c);
}

TEST(diff_notrace_refused)
{
	OPEN(c, "notrace");
	CHECK_STR(diff_case_status(&c, "nt_entry"), "refused");
	CHECK(strstr(diff_case_reason(&c, "nt_entry"), "no __fentry__ call"));
	/* Who could be patched instead. */
	CHECK(strstr(diff_case_reason(&c, "nt_entry"), "patch its callers instead: nt_caller)"));
	CHECK_STR(diff_case_status(&c, "nt_caller"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_notrace_static_carried_for_its_callers)
{
	OPEN(c, "notrace_static");
	CHECK_STR(diff_case_status(&c, "ns_body"), "carried");
	CHECK(strstr(diff_case_reason(&c, "ns_body"), "ns_caller"));
	CHECK(diff_case_included(&c, "ns_body"));
	CHECK_STR(diff_case_status(&c, "ns_caller"), "changed");
	CHECK_STR(diff_case_status(&c, "ns_other_caller"), "changed");
	CHECK(diff_case_included(&c, "ns_caller") && diff_case_included(&c, "ns_other_caller"));
	CHECK_STR(diff_case_status(&c, "ns_unrelated"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_static_inline_copy_refused)
{
	OPEN(c, "static_inline");
	CHECK_STR(diff_case_status(&c, "si_helper"), "refused");
	CHECK(strstr(diff_case_reason(&c, "si_helper"), "notrace"));
	diff_case_close(&c);
}

TEST(diff_noinstr_refused)
{
	OPEN(c, "noinstr");
	CHECK_STR(diff_case_status(&c, "ni_entry"), "refused");
	CHECK(strstr(diff_case_reason(&c, "ni_entry"), ".noinstr.text"));
	diff_case_close(&c);
}

TEST(diff_switch_jump_table)
{
	OPEN(c, "switch_table");
	struct elf_object *out;
	const struct elf_section *table;

	CHECK_STR(diff_case_status(&c, "st_pick"), "changed");
	/* st_same's jump table moved nowhere but is compared by content: unchanged. */
	CHECK_STR(diff_case_status(&c, "st_same"), "unchanged");
	out = diff_case_output(&c);
	table = out ? elf_find_section(out, ".rodata.st_pick") : NULL;
	/* Its entries point into the new st_pick. */
	CHECK(table && table->nr_relocs == 6 && relocs_to(out, ".rodata.st_pick", "st_pick") == 6);
	CHECK(out && !elf_find_section(out, ".rodata.st_same"));
	diff_case_close(&c);
}

TEST(diff_pointer_to_unchanged_static_function)
{
	OPEN(c, "func_pointer");
	const struct diff_reference *ref;

	CHECK_STR(diff_case_status(&c, "fp_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "fp_double"), "unchanged");
	CHECK(diff_case_output(&c) != NULL);
	ref = diff_case_ref(&c, "fp_double");
	CHECK(ref && ref->local && ref->function);
	ref = diff_case_ref(&c, "fp_apply");
	CHECK(ref && !ref->local && ref->function);
	diff_case_close(&c);
}

TEST(diff_pointer_to_new_static_function)
{
	OPEN(c, "func_pointer_new");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "fpn_triple"), "new");
	out = diff_case_output(&c);
	CHECK(out && defined_in(out, "fpn_triple") && !diff_case_ref(&c, "fpn_triple"));
	diff_case_close(&c);
}

TEST(diff_func_name)
{
	OPEN(c, "func_name");
	struct elf_object *out;
	const struct elf_symbol *name;
	int found = 0;

	CHECK_STR(diff_case_status(&c, "fn_first"), "changed");
	CHECK_STR(diff_case_status(&c, "fn_zero"), "new");
	/* fn_second's __func__ object was renumbered, yet nothing in it changed. */
	CHECK_STR(diff_case_status(&c, "fn_second"), "unchanged");
	out = diff_case_output(&c);
	/* __func__ is read-only: copied with its function, so "fn_first" is in the output. */
	for (size_t i = 1; out && i < out->nr_symbols; i++) {
		name = out->symbols[i];
		if (!strncmp(name->name, "__func__.", 9) && name->sec && name->sec->data &&
		    !strcmp((char *)name->sec->data + name->value, "fn_first"))
			found = 1;
	}
	CHECK(found);
	diff_case_close(&c);
}

TEST(diff_jump_label)
{
	OPEN(c, "jump_label");
	struct elf_object *out;
	const struct diff_reference *key;

	CHECK_STR(diff_case_status(&c, "jl_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "jl_other"), "unchanged");
	out = diff_case_output(&c);
	/* Only jl_entry's entry is carried; it points at the running kernel's key. */
	CHECK(out && diff_case_entries(&c, out, "__jump_table") == 1);
	CHECK(out && relocs_to(out, "__jump_table", "jl_key") == 1);
	key = diff_case_ref(&c, "jl_key");
	CHECK(key && !key->local && !key->function);
	diff_case_close(&c);
}

TEST(diff_jump_label_flipped)
{
	OPEN(c, "jump_label_flip");
	CHECK_STR(diff_case_status(&c, "jf_entry"), "changed");
	diff_case_close(&c);
}

TEST(diff_bug_table)
{
	OPEN(c, "bug_table");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "bt_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "bt_other"), "unchanged");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, "__bug_table") == 1);
	CHECK(out && relocs_to(out, "__bug_table", "bt_entry") == 1);
	diff_case_close(&c);
}

TEST(diff_exception_table)
{
	OPEN(c, "ex_table");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "et_entry"), "changed");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, "__ex_table") >= 1);
	CHECK(out && diff_case_entries(&c, out, "__ex_table") ==
		     diff_case_entries(&c, c.patched, "__ex_table"));
	diff_case_close(&c);
}

TEST(diff_alternative_replacement_only)
{
	OPEN(c, "alternatives");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "al_entry"), "changed");
	CHECK(strstr(diff_case_reason(&c, "al_entry"), "replacement"));
	CHECK_STR(diff_case_status(&c, "al_other"), "unchanged");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, ".altinstructions") == 1);
	CHECK(out && elf_find_section(out, ".altinstr_replacement"));
	diff_case_close(&c);
}

TEST(diff_static_call)
{
	OPEN(c, "static_call");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "stc_entry"), "changed");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, ".static_call_sites") == 1);
	diff_case_close(&c);
}

TEST(diff_retpoline_and_return_sites)
{
	OPEN(c, "retpoline");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "rp_entry"), "changed");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, ".retpoline_sites") == 1);
	CHECK(out && diff_case_entries(&c, out, ".return_sites") >= 1);
	CHECK(out && undefined_in(out, "__x86_return_thunk"));
	diff_case_close(&c);
}

TEST(diff_orc_and_mcount_carried)
{
	OPEN(c, "body");
	struct elf_object *out;
	size_t orc;

	out = diff_case_output(&c);
	orc = out ? diff_case_entries(&c, out, ".orc_unwind") : 0;
	/* body_value's ORC entries only (body_untouched has its own in the input). */
	CHECK(orc >= 1 && orc == diff_case_entries(&c, out, ".orc_unwind_ip"));
	CHECK(orc < diff_case_entries(&c, c.patched, ".orc_unwind"));
	CHECK(out && diff_case_entries(&c, out, "__mcount_loc") == 1);
	diff_case_close(&c);
}

TEST(diff_printk_index_absent_in_config)
{
	OPEN(c, "string_change");
	/* Debian 6.1 has CONFIG_PRINTK_INDEX off: no entries to carry, and none are made up. */
	CHECK(!elf_find_section(c.patched, ".printk_index"));
	CHECK(special_layout_get(&c.layout, ".printk_index") == 0);
	diff_case_close(&c);
}

TEST(diff_exports_changed_refused)
{
	OPEN(c, "exports");
	CHECK_STR(diff_case_status(&c, "exports"), "refused");
	CHECK(strstr(diff_case_reason(&c, "exports"), "added: ex_other"));
	diff_case_close(&c);
}

TEST(diff_new_global_function)
{
	OPEN(c, "new_function");
	CHECK_STR(diff_case_status(&c, "nf_added"), "new");
	CHECK_STR(diff_case_status(&c, "nf_entry"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_removed_function)
{
	OPEN(c, "removed_function");
	CHECK_STR(diff_case_status(&c, "rf_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "rf_gone"), "none");
	diff_case_close(&c);
}

TEST(diff_reference_to_existing_global)
{
	OPEN(c, "global_ref");
	const struct diff_reference *ref;

	CHECK_STR(diff_case_status(&c, "gr_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "gr_limit"), "unchanged");
	CHECK(diff_case_output(&c) != NULL);
	ref = diff_case_ref(&c, "gr_limit");
	CHECK(ref && !ref->local && !ref->function);
	CHECK(!diff_case_included(&c, "gr_limit"));
	diff_case_close(&c);
}

TEST(diff_reference_to_existing_static)
{
	OPEN(c, "static_ref");
	const struct diff_reference *ref;

	CHECK_STR(diff_case_status(&c, "srf_entry"), "changed");
	CHECK(diff_case_output(&c) != NULL);
	ref = diff_case_ref(&c, "sr_state");
	CHECK(ref && ref->local);
	diff_case_close(&c);
}

TEST(diff_const_table_copied_with_users)
{
	OPEN(c, "const_table");
	CHECK_STR(diff_case_status(&c, "ct_entry"), "changed");
	CHECK_STR(diff_case_status(&c, "ct_other"), "unchanged");
	CHECK(diff_case_included(&c, "ct_table"));
	diff_case_close(&c);
}

TEST(diff_const_pointer_table_keeps_relocations)
{
	struct elf_object *out;
	struct elf_section *sec;

	OPEN(c, "const_ptr_table");
	CHECK_STR(diff_case_status(&c, "cp_name"), "changed");
	CHECK(diff_case_included(&c, "cp_names"));
	out = diff_case_output(&c);
	CHECK(out != NULL);
	sec = out ? elf_find_section(out, ".rodata.cp_names") : NULL;
	CHECK(sec != NULL);
	/* Four pointers, four relocations: without them the copy would be a table of NULLs. */
	CHECK(sec && sec->nr_relocs == 4);
	diff_case_close(&c);
}

TEST(diff_readonly_local_resized_is_copied)
{
	const struct diff_decision *msg;

	OPEN(c, "readonly_resized");
	CHECK_STR(diff_case_status(&c, "rr_message"), "changed");
	msg = diff_find(&c.d, "msg.0");
	if (!msg)
		msg = diff_find(&c.d, "msg.1");
	CHECK(!msg || msg->status != DIFF_REFUSED);
	CHECK(diff_case_count_decided(&c) >= 1);
	for (size_t i = 0; i < c.d.nr_decisions; i++)
		CHECK(c.d.decisions[i].status != DIFF_REFUSED);
	diff_case_close(&c);
}

TEST(diff_identical_file)
{
	OPEN(c, "unchanged");
	CHECK(diff_case_count_decided(&c) == 0);
	CHECK_STR(diff_case_status(&c, "un_entry"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_caller_of_changed_function)
{
	OPEN(c, "caller_of_changed");
	CHECK_STR(diff_case_status(&c, "cc_callee"), "changed");
	CHECK_STR(diff_case_status(&c, "cc_caller"), "unchanged");
	diff_case_close(&c);
}

TEST(diff_percpu_reference)
{
	OPEN(c, "percpu");
	CHECK_STR(diff_case_status(&c, "pc_entry"), "changed");
	CHECK(diff_case_output(&c) != NULL);
	CHECK(diff_case_ref(&c, "pc_counter") != NULL);
	diff_case_close(&c);
}

TEST(diff_lock_prefix)
{
	OPEN(c, "locks");
	struct elf_object *out;

	CHECK_STR(diff_case_status(&c, "lk_entry"), "changed");
	out = diff_case_output(&c);
	CHECK(out && diff_case_entries(&c, out, ".smp_locks") == diff_case_entries(&c, c.patched, ".smp_locks"));
	diff_case_close(&c);
}

TEST(diff_printk_once_flag_referenced)
{
	OPEN(c, "printk_once");
	int found = 0;

	/* The flag is reached as `cmpb $0, .data.once-5(%rip)`: an operand bias of 5, not 4. */
	CHECK_STR(diff_case_status(&c, "po_entry"), "changed");
	CHECK(diff_case_output(&c) != NULL);
	for (size_t i = 0; i < c.d.nr_refs; i++)
		found |= c.d.refs[i].local && !strncmp(c.d.refs[i].name, "__already_done.", 15);
	CHECK(found);
	diff_case_close(&c);
}

TEST(diff_dyndbg_line_only)
{
	OPEN(c, "dyndbg_line");
	const char *desc = NULL;

	CHECK_STR(diff_case_status(&c, "dd_first"), "changed");
	CHECK_STR(diff_case_status(&c, "dd_second"), "unchanged");
	for (size_t i = 0; i < c.d.nr_decisions; i++)
		if (!strncmp(c.d.decisions[i].name, "__UNIQUE_ID_ddebug", 18))
			desc = c.d.decisions[i].name;
	CHECK(desc && !strcmp(diff_case_status(&c, desc), "no-op"));
	diff_case_close(&c);
}

TEST(diff_lock_keys_renumbered)
{
	OPEN(c, "lock_keys");
	/* lk_other's new mutex takes __key.0; lk_init's key became __key.1 and is the same variable. */
	CHECK_STR(diff_case_status(&c, "lk_other"), "changed");
	CHECK_STR(diff_case_status(&c, "lk_init"), "unchanged");
	CHECK_STR(diff_case_status(&c, "__key.0"), "new");
	CHECK(c.d.decision_of[elf_find_symbol(c.patched, "__key.1")->index]->orig == elf_find_symbol(c.orig, "__key.0"));
	diff_case_close(&c);
}

TEST(diff_dyndbg_and_func_renumbered)
{
	OPEN(c, "dyndbg_func");
	/* __func__.N and __UNIQUE_ID_ddebugN.M all shift; the old ones pair through code and descriptors. */
	CHECK_STR(diff_case_status(&c, "df_first"), "unchanged");
	CHECK_STR(diff_case_status(&c, "df_second"), "unchanged");
	CHECK_STR(diff_case_status(&c, "df_third"), "new");
	CHECK_STR(diff_case_status(&c, "__func__.0"), "new");
	CHECK(c.d.decision_of[elf_find_symbol(c.patched, "__func__.2")->index]->orig ==
	      elf_find_symbol(c.orig, "__func__.1"));
	/* The new function, its name and its descriptor: nothing else. */
	CHECK(diff_case_count_decided(&c) == 3);
	diff_case_close(&c);
}
