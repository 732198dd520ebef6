// Type check: a global function's parameter changes type; code in other files still calls it with
// the old one: refused.
#include <linux/kernel.h>
#include <linux/module.h>
noinline int sig_f(long a)
{
	return a > 0;
}
