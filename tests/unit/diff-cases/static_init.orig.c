// The initial value of an existing static variable changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
static int si_level = 1;

int sti_entry(void)
{
	return si_level++;
}
