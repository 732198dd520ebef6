// A changed function reads an existing global variable: a reference to the running kernel copy.
#include <linux/kernel.h>
#include <linux/module.h>
int gr_limit = 10;
EXPORT_SYMBOL(gr_limit);

int gr_entry(int x)
{
	return x > gr_limit;
}
