// A static branch turned from unlikely to likely: the code and the __jump_table entry change.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/jump_label.h>
DEFINE_STATIC_KEY_FALSE(jf_key);

int jf_entry(int x)
{
	if (static_branch_likely(&jf_key))
		return x + 100;
	return x;
}
