// pr_debug below a changed function moved down a line: its descriptor differs in the line only.
#include <linux/kernel.h>
#include <linux/module.h>
int dd_first(int x)
{
	x += 2;
	return x + 1;
}

int dd_second(int x)
{
	pr_debug("dd: %d\n", x);
	return x;
}
