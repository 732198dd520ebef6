/* The manager's own files and what it reads from modules, on a fake tree: modinfo, install
 * store modes, the event log per boot, the IPMODIFY conflict explanation, the .deb package. */
#include "harness.h"
#include "test_manager_fixture.h"

#include "manager/conflict.h"
#include "manager/events.h"
#include "manager/install.h"
#include "manager/kofuncs.h"
#include "manager/modinfo.h"
#include "manager/lock.h"
#include "manager/package.h"
#include "manager/pathsafe.h"
#include "manager/report.h"

#include <errno.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const sample_modinfo[] = {
	"name=fake_patch",
	"vermagic=6.1.0-56-amd64 SMP preempt mod_unload modversions ",
	"livepatch=Y",
	"description=a fake livepatch",
	"suture_fix_id=CVE-2024-0001",
	"suture_fix_id=CVE-2024-0002",
	"suture_source_sha256=0123abcd",
	"license=GPL",
	NULL,
};

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

TEST(manager_modinfo_fields)
{
	struct ko_info info;
	char why[256], release[64];

	fake_root();
	fake_module("patch.ko", sample_modinfo);
	CHECK(ko_read(fake_path("patch.ko"), &info, why, sizeof(why)) == 0);
	CHECK_STR(info.name, "fake_patch");
	CHECK(info.livepatch);
	CHECK_STR(info.description, "a fake livepatch");
	CHECK(info.n_fix_ids == 2);
	CHECK_STR(info.fix_ids[1], "CVE-2024-0002");
	CHECK_STR(info.source_sha256, "0123abcd");
	CHECK(ko_release(&info, release, sizeof(release)) == 0);
	CHECK_STR(release, "6.1.0-56-amd64");
	ko_free(&info);
}

TEST(manager_modinfo_refuses_non_elf_and_non_module)
{
	static const char *const no_vermagic[] = { "name=x", "license=GPL", NULL };
	struct ko_info info;
	char why[256];

	fake_root();
	fake_file("text.ko", "hello\n");
	CHECK(ko_read(fake_path("text.ko"), &info, why, sizeof(why)) == -1);
	CHECK(strstr(why, "not an ELF file") != NULL);
	fake_module("odd.ko", no_vermagic);
	CHECK(ko_read(fake_path("odd.ko"), &info, why, sizeof(why)) == -1);
	CHECK(strstr(why, "not a kernel module") != NULL);
}

TEST(manager_install_store_is_root_only)
{
	struct installed *list;
	char dest[4096], found[4096];
	size_t n;

	fake_root();
	fake_module("patch.ko", sample_modinfo);
	CHECK(install_add(fake_path("patch.ko"), "fake_patch", "6.1.0-56-amd64", dest, sizeof(dest)) == 0);
	CHECK_STR(dest, fake_path("state/6.1.0-56-amd64/fake_patch.ko"));
	CHECK(mode_of(fake_path("state")) == 0700);
	CHECK(mode_of(fake_path("state/6.1.0-56-amd64")) == 0700);
	CHECK(mode_of(dest) == 0600);
	CHECK(install_list("6.1.0-56-amd64", &list, &n) == 0);
	CHECK(n == 1);
	CHECK_STR(n ? list[0].name : NULL, "fake_patch");
	free(list);
	CHECK(install_find("fake_patch", "6.1.0-56-amd64", found, sizeof(found)) == 0);
	CHECK(install_list("6.1.0-99-amd64", &list, &n) == 0 && n == 0);
	CHECK(install_remove("fake_patch", "6.1.0-56-amd64") == 0);
	CHECK(install_remove("fake_patch", "6.1.0-56-amd64") == -ENOENT);
	CHECK(install_find("fake_patch", "6.1.0-56-amd64", found, sizeof(found)) == -ENOENT);
}

