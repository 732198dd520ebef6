/* The target kernel: a release string (6.1.0-56-amd64) and what follows from it — the Debian version of
 * its image (= the linux-source-6.1 version to build from), the package names, the headers directory, and
 * the unpacked image. The release is chosen like scripts/kernel-release: --kernel, else $SUTURE_KERNEL,
 * else the release recorded at set-up (<cache>/default-release).
 */
#ifndef SUTURE_TARGET_RELEASE_H
#define SUTURE_TARGET_RELEASE_H

#include <limits.h>
#include <stddef.h>

struct target {
	char release[64];            /* 6.1.0-56-amd64 */
	char version[64];            /* Debian version of the image: 6.1.192-2 */
	char upstream[32];           /* 6.1.192: what the source's Makefile must say */
	char image_pkg[96];          /* linux-image-6.1.0-56-amd64 */
	char headers_pkg[96];        /* linux-headers-6.1.0-56-amd64 */
	char headers_dir[PATH_MAX];  /* /usr/src/linux-headers-6.1.0-56-amd64 */
	char kernel_dir[PATH_MAX];   /* <cache>/kernel/<release>: image/, version, kallsyms.gz */
	char modules_dir[PATH_MAX];  /* <kernel_dir>/image/lib/modules/<release>/kernel */
};

/* The source package every release is built from. */
#define SOURCE_PKG "linux-source-6.1"

/* Fills t for release (NULL: the default as above). Fails, after saying why (prefixed with cmd), when the
 * release is malformed or was never set up by scripts/install-deps. Returns 0 or -1.
 */
int target_open(struct target *t, const char *cmd, const char *release);

/* Checks that release looks like 6.1.0-N-amd64 (no path characters). */
int release_is_valid(const char *release);

/* "6.1.192-2" -> "6.1.192" (the upstream part, before the Debian revision). Returns 0 or -1. */
int version_upstream(const char *version, char *buf, size_t len);

#endif
