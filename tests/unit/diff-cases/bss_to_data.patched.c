// A static variable given an explicit zero initializer stays unchanged.
#include <linux/kernel.h>
#include <linux/module.h>
static int bd_count = 0;

int bd_entry(void)
{
	return ++bd_count;
}
