// The initial value of an existing global changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
int ci_limit = 42;

int ci_entry(int x)
{
	return x > ci_limit ? ci_limit : x;
}