TEST(manager_list_shows_installed_not_loaded)
{
	struct json_object *list, *e, *v;
	char dest[4096], why[256];

	fake_root();
	fake_dir("sys/kernel/livepatch");
	fake_module("patch.ko", sample_modinfo);
	CHECK(install_add(fake_path("patch.ko"), "fake_patch", "6.1.0-56-amd64", dest, sizeof(dest)) == 0);
	list = report_list(why, sizeof(why));
	CHECK(list && json_object_array_length(list) == 1);
	e = json_object_array_get_idx(list, 0);
	CHECK(json_object_object_get_ex(e, "loaded", &v) && !json_object_get_boolean(v));
	CHECK(json_object_object_get_ex(e, "installed", &v) && json_object_get_boolean(v));
	CHECK(json_object_object_get_ex(e, "enabled", &v) && v == NULL);
	CHECK(json_object_object_get_ex(e, "fix_ids", &v) && json_object_array_length(v) == 2);
	json_object_put(list);
}

TEST(manager_events_count_for_this_boot_only)
{
	struct json_object *status, *v;
	struct event *events;
	char why[256];
	size_t n;

	fake_root();
	fake_dir("sys/kernel/livepatch");
	CHECK(events_record("old_patch", "forced", "transition forced with --force") == 0);
	CHECK(mode_of(fake_path("state/events")) == 0600);
	fake_file("proc/sys/kernel/random/boot_id", "boot-2\n");
	CHECK(events_this_boot(&events, &n) == 0 && n == 0);
	CHECK(events_record("new_patch", "failed", "transition stalled, reverted") == 0);
	CHECK(events_this_boot(&events, &n) == 0 && n == 1);
	CHECK_STR(n ? events[0].patch : NULL, "new_patch");
	CHECK_STR(n ? events[0].why : NULL, "transition stalled, reverted");
	free(events);
	status = report_status(why, sizeof(why));
	CHECK(status != NULL);
	CHECK(json_object_object_get_ex(status, "reboot_recommended", &v) && json_object_get_boolean(v));
	json_object_put(status);
}

TEST(manager_conflict_names_function_and_holder)
{
	/* What matters is the klp_func's old_name: a whole NUL-terminated string in the file. */
	static const char bytes[] = "\177ELF\0x=schedule\0cmdline_proc_show\0";
	FILE *f;

	fake_root();
	f = fopen(fake_path("patch.ko"), "wb");
	CHECK(f && fwrite(bytes, 1, sizeof(bytes), f) == sizeof(bytes) && fclose(f) == 0);
	/* Not in the module; held by livepatch (shared, not a conflict); held by another module. */
	fake_file("sys/kernel/tracing/enabled_functions",
		  "schedule (1) R I   \ttramp: 0xffffffffc0001000 (other_handler+0x0/0x10 [other]) ->x\n"
		  "cmdline_proc_show (1) R I   \ttramp: 0xffffffffc0002000 (klp_ftrace_handler+0x0/0x150) ->x\n");
	CHECK(conflict_explain("load", "fake_patch", fake_path("patch.ko")) == 0);
	fake_file("sys/kernel/tracing/enabled_functions",
		  "cmdline_proc_show (1) R I   \ttramp: 0xffffffffc0002000 (holder_handler+0x0/0x10 [ipmodify_holder]) ->x\n"
		  "cmdline_proc_sh (1)   I   \n");
	CHECK(conflict_explain("load", "fake_patch", fake_path("patch.ko")) == 1);
}

/* Runs cmd and returns its output (first 64 KiB). */
static char *output_of(const char *cmd)
{
	static char buf[65536];
	FILE *p = popen(cmd, "r");
	size_t got;

	if (!p)
		return NULL;
	got = fread(buf, 1, sizeof(buf) - 1, p);
	buf[got] = '\0';
	return pclose(p) == 0 ? buf : NULL;
}

