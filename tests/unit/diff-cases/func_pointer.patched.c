// A changed function passes a pointer to an unchanged static function: referenced in the running kernel.
#include <linux/kernel.h>
#include <linux/module.h>
static noinline int fp_double(int x)
{
	return x * 2;
}

noinline int fp_apply(int (*fn)(int), int x)
{
	return fn(x);
}

int fp_entry(int x)
{
	return fp_apply(fp_double, x) + 3;
}
