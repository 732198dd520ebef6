/* `suture build [options] FIX.patch...`: a fix to a livepatch module (build/build.h). This file only
 * turns the command line into build options: the default name comes from the first diff's file name,
 * the default output is <name>.ko.
 */
#include "build/build.h"
#include "cli/cmd.h"
#include "util/log.h"
#include "util/strv.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: suture build [options] FIX.patch [FIX2.patch...]\n"
		   "  -o, --output FILE       the module (default: NAME.ko)\n"
		   "  -n, --name NAME         module and livepatch name (default: lp_ + the first diff's name)\n"
		   "  -d, --description TEXT  what the patch fixes (default: the diff's Subject: line)\n"
		   "  -f, --fix-id ID         an id the patch fixes, e.g. CVE-2024-1086 (repeatable; default: the\n"
		   "                          CVE ids in the diffs' headers)\n"
		   "  -r, --replace           cumulative: replace every loaded livepatch atomically\n"
		   "      --sign-key KEY --sign-cert CERT   sign with the headers' scripts/sign-file\n"
		   "  -k, --kernel RELEASE    target kernel (default: the one set up)\n"
		   "      --kallsyms FILE     the target's /proc/kallsyms (default: the cached dump)\n"
		   "  -c, --check             stop after the diff engine and print its decisions\n"
		   "      --allow-layout-change TYPE   accept a data-layout change of TYPE (struct foo or foo) the\n"
		   "                          patch handles itself (repeatable)\n"
		   "  -j, --jobs N            compiles at once\n"
		   "      --keep              keep the scratch directory\n");
}

/* "fixes/CVE-2024-1-proc.patch" -> "lp_CVE_2024_1_proc" */
static void default_name(const char *diff, char *name, size_t len)
{
	const char *base = strrchr(diff, '/') ? strrchr(diff, '/') + 1 : diff;
	size_t n = strcspn(base, "."), at = (size_t)snprintf(name, len, "lp_");

	for (size_t i = 0; i < n && at + 1 < len && at < 55; i++, at++)
		name[at] = (base[i] >= 'a' && base[i] <= 'z') || (base[i] >= 'A' && base[i] <= 'Z') ||
				   (base[i] >= '0' && base[i] <= '9') ? base[i] : '_';
	name[at] = '\0';
}

int do_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "description", required_argument, NULL, 'd' },
		{ "fix-id", required_argument, NULL, 'f' },
		{ "replace", no_argument, NULL, 'r' },
		{ "sign-key", required_argument, NULL, 'K' },
		{ "sign-cert", required_argument, NULL, 'C' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "kallsyms", required_argument, NULL, 's' },
		{ "check", no_argument, NULL, 'c' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "keep", no_argument, NULL, 'p' },
		{ "allow-layout-change", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts o = { 0 };
	struct strv fix_ids = { 0 }, layouts = { 0 };
	char name[64], output[4200];
	int opt, rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "ho:n:d:f:rk:cj:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o': o.output = optarg; break;
		case 'n': o.name = optarg; break;
		case 'd': o.description = optarg; break;
		case 'f':
			if (strv_push(&fix_ids, optarg) < 0) {
				log_error("build: out of memory");
				return EXIT_FAIL;
			}
			break;
		case 'r': o.replace = true; break;
		case 'L':
			if (strv_push(&layouts, optarg) < 0) {
				log_error("build: out of memory");
				return EXIT_FAIL;
			}
			break;
		case 'K': o.sign_key = optarg; break;
		case 'C': o.sign_cert = optarg; break;
		case 'k': o.release = optarg; break;
		case 's': o.kallsyms = optarg; break;
		case 'c': o.check = true; break;
		case 'j': o.jobs = atoi(optarg); break;
		case 'p': o.keep = true; break;
		case 'h': usage(stdout); return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind == argc || o.jobs < 0 || !o.sign_key != !o.sign_cert) {
		if (!o.sign_key != !o.sign_cert)
			log_error("build: --sign-key and --sign-cert go together");
		usage(stderr);
		strv_free(&fix_ids);
		strv_free(&layouts);
		return EXIT_USAGE;
	}
	o.diffs = argv + optind;
	o.n_diffs = (size_t)(argc - optind);
	if (!o.name) {
		default_name(o.diffs[0], name, sizeof(name));
		o.name = name;
	}
	if (!o.output) {
		snprintf(output, sizeof(output), "%s.ko", o.name);
		o.output = output;
	}
	if (fix_ids.n) {
		o.fix_ids = fix_ids.v;
		o.n_fix_ids = fix_ids.n;
	}
	o.allowed_layouts = &layouts;
	rc = build_run(&o);
	strv_free(&fix_ids);
	strv_free(&layouts);
	return rc;
}
