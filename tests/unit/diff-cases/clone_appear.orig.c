// An IPA clone (.constprop) appears when every call passes the same constant.
#include <linux/kernel.h>
#include <linux/module.h>
static noinline int ca_scale(int x, int k)
{
	return x * k + (x >> 3);
}

int ca_entry(int x, int k)
{
	return ca_scale(x, k) + ca_scale(x + 1, k + 1);
}
