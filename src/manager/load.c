/* Loading and unloading livepatches with a watched transition; see load.h.
 *
 * The system must end in a state the user asked for or in the state it started from: a load whose
 * transition stalls is reverted (enabled=0 reverses a running transition), an unload whose
 * transition stalls is re-enabled. Either failure is recorded (events.h) so `suture status` can
 * recommend a reboot.
 */
#include "manager/load.h"
#include "manager/kmsg.h"
#include "manager/pathsafe.h"
#include "manager/conflict.h"
#include "manager/events.h"
#include "manager/kernel.h"
#include "manager/modinfo.h"
#include "manager/module.h"
#include "manager/origin.h"
#include "manager/stalled.h"
#include "manager/sysfs.h"
#include "manager/targets.h"
#include "manager/transition.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { GONE_TIMEOUT_S = 10 };

bool mgr_require_root(const char *cmd)
{
	if (kernel_is_root())
		return true;
	log_error("%s: must run as root (it loads and unloads kernel modules)", cmd);
	return false;
}

bool mgr_require_livepatch(const char *cmd)
{
	if (lp_sysfs_present())
		return true;
	log_error("%s: this kernel has no livepatch support (no /sys/kernel/livepatch; it needs "
		  "CONFIG_LIVEPATCH=y)", cmd);
	return false;
}

/* Why the kernel refused the module, for the errors init_module/finit_module return. */
static const char *insert_error(int err)
{
	switch (err) {
	case -ENOEXEC:
		return "the kernel rejected the module's format (built for another kernel?)";
	case -EKEYREJECTED:
	case -EKEYEXPIRED:
	case -ENOKEY:
		return "the kernel rejected the module's signature";
	case -EPERM:
		return "the kernel refuses unsigned or foreign modules here (lockdown or "
		       "module.sig_enforce; sign the module with a trusted key)";
	case -ENOENT:
		return "a kernel module the patch targets is missing, or a symbol could not be resolved "
		       "(see dmesg)";
	case -EINVAL:
		return "the kernel refused the patch (see dmesg for why)";
	default:
		return strerror(-err);
	}
}

/* Disables patch and removes module after a stalled or unwanted load. Returns 0 when the system
 * is back to unpatched. */
static int revert(const char *cmd, const char *patch, const struct load_opts *opts)
{
	int err;

	log_info("%s: %s: reverting: disabling the patch and removing its module", cmd, patch);
	err = lp_set(patch, "enabled", "0");
	if (err && err != -EINVAL) {
		log_error("%s: %s: cannot disable: %s", cmd, patch, strerror(-err));
		return -1;
	}
	err = transition_wait(cmd, patch, 0, opts->timeout_s);
	if (err == -ETIMEDOUT) {
		log_error("%s: %s: the revert stalled too; tasks not switched back:", cmd, patch);
		stalled_report(0);
		return -1;
	}
	if (transition_wait_gone(patch, GONE_TIMEOUT_S)) {
		log_error("%s: %s: the kernel did not free the disabled patch", cmd, patch);
		return -1;
	}
	err = module_remove(patch);
	if (err) {
		log_error("%s: %s: cannot remove the module: %s", cmd, patch, strerror(-err));
		return -1;
	}
	return 0;
}

static int force_transition(const char *cmd, const char *patch, const struct load_opts *opts)
{
	int err;

	log_warn("%s: %s: forcing the transition: the tasks above are marked as switched although "
		 "they may still be running the old code, so old and new code can run side by side, "
		 "which is unsafe when the patch changes how functions work together; the kernel "
		 "stays tainted (K) and a reboot is the only way back to a known state", cmd, patch);
	err = lp_set(patch, "force", "1");
	if (err) {
		log_error("%s: %s: cannot write force: %s", cmd, patch, strerror(-err));
		return -1;
	}
	if (events_record(patch, "forced", "transition forced with --force"))
		log_warn("%s: %s: cannot record the forced transition in the state directory", cmd,
			 patch);
	return transition_wait(cmd, patch, 1, opts->timeout_s) ? -1 : 0;
}

