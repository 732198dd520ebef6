// __initdata changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
static int id_values[4] __initdata = { 1, 2, 3, 4 };

static int __init id_setup(void)
{
	return id_values[1];
}
early_initcall(id_setup);
