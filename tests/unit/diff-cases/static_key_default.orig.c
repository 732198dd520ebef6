// Type check: a static key's default flips (DEFINE_STATIC_KEY_FALSE -> _TRUE): refused.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/jump_label.h>
DEFINE_STATIC_KEY_FALSE(skd_key);

noinline int skd_enabled(void)
{
	return static_branch_unlikely(&skd_key);
}
