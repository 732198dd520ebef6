// SPDX-License-Identifier: GPL-2.0
/*
 * The livepatch the package tests ship: while it is enabled, /proc/cmdline reads
 * "suture package test v<N>", N being PKG_VERSION (the packages suite builds it as version 1
 * and 2, the fleet test as 3). Its fix id shows in the fleet report.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

#ifndef PKG_VERSION
#define PKG_VERSION 1
#endif

static int patched_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "suture package test v%d\n", PKG_VERSION);
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
};

static int livepatch_pkg_init(void)
{
	return klp_enable_patch(&patch);
}

static void livepatch_pkg_exit(void)
{
}

module_init(livepatch_pkg_init);
module_exit(livepatch_pkg_exit);
MODULE_DESCRIPTION("suture test: a packaged livepatch of cmdline_proc_show");
MODULE_VERSION(__stringify(PKG_VERSION));
MODULE_INFO(suture_fix_id, "SUTURE-TEST-1");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
