// A new string in one function moves the others; the untouched function stays unchanged.
#include <linux/kernel.h>
#include <linux/module.h>
int sm_first(int x)
{
	pr_info("sm: new message\n");
	pr_info("sm: first %d\n", x);
	return x;
}

int sm_second(int x)
{
	pr_info("sm: second %d\n", x);
	return x;
}
