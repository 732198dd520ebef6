// SPDX-License-Identifier: GPL-2.0
/* A livepatch replacing stall_target_park() in the stall_target module: its transition cannot
 * finish while stall_parker sleeps in the original. */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/livepatch.h>
#include <linux/module.h>

static int livepatch_stall_target_park(void)
{
	msleep_interruptible(100);
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "stall_target_park", .new_func = livepatch_stall_target_park },
	{}
};

static struct klp_object objs[] = {
	{ .name = "stall_target", .funcs = funcs },
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init stall_patch_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit stall_patch_exit(void)
{
}

module_init(stall_patch_init);
module_exit(stall_patch_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
