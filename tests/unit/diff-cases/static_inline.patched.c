// An out-of-line copy of a static inline function (notrace in the kernel) changed: refused.
#include <linux/kernel.h>
#include <linux/module.h>
static inline int si_helper(int x)
{
	return x * 6;
}

/* Taking its address makes gcc emit an out-of-line copy. */
int (*si_pointer)(int) = si_helper;
