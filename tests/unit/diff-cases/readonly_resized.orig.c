// A function-local constant string changes length (an error message, NL_SET_ERR_MSG's __msg): it
// is copied with its user, so its size may change.
#include <linux/kernel.h>
#include <linux/module.h>
noinline const char *rr_message(void)
{
	static const char msg[] = "bad value";

	return msg;
}
