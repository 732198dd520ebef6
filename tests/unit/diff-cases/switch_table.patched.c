// A switch compiled to a jump table in .rodata (this case alone is built with -fjump-tables).
#include <linux/compiler.h>
noinline int st_a(int x) { return x + 1; }
noinline int st_b(int x) { return x * 2; }
noinline int st_c(int x) { return x - 3; }
noinline int st_d(int x) { return x ^ 4; }
noinline int st_e(int x) { return x | 5; }

int st_pick(int k, int x)
{
	switch (k) {
	case 0: return st_a(x);
	case 1: return st_b(x);
	case 2: return st_c(x);
	case 3: return st_d(x + 9);
	case 4: return st_e(x);
	case 5: return st_a(x + 1);
	default: return -1;
	}
}

int st_same(int k, int x)
{
	switch (k) {
	case 0: return st_e(x);
	case 1: return st_d(x);
	case 2: return st_c(x);
	case 3: return st_b(x);
	case 4: return st_a(x);
	case 5: return st_e(x + 1);
	default: return -1;
	}
}
