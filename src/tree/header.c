/* Finding the built .c files that include a header; see header.h. */
#define _GNU_SOURCE
#include "tree/header.h"
#include "tree/farm.h"
#include "tree/where.h"
#include "target/paths.h"
#include "util/log.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The x86 kernel's -I directories (kbuild's LINUXINCLUDE), in order. */
static const char *const include_dirs[] = {
	"arch/x86/include", "arch/x86/include/generated", "include", "arch/x86/include/uapi",
	"arch/x86/include/generated/uapi", "include/uapi", "include/generated/uapi",
};
#define NDIRS (sizeof(include_dirs) / sizeof(include_dirs[0]))

/* Collapses "a/b/../c" and "./" so two spellings of one file compare equal. */
static void normalize(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		if (strncmp(in, "./", 2) == 0) {
			in += 2;
		} else if (strncmp(in, "../", 3) == 0) {
			if (out > p) {
				out--;
				while (out > p && out[-1] != '/')
					out--;
			}
			in += 3;
		} else {
			while (*in && *in != '/')
				*out++ = *in++;
			if (*in == '/')
				*out++ = *in++;
		}
	}
	*out = '\0';
}

size_t include_candidates(const char *includer, const char *spelled, int quoted, char out[][4096], size_t max)
{
	size_t n = 0;

	if (quoted && n < max) {
		const char *slash = strrchr(includer, '/');

		snprintf(out[n], 4096, "%.*s%s%.3000s", slash ? (int)(slash - includer) : 0, includer, slash ? "/" : "",
			 spelled);
		normalize(out[n++]);
	}
	for (size_t i = 0; i < NDIRS && n < max; i++) {
		snprintf(out[n], 4096, "%s/%.3000s", include_dirs[i], spelled);
		normalize(out[n++]);
	}
	return n;
}

/* The index: one line per include edge, "<includer> <target>", where target is the file the directive
 * resolves to in this tree (the first candidate that exists, as the preprocessor picks it).
 */
struct edge {
	char *from, *to;
};

struct index {
	struct edge *e;
	size_t n, cap;
};

static const char *index_root;
static struct index *building;

static int add_edge(struct index *ix, const char *from, const char *to)
{
	if (ix->n == ix->cap) {
		size_t ncap = ix->cap ? ix->cap * 2 : 65536;
		struct edge *n = realloc(ix->e, ncap * sizeof(*n));

		if (!n)
			return -1;
		ix->e = n;
		ix->cap = ncap;
	}
	ix->e[ix->n].from = strdup(from);
	ix->e[ix->n].to = strdup(to);
	if (!ix->e[ix->n].from || !ix->e[ix->n].to)
		return -1;
	ix->n++;
	return 0;
}

static int scan_file(struct index *ix, const char *root, const char *rel)
{
	char path[PATH_MAX], line[1024], cand[8][4096];
	FILE *f;
	int rc = 0;

	if (path_printf(path, sizeof(path), "%s/%s", root, rel) < 0 || !(f = fopen(path, "r")))
		return 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		char *p = line, *end, close;
		size_t n, i;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '#')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "include", 7) != 0)
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '<' && *p != '"')
			continue;
		close = *p == '<' ? '>' : '"';
		if (!(end = strchr(p + 1, close)))
			continue;
		*end = '\0';
		n = include_candidates(rel, p + 1, close == '"', cand, 8);
		for (i = 0; i < n; i++) {
			char full[PATH_MAX];

			if (path_printf(full, sizeof(full), "%s/%s", root, cand[i]) == 0 && access(full, F_OK) == 0) {
				rc = add_edge(ix, rel, cand[i]);
				break;
			}
		}
		/* Not found through the global include paths: a directory's own -I (ccflags-y) finds it. Kept
		 * as "?<spelling>", matched against any header whose path ends in it (over-approximating is
		 * safe: a file that does not really include the header gives identical objects).
		 */
		if (i == n) {
			char loose[4096];

			snprintf(loose, sizeof(loose), "?%.4000s", p + 1);
			rc = add_edge(ix, rel, loose);
		}
	}
	fclose(f);
	return rc;
}

/* Directories no kernel object is compiled from. */
static int skipped_dir(const char *rel)
{
	static const char *const skip[] = { "Documentation", "tools", "samples", "scripts", "usr", "LICENSES" };

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(rel, skip[i]) == 0)
			return 1;
	return rel[0] == '.';
}

static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	const char *rel = path + strlen(index_root) + 1;
	size_t n = strlen(path);

	(void)st;
	if (ftw->level == 0)
		return FTW_CONTINUE;
	if (flag == FTW_D)
		return ftw->level == 1 && skipped_dir(rel) ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
	if (flag != FTW_F || n < 3 || path[n - 2] != '.' || (path[n - 1] != 'c' && path[n - 1] != 'h'))
		return FTW_CONTINUE;
	return scan_file(building, index_root, rel) < 0 ? FTW_STOP : FTW_CONTINUE;
}

static void index_free(struct index *ix)
{
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->e[i].from);
		free(ix->e[i].to);
	}
	free(ix->e);
	memset(ix, 0, sizeof(*ix));
}

