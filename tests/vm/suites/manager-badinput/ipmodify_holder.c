// SPDX-License-Identifier: GPL-2.0
/* A hand-written ftrace user that holds cmdline_proc_show() with IPMODIFY (as a livepatch would),
 * so that a livepatch of the same function is refused with EBUSY. Its handler does nothing. */
#include <linux/ftrace.h>
#include <linux/module.h>

static void notrace holder_handler(unsigned long ip, unsigned long parent_ip,
				   struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops holder_ops = {
	.func = holder_handler,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY,
};

static int __init holder_init(void)
{
	static unsigned char target[] = "cmdline_proc_show";
	int err = ftrace_set_filter(&holder_ops, target, sizeof(target) - 1, 0);

	if (err)
		return err;
	err = register_ftrace_function(&holder_ops);
	if (err)
		ftrace_free_filter(&holder_ops);
	return err;
}

static void __exit holder_exit(void)
{
	unregister_ftrace_function(&holder_ops);
	ftrace_free_filter(&holder_ops);
}

module_init(holder_init);
module_exit(holder_exit);
MODULE_LICENSE("GPL");
