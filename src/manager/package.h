/* `suture package`: wraps a livepatch module into a Debian package (dpkg-deb) that installs it
 * the way `suture install` does — /var/lib/suture/<release>/<name>.ko, 0700/0600 — loads it from
 * postinst when the running kernel is its release, and unloads it from prerm. suture.service
 * (in the package dist/build-deb makes, which these depend on) loads it at every boot. An
 * upgrade within a series (modules of other names under one package name) loads the new patch
 * before it unloads the old one. */
#ifndef SUTURE_MANAGER_PACKAGE_H
#define SUTURE_MANAGER_PACKAGE_H

#include <stddef.h>

struct package_opts {
	const char *version; /* the package's version; NULL: the module's modinfo version, else 1 */
	const char *output;  /* the .deb to write; NULL: <package>_<version>_<arch>.deb here */
	const char *series;  /* names the package instead of the module's name; NULL: the module's */
};

/* Builds the package; its path goes into out_path. Returns 0, or -1 after printing why. */
int package_build(const char *cmd, const char *ko_path, const struct package_opts *opts,
		  char *out_path, size_t out_size);

#endif
