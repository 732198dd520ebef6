/* Evaluating kbuild Makefiles against the tree's config; see kbuild.h. */
#define _GNU_SOURCE
#include "tree/kbuild.h"
#include "target/paths.h"
#include "target/run.h"
#include "util/file.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appended to scripts/Makefile.build: prints what Makefile.lib computed, one tagged line per list. The
 * composite parts use kbuild's own suffix-search, so "foo-y", "foo-objs" and "foo-m" mean what they mean to
 * kbuild.
 */
static const char where_mk[] =
	/* An explicit empty rule for this file, or make goes looking for a rule that remakes it. */
	"$(lastword $(MAKEFILE_LIST)): ;\n"
	"suture-strip = $(patsubst ./%,%,$(addprefix $(obj)/,$(patsubst $(obj)/%,%,$(1))))\n"
	"suture-parts = $(call suture-strip,$(call suffix-search,$(patsubst $(obj)/%,%,$(1)),.o,$(2)))\n"
	"suture-where:\n"
	"\t@echo 'Y $(call suture-strip,$(real-obj-y))'\n"
	"\t@echo 'M $(call suture-strip,$(real-obj-m))'\n"
	"\t@echo 'L $(call suture-strip,$(lib-y))'\n"
	"\t@$(foreach c,$(multi-obj-y),echo 'CY $(call suture-strip,$(c)) $(call suture-parts,$(c),-objs -y)';)\n"
	"\t@$(foreach c,$(multi-obj-m),echo 'CM $(call suture-strip,$(c)) $(call suture-parts,$(c),-objs -y -m)';)\n";

/* Appended to the top Makefile: the directories arch/x86/Makefile adds to the root Kbuild's list. */
static const char top_mk[] = "$(lastword $(MAKEFILE_LIST)): ;\n"
			     "suture-top:\n"
			     "\t@echo 'ARCH_CORE=$(ARCH_CORE)'\n"
			     "\t@echo 'ARCH_LIB=$(ARCH_LIB)'\n"
			     "\t@echo 'ARCH_DRIVERS=$(ARCH_DRIVERS)'\n";

void kbuild_base_argv(const struct tree *tr, char **argv, size_t *argc, struct kbuild_bufs *b)
{
	snprintf(b->cc, sizeof(b->cc), "CC=%s", KERNEL_CC);
	snprintf(b->krel, sizeof(b->krel), "KERNELRELEASE=%s", tr->t.release);
	/* Makefile.compiler's try-run makes (and removes) a scratch directory: outside the tree. */
	snprintf(b->tmpout, sizeof(b->tmpout), "TMPOUT=/tmp/suture-kbuild.%ld", (long)getpid());
	argv[(*argc)++] = "make";
	argv[(*argc)++] = "-s";
	argv[(*argc)++] = "--no-print-directory";
	/* As kbuild runs itself: no built-in rules or variables (they would, e.g., try to "remake" included
	 * .cmd files from .o files). */
	argv[(*argc)++] = "-rR";
	argv[(*argc)++] = "-C";
	argv[(*argc)++] = (char *)tr->src;
	argv[(*argc)++] = b->cc;
	argv[(*argc)++] = b->tmpout;
	/* KERNELRELEASE is read from include/config/kernel.release by the tree itself; b->krel is for callers
	 * that run the top Makefile's build targets.
	 */
}

static int write_helper(const struct tree *tr, const char *name, const char *text, char *path, size_t len)
{
	if (path_printf(path, len, "%s/%s", tr->dir, name) < 0)
		return -1;
	return file_write_atomic(path, text);
}

/* ARCH_CORE=... and friends for the root Kbuild, computed once per process. */
static char arch_vars[3][2048];
static int have_arch_vars;

static void parse_top(char *out)
{
	static const char *names[] = { "ARCH_CORE=", "ARCH_LIB=", "ARCH_DRIVERS=" };

	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		for (int i = 0; i < 3; i++)
			if (strncmp(line, names[i], strlen(names[i])) == 0)
				snprintf(arch_vars[i], sizeof(arch_vars[i]), "%s", line);
}

/* The top Makefile takes most of a second to evaluate, and its answer is fixed for the tree: it is kept in
 * <tree dir>/suture-top.vars.
 */
