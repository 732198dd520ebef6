// An __exit function changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
int ec_value;

static void __exit ec_teardown(void)
{
	ec_value = 1;
}
module_exit(ec_teardown);
