// SPDX-License-Identifier: GPL-2.0
/*
 * The call-overhead bench's subject (bench/call-overhead): four identical small functions, one
 * per mode of the bench, which this module calls in a tight loop on request, timing the loop.
 * Each mode's hook stays attached to its own function for the whole run, so that samples of the
 * four modes can alternate every fraction of a second and drift of the emulator hits all alike.
 *
 *   echo "T N" > /sys/module/bench_calls/parameters/run   N calls of target T (0-3); time in last_ns
 *   cat /sys/module/bench_calls/parameters/target_calls   calls each original body has received
 *
 * The targets live here, not in vmlinux, so that nothing else calls them and the hooks attached
 * to them (bench_ftrace, bench_calls_lp) touch nobody else.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>

enum { TARGETS = 4 };

static unsigned long target_calls[TARGETS];
static unsigned int target_count = TARGETS;
module_param_array(target_calls, ulong, &target_count, 0444);
MODULE_PARM_DESC(target_calls, "calls each original target body has received");

static unsigned long last_ns;
module_param(last_ns, ulong, 0444);
MODULE_PARM_DESC(last_ns, "nanoseconds the last run's loop took");

/* Consumes the results so the compiler keeps every call; readable for the curious. */
static int last_sum;
module_param(last_sum, int, 0444);
MODULE_PARM_DESC(last_sum, "the sum of the last run's results");

/*
 * The functions whose calls are measured, one body for all. noinline and a store to a global keep
 * each call a real call through its __fentry__ site; the counter tells the bench which body ran.
 * The copies in bench_ftrace and bench_calls_lp have this same body.
 */
#define BENCH_TARGET(name, index)                                                 \
	noinline int name(int x)                                                  \
	{                                                                         \
		WRITE_ONCE(target_calls[index], target_calls[index] + 1);         \
		return x ^ (x >> 3);                                              \
	}                                                                         \
	EXPORT_SYMBOL_GPL(name)

BENCH_TARGET(bench_target_unpatched, 0);
BENCH_TARGET(bench_target_ftrace_empty, 1);
BENCH_TARGET(bench_target_ftrace_redirect, 2);
BENCH_TARGET(bench_target_livepatched, 3);

/*
 * The timed loop, one per target: a direct call in each, as a caller of a patched function makes
 * (an indirect call would add its retpoline to every mode). A long run must not look like a soft
 * lockup: cond_resched() once per 64k calls costs nothing measurable.
 */
#define BENCH_LOOP(target, calls, sum)                                            \
	do {                                                                      \
		unsigned long i;                                                  \
		for (i = 0; i < (calls); i++) {                                   \
			(sum) += target(i);                                       \
			if ((i & 0xffff) == 0xffff)                               \
				cond_resched();                                   \
		}                                                                 \
	} while (0)

/* Writing "T N" to the `run` parameter makes N calls of target T and times them. */
static int run_set(const char *val, const struct kernel_param *kp)
{
	unsigned int target;
	unsigned long calls;
	int sum = 0;
	u64 start;

	if (sscanf(val, "%u %lu", &target, &calls) != 2 || target >= TARGETS)
		return -EINVAL;
	start = ktime_get_ns();
	switch (target) {
	case 0:
		BENCH_LOOP(bench_target_unpatched, calls, sum);
		break;
	case 1:
		BENCH_LOOP(bench_target_ftrace_empty, calls, sum);
		break;
	case 2:
		BENCH_LOOP(bench_target_ftrace_redirect, calls, sum);
		break;
	case 3:
		BENCH_LOOP(bench_target_livepatched, calls, sum);
		break;
	}
	last_ns = ktime_get_ns() - start;
	last_sum = sum;
	return 0;
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
};
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write \"T N\": make N timed calls of target T (0-3)");

MODULE_DESCRIPTION("suture bench: four identical functions called in timed tight loops");
MODULE_LICENSE("GPL");
