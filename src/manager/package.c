/* Building a .deb around a livepatch module; see package.h. The staging tree lives in a
 * temporary directory that is removed whatever happens. */
#define _GNU_SOURCE
#include "manager/package.h"
#include "manager/modinfo.h"
#include "util/log.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Debian's architecture name for the module's ELF machine. */
static const char *deb_arch(const char *ko_path)
{
	unsigned char head[20];
	int fd = open(ko_path, O_RDONLY | O_CLOEXEC);
	ssize_t got = fd < 0 ? -1 : read(fd, head, sizeof(head));

	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof(head))
		return NULL;
	switch (head[18] | head[19] << 8) { /* e_machine, little-endian */
	case 62:
		return "amd64";
	case 183:
		return "arm64";
	case 3:
		return "i386";
	default:
		return NULL;
	}
}

/* A series names the package, so it must make a Debian package name. */
static bool valid_series(const char *series)
{
	if (!*series || strlen(series) > 64)
		return false;
	for (const char *c = series; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
			return false;
	return true;
}

/* A Debian package name from the series (the module's name by default): lower case, '_'
 * becomes '-'. */
static void package_name(char *buf, size_t size, const char *series, const char *release)
{
	size_t i;

	snprintf(buf, size, "suture-livepatch-%s-%s", series, release);
	for (i = 0; buf[i]; i++)
		buf[i] = buf[i] == '_' ? '-' : (char)tolower((unsigned char)buf[i]);
}

static int write_file(const char *path, mode_t mode, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fchmod(fd, mode) < 0 || write(fd, text, len) != (ssize_t)len)
		err = errno ? -errno : -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out, err = 0;
	ssize_t got;

	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		err = -errno;
		close(in);
		return err;
	}
	while (!err && (got = read(in, buf, sizeof(buf))) != 0) {
		if (got < 0 || write(out, buf, got) != got)
			err = errno ? -errno : -EIO;
	}
	if (!err && fchmod(out, mode) < 0)
		err = -errno;
	if (close(out) < 0 && !err)
		err = -errno;
	close(in);
	return err;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int run_dpkg_deb(const char *staging, const char *deb)
{
	char *argv[] = { "dpkg-deb", "--root-owner-group", "--build", (char *)staging, (char *)deb,
			 NULL };
	posix_spawn_file_actions_t actions;
	int status, err;
	pid_t pid;

	/* dpkg-deb's "building package ..." line is noise on stdout; errors stay on stderr. */
	if (posix_spawn_file_actions_init(&actions) ||
	    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0))
		return -ENOMEM;
	err = posix_spawnp(&pid, "dpkg-deb", &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (err)
		return -err;
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

static int stage(const char *staging, const struct ko_info *info, const char *release,
		 const char *pkg, const char *version, const char *arch)
{
	char path[PATH_MAX], text[4096];
	static const char *const dirs[] = { "/DEBIAN", "/var", "/var/lib" };
	int err = 0;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", staging, dirs[i]);
		if (mkdir(path, 0755) < 0)
			return -errno;
	}
	snprintf(path, sizeof(path), "%s/var/lib/suture", staging);
	if (mkdir(path, 0700) < 0 || chmod(path, 0700) < 0)
		return -errno;
	snprintf(path, sizeof(path), "%s/var/lib/suture/%s", staging, release);
	if (mkdir(path, 0700) < 0 || chmod(path, 0700) < 0)
		return -errno;
	snprintf(path, sizeof(path), "%s/var/lib/suture/%s/%s.ko", staging, release, info->name);
	err = copy_file(info->path, path, 0600);
	if (err)
		return err;

	snprintf(text, sizeof(text),
		 "Package: %s\nVersion: %s\nArchitecture: %s\nSection: kernel\nPriority: optional\n"
		 "Maintainer: suture <root@localhost>\nDepends: suture\nEnhances: linux-image-%s\n"
		 "Description: livepatch %s for Linux %s\n %s\n%s%s%s",
		 pkg, version, arch, release, info->name, release,
		 info->description ? info->description : "Built with suture.",
		 info->n_fix_ids ? " Fixes: " : "", info->n_fix_ids ? info->fix_ids[0] : "",
		 info->n_fix_ids ? "\n" : "");
	snprintf(path, sizeof(path), "%s/DEBIAN/control", staging);
	err = write_file(path, 0644, text);
	if (err)
		return err;

	/* The maintainer scripts. DPKG_ROOT is set when dpkg installs into another root (dpkg
	 * --root): that is not the running system, so there is nothing to load or unload.
	 *
	 * An upgrade keeps the system patched throughout when the new version's module has another
	 * name (a series, --series): the old prerm leaves its patch loaded, the new preinst notes
	 * which modules the old version installed, and the new postinst loads the new patch (a
	 * cumulative one replaces the old at once; any other goes on top of it) and only then
	 * unloads what the old version loaded. Two modules of one name cannot be loaded together,
	 * so a same-name upgrade unloads the old one in preinst: a short unpatched window. */
	snprintf(text, sizeof(text),
		 "#!/bin/sh\nset -e\n[ -z \"$DPKG_ROOT\" ] || exit 0\n[ \"$1\" = upgrade ] || exit 0\n"
		 "old=$(dpkg-query -L '%s' 2>/dev/null | sed -n 's|^/var/lib/suture/%s/\\([^/]*\\)\\.ko$|\\1|p')\n"
		 "mkdir -p /run/suture\necho \"$old\" >/run/suture/upgrade-%s\n"
		 "if echo \"$old\" | grep -qx '%s' && [ -d /sys/kernel/livepatch/%s ] && command -v suture >/dev/null; then\n"
		 "\tsuture unload %s\nfi\nexit 0\n", pkg, release, pkg, info->name, info->name, info->name);
	snprintf(path, sizeof(path), "%s/DEBIAN/preinst", staging);
	err = write_file(path, 0755, text);
	if (err)
		return err;
	/* A failed load leaves the package installed (the file is in place and boot will try again)
	 * and the old version's patch loaded; a patch already live (a reinstall) stays as it is. */
	snprintf(text, sizeof(text),
		 "#!/bin/sh\nset -e\n[ \"$1\" = configure ] || exit 0\n[ -z \"$DPKG_ROOT\" ] || exit 0\n"
		 "old=$(cat /run/suture/upgrade-%s 2>/dev/null || true)\nrm -f /run/suture/upgrade-%s\n"
		 "[ \"$(uname -r)\" = '%s' ] && command -v suture >/dev/null || exit 0\n"
		 "if [ ! -d /sys/kernel/livepatch/%s ] && ! suture load /var/lib/suture/%s/%s.ko; then\n"
		 "\techo '%s: not loaded now; suture.service loads it at boot' >&2\n\texit 0\nfi\n"
		 "for m in $old; do\n"
		 "\tif [ \"$m\" != '%s' ] && [ -d \"/sys/kernel/livepatch/$m\" ]; then suture unload \"$m\"; fi\n"
		 "done\nexit 0\n", pkg, pkg, release, info->name, release, info->name, pkg, info->name);
	snprintf(path, sizeof(path), "%s/DEBIAN/postinst", staging);
	err = write_file(path, 0755, text);
	if (err)
		return err;
	/* A failed unload fails prerm, so dpkg keeps the package: file and live patch stay together. */
	snprintf(text, sizeof(text),
		 "#!/bin/sh\nset -e\n[ -z \"$DPKG_ROOT\" ] || exit 0\n"
		 "case \"$1\" in remove|deconfigure) ;; *) exit 0 ;; esac\n"
		 "if [ -d /sys/kernel/livepatch/%s ] && command -v suture >/dev/null; then\n"
		 "\tsuture unload %s\nfi\nexit 0\n", info->name, info->name);
	snprintf(path, sizeof(path), "%s/DEBIAN/prerm", staging);
	return write_file(path, 0755, text);
}

