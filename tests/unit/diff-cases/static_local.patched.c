// A static local variable kept: the changed function still uses the running kernel's copy.
#include <linux/kernel.h>
#include <linux/module.h>
int sl_count(void)
{
	static int calls;

	calls += 2;
	return calls;
}
