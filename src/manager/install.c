/* The installed-module store; see install.h. Copies go through a temporary file in the same
 * directory and a rename, so boot never sees half a module. */
#include "manager/install.h"
#include "manager/paths.h"
#include "manager/statedir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy_fd(int in, int out)
{
	char buf[65536];

	for (;;) {
		ssize_t got = read(in, buf, sizeof(buf)), put = 0;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			return 0;
		while (put < got) {
			ssize_t n = write(out, buf + put, got - put);

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return -errno;
			put += n;
		}
	}
}

int install_add(const char *ko_path, const char *name, const char *release, char *dest,
		size_t dest_size)
{
	char sub[PATH_MAX], tmp[PATH_MAX];
	int in, out, err;

	if ((size_t)snprintf(sub, sizeof(sub), "/%s", release) >= sizeof(sub))
		return -ENAMETOOLONG;
	err = statedir_make(sub);
	if (err)
		return err;
	if (mgr_path(dest, dest_size, ROOT_STATE, "/%s/%s.ko", release, name) ||
	    mgr_path(tmp, sizeof(tmp), ROOT_STATE, "/%s/.%s.ko.new", release, name))
		return -ENAMETOOLONG;
	in = open(ko_path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		err = -errno;
		goto out_in;
	}
	/* The mode of an existing file is not changed by O_CREAT: make sure. */
	err = fchmod(out, 0600) < 0 ? -errno : copy_fd(in, out);
	if (!err && fsync(out) < 0)
		err = -errno;
	if (close(out) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, dest) < 0)
		err = -errno;
	if (err)
		unlink(tmp);
out_in:
	close(in);
	return err;
}

int install_remove(const char *name, const char *release)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_STATE, "/%s/%s.ko", release, name))
		return -ENAMETOOLONG;
	return unlink(path) < 0 ? -errno : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct installed *)a)->name, ((const struct installed *)b)->name);
}

int install_list(const char *release, struct installed **list, size_t *n)
{
	char dir[PATH_MAX];
	struct installed *items = NULL;
	size_t count = 0;
	struct dirent *de;
	DIR *d;

	*list = NULL;
	*n = 0;
	if (mgr_path(dir, sizeof(dir), ROOT_STATE, "/%s", release))
		return -ENAMETOOLONG;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct installed *bigger;

		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".ko") != 0 ||
		    len - 3 >= sizeof(items->name))
			continue;
		bigger = realloc(items, (count + 1) * sizeof(*items));
		if (!bigger) {
			free(items);
			closedir(d);
			return -ENOMEM;
		}
		items = bigger;
		snprintf(items[count].name, sizeof(items[count].name), "%.*s", (int)(len - 3),
			 de->d_name);
		if ((size_t)snprintf(items[count].path, sizeof(items[count].path), "%s/%s", dir,
				     de->d_name) >= sizeof(items[count].path))
			continue;
		count++;
	}
	closedir(d);
	if (count)
		qsort(items, count, sizeof(*items), by_name);
	*list = items;
	*n = count;
	return 0;
}

int install_find(const char *name, const char *release, char *path, size_t size)
{
	if (mgr_path(path, size, ROOT_STATE, "/%s/%s.ko", release, name))
		return -ENAMETOOLONG;
	return access(path, F_OK) == 0 ? 0 : -ENOENT;
}
