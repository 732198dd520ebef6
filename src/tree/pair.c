/* Compiling original and patched objects outside the cached tree; see pair.h. */
#define _GNU_SOURCE
#include "tree/pair.h"
#include "tree/farm.h"
#include "tree/kcmd.h"
#include "target/paths.h"
#include "target/run.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* One compile: a farm, kbuild's command, and where the object goes. */
struct job {
	const char *source;
	char obj[PATH_MAX];
	char farm[PATH_MAX];
	int log_fd;           /* the compiler's output, in memory (memfd), or -1 */
	char dest[PATH_MAX];  /* <outdir>/{orig,patched}/<obj> */
	char cache[PATH_MAX]; /* original object cache, or "" */
	char *command;        /* the shell command run in the farm */
	int patched;
	pid_t pid;
	double start, seconds;
};

/* kbuild's command with our flags before "-c -o", and debug paths pointing at the tree, not the farm. */
static char *job_command(const char *kcmd, const char *farm, const char *src, int plain)
{
	const char *at = strstr(kcmd, " -c -o ");
	char *out = NULL;

	if (!at)
		return NULL;
	if (plain)
		return strdup(kcmd);
	if (asprintf(&out, "%.*s " PAIR_CFLAGS " '-fdebug-prefix-map=%s=%s'%s", (int)(at - kcmd), kcmd, farm, src,
		     at) < 0)
		return NULL;
	return out;
}

static int setup_job(const struct tree *tr, struct job *j, const char *kcmd, const struct pair_change *changes,
		     size_t nchanges, const struct pair_opts *o, int index)
{
	const char *base = strrchr(j->obj, '/') ? strrchr(j->obj, '/') + 1 : j->obj;
	char dep[PATH_MAX], built[PATH_MAX];
	struct strv open = { 0 };
	int rc = -1;

	if (path_printf(j->farm, sizeof(j->farm), "%s/.farm/%s-%d", o->outdir, j->patched ? "patched" : "orig",
			index) < 0 ||
	    path_printf(j->dest, sizeof(j->dest), "%s/%s/%s", o->outdir, j->patched ? "patched" : "orig", j->obj) < 0)
		return -1;
	if (strchr(j->farm, '\'') || strchr(tr->src, '\'')) {
		errno = EINVAL;
		return -1;
	}
	if (strv_push(&open, j->source) < 0)
		goto out;
	for (size_t i = 0; j->patched && i < nchanges; i++)
		if (strv_push(&open, changes[i].path) < 0)
			goto out;
	/* In memory, not a file in the scratch directory: on a full disk such a file would lose the
	 * compiler's own words, the very ones saying that the disk is full. */
	if ((j->log_fd = memfd_create("suture-compile-log", MFD_CLOEXEC)) < 0)
		goto out;
	if (remove_tree(j->farm) < 0 || farm_make(j->farm, tr->src, &open) < 0)
		goto out;
	for (size_t i = 0; j->patched && i < nchanges; i++)
		if (farm_replace(j->farm, changes[i].path, changes[i].file) < 0)
			goto out;
	/* The compiler and objtool write the object and its dependency file: should the tree hold files of those
	 * names, their links must go, or the writes would land in the tree.
	 */
	if (path_printf(dep, sizeof(dep), "%s/%.*s.%s.d", j->farm, (int)(base - j->obj), j->obj, base) < 0 ||
	    path_printf(built, sizeof(built), "%s/%s", j->farm, j->obj) < 0 || (unlink(dep) < 0 && errno != ENOENT) ||
	    (unlink(built) < 0 && errno != ENOENT))
		goto out;
	if (!(j->command = job_command(kcmd, j->farm, tr->src, o->plain)))
		goto out;
	rc = 0;
out:
	strv_free(&open);
	return rc;
}

static int start_job(struct job *j)
{
	char *argv[] = { "sh", "-c", j->command, NULL };
	struct run_opts ro = { .cwd = j->farm, .stdout_fd = j->log_fd, .stderr_to_stdout = 1 };

	j->start = now_seconds();
	j->pid = run_spawn(&ro, argv);
	return j->pid < 0 ? -1 : 0;
}

