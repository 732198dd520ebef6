// A new static helper called from the changed function.
#include <linux/kernel.h>
#include <linux/module.h>
int nh_entry(int x)
{
	return x + 1;
}
