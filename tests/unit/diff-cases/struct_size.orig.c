// A struct gains a field; its global instance changes size: refused.
#include <linux/kernel.h>
#include <linux/module.h>
struct sz_state {
	int a, b;
};

struct sz_state ss_global;

int ss_entry(void)
{
	return ss_global.a + ss_global.b;
}
