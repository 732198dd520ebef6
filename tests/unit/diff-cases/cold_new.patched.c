// A changed function gains a cold part: the new .cold is included with it.
#include <linux/kernel.h>
#include <linux/module.h>
int cn_entry(int x)
{
	if (unlikely(x < 0)) {
		pr_err("cn: negative %d\n", x);
		return -22;
	}
	return x * 2;
}
