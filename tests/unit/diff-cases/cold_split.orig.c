// A change only in the cold (unlikely) part: the parent is patched with its new cold part.
#include <linux/kernel.h>
#include <linux/module.h>
int cs_entry(int x)
{
	if (unlikely(x < 0)) {
		pr_err("cs: negative %d\n", x);
		return -22;
	}
	return x * 2;
}
