// An __init function changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
int ic_value;

static int __init ic_setup(void)
{
	ic_value = 1;
	return 0;
}
early_initcall(ic_setup);