static int top_vars(const struct tree *tr, const char *cmd)
{
	char mk[4096], cache[4096], *out = NULL, *argv[16];
	struct kbuild_bufs b;
	struct run_opts o = { .capture = &out, .quiet_stderr = 1 };
	size_t argc = 0;
	FILE *f;
	int rc;

	if (have_arch_vars)
		return 0;
	if (path_printf(cache, sizeof(cache), "%s/suture-top.vars", tr->dir) == 0 && (f = fopen(cache, "r"))) {
		char text[3 * 2048 + 64];
		size_t n = fread(text, 1, sizeof(text) - 1, f);

		fclose(f);
		text[n] = '\0';
		parse_top(text);
		have_arch_vars = 1;
		return 0;
	}
	if (write_helper(tr, "suture-top.mk", top_mk, mk, sizeof(mk)) < 0) {
		log_error("%s: cannot write %s/suture-top.mk", cmd, tr->dir);
		return -1;
	}
	kbuild_base_argv(tr, argv, &argc, &b);
	argv[argc++] = "-f";
	argv[argc++] = "Makefile";
	argv[argc++] = "-f";
	argv[argc++] = mk;
	argv[argc++] = "suture-top";
	argv[argc] = NULL;
	rc = run_cmd(&o, argv);
	if (rc != 0 || !out) {
		if (rc == RUN_INTERRUPTED)
			log_error("%s: evaluating %s/Makefile: interrupted", cmd, tr->src);
		else
			log_error("%s: evaluating %s/Makefile failed (exit %d)", cmd, tr->src, rc);
		free(out);
		return -1;
	}
	if (write_helper(tr, "suture-top.vars", out, cache, sizeof(cache)) < 0)
		log_warn("%s: cannot cache %s/suture-top.vars", cmd, tr->dir);
	parse_top(out);
	free(out);
	have_arch_vars = 1;
	return 0;
}

static int add_composite(struct kdir *d, char *line, int builtin)
{
	struct kcomposite *n = realloc(d->comp, (d->ncomp + 1) * sizeof(*n));
	char *name, *rest;

	if (!n)
		return -1;
	d->comp = n;
	name = strtok_r(line, " ", &rest);
	if (!name)
		return 0;
	memset(&n[d->ncomp], 0, sizeof(n[0]));
	n[d->ncomp].builtin = builtin;
	if (!(n[d->ncomp].name = strdup(name)))
		return -1;
	d->ncomp++;
	return strv_push_words(&n[d->ncomp - 1].parts, rest ? rest : "");
}

static int parse(struct kdir *d, char *out)
{
	char *save = NULL;

	for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int rc = 0;

		if (strncmp(line, "Y ", 2) == 0 || strcmp(line, "Y") == 0)
			rc = strv_push_words(&d->y, line + 1);
		else if (strncmp(line, "M ", 2) == 0 || strcmp(line, "M") == 0)
			rc = strv_push_words(&d->m, line + 1);
		else if (strncmp(line, "L ", 2) == 0 || strcmp(line, "L") == 0)
			rc = strv_push_words(&d->lib, line + 1);
		else if (strncmp(line, "CY ", 3) == 0)
			rc = add_composite(d, line + 3, 1);
		else if (strncmp(line, "CM ", 3) == 0)
			rc = add_composite(d, line + 3, 0);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int kbuild_eval_dir(const struct tree *tr, const char *dir, struct kdir *out, const char *cmd)
{
	char mk[4096], objarg[4096], *text = NULL, *argv[32];
	struct kbuild_bufs b;
	struct run_opts o = { .capture = &text, .quiet_stderr = 1 };
	size_t argc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (strcmp(dir, ".") == 0 && top_vars(tr, cmd) < 0)
		return -1;
	if (write_helper(tr, "suture-where.mk", where_mk, mk, sizeof(mk)) < 0 ||
	    path_printf(objarg, sizeof(objarg), "obj=%s", dir) < 0) {
		log_error("%s: cannot write %s/suture-where.mk", cmd, tr->dir);
		return -1;
	}
	kbuild_base_argv(tr, argv, &argc, &b);
	argv[argc++] = "-f";
	argv[argc++] = "scripts/Makefile.build";
	argv[argc++] = "-f";
	argv[argc++] = mk;
	argv[argc++] = objarg;
	argv[argc++] = "srctree=.";
	argv[argc++] = "objtree=.";
	argv[argc++] = "ARCH=x86";
	argv[argc++] = "SRCARCH=x86";
	argv[argc++] = "need-builtin=1";
	argv[argc++] = "need-modorder=1";
	if (strcmp(dir, ".") == 0)
		for (int i = 0; i < 3; i++)
			if (arch_vars[i][0])
				argv[argc++] = arch_vars[i];
	argv[argc++] = "suture-where";
	argv[argc] = NULL;
	rc = run_cmd(&o, argv);
	if (rc != 0 || !text) {
		if (cmd && rc == RUN_INTERRUPTED)
			log_error("%s: evaluating %s/%s's Makefile: interrupted", cmd, tr->src, dir);
		else if (cmd)
			log_error("%s: kbuild cannot evaluate %s/%s's Makefile (exit %d)", cmd, tr->src, dir, rc);
		free(text);
		return -1;
	}
	rc = parse(out, text);
	free(text);
	if (rc < 0) {
		log_error("%s: out of memory", cmd);
		kdir_free(out);
	}
	return rc;
}

void kdir_free(struct kdir *d)
{
	strv_free(&d->y);
	strv_free(&d->m);
	strv_free(&d->lib);
	for (size_t i = 0; i < d->ncomp; i++) {
		free(d->comp[i].name);
		strv_free(&d->comp[i].parts);
	}
	free(d->comp);
	memset(d, 0, sizeof(*d));
}
