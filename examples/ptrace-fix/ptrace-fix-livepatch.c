// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace_fix_livepatch: the stricter ptrace rule of rule.h as a livepatch. It replaces the two
 * capability-module ptrace hooks of security/commoncap.c, cap_ptrace_access_check() and
 * cap_ptrace_traceme(), with copies of their own 6.1 bodies followed by the rule.
 *
 * The bodies are copies, not calls to the originals: the originals' entries are the livepatch
 * hooks, so a call to them from the replacement would come back into the replacement forever.
 * Both bodies are identical in Debian 6.1.187 and 6.1.192; the only non-exported function they
 * call, has_ns_capability(), is called through its kallsyms address.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/livepatch.h>
#include <linux/module.h>
#include "rule.h"

/* security/commoncap.c, cap_ptrace_access_check(), as is. */
static int stock_cap_ptrace_access_check(struct task_struct *child, unsigned int mode)
{
	int ret = 0;
	const struct cred *cred, *child_cred;
	const kernel_cap_t *caller_caps;

	rcu_read_lock();
	cred = current_cred();
	child_cred = __task_cred(child);
	if (mode & PTRACE_MODE_FSCREDS)
		caller_caps = &cred->cap_effective;
	else
		caller_caps = &cred->cap_permitted;
	if (cred->user_ns == child_cred->user_ns &&
	    cap_issubset(child_cred->cap_permitted, *caller_caps))
		goto out;
	if (ns_capable(child_cred->user_ns, CAP_SYS_PTRACE))
		goto out;
	ret = -EPERM;
out:
	rcu_read_unlock();
	return ret;
}

/* security/commoncap.c, cap_ptrace_traceme(), as is but for has_ns_capability by address. */
static int stock_cap_ptrace_traceme(struct task_struct *parent)
{
	int ret = 0;
	const struct cred *cred, *child_cred;

	rcu_read_lock();
	cred = __task_cred(parent);
	child_cred = current_cred();
	if (cred->user_ns == child_cred->user_ns &&
	    cap_issubset(child_cred->cap_permitted, cred->cap_permitted))
		goto out;
	if (ptrace_fix_has_ns_capability(parent, child_cred->user_ns, CAP_SYS_PTRACE))
		goto out;
	ret = -EPERM;
out:
	rcu_read_unlock();
	return ret;
}

static int fixed_cap_ptrace_access_check(struct task_struct *child, unsigned int mode)
{
	int ret = stock_cap_ptrace_access_check(child, mode);

	return ret ? ret : ptrace_fix_attach_rule(child, mode);
}

static int fixed_cap_ptrace_traceme(struct task_struct *parent)
{
	int ret = stock_cap_ptrace_traceme(parent);

	return ret ? ret : ptrace_fix_traceme_rule(parent);
}

static struct klp_func funcs[] = {
	{ .old_name = "cap_ptrace_access_check", .new_func = fixed_cap_ptrace_access_check },
	{ .old_name = "cap_ptrace_traceme", .new_func = fixed_cap_ptrace_traceme },
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

static int ptrace_fix_livepatch_init(void)
{
	int err = ptrace_fix_rule_resolve();

	if (err)
		return err;
	/* -EBUSY here when another ftrace user holds either function with IPMODIFY. */
	return klp_enable_patch(&patch);
}

/* Runs only once the patch is disabled and its transition is over: nothing left to undo. */
static void ptrace_fix_livepatch_exit(void)
{
}

module_init(ptrace_fix_livepatch_init);
module_exit(ptrace_fix_livepatch_exit);
MODULE_DESCRIPTION("suture example: stricter ptrace credential rule (livepatch variant)");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
