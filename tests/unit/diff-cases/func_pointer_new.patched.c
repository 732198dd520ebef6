// A pointer to a new static function: the new function is included.
#include <linux/kernel.h>
#include <linux/module.h>
noinline int fpn_apply(int (*fn)(int), int x)
{
	return fn(x);
}

static noinline int fpn_triple(int x)
{
	return x * 3;
}

int fpn_entry(int x)
{
	return fpn_apply(fpn_triple, x);
}
