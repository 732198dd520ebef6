/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stricter ptrace rule both variants add (ptrace-fix-livepatch.c, ptrace-fix-ftrace.c), and
 * the kallsyms lookup they use for what the kernel does not export.
 *
 * The rule: a tracer may not attach to (PTRACE_ATTACH, PTRACE_SEIZE, and every other
 * ATTACH-mode access such as /proc/PID/mem) or be chosen by (PTRACE_TRACEME) a task that holds a
 * supplementary group the tracer does not hold, unless the tracer has CAP_SYS_PTRACE over the
 * tracee. The stock kernel compares only uids and gids, so a tracer with the same uid and gid
 * can act with the tracee's extra groups. It runs after the stock checks allowed the access.
 */
#ifndef PTRACE_FIX_RULE_H
#define PTRACE_FIX_RULE_H

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

/* kernel/capability.c; not exported, found at init. */
static bool (*ptrace_fix_has_ns_capability)(struct task_struct *t, struct user_namespace *ns, int cap);

/*
 * The address of a kernel symbol, exported or not. kallsyms_lookup_name() is not exported in
 * 6.1 either, but a kprobe registered on it by name tells its address (removed at once).
 */
static unsigned long ptrace_fix_lookup(const char *name)
{
	struct kprobe probe = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*kallsyms_lookup_name_by_address)(const char *name);

	if (register_kprobe(&probe) < 0)
		return 0;
	kallsyms_lookup_name_by_address = (void *)probe.addr;
	unregister_kprobe(&probe);
	return kallsyms_lookup_name_by_address(name);
}

/*
 * Whether the tracee holds a supplementary group the tracer does not. Group lists are kept
 * sorted (setgroups() sorts before set_groups(); groups_search() relies on it too), so one walk
 * over both decides.
 */
static bool ptrace_fix_tracer_lacks_groups(const struct cred *tracer, const struct cred *tracee)
{
	const struct group_info *has = tracer->group_info, *needs = tracee->group_info;
	int i, j = 0;

	for (i = 0; i < needs->ngroups; i++) {
		while (j < has->ngroups && gid_lt(has->gid[j], needs->gid[i]))
			j++;
		if (j == has->ngroups || !gid_eq(has->gid[j], needs->gid[i]))
			return true;
	}
	return false;
}

/* The rule for an access by current to child in ptrace mode mode (cap_ptrace_access_check). */
static int ptrace_fix_attach_rule(struct task_struct *child, unsigned int mode)
{
	const struct cred *tracee;
	bool capable;
	int ret = 0;

	if (!(mode & PTRACE_MODE_ATTACH))
		return 0; /* READ-mode checks (/proc/PID/stat, kcmp, ...) keep the stock rule */
	rcu_read_lock();
	tracee = __task_cred(child);
	if (ptrace_fix_tracer_lacks_groups(current_cred(), tracee)) {
		if (mode & PTRACE_MODE_NOAUDIT)
			capable = ns_capable_noaudit(tracee->user_ns, CAP_SYS_PTRACE);
		else
			capable = ns_capable(tracee->user_ns, CAP_SYS_PTRACE);
		if (!capable)
			ret = -EPERM;
	}
	rcu_read_unlock();
	return ret;
}

/* The rule for PTRACE_TRACEME by current, which makes parent its tracer (cap_ptrace_traceme). */
static int ptrace_fix_traceme_rule(struct task_struct *parent)
{
	int ret = 0;

	rcu_read_lock();
	if (ptrace_fix_tracer_lacks_groups(__task_cred(parent), current_cred()) &&
	    !ptrace_fix_has_ns_capability(parent, current_user_ns(), CAP_SYS_PTRACE))
		ret = -EPERM;
	rcu_read_unlock();
	return ret;
}

/* Finds what the rule needs; 0 or -ENOENT. */
static int ptrace_fix_rule_resolve(void)
{
	ptrace_fix_has_ns_capability = (void *)ptrace_fix_lookup("has_ns_capability");
	if (!ptrace_fix_has_ns_capability) {
		pr_err("has_ns_capability not found in kallsyms\n");
		return -ENOENT;
	}
	return 0;
}

#endif