enum { LOG_SHOWN_MAX = 64 * 1024, LOG_LINES_SHOWN = 40 };

/* The start of a job's compiler output, NUL-terminated (empty when unreadable). Free it. */
static char *read_log(int fd)
{
	char *text = malloc(LOG_SHOWN_MAX + 1);
	ssize_t got = text ? pread(fd, text, LOG_SHOWN_MAX, 0) : -1;

	if (text)
		text[got > 0 ? got : 0] = '\0';
	return text;
}

static void show_log(const char *text)
{
	const char *line = text;

	for (int n = 0; line && *line && n < LOG_LINES_SHOWN; n++) {
		size_t len = strcspn(line, "\n");

		fprintf(stderr, "%.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

#define NO_SPACE "No space left on device"

/* One line for a failed compile. A full disk is said in it, quoting the compiler's line that names
 * the file it could not write: the exit code does not say why, and the errors that follow from
 * the missing file (objtool's, say) bury the reason. */
static void report_failed(const struct job *j, int rc, const char *text, const char *cmd)
{
	const char *kind = j->patched ? "patched" : "original", *hit = text ? strstr(text, NO_SPACE) : NULL;

	if (hit) {
		const char *start = hit;

		while (start > text && start[-1] != '\n')
			start--;
		log_error("%s: %s: the %s compile failed: " NO_SPACE " (%.*s); free some space or point TMPDIR at "
			  "a roomier directory:", cmd, j->source, kind, (int)strcspn(start, "\n"), start);
	} else {
		log_error("%s: %s: the %s compile failed (exit %d):", cmd, j->source, kind, rc);
	}
	show_log(text);
}

/* Copies via a temporary name, so a reader never sees half an object. */
static int install(const char *from, const char *to)
{
	char tmp[PATH_MAX];

	if (path_printf(tmp, sizeof(tmp), "%s.%ld.tmp", to, (long)getpid()) < 0 || make_parent_dirs(to) < 0 ||
	    copy_file(from, tmp) < 0)
		return -1;
	if (rename(tmp, to) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int finish_job(struct job *j, const char *cmd)
{
	char built[PATH_MAX], dep[PATH_MAX], depcache[PATH_MAX];
	const char *base = strrchr(j->obj, '/') ? strrchr(j->obj, '/') + 1 : j->obj;
	int rc = run_wait(j->pid);

	j->seconds = now_seconds() - j->start;
	if (rc == RUN_INTERRUPTED)
		return -1;
	if (rc != 0) {
		char *text = read_log(j->log_fd);

		report_failed(j, rc, text, cmd);
		free(text);
		return -1;
	}
	if (path_printf(built, sizeof(built), "%s/%s", j->farm, j->obj) < 0 || install(built, j->dest) < 0) {
		log_error("%s: %s: cannot store the object in %s: %s", cmd, j->source, j->dest, strerror(errno));
		return -1;
	}
	/* The original's dependency list (every header it read) helps find a header's includers later. */
	if (j->cache[0]) {
		if (path_printf(dep, sizeof(dep), "%s/%.*s.%s.d", j->farm, (int)(base - j->obj), j->obj, base) < 0 ||
		    path_printf(depcache, sizeof(depcache), "%.*s.d", (int)strlen(j->cache) - 2, j->cache) < 0 ||
		    install(built, j->cache) < 0 || install(dep, depcache) < 0)
			log_warn("%s: %s: cannot cache the original object in %s", cmd, j->source, j->cache);
	}
	return 0;
}

/* Runs the jobs, at most o->jobs at once, in order. Returns 0 or -1. */
static int run_jobs(struct job *jobs, size_t n, int parallel, const char *cmd)
{
	size_t next = 0, done = 0;
	int rc = 0;

	while (done < n) {
		while (rc == 0 && next < n && next - done < (size_t)parallel) {
			if (start_job(&jobs[next]) < 0) {
				log_error("%s: %s: cannot start the compiler: %s", cmd, jobs[next].source, strerror(errno));
				rc = -1;
				break;
			}
			next++;
		}
		if (done == next)
			break;
		if (finish_job(&jobs[done], cmd) < 0)
			rc = -1;
		done++;
	}
	/* After a failure the started compiles are still waited for (finish_job above): nothing outlives us. */
	return rc;
}

int tree_pairs(const struct tree *tr, const struct strv *sources, const struct pair_change *changes,
	       size_t nchanges, const struct pair_opts *o, const char *cmd)
{
	struct strv objs = { 0 }, kcmds = { 0 };
	struct job *jobs = calloc(sources->n * 2 + 1, sizeof(*jobs));
	char farms[PATH_MAX];
	size_t n = 0, cached = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	double start = now_seconds();
	int rc = -1;

	if (!jobs || path_printf(farms, sizeof(farms), "%s/.farm", o->outdir) < 0)
		goto out;
	for (size_t i = 0; i < sources->n; i++) {
		char obj[PATH_MAX];

		if (path_printf(obj, sizeof(obj), "%.*s.o", (int)strlen(sources->v[i]) - 2, sources->v[i]) < 0 ||
		    strv_push(&objs, obj) < 0)
			goto out;
	}
	if (kbuild_commands(tr, &objs, &kcmds, cmd) < 0)
		goto out;
	for (size_t i = 0; i < sources->n; i++) {
		for (int patched = 0; patched <= (nchanges ? 1 : 0); patched++) {
			struct job *j = &jobs[n];

			/* A slot whose original came from the cache is reused: start clean (its cache path must
			 * not make the patched object "the original").
			 */
			memset(j, 0, sizeof(*j));
			j->log_fd = -1;
			j->source = sources->v[i];
			j->patched = patched;
			snprintf(j->obj, sizeof(j->obj), "%s", objs.v[i]);
			if (!patched && !o->plain) {
				char dest[PATH_MAX];

				if (path_printf(j->cache, sizeof(j->cache), "%s/objects/%s", tr->dir, j->obj) < 0 ||
				    path_printf(dest, sizeof(dest), "%s/orig/%s", o->outdir, j->obj) < 0)
					goto out;
				if (access(j->cache, R_OK) == 0) {
					if (install(j->cache, dest) < 0) {
						log_error("%s: cannot copy %s to %s: %s", cmd, j->cache, dest, strerror(errno));
						goto out;
					}
					cached++;
					continue;
				}
			}
			if (setup_job(tr, j, kcmds.v[i], changes, nchanges, o, (int)i) < 0) {
				log_error("%s: %s: cannot set up a scratch view of the tree under %s: %s", cmd, j->source,
					  farms, strerror(errno));
				n++;
				goto out;
			}
			n++;
		}
	}
	if (run_jobs(jobs, n, o->jobs > 0 ? o->jobs : (ncpu > 0 ? (int)ncpu : 1), cmd) < 0)
		goto out;
	for (size_t k = 0; k < n; k++)
		log_info("%s: %s: %s object: %.1f s", cmd, jobs[k].source, jobs[k].patched ? "patched" : "original",
			 jobs[k].seconds);
	log_info("%s: %zu file%s compiled (%zu original%s from the cache) in %.1f s", cmd, sources->n,
		 sources->n == 1 ? "" : "s", cached, cached == 1 ? "" : "s", now_seconds() - start);
	rc = 0;
out:
	if (run_interrupted())
		log_error("%s: interrupted; the cached tree is untouched", cmd);
	for (size_t k = 0; jobs && k < n; k++) {
		free(jobs[k].command);
		if (jobs[k].log_fd >= 0)
			close(jobs[k].log_fd);
	}
	if (jobs && remove_tree(farms) < 0)
		log_warn("%s: cannot remove %s: %s", cmd, farms, strerror(errno));
	free(jobs);
	strv_free(&objs);
	strv_free(&kcmds);
	return rc;
}
