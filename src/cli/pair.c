/* `suture pair [--kernel R] [-o DIR] [-j N] [--plain] PATCH | --original FILE.c...`: compile the original and
 * patched objects of every file a unified diff changes (a changed header: of the built .c files that include
 * it), then check the originals against the running kernel (tree/fidelity.c). For people, tests and the
 * bench; `suture build` does the same on its way to a module.
 */
#define _GNU_SOURCE
#include "cli/cmd.h"
#include "target/paths.h"
#include "target/release.h"
#include "target/run.h"
#include "fix/fix.h"
#include "tree/apply.h"
#include "tree/cache.h"
#include "tree/fidelity.h"
#include "tree/header.h"
#include "tree/pair.h"
#include "tree/where.h"
#include "util/log.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: suture pair [--kernel RELEASE] [-o DIR] [-j N] [--plain] [--no-fidelity] [--dry-run] PATCH\n"
		   "       suture pair [--kernel RELEASE] [-o DIR] [-j N] [--plain] [--no-fidelity] --original FILE.c...\n"
		   "  --dry-run: list the .c files whose pairs would be compiled (a header's built includers), and stop\n"
		   "  -v, --verbose: every original function with the sympos of the kernel symbol it matched\n");
}

int do_pair(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "plain", no_argument, NULL, 'p' },
		{ "original", no_argument, NULL, 'O' },
		{ "no-fidelity", no_argument, NULL, 'F' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *release = NULL, *outdir = "pair-out";
	struct fix fix = { 0 };
	struct strv sources = { 0 };
	struct pair_change *changes = NULL;
	struct pair_opts po = { 0 };
	char newdir[PATH_MAX];
	int opt, original = 0, fidelity = 1, dry_run = 0, verbose = 0, rc = EXIT_FAIL;
	struct target t;
	struct tree tr;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "ho:j:v", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k': release = optarg; break;
		case 'o': outdir = optarg; break;
		case 'j': po.jobs = atoi(optarg); break;
		case 'p': po.plain = 1; break;
		case 'O': original = 1; break;
		case 'F': fidelity = 0; break;
		case 'n': dry_run = 1; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind == argc || (!original && argc - optind != 1) || po.jobs < 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	run_catch_signals();
	if (target_open(&t, "pair", release) < 0 || tree_locate(&tr, &t, "pair") < 0 || tree_check_ready(&tr, "pair") < 0)
		return EXIT_FAIL;
	po.outdir = outdir;
	if (path_printf(newdir, sizeof(newdir), "%s/new", outdir) < 0)
		return EXIT_FAIL;
	if (original) {
		for (int i = optind; i < argc; i++)
			if (strv_add_unique(&sources, argv[i]) < 0)
				goto out;
	} else {
		if (fix_load(&fix, argv[optind]) < 0 || tree_apply_fix(&tr, &fix, &argv[optind], 1, newdir, "pair") < 0 ||
		    tree_fix_sources(&tr, &fix, &sources, "pair") < 0)
			goto out;
		if (!(changes = calloc(fix.n_files ? fix.n_files : 1, sizeof(*changes))))
			goto out;
		for (size_t i = 0; i < fix.n_files; i++) {
			changes[i].path = fix.files[i].path;
			if (asprintf((char **)&changes[i].file, "%s/%s", newdir, fix.files[i].path) < 0)
				goto out;
		}
	}
	if (dry_run) {
		for (size_t i = 0; i < sources.n; i++)
			printf("%s\n", sources.v[i]);
		rc = EXIT_OK;
		goto out;
	}
	for (size_t i = 0; i < sources.n; i++) {
		struct where w;

		if (tree_where(&tr, sources.v[i], &w, "pair") < 0)
			goto out;
		log_info("pair: %s: %s%s%s", w.source, w.object, w.builtin ? "" : " ", w.builtin ? "" : w.modfile);
		where_free(&w);
	}
	if (tree_pairs(&tr, &sources, changes, changes ? fix.n_files : 0, &po, "pair") < 0)
		goto out;
	if (fidelity && tree_fidelity_report(&tr, &sources, outdir, verbose, "pair") < 0)
		goto out;
	rc = EXIT_OK;
out:
	for (size_t i = 0; changes && i < fix.n_files; i++)
		free((char *)changes[i].file);
	free(changes);
	fix_free(&fix);
	strv_free(&sources);
	if (run_interrupted())
		return 128 + run_interrupt_signal();
	return rc;
}
