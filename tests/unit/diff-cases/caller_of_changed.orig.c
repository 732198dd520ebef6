// A function calling a changed function stays unchanged.
#include <linux/kernel.h>
#include <linux/module.h>
noinline int cc_callee(int x)
{
	return x + 1;
}

int cc_caller(int x)
{
	return cc_callee(x) * 2;
}
