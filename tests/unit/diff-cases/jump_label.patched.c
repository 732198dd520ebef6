// A changed function with a static branch: its __jump_table entry is carried.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/jump_label.h>
DEFINE_STATIC_KEY_FALSE(jl_key);

int jl_entry(int x)
{
	if (static_branch_unlikely(&jl_key))
		return x + 200;
	return x;
}

int jl_other(int x)
{
	if (static_branch_unlikely(&jl_key))
		return x - 100;
	return x;
}
