// SPDX-License-Identifier: GPL-2.0
/*
 * The call-overhead bench's floors: plain ftrace ops, no livepatch, attached while this module
 * is loaded.
 *
 *   bench_target_ftrace_empty     an ops with an empty callback: the cost of tracing a call
 *   bench_target_ftrace_redirect  an IPMODIFY ops whose callback redirects to an identical copy:
 *                                 what a livepatch does, minus its bookkeeping
 *
 * redirect_calls counts the calls the copy received.
 */
#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

int bench_target_ftrace_empty(int x);
int bench_target_ftrace_redirect(int x);

static unsigned long redirect_calls;
module_param(redirect_calls, ulong, 0444);
MODULE_PARM_DESC(redirect_calls, "calls the redirect copy has received");

static noinline int bench_ftrace_copy(int x)
{
	WRITE_ONCE(redirect_calls, redirect_calls + 1);
	return x ^ (x >> 3);
}

/* Both callbacks are safe against recursion (they call nothing), so no recursion guard is asked. */
static void empty_callback(unsigned long ip, unsigned long parent_ip, struct ftrace_ops *ops,
			   struct ftrace_regs *fregs)
{
}

static void redirect_callback(unsigned long ip, unsigned long parent_ip, struct ftrace_ops *ops,
			      struct ftrace_regs *fregs)
{
	ftrace_instruction_pointer_set(fregs, (unsigned long)bench_ftrace_copy);
}

static struct ftrace_ops empty_ops = {
	.func = empty_callback,
};

/*
 * The flags livepatch's own ops has on this kernel: with DYNAMIC_FTRACE_WITH_ARGS it redirects
 * through ftrace_regs and does not ask for SAVE_REGS (which would save every register on each
 * call, a slower trampoline). calls.check verifies that both ops show the same flags.
 */
static struct ftrace_ops redirect_ops = {
	.func = redirect_callback,
	.flags = FTRACE_OPS_FL_IPMODIFY,
};

/* attach: filter OPS to the one function at TARGET and register it; nothing left on failure. */
static int attach(struct ftrace_ops *ops, void *target)
{
	int err;

	err = ftrace_set_filter_ip(ops, (unsigned long)target, 0, 0);
	if (err)
		goto free_filter;
	err = register_ftrace_function(ops);
	if (err)
		goto free_filter;
	return 0;
free_filter:
	ftrace_free_filter(ops);
	return err;
}

static void detach(struct ftrace_ops *ops)
{
	unregister_ftrace_function(ops);
	ftrace_free_filter(ops);
}

static int bench_ftrace_init(void)
{
	int err;

	err = attach(&empty_ops, bench_target_ftrace_empty);
	if (err)
		return err;
	err = attach(&redirect_ops, bench_target_ftrace_redirect);
	if (err) {
		detach(&empty_ops);
		return err;
	}
	return 0;
}

static void bench_ftrace_exit(void)
{
	detach(&redirect_ops);
	detach(&empty_ops);
}

module_init(bench_ftrace_init);
module_exit(bench_ftrace_exit);
MODULE_DESCRIPTION("suture bench: bare ftrace ops, empty and redirecting, on two bench targets");
MODULE_LICENSE("GPL");
