// A WARN_ON moved by lines added in another function: the moved one is a no-op.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/bug.h>
int wl_first(int x)
{
	return x + 1;
}

int wl_second(int x)
{
	WARN_ON(x == 3);
	return x;
}
