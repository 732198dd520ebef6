// SPDX-License-Identifier: GPL-2.0
/* A test target for stalled transitions: a kthread, stall_parker, that sleeps inside
 * stall_target_park() until the module is removed, so a livepatch replacing that function cannot
 * switch it. */
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(park_wq);
static struct task_struct *parker;

noinline int stall_target_park(void)
{
	/* kthread_stop() wakes the thread, and the condition lets it leave. */
	return wait_event_interruptible(park_wq, kthread_should_stop());
}

static int parker_fn(void *unused)
{
	while (!kthread_should_stop())
		stall_target_park();
	return 0;
}

static int __init stall_target_init(void)
{
	parker = kthread_run(parker_fn, NULL, "stall_parker");
	return PTR_ERR_OR_ZERO(parker);
}

static void __exit stall_target_exit(void)
{
	kthread_stop(parker);
}

module_init(stall_target_init);
module_exit(stall_target_exit);
MODULE_LICENSE("GPL");
