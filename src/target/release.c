/* The target kernel release and what follows from it; see release.h. */
#include "target/release.h"
#include "target/paths.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int release_is_valid(const char *release)
{
	size_t n = strlen(release);

	if (n == 0 || n >= sizeof(((struct target *)0)->release))
		return 0;
	if (strncmp(release, "6.1.0-", 6) != 0)
		return 0;
	return strspn(release, "0123456789.-abcdefghijklmnopqrstuvwxyz") == n;
}

int version_upstream(const char *version, char *buf, size_t len)
{
	size_t n = strcspn(version, "-~+");

	if (n == 0 || n >= len)
		return -1;
	memcpy(buf, version, n);
	buf[n] = '\0';
	return 0;
}

static int default_release(const char *cmd, char *buf, size_t len)
{
	const char *env = getenv("SUTURE_KERNEL");
	char path[PATH_MAX];

	if (env && *env) {
		if (strlen(env) >= len)
			return -1;
		strcpy(buf, env);
		return 0;
	}
	if (cache_path(path, sizeof(path), "default-release") < 0 || read_line_file(path, buf, len) < 0) {
		log_error("%s: no target kernel: neither --kernel, $SUTURE_KERNEL nor %s (run scripts/install-deps)",
			  cmd, path);
		return -1;
	}
	return 0;
}

int target_open(struct target *t, const char *cmd, const char *release)
{
	char path[PATH_MAX];

	memset(t, 0, sizeof(*t));
	if (release) {
		if (strlen(release) >= sizeof(t->release)) {
			log_error("%s: kernel release '%s' is too long", cmd, release);
			return -1;
		}
		strcpy(t->release, release);
	} else if (default_release(cmd, t->release, sizeof(t->release)) < 0) {
		return -1;
	}
	if (!release_is_valid(t->release)) {
		log_error("%s: '%s' is not a Debian 12 kernel release (expected e.g. 6.1.0-56-amd64)", cmd,
			  t->release);
		return -1;
	}
	snprintf(t->image_pkg, sizeof(t->image_pkg), "linux-image-%s", t->release);
	snprintf(t->headers_pkg, sizeof(t->headers_pkg), "linux-headers-%s", t->release);
	snprintf(t->headers_dir, sizeof(t->headers_dir), "/usr/src/linux-headers-%s", t->release);
	if (cache_path(t->kernel_dir, sizeof(t->kernel_dir), "kernel/%s", t->release) < 0) {
		log_error("%s: neither $XDG_CACHE_HOME nor $HOME is set", cmd);
		return -1;
	}
	if (path_printf(t->modules_dir, sizeof(t->modules_dir), "%s/image/lib/modules/%s/kernel", t->kernel_dir,
			t->release) < 0 ||
	    path_printf(path, sizeof(path), "%s/version", t->kernel_dir) < 0) {
		log_error("%s: cache path too long: %s", cmd, t->kernel_dir);
		return -1;
	}
	if (read_line_file(path, t->version, sizeof(t->version)) < 0) {
		log_error("%s: kernel %s is not set up: %s: %s (run SUTURE_KERNEL=%s scripts/install-deps)", cmd,
			  t->release, path, strerror(errno), t->release);
		return -1;
	}
	if (version_upstream(t->version, t->upstream, sizeof(t->upstream)) < 0) {
		log_error("%s: %s: '%s' is not a Debian kernel version", cmd, path, t->version);
		return -1;
	}
	return 0;
}
