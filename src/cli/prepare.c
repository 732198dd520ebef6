/* `suture prepare [--kernel RELEASE]`: the target's source tree, extracted, configured and prepared once per
 * source version (tree/cache.c), and its #include index for header changes (tree/header.c).
 */
#include "cli/cmd.h"
#include "target/release.h"
#include "target/run.h"
#include "tree/cache.h"
#include "tree/header.h"
#include "util/log.h"

#include <getopt.h>
#include <stdio.h>

int do_prepare(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *release = NULL;
	struct target t;
	struct tree tr;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k': release = optarg; break;
		case 'h': printf("usage: suture prepare [--kernel RELEASE]\n"); return EXIT_OK;
		default: fprintf(stderr, "usage: suture prepare [--kernel RELEASE]\n"); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: suture prepare [--kernel RELEASE]\n");
		return EXIT_USAGE;
	}
	run_catch_signals();
	if (target_open(&t, "prepare", release) < 0 || tree_locate(&tr, &t, "prepare") < 0)
		return EXIT_FAIL;
	if (tree_prepare(&tr, "prepare") < 0 || header_index_ensure(&tr, "prepare") < 0)
		return EXIT_FAIL;
	return EXIT_OK;
}
