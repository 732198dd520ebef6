/* Which object a source file belongs to; see where.h. Walks from the file's directory up to the root,
 * evaluating each Makefile with kbuild (tree/kbuild.c): the file must be in its directory's lists, and each
 * directory must be descended by an ancestor, built-in all the way up for a vmlinux file.
 */
#define _GNU_SOURCE
#include "tree/where.h"
#include "tree/kbuild.h"
#include "target/paths.h"
#include "util/log.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Makefiles evaluated so far in this process (one tree per process): a header's includers share their
 * directories and ancestors, so each Makefile is evaluated once.
 */
struct evaluated {
	char *dir;
	struct kdir d;
};
static struct evaluated *evaluated;
static size_t nevaluated;

struct walk {
	const struct tree *tr;
	const char *cmd;
	int quiet; /* only whether it is built: no messages */
};

static const struct kdir *eval(struct walk *w, const char *dir)
{
	struct evaluated *n;

	for (size_t i = 0; i < nevaluated; i++)
		if (strcmp(evaluated[i].dir, dir) == 0)
			return &evaluated[i].d;
	if (!(n = realloc(evaluated, (nevaluated + 1) * sizeof(*n))))
		return NULL;
	evaluated = n;
	if (!(n[nevaluated].dir = strdup(dir)))
		return NULL;
	if (kbuild_eval_dir(w->tr, dir, &n[nevaluated].d, w->quiet ? NULL : w->cmd) < 0) {
		free(n[nevaluated].dir);
		return NULL;
	}
	return &n[nevaluated++].d;
}

static void parent_of(const char *dir, char *out, size_t len)
{
	const char *slash = strrchr(dir, '/');

	if (!slash)
		snprintf(out, len, ".");
	else
		snprintf(out, len, "%.*s", (int)(slash - dir), dir);
}

static int has_makefile(const struct tree *tr, const char *dir)
{
	char p[PATH_MAX];

	return (path_printf(p, sizeof(p), "%s/%s/Kbuild", tr->src, dir) == 0 && access(p, R_OK) == 0) ||
	       (path_printf(p, sizeof(p), "%s/%s/Makefile", tr->src, dir) == 0 && access(p, R_OK) == 0);
}

/* The value of CONFIG_x in the tree's auto.conf, as "CONFIG_X=m" or "CONFIG_X is not set". */
static void config_value(const struct tree *tr, const char *name, char *out, size_t len)
{
	char path[PATH_MAX], line[512];
	size_t n = strlen(name);
	FILE *f;

	snprintf(out, len, "%s is not set", name);
	if (path_printf(path, sizeof(path), "%s/include/config/auto.conf", tr->src) < 0 || !(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, name, n) == 0 && line[n] == '=') {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, len, "%.250s", line);
			break;
		}
	fclose(f);
}

static int has_word(const char *line, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(line, word); p; p = strstr(p + 1, word)) {
		int before = p == line || strchr(" \t=+:", p[-1]);
		int after = p[n] == '\0' || strchr(" \t\\\n", p[n]);

		if (before && after)
			return 1;
	}
	return 0;
}

/* Reads one Makefile line with its backslash continuations joined (a composite's parts often span lines),
 * without the newline. Returns 0 at the end of the file.
 */
static int read_logical_line(FILE *f, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	while (used + 1 < len && fgets(buf + used, (int)(len - used), f)) {
		used += strcspn(buf + used, "\n");
		buf[used] = '\0';
		if (used == 0 || buf[used - 1] != '\\')
			return 1;
		buf[used - 1] = ' ';
	}
	return used > 0;
}

/* Collects the config options on dir's Makefile lines that list token, following a composite object's
 * variable (foo-$(CONFIG_X) += token) to the line that lists foo.o. Writes "CONFIG_A is not set, ..." or,
 * without any option, the first such line.
 */
