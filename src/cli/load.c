/* `suture load PATCH.ko [PARAM[=VALUE]]... | --installed [--timeout S] [--force]
 * [--allow-unsafe-path]`. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/boot.h"
#include "manager/load.h"
#include "manager/lock.h"
#include "util/log.h"

#include <ctype.h>
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define LOAD_USAGE "load: usage: suture load PATCH.ko [PARAM[=VALUE]]...|--installed [--timeout S] [--force] " \
		   "[--allow-unsafe-path]"

/* One module parameter as the kernel's parser takes it: a name of letters, digits, '_', '-'
 * and '.', then optionally '=' and a value. Blanks and quotes are refused rather than passed
 * on, since the kernel would split or unquote them into other parameters. */
static bool valid_param(const char *param)
{
	const char *c = param;

	while (isalnum((unsigned char)*c) || *c == '_' || *c == '-' || *c == '.')
		c++;
	if (c == param || (*c && *c != '='))
		return false;
	for (; *c; c++)
		if (isspace((unsigned char)*c) || *c == '"' || *c == '\'')
			return false;
	return true;
}

/* The parameters argv[first..argc) as one "a=1 b=2" string in *params (NULL when there are
 * none). Returns 0, or -1 after saying what is wrong. */
static int join_params(int argc, char **argv, int first, char **params)
{
	size_t len = 1;

	*params = NULL;
	for (int i = first; i < argc; i++) {
		if (!valid_param(argv[i])) {
			log_error("load: module parameter '%s': expected NAME or NAME=VALUE, without "
				  "blanks or quotes", argv[i]);
			return -1;
		}
		len += strlen(argv[i]) + 1;
	}
	if (first >= argc)
		return 0;
	*params = calloc(1, len);
	if (!*params) {
		log_error("load: out of memory");
		return -1;
	}
	for (int i = first; i < argc; i++) {
		if (i > first)
			strcat(*params, " ");
		strcat(*params, argv[i]);
	}
	return 0;
}

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
	int opt, installed = 0, rc;
	char *params;

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
	if (installed ? optind != argc : optind >= argc) {
		log_error(LOAD_USAGE);
		return EXIT_USAGE;
	}
	if (join_params(argc, argv, optind + 1, &params))
		return EXIT_USAGE;
	opts.params = params;
	if (!mgr_lock("load", argc, argv))
		rc = EXIT_FAIL;
	else if (installed)
		rc = mgr_load_installed("load", &opts);
	else
		rc = mgr_load("load", argv[optind], &opts);
	free(params);
	return rc;
}