TEST(manager_package_is_a_deb_that_installs_the_module)
{
	struct package_opts opts = { .version = "2.0", .output = NULL };
	char deb[4096], cmd[8192], output[4096], *out;

	fake_root();
	fake_module("patch.ko", sample_modinfo);
	/* A module only libkmod reads is enough to package; its e_machine says amd64. */
	snprintf(output, sizeof(output), "%s", fake_path("out.deb"));
	opts.output = output;
	CHECK(package_build("package", fake_path("patch.ko"), &opts, deb, sizeof(deb)) == 0);
	CHECK_STR(deb, fake_path("out.deb"));

	snprintf(cmd, sizeof(cmd), "dpkg-deb -I '%s'", deb);
	out = output_of(cmd);
	CHECK(out && strstr(out, "Package: suture-livepatch-fake-patch-6.1.0-56-amd64\n"));
	CHECK(out && strstr(out, "Version: 2.0\n"));
	CHECK(out && strstr(out, "Architecture: amd64\n"));
	CHECK(out && strstr(out, "Depends: suture\n"));
	CHECK(out && strstr(out, " postinst ") && strstr(out, " prerm "));
	CHECK(out && strstr(out, "CVE-2024-0001"));
	snprintf(cmd, sizeof(cmd), "dpkg-deb -c '%s'", deb);
	out = output_of(cmd);
	CHECK(out && strstr(out, "drwx------ root/root") && strstr(out, "./var/lib/suture/6.1.0-56-amd64/\n"));
	CHECK(out && strstr(out, "-rw------- root/root") &&
	      strstr(out, "./var/lib/suture/6.1.0-56-amd64/fake_patch.ko\n"));

	/* Installed into a scratch root: the module lands where `load --installed` looks. Scripts
	 * run outside a chroot with DPKG_ROOT set, and then do nothing. The scratch root has no
	 * suture package to depend on (tests/debian installs both in a real guest). */
	fake_dir("root/var/lib/dpkg/info");
	fake_dir("root/var/lib/dpkg/updates");
	fake_file("root/var/lib/dpkg/status", "");
	fake_file("root/var/lib/dpkg/available", "");
	snprintf(cmd, sizeof(cmd), "dpkg --root='%s' --log=/dev/null --force-script-chrootless --force-depends -i '%s' 2>&1",
		 fake_path("root"), deb);
	out = output_of(cmd);
	CHECK(out != NULL);
	if (!out)
		fprintf(stderr, "dpkg failed\n");
	CHECK(mode_of(fake_path("root/var/lib/suture/6.1.0-56-amd64/fake_patch.ko")) == 0600);
	CHECK(mode_of(fake_path("root/var/lib/suture")) == 0700);
	snprintf(cmd, sizeof(cmd), "cmp '%s' '%s'", fake_path("patch.ko"),
		 fake_path("root/var/lib/suture/6.1.0-56-amd64/fake_patch.ko"));
	CHECK(system(cmd) == 0);
	snprintf(cmd, sizeof(cmd), "dpkg --root='%s' --log=/dev/null --force-script-chrootless -r "
		 "suture-livepatch-fake-patch-6.1.0-56-amd64 >/dev/null 2>&1", fake_path("root"));
	CHECK(system(cmd) == 0);
	CHECK(mode_of(fake_path("root/var/lib/suture/6.1.0-56-amd64/fake_patch.ko")) == -1);
}

TEST(manager_package_refuses_non_livepatch)
{
	static const char *const plain[] = { "name=plain", "vermagic=6.1.0-56-amd64 SMP", NULL };
	struct package_opts opts = { 0 };
	char deb[4096], output[4096];

	fake_root();
	fake_module("plain.ko", plain);
	snprintf(output, sizeof(output), "%s", fake_path("out.deb"));
	opts.output = output;
	CHECK(package_build("package", fake_path("plain.ko"), &opts, deb, sizeof(deb)) == -1);
	CHECK(mode_of(fake_path("out.deb")) == -1);
}

/* The klp tables of a module, as a compiler lays them out: a klp_func starts with old_name,
 * new_func and old_sympos; a klp_object with name (NULL: vmlinux) and funcs. */
