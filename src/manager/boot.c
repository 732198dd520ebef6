/* Loading the installed livepatches at boot; see boot.h. */
#include "manager/boot.h"
#include "manager/install.h"
#include "manager/kernel.h"
#include "manager/modinfo.h"
#include "manager/sysfs.h"
#include "util/log.h"

#include <stdlib.h>
#include <string.h>

/* Whether the module fits the running kernel; says why not. Already loaded counts as done. */
static bool should_load(const char *cmd, const struct installed *item, const char *running)
{
	char why[256], built_for[128];
	struct ko_info info;
	bool ok = false;

	if (ko_read(item->path, &info, why, sizeof(why))) {
		log_error("%s: %s: skipped: %s", cmd, item->path, why);
		return false;
	}
	if (ko_release(&info, built_for, sizeof(built_for)))
		log_info("%s: %s: skipped: no kernel release in its vermagic '%s'", cmd, item->path,
			 info.vermagic);
	else if (strcmp(built_for, running) != 0)
		log_info("%s: %s: skipped: built for kernel %s, this kernel is %s", cmd, item->path,
			 built_for, running);
	else if (lp_exists(info.name))
		log_info("%s: %s: already loaded", cmd, info.name);
	else
		ok = true;
	ko_free(&info);
	return ok;
}

int mgr_load_installed(const char *cmd, const struct load_opts *opts)
{
	struct installed *items;
	char running[128];
	size_t n;
	int err, rc = EXIT_OK, loaded = 0;

	if (!mgr_require_root(cmd) || !mgr_require_livepatch(cmd))
		return EXIT_FAIL;
	if (kernel_release(running, sizeof(running))) {
		log_error("%s: cannot tell the running kernel's release", cmd);
		return EXIT_FAIL;
	}
	err = install_list(running, &items, &n);
	if (err) {
		log_error("%s: cannot read the installed livepatches for %s: %s", cmd, running,
			  strerror(-err));
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!should_load(cmd, &items[i], running))
			continue;
		if (mgr_load(cmd, items[i].path, opts) != EXIT_OK)
			rc = EXIT_FAIL;
		else
			loaded++;
	}
	log_info("%s: %d of %zu installed livepatch%s for %s loaded now", cmd, loaded, n,
		 n == 1 ? "" : "es", running);
	free(items);
	return rc;
}
