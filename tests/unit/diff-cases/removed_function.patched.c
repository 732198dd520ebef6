// A function removed: its callers change; nothing is decided about the removed one.
#include <linux/kernel.h>
#include <linux/module.h>
int rf_entry(int x)
{
	return x * 4;
}
