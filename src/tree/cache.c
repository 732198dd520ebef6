/* Preparing and caching a kernel source tree per source version; see cache.h. */
#define _GNU_SOURCE
#include "tree/cache.h"
#include "target/paths.h"
#include "target/run.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int tree_locate(struct tree *tr, const struct target *t, const char *cmd)
{
	memset(tr, 0, sizeof(*tr));
	tr->t = *t;
	if (cache_path(tr->dir, sizeof(tr->dir), "tree/%s", t->version) < 0 ||
	    path_printf(tr->src, sizeof(tr->src), "%s/linux", tr->dir) < 0 ||
	    cache_path(tr->tarball, sizeof(tr->tarball), "source/%s/%s.tar.xz", t->version, SOURCE_PKG) < 0) {
		log_error("%s: no usable cache directory ($XDG_CACHE_HOME or $HOME)", cmd);
		return -1;
	}
	return 0;
}

/* The stamp written last by a successful prepare: "<release> <bytes on disk>". */
static int read_stamp(const struct tree *tr, char *release, size_t len, unsigned long long *bytes)
{
	char path[PATH_MAX], line[256];

	if (path_printf(path, sizeof(path), "%s/ready", tr->dir) < 0 || read_line_file(path, line, sizeof(line)) < 0)
		return -1;
	if (sscanf(line, "%63s %llu", release, bytes) != 2 || strlen(release) >= len)
		return -1;
	return 0;
}

int tree_check_ready(const struct tree *tr, const char *cmd)
{
	char release[64];
	unsigned long long bytes;

	if (read_stamp(tr, release, sizeof(release), &bytes) < 0) {
		log_error("%s: the source tree of %s (%s) is not prepared (run 'suture prepare --kernel %s')", cmd,
			  tr->t.release, tr->t.version, tr->t.release);
		return -1;
	}
	if (strcmp(release, tr->t.release) != 0) {
		log_error("%s: %s was prepared for %s, not %s", cmd, tr->src, release, tr->t.release);
		return -1;
	}
	return 0;
}

static int run_step(const char *cmd, const char *what, const struct run_opts *o, char *const argv[])
{
	double start = now_seconds();
	int rc = run_cmd(o, argv);

	if (rc == RUN_INTERRUPTED) {
		log_error("%s: %s: interrupted", cmd, what);
		return -1;
	}
	if (rc != 0) {
		if (o->stdout_path)
			log_error("%s: %s failed (exit %d; see %s)", cmd, what, rc, o->stdout_path);
		else
			log_error("%s: %s failed (exit %d)", cmd, what, rc);
		return -1;
	}
	log_info("%s: %s: %.1f s", cmd, what, now_seconds() - start);
	return 0;
}

