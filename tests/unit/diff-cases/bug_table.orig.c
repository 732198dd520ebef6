// A BUG_ON condition changed: the __bug_table entry of the changed function is carried.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/bug.h>
int bt_entry(int x)
{
	BUG_ON(x == 7);
	return x;
}

int bt_other(int x)
{
	BUG_ON(x == 9);
	return x;
}
