/* Symlink farms over the cached tree, and removing them safely; see farm.h. */
#define _GNU_SOURCE
#include "tree/farm.h"
#include "target/paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when dir ("" for the root, else "a/b") must be a real directory: it is a prefix of an opened file's
 * directory.
 */
static int is_open_dir(const struct strv *open, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 0)
		return 1;
	for (size_t i = 0; i < open->n; i++)
		if (strncmp(open->v[i], dir, n) == 0 && open->v[i][n] == '/')
			return 1;
	return 0;
}

/* Fills farm/<dir> with symlinks to the entries of tree/<dir>, recursing into opened subdirectories. */
static int fill(const char *farm, const char *tree, const char *dir, const struct strv *open)
{
	char src[PATH_MAX], dst[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (path_printf(src, sizeof(src), "%s%s%s", tree, *dir ? "/" : "", dir) < 0 || !(d = opendir(src)))
		return -1;
	while (rc == 0 && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (path_printf(sub, sizeof(sub), "%s%s%s", dir, *dir ? "/" : "", de->d_name) < 0 ||
		    path_printf(dst, sizeof(dst), "%s/%s", farm, sub) < 0 ||
		    path_printf(src, sizeof(src), "%s/%s", tree, sub) < 0) {
			rc = -1;
			break;
		}
		if (de->d_type == DT_DIR && is_open_dir(open, sub))
			rc = mkdir(dst, 0755) < 0 ? -1 : fill(farm, tree, sub, open);
		else
			rc = symlink(src, dst);
	}
	closedir(d);
	return rc;
}

int farm_make(const char *farm, const char *tree, const struct strv *open)
{
	char parent[PATH_MAX];

	if (path_printf(parent, sizeof(parent), "%s/x", farm) < 0 || make_parent_dirs(parent) < 0)
		return -1;
	if (mkdir(farm, 0755) < 0 && errno != EEXIST)
		return -1;
	return fill(farm, tree, "", open);
}

int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (close(out) < 0 || n < 0)
		return -1;
	return 0;
}

/* Makes the directories of rel that the farm lacks (a new file in a new directory), refusing to go
 * through a symlink: below one is the tree. */
static int make_real_dirs(const char *farm, const char *rel)
{
	char dir[PATH_MAX];
	struct stat st;

	for (const char *slash = strchr(rel, '/'); slash; slash = strchr(slash + 1, '/')) {
		if (path_printf(dir, sizeof(dir), "%s/%.*s", farm, (int)(slash - rel), rel) < 0)
			return -1;
		if (lstat(dir, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				errno = EXDEV;
				return -1;
			}
		} else if (errno != ENOENT || mkdir(dir, 0755) < 0) {
			return -1;
		}
	}
	return 0;
}

int farm_replace(const char *farm, const char *rel, const char *file)
{
	char dst[PATH_MAX];
	struct stat st;

	if (path_printf(dst, sizeof(dst), "%s/%s", farm, rel) < 0 || make_real_dirs(farm, rel) < 0)
		return -1;
	/* Only ever a symlink (or nothing, for a new file) here: never write through one into the tree. */
	if (lstat(dst, &st) == 0) {
		if (!S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		if (unlink(dst) < 0)
			return -1;
	}
	return copy_file(file, dst);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) < 0 ? -1 : 0;
	return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
}

int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

int make_parent_dirs(const char *path)
{
	char buf[PATH_MAX];

	if (path_printf(buf, sizeof(buf), "%s", path) < 0)
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}