/* Fetches the source package's tarball into the source cache (apt-get download needs no root). */
static int download_source(const struct tree *tr, const char *cmd)
{
	char scratch[PATH_MAX], spec[128], part[PATH_MAX], what[160];
	char *dir = NULL;
	int rc = -1;

	if (path_printf(scratch, sizeof(scratch), "%s/download", tr->dir) < 0 ||
	    path_printf(part, sizeof(part), "%s.part", tr->tarball) < 0)
		return -1;
	snprintf(spec, sizeof(spec), "%s=%s", SOURCE_PKG, tr->t.version);
	snprintf(what, sizeof(what), "download %s", spec);
	{
		char *rm[] = { "rm", "-rf", scratch, NULL };
		char *get[] = { "apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", spec, NULL };
		struct run_opts quiet = { .quiet_stderr = 1 };
		struct run_opts in_scratch = { .cwd = scratch };

		if (run_cmd(&quiet, rm) != 0 || mkdir(scratch, 0755) < 0)
			goto out;
		if (run_step(cmd, what, &in_scratch, get) < 0)
			goto out;
	}
	dir = strdup(tr->tarball);
	if (!dir)
		goto out;
	*strrchr(dir, '/') = '\0';
	{
		char *mk[] = { "mkdir", "-p", dir, NULL };
		char *unpack[] = { "sh", "-c",
				   "dpkg-deb --fsys-tarfile \"$1\"/*.deb | tar -x -O ./usr/src/linux-source-6.1.tar.xz >\"$2\"",
				   "sh", scratch, part, NULL };
		struct run_opts plain = { 0 };

		if (run_cmd(&plain, mk) != 0 || run_step(cmd, "unpack the source package", &plain, unpack) < 0)
			goto out;
	}
	if (rename(part, tr->tarball) < 0) {
		log_error("%s: %s: %s", cmd, tr->tarball, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(dir);
	return rc;
}

/* "# Linux/x86 6.1.192 Kernel Configuration" -> checks 6.1.192 against the image's upstream version. */
static int check_config_version(const struct tree *tr, const char *cmd, const char *config)
{
	char line[256], want[64];
	FILE *f = fopen(config, "r");
	int found = 0;

	if (!f) {
		log_error("%s: %s: %s (is %s installed? run scripts/install-deps)", cmd, config, strerror(errno),
			  tr->t.headers_pkg);
		return -1;
	}
	snprintf(want, sizeof(want), " %s Kernel Configuration", tr->t.upstream);
	for (int i = 0; i < 5 && fgets(line, sizeof(line), f); i++)
		if (strstr(line, want))
			found = 1;
	fclose(f);
	if (!found) {
		log_error("%s: %s is not the configuration of Linux %s (the image %s is %s)", cmd, config,
			  tr->t.upstream, tr->t.image_pkg, tr->t.version);
		return -1;
	}
	return 0;
}

/* The installed headers package (its .config is the one we build with) must be the image's version. */
static int check_headers_package(const struct tree *tr, const char *cmd)
{
	char *argv[] = { "dpkg-query", "-W", "-f=${Version}", (char *)tr->t.headers_pkg, NULL };
	struct run_opts o = { .quiet_stderr = 1 };
	char *out = NULL;
	int rc;

	o.capture = &out;
	rc = run_cmd(&o, argv);
	if (rc == RUN_INTERRUPTED) {
		log_error("%s: asking dpkg which %s is installed: interrupted", cmd, tr->t.headers_pkg);
		free(out);
		return -1;
	}
	if (rc != 0 || !out || strcmp(out, tr->t.version) != 0) {
		log_error("%s: %s is %s, but the image %s is %s: source and image do not match (run "
			  "SUTURE_KERNEL=%s scripts/install-deps)", cmd, tr->t.headers_pkg,
			  rc == 0 && out && *out ? out : "not installed", tr->t.image_pkg, tr->t.version, tr->t.release);
		free(out);
		return -1;
	}
	free(out);
	return 0;
}

/* The extracted Makefile's VERSION.PATCHLEVEL.SUBLEVEL must be the image's upstream version. */
static int check_source_version(const struct tree *tr, const char *cmd, const char *src)
{
	char path[PATH_MAX], line[256], got[64] = "";
	int v = -1, p = -1, s = -1;
	FILE *f;

	if (path_printf(path, sizeof(path), "%s/Makefile", src) < 0 || !(f = fopen(path, "r"))) {
		log_error("%s: %s/Makefile: cannot read it", cmd, src);
		return -1;
	}
	for (int i = 0; i < 10 && fgets(line, sizeof(line), f); i++) {
		sscanf(line, "VERSION = %d", &v);
		sscanf(line, "PATCHLEVEL = %d", &p);
		sscanf(line, "SUBLEVEL = %d", &s);
	}
	fclose(f);
	snprintf(got, sizeof(got), "%d.%d.%d", v, p, s);
	if (strcmp(got, tr->t.upstream) != 0) {
		log_error("%s: %s holds Linux %s, but the image %s is %s (%s): source and image do not match", cmd,
			  tr->tarball, got, tr->t.image_pkg, tr->t.version, tr->t.upstream);
		return -1;
	}
	return 0;
}

static unsigned long long disk_bytes;

static int add_blocks(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)path;
	(void)flag;
	(void)ftw;
	disk_bytes += (unsigned long long)st->st_blocks * 512;
	return 0;
}

static int build_tree(struct tree *tr, const char *cmd, unsigned long long *bytes)
{
	char tmp[PATH_MAX], config[PATH_MAX], log[PATH_MAX], relfile[PATH_MAX], rel[128], jobs[32];
	char cc[64], krel[128], want[160];
	struct run_opts plain = { 0 };
	struct run_opts logged = { .stderr_to_stdout = 1 };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (path_printf(tmp, sizeof(tmp), "%s/linux.tmp", tr->dir) < 0 ||
	    path_printf(config, sizeof(config), "%s/.config", tr->t.headers_dir) < 0 ||
	    path_printf(log, sizeof(log), "%s/prepare.log", tr->dir) < 0 ||
	    path_printf(relfile, sizeof(relfile), "%s/include/generated/utsrelease.h", tmp) < 0)
		return -1;
	if (check_config_version(tr, cmd, config) < 0 || check_headers_package(tr, cmd) < 0)
		return -1;
	if (access(tr->tarball, R_OK) < 0 && download_source(tr, cmd) < 0)
		return -1;
	{
		char *rm[] = { "rm", "-rf", tmp, tr->src, NULL };
		char *tar[] = { "tar", "-xJf", tr->tarball, "-C", tmp, "--strip-components=1", NULL };
		char what[256];

		if (run_cmd(&plain, rm) != 0 || mkdir(tmp, 0755) < 0) {
			log_error("%s: cannot make %s", cmd, tmp);
			return -1;
		}
		snprintf(what, sizeof(what), "extract %s %s", SOURCE_PKG, tr->t.version);
		if (run_step(cmd, what, &plain, tar) < 0)
			return -1;
	}
	if (check_source_version(tr, cmd, tmp) < 0)
		return -1;
	snprintf(jobs, sizeof(jobs), "-j%ld", ncpu > 0 ? ncpu : 1);
	snprintf(cc, sizeof(cc), "CC=%s", KERNEL_CC);
	snprintf(krel, sizeof(krel), "KERNELRELEASE=%s", tr->t.release);
	{
		char *cp[] = { "cp", config, tmp, NULL };
		char *make[] = { "make", "-C", tmp, jobs, cc, krel, "olddefconfig", "modules_prepare", NULL };
		char what[256];

		if (run_cmd(&plain, cp) != 0) {
			log_error("%s: cannot copy %s", cmd, config);
			return -1;
		}
		logged.stdout_path = log;
		snprintf(what, sizeof(what), "make olddefconfig modules_prepare %s %s", cc, krel);
		if (run_step(cmd, what, &logged, make) < 0)
			return -1;
	}
	/* The release objects are built for (vermagic, UTS_RELEASE) comes from KERNELRELEASE= above. */
	snprintf(want, sizeof(want), "#define UTS_RELEASE \"%s\"", tr->t.release);
	if (read_line_file(relfile, rel, sizeof(rel)) < 0 || strcmp(rel, want) != 0) {
		log_error("%s: %s says '%s', not %s", cmd, relfile, rel, want);
		return -1;
	}
	if (rename(tmp, tr->src) < 0) {
		log_error("%s: %s: %s", cmd, tr->src, strerror(errno));
		return -1;
	}
	disk_bytes = 0;
	if (nftw(tr->src, add_blocks, 64, FTW_PHYS) != 0) {
		log_error("%s: cannot measure %s", cmd, tr->src);
		return -1;
	}
	*bytes = disk_bytes;
	return 0;
}

static int write_stamp(const struct tree *tr, const char *cmd, unsigned long long bytes)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	FILE *f;

	if (path_printf(path, sizeof(path), "%s/ready", tr->dir) < 0 ||
	    path_printf(tmp, sizeof(tmp), "%s/ready.tmp", tr->dir) < 0 || !(f = fopen(tmp, "w"))) {
		log_error("%s: cannot write %s/ready", cmd, tr->dir);
		return -1;
	}
	fprintf(f, "%s %llu\n", tr->t.release, bytes);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		log_error("%s: cannot write %s: %s", cmd, path, strerror(errno));
		return -1;
	}
	return 0;
}

