/* `suture load PATCH.ko | --installed [--timeout S] [--force] [--allow-unsafe-path]`. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/boot.h"
#include "manager/load.h"
#include "manager/lock.h"
#include "util/log.h"

#include <getopt.h>
#include <stddef.h>

int do_load(int argc, char **argv)
{
	static const struct option options[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'f' },
		{ "installed", no_argument, NULL, 'i' },
		{ "allow-unsafe-path", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	struct load_opts opts = { .timeout_s = 60 };
	int opt, installed = 0;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (parse_timeout("load", optarg, &opts.timeout_s))
				return EXIT_USAGE;
			break;
		case 'f':
			opts.force = true;
			break;
		case 'i':
			installed = 1;
			break;
		case 'u':
			opts.allow_unsafe_path = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (installed ? optind != argc : optind != argc - 1) {
		log_error("load: usage: suture load PATCH.ko|--installed [--timeout S] [--force] [--allow-unsafe-path]");
		return EXIT_USAGE;
	}
	if (!mgr_lock("load", argc, argv))
		return EXIT_FAIL;
	if (installed)
		return mgr_load_installed("load", &opts);
	return mgr_load("load", argv[optind], &opts);
}
