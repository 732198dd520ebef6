// A new global function.
#include <linux/kernel.h>
#include <linux/module.h>
int nf_entry(int x)
{
	return x;
}

int nf_added(int x)
{
	return x * 11;
}
