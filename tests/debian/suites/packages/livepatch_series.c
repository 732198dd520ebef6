// SPDX-License-Identifier: GPL-2.0
/*
 * The steps of a livepatch series the package tests ship under one package name: while step N
 * is enabled, /proc/cmdline reads "suture series step N". prepare builds step 1 as a plain
 * patch (livepatch_series_1) and step 2 as a cumulative one (livepatch_series_2, replace).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

static int patched_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "suture series step %d\n", SERIES_STEP);
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
	.replace = SERIES_REPLACE,
};

static int livepatch_series_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_series_exit(void)
{
}

module_init(livepatch_series_init);
module_exit(livepatch_series_exit);
MODULE_DESCRIPTION("suture test: one step of a packaged livepatch series");
MODULE_VERSION(__stringify(SERIES_STEP));
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
