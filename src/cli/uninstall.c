/* `suture uninstall NAME`: stop loading a livepatch at boot (a loaded one stays loaded). */
#include "cli/cmd.h"
#include "manager/install.h"
#include "manager/kernel.h"
#include "manager/load.h"
#include "manager/sysfs.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int do_uninstall(int argc, char **argv)
{
	char release[128], name[256];
	int err;

	if (argc != 2) {
		log_error("uninstall: usage: suture uninstall NAME");
		return EXIT_USAGE;
	}
	if (!mgr_require_root("uninstall"))
		return EXIT_FAIL;
	if (kernel_release(release, sizeof(release)) ||
	    (size_t)snprintf(name, sizeof(name), "%s", argv[1]) >= sizeof(name)) {
		log_error("uninstall: %s: cannot tell the running release, or name too long", argv[1]);
		return EXIT_FAIL;
	}
	lp_normalize(name);
	err = install_remove(name, release);
	if (err == -ENOENT) {
		log_error("uninstall: %s: not installed for %s (see 'suture list')", argv[1], release);
		return EXIT_FAIL;
	}
	if (err) {
		log_error("uninstall: %s: %s", argv[1], strerror(-err));
		return EXIT_FAIL;
	}
	log_info("uninstall: %s: no longer loaded at boot of %s%s", name, release,
		 lp_exists(name) ? " (still loaded now: 'suture unload' removes it)" : "");
	return EXIT_OK;
}
