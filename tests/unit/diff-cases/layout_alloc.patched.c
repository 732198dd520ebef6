// Type check: a member appended to a struct that only the patched function allocates. Refused:
// records the old function made before the patch are still around, one member short, and code
// that receives them (the new function's callers, or a new version of the readers) would read past
// their end. New state for old objects belongs in a shadow variable.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
struct la_rec {
	int a;
	int extra;
};

noinline struct la_rec *la_make(int a)
{
	struct la_rec *r = kmalloc(sizeof(*r), GFP_KERNEL);

	if (r) {
		r->a = a;
		r->extra = 1;
	}
	return r;
}