static void explain(const struct tree *tr, const char *dir, const char *token, char *out, size_t len)
{
	char path[PATH_MAX], line[8192], first[256] = "", comp[256] = "";
	struct strv seen = { 0 };
	FILE *f = NULL;

	out[0] = '\0';
	if ((path_printf(path, sizeof(path), "%s/%s/Kbuild", tr->src, dir) < 0 || !(f = fopen(path, "r"))) &&
	    (path_printf(path, sizeof(path), "%s/%s/Makefile", tr->src, dir) < 0 || !(f = fopen(path, "r"))))
		return;
	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass == 0 ? token : comp;

		if (!*want)
			break;
		rewind(f);
		while (read_logical_line(f, line, sizeof(line))) {
			if (!has_word(line, want))
				continue;
			if (!first[0])
				snprintf(first, sizeof(first), "%.200s", line);
			for (char *c = strstr(line, "CONFIG_"); c; c = strstr(c + 1, "CONFIG_")) {
				char name[128];
				size_t k = 0;

				while (k < sizeof(name) - 1 && (isalnum((unsigned char)c[k]) || c[k] == '_'))
					name[k] = c[k], k++;
				name[k] = '\0';
				strv_add_unique(&seen, name);
			}
			/* "proc-$(CONFIG_X) += token": the composite proc.o decides too. */
			if (pass == 0 && !comp[0] && strncmp(line, "obj-", 4) != 0) {
				size_t k = strcspn(line, "-");

				if (k > 0 && k < sizeof(comp) - 3 && strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789_") == k)
					snprintf(comp, sizeof(comp), "%.*s.o", (int)k, line);
			}
		}
	}
	fclose(f);
	for (size_t i = 0; i < seen.n; i++) {
		char v[256];
		size_t used = strlen(out);

		config_value(tr, seen.v[i], v, sizeof(v));
		snprintf(out + used, len - used, "%s%s", used ? ", " : "", v);
	}
	if (!out[0] && first[0])
		snprintf(out, len, "%s/%s lists it only as: '%s'", dir, path + strlen(path) - (strstr(path, "Kbuild") ? 5 : 8), first);
	strv_free(&seen);
}

static int find_unit(const struct kdir *d, struct where *w)
{
	for (size_t i = 0; i < d->ncomp; i++)
		if (d->comp[i].builtin == w->builtin && strv_has(&d->comp[i].parts, w->obj)) {
			snprintf(w->unit, sizeof(w->unit), "%s", d->comp[i].name);
			for (size_t k = 0; k < d->comp[i].parts.n; k++)
				if (strv_push(&w->parts, d->comp[i].parts.v[k]) < 0)
					return -1;
			return 0;
		}
	snprintf(w->unit, sizeof(w->unit), "%s", w->obj);
	return strv_push(&w->parts, w->obj);
}

/* Climbs from dir to the root: each directory must be descended by an ancestor (built-in for vmlinux). */
static int check_reached(struct walk *wk, struct where *w, const char *dir)
{
	char child[PATH_MAX], anc[PATH_MAX], key[PATH_MAX], why[1024];

	snprintf(child, sizeof(child), "%s", dir);
	while (strcmp(child, ".") != 0) {
		int found = 0, modules_only = 0;

		parent_of(child, anc, sizeof(anc));
		for (;;) {
			const struct kdir *d;

			if (has_makefile(wk->tr, anc)) {
				if (!(d = eval(wk, anc)))
					return -1;
				found = path_printf(key, sizeof(key), "%s/built-in.a", child) == 0 && strv_has(&d->y, key);
				modules_only = !found && path_printf(key, sizeof(key), "%s/modules.order", child) == 0 &&
					       strv_has(&d->m, key);
				if (found || modules_only)
					break;
			}
			if (strcmp(anc, ".") == 0)
				break;
			parent_of(anc, key, sizeof(key));
			memcpy(anc, key, sizeof(anc));
		}
		if (!found && !modules_only) {
			char token[PATH_MAX];
			const char *rel = strcmp(anc, ".") == 0 ? child : child + strlen(anc) + 1;

			parent_of(child, anc, sizeof(anc));
			path_printf(token, sizeof(token), "%s/", strrchr(child, '/') ? strrchr(child, '/') + 1 : child);
			if (wk->quiet)
				return -1;
			explain(wk->tr, anc, token, why, sizeof(why));
			log_error("%s: %s: not built for %s: kbuild does not descend into %s/ (%s)", wk->cmd, w->source,
				  wk->tr->t.release, rel, why[0] ? why : "no Makefile lists it");
			return -1;
		}
		if (modules_only && w->builtin) {
			if (wk->quiet)
				return -1;
			log_error("%s: %s: not built for %s: %s/ is descended only for modules, so its built-in objects "
				  "are not built", wk->cmd, w->source, wk->tr->t.release, child);
			return -1;
		}
		memcpy(child, anc, sizeof(child));
	}
	return 0;
}

