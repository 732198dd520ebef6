// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest useful livepatch: while it is enabled, reading /proc/cmdline shows a fixed
 * line instead of the boot command line. It replaces one function of vmlinux,
 * cmdline_proc_show() in fs/proc/cmdline.c, and nothing else.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

/* Same signature as the function it replaces: the kernel calls it in its place. */
static int patched_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "live patched by the suture cmdline example\n");
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = patched_cmdline_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* .name NULL: the function lives in vmlinux, not in a module. */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int livepatch_cmdline_init(void)
{
	return klp_enable_patch(&patch);
}

/*
 * Nothing to undo: the module can only be removed after the patch was disabled through
 * /sys/kernel/livepatch/livepatch_cmdline/enabled and the transition finished.
 */
static void livepatch_cmdline_exit(void)
{
}

module_init(livepatch_cmdline_init);
module_exit(livepatch_cmdline_exit);
MODULE_DESCRIPTION("suture example: replace cmdline_proc_show");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
