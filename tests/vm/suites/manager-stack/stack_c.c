// SPDX-License-Identifier: GPL-2.0
/* A cumulative livepatch (replace) of cmdline_proc_show(): /proc/cmdline says
 * "suture stack C"; loading it replaces every livepatch loaded before. */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

static int stack_c_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "suture stack C\n");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = stack_c_cmdline_proc_show },
	{}
};

static struct klp_object objs[] = {
	{ .funcs = funcs }, /* vmlinux */
	{}
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.replace = true,
};

static int __init stack_c_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit stack_c_exit(void)
{
}

module_init(stack_c_init);
module_exit(stack_c_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