/* The checks before insertion: what the file is, which kernel it is for, whether it is loaded. */
static int check_module(const char *cmd, const char *ko_path, struct ko_info *info)
{
	char why[256], built_for[128], running[128];

	if (ko_read(ko_path, info, why, sizeof(why))) {
		log_error("%s: %s: %s", cmd, ko_path, why);
		return -1;
	}
	if (!info->livepatch) {
		log_error("%s: %s: not a livepatch module (its modinfo has no livepatch=Y)", cmd,
			  ko_path);
		goto fail;
	}
	if (ko_release(info, built_for, sizeof(built_for)) ||
	    kernel_release(running, sizeof(running))) {
		log_error("%s: %s: cannot tell which kernel it is for (vermagic '%s')", cmd, ko_path,
			  info->vermagic);
		goto fail;
	}
	if (strcmp(built_for, running) != 0) {
		log_error("%s: %s: built for kernel %s, this kernel is %s (build it for the running "
			  "kernel)", cmd, ko_path, built_for, running);
		goto fail;
	}
	if (lp_exists(info->name)) {
		log_error("%s: %s: livepatch %s is already loaded (see 'suture list')", cmd, ko_path,
			  info->name);
		goto fail;
	}
	if (module_loaded(info->name)) {
		log_error("%s: %s: a module named %s is already loaded (unload it first: 'suture unload "
			  "%s')", cmd, ko_path, info->name, info->name);
		goto fail;
	}
	return 0;
fail:
	ko_free(info);
	return -1;
}

/* A cumulative patch (klp_patch.replace) disables every patch loaded before it when its
 * transition completes, and the kernel then frees them; their modules stay loaded with nothing
 * in them. Removes those modules: they read enabled=0, or are gone from sysfs already. */
static void remove_replaced(const char *cmd, const char *patch, char **before, size_t n_before)
{
	for (size_t i = 0; i < n_before; i++) {
		long enabled = 0;
		int err;

		if (lp_exists(before[i]) && (lp_attr(before[i], "enabled", &enabled) || enabled))
			continue;
		if (transition_wait_gone(before[i], GONE_TIMEOUT_S) || !module_loaded(before[i]))
			continue;
		err = module_remove(before[i]);
		if (err) {
			log_warn("%s: %s: replaced %s, but cannot remove its module: %s", cmd, patch,
				 before[i], strerror(-err));
			continue;
		}
		origin_forget(before[i]);
		log_info("%s: %s: replaced %s (its module is removed)", cmd, patch, before[i]);
	}
}

/* The line for a finished transition; a target module removed meanwhile (targets.h) changes it:
 * the patch is loaded, but not on that module. */
static void report_loaded(const char *cmd, const char *patch, const char *ko_path,
			  const struct strv *targets)
{
	char line[1024];

	if (targets_gone_line(patch, ko_path, targets, line, sizeof(line)) > 0)
		log_warn("%s: %s: %s", cmd, patch, line);
	else
		log_info("%s: %s: loaded, every task runs the patched code", cmd, patch);
}

/* The kernel lets one livepatch transition run at a time (-EBUSY for the next): says which one runs,
 * when one does. */
static bool busy_with_transition(const char *cmd, const char *patch, char **loaded, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long transition;

		if (lp_attr(loaded[i], "transition", &transition) == 0 && transition) {
			log_error("%s: %s: the kernel refused the patch: livepatch %s is still in transition (one at a "
				  "time; wait for it, or see 'suture status')", cmd, patch, loaded[i]);
			return true;
		}
	}
	return false;
}

