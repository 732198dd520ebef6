/* `suture unload NAME... | --all [--timeout S]`. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/load.h"
#include "manager/lock.h"
#include "manager/sysfs.h"
#include "util/log.h"

#include <getopt.h>
#include <stddef.h>

int do_unload(int argc, char **argv)
{
	static const struct option options[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct load_opts opts = { .timeout_s = 60 };
	int opt, all = 0, rc = EXIT_OK;
	char **names;
	size_t n;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (parse_timeout("unload", optarg, &opts.timeout_s))
				return EXIT_USAGE;
			break;
		case 'a':
			all = 1;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (all ? optind != argc : optind == argc) {
		log_error("unload: usage: suture unload NAME...|--all [--timeout S]");
		return EXIT_USAGE;
	}
	if (!mgr_lock("unload", argc, argv))
		return EXIT_FAIL;
	if (!all) {
		for (int i = optind; i < argc; i++)
			if (mgr_unload("unload", argv[i], &opts) != EXIT_OK)
				rc = EXIT_FAIL;
		return rc;
	}
	if (!mgr_require_root("unload") || !mgr_require_livepatch("unload"))
		return EXIT_FAIL;
	if (lp_names(&names, &n)) {
		log_error("unload: cannot list the loaded livepatches");
		return EXIT_FAIL;
	}
	/* Newest last in the kernel's stack; the order does not matter to 6.1, so by name. */
	for (size_t i = 0; i < n; i++)
		if (mgr_unload("unload", names[i], &opts) != EXIT_OK)
			rc = EXIT_FAIL;
	lp_names_free(names, n);
	return rc;
}
