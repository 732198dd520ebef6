// A function removed: its callers change; nothing is decided about the removed one.
#include <linux/kernel.h>
#include <linux/module.h>
noinline int rf_gone(int x)
{
	return x * 3;
}

int rf_entry(int x)
{
	return rf_gone(x);
}
