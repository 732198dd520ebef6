/* Target modules removed during a transition (manager/targets.h), on a fake sysfs: which modules a
 * patch held when it went in, the line a finished load prints when one of them went, and the
 * remark about reloading when the patch holds livepatch relocations into it. */
#include "harness.h"
#include "test_manager_fixture.h"

#include "manager/targets.h"

#include <stdio.h>
#include <stdlib.h>

/* A patch to vmlinux (patched) and two modules: mod_a loaded and patched, mod_b not loaded. */
static void patch_on_two_modules(const char *vmlinux_patched)
{
	fake_file("sys/kernel/livepatch/lp/enabled", "1\n");
	fake_file("sys/kernel/livepatch/lp/transition", "1\n");
	fake_file("sys/kernel/livepatch/lp/vmlinux/patched", vmlinux_patched);
	fake_dir("sys/kernel/livepatch/lp/vmlinux/cmdline_proc_show,1");
	fake_file("sys/kernel/livepatch/lp/mod_a/patched", "1\n");
	fake_dir("sys/kernel/livepatch/lp/mod_a/mod_a_fn,1");
	fake_file("sys/kernel/livepatch/lp/mod_b/patched", "0\n");
	fake_dir("sys/kernel/livepatch/lp/mod_b/mod_b_fn,1");
}

TEST(manager_targets_patched_lists_loaded_modules_only)
{
	struct strv mods = { 0 };

	fake_root();
	patch_on_two_modules("1\n");
	CHECK(targets_patched("lp", &mods) == 0);
	CHECK(mods.n == 1);
	CHECK(mods.n == 1 && strv_has(&mods, "mod_a"));
	strv_free(&mods);
	CHECK(targets_patched("absent", &mods) < 0);
}

TEST(manager_targets_none_gone)
{
	struct strv before = { 0 };
	char line[512] = "";

	fake_root();
	patch_on_two_modules("1\n");
	CHECK(targets_patched("lp", &before) == 0);
	fake_file("sys/kernel/livepatch/lp/transition", "0\n");
	CHECK(targets_gone_line("lp", fake_path("none.ko"), &before, line, sizeof(line)) == 0);
	CHECK_STR(line, "");
	strv_free(&before);
}

TEST(manager_targets_module_removed_during_transition)
{
	struct strv before = { 0 };
	char line[512];

	fake_root();
	patch_on_two_modules("1\n");
	CHECK(targets_patched("lp", &before) == 0);
	/* klp_module_going: the kernel unpatches mod_a as it goes; vmlinux stays patched. */
	fake_file("sys/kernel/livepatch/lp/mod_a/patched", "0\n");
	CHECK(targets_gone_line("lp", fake_path("none.ko"), &before, line, sizeof(line)) == 1);
	CHECK_STR(line, "loaded, but its target module mod_a was removed during the transition and the "
			"kernel unpatched it (mod_a is patched again when it is loaded)");
	/* With vmlinux unpatched too, nothing of the patch is in effect. */
	fake_file("sys/kernel/livepatch/lp/vmlinux/patched", "0\n");
	CHECK(targets_gone_line("lp", fake_path("none.ko"), &before, line, sizeof(line)) == 1);
	CHECK_STR(line, "loaded, but it patches nothing now: its target module mod_a was removed during "
			"the transition and the kernel unpatched it (mod_a is patched again when it is loaded)");
	strv_free(&before);
}

TEST(manager_targets_relocations_block_the_reload)
{
	struct strv before = { 0 };
	char line[512], cmd[8192];

	fake_root();
	patch_on_two_modules("0\n");
	/* What ko_relocated_modules looks for: a .klp.rela.<module>.<section> section. */
	fake_file("relocs.c", "__attribute__((section(\".klp.rela.mod_a..text.mod_a_fn\"), used)) "
			      "static const char r[8];\n");
	snprintf(cmd, sizeof(cmd), "gcc -c -o '%s' ", fake_path("relocs.ko"));
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), "'%s'", fake_path("relocs.c"));
	CHECK(system(cmd) == 0);
	CHECK(targets_patched("lp", &before) == 0);
	fake_file("sys/kernel/livepatch/lp/mod_a/patched", "0\n");
	CHECK(targets_gone_line("lp", fake_path("relocs.ko"), &before, line, sizeof(line)) == 1);
	CHECK_STR(line, "loaded, but it patches nothing now: its target module mod_a was removed during "
			"the transition and the kernel unpatched it (mod_a cannot be loaded again until lp "
			"is unloaded: this kernel keeps the patch's relocations into it)");
	strv_free(&before);
}
