// SPDX-License-Identifier: GPL-2.0
/* One of two livepatches replacing the same function, cmdline_proc_show(): /proc/cmdline says
 * "suture stack A" while this one is the newest enabled patch. */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

static int stack_a_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "suture stack A\n");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = stack_a_cmdline_proc_show },
	{}
};

static struct klp_object objs[] = {
	{ .funcs = funcs }, /* vmlinux */
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init stack_a_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit stack_a_exit(void)
{
}

module_init(stack_a_init);
module_exit(stack_a_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
