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
#include "tree/cache.h"
#include "tree/farm.h"
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

/* The files a unified diff changes ("+++ b/path" lines). New and deleted files are refused. */
static int patch_files(const char *patch, struct strv *files)
{
	char line[4096];
	FILE *f = fopen(patch, "r");

	if (!f) {
		log_error("pair: %s: cannot read it", patch);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p;

		if (strncmp(line, "+++ ", 4) != 0)
			continue;
		line[strcspn(line, "\t\n")] = '\0';
		p = line + 4;
		if (strcmp(p, "/dev/null") == 0 || strncmp(p, "b/", 2) != 0) {
			log_error("pair: %s: '%s': only changes to existing files with a/ b/ prefixes are supported", patch,
				  p);
			fclose(f);
			return -1;
		}
		if (strv_add_unique(files, p + 2) < 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (files->n == 0) {
		log_error("pair: %s: not a unified diff (no '+++ b/...' lines)", patch);
		return -1;
	}
	return 0;
}

/* Copies the changed files out of the tree into newdir and applies the patch there. */
static int apply_patch(const struct tree *tr, const char *patch, const struct strv *files, const char *newdir)
{
	char abs[PATH_MAX];
	/* patch -d changes directory: it needs the diff's absolute path. */
	char *argv[] = { "patch", "-p1", "-s", "--batch", "--no-backup-if-mismatch", "-d", (char *)newdir, "-i",
			 abs, NULL };
	struct run_opts o = { 0 };

	if (!realpath(patch, abs) || remove_tree(newdir) < 0)
		return -1;
	for (size_t i = 0; i < files->n; i++) {
		char from[PATH_MAX], to[PATH_MAX];

		if (path_printf(from, sizeof(from), "%s/%s", tr->src, files->v[i]) < 0 ||
		    path_printf(to, sizeof(to), "%s/%s", newdir, files->v[i]) < 0 || make_parent_dirs(to) < 0 ||
		    copy_file(from, to) < 0) {
			log_error("pair: %s: %s: not a file of %s's source", patch, files->v[i], tr->t.version);
			return -1;
		}
	}
	if (run_cmd(&o, argv) != 0) {
		log_error("pair: %s does not apply to linux-source-6.1 %s", patch, tr->t.version);
		return -1;
	}
	return 0;
}

/* Sources to pair: the changed .c files, and the built includers of changed headers. */
static int collect_sources(const struct tree *tr, const struct strv *files, struct strv *sources)
{
	for (size_t i = 0; i < files->n; i++) {
		const char *f = files->v[i];
		size_t n = strlen(f);

		if (n > 2 && strcmp(f + n - 2, ".c") == 0) {
			if (strv_add_unique(sources, f) < 0)
				return -1;
		} else if (n > 2 && strcmp(f + n - 2, ".h") == 0) {
			if (tree_header_includers(tr, f, sources, "pair") < 0)
				return -1;
		} else {
			log_error("pair: %s: only .c and .h changes can be compiled (livepatching cannot change %s)", f,
				  n > 2 && strcmp(f + n - 2, ".S") == 0 ? "assembly" : "this kind of file");
			return -1;
		}
	}
	return 0;
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
	struct strv files = { 0 }, sources = { 0 };
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
		if (patch_files(argv[optind], &files) < 0 || apply_patch(&tr, argv[optind], &files, newdir) < 0 ||
		    collect_sources(&tr, &files, &sources) < 0)
			goto out;
		if (!(changes = calloc(files.n, sizeof(*changes))))
			goto out;
		for (size_t i = 0; i < files.n; i++) {
			changes[i].path = files.v[i];
			if (asprintf((char **)&changes[i].file, "%s/%s", newdir, files.v[i]) < 0)
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
	if (tree_pairs(&tr, &sources, changes, changes ? files.n : 0, &po, "pair") < 0)
		goto out;
	if (fidelity && tree_fidelity_report(&tr, &sources, outdir, verbose, "pair") < 0)
		goto out;
	rc = EXIT_OK;
out:
	for (size_t i = 0; changes && i < files.n; i++)
		free((char *)changes[i].file);
	free(changes);
	strv_free(&files);
	strv_free(&sources);
	if (run_interrupted())
		return 128 + run_interrupt_signal();
	return rc;
}
