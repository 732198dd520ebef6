// A call removed from a function.
#include <linux/kernel.h>
#include <linux/module.h>
noinline int rc_check(int x)
{
	return x > 10;
}

int rc_entry(int x)
{
	if (rc_check(x))
		return -1;
	return x;
}
