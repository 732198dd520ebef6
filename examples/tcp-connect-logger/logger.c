// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_connect_logger: a livepatch that replaces tcp_v4_connect() with a copy of its own body
 * that logs every outgoing IPv4 TCP connect as "pid uid comm -> a.b.c.d:port", while
 * /sys/kernel/tcp_connect_logger/enabled is 1. This file holds the switch, the log line and the
 * livepatch tables; connect.c holds the copied body and why it is a copy.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/kobject.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sysfs.h>
#include "logger.h"

/* Read on every connect without a lock: a single bool, written whole by the sysfs store. */
static bool logging_enabled;

void tcp_connect_logger_log(const struct sockaddr_in *dest)
{
	if (!READ_ONCE(logging_enabled))
		return;
	pr_info("%d %u %s -> %pI4:%u\n", task_tgid_nr(current),
		from_kuid_munged(&init_user_ns, current_uid()), current->comm,
		&dest->sin_addr.s_addr, ntohs(dest->sin_port));
}

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(logging_enabled));
}

/* kstrtobool takes 1/0, y/n, on/off (any case); anything else is -EINVAL for the writer. */
static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	bool on;
	int err = kstrtobool(buf, &on);

	if (err)
		return err;
	WRITE_ONCE(logging_enabled, on);
	return count;
}

static struct kobj_attribute enabled_attr = __ATTR_RW(enabled); /* mode 0644 */
static struct kobject *logger_kobj;

static struct klp_func funcs[] = {
	{
		.old_name = "tcp_v4_connect",
		.new_func = logged_tcp_v4_connect,
	},
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs }, /* vmlinux */
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int tcp_connect_logger_init(void)
{
	int err = logged_tcp_v4_connect_resolve();

	if (err)
		return err;
	logger_kobj = kobject_create_and_add("tcp_connect_logger", kernel_kobj);
	if (!logger_kobj)
		return -ENOMEM;
	err = sysfs_create_file(logger_kobj, &enabled_attr.attr);
	if (err)
		goto put_kobj;
	err = klp_enable_patch(&patch);
	if (err)
		goto put_kobj;
	return 0;

put_kobj:
	kobject_put(logger_kobj); /* removes the directory and its file */
	return err;
}

/*
 * Runs only after the patch was disabled and its transition finished, so no task can be in
 * logged_tcp_v4_connect() reading the switch any more.
 */
static void tcp_connect_logger_exit(void)
{
	kobject_put(logger_kobj);
}

module_init(tcp_connect_logger_init);
module_exit(tcp_connect_logger_exit);
MODULE_DESCRIPTION("suture example: log outgoing IPv4 TCP connects (replaces tcp_v4_connect)");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
