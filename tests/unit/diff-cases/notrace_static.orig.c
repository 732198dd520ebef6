// A file-local function without __fentry__ (static inline in the kernel, out of line here) changed:
// it is carried into the patch and its direct callers are patched instead (the SYSCALL_DEFINE
// pattern, where __x64_sys_foo calls the static inline __do_sys_foo).
#include <linux/kernel.h>
#include <linux/module.h>
static noinline notrace int ns_body(int x)
{
	return x + 1;
}

int ns_caller(int x)
{
	return ns_body(x) * 2;
}

int ns_other_caller(int x)
{
	return ns_body(x) - 1;
}

int ns_unrelated(int x)
{
	return x;
}
