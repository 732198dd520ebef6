// An indirect call (retpoline thunk) and returns (return thunk) in a changed function.
#include <linux/kernel.h>
#include <linux/module.h>
int rp_entry(int (*fn)(int), int x)
{
	return fn(x) + 2;
}
