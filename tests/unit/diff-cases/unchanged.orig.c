// An identical file: nothing changed.
#include <linux/kernel.h>
#include <linux/module.h>
int un_entry(int x)
{
	WARN_ON(x == 1);
	pr_info("un %d\n", x);
	return x;
}
