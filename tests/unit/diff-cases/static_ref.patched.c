// A changed function writes an existing static variable: a local reference.
#include <linux/kernel.h>
#include <linux/module.h>
static int sr_state;

int srf_entry(int x)
{
	sr_state = x + 1;
	return x;
}

int srf_read(void)
{
	return sr_state;
}
