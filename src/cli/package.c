/* `suture package PATCH.ko [--version V] [--series NAME] [-o FILE]`: a .deb that installs the
 * livepatch. */
#include "cli/cmd.h"
#include "manager/package.h"
#include "util/log.h"

#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>

int do_package(int argc, char **argv)
{
	static const struct option options[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "series", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct package_opts opts = { 0 };
	char deb[PATH_MAX];
	int opt;

	while ((opt = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
		switch (opt) {
		case 'v':
			opts.version = optarg;
			break;
		case 'o':
			opts.output = optarg;
			break;
		case 's':
			opts.series = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		log_error("package: usage: suture package PATCH.ko [--version V] [--series NAME] [-o FILE.deb]");
		return EXIT_USAGE;
	}
	if (package_build("package", argv[optind], &opts, deb, sizeof(deb)))
		return EXIT_FAIL;
	printf("%s\n", deb);
	return EXIT_OK;
}