int package_build(const char *cmd, const char *ko_path, const struct package_opts *opts,
		  char *out_path, size_t out_size)
{
	char why[256], release[128], pkg[256], staging[] = "/tmp/suture-package.XXXXXX";
	const char *version, *arch;
	struct ko_info info;
	int err, rc = -1;

	if (ko_read(ko_path, &info, why, sizeof(why))) {
		log_error("%s: %s: %s", cmd, ko_path, why);
		return -1;
	}
	if (!info.livepatch) {
		log_error("%s: %s: not a livepatch module (its modinfo has no livepatch=Y)", cmd, ko_path);
		goto out_info;
	}
	arch = deb_arch(ko_path);
	if (ko_release(&info, release, sizeof(release)) || !arch) {
		log_error("%s: %s: cannot tell which kernel or architecture it is for", cmd, ko_path);
		goto out_info;
	}
	version = opts->version ? opts->version : info.version ? info.version : "1";
	if (!isdigit((unsigned char)version[0])) {
		log_error("%s: version '%s': a Debian version starts with a digit (use --version)", cmd,
			  version);
		goto out_info;
	}
	if (opts->series && !valid_series(opts->series)) {
		log_error("%s: series '%s': use letters, digits, '-' and '_' (it names the package)", cmd,
			  opts->series);
		goto out_info;
	}
	package_name(pkg, sizeof(pkg), opts->series ? opts->series : info.name, release);
	if (opts->output)
		snprintf(out_path, out_size, "%s", opts->output);
	else
		snprintf(out_path, out_size, "%s_%s_%s.deb", pkg, version, arch);
	if (!mkdtemp(staging) || chmod(staging, 0755) < 0) {
		log_error("%s: cannot create a staging directory: %s", cmd, strerror(errno));
		goto out_info;
	}
	err = stage(staging, &info, release, pkg, version, arch);
	if (err) {
		log_error("%s: staging the package in %s: %s", cmd, staging, strerror(-err));
		goto out_staging;
	}
	err = run_dpkg_deb(staging, out_path);
	if (err) {
		log_error("%s: %s: dpkg-deb failed (%s)", cmd, out_path,
			  err == -ENOENT ? "dpkg-deb not found; install dpkg" : "see above");
		unlink(out_path);
		goto out_staging;
	}
	rc = 0;
out_staging:
	nftw(staging, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
out_info:
	ko_free(&info);
	return rc;
}
