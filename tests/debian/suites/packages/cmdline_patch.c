// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch the package and fleet tests ship, in several versions: while it is enabled,
 * /proc/cmdline reads CMDLINE_TEXT. Whoever builds it defines CMDLINE_TEXT, PATCH_VERSION (the
 * module's version, so the package's) and PATCH_REPLACE (a cumulative patch), and names the
 * file after the module it wants (prepare, tests/debian/fleet).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int patched_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, CMDLINE_TEXT "\n");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = patched_cmdline_proc_show },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = PATCH_REPLACE,
};

static int cmdline_patch_init(void)
{
	return klp_enable_patch(&patch);
}

static void cmdline_patch_exit(void)
{
}

module_init(cmdline_patch_init);
module_exit(cmdline_patch_exit);
MODULE_DESCRIPTION("suture test: a packaged livepatch of cmdline_proc_show");
MODULE_VERSION(__stringify(PATCH_VERSION));
MODULE_INFO(suture_fix_id, "SUTURE-TEST-1");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
