// __func__ in a changed function and in an unchanged one whose __func__ object was renumbered.
#include <linux/kernel.h>
#include <linux/module.h>
int fn_first(int x)
{
	pr_info("%s: %d\n", __func__, x);
	return x;
}

int fn_second(int x)
{
	pr_info("%s: %d\n", __func__, x);
	return x + 1;
}
