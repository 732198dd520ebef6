// An existing IPA clone is paired with its twin and stays unchanged.
#include <linux/kernel.h>
#include <linux/module.h>
static noinline int ck_scale(int x, int k)
{
	return x * k + (x >> 3);
}

int ck_entry(int x)
{
	return ck_scale(x, 5) + ck_scale(x + 1, 5);
}

int ck_other(int x)
{
	return x - 2;
}
