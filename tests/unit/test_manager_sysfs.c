/* The manager's view of /sys/kernel/livepatch and /proc, on fake trees: patches, objects,
 * functions with sympos, missing livepatch support, stalled tasks, transitions. */
#include "harness.h"
#include "test_manager_fixture.h"

#include "manager/kernel.h"
#include "manager/load.h"
#include "manager/report.h"
#include "manager/stalled.h"
#include "manager/sysfs.h"
#include "manager/transition.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>

static void two_patches(void)
{
	fake_file("sys/kernel/livepatch/zeta/enabled", "1\n");
	fake_file("sys/kernel/livepatch/zeta/transition", "0\n");
	fake_file("sys/kernel/livepatch/zeta/vmlinux/patched", "1\n");
	fake_dir("sys/kernel/livepatch/zeta/vmlinux/cmdline_proc_show,1");
	fake_file("sys/kernel/livepatch/zeta/ext4/patched", "0\n");
	fake_dir("sys/kernel/livepatch/zeta/ext4/ext4_fill_super,2");
	fake_dir("sys/kernel/livepatch/zeta/ext4/ext4_put_super,1");
	fake_file("sys/kernel/livepatch/alpha/enabled", "0\n");
	fake_file("sys/kernel/livepatch/alpha/transition", "1\n");
}

TEST(manager_lists_patches_sorted)
{
	char **names;
	size_t n;

	fake_root();
	two_patches();
	CHECK(lp_sysfs_present());
	CHECK(lp_names(&names, &n) == 0);
	CHECK(n == 2);
	CHECK_STR(names[0], "alpha");
	CHECK_STR(names[1], "zeta");
	lp_names_free(names, n);
	CHECK(lp_exists("zeta"));
	CHECK(!lp_exists("gamma"));
}

TEST(manager_reads_objects_functions_sympos)
{
	struct lp_patch p;

	fake_root();
	two_patches();
	CHECK(lp_read("zeta", &p) == 0);
	CHECK(p.enabled == 1 && p.transition == 0);
	CHECK(p.n_objs == 2);
	CHECK_STR(p.objs[0].name, "ext4");
	CHECK(p.objs[0].patched == 0);
	CHECK(p.objs[0].n_funcs == 2);
	CHECK_STR(p.objs[0].funcs[0].name, "ext4_fill_super");
	CHECK(p.objs[0].funcs[0].sympos == 2);
	CHECK_STR(p.objs[1].name, "vmlinux");
	CHECK(p.objs[1].patched == 1);
	CHECK_STR(p.objs[1].funcs[0].name, "cmdline_proc_show");
	CHECK(p.objs[1].funcs[0].sympos == 1);
	lp_patch_free(&p);
	CHECK(lp_read("gamma", &p) == -ENOENT);
}

TEST(manager_kernel_without_livepatch)
{
	struct json_object *status, *lp, *v;
	char why[256];

	fake_root();
	fake_dir("sys/kernel");
	fake_file("boot/config-6.1.0-56-amd64", "CONFIG_MODULES=y\n# CONFIG_LIVEPATCH is not set\n");
	fake_file("proc/sys/kernel/tainted", "0\n");
	CHECK(!lp_sysfs_present());
	CHECK(!mgr_require_livepatch("load"));
	status = report_status(why, sizeof(why));
	CHECK(status != NULL);
	CHECK(json_object_object_get_ex(status, "livepatch", &lp));
	CHECK(json_object_object_get_ex(lp, "supported", &v) && !json_object_get_boolean(v));
	CHECK(json_object_object_get_ex(lp, "config", &v) && !json_object_get_boolean(v));
	json_object_put(status);
}

TEST(manager_status_reports_support_taint_and_patches)
{
	struct json_object *status, *v, *flags, *patches;
	char why[256];

	fake_root();
	two_patches();
	fake_file("boot/config-6.1.0-56-amd64", "CONFIG_LIVEPATCH=y\n");
	/* K (1 << 15) and E (1 << 13), not O. */
	fake_file("proc/sys/kernel/tainted", "40960\n");
	status = report_status(why, sizeof(why));
	CHECK(status != NULL);
	CHECK(json_object_object_get_ex(status, "kernel", &v));
	CHECK_STR(json_object_get_string(v), "6.1.0-56-amd64");
	CHECK(json_object_object_get_ex(status, "taint", &v));
	CHECK(json_object_object_get_ex(v, "flags", &flags));
	CHECK(json_object_array_length(flags) == 2);
	CHECK_STR(json_object_get_string(json_object_array_get_idx(flags, 0)), "K");
	CHECK_STR(json_object_get_string(json_object_array_get_idx(flags, 1)), "E");
	CHECK(json_object_object_get_ex(status, "patches", &patches));
	CHECK(json_object_array_length(patches) == 2);
	CHECK(json_object_object_get_ex(status, "reboot_recommended", &v) && !json_object_get_boolean(v));
	json_object_put(status);
}

TEST(manager_stalled_tasks_are_those_not_at_target)
{
	struct stalled_task *tasks;
	size_t n;

	fake_root();
	fake_file("proc/10/task/10/patch_state", "0\n");
	fake_file("proc/10/task/10/comm", "stall_parker\n");
	fake_file("proc/10/task/11/patch_state", "1\n");
	fake_file("proc/20/task/20/patch_state", "-1\n");
	fake_file("proc/30/task/30/patch_state", "1\n");
	fake_dir("proc/self");
	CHECK(stalled_scan(1, &tasks, &n) == 0);
	CHECK(n == 1);
	CHECK(n == 1 && tasks[0].pid == 10 && tasks[0].tid == 10);
	CHECK(n == 1 && tasks[0].patch_state == 0);
	CHECK_STR(n == 1 ? tasks[0].comm : NULL, "stall_parker");
	free(tasks);
	/* Unpatching: the ones at 1 are the ones left behind. */
	CHECK(stalled_scan(0, &tasks, &n) == 0);
	CHECK(n == 2);
	free(tasks);
}

TEST(manager_transition_wait_outcomes)
{
	fake_root();
	fake_file("sys/kernel/livepatch/done/transition", "0\n");
	fake_file("sys/kernel/livepatch/stuck/transition", "1\n");
	fake_dir("proc");
	CHECK(transition_wait("load", "done", 1, 5) == 0);
	CHECK(transition_wait("load", "stuck", 1, 1) == -ETIMEDOUT);
	CHECK(transition_wait("unload", "gone", 0, 1) == -ENOENT);
	CHECK(transition_wait_gone("gone", 1) == 0);
	CHECK(transition_wait_gone("stuck", 1) == -ETIMEDOUT);
}

TEST(manager_config_livepatch)
{
	char where[4096];

	fake_root();
	CHECK(kernel_config_livepatch("6.1.0-56-amd64", where, sizeof(where)) == -1);
	fake_file("boot/config-6.1.0-56-amd64", "CONFIG_FOO=y\nCONFIG_LIVEPATCH=y\nCONFIG_BAR=m\n");
	CHECK(kernel_config_livepatch("6.1.0-56-amd64", where, sizeof(where)) == 1);
	CHECK_STR(where, fake_path("boot/config-6.1.0-56-amd64"));
}