int mgr_load(const char *cmd, const char *ko_path, const struct load_opts *opts)
{
	struct ko_info info;
	struct strv targets = { 0 };
	char **before = NULL;
	size_t n_before = 0;
	int err, kmsg, explained, rc = EXIT_FAIL;
	char why[512];

	if (!mgr_require_root(cmd) || !mgr_require_livepatch(cmd))
		return EXIT_FAIL;
	if (check_module(cmd, ko_path, &info))
		return EXIT_FAIL;
	if (!opts->allow_unsafe_path && path_safe(ko_path, why, sizeof(why)) < 0) {
		log_error("%s: refusing to load a module others could have written: %s (--allow-unsafe-path "
			  "to load it anyway, for development)", cmd, why);
		ko_free(&info);
		return EXIT_FAIL;
	}
	if (lp_names(&before, &n_before)) {
		log_error("%s: cannot list the loaded livepatches", cmd);
		goto out;
	}

	kmsg = kmsg_open_tail();
	err = module_insert(ko_path, opts->params);
	explained = kmsg_reason(kmsg, info.name, why, sizeof(why));
	if (err == -EBUSY) {
		if (!busy_with_transition(cmd, info.name, before, n_before) && !conflict_explain(cmd, info.name, ko_path))
			log_error("%s: %s: the kernel refused the patch: a function it replaces is busy "
				  "(held by another ftrace user with IPMODIFY?; see dmesg)", cmd,
				  info.name);
		goto out;
	}
	if (err == -EEXIST) {
		log_error("%s: %s: a module named %s is already loaded", cmd, ko_path, info.name);
		goto out;
	}
	if (err) {
		if (explained)
			log_error("%s: %s: the kernel refused it: %s", cmd, ko_path, why);
		else
			log_error("%s: %s: cannot insert: %s", cmd, ko_path, insert_error(err));
		goto out;
	}
	if (origin_record(info.name, ko_path))
		log_warn("%s: %s: cannot record where it was loaded from (state directory)", cmd,
			 info.name);

	/* What the patch holds now, to tell afterwards whether a target module went meanwhile. */
	if (targets_patched(info.name, &targets))
		log_warn("%s: %s: cannot read which modules it patches", cmd, info.name);
	err = transition_wait(cmd, info.name, 1, opts->timeout_s);
	if (err == 0) {
		report_loaded(cmd, info.name, ko_path, &targets);
		remove_replaced(cmd, info.name, before, n_before);
		rc = EXIT_OK;
		goto out;
	}
	if (err != -ETIMEDOUT) {
		log_error("%s: %s: the patch disappeared during its transition (see dmesg)", cmd,
			  info.name);
		goto out;
	}
	log_error("%s: %s: the transition did not finish in %ds:", cmd, info.name, opts->timeout_s);
	stalled_report(1);
	if (opts->force) {
		rc = force_transition(cmd, info.name, opts) ? EXIT_FAIL : EXIT_OK;
		if (rc == EXIT_OK)
			report_loaded(cmd, info.name, ko_path, &targets);
		goto out;
	}
	if (revert(cmd, info.name, opts) == 0) {
		origin_forget(info.name);
		log_error("%s: %s: not loaded: reverted, the system is unpatched (retry when those "
			  "tasks are elsewhere, or --force)", cmd, info.name);
		events_record(info.name, "failed", "transition stalled, reverted");
	} else {
		events_record(info.name, "failed", "transition stalled, revert failed");
	}
out:
	strv_free(&targets);
	lp_names_free(before, n_before);
	ko_free(&info);
	return rc;
}

/* Resolves a name on the command line to a loaded patch, normalized into buf. Returns 0 when
 * the patch is active, 1 when only its module is left (suture disabled it), -1 when neither. */
static int loaded_patch(const char *cmd, const char *name, char *buf, size_t size)
{
	char origin[4096];

	if ((size_t)snprintf(buf, size, "%s", name) >= size) {
		log_error("%s: %s: name too long", cmd, name);
		return -1;
	}
	lp_normalize(buf);
	if (lp_exists(buf))
		return 0;
	if (module_loaded(buf) && origin_lookup(buf, origin, sizeof(origin)) == 0)
		return 1;
	if (module_loaded(buf))
		log_error("%s: %s: a module of that name is loaded, but it is not an active livepatch",
			  cmd, name);
	else
		log_error("%s: %s: no such livepatch loaded (see 'suture list')", cmd, name);
	return -1;
}

