// A new static helper called from the changed function.
#include <linux/kernel.h>
#include <linux/module.h>
static noinline int nh_helper(int x)
{
	return x * 7 + 3;
}

int nh_entry(int x)
{
	return nh_helper(x) + 1;
}
