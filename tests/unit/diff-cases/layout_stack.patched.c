// Type check: a struct only the changed function's locals hold gains a member: accepted.
#include <linux/kernel.h>
#include <linux/module.h>
struct ls_box {
	int a;
	int b;
	int c;
};

noinline int ls_entry(int x)
{
	struct ls_box box = { .a = x, .b = x + 1, .c = x + 2 };

	return box.a * box.b + box.c;
}
