// A notrace function (no __fentry__ call) changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
noinline notrace int nt_entry(int x)
{
	return x + 2;
}

int nt_caller(int x)
{
	return nt_entry(x) * 2;
}