/* Disables patch and waits; on a stall re-enables it so the system stays consistently patched. */
static int disable_and_wait(const char *cmd, const char *patch, const struct load_opts *opts)
{
	long enabled;
	int err;

	if (lp_attr(patch, "enabled", &enabled) == 0 && enabled) {
		err = lp_set(patch, "enabled", "0");
		if (err) {
			log_error("%s: %s: cannot disable: %s", cmd, patch, strerror(-err));
			return -1;
		}
	}
	err = transition_wait(cmd, patch, 0, opts->timeout_s);
	if (err == -ETIMEDOUT) {
		log_error("%s: %s: the transition did not finish in %ds:", cmd, patch, opts->timeout_s);
		stalled_report(0);
		if (lp_set(patch, "enabled", "1") == 0 &&
		    transition_wait(cmd, patch, 1, opts->timeout_s) == 0) {
			log_error("%s: %s: re-enabled: the patch stays loaded (retry later)", cmd, patch);
		} else {
			log_error("%s: %s: could not re-enable; the patch is still in transition", cmd,
				  patch);
			events_record(patch, "failed", "disable stalled and could not be reversed");
		}
		return -1;
	}
	/* Someone may have reversed the transition meanwhile (`suture enable`). */
	if (err == 0 && lp_attr(patch, "enabled", &enabled) == 0 && enabled) {
		log_error("%s: %s: enabled again while it was being disabled; it stays enabled", cmd,
			  patch);
		return -1;
	}
	if (transition_wait_gone(patch, GONE_TIMEOUT_S)) {
		log_error("%s: %s: the kernel did not free the disabled patch", cmd, patch);
		return -1;
	}
	return 0;
}

int mgr_unload(const char *cmd, const char *name, const struct load_opts *opts)
{
	char patch[256];
	int err, state;

	if (!mgr_require_root(cmd) || !mgr_require_livepatch(cmd))
		return EXIT_FAIL;
	state = loaded_patch(cmd, name, patch, sizeof(patch));
	if (state < 0 || (state == 0 && disable_and_wait(cmd, patch, opts)))
		return EXIT_FAIL;
	err = module_remove(patch);
	if (err) {
		log_error("%s: %s: disabled, but the module cannot be removed: %s", cmd, patch,
			  strerror(-err));
		return EXIT_FAIL;
	}
	origin_forget(patch);
	log_info("%s: %s: unloaded, every task runs the original code", cmd, patch);
	return EXIT_OK;
}

int mgr_set_enabled(const char *cmd, const char *name, bool enable, const struct load_opts *opts)
{
	char patch[256];
	long enabled;
	int err;

	if (!mgr_require_root(cmd) || !mgr_require_livepatch(cmd))
		return EXIT_FAIL;
	switch (loaded_patch(cmd, name, patch, sizeof(patch))) {
	case 0:
		break;
	case 1:
		log_error("%s: %s: already disabled; the kernel frees a disabled livepatch, so load it "
			  "again ('suture unload %s', then 'suture load')", cmd, patch, patch);
		return EXIT_FAIL;
	default:
		return EXIT_FAIL;
	}
	if (!enable)
		return disable_and_wait(cmd, patch, opts) ? EXIT_FAIL : EXIT_OK;
	if (lp_attr(patch, "enabled", &enabled) == 0 && enabled) {
		log_error("%s: %s: already enabled", cmd, patch);
		return EXIT_FAIL;
	}
	/* Only a patch still on its way out can be enabled again: the kernel frees a disabled one. */
	err = lp_set(patch, "enabled", "1");
	if (err) {
		log_error("%s: %s: cannot enable: %s (a disabled patch is freed by the kernel; load it "
			  "again)", cmd, patch, strerror(-err));
		return EXIT_FAIL;
	}
	return transition_wait(cmd, patch, 1, opts->timeout_s) ? EXIT_FAIL : EXIT_OK;
}