static int write_index(const struct index *ix, const char *path)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (path_printf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid()) < 0 || !(f = fopen(tmp, "w")))
		return -1;
	for (size_t i = 0; i < ix->n; i++)
		fprintf(f, "%s %s\n", ix->e[i].from, ix->e[i].to);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int read_index(struct index *ix, const char *path)
{
	char line[2 * PATH_MAX];
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *sp = strchr(line, ' ');

		if (!sp)
			continue;
		*sp = '\0';
		sp[1 + strcspn(sp + 1, "\n")] = '\0';
		if (add_edge(ix, line, sp + 1) < 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return 0;
}

static int load_index(const struct tree *tr, struct index *ix, const char *cmd)
{
	char path[PATH_MAX];
	double start;

	if (path_printf(path, sizeof(path), "%s/includes.idx", tr->dir) < 0)
		return -1;
	if (read_index(ix, path) == 0)
		return 0;
	index_free(ix);
	log_info("%s: indexing the #includes of %s (once per source version)", cmd, tr->src);
	start = now_seconds();
	index_root = tr->src;
	building = ix;
	if (nftw(tr->src, visit, 64, FTW_PHYS | FTW_ACTIONRETVAL) != 0 || write_index(ix, path) < 0) {
		log_error("%s: cannot index the includes of %s into %s: %s", cmd, tr->src, path, strerror(errno));
		index_free(ix);
		return -1;
	}
	log_info("%s: %zu includes indexed in %.1f s", cmd, ix->n, now_seconds() - start);
	return 0;
}

static int cmp_edge_to(const void *a, const void *b)
{
	return strcmp(((const struct edge *)a)->to, ((const struct edge *)b)->to);
}

/* Breadth-first over "who includes this", from header; .c files land in out. */
static int reverse_closure(struct index *ix, const char *header, struct strv *out)
{
	struct strv queue = { 0 };
	int rc = -1;

	size_t loose_first = ix->n, loose_end = ix->n;

	qsort(ix->e, ix->n, sizeof(ix->e[0]), cmp_edge_to);
	/* The "?<spelling>" edges sort together ('?' before letters): find their range once. */
	for (size_t i = 0; i < ix->n; i++)
		if (ix->e[i].to[0] == '?') {
			if (loose_first == ix->n)
				loose_first = i;
			loose_end = i + 1;
		}
	if (strv_push(&queue, header) < 0)
		goto out;
	for (size_t q = 0; q < queue.n; q++) {
		struct edge key = { .to = queue.v[q] };
		struct edge *hit = bsearch(&key, ix->e, ix->n, sizeof(ix->e[0]), cmp_edge_to);
		size_t hlen = strlen(queue.v[q]);

		for (size_t i = loose_first; i < loose_end; i++) {
			const char *spelled = ix->e[i].to + 1;
			size_t slen = strlen(spelled), n = strlen(ix->e[i].from);

			if (slen >= hlen || queue.v[q][hlen - slen - 1] != '/' || strcmp(queue.v[q] + hlen - slen, spelled) != 0)
				continue;
			if (ix->e[i].from[n - 1] == 'c' ? strv_add_unique(out, ix->e[i].from) < 0
							 : strv_add_unique(&queue, ix->e[i].from) < 0)
				goto out;
		}

		if (!hit)
			continue;
		while (hit > ix->e && strcmp(hit[-1].to, queue.v[q]) == 0)
			hit--;
		for (; hit < ix->e + ix->n && strcmp(hit->to, queue.v[q]) == 0; hit++) {
			size_t n = strlen(hit->from);

			if (hit->from[n - 1] == 'c' ? strv_add_unique(out, hit->from) < 0
						      : strv_add_unique(&queue, hit->from) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	strv_free(&queue);
	return rc;
}

int header_index_ensure(const struct tree *tr, const char *cmd)
{
	char path[PATH_MAX];
	struct index ix = { 0 };

	if (path_printf(path, sizeof(path), "%s/includes.idx", tr->dir) < 0)
		return -1;
	if (access(path, R_OK) == 0)
		return 0;
	if (load_index(tr, &ix, cmd) < 0)
		return -1;
	index_free(&ix);
	return 0;
}

int header_includers_all(const struct tree *tr, const char *header, struct strv *out, const char *cmd)
{
	struct index ix = { 0 };
	int rc;

	if (load_index(tr, &ix, cmd) < 0)
		return -1;
	rc = reverse_closure(&ix, header, out);
	index_free(&ix);
	return rc;
}

int tree_header_includers(const struct tree *tr, const char *header, struct strv *sources, const char *cmd)
{
	struct strv all = { 0 };
	size_t built = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	double start = now_seconds();
	int rc = -1;

	if (header_includers_all(tr, header, &all, cmd) < 0)
		goto out;
	for (size_t i = 0; i < all.n; i++) {
		if (!tree_where_quiet(tr, all.v[i]))
			continue;
		built++;
		if (strv_add_unique(sources, all.v[i]) < 0)
			goto out;
	}
	if (built == 0) {
		log_error("%s: %s: no .c file built for %s includes it (%zu in the tree do)", cmd, header,
			  tr->t.release, all.n);
		goto out;
	}
	/* About 1.3 s per compile with the kernel's flags, two per file (original, patched). */
	log_info("%s: %s: included by %zu built .c file%s (%zu in the tree; found in %.1f s); their pairs take "
		 "about %.0f s on %ld CPU%s",
		 cmd, header, built, built == 1 ? "" : "s", all.n, now_seconds() - start,
		 (double)built * 2 * 1.3 / (double)(ncpu > 0 ? ncpu : 1), ncpu, ncpu == 1 ? "" : "s");
	rc = 0;
out:
	strv_free(&all);
	return rc;
}
