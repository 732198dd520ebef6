// Type check: unsigned long becomes u64, the same 8-byte unsigned integer on x86_64: accepted.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/types.h>
struct lu_s {
	u64 v;
};

noinline unsigned long lu_get(struct lu_s *s)
{
	return s->v + 1;
}
