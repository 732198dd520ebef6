// SPDX-License-Identifier: GPL-2.0
/*
 * The call-overhead bench's livepatch: replaces bench_target_livepatched() of the bench_calls
 * module with a copy of identical body that counts its calls in its own counter (lp_calls), which
 * is how the bench knows the patched body really ran.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static unsigned long lp_calls;
module_param(lp_calls, ulong, 0444);
MODULE_PARM_DESC(lp_calls, "calls the patched body has received");

static noinline int bench_calls_lp_target(int x)
{
	WRITE_ONCE(lp_calls, lp_calls + 1);
	return x ^ (x >> 3);
}

static struct klp_func funcs[] = {
	{
		.old_name = "bench_target_livepatched",
		.new_func = bench_calls_lp_target,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* The target is in a module: the object is named after it. */
		.name = "bench_calls",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int bench_calls_lp_init(void)
{
	return klp_enable_patch(&patch);
}

/* The patch is disabled through sysfs (suture unload) before the module can go. */
static void bench_calls_lp_exit(void)
{
}

module_init(bench_calls_lp_init);
module_exit(bench_calls_lp_exit);
MODULE_DESCRIPTION("suture bench: livepatch of bench_target_livepatched with an identical copy");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
