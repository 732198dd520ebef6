/* Applying a fix to copies of the tree's files; see apply.h. */
#define _GNU_SOURCE
#include "tree/apply.h"
#include "target/paths.h"
#include "target/run.h"
#include "tree/farm.h"
#include "tree/header.h"
#include "util/log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "hunk #2 of fs/proc/cmdline.c (at line 6)" from patch's report: the first hunk that failed. */
static void first_failure(const char *report, char *where, size_t len)
{
	char file[PATH_MAX] = "";

	snprintf(where, len, "the diff");
	for (const char *line = report; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		unsigned hunk, at;

		if (sscanf(line, "patching file %4095[^\n]", file) == 1)
			continue;
		if (sscanf(line, "Hunk #%u FAILED at %u", &hunk, &at) == 2) {
			snprintf(where, len, "hunk #%u of %s (at line %u)", hunk, *file ? file : "?", at);
			return;
		}
		if (strstr(line, "can't find file") || strstr(line, "No file to patch")) {
			snprintf(where, len, "a file it names (not in the tree)");
			return;
		}
	}
}

int tree_apply_fix(const struct tree *tr, const struct fix *fix, char *const *diffs, size_t n_diffs,
		   const char *newdir, const char *cmd)
{
	if (remove_tree(newdir) < 0) {
		log_error("%s: %s: cannot empty it", cmd, newdir);
		return -1;
	}
	for (size_t i = 0; i < fix->n_files; i++) {
		char from[PATH_MAX], to[PATH_MAX];
		const struct fix_file *f = &fix->files[i];

		if (path_printf(to, sizeof(to), "%s/%s", newdir, f->path) < 0 || make_parent_dirs(to) < 0)
			return -1;
		if (f->change == FIX_CREATE)
			continue;
		if (path_printf(from, sizeof(from), "%s/%s", tr->src, f->path) < 0 || copy_file(from, to) < 0) {
			log_error("%s: %s: not a file of linux-source-6.1 %s", cmd, f->path, tr->t.version);
			return -1;
		}
	}
	for (size_t i = 0; i < n_diffs; i++) {
		char abs[PATH_MAX], where[PATH_MAX + 64];
		/* patch -d changes directory: it needs the diff's absolute path. */
		/* --fuzz=0: a hunk whose context is not all there could land in the wrong place. */
		char *argv[] = { "patch", "-p1", "--batch", "--fuzz=0", "--no-backup-if-mismatch", "-d", (char *)newdir,
				 "-i", abs, NULL };
		char *out = NULL;
		size_t len = 0;
		struct run_opts o = { .quiet_stderr = 1, .capture = &out, .capture_len = &len };
		int status;

		if (!realpath(diffs[i], abs)) {
			log_error("%s: %s: cannot resolve its path", cmd, diffs[i]);
			return -1;
		}
		status = run_cmd(&o, argv);
		if (status == RUN_INTERRUPTED) {
			free(out);
			return -1;
		}
		if (status != 0) {
			first_failure(out, where, sizeof(where));
			log_error("%s: %s: %s does not apply to linux-source-6.1 %s (wrong kernel version, or a fix"
				  " that is already in it?)", cmd, diffs[i], where, tr->t.version);
			free(out);
			return -1;
		}
		free(out);
	}
	return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

int tree_fix_sources(const struct tree *tr, const struct fix *fix, struct strv *sources, const char *cmd)
{
	for (size_t i = 0; i < fix->n_files; i++) {
		const struct fix_file *f = &fix->files[i];

		if (has_suffix(f->path, ".c")) {
			if (f->change == FIX_CREATE) {
				log_error("%s: %s: a new .c file: building it would take a Makefile change, which"
					  " the running kernel was not built with", cmd, f->path);
				return -1;
			}
			if (strv_add_unique(sources, f->path) < 0)
				return -1;
		} else if (f->change == FIX_MODIFY && tree_header_includers(tr, f->path, sources, cmd) < 0) {
			return -1;
		}
	}
	return 0;
}
