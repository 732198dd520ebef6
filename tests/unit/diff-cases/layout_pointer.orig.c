// Type check: a struct reached through a pointer parameter gains a member: refused.
#include <linux/kernel.h>
#include <linux/module.h>
struct lp_obj {
	int a;
};

noinline int lp_read(struct lp_obj *o)
{
	return o->a;
}
