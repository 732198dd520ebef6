// A new EXPORT_SYMBOL: refused.
#include <linux/kernel.h>
#include <linux/module.h>
int ex_entry(int x)
{
	return x;
}

int ex_other(int x)
{
	return x + 1;
}
EXPORT_SYMBOL(ex_entry);
EXPORT_SYMBOL(ex_other);
