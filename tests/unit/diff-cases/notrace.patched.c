// A notrace function (no __fentry__ call) changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
notrace int nt_entry(int x)
{
	return x + 2;
}
