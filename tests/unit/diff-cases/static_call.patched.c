// A changed function making a static call: its .static_call_sites entry is carried.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/static_call.h>
static int sc_impl(int x)
{
	return x * 2;
}
DEFINE_STATIC_CALL(stc_hook, sc_impl);

int stc_entry(int x)
{
	return static_call(stc_hook)(x) + 2;
}
