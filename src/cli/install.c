/* `suture install PATCH.ko`: keep a livepatch for the boot unit (`suture load --installed`). */
#include "cli/cmd.h"
#include "manager/install.h"
#include "manager/load.h"
#include "manager/modinfo.h"
#include "util/log.h"

#include <limits.h>
#include <string.h>

int do_install(int argc, char **argv)
{
	char why[256], release[128], dest[PATH_MAX];
	struct ko_info info;
	int err, rc = EXIT_FAIL;

	if (argc != 2) {
		log_error("install: usage: suture install PATCH.ko");
		return EXIT_USAGE;
	}
	if (!mgr_require_root("install"))
		return EXIT_FAIL;
	if (ko_read(argv[1], &info, why, sizeof(why))) {
		log_error("install: %s: %s", argv[1], why);
		return EXIT_FAIL;
	}
	if (!info.livepatch) {
		log_error("install: %s: not a livepatch module (its modinfo has no livepatch=Y)", argv[1]);
		goto out;
	}
	if (ko_release(&info, release, sizeof(release))) {
		log_error("install: %s: cannot tell which kernel it is for", argv[1]);
		goto out;
	}
	err = install_add(argv[1], info.name, release, dest, sizeof(dest));
	if (err) {
		log_error("install: %s: cannot store it in the state directory: %s", argv[1],
			  strerror(-err));
		goto out;
	}
	log_info("install: %s: installed as %s; loaded at boot of %s (load it now with 'suture load')",
		 info.name, dest, release);
	rc = EXIT_OK;
out:
	ko_free(&info);
	return rc;
}
