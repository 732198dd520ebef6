// SPDX-License-Identifier: GPL-2.0
/* An ordinary module (no livepatch=Y in its modinfo) that suture load must refuse. */
#include <linux/module.h>

static int __init plain_init(void)
{
	return 0;
}

static void __exit plain_exit(void)
{
}

module_init(plain_init);
module_exit(plain_exit);
MODULE_LICENSE("GPL");
