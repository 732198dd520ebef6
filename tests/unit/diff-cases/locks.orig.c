// A lock-prefixed atomic in a changed function (.smp_locks when SMP alternatives apply).
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/atomic.h>
atomic_t lk_count;

int lk_entry(void)
{
	return atomic_inc_return(&lk_count);
}
