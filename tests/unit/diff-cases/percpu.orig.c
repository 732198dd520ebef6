// A changed function touching an existing per-CPU variable: a reference, not a copy.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
DEFINE_PER_CPU(int, pc_counter);

int pc_entry(void)
{
	return this_cpu_inc_return(pc_counter);
}
