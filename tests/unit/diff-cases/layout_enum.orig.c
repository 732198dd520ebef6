// Type check: an enum gains a value in the middle, renumbering the ones after it: refused.
#include <linux/kernel.h>
#include <linux/module.h>
enum em_state {
	EM_A,
	EM_B,
	EM_C,
};

noinline int em_is_c(enum em_state s)
{
	return s == EM_C;
}
