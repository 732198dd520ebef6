// A user access with an exception table entry in a changed function.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/uaccess.h>
int et_entry(int __user *p)
{
	int v = 0;

	if (!user_access_begin(p, sizeof(*p)))
		return -14;
	unsafe_get_user(v, p, fault);
	user_access_end();
	return v + 1;
fault:
	user_access_end();
	return -14;
}