static int check_path(const struct tree *tr, const char *path, const char *cmd)
{
	char full[PATH_MAX];
	size_t n = strlen(path);

	if (n < 3 || strcmp(path + n - 2, ".c") != 0 || path[0] == '/' || strstr(path, "..") ||
	    strncmp(path, "./", 2) == 0) {
		log_error("%s: %s: expected a .c file relative to the kernel tree (e.g. fs/proc/cmdline.c)", cmd, path);
		return -1;
	}
	if (path_printf(full, sizeof(full), "%s/%s", tr->src, path) < 0 || access(full, R_OK) < 0) {
		log_error("%s: %s: no such file in %s's source (%s)", cmd, path, tr->t.release, tr->t.version);
		return -1;
	}
	return 0;
}

static int lookup(const struct tree *tr, const char *path, struct where *w, const char *cmd, int quiet)
{
	struct walk wk = { .tr = tr, .cmd = cmd, .quiet = quiet };
	char dir[PATH_MAX], why[1024];
	const struct kdir *d;
	int rc = -1;

	memset(w, 0, sizeof(*w));
	if (!quiet && check_path(tr, path, cmd) < 0)
		return -1;
	snprintf(w->source, sizeof(w->source), "%s", path);
	snprintf(w->obj, sizeof(w->obj), "%.*s.o", (int)strlen(path) - 2, path);
	/* Objects in a directory without a Makefile are listed by an ancestor's (fs/xfs lists libxfs/...). */
	parent_of(path, dir, sizeof(dir));
	while (strcmp(dir, ".") != 0 && !has_makefile(tr, dir)) {
		char up[PATH_MAX];

		parent_of(dir, up, sizeof(up));
		memcpy(dir, up, sizeof(dir));
	}
	/* Other architectures' directories are never built here (and their Makefiles expect their ARCH). */
	if (strncmp(path, "arch/", 5) == 0 && strncmp(path, "arch/x86/", 9) != 0) {
		if (!quiet)
			log_error("%s: %s: not built for %s (another architecture's code)", cmd, path, tr->t.release);
		goto out;
	}
	if (!(d = eval(&wk, dir)))
		goto out;
	if (strv_has(&d->y, w->obj)) {
		w->builtin = 1;
	} else if (strv_has(&d->lib, w->obj)) {
		w->builtin = w->in_lib = 1;
	} else if (!strv_has(&d->m, w->obj)) {
		const char *base = strrchr(w->obj, '/') ? strrchr(w->obj, '/') + 1 : w->obj;

		if (quiet)
			goto out;
		explain(tr, dir, base, why, sizeof(why));
		log_error("%s: %s: not built for %s (%s)", cmd, path, tr->t.release,
			  why[0] ? why : "no Makefile line lists it");
		goto out;
	}
	if (find_unit(d, w) < 0 || check_reached(&wk, w, dir) < 0)
		goto out;
	if (w->builtin) {
		snprintf(w->object, sizeof(w->object), "vmlinux");
	} else {
		const char *base = strrchr(w->unit, '/') ? strrchr(w->unit, '/') + 1 : w->unit;

		snprintf(w->object, sizeof(w->object), "%.*s", (int)strlen(base) - 2, base);
		for (char *c = w->object; *c; c++)
			if (*c == '-')
				*c = '_';
		snprintf(w->modfile, sizeof(w->modfile), "%.*s.ko", (int)strlen(w->unit) - 2, w->unit);
	}
	rc = 0;
out:
	if (rc < 0)
		where_free(w);
	return rc;
}

int tree_where(const struct tree *tr, const char *path, struct where *w, const char *cmd)
{
	return lookup(tr, path, w, cmd, 0);
}

int tree_where_quiet(const struct tree *tr, const char *path)
{
	struct where w;

	if (lookup(tr, path, &w, "where", 1) < 0)
		return 0;
	where_free(&w);
	return 1;
}

void tree_where_forget(void)
{
	for (size_t i = 0; i < nevaluated; i++) {
		free(evaluated[i].dir);
		kdir_free(&evaluated[i].d);
	}
	free(evaluated);
	evaluated = NULL;
	nevaluated = 0;
}

void where_free(struct where *w)
{
	strv_free(&w->parts);
}