static const char klp_tables_source[] =
	"struct func { const char *old_name; void *new_func; unsigned long old_sympos; char rest[120]; };\n"
	"struct obj { const char *name; struct func *funcs; char rest[88]; };\n"
	"int new_a(void) { return 1; }\n"
	"int new_b(void) { return 2; }\n"
	"int new_c(void) { return 3; }\n"
	"struct func vmlinux_funcs[] = { { \"cmdline_proc_show\", new_a, 0 },\n"
	"				 { \"meminfo_proc_show\", new_b, 2 }, { 0 } };\n"
	"struct func ext4_funcs[] = { { \"ext4_fill_super\", new_c, 0 }, { 0 } };\n"
	"struct obj objs[] = { { 0, vmlinux_funcs }, { \"ext4\", ext4_funcs }, { 0 } };\n"
	"struct { void *mod; struct obj *objs; } patch = { 0, objs };\n";

TEST(manager_kofuncs_reads_klp_tables)
{
	struct ko_func *f;
	char cmd[8192];
	size_t n;

	fake_root();
	fake_file("tables.c", klp_tables_source);
	snprintf(cmd, sizeof(cmd), "gcc -O2 -c -o '%s'", fake_path("tables.ko"));
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " '%s'", fake_path("tables.c"));
	CHECK(system(cmd) == 0);
	CHECK(ko_funcs(fake_path("tables.ko"), &f, &n) == 0);
	CHECK(n == 3);
	if (n != 3)
		return;
	CHECK_STR(f[0].object, "vmlinux");
	CHECK_STR(f[0].name, "cmdline_proc_show");
	CHECK(f[0].sympos == 1);
	CHECK_STR(f[1].name, "meminfo_proc_show");
	CHECK(f[1].sympos == 2);
	CHECK_STR(f[2].object, "ext4");
	CHECK_STR(f[2].name, "ext4_fill_super");
	free(f);
	fake_file("text.ko", "not ELF\n");
	CHECK(ko_funcs(fake_path("text.ko"), &f, &n) == -1);
}

TEST(path_safe_refuses_what_others_can_write)
{
	char dir[] = "/tmp/suture-pathsafe-XXXXXX", file[600], sub[600], why[700];
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(file, sizeof(file), "%s/p.ko", dir);
	CHECK((f = fopen(file, "w")) != NULL && fclose(f) == 0);
	/* Root's file in root's 0700 directory under the sticky /tmp: safe (the tests run as root). */
	CHECK(chmod(file, 0644) == 0 && chmod(dir, 0700) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == 0);
	CHECK(chmod(file, 0666) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == -1 && strstr(why, "writable by every user"));
	CHECK(chmod(file, 0664) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == -1 && strstr(why, "writable by its group"));
	CHECK(chmod(file, 0644) == 0 && chown(file, 65534, 65534) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == -1 && strstr(why, "not owned by root"));
	CHECK(chown(file, 0, 0) == 0);
	/* A world-writable directory without the sticky bit above it: anyone could swap the file. */
	CHECK(chmod(dir, 0777) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == -1 && strstr(why, "directory") && strstr(why, "every user"));
	CHECK(chmod(dir, 01777) == 0);
	CHECK(path_safe(file, why, sizeof(why)) == 0);
	snprintf(sub, sizeof(sub), "%s/missing.ko", dir);
	CHECK(path_safe(sub, why, sizeof(why)) == -1 && strstr(why, "No such file"));
	unlink(file);
	rmdir(dir);
}

TEST(lock_refuses_a_second_holder_until_the_first_exits)
{
	char dir[] = "/tmp/suture-lock-XXXXXX", c = 0, cmd[600];
	char *first[] = { "load", "x.ko" }, *second[] = { "unload", "x" };
	int ready[2];
	pid_t pid;

	CHECK(mkdtemp(dir) != NULL && pipe(ready) == 0);
	setenv("SUTURE_STATE_DIR", dir, 1);
	pid = fork();
	if (pid == 0) {
		if (mgr_lock("load", 2, first) && write(ready[1], "y", 1) == 1)
			pause();
		_exit(1);
	}
	CHECK(read(ready[0], &c, 1) == 1 && c == 'y');
	CHECK(!mgr_lock("unload", 2, second));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* The kernel dropped the dead holder's lock. */
	CHECK(mgr_lock("unload", 2, second));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}
