// A changed message string.
#include <linux/kernel.h>
#include <linux/module.h>
int sc_entry(int x)
{
	pr_info("sc: value %d\n", x);
	return x;
}
