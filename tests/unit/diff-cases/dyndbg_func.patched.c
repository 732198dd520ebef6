// A new function with pr_debug renumbers every __func__ and descriptor; the old ones pair through their descriptors.
#include <linux/kernel.h>
#include <linux/module.h>
int df_first(int x)
{
	pr_debug("df first %d\n", x);
	return x + 1;
}

int df_second(int x)
{
	pr_debug("df second %d\n", x);
	return x + 2;
}

int df_third(int x)
{
	pr_debug("df third %d\n", x);
	return x + 3;
}
