// A changed function with pr_info_once: its once-flag (a static local) is referenced.
#include <linux/kernel.h>
#include <linux/module.h>
int po_entry(int x)
{
	pr_info_once("po %d\n", x);
	return x;
}
