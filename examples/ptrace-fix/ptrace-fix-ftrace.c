// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace_fix_ftrace: the stricter ptrace rule of rule.h through a bare ftrace_ops instead of
 * livepatch. Each of cap_ptrace_access_check() and cap_ptrace_traceme() gets an ftrace_ops with
 * FTRACE_OPS_FL_IPMODIFY (and SAVE_REGS, which IPMODIFY requires) whose handler sends the call to
 * a wrapper here; the wrapper calls the original through its kallsyms address, then applies the
 * rule.
 *
 * The recursion guard: the wrapper's call to the original enters the original's ftrace hook
 * again. The handler lets a call through to the original body when the call comes from this
 * module - parent_ip, the return address of the call into the hooked function, lies in this
 * module's text - and redirects every other caller. That is only right because the wrappers
 * call the originals with a real call (they use the result afterwards, so the compiler cannot
 * turn it into a tail jump, which would leave the wrapper's caller as parent_ip).
 *
 * Unlike livepatch there is no consistency model: a task switches to the wrapper at its next
 * call. That is enough here because the hooks are independent checks with no state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/module.h>
#include "rule.h"

static int (*original_cap_ptrace_access_check)(struct task_struct *child, unsigned int mode);
static int (*original_cap_ptrace_traceme)(struct task_struct *parent);

static int fixed_cap_ptrace_access_check(struct task_struct *child, unsigned int mode)
{
	int ret = original_cap_ptrace_access_check(child, mode);

	return ret ? ret : ptrace_fix_attach_rule(child, mode);
}

static int fixed_cap_ptrace_traceme(struct task_struct *parent)
{
	int ret = original_cap_ptrace_traceme(parent);

	return ret ? ret : ptrace_fix_traceme_rule(parent);
}

/* One hooked function: its name, the wrapper, where its address goes, and its ftrace_ops. */
struct hook {
	const char *name;
	void *wrapper;
	void **original;
	struct ftrace_ops ops;
};

static struct hook hooks[] = {
	{ "cap_ptrace_access_check", fixed_cap_ptrace_access_check,
	  (void **)&original_cap_ptrace_access_check },
	{ "cap_ptrace_traceme", fixed_cap_ptrace_traceme, (void **)&original_cap_ptrace_traceme },
};

/*
 * Runs at the entry of a hooked function, before its body; notrace, and it calls nothing that
 * could be traced (within_module() is inline), so it cannot recurse into ftrace itself.
 */
static void notrace ptrace_fix_handler(unsigned long ip, unsigned long parent_ip,
				       struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
	struct hook *hook = container_of(ops, struct hook, ops);

	if (within_module(parent_ip, THIS_MODULE))
		return; /* a wrapper calling the original: run the original body */
	ftrace_instruction_pointer_set(fregs, (unsigned long)hook->wrapper);
}

static int hook_install(struct hook *hook)
{
	unsigned long address = ptrace_fix_lookup(hook->name);
	int err;

	if (!address) {
		pr_err("%s not found in kallsyms\n", hook->name);
		return -ENOENT;
	}
	*hook->original = (void *)address;
	hook->ops.func = ptrace_fix_handler;
	hook->ops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY;
	err = ftrace_set_filter_ip(&hook->ops, address, 0, 0);
	if (err) {
		pr_err("%s: cannot trace it (%d)\n", hook->name, err);
		return err;
	}
	/* -EBUSY when another ftrace user, a livepatch for one, holds it with IPMODIFY. */
	err = register_ftrace_function(&hook->ops);
	if (err) {
		pr_err("%s: cannot hook it (%d)\n", hook->name, err);
		ftrace_free_filter(&hook->ops);
	}
	return err;
}

/*
 * After unregister_ftrace_function() returns, ftrace has waited (RCU tasks) until no task is in
 * the handler or the trampoline; the wrappers never sleep, so none is in them either.
 */
static void hook_remove(struct hook *hook)
{
	unregister_ftrace_function(&hook->ops);
	ftrace_free_filter(&hook->ops);
}

static int ptrace_fix_ftrace_init(void)
{
	int i, err = ptrace_fix_rule_resolve();

	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		err = hook_install(&hooks[i]);
		if (err)
			goto remove_installed;
	}
	return 0;

remove_installed:
	while (--i >= 0)
		hook_remove(&hooks[i]);
	return err;
}

static void ptrace_fix_ftrace_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(hooks) - 1; i >= 0; i--)
		hook_remove(&hooks[i]);
}

module_init(ptrace_fix_ftrace_init);
module_exit(ptrace_fix_ftrace_exit);
MODULE_DESCRIPTION("suture example: stricter ptrace credential rule (ftrace IPMODIFY variant)");
MODULE_LICENSE("GPL");