static int lock_tree(const struct tree *tr, const char *cmd)
{
	char path[PATH_MAX];
	int fd;

	if (path_printf(path, sizeof(path), "%s.lock", tr->dir) < 0 ||
	    (fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		log_error("%s: cannot open the lock %s.lock: %s", cmd, tr->dir, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	log_info("%s: another suture prepare is working on %s; waiting for it", cmd, tr->dir);
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR || run_interrupted()) {
			log_error("%s: waiting for the lock on %s: %s", cmd, tr->dir,
				  run_interrupted() ? "interrupted" : strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

int tree_prepare(struct tree *tr, const char *cmd)
{
	char release[64], *mk[] = { "mkdir", "-p", tr->dir, NULL };
	struct run_opts plain = { 0 };
	unsigned long long bytes;
	double start = now_seconds();
	int lock, rc = -1;

	if (run_cmd(&plain, mk) != 0) {
		log_error("%s: cannot make %s", cmd, tr->dir);
		return -1;
	}
	if ((lock = lock_tree(tr, cmd)) < 0)
		return -1;
	if (read_stamp(tr, release, sizeof(release), &bytes) == 0) {
		if (strcmp(release, tr->t.release) != 0) {
			log_error("%s: %s was prepared for %s, not %s (remove %s to redo it)", cmd, tr->src, release,
				  tr->t.release, tr->dir);
			goto out;
		}
		log_info("%s: %s (%s) is cached: %s, %.1f GB on disk", cmd, tr->t.release, tr->t.version, tr->src,
			 (double)bytes / 1e9);
		rc = 0;
		goto out;
	}
	log_info("%s: preparing the source tree of %s (%s) in %s", cmd, tr->t.release, tr->t.version, tr->dir);
	if (build_tree(tr, cmd, &bytes) < 0 || write_stamp(tr, cmd, bytes) < 0)
		goto out;
	log_info("%s: ready in %.1f s: %s, %.1f GB on disk", cmd, now_seconds() - start, tr->src, (double)bytes / 1e9);
	rc = 0;
out:
	close(lock);
	return rc;
}
