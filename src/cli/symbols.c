/* `suture symbols [--kernel R] [--kallsyms FILE] NAME...`: every occurrence of each name in the running
 * kernel (vmlinux from a kallsyms dump, modules from the image's .ko files), with its sympos.
 */
#include "cli/cmd.h"
#include "target/paths.h"
#include "target/release.h"
#include "target/symbols.h"
#include "util/log.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: suture symbols [--kernel RELEASE] [--kallsyms FILE] NAME...\n");
}

static void print_occurrence(const struct ksym *s)
{
	if (s->section)
		printf("%-28s %-16s %c  %u/%-3u  %s+0x%" PRIx64 " size %" PRIu64 "\n", s->name, s->object, s->type,
		       s->sympos, s->count, s->section, s->addr, s->size);
	else
		printf("%-28s %-16s %c  %u/%-3u  %016" PRIx64 "\n", s->name, s->object, s->type, s->sympos,
		       s->count, s->addr);
}

int do_symbols(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "kallsyms", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *release = NULL, *kallsyms = NULL;
	char dump[4096], err[512];
	struct ksyms ks = { 0 };
	struct target t;
	int opt, rc = EXIT_FAIL, missing = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k': release = optarg; break;
		case 's': kallsyms = optarg; break;
		case 'h': usage(); return EXIT_OK;
		default: usage(); return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		usage();
		return EXIT_USAGE;
	}
	if (target_open(&t, "symbols", release) < 0)
		return EXIT_FAIL;
	if (!kallsyms) {
		if (path_printf(dump, sizeof(dump), "%s/kallsyms.gz", t.kernel_dir) < 0 || access(dump, R_OK) < 0) {
			log_error("symbols: no kallsyms dump of %s at %s (run tests/vm/capture-kallsyms, or pass "
				  "--kallsyms /proc/kallsyms on the target)", t.release, dump);
			return EXIT_FAIL;
		}
		kallsyms = dump;
	}
	if (ksyms_load_kallsyms(&ks, kallsyms, err, sizeof(err)) < 0) {
		log_error("symbols: %s: %s", kallsyms, err);
		goto out;
	}
	if (ksyms_load_modules(&ks, t.modules_dir, argv + optind, err, sizeof(err)) < 0) {
		log_error("symbols: modules of %s: %s", t.release, err);
		goto out;
	}
	if (ksyms_finish(&ks) < 0) {
		log_error("symbols: out of memory");
		goto out;
	}
	printf("%-28s %-16s %s  %s  %s\n", "NAME", "OBJECT", "T", "SYMPOS", "ADDRESS");
	for (int i = optind; i < argc; i++) {
		size_t first, n = ksyms_lookup(&ks, argv[i], &first);

		if (n == 0) {
			log_error("symbols: %s: not in %s's vmlinux or modules", argv[i], t.release);
			missing++;
		}
		for (size_t k = first; k < first + n; k++)
			print_occurrence(&ks.v[k]);
	}
	rc = missing ? EXIT_FAIL : EXIT_OK;
out:
	ksyms_free(&ks);
	return rc;
}
