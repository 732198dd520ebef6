// A noinstr function changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/compiler_types.h>
noinstr int ni_entry(int x)
{
	return x + 9;
}
