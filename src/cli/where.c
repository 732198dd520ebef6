/* `suture where [--kernel R] FILE.c...`: for each source file, whether this config builds it, into vmlinux or
 * into which module, and with which other files (tree/where.c asks kbuild).
 */
#include "cli/cmd.h"
#include "target/release.h"
#include "tree/cache.h"
#include "tree/where.h"
#include "util/log.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void print_where(const struct where *w)
{
	printf("%s: %s", w->source, w->object);
	if (!w->builtin)
		printf(" (%s)", w->modfile);
	else if (w->in_lib)
		printf(" (through lib.a)");
	if (strcmp(w->unit, w->obj) != 0)
		printf(", linked as %s", w->unit);
	printf("\n");
	if (w->parts.n > 1) {
		printf("  with:");
		for (size_t i = 0; i < w->parts.n; i++)
			if (strcmp(w->parts.v[i], w->obj) != 0)
				printf(" %s", w->parts.v[i]);
		printf("\n");
	}
}

int do_where(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *release = NULL;
	struct target t;
	struct tree tr;
	int opt, failed = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k': release = optarg; break;
		case 'h': printf("usage: suture where [--kernel RELEASE] FILE.c...\n"); return EXIT_OK;
		default: fprintf(stderr, "usage: suture where [--kernel RELEASE] FILE.c...\n"); return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "usage: suture where [--kernel RELEASE] FILE.c...\n");
		return EXIT_USAGE;
	}
	if (target_open(&t, "where", release) < 0 || tree_locate(&tr, &t, "where") < 0 ||
	    tree_check_ready(&tr, "where") < 0)
		return EXIT_FAIL;
	for (int i = optind; i < argc; i++) {
		struct where w;

		if (tree_where(&tr, argv[i], &w, "where") < 0) {
			failed = 1;
			continue;
		}
		print_where(&w);
		where_free(&w);
	}
	return failed ? EXIT_FAIL : EXIT_OK;
}
